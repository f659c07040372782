#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace RelayDesk::Bounce {

/// A header section (RFC 5322 section 2.2) read leniently: folded lines
/// are unfolded, CRLF or bare LF line ends both work, lines that are not
/// fields (an mbox "From " line) are skipped. Also reads the field blocks
/// of a message/delivery-status body, which use the same syntax.
class MimeHeaders
{
public:
    struct Field
    {
        QByteArray name;  ///< as written
        QByteArray value; ///< unfolded, surrounding white space removed
    };

    /// Parses fields up to the first empty line (or the end).
    static MimeHeaders parse(QByteArrayView block);

    /// Where the header section of `message` ends: the offset of the body
    /// (after the empty line), or message.size() when there is no body.
    static qsizetype bodyOffset(QByteArrayView message);

    /// The first field with this name (any case); empty when absent.
    QByteArray value(QByteArrayView name) const;
    QList<QByteArray> values(QByteArrayView name) const;
    bool contains(QByteArrayView name) const;
    const QList<Field>& fields() const { return m_fields; }
    bool isEmpty() const { return m_fields.isEmpty(); }

    /// "multipart/report" from a Content-Type value, lower case, without
    /// parameters; empty when malformed.
    static QByteArray mediaType(QByteArrayView contentType);
    /// A parameter of a structured value (`boundary` of Content-Type),
    /// unquoted; empty when absent. RFC 2231 continuations are not read
    /// (bounce generators don't use them for the parameters we need).
    static QByteArray parameter(QByteArrayView headerValue, QByteArrayView name);

private:
    QList<Field> m_fields;
};

} // namespace RelayDesk::Bounce
