#include "MimeHeaders.h"

namespace RelayDesk::Bounce {

namespace {

bool isFieldNameChar(char c)
{
    return c > ' ' && c <= '~' && c != ':';
}

/// The next line of `text` from `pos`, without its line end.
QByteArrayView nextLine(QByteArrayView text, qsizetype& pos)
{
    const qsizetype start = pos;
    qsizetype end = text.indexOf('\n', start);
    if (end < 0) {
        pos = text.size();
        end = text.size();
    } else {
        pos = end + 1;
    }
    if (end > start && text.at(end - 1) == '\r')
        --end;
    return text.sliced(start, end - start);
}

bool isBlank(QByteArrayView line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

} // namespace

MimeHeaders MimeHeaders::parse(QByteArrayView block)
{
    MimeHeaders headers;
    qsizetype pos = 0;
    bool inField = false; // a continuation line extends the last field
    while (pos < block.size()) {
        const QByteArrayView line = nextLine(block, pos);
        if (line.isEmpty() || isBlank(line))
            break;
        if (line.at(0) == ' ' || line.at(0) == '\t') {
            if (inField) {
                QByteArray& value = headers.m_fields.last().value;
                const QByteArray more = line.toByteArray().trimmed();
                if (!value.isEmpty() && !more.isEmpty())
                    value.append(' ');
                value.append(more);
            }
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        qsizetype nameEnd = colon;
        while (nameEnd > 0 && (line.at(nameEnd - 1) == ' ' || line.at(nameEnd - 1) == '\t'))
            --nameEnd; // "Subject : x" is obsolete syntax but still seen
        bool valid = colon > 0 && nameEnd > 0;
        for (qsizetype i = 0; valid && i < nameEnd; ++i)
            valid = isFieldNameChar(line.at(i));
        inField = valid;
        if (!valid)
            continue;
        headers.m_fields.append(
            {line.first(nameEnd).toByteArray(), line.sliced(colon + 1).toByteArray().trimmed()});
    }
    return headers;
}

qsizetype MimeHeaders::bodyOffset(QByteArrayView message)
{
    qsizetype pos = 0;
    while (pos < message.size()) {
        const QByteArrayView line = nextLine(message, pos);
        if (line.isEmpty())
            return pos;
    }
    return message.size();
}

QByteArray MimeHeaders::value(QByteArrayView name) const
{
    for (const Field& field : m_fields) {
        if (QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0)
            return field.value;
    }
    return {};
}

QList<QByteArray> MimeHeaders::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const Field& field : m_fields) {
        if (QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0)
            result.append(field.value);
    }
    return result;
}

bool MimeHeaders::contains(QByteArrayView name) const
{
    for (const Field& field : m_fields) {
        if (QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray MimeHeaders::mediaType(QByteArrayView contentType)
{
    qsizetype end = contentType.indexOf(';');
    if (end < 0)
        end = contentType.size();
    const QByteArray type = contentType.first(end).toByteArray().trimmed().toLower();
    const qsizetype slash = type.indexOf('/');
    if (slash <= 0 || slash == type.size() - 1 || type.contains(' '))
        return {};
    return type;
}

QByteArray MimeHeaders::parameter(QByteArrayView headerValue, QByteArrayView name)
{
    // Walk "; name=value" pairs, honouring quoted strings so that a ";"
    // inside quotes does not split.
    qsizetype pos = headerValue.indexOf(';');
    while (pos >= 0 && pos < headerValue.size()) {
        ++pos;
        while (pos < headerValue.size() &&
               (headerValue.at(pos) == ' ' || headerValue.at(pos) == '\t'))
            ++pos;
        const qsizetype eq = headerValue.indexOf('=', pos);
        if (eq < 0)
            return {};
        const QByteArray key = headerValue.sliced(pos, eq - pos).toByteArray().trimmed();
        qsizetype v = eq + 1;
        while (v < headerValue.size() && (headerValue.at(v) == ' ' || headerValue.at(v) == '\t'))
            ++v;
        QByteArray value;
        if (v < headerValue.size() && headerValue.at(v) == '"') {
            ++v;
            while (v < headerValue.size() && headerValue.at(v) != '"') {
                if (headerValue.at(v) == '\\' && v + 1 < headerValue.size())
                    ++v;
                value.append(headerValue.at(v));
                ++v;
            }
            ++v; // closing quote
            pos = headerValue.indexOf(';', qMin(v, headerValue.size()));
        } else {
            qsizetype end = headerValue.indexOf(';', v);
            const qsizetype stop = end < 0 ? headerValue.size() : end;
            value = headerValue.sliced(v, stop - v).toByteArray().trimmed();
            pos = end;
        }
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace RelayDesk::Bounce
