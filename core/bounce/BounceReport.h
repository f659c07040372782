#pragma once

#include <QList>
#include <QString>

namespace RelayDesk::Bounce {

/// One recipient a bounce message reports on, with the texts the
/// classifier reads (what BounceMessageReader found; nothing decided yet).
struct BounceEntry
{
    QString recipient;      ///< address, lower case; may be empty
    QString action;         ///< DSN Action ("failed", "delayed", "delivered"); "" when unknown
    QString dsnStatus;      ///< the DSN Status field ("5.1.1"), or ""
    int replyCode = 0;      ///< SMTP reply code of the diagnostic, 0 when none
    QString diagnostic;     ///< the remote reply / diagnostic text for this recipient
    QString remoteMta;      ///< host that gave the diagnostic, when known
    bool afterData = false; ///< the remote refused after DATA (a content filter)
};

/// What a bounce message is and whom it is about.
struct BounceReport
{
    enum class Kind {
        Unknown,   ///< not recognisable (no recipients, no known layout)
        Failure,   ///< a delivery failure / delay report (DSN or human-readable)
        Delivered, ///< a success DSN
        Feedback,  ///< an ARF feedback report (RFC 5965) or a provider complaint
        AutoReply, ///< an automatic reply (RFC 3834), e.g. out of office
    };

    Kind kind = Kind::Unknown;
    QList<BounceEntry> entries;
    QString subject;
    QString text; ///< the human-readable explanation, decoded, without the returned message
};

} // namespace RelayDesk::Bounce
