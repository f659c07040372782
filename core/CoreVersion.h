#pragma once

#include <QString>

namespace RelayDesk {

/// The version string shown by --version, the GUI's about box and the
/// Received: header's "with" comment.
QString coreVersion();

} // namespace RelayDesk
