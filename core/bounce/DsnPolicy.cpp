#include "DsnPolicy.h"

namespace RelayDesk::Bounce {

DsnPolicy::DsnPolicy(qint64 delayWarningSeconds, qint64 maxReturnedBytes)
    : m_delayWarningSeconds(delayWarningSeconds), m_maxReturnedBytes(maxReturnedBytes)
{}

NotifyConditions DsnPolicy::effectiveNotify(const RecipientDsnRequest& request)
{
    if (request.notifyGiven)
        return request.notify;
    return NotifyCondition::Failure | NotifyCondition::Delay;
}

bool DsnPolicy::shouldSend(const QString& sender, const RecipientDsnRequest& request, DsnKind kind)
{
    if (sender.isEmpty())
        return false;
    const NotifyConditions notify = effectiveNotify(request);
    switch (kind) {
    case DsnKind::Failure:
        return notify.testFlag(NotifyCondition::Failure);
    case DsnKind::Delay:
        return notify.testFlag(NotifyCondition::Delay);
    case DsnKind::Success:
        return notify.testFlag(NotifyCondition::Success);
    }
    return false;
}

bool DsnPolicy::isDelayWarningDue(const QDateTime& arrival, const QDateTime& now,
                                  bool alreadyWarned) const
{
    if (alreadyWarned || m_delayWarningSeconds <= 0 || !arrival.isValid() || !now.isValid())
        return false;
    return arrival.secsTo(now) >= m_delayWarningSeconds;
}

DsnPolicy::Returned DsnPolicy::returnedContent(DsnKind kind, DsnReturn ret, qint64 contentSize,
                                               bool* truncatedForSize) const
{
    if (truncatedForSize)
        *truncatedForSize = false;
    if (kind != DsnKind::Failure || ret == DsnReturn::Headers)
        return Returned::Headers;
    if (contentSize > m_maxReturnedBytes) {
        if (truncatedForSize)
            *truncatedForSize = true;
        return Returned::Headers;
    }
    return Returned::FullMessage;
}

} // namespace RelayDesk::Bounce
