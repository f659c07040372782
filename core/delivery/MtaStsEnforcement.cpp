#include "MtaStsEnforcement.h"

#include <QCoreApplication>

namespace RelayDesk::Delivery {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RelayDesk::Delivery::MtaStsEnforcement", text);
}

MtaStsEnforcement::Decision violation(const MtaStsPolicy& policy, const QString& domain,
                                      const QString& what)
{
    const bool enforce = policy.mode == MtaStsPolicy::Mode::Enforce;
    return {enforce ? MtaStsEnforcement::Verdict::Refuse
                    : MtaStsEnforcement::Verdict::ProceedAndReport,
            tr("MTA-STS %1 policy of %2 (id %3): %4")
                .arg(MtaStsPolicy::modeName(policy.mode), domain, policy.id, what)};
}

bool applies(const std::optional<MtaStsPolicy>& policy)
{
    return policy && policy->mode != MtaStsPolicy::Mode::None;
}

} // namespace

MtaStsEnforcement::Decision MtaStsEnforcement::checkHost(const std::optional<MtaStsPolicy>& policy,
                                                         const QString& domain,
                                                         const QString& mxHost)
{
    if (!applies(policy) || policy->matches(mxHost))
        return {};
    return violation(
        *policy, domain,
        tr("MX host %1 matches none of %2").arg(mxHost, policy->mx.join(QStringLiteral(", "))));
}

MtaStsEnforcement::Decision MtaStsEnforcement::checkTls(const std::optional<MtaStsPolicy>& policy,
                                                        const QString& domain,
                                                        const QString& mxHost, bool tlsEstablished,
                                                        const QList<QSslError>& sslErrors)
{
    if (!applies(policy))
        return {};
    if (!tlsEstablished)
        return violation(*policy, domain, tr("no TLS session with %1").arg(mxHost));
    if (!sslErrors.isEmpty()) {
        QStringList errors;
        for (const QSslError& e : sslErrors)
            errors.append(e.errorString());
        return violation(*policy, domain,
                         tr("certificate of %1 is not valid: %2")
                             .arg(mxHost, errors.join(QStringLiteral("; "))));
    }
    return {};
}

MtaStsEnforcement::TlsRequirement
MtaStsEnforcement::requirement(const std::optional<MtaStsPolicy>& policy, const QString& mxHost)
{
    const bool enforce = policy && policy->mode == MtaStsPolicy::Mode::Enforce;
    return {enforce, enforce, mxHost};
}

QString MtaStsEnforcement::deferralText(const QString& domain, const QStringList& refusals)
{
    return tr("4.7.5 No MX host of %1 satisfies its MTA-STS policy: %2")
        .arg(domain, refusals.join(QStringLiteral("; ")));
}

} // namespace RelayDesk::Delivery
