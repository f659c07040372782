#include "HeaderRewriter.h"

#include <QList>
#include <QStringDecoder>
#include <optional>

namespace RelayDesk::Delivery {

namespace {

constexpr qsizetype kFoldWidth = 78; // RFC 5322 2.1.1 "SHOULD" line length

/// One header field with all its (folded) lines, CRLFs included. A line
/// that is not a field (no colon) is kept as a field without a name.
struct Field
{
    QByteArray name; ///< lower case, for comparisons
    QByteArray raw;
};

QList<Field> parseFields(const QByteArray& header)
{
    QList<Field> fields;
    qsizetype position = 0;
    while (position < header.size()) {
        qsizetype end = header.indexOf("\r\n", position);
        end = end < 0 ? header.size() : end + 2;
        const QByteArray line = header.mid(position, end - position);
        position = end;
        const bool continuation = line.startsWith(' ') || line.startsWith('\t');
        if (continuation && !fields.isEmpty()) {
            fields.last().raw += line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        Field field;
        if (colon > 0)
            field.name = line.left(colon).trimmed().toLower();
        field.raw = line;
        fields.append(field);
    }
    return fields;
}

/// The field body with the folding removed and the ends trimmed.
QByteArray unfoldedValue(const Field& field)
{
    QByteArray value = field.raw.mid(field.raw.indexOf(':') + 1);
    value.replace("\r\n", "");
    return value.trimmed();
}

const Field* findField(const QList<Field>& fields, const char* name)
{
    for (const Field& field : fields) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

bool isAtext(char c)
{
    static const QByteArray specials = "!#$%&'*+-/=?^_`{|}~";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           specials.contains(c);
}

bool hasEightBit(const QByteArray& text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return false;
}

bool isEncodedWord(const QByteArray& word)
{
    // =?charset?B|Q?text?=, RFC 2047 2.
    if (!word.startsWith("=?") || !word.endsWith("?=") || word.size() > 75)
        return false;
    const QList<QByteArray> parts = word.mid(2, word.size() - 4).split('?');
    return parts.size() == 3 && !parts.at(0).isEmpty() &&
           (parts.at(1).toUpper() == "B" || parts.at(1).toUpper() == "Q");
}

/// The text of an RFC 2047 encoded word; nullopt for a charset we do not
/// know (then the word is compared as written).
std::optional<QString> decodeEncodedWord(const QByteArray& word)
{
    const QList<QByteArray> parts = word.mid(2, word.size() - 4).split('?');
    const QByteArray charset = parts.at(0).toLower();
    QByteArray bytes;
    if (parts.at(1).toUpper() == "B") {
        bytes = QByteArray::fromBase64(parts.at(2));
    } else {
        const QByteArray& text = parts.at(2);
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i) == '_') {
                bytes += ' ';
            } else if (text.at(i) == '=' && i + 2 < text.size()) {
                bytes += QByteArray::fromHex(text.mid(i + 1, 2));
                i += 2;
            } else {
                bytes += text.at(i);
            }
        }
    }
    if (charset == "utf-8" || charset == "us-ascii")
        return QString::fromUtf8(bytes);
    if (charset == "iso-8859-1")
        return QString::fromLatin1(bytes);
    return std::nullopt;
}

/// A display name as the client wrote it, and what is wrong with it.
struct DisplayName
{
    QByteArray raw;
    QString text;    ///< decoded: quotes removed, 8-bit bytes as UTF-8 or Latin-1
    QString problem; ///< empty: valid RFC 5322 phrase in 7 bits
};

bool isSingleQuotedString(const QByteArray& raw)
{
    if (raw.size() < 2 || !raw.startsWith('"') || !raw.endsWith('"'))
        return false;
    for (qsizetype i = 1; i < raw.size() - 1; ++i) {
        if (raw.at(i) == '\\')
            ++i;
        else if (raw.at(i) == '"')
            return false;
    }
    return true;
}

QString decodeBytes(const QByteArray& bytes)
{
    // Printers send UTF-8 or, older ones, Latin-1/Windows-1252; what is not
    // valid UTF-8 is taken as Latin-1, which maps every byte.
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

DisplayName analyseDisplayName(const QByteArray& raw)
{
    DisplayName name;
    name.raw = raw;
    QByteArray plain = raw;
    const bool quoted = isSingleQuotedString(raw);
    if (quoted) {
        plain = raw.mid(1, raw.size() - 2);
        QByteArray unescaped;
        for (qsizetype i = 0; i < plain.size(); ++i) {
            if (plain.at(i) == '\\' && i + 1 < plain.size())
                ++i;
            unescaped += plain.at(i);
        }
        plain = unescaped;
    }
    name.text = decodeBytes(plain);
    if (!quoted && !hasEightBit(raw)) {
        // Decode encoded words so that a name we set earlier compares equal
        // (whitespace between two encoded words is not part of the text).
        QString decoded;
        bool previousEncoded = false;
        for (const QByteArray& word : raw.simplified().split(' ')) {
            const auto text = isEncodedWord(word) ? decodeEncodedWord(word) : std::nullopt;
            if (!decoded.isEmpty() && !(previousEncoded && text))
                decoded += QLatin1Char(' ');
            decoded += text ? *text : QString::fromLatin1(word);
            previousEncoded = text.has_value();
        }
        name.text = decoded;
    }
    if (hasEightBit(raw)) {
        name.problem = QStringLiteral("raw 8-bit characters, refused without SMTPUTF8");
        return name;
    }
    if (quoted)
        return name;
    for (const QByteArray& word : raw.simplified().split(' ')) {
        if (isEncodedWord(word))
            continue;
        for (const char c : word) {
            // '.' is obsolete syntax in a phrase that every provider accepts.
            if (!isAtext(c) && c != '.') {
                name.problem = c == '@' ? QStringLiteral("an unquoted '@'")
                                        : QStringLiteral("an unquoted '%1'").arg(QLatin1Char(c));
                return name;
            }
        }
    }
    return name;
}

/// The From: mailbox split into display name and address.
struct Mailbox
{
    bool ok = false;
    QByteArray displayName;
    QByteArray address;
    QByteArray comment; ///< trailing "(...)" of an address without angle brackets
};

Mailbox parseMailbox(const QByteArray& value)
{
    Mailbox mailbox;
    qsizetype lt = -1;
    qsizetype gt = -1;
    int depth = 0;
    bool inQuote = false;
    int angles = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (c == '\\') {
            ++i;
        } else if (inQuote) {
            inQuote = c != '"';
        } else if (c == '"' && depth == 0) {
            inQuote = true;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && depth > 0) {
            --depth;
        } else if (depth == 0 && c == '<') {
            lt = i;
            ++angles;
        } else if (depth == 0 && c == '>' && lt >= 0 && gt < lt) {
            gt = i;
        }
    }
    if (angles > 1 || inQuote)
        return mailbox; // several mailboxes or broken quoting: leave it to a human
    if (lt >= 0) {
        if (gt < lt)
            return mailbox;
        mailbox.displayName = value.left(lt).trimmed();
        mailbox.address = value.mid(lt + 1, gt - lt - 1).trimmed();
        mailbox.ok = !value.mid(gt + 1).trimmed().contains(',');
        return mailbox;
    }
    const qsizetype paren = value.indexOf('(');
    mailbox.address = (paren < 0 ? value : value.left(paren)).trimmed();
    mailbox.comment = paren < 0 ? QByteArray() : value.mid(paren).trimmed();
    mailbox.ok = !mailbox.address.contains(',') && !mailbox.address.contains(' ');
    return mailbox;
}

/// RFC 2047 Q encoding for a phrase (5(3)): letters, digits and !*+-/ as
/// they are, space as '_', the rest as =XX; each encoded word at most 75
/// characters and never splitting a UTF-8 sequence.
QList<QByteArray> encodedWords(const QString& text)
{
    static const QByteArray prefix = "=?UTF-8?Q?";
    constexpr qsizetype maxWord = 75;
    QList<QByteArray> words;
    QByteArray current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        // A surrogate pair is one character.
        const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray utf8 = text.mid(i, length).toUtf8();
        i += length - 1;
        QByteArray encoded;
        for (const char byte : utf8) {
            const auto c = static_cast<unsigned char>(byte);
            if (c == ' ')
                encoded += '_';
            else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '!' || c == '*' || c == '+' || c == '-' || c == '/')
                encoded += char(c);
            else
                encoded += '=' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
        }
        if (prefix.size() + current.size() + encoded.size() + 2 > maxWord) {
            words.append(prefix + current + "?=");
            current.clear();
        }
        current += encoded;
    }
    if (!current.isEmpty() || words.isEmpty())
        words.append(prefix + current + "?=");
    return words;
}

