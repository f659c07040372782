#include "DsnParameters.h"

#include "Xtext.h"

#include <QByteArrayList>

namespace RelayDesk::Bounce {

namespace {

bool equalsIgnoreCase(QByteArrayView a, const char* b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

/// RFC 5322 atext: the characters of an atom.
bool isAtext(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-/=?^_`{|}~").contains(c);
}

} // namespace

DsnParameters::Result DsnParameters::applyMailParameter(QByteArrayView keyword,
                                                        QByteArrayView value, bool hasValue,
                                                        DsnRequest& request)
{
    if (equalsIgnoreCase(keyword, "RET")) {
        if (request.ret != DsnReturn::Unspecified)
            return Result::Duplicate;
        const auto ret = hasValue ? parseRet(value) : std::nullopt;
        if (!ret)
            return Result::Invalid;
        request.ret = *ret;
        return Result::Applied;
    }
    if (equalsIgnoreCase(keyword, "ENVID")) {
        if (request.hasEnvelopeId)
            return Result::Duplicate;
        const auto envid = hasValue ? parseEnvelopeId(value) : std::nullopt;
        if (!envid)
            return Result::Invalid;
        request.envelopeId = *envid;
        request.hasEnvelopeId = true;
        return Result::Applied;
    }
    return Result::NotDsn;
}

DsnParameters::Result DsnParameters::applyRcptParameter(QByteArrayView keyword,
                                                        QByteArrayView value, bool hasValue,
                                                        RecipientDsnRequest& request)
{
    if (equalsIgnoreCase(keyword, "NOTIFY")) {
        if (request.notifyGiven)
            return Result::Duplicate;
        const auto notify = hasValue ? parseNotify(value) : std::nullopt;
        if (!notify)
            return Result::Invalid;
        request.notify = *notify;
        request.notifyGiven = true;
        return Result::Applied;
    }
    if (equalsIgnoreCase(keyword, "ORCPT")) {
        if (!request.originalRecipient.isEmpty())
            return Result::Duplicate;
        const auto orcpt = hasValue ? parseOriginalRecipient(value) : std::nullopt;
        if (!orcpt)
            return Result::Invalid;
        request.originalRecipient = *orcpt;
        return Result::Applied;
    }
    return Result::NotDsn;
}

std::optional<DsnReturn> DsnParameters::parseRet(QByteArrayView value)
{
    if (equalsIgnoreCase(value, "FULL"))
        return DsnReturn::Full;
    if (equalsIgnoreCase(value, "HDRS"))
        return DsnReturn::Headers;
    return std::nullopt;
}

std::optional<QString> DsnParameters::parseEnvelopeId(QByteArrayView value)
{
    if (value.isEmpty() || value.size() > MaxEnvelopeIdLength)
        return std::nullopt;
    const auto decoded = Xtext::decode(value);
    if (!decoded || decoded->isEmpty() || !Xtext::isPrintableAscii(*decoded))
        return std::nullopt;
    return QString::fromLatin1(*decoded);
}

std::optional<NotifyConditions> DsnParameters::parseNotify(QByteArrayView value)
{
    if (equalsIgnoreCase(value, "NEVER"))
        return NotifyConditions{};
    NotifyConditions notify;
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        const QByteArrayView item = value.sliced(start, end - start);
        if (equalsIgnoreCase(item, "SUCCESS"))
            notify |= NotifyCondition::Success;
        else if (equalsIgnoreCase(item, "FAILURE"))
            notify |= NotifyCondition::Failure;
        else if (equalsIgnoreCase(item, "DELAY"))
            notify |= NotifyCondition::Delay;
        else
            return std::nullopt; // also NEVER inside a list, and empty items
        start = end + 1;
    }
    return notify;
}

std::optional<OriginalRecipient> DsnParameters::parseOriginalRecipient(QByteArrayView value)
{
    if (value.size() > MaxOriginalRecipientLength)
        return std::nullopt;
    const qsizetype semicolon = value.indexOf(';');
    if (semicolon <= 0)
        return std::nullopt;
    const QByteArrayView type = value.first(semicolon);
    for (const char c : type) {
        if (!isAtext(c))
            return std::nullopt;
    }
    const auto address = Xtext::decode(value.sliced(semicolon + 1));
    if (!address || address->isEmpty() || !Xtext::isPrintableAscii(*address))
        return std::nullopt;
    return OriginalRecipient{QString::fromLatin1(type), QString::fromLatin1(*address)};
}

QByteArray DsnParameters::formatMailParameters(const DsnRequest& request)
{
    QByteArrayList parts;
    if (request.ret == DsnReturn::Full)
        parts.append("RET=FULL");
    else if (request.ret == DsnReturn::Headers)
        parts.append("RET=HDRS");
    if (request.hasEnvelopeId)
        parts.append("ENVID=" + Xtext::encode(request.envelopeId.toLatin1()));
    return parts.join(' ');
}

QByteArray DsnParameters::formatRcptParameters(const RecipientDsnRequest& request)
{
    QByteArrayList parts;
    if (request.notifyGiven)
        parts.append("NOTIFY=" + formatNotify(request.notify));
    if (!request.originalRecipient.isEmpty()) {
        parts.append("ORCPT=" + request.originalRecipient.addressType.toLatin1() + ';' +
                     Xtext::encode(request.originalRecipient.address.toLatin1()));
    }
    return parts.join(' ');
}

QByteArray DsnParameters::formatNotify(NotifyConditions notify)
{
    if (!notify)
        return "NEVER";
    QByteArrayList items;
    if (notify.testFlag(NotifyCondition::Success))
        items.append("SUCCESS");
    if (notify.testFlag(NotifyCondition::Failure))
        items.append("FAILURE");
    if (notify.testFlag(NotifyCondition::Delay))
        items.append("DELAY");
    return items.join(',');
}

QString DsnParameters::rejectionText(Result result, QByteArrayView keyword)
{
    const QString name = QString::fromLatin1(keyword.toByteArray().toUpper());
    switch (result) {
    case Result::Duplicate:
        return QStringLiteral("Duplicate %1 parameter").arg(name);
    case Result::Invalid:
        return QStringLiteral("Bad %1 parameter syntax").arg(name);
    case Result::Applied:
    case Result::NotDsn:
        break;
    }
    return {};
}

} // namespace RelayDesk::Bounce
