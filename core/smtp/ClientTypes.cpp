#include "ClientTypes.h"

namespace RelayDesk::Smtp {

QString ClientReply::toString() const
{
    if (code == 0)
        return text; // local results carry their enhanced status in the text already
    return QString::number(code) + QLatin1Char(' ') + text;
}

} // namespace RelayDesk::Smtp
