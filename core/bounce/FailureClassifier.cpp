#include "FailureClassifier.h"

#include "RuleClassifier.h"

namespace RelayDesk::Bounce {

QList<RecipientClassification>
FailureClassifier::classifyRecipients(const QByteArray& message) const
{
    return {RecipientClassification{QString(), classifyMessage(message)}};
}

const FailureClassifier& FailureClassifier::instance()
{
    // Built on first use (thread-safe static initialisation); immutable after.
    static const RuleClassifier classifier = RuleClassifier::fromEmbedded();
    return classifier;
}

} // namespace RelayDesk::Bounce
