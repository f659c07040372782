#include "DestinationRouter.h"

#include "HeaderRewriter.h"
#include "queue/DestinationScheduler.h"

#include <QHash>
#include <map>
#include <utility>

namespace RelayDesk::Delivery {

QString DestinationRouter::smarthostName(const QString& name)
{
    return name.isEmpty() ? QStringLiteral("default") : name;
}

QString DestinationRouter::domainOf(const QString& address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1).toLower();
}

QString DestinationRouter::uniqueIdFor(const Store::DeliveryJob& job)
{
    return QStringLiteral("relaydesk.%1.%2")
        .arg(job.messageId)
        .arg(job.receivedAt.toMSecsSinceEpoch(), 0, 36);
}

QVector<DestinationJob> DestinationRouter::split(const Store::DeliveryJob& job) const
{
    // Keyed by (destination, route index) in a std::map so that the order
    // of the sub-jobs does not depend on hashing.
    std::map<std::pair<QString, int>, DestinationJob> groups;
    for (const Store::RecipientJob& recipient : job.recipients) {
        RouteEnvelope envelope;
        envelope.messageId = job.messageId;
        envelope.recipientId = recipient.recipientId;
        envelope.sender = job.sender;
        envelope.recipient = recipient.address;
        envelope.clientAddress = QHostAddress(job.clientAddress);
        envelope.authUser = job.authUser;
        envelope.listener = job.listener;
        const int index = m_routes.indexFor(envelope);
        const Route& route = index < 0 ? m_routes.defaultRoute() : m_routes.routes().at(index);

        DestinationJob candidate;
        if (route.transport.kind == Route::Transport::Kind::Mx) {
            candidate.domain = domainOf(recipient.address);
            candidate.destination = Queue::DestinationScheduler::mxKey(candidate.domain);
        } else {
            candidate.smarthost = smarthostName(route.transport.smarthost);
            candidate.destination = Queue::DestinationScheduler::smarthostKey(candidate.smarthost);
        }
        auto [it, inserted] = groups.try_emplace(std::make_pair(candidate.destination, index));
        DestinationJob& group = it->second;
        if (inserted) {
            group = std::move(candidate);
            group.routeName = route.name;
            group.heloName = route.heloName;
            group.job = job; // everything but the recipients (content is shared, not copied)
            group.job.recipients.clear();
        }
        group.job.recipients.append(recipient);
    }

    // Rewrite once per route, however many destinations it feeds.
    QHash<int, HeaderRewriter::Result> rewritten;
    QVector<DestinationJob> result;
    result.reserve(qsizetype(groups.size()));
    for (auto& [key, group] : groups) {
        const int index = key.second;
        const Route& route = index < 0 ? m_routes.defaultRoute() : m_routes.routes().at(index);
        if (!route.rewrite.isEmpty()) {
            auto it = rewritten.find(index);
            if (it == rewritten.end()) {
                HeaderRewriter::Context context;
                context.hostname = m_hostname;
                context.date = job.receivedAt.isValid() ? job.receivedAt
                                                        : QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
                context.uniqueId = uniqueIdFor(job);
                it = rewritten.insert(
                    index, HeaderRewriter(route.rewrite).rewrite(job.content, job.sender, context));
            }
            group.job.content = it->content;
            group.job.sender = it->envelopeSender;
            for (const QString& line : std::as_const(it->log))
                group.notes.append(QStringLiteral("route %1: %2").arg(route.name, line));
        }
        result.append(std::move(group));
    }
    return result;
}

} // namespace RelayDesk::Delivery
