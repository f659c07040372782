#include "ClientTypes.h"

namespace RelayDesk::Smtp {

QString ClientReply::toString() const
{
    if (code == 0)
        return text; // local results carry their enhanced status in the text already
    return QString::number(code) + QLatin1Char(' ') + text;
}

ClientReply ClientReply::makeLocal(int code, const QString& enhancedStatus, const QString& text,
                                   ClientDisposition disposition)
{
    ClientReply reply;
    reply.code = code;
    reply.enhancedStatus = enhancedStatus;
    reply.text = text;
    reply.disposition = disposition;
    reply.local = true;
    return reply;
}

} // namespace RelayDesk::Smtp
