#include "SettingsFile.h"

#include "config/ConfigLoader.h"
#include "config/ConfigWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace RelayDesk::Ui {

QString SettingsFile::standardPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/relaydesk.ini");
}

SettingsFile::Checked SettingsFile::check(const Config::RelayConfig& config)
{
    Checked checked;
    checked.text = Config::ConfigWriter::toIni(config);
    const Config::RelayConfig::Problem problem = config.crossCheck();
    if (!problem.message.isEmpty()) {
        checked.section = problem.section;
        checked.key = problem.key;
        checked.message =
            problem.key.isEmpty()
                ? QStringLiteral("[%1]: %2").arg(problem.section, problem.message)
                : QStringLiteral("[%1] %2: %3").arg(problem.section, problem.key, problem.message);
        return checked;
    }
    // The loader reads files only; a private temporary one keeps a
    // half-checked configuration away from the real path.
    QTemporaryDir dir;
    if (!dir.isValid()) {
        checked.message =
            QStringLiteral("cannot create a temporary directory: %1").arg(dir.errorString());
        return checked;
    }
    const QString path = dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(checked.text.toUtf8()) < 0) {
        checked.message = QStringLiteral("%1: %2").arg(path, file.errorString());
        return checked;
    }
    file.close();
    QString error;
    checked.config = Config::ConfigLoader::load(path, &error);
    if (!checked.config)
        parseLoaderError(error, path, &checked);
    return checked;
}

void SettingsFile::parseLoaderError(const QString& error, const QString& path, Checked* checked)
{
    static const QRegularExpression line(QStringLiteral("^:\\d+: |^: "));
    static const QRegularExpression where(QStringLiteral("^\\[([^\\]]+)\\](?: ([a-z-]+))?"));
    QString message = error;
    if (message.startsWith(path)) {
        message.remove(0, path.size());
        message.remove(line);
    }
    checked->message = message;
    const auto match = where.match(message);
    if (match.hasMatch()) {
        checked->section = match.captured(1);
        checked->key = match.captured(2);
    }
}

SettingsFile::Loaded SettingsFile::load(const QString& path)
{
    Loaded loaded;
    if (!QFileInfo::exists(path)) {
        loaded.config = Config::RelayConfig{};
        loaded.missing = true;
        return loaded;
    }
    loaded.config = Config::ConfigLoader::load(path, &loaded.error, &loaded.plaintextSecrets);
    return loaded;
}

QString SettingsFile::save(const QString& path, const QString& text)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return QStringLiteral("%1: cannot create the directory").arg(info.absolutePath());
    if (info.exists()) {
        // The previous file stays one step back, e.g. for a diff.
        const QString backup = path + QStringLiteral(".bak");
        QFile::remove(backup);
        QFile previous(path);
        if (!previous.copy(backup))
            return QStringLiteral("%1: cannot keep a backup: %2")
                .arg(backup, previous.errorString());
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace RelayDesk::Ui
