#include "DeliveryLogCsv.h"

#include <QFile>
#include <QSaveFile>

namespace RelayDesk::Service {

namespace {

QString stateName(Store::RecipientState state)
{
    switch (state) {
    case Store::RecipientState::Queued:
        return QStringLiteral("queued");
    case Store::RecipientState::InFlight:
        return QStringLiteral("in flight");
    case Store::RecipientState::Deferred:
        return QStringLiteral("deferred");
    case Store::RecipientState::Delivered:
        return QStringLiteral("delivered");
    case Store::RecipientState::Failed:
        return QStringLiteral("failed");
    case Store::RecipientState::Held:
        return QStringLiteral("held");
    }
    return QString();
}

QByteArray line(const QStringList& cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString& c : cells)
        quoted.append(DeliveryLogCsv::cell(c));
    return quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

} // namespace

QString DeliveryLogCsv::cell(const QString& value)
{
    QString v = value;
    if (!v.isEmpty()) {
        const QChar first = v.at(0);
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' ||
            first == u'\r')
            v.prepend(QLatin1Char('\''));
    }
    const bool quote = v.contains(u',') || v.contains(u'"') || v.contains(u'\n') ||
                       v.contains(u'\r') || v.startsWith(u' ') || v.endsWith(u' ');
    if (!quote)
        return v;
    v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

QByteArray DeliveryLogCsv::header()
{
    return line({QStringLiteral("time (UTC)"), QStringLiteral("message"), QStringLiteral("sender"),
                 QStringLiteral("recipient"), QStringLiteral("result"), QStringLiteral("upstream"),
                 QStringLiteral("code"), QStringLiteral("enhanced status"), QStringLiteral("reply"),
                 QStringLiteral("upstream queue id"), QStringLiteral("client address"),
                 QStringLiteral("HELO")});
}

QByteArray DeliveryLogCsv::row(const DeliveryLogRow& r)
{
    const Store::DeliveryLogEntry& e = r.entry;
    return line({e.attemptedAt.toUTC().toString(Qt::ISODate), QString::number(e.messageId),
                 r.sender, e.recipient, stateName(e.resultState), e.upstreamHost,
                 e.replyCode > 0 ? QString::number(e.replyCode) : QString(), e.enhancedStatus,
                 e.replyText, e.upstreamQueueId, r.clientAddress, r.heloName});
}

QByteArray DeliveryLogCsv::document(const QVector<DeliveryLogRow>& rows)
{
    QByteArray out = header();
    for (const DeliveryLogRow& r : rows)
        out += row(r);
    return out;
}

QString DeliveryLogCsv::write(const QString& path, const QVector<DeliveryLogRow>& rows)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(header());
    for (const DeliveryLogRow& r : rows)
        file.write(row(r));
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return QString();
}

} // namespace RelayDesk::Service
