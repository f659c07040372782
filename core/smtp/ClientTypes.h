#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Smtp {

/// What a reply (or a local decision standing in for one) means for a
/// recipient. Kept explicit rather than derived from the code because some
/// upstream 5xx replies are deliberately treated as temporary (AUTH failure,
/// like Postfix's smtp_sasl_auth_soft_bounce) and local decisions have no
/// upstream code at all.
enum class ClientDisposition {
    Delivered, ///< the upstream took responsibility (2xx after the final ".")
    Transient, ///< try again later
    Permanent, ///< give up now
};

/// One SMTP reply from the upstream, or a locally generated result.
struct ClientReply
{
    int code = 0;            ///< 3-digit reply code; 0 when no reply arrived (connection failure)
    QString enhancedStatus;  ///< RFC 3463 "x.y.z", or empty
    QString text;            ///< full reply text: all lines without codes, joined by '\n'
    QString upstreamQueueId; ///< from the final reply when the upstream names one
    ClientDisposition disposition = ClientDisposition::Transient;
    bool local = false; ///< decided by us (no such reply was received)

    bool isPositive() const { return code >= 200 && code < 400; }
    /// A result we decided ourselves (timeouts, policy, no host), shaped like
    /// a reply so it is logged and classified like one.
    static ClientReply makeLocal(int code, const QString& enhancedStatus, const QString& text,
                                 ClientDisposition disposition = ClientDisposition::Transient);
    /// "250 2.0.0 text" style, for logs and error messages.
    QString toString() const;
};

/// A message to deliver over one connection. `content` is canonical (CRLF
/// line ends, no dot-stuffing); it is implicitly shared, never copied.
struct ClientMessage
{
    QString sender; ///< empty: null reverse-path <>
    QStringList recipients;
    QByteArray content;
    /// RFC 3461 RET/ENVID for MAIL FROM, already formatted ("RET=HDRS
    /// ENVID=..."); sent only when the upstream offers DSN, so that an
    /// upstream without it never sees parameters it would refuse.
    QByteArray mailParameters;
    /// RFC 3461 NOTIFY/ORCPT per recipient, in the order of recipients; may
    /// be empty or shorter (a missing or empty entry sends nothing).
    QVector<QByteArray> rcptParameters;
};

/// Results of one message, one reply per recipient in ClientMessage order.
struct ClientMessageResult
{
    QVector<ClientReply> recipients;
    /// The session's client transcript up to this result ("C: ..." / "S: ..."
    /// / "*: ..." lines, AUTH secrets masked, no message content), filled by
    /// Delivery::SmtpClientConnection for the delivery log (issue 4).
    QStringList transcript;
};

/// What the upstream offered in its EHLO reply.
struct ClientCapabilities
{
    bool esmtp = false; ///< EHLO succeeded (false after the HELO fallback)
    bool pipelining = false;
    bool startTls = false;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    bool enhancedStatusCodes = false;
    bool dsn = false; ///< RFC 3461: NOTIFY/ORCPT/RET/ENVID may be passed on
    bool sizeAdvertised = false;
    qint64 sizeLimit = 0;       ///< 0: no limit announced
    QStringList authMechanisms; ///< upper case
};

/// How the client protocol behaves; the socket adapter fills it from
/// Delivery::SmarthostSettings.
struct ClientProtocolSettings
{
    enum class StartTls {
        Never,     ///< never send STARTTLS
        IfOffered, ///< opportunistic: use it when the upstream offers it
        Required,  ///< defer everything when the upstream does not offer it
    };

    QString heloName = QStringLiteral("localhost");
    StartTls startTls = StartTls::Required;
    bool tlsActive = false; ///< TLS from the first byte (implicit TLS, port 465)
    QString username;       ///< empty: no AUTH
    QString password;
    /// Send AUTH over an unencrypted connection. Off by default so that a
    /// misconfigured (opportunistic, no STARTTLS) upstream never sees the
    /// password in clear text.
    bool allowPlaintextAuth = false;
    int maxReplyLineLength = 4096; ///< RFC 5321 says 512; real servers exceed it
    int maxReplyLines = 200;       ///< bounds a multi-line reply (EHLO lists)
};

} // namespace RelayDesk::Smtp
