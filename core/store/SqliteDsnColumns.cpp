#include "SqliteDsnColumns.h"

namespace RelayDesk::Store {

namespace {

constexpr unsigned AllConditions = unsigned(Bounce::NotifyCondition::Success) |
                                   unsigned(Bounce::NotifyCondition::Failure) |
                                   unsigned(Bounce::NotifyCondition::Delay);

} // namespace

QVariant SqliteDsnColumns::ret(const Bounce::DsnRequest& request)
{
    return int(request.ret);
}

QVariant SqliteDsnColumns::envelopeId(const Bounce::DsnRequest& request)
{
    if (!request.hasEnvelopeId)
        return QVariant(QMetaType::fromType<QString>());
    // A null QString would bind as NULL, i.e. "not given".
    return request.envelopeId.isNull() ? QStringLiteral("") : request.envelopeId;
}

Bounce::DsnRequest SqliteDsnColumns::request(const QVariant& ret, const QVariant& envelopeId)
{
    Bounce::DsnRequest request;
    switch (ret.toInt()) {
    case int(Bounce::DsnReturn::Full):
        request.ret = Bounce::DsnReturn::Full;
        break;
    case int(Bounce::DsnReturn::Headers):
        request.ret = Bounce::DsnReturn::Headers;
        break;
    default: // unknown values (a newer writer) read as "not given"
        request.ret = Bounce::DsnReturn::Unspecified;
        break;
    }
    request.hasEnvelopeId = !envelopeId.isNull();
    if (request.hasEnvelopeId)
        request.envelopeId = envelopeId.toString();
    return request;
}

QVariant SqliteDsnColumns::notify(const Bounce::RecipientDsnRequest& request)
{
    if (!request.notifyGiven)
        return QVariant(QMetaType::fromType<int>());
    return int(request.notify.toInt() & AllConditions);
}

QVariant SqliteDsnColumns::originalRecipient(const Bounce::RecipientDsnRequest& request)
{
    if (request.originalRecipient.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return request.originalRecipient.addressType + QLatin1Char(';') +
           request.originalRecipient.address;
}

Bounce::RecipientDsnRequest SqliteDsnColumns::recipientRequest(const QVariant& notify,
                                                               const QVariant& originalRecipient)
{
    Bounce::RecipientDsnRequest request;
    request.notifyGiven = !notify.isNull();
    if (request.notifyGiven)
        request.notify = Bounce::NotifyConditions::fromInt(notify.toUInt() & AllConditions);
    if (!originalRecipient.isNull()) {
        // The address type is an RFC 5322 atom: it never contains ';'.
        const QString value = originalRecipient.toString();
        const qsizetype separator = value.indexOf(QLatin1Char(';'));
        if (separator > 0) {
            request.originalRecipient.addressType = value.left(separator);
            request.originalRecipient.address = value.mid(separator + 1);
        }
    }
    return request;
}

} // namespace RelayDesk::Store