/// The display name as header tokens (one token = never folded inside).
QList<QByteArray> displayNameTokens(const QString& name)
{
    bool ascii = true;
    bool atoms = true;
    for (const QChar c : name) {
        if (c.unicode() >= 0x80 || c.unicode() < 0x20) {
            ascii = false;
            break;
        }
        atoms = atoms && (isAtext(char(c.unicode())) || c == QLatin1Char(' '));
    }
    if (!ascii)
        return encodedWords(name);
    const QByteArray latin = name.toLatin1();
    if (atoms)
        return latin.simplified().split(' ');
    QByteArray quoted = "\"";
    for (const char c : latin) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return {quoted + '"'};
}

/// "From: tokens <address>\r\n", folded before a token that would pass the
/// line length.
QByteArray buildFromField(const QList<QByteArray>& nameTokens, const QByteArray& address,
                          const QByteArray& comment)
{
    QList<QByteArray> tokens = nameTokens;
    if (tokens.isEmpty() && comment.isEmpty())
        tokens.append(address);
    else if (!nameTokens.isEmpty())
        tokens.append('<' + address + '>');
    else
        tokens << address << comment;
    QByteArray field = "From:";
    qsizetype lineLength = field.size();
    for (const QByteArray& token : tokens) {
        if (lineLength + 1 + token.size() > kFoldWidth && lineLength > 5) {
            field += "\r\n";
            lineLength = 0;
        }
        field += ' ' + token;
        lineLength += 1 + token.size();
    }
    return field + "\r\n";
}

