#include "MtaStsTxtRecord.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace RelayDesk::Delivery {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RelayDesk::Delivery::MtaStsTxtRecord", text);
}

} // namespace

std::optional<MtaStsTxtRecord> MtaStsTxtRecord::parse(const QByteArray& text, QString* error)
{
    const auto fail = [error](const QString& why) -> std::optional<MtaStsTxtRecord> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    // sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
    const QString record = QString::fromLatin1(text);
    QStringList fields = record.split(u';');
    for (QString& field : fields)
        field = field.trimmed(); // *WSP around ";"
    if (fields.isEmpty() || fields.first() != QStringLiteral("v=STSv1"))
        return fail(tr("does not start with v=STSv1"));
    if (fields.last().isEmpty())
        fields.removeLast(); // one trailing ";" is allowed
    if (fields.size() < 2)
        return fail(tr("no id field"));

    static const QRegularExpression idValue(QStringLiteral("^[A-Za-z0-9]{1,32}$"));
    static const QRegularExpression extension(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}=[\\x21-\\x3a\\x3c\\x3e-\\x7e]+$"));
    MtaStsTxtRecord result;
    bool haveId = false;
    for (qsizetype i = 1; i < fields.size(); ++i) {
        const QString& field = fields[i];
        if (field.startsWith(QStringLiteral("id="))) {
            if (haveId)
                return fail(tr("id appears more than once"));
            const QString id = field.mid(3);
            if (!idValue.match(id).hasMatch())
                return fail(tr("id \"%1\" is not 1 to 32 letters or digits").arg(id));
            result.id = id;
            haveId = true;
        } else if (!extension.match(field).hasMatch()) {
            return fail(tr("invalid field \"%1\"").arg(field));
        }
    }
    if (!haveId)
        return fail(tr("no id field"));
    return result;
}

std::optional<MtaStsTxtRecord> MtaStsTxtRecord::select(const QVector<QByteArray>& texts,
                                                       QString* error)
{
    QVector<QByteArray> candidates;
    for (const QByteArray& text : texts) {
        if (text.startsWith("v=STSv1"))
            candidates.append(text);
    }
    if (candidates.isEmpty()) {
        if (error)
            *error = tr("no v=STSv1 TXT record");
        return std::nullopt;
    }
    if (candidates.size() > 1) {
        if (error)
            *error = tr("%1 v=STSv1 TXT records, expected one").arg(candidates.size());
        return std::nullopt;
    }
    return parse(candidates.first(), error);
}

} // namespace RelayDesk::Delivery
