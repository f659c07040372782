#include "MailTransaction.h"

#include "AddressParser.h"
#include "ReceivedHeader.h"
#include "bounce/DsnParameters.h"

#include <algorithm>

namespace RelayDesk::Smtp {

namespace {

constexpr qsizetype DefaultContentReserve = 64 * 1024;
constexpr qsizetype MaxContentReserve = 1024 * 1024;

// Reserve what the client announced (SIZE=, BDAT count) to avoid regrowing,
// but never more than 1 MiB on the strength of a claim alone.
qsizetype reserveFor(qint64 announced)
{
    if (announced <= 0)
        return DefaultContentReserve;
    return static_cast<qsizetype>(std::min<qint64>(announced + 1024, MaxContentReserve));
}

ServerReply refuse(int code, const char* enhanced, QByteArray text, bool clientError = true)
{
    return {code, enhanced, std::move(text), clientError};
}

using DsnResult = Bounce::DsnParameters::Result;

// A DSN parameter we offer but with a bad or repeated value is a syntax error
// in the parameters (501 5.5.4); one we do not offer at all is 555 5.5.4
// (RFC 5321 4.1.1.11). The client learns which of the two it got wrong.
ServerReply refuseDsn(DsnResult result, QByteArrayView keyword)
{
    return refuse(501, "5.5.4", Bounce::DsnParameters::rejectionText(result, keyword).toLatin1());
}

} // namespace

MailTransaction::MailTransaction(const ServerLimits& limits) : m_limits(limits) {}

ServerReply MailTransaction::mail(QByteArrayView argument, bool esmtp)
{
    const auto path = AddressParser::parseMailFrom(argument);
    if (path.error == AddressParser::Error::Syntax)
        return refuse(501, "5.5.2", "Syntax: MAIL FROM:<address>");
    if (path.error == AddressParser::Error::BadAddress)
        return refuse(501, "5.1.7", "Bad sender address syntax");
    qint64 declaredSize = -1;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    Bounce::DsnRequest dsn;
    for (const auto& parameter : path.parameters) {
        if (!esmtp)
            return refuse(555, "5.5.4", "Error: parameters need EHLO");
        if (parameter.keyword == "SIZE") {
            bool ok = parameter.hasValue && parameter.value.size() <= 18;
            for (char c : parameter.value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok)
                return refuse(501, "5.5.4", "Error: bad SIZE parameter");
            declaredSize = parameter.value.toLongLong();
            if (declaredSize > m_limits.maxMessageSize)
                return refuse(552, "5.3.4", "Error: message size exceeds fixed limit", false);
        } else if (parameter.keyword == "BODY") {
            const QByteArray body = parameter.value.toUpper();
            if (body == "8BITMIME")
                eightBitMime = true;
            else if (body != "7BIT")
                return refuse(555, "5.5.4", "Error: unsupported BODY type");
        } else if (parameter.keyword == "SMTPUTF8" && !parameter.hasValue) {
            smtpUtf8 = true;
        } else if (parameter.keyword == "AUTH" && parameter.hasValue) {
            // RFC 4954 5: we advertise AUTH, so clients may send AUTH=<...>.
            // The value is the original submitter; nothing here trusts it.
        } else {
            const auto result = Bounce::DsnParameters::applyMailParameter(
                parameter.keyword, parameter.value, parameter.hasValue, dsn);
            if (result == DsnResult::NotDsn)
                return refuse(555, "5.5.4", "Error: unsupported parameter " + parameter.keyword);
            if (result != DsnResult::Applied)
                return refuseDsn(result, parameter.keyword);
        }
    }
    reset();
    m_sender = path.mailbox;
    m_declaredSize = declaredSize;
    m_eightBitMime = eightBitMime;
    m_smtpUtf8 = smtpUtf8;
    m_dsn = dsn;
    return {250, "2.1.0", "Ok", false};
}

ServerReply MailTransaction::rcpt(QByteArrayView argument, bool esmtp, bool mayRelay)
{
    const auto path = AddressParser::parseRcptTo(argument, m_smtpUtf8);
    if (path.error == AddressParser::Error::Syntax)
        return refuse(501, "5.5.2", "Syntax: RCPT TO:<address>");
    if (path.error == AddressParser::Error::BadAddress)
        return refuse(501, "5.1.3", "Bad recipient address syntax");
    Bounce::RecipientDsnRequest dsn;
    for (const auto& parameter : path.parameters) {
        if (!esmtp)
            return refuse(555, "5.5.4", "Error: parameters need EHLO");
        const auto result = Bounce::DsnParameters::applyRcptParameter(
            parameter.keyword, parameter.value, parameter.hasValue, dsn);
        if (result == DsnResult::NotDsn)
            return refuse(555, "5.5.4", "Error: unsupported parameter " + parameter.keyword);
        if (result != DsnResult::Applied)
            return refuseDsn(result, parameter.keyword);
    }
    if (m_recipients.size() >= m_limits.maxRecipients)
        return refuse(452, "4.5.3", "Error: too many recipients", false);
    // Invariant 3: never an open relay. <postmaster> is no exception: the
    // relay has no local mailboxes, so it too would be forwarded upstream.
    if (!mayRelay)
        return refuse(554, "5.7.1", "Error: relay access denied");
    m_recipients.append(path.postmaster ? path.mailbox + u'@' + m_limits.hostname : path.mailbox);
    m_recipientDsn.append(dsn);
    return {250, "2.1.5", "Ok", false};
}

void MailTransaction::beginData(const Origin& origin)
{
    m_origin = origin;
    m_decoder.begin(ContentDecoder::Mode::Data, m_limits.maxMessageSize, receivedHeader(),
                    reserveFor(m_declaredSize));
}

qsizetype MailTransaction::feedData(QByteArrayView bytes)
{
    return m_decoder.feed(bytes);
}

void MailTransaction::beginChunks(const Origin& origin, qint64 firstChunkSize)
{
    m_chunking = true;
    m_origin = origin;
    m_decoder.begin(ContentDecoder::Mode::Chunks, m_limits.maxMessageSize, receivedHeader(),
                    reserveFor(m_declaredSize > 0 ? m_declaredSize : firstChunkSize));
}

void MailTransaction::beginChunk(qint64 size, bool last, bool discard)
{
    m_chunkRemaining = size;
    m_chunkLast = last;
    m_discardChunk = discard;
}

qsizetype MailTransaction::feedChunk(QByteArrayView bytes)
{
    const auto take = static_cast<qsizetype>(std::min<qint64>(bytes.size(), m_chunkRemaining));
    if (!m_discardChunk)
        m_decoder.feed(bytes.first(take));
    m_chunkRemaining -= take;
    return take;
}

ReceivedMessage MailTransaction::takeMessage()
{
    ReceivedMessage message;
    message.sender = m_sender;
    message.recipients = m_recipients;
    message.content = m_decoder.takeContent();
    message.heloName = m_origin.heloName;
    message.clientAddress = m_origin.clientAddress.toString();
    message.clientPort = m_origin.clientPort;
    message.listener = m_origin.listener;
    message.tlsVersion = m_origin.tls ? m_origin.tlsVersion : QString();
    message.authUser = m_origin.authUser;
    message.eightBitMime = m_eightBitMime;
    message.smtpUtf8 = m_smtpUtf8;
    message.receivedAt = m_origin.receivedAt;
    message.normalisedLineEnds = m_decoder.normalisedLineEnds();
    message.foldedLongLines = m_decoder.foldedLongLines();
    message.dsn = m_dsn;
    message.recipientDsn = m_recipientDsn;
    return message;
}

void MailTransaction::reset()
{
    m_sender.clear();
    m_recipients.clear();
    m_declaredSize = -1;
    m_eightBitMime = false;
    m_smtpUtf8 = false;
    m_dsn = {};
    m_recipientDsn.clear();
    m_chunking = false;
    m_chunkRemaining = 0;
    m_chunkLast = false;
    m_discardChunk = false;
    m_origin = Origin();
    m_decoder.takeContent();
}

QByteArray MailTransaction::receivedHeader() const
{
    ReceivedHeader::Fields fields;
    fields.heloName = m_origin.heloName;
    fields.clientAddressLiteral = ReceivedHeader::addressLiteral(m_origin.clientAddress.toString());
    fields.hostname = m_limits.hostname;
    fields.protocol =
        ReceivedHeader::protocolKeyword(m_origin.esmtp, m_origin.tls, !m_origin.authUser.isEmpty());
    fields.tlsVersion = m_origin.tls ? m_origin.tlsVersion : QString();
    fields.authUser = m_origin.authUser;
    if (m_recipients.size() == 1)
        fields.recipient = m_recipients.first();
    fields.date = m_origin.receivedAt;
    return ReceivedHeader::format(fields);
}

} // namespace RelayDesk::Smtp
