#include "AccountPolicy.h"

#include <QRegularExpression>

namespace RelayDesk::Auth {

namespace {

constexpr int kMaxRate = 1000000;

const QString kAny = QStringLiteral("*");

QString domainOf(const QString& address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1);
}

std::optional<int> parseRate(const QString& value)
{
    bool ok = false;
    const int rate = value.toInt(&ok);
    if (!ok || rate < 0 || rate > kMaxRate)
        return std::nullopt;
    return rate;
}

} // namespace

bool AccountPolicy::allowsAnySender() const
{
    return allowedSenders.contains(kAny);
}

bool AccountPolicy::allowsSender(const QString& sender) const
{
    if (allowsAnySender())
        return true;
    if (sender.isEmpty())
        return false;
    const QString domain = domainOf(sender);
    for (const QString& pattern : allowedSenders) {
        if (pattern.startsWith(QLatin1Char('@'))) {
            if (!domain.isEmpty() && domain.compare(pattern.mid(1), Qt::CaseInsensitive) == 0)
                return true;
        } else if (sender.compare(pattern, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool AccountPolicy::isValidSenderPattern(const QString& pattern)
{
    if (pattern == kAny)
        return true;
    // local@domain or @domain; the domain needs a dot-free or dotted label
    // list, nothing the file format or a log line could trip over.
    static const QRegularExpression valid(
        QStringLiteral("^[^\\s:;,=@*]{0,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$"));
    return pattern.size() <= 320 && valid.match(pattern).hasMatch();
}

QString AccountPolicy::serialize() const
{
    QStringList items;
    if (!(allowedSenders.size() == 1 && allowsAnySender()))
        items << QStringLiteral("senders=") + allowedSenders.join(QLatin1Char(','));
    if (messagesPerMinute > 0)
        items << QStringLiteral("rate=%1").arg(messagesPerMinute);
    if (recipientsPerHour > 0)
        items << QStringLiteral("rcpt-rate=%1").arg(recipientsPerHour);
    return items.join(QLatin1Char(' '));
}

std::optional<AccountPolicy> AccountPolicy::parse(const QString& text, QString* error)
{
    AccountPolicy policy;
    for (const QString& item : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString key = item.left(equals);
        const QString value = equals < 0 ? QString() : item.mid(equals + 1);
        if (key == QLatin1String("senders")) {
            const QStringList senders = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (senders.isEmpty()) {
                *error = QStringLiteral("senders= needs at least one address, @domain or *");
                return std::nullopt;
            }
            for (const QString& sender : senders) {
                if (!isValidSenderPattern(sender)) {
                    *error = QStringLiteral("\"%1\" is not an address, @domain or *").arg(sender);
                    return std::nullopt;
                }
            }
            policy.allowedSenders = senders;
        } else if (key == QLatin1String("rate") || key == QLatin1String("rcpt-rate")) {
            const auto rate = parseRate(value);
            if (!rate) {
                *error = QStringLiteral("%1= needs a number from 0 to %2").arg(key).arg(kMaxRate);
                return std::nullopt;
            }
            (key == QLatin1String("rate") ? policy.messagesPerMinute : policy.recipientsPerHour) =
                *rate;
        } else {
            *error = QStringLiteral("unknown account setting \"%1\" (expected senders=, rate=, "
                                    "rcpt-rate=)")
                         .arg(key);
            return std::nullopt;
        }
    }
    return policy;
}

QString AccountPolicy::describe() const
{
    QString text = QStringLiteral("senders: ") +
                   (allowsAnySender() ? QStringLiteral("any") : allowedSenders.join(u", "));
    QStringList rates;
    if (messagesPerMinute > 0)
        rates << QStringLiteral("%1 messages/min").arg(messagesPerMinute);
    if (recipientsPerHour > 0)
        rates << QStringLiteral("%1 recipients/h").arg(recipientsPerHour);
    text += QStringLiteral("; rate: ") +
            (rates.isEmpty() ? QStringLiteral("[limits] defaults") : rates.join(u", "));
    return text;
}

} // namespace RelayDesk::Auth
