#pragma once

#include "HeaderRewriterOptions.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace RelayDesk::Delivery {

/// Applies a route's HeaderRewriterOptions to one message: the header
/// fixes printers and scanners need before Microsoft 365, Google or SES
/// take their mail. Pure: works on the canonical CRLF content, touches the
/// header section only (the body is copied byte for byte), understands
/// folded fields, and returns what it changed as human-readable lines for
/// the message's delivery log. Unchanged input comes back unchanged (same
/// bytes, empty log), so rewriting again at the next attempt is harmless.
class HeaderRewriter
{
public:
    /// What the rewriter may not invent itself (it is pure).
    struct Context
    {
        QString hostname; ///< right side of an added Message-ID
        /// For an added Date: (the time we accepted the message, so that
        /// every attempt adds the same one). Must be valid when addDate.
        QDateTime date;
        /// Left side of an added Message-ID; stable per message (e.g.
        /// derived from the store's message id) so retries do not change it.
        QString uniqueId;
    };

    struct Result
    {
        QByteArray content;
        QString envelopeSender;
        QStringList log; ///< one line per change; empty: nothing changed
    };

    explicit HeaderRewriter(HeaderRewriterOptions options) : m_options(std::move(options)) {}

    Result rewrite(const QByteArray& content, const QString& envelopeSender,
                   const Context& context) const;

    /// RFC 5322 date-time in English whatever the locale, e.g.
    /// "Thu, 13 Feb 2025 10:00:00 +0100".
    static QByteArray formatDate(const QDateTime& dateTime);
    /// A display name as it may appear in a header: bare when it is atoms
    /// only, else a quoted string, RFC 2047 encoded words when not ASCII.
    static QByteArray encodeDisplayName(const QString& name);

private:
    HeaderRewriterOptions m_options;
};

} // namespace RelayDesk::Delivery
