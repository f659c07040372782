#pragma once

#include "CoreSettings.h"
#include "config/RelayConfig.h"

namespace RelayDesk::Service {

/// Turns the validated configuration (INI file + command line) into the
/// settings of the modules that run it. Pure; the GUI and the daemon share it.
CoreSettings coreSettingsFromConfig(const Config::RelayConfig& config);

} // namespace RelayDesk::Service
