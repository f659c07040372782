#pragma once

#include "bounce/DsnTypes.h"

#include <QVariant>

namespace RelayDesk::Store {

/// How the RFC 3461 DSN parameters are kept in the queue database (schema
/// version 3): RET as an integer, ENVID as text, NOTIFY as condition bits
/// and ORCPT as "addr-type;address". "Not given" is SQL NULL throughout, so
/// that a DSN can tell "NOTIFY=NEVER" from "no NOTIFY" and an empty ENVID
/// from none.
class SqliteDsnColumns final
{
public:
    static QVariant ret(const Bounce::DsnRequest& request);
    static QVariant envelopeId(const Bounce::DsnRequest& request);
    static Bounce::DsnRequest request(const QVariant& ret, const QVariant& envelopeId);

    static QVariant notify(const Bounce::RecipientDsnRequest& request);
    static QVariant originalRecipient(const Bounce::RecipientDsnRequest& request);
    static Bounce::RecipientDsnRequest recipientRequest(const QVariant& notify,
                                                        const QVariant& originalRecipient);
};

} // namespace RelayDesk::Store
