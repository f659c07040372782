#pragma once

#include "MtaStsPolicy.h"

#include <QList>
#include <QSslError>
#include <QString>
#include <optional>

namespace RelayDesk::Delivery {

/// What MTA-STS (RFC 8461 4, 5) means for one connection to an MX host.
/// Pure decisions; the delivery engine asks checkHost() before it connects
/// and checkTls() once STARTTLS is done (or has failed).
///
/// enforce: the MX host must match a policy pattern and the session must
/// use TLS with a certificate valid for the MX host name, else the message
/// is not sent to that host (try the next, defer when none is left).
/// testing: the same checks, but a failure is only reported in the log.
/// none / no policy: opportunistic TLS as usual.
class MtaStsEnforcement
{
public:
    enum class Verdict {
        Proceed,          ///< nothing to object
        ProceedAndReport, ///< testing mode found a violation: log it, deliver anyway
        Refuse,           ///< enforce mode: do not deliver over this connection
    };
    struct Decision
    {
        Verdict verdict = Verdict::Proceed;
        QString text; ///< for the message log; empty for a plain Proceed
        bool proceeds() const { return verdict != Verdict::Refuse; }
    };
    /// How the connection must be set up to satisfy the policy.
    struct TlsRequirement
    {
        bool requireTls = false; ///< STARTTLS required (enforce), else opportunistic
        bool verifyPeer = false; ///< fail the connection on certificate errors (enforce)
        QString peerVerifyName;  ///< the MX host name, never the recipient domain (RFC 8461 4.2)
    };

    static Decision checkHost(const std::optional<MtaStsPolicy>& policy, const QString& domain,
                              const QString& mxHost);
    /// `sslErrors`: the errors of verifying the peer against the system CAs
    /// with peerVerifyName = mxHost (empty: valid certificate).
    static Decision checkTls(const std::optional<MtaStsPolicy>& policy, const QString& domain,
                             const QString& mxHost, bool tlsEstablished,
                             const QList<QSslError>& sslErrors);
    static TlsRequirement requirement(const std::optional<MtaStsPolicy>& policy,
                                      const QString& mxHost);
    /// A message whose every MX host was refused under enforce: deferred
    /// with this reason (RFC 3463 4.7.5 "cryptographic failure").
    static QString deferralText(const QString& domain, const QStringList& refusals);
};

} // namespace RelayDesk::Delivery
