#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace RelayDesk::Bounce {

/// What a failure means: a reason from the fixed taxonomy (Sisimai's reason
/// names: "userunknown", "mailboxfull", "authfailure", ... plus "delivered",
/// "feedback", "vacation" for non-bounces and "undefined"), whether it is
/// permanent, and the enhanced status ("5.1.1"; empty when none is known).
struct Classification
{
    QString reason = QStringLiteral("undefined");
    bool hard = false;
    QString status;
};

/// Whether a failure the relay saw was final for that message: the reply
/// class decides (5xx: the receiving side refused it for good, 4xx: it was
/// only deferred, even if retries then ran out); only without a reply does
/// the classification's hard/soft label decide. `Classification::hard` is
/// the reason's label (authfailure is soft: fixing the login helps), which
/// is not what an admin asks of one message.
inline bool isPermanentFailure(int replyCode, const Classification& classification)
{
    if (replyCode >= 500)
        return true;
    if (replyCode >= 400)
        return false;
    return classification.hard;
}

/// One recipient of a bounce message and what its failure means.
struct RecipientClassification
{
    QString recipient; ///< lower case; empty when the bounce names none
    Classification classification;
};

/// The plain-language side of a reason, for the GUI and the DSN text.
struct ReasonDescription
{
    QString reason;
    QString title;       ///< "Recipient address does not exist"
    QString explanation; ///< what happened, in an admin's words
    QString fix;         ///< what to do about it (provider-specific when known)
};

/// Classifies delivery failures (issue 6). Rules are data
/// (resources/bounce-rules.json), not code. Thread-safe after construction:
/// all calls are const.
class FailureClassifier
{
public:
    virtual ~FailureClassifier() = default;

    /// An SMTP reply from a delivery attempt: code (0 when there was no
    /// reply, e.g. a connection failure), enhanced status ("" when none)
    /// and the reply text. `upstreamHost` ("host:port") helps recognise the
    /// provider.
    virtual Classification classifyReply(int code, const QString& enhancedStatus,
                                         const QString& text,
                                         const QString& upstreamHost = {}) const = 0;

    /// A bounce message (RFC 3464 DSN or a common non-standard format).
    virtual Classification classifyMessage(const QByteArray& message) const = 0;

    /// Every recipient a bounce message reports on, in the order it lists
    /// them (additive, issue 6: incoming bounces update each recipient).
    /// The default gives one unnamed entry from classifyMessage().
    virtual QList<RecipientClassification> classifyRecipients(const QByteArray& message) const;

    /// Explanation and fix for a reason; `provider` ("microsoft365",
    /// "google", ...; empty when unknown) selects a provider-specific fix.
    virtual ReasonDescription describe(const QString& reason,
                                       const QString& provider = {}) const = 0;

    /// The provider an upstream host name belongs to, or "" (for describe()).
    virtual QString providerForHost(const QString& upstreamHost) const = 0;

    /// The shared instance built from the embedded rules table.
    static const FailureClassifier& instance();
};

} // namespace RelayDesk::Bounce
