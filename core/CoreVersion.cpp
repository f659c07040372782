#include "CoreVersion.h"

namespace RelayDesk {

QString coreVersion()
{
    return QStringLiteral(RELAYDESK_VERSION);
}

} // namespace RelayDesk
