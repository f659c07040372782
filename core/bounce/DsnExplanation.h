#pragma once

#include "DsnReport.h"

#include <QString>

namespace RelayDesk::Bounce {

/// The human-readable first part of a DSN: for an office user, not a mail
/// administrator. Says what happened to the message as a whole, then for
/// each recipient what happened, why (from the status registry) and what
/// to do, with the server's own reply for the administrator. English only:
/// a DSN goes to whoever sent the mail, in whatever language, and core has
/// no translator.
class DsnExplanation
{
public:
    struct Context
    {
        QString reportingMta;
        DsnKind kind = DsnKind::Failure;
        bool returnedFullMessage = false;
        bool fellBackToHeaders = false;
        qint64 maxReturnedBytes = 0;
    };

    /// Plain text with '\n' line ends, wrapped at 76 columns.
    static QString write(const DsnReport& report, const Context& context);

    /// Wraps `text` at `width` columns counting `indent` on every line, and
    /// indents the continuation lines (the caller writes the first indent).
    static QString wrap(const QString& text, int width, const QString& indent);
};

} // namespace RelayDesk::Bounce
