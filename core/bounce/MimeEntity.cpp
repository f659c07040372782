#include "MimeEntity.h"

#include "HexDigit.h"

#include <QRegularExpression>

namespace RelayDesk::Bounce {

namespace {

/// If a delimiter line for `boundary` starts at `pos` (which is a line
/// start), returns 1 for "--boundary", 2 for the closing "--boundary--",
/// and sets `next` to the start of the following line.
int delimiterAt(QByteArrayView body, qsizetype pos, QByteArrayView boundary, qsizetype& next)
{
    const qsizetype len = 2 + boundary.size();
    if (pos + len > body.size() || body.at(pos) != '-' || body.at(pos + 1) != '-' ||
        body.sliced(pos + 2, boundary.size()) != boundary)
        return 0;
    qsizetype p = pos + len;
    int kind = 1;
    if (p + 1 < body.size() && body.at(p) == '-' && body.at(p + 1) == '-') {
        kind = 2;
        p += 2;
    }
    // Only transport padding may follow (RFC 2046 5.1.1).
    while (p < body.size() && (body.at(p) == ' ' || body.at(p) == '\t'))
        ++p;
    if (p < body.size() && body.at(p) == '\r')
        ++p;
    if (p < body.size() && body.at(p) != '\n')
        return 0;
    next = p < body.size() ? p + 1 : p;
    return kind;
}

/// A boundary parameter written on a line of its own without the leading
/// white space that would fold it into Content-Type (seen in Verizon's
/// bounces): "Content-Type: multipart/alternative;\nboundary=\"x\"".
QByteArray strayBoundary(QByteArrayView headerBlock)
{
    static const QRegularExpression stray(
        QStringLiteral("(?:^|\\n)boundary\\s*=\\s*\"?([^\"\\r\\n;]+)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = stray.match(QString::fromLatin1(headerBlock));
    return match.hasMatch() ? match.captured(1).trimmed().toLatin1() : QByteArray();
}

} // namespace

MimeEntity MimeEntity::parse(QByteArrayView raw)
{
    int budget = MaxParts;
    return parseEntity(raw, 0, budget);
}

MimeEntity MimeEntity::parseEntity(QByteArrayView raw, int depth, int& budget)
{
    MimeEntity entity;
    --budget;
    const qsizetype bodyStart = MimeHeaders::bodyOffset(raw);
    entity.m_headers = MimeHeaders::parse(raw.first(bodyStart));
    entity.m_body = raw.sliced(bodyStart).toByteArray();
    const QByteArray contentType = entity.m_headers.value("Content-Type");
    entity.m_mediaType = MimeHeaders::mediaType(contentType);
    if (entity.m_mediaType.isEmpty())
        entity.m_mediaType = "text/plain";
    if (entity.isMultipart()) {
        entity.m_boundary = entity.contentTypeParameter("boundary");
        if (entity.m_boundary.isEmpty())
            entity.m_boundary = strayBoundary(raw.first(bodyStart));
        entity.splitMultipart(depth, budget);
    }
    return entity;
}

void MimeEntity::splitMultipart(int depth, int& budget)
{
    const QByteArray boundary = m_boundary;
    if (boundary.isEmpty())
        return;
    if (depth >= MaxDepth) {
        m_truncated = true;
        return;
    }
    const QByteArrayView body(m_body);
    qsizetype partStart = -1; // start of the current part's content
    qsizetype lineStart = 0;
    while (lineStart <= body.size()) {
        qsizetype next = 0;
        const int kind = delimiterAt(body, lineStart, boundary, next);
        if (kind != 0) {
            if (partStart >= 0) {
                // The line end before the delimiter belongs to the delimiter.
                qsizetype end = lineStart;
                if (end > partStart && body.at(end - 1) == '\n')
                    --end;
                if (end > partStart && body.at(end - 1) == '\r')
                    --end;
                if (budget <= 0) {
                    m_truncated = true;
                    return;
                }
                MimeEntity part =
                    parseEntity(body.sliced(partStart, end - partStart), depth + 1, budget);
                m_truncated = m_truncated || part.m_truncated;
                m_parts.append(std::move(part));
            }
            if (kind == 2)
                return;
            partStart = next;
            lineStart = next;
            if (next >= body.size())
                break;
            continue;
        }
        const qsizetype newline = body.indexOf('\n', lineStart);
        if (newline < 0)
            break;
        lineStart = newline + 1;
    }
    // No closing delimiter: the last part runs to the end (seen in bounces
    // whose returned message was cut off).
    if (partStart >= 0 && partStart < body.size()) {
        if (budget <= 0) {
            m_truncated = true;
            return;
        }
        MimeEntity part = parseEntity(body.sliced(partStart), depth + 1, budget);
        m_truncated = m_truncated || part.m_truncated;
        m_parts.append(std::move(part));
    }
}

QByteArray MimeEntity::contentTypeParameter(QByteArrayView name) const
{
    return MimeHeaders::parameter(m_headers.value("Content-Type"), name);
}

QByteArray MimeEntity::decodedBody() const
{
    const QByteArray encoding = m_headers.value("Content-Transfer-Encoding").trimmed().toLower();
    if (encoding == "base64")
        return QByteArray::fromBase64(m_body); // skips line breaks and stray characters
    if (encoding == "quoted-printable")
        return decodeQuotedPrintable(m_body);
    return m_body;
}

QByteArray MimeEntity::decodeQuotedPrintable(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c != '=') {
            out.append(c);
            continue;
        }
        // Soft line break: "=" then optional white space and the line end.
        qsizetype j = i + 1;
        while (j < text.size() && (text.at(j) == ' ' || text.at(j) == '\t'))
            ++j;
        if (j < text.size() && (text.at(j) == '\r' || text.at(j) == '\n')) {
            if (text.at(j) == '\r' && j + 1 < text.size() && text.at(j + 1) == '\n')
                ++j;
            i = j;
            continue;
        }
        if (j >= text.size()) {
            i = j;
            continue;
        }
        const int high = i + 1 < text.size() ? hexValue(text.at(i + 1)) : -1;
        const int low = i + 2 < text.size() ? hexValue(text.at(i + 2)) : -1;
        if (high < 0 || low < 0) {
            out.append(c); // RFC 2045 6.7 (note 1): keep a stray "=" as is
            continue;
        }
        out.append(char(high * 16 + low));
        i += 2;
    }
    return out;
}

const MimeEntity* MimeEntity::find(const std::function<bool(const MimeEntity&)>& match) const
{
    if (match(*this))
        return this;
    for (const MimeEntity& part : m_parts) {
        if (const MimeEntity* found = part.find(match))
            return found;
    }
    return nullptr;
}

const MimeEntity* MimeEntity::findByType(QByteArrayView mediaType) const
{
    return find([mediaType](const MimeEntity& e) {
        return QByteArrayView(e.mediaType()).compare(mediaType, Qt::CaseInsensitive) == 0;
    });
}

} // namespace RelayDesk::Bounce
