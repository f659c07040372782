#pragma once

#include "BounceReport.h"
#include "BounceRules.h"
#include "FailureClassifier.h"
#include "ReasonCatalog.h"

namespace RelayDesk::Bounce {

/// The FailureClassifier behind FailureClassifier::instance(): the rules
/// table (BounceRules) applied to the reply text, then the RFC 3463 status
/// fallback; bounce messages are read with BounceMessageReader first.
/// Immutable after construction, so safe to use from any thread.
class RuleClassifier final : public FailureClassifier
{
public:
    enum class Mode {
        Rules,      ///< text rules, then the status fallback (the product)
        StatusOnly, ///< the status fallback only (the benchmark's baseline)
    };

    RuleClassifier(BounceRules rules, ReasonCatalog catalog, Mode mode = Mode::Rules);
    /// The embedded tables (resources/bounce-rules.json, bounce-reasons.json).
    static RuleClassifier fromEmbedded(Mode mode = Mode::Rules);

    bool isValid() const { return m_rules.isValid() && m_catalog.isValid(); }
    const BounceRules& rules() const { return m_rules; }
    const ReasonCatalog& catalog() const { return m_catalog; }

    Classification classifyReply(int code, const QString& enhancedStatus, const QString& text,
                                 const QString& upstreamHost = {}) const override;
    Classification classifyMessage(const QByteArray& message) const override;
    QList<RecipientClassification> classifyRecipients(const QByteArray& message) const override;
    ReasonDescription describe(const QString& reason, const QString& provider = {}) const override;
    QString providerForHost(const QString& upstreamHost) const override;

    /// One recipient of a read bounce (`report` gives the context: subject,
    /// the whole explanation, what kind of report it is).
    Classification classifyEntry(const BounceEntry& entry, const BounceReport& report) const;

private:
    Classification decide(const QString& text, const QString& context, EnhancedStatus status,
                          int replyCode, bool afterData, bool finalFailure) const;

    BounceRules m_rules;
    ReasonCatalog m_catalog;
    Mode m_mode;
};

} // namespace RelayDesk::Bounce
