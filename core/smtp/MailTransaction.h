#pragma once

#include "ContentDecoder.h"
#include "ListenerSettings.h"
#include "ReceivedMessage.h"
#include "ServerReply.h"
#include "bounce/DsnTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Smtp {

/// One SMTP mail transaction (RFC 5321 3.3): the envelope (MAIL FROM with its
/// ESMTP parameters, the RCPT TO list), the content as it arrives after DATA
/// or in BDAT chunks, and the SIZE accounting (declared at MAIL, counted as
/// the client sends it).
///
/// Kept apart from the session (EHLO, TLS, AUTH, command sequencing), which
/// ServerProtocol owns: the caller passes in what the transaction needs to
/// know of the session (ESMTP or not, may this client relay) and turns the
/// verdicts into replies. No I/O, no timers.
class MailTransaction
{
public:
    /// What the session knows of the client when the content starts: it
    /// goes into the Received: header and is recorded with the message.
    struct Origin
    {
        QString heloName;
        QHostAddress clientAddress;
        quint16 clientPort = 0;
        QString listener;
        bool esmtp = false;
        bool tls = false;
        QString tlsVersion;
        QString authUser;     ///< empty when not authenticated
        QDateTime receivedAt; ///< UTC
    };

    explicit MailTransaction(const ServerLimits& limits);

    /// MAIL FROM: path and parameters (SIZE, BODY, SMTPUTF8, AUTH, and the
    /// DSN parameters RET and ENVID; all need EHLO). Starts the transaction
    /// when accepted.
    ServerReply mail(QByteArrayView argument, bool esmtp);
    /// RCPT TO: path (<postmaster> becomes postmaster@<our hostname>), the
    /// DSN parameters NOTIFY and ORCPT (need EHLO), the recipient limit, then
    /// the relay policy (mayRelay: allowed network or authenticated), in that
    /// order.
    ServerReply rcpt(QByteArrayView argument, bool esmtp, bool mayRelay);

    const QStringList& recipients() const { return m_recipients; }

    /// DATA: content follows until CRLF.CRLF, behind the Received: header.
    void beginData(const Origin& origin);
    /// Returns the octets used; stops right after the end marker.
    qsizetype feedData(QByteArrayView bytes);
    bool isDataComplete() const { return m_decoder.isComplete(); }

    /// True once the first BDAT chunk of this message was accepted.
    bool isChunking() const { return m_chunking; }
    /// Before the first accepted chunk: content begins behind the header.
    void beginChunks(const Origin& origin, qint64 firstChunkSize);
    /// BDAT count [LAST]. A discarded chunk (one the protocol refused) is
    /// read only to stay in step with the client and touches nothing else.
    void beginChunk(qint64 size, bool last, bool discard);
    /// Returns the octets used (at most what is left of the chunk).
    qsizetype feedChunk(QByteArrayView bytes);
    bool isChunkComplete() const { return m_chunkRemaining == 0; }
    bool isLastChunk() const { return m_chunkLast; }
    bool isDiscardingChunk() const { return m_discardChunk; }
    /// The LAST chunk is in: completes a line left open.
    void finishChunks() { m_decoder.finishChunks(); }

    /// The content went over ServerLimits::maxMessageSize (and was dropped).
    bool isOverflowed() const { return m_decoder.isOverflowed(); }
    /// Message octets as sent so far (RFC 1870 counting).
    qint64 size() const { return m_decoder.size(); }

    /// The envelope, the content, the origin and what the decoder counted.
    ReceivedMessage takeMessage();
    /// Forgets the envelope and the content (RSET, new EHLO, after a message).
    void reset();

private:
    /// RFC 5321 4.4 trace header, RFC 3848 protocol keyword.
    QByteArray receivedHeader() const;

    ServerLimits m_limits;
    QString m_sender;
    QStringList m_recipients;
    qint64 m_declaredSize = -1;
    bool m_eightBitMime = false;
    bool m_smtpUtf8 = false;
    Bounce::DsnRequest m_dsn;
    QVector<Bounce::RecipientDsnRequest> m_recipientDsn; ///< parallel to m_recipients
    bool m_chunking = false;
    ContentDecoder m_decoder;
    Origin m_origin;

    // The BDAT chunk being read.
    qint64 m_chunkRemaining = 0;
    bool m_chunkLast = false;
    bool m_discardChunk = false;
};

} // namespace RelayDesk::Smtp
