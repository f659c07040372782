#pragma once

#include "CoreSettings.h"
#include "config/RelayConfig.h"

namespace RelayDesk::Service {

/// Turns the validated configuration (INI file + command line) into the
/// settings of the modules that run it. Pure; the GUI and the daemon share it.
CoreSettings coreSettingsFromConfig(const Config::RelayConfig& config);

/// The desktop app's bridge while a secret is still typed into the file
/// (ConfigLoader::load with plaintextSecrets): the relay uses it for this
/// run, in memory as it would a keychain secret, instead of failing on the
/// keychain entry that does not exist yet. Reads `password` of the
/// [smarthost] / [smarthost.NAME] sections and `key-passphrase` of [tls] and
/// [listener.NAME] (each listener takes the one that goes with its key) of
/// `configPath`; returns how many secrets it put in place.
int usePlaintextSecrets(CoreSettings* settings, const QString& configPath);

} // namespace RelayDesk::Service