QString shown(const QByteArray& raw)
{
    return QStringLiteral("\"%1\"").arg(decodeBytes(raw));
}

QString shown(const QString& text)
{
    return QStringLiteral("\"%1\"").arg(text);
}

} // namespace

QByteArray HeaderRewriter::formatDate(const QDateTime& dateTime)
{
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate date = dateTime.date();
    const QTime time = dateTime.time();
    const int offset = dateTime.offsetFromUtc() / 60;
    const int absolute = offset < 0 ? -offset : offset;
    return QStringLiteral("%1, %2 %3 %4 %5:%6:%7 %8%9%10")
        .arg(QLatin1String(days[date.dayOfWeek() - 1]))
        .arg(date.day())
        .arg(QLatin1String(months[date.month() - 1]))
        .arg(date.year())
        .arg(time.hour(), 2, 10, QLatin1Char('0'))
        .arg(time.minute(), 2, 10, QLatin1Char('0'))
        .arg(time.second(), 2, 10, QLatin1Char('0'))
        .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(absolute / 60, 2, 10, QLatin1Char('0'))
        .arg(absolute % 60, 2, 10, QLatin1Char('0'))
        .toLatin1();
}

QByteArray HeaderRewriter::encodeDisplayName(const QString& name)
{
    return displayNameTokens(name).join(' ');
}

