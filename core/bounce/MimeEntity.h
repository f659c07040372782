#pragma once

#include "MimeHeaders.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <functional>

namespace RelayDesk::Bounce {

/// A MIME entity (RFC 2045/2046) read leniently enough for the bounces
/// that real MTAs write: multiparts nested to any reasonable depth, LF or
/// CRLF line ends, a missing closing boundary, base64 and quoted-printable
/// bodies. Parts of a message/rfc822 are not descended into (a returned
/// message is data, not structure); parse its body again when needed.
///
/// Bounded: at most MaxDepth nested multiparts and MaxParts entities in
/// total, so that a hostile message cannot make the parser recurse or
/// allocate without limit; deeper or further parts are left unparsed and
/// truncated() says so.
class MimeEntity
{
public:
    static constexpr int MaxDepth = 16;
    static constexpr int MaxParts = 1000;

    static MimeEntity parse(QByteArrayView raw);

    const MimeHeaders& headers() const { return m_headers; }
    /// Lower-case "type/subtype"; "text/plain" when there is no (valid)
    /// Content-Type, as RFC 2045 section 5.2 says.
    QByteArray mediaType() const { return m_mediaType; }
    /// A Content-Type parameter, unquoted.
    QByteArray contentTypeParameter(QByteArrayView name) const;
    bool isMultipart() const { return m_mediaType.startsWith("multipart/"); }

    /// The body as it stands in the message.
    QByteArray rawBody() const { return m_body; }
    /// The body with its Content-Transfer-Encoding undone (base64,
    /// quoted-printable; anything else as is).
    QByteArray decodedBody() const;

    const QList<MimeEntity>& parts() const { return m_parts; }
    /// True when limits stopped the parser somewhere in this tree.
    bool truncated() const { return m_truncated; }

    /// Depth-first, this entity first: the first entity for which `match`
    /// is true, or nullptr.
    const MimeEntity* find(const std::function<bool(const MimeEntity&)>& match) const;
    const MimeEntity* findByType(QByteArrayView mediaType) const;

    static QByteArray decodeQuotedPrintable(QByteArrayView text);

private:
    static MimeEntity parseEntity(QByteArrayView raw, int depth, int& budget);
    void splitMultipart(int depth, int& budget);

    MimeHeaders m_headers;
    QByteArray m_mediaType;
    QByteArray m_body;
    QByteArray m_boundary; ///< multiparts only
    QList<MimeEntity> m_parts;
    bool m_truncated = false;
};

} // namespace RelayDesk::Bounce
