#pragma once

#include "config/RelayConfig.h"

#include <QString>
#include <optional>

namespace RelayDesk::Ui {

/// The Settings page's file work: loading, validating and saving
/// relaydesk.ini. Every function does disk I/O and is meant to run off the
/// GUI thread (runInBackground); none touches a widget.
class SettingsFile
{
public:
    /// A configuration that passed, or the first problem with the
    /// [section] and key to blame (empty when none can be named).
    struct Checked
    {
        std::optional<Config::RelayConfig> config; ///< as the loader reads the text back
        QString text;                              ///< the INI text that was checked
        QString section;
        QString key;
        QString message; ///< "[section] key = "value": what", without file and line
    };
    struct Loaded
    {
        std::optional<Config::RelayConfig> config;
        QString error;
        bool missing = false; ///< no file yet: config holds the built-in defaults
        /// "[smarthost] password" for each secret typed into the file; the
        /// config leaves them out (see ConfigLoader::load).
        QStringList plaintextSecrets;
    };

    /// The standard place when the app was started without --config:
    /// ~/.config/RelayDesk/relaydesk.ini.
    static QString standardPath();

    /// Checks the rules between settings (RelayConfig::crossCheck), then
    /// writes the configuration with ConfigWriter into a temporary file and
    /// loads it with ConfigLoader, so every rule of the loader applies.
    static Checked check(const Config::RelayConfig& config);

    /// Loads `path`; a missing file gives the built-in defaults.
    static Loaded load(const QString& path);

    /// Replaces `path` with `text` atomically (QSaveFile), keeping the
    /// previous file as `path`.bak. Returns an empty string on success.
    static QString save(const QString& path, const QString& text);

    /// Splits a loader error ("FILE:LINE: [section] key ...: what") into
    /// the section, the key and the message without the file name.
    static void parseLoaderError(const QString& error, const QString& path, Checked* checked);
};

} // namespace RelayDesk::Ui