HeaderRewriter::Result HeaderRewriter::rewrite(const QByteArray& content,
                                               const QString& envelopeSender,
                                               const Context& context) const
{
    Result result{content, envelopeSender, {}};
    if (m_options.isEmpty())
        return result;

    if (!m_options.envelopeSender.isEmpty() && !envelopeSender.isEmpty() &&
        envelopeSender.compare(m_options.envelopeSender, Qt::CaseInsensitive) != 0) {
        // A null sender stays null: a bounce must never draw a bounce.
        result.envelopeSender = m_options.envelopeSender;
        result.log.append(QStringLiteral("envelope sender %1 rewritten to %2")
                              .arg(envelopeSender, m_options.envelopeSender));
    }

    // The header section ends at the first empty line; a message without one
    // is all header.
    qsizetype headerEnd = 0;
    if (!content.startsWith("\r\n")) {
        const qsizetype blank = content.indexOf("\r\n\r\n");
        headerEnd = blank < 0 ? content.size() : blank + 2;
    }
    QByteArray header = content.left(headerEnd);
    const QByteArray body = content.mid(headerEnd);
    if (!header.isEmpty() && !header.endsWith("\r\n"))
        header += "\r\n"; // only when the message ends inside its last field
    QList<Field> fields = parseFields(header);
    bool changed = false;

    // From:
    qsizetype fromIndex = -1;
    for (qsizetype i = 0; i < fields.size() && fromIndex < 0; ++i) {
        if (fields.at(i).name == "from")
            fromIndex = i;
    }
    const bool wantsFrom = !m_options.fromAddress.isEmpty() || !m_options.fromName.isEmpty() ||
                           m_options.fixFromName != HeaderRewriterOptions::FromNameFix::Keep;
    if (fromIndex >= 0 && wantsFrom) {
        const Mailbox mailbox = parseMailbox(unfoldedValue(fields.at(fromIndex)));
        if (!mailbox.ok) {
            if (!m_options.fromAddress.isEmpty() || !m_options.fromName.isEmpty()) {
                // Not a single mailbox we understand: replace it whole.
                const QString name = m_options.fromName;
                const QByteArray address = m_options.fromAddress.isEmpty()
                                               ? result.envelopeSender.toUtf8()
                                               : m_options.fromAddress.toUtf8();
                if (!address.isEmpty()) {
                    const QByteArray before = unfoldedValue(fields.at(fromIndex));
                    fields[fromIndex].raw = buildFromField(name.isEmpty() ? QList<QByteArray>{}
                                                                          : displayNameTokens(name),
                                                           address, {});
                    result.log.append(QStringLiteral("From: %1 replaced (not a single mailbox)")
                                          .arg(shown(before)));
                    changed = true;
                }
            }
        } else {
            const DisplayName display = analyseDisplayName(mailbox.displayName);
            QList<QByteArray> nameTokens;
            bool rebuild = false;
            if (!display.raw.isEmpty())
                nameTokens = display.raw.simplified().split(' ');
            if (!m_options.fromName.isEmpty()) {
                if (display.text != m_options.fromName || !display.problem.isEmpty()) {
                    nameTokens = displayNameTokens(m_options.fromName);
                    rebuild = true;
                    result.log.append(
                        display.raw.isEmpty()
                            ? QStringLiteral("From: display name \"%1\" set")
                                  .arg(m_options.fromName)
                            : QStringLiteral("From: display name %1 replaced by \"%2\"")
                                  .arg(shown(display.text), m_options.fromName));
                }
            } else if (!display.raw.isEmpty() &&
                       m_options.fixFromName == HeaderRewriterOptions::FromNameFix::Remove &&
                       display.text.contains(QLatin1Char('@'))) {
                nameTokens.clear();
                rebuild = true;
                result.log.append(QStringLiteral("From: display name %1 removed (an address as "
                                                 "display name is refused by providers)")
                                      .arg(shown(display.text)));
            } else if (!display.problem.isEmpty() &&
                       m_options.fixFromName != HeaderRewriterOptions::FromNameFix::Keep) {
                nameTokens = displayNameTokens(display.text);
                rebuild = true;
                result.log.append(QStringLiteral("From: display name %1 %2 (%3)")
                                      .arg(shown(display.text),
                                           hasEightBit(display.raw) ? QStringLiteral("encoded")
                                                                    : QStringLiteral("quoted"),
                                           display.problem));
            }
            QByteArray address = mailbox.address;
            if (!m_options.fromAddress.isEmpty() &&
                QString::fromUtf8(address).compare(m_options.fromAddress, Qt::CaseInsensitive) !=
                    0) {
                result.log.append(
                    QStringLiteral("From: address %1 replaced by %2")
                        .arg(address.isEmpty() ? QStringLiteral("<>") : QString::fromUtf8(address),
                             m_options.fromAddress));
                address = m_options.fromAddress.toUtf8();
                rebuild = true;
            }
            if (rebuild) {
                fields[fromIndex].raw = buildFromField(
                    nameTokens, address, nameTokens.isEmpty() ? mailbox.comment : QByteArray());
                changed = true;
            }
        }
    } else if (fromIndex < 0 &&
               (!m_options.fromAddress.isEmpty() || !m_options.fromName.isEmpty())) {
        const QString address =
            m_options.fromAddress.isEmpty() ? result.envelopeSender : m_options.fromAddress;
        if (!address.isEmpty()) {
            Field field;
            field.name = "from";
            field.raw =
                buildFromField(m_options.fromName.isEmpty() ? QList<QByteArray>{}
                                                            : displayNameTokens(m_options.fromName),
                               address.toUtf8(), {});
            fields.append(field);
            changed = true;
            result.log.append(
                QStringLiteral("From: added (%1)").arg(QString::fromUtf8(field.raw.trimmed())));
        }
    }

    if (m_options.addDate && !findField(fields, "date") && context.date.isValid()) {
        Field field;
        field.name = "date";
        field.raw = "Date: " + formatDate(context.date) + "\r\n";
        fields.append(field);
        changed = true;
        result.log.append(
            QStringLiteral("Date: added (%1)").arg(QString::fromLatin1(formatDate(context.date))));
    }
    if (m_options.addMessageId && !findField(fields, "message-id") && !context.uniqueId.isEmpty() &&
        !context.hostname.isEmpty()) {
        const QByteArray id =
            '<' + context.uniqueId.toUtf8() + '@' + context.hostname.toUtf8() + '>';
        Field field;
        field.name = "message-id";
        field.raw = "Message-ID: " + id + "\r\n";
        fields.append(field);
        changed = true;
        result.log.append(QStringLiteral("Message-ID: added (%1)").arg(QString::fromUtf8(id)));
    }

    if (changed) {
        QByteArray rebuilt;
        rebuilt.reserve(content.size() + 256);
        for (const Field& field : fields)
            rebuilt += field.raw;
        // A message without a header/body separator gets one, so that the
        // added fields are not taken for body lines.
        result.content =
            rebuilt + (body.isEmpty() && headerEnd == content.size() ? "\r\n" : "") + body;
    }
    return result;
}

} // namespace RelayDesk::Delivery
