#include "MtaStsPolicy.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace RelayDesk::Delivery {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RelayDesk::Delivery::MtaStsPolicy", text);
}

QString normalizedHost(QString host)
{
    host = host.trimmed().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

bool validDomain(const QString& name)
{
    static const QRegularExpression domain(QStringLiteral(
        "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"));
    return name.size() <= 253 && domain.match(name).hasMatch();
}

} // namespace

std::optional<MtaStsPolicy> MtaStsPolicy::parse(const QByteArray& body, QString* error)
{
    const auto fail = [error](const QString& text) -> std::optional<MtaStsPolicy> {
        if (error)
            *error = text;
        return std::nullopt;
    };

    MtaStsPolicy policy;
    bool haveVersion = false;
    bool haveMode = false;
    bool haveMaxAge = false;
    QList<QByteArray> lines = body.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the final line end is optional
    int lineNumber = 0;
    for (QByteArray line : lines) {
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r'))
            return fail(tr("line %1: bare CR").arg(lineNumber));
        // Trailing whitespace after a value is allowed (*WSP in RFC 8461 3.2).
        while (line.endsWith(' ') || line.endsWith('\t'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(tr("line %1: not a \"key: value\" field").arg(lineNumber));
        const QByteArray key = line.left(colon);
        QByteArray value = line.mid(colon + 1);
        while (value.startsWith(' ') || value.startsWith('\t'))
            value.remove(0, 1);
        static const QRegularExpression keyPattern(
            QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"));
        if (!keyPattern.match(QString::fromLatin1(key)).hasMatch())
            return fail(tr("line %1: invalid field name").arg(lineNumber));
        if (key == "version") {
            if (haveVersion)
                return fail(tr("version appears more than once"));
            if (value != "STSv1")
                return fail(tr("unsupported version \"%1\"").arg(QString::fromUtf8(value)));
            haveVersion = true;
        } else if (key == "mode") {
            if (haveMode)
                return fail(tr("mode appears more than once"));
            if (value == "enforce")
                policy.mode = Mode::Enforce;
            else if (value == "testing")
                policy.mode = Mode::Testing;
            else if (value == "none")
                policy.mode = Mode::None;
            else
                return fail(tr("unknown mode \"%1\"").arg(QString::fromUtf8(value)));
            haveMode = true;
        } else if (key == "max_age") {
            if (haveMaxAge)
                return fail(tr("max_age appears more than once"));
            static const QRegularExpression digits(QStringLiteral("^[0-9]{1,10}$"));
            if (!digits.match(QString::fromLatin1(value)).hasMatch())
                return fail(tr("max_age \"%1\" is not a number of seconds (1 to 10 digits)")
                                .arg(QString::fromUtf8(value)));
            policy.maxAge = std::min(value.toLongLong(), maxMaxAge);
            haveMaxAge = true;
        } else if (key == "mx") {
            QString pattern = QString::fromUtf8(value).toLower();
            const QString domain =
                pattern.startsWith(QStringLiteral("*.")) ? pattern.mid(2) : pattern;
            if (!validDomain(domain))
                return fail(tr("mx \"%1\" is not a host name or *.domain pattern")
                                .arg(QString::fromUtf8(value)));
            if (!policy.mx.contains(pattern))
                policy.mx.append(pattern);
        }
        // Other fields are extensions: ignored (RFC 8461 3.2).
    }
    if (!haveVersion)
        return fail(tr("version is missing"));
    if (!haveMode)
        return fail(tr("mode is missing"));
    if (!haveMaxAge)
        return fail(tr("max_age is missing"));
    if (policy.mx.isEmpty() && policy.mode != Mode::None)
        return fail(tr("no mx pattern (required unless mode is none)"));
    return policy;
}

bool MtaStsPolicy::patternMatches(const QString& pattern, const QString& host)
{
    const QString h = normalizedHost(host);
    const QString p = normalizedHost(pattern);
    if (h.isEmpty() || p.isEmpty())
        return false;
    if (!p.startsWith(QStringLiteral("*.")))
        return h == p;
    const QString suffix = p.mid(1); // ".example.com"
    if (!h.endsWith(suffix))
        return false;
    const QString label = h.left(h.size() - suffix.size());
    return !label.isEmpty() && !label.contains(u'.');
}

bool MtaStsPolicy::matches(const QString& mxHost) const
{
    for (const QString& pattern : mx) {
        if (patternMatches(pattern, mxHost))
            return true;
    }
    return false;
}

QString MtaStsPolicy::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Enforce:
        return QStringLiteral("enforce");
    case Mode::Testing:
        return QStringLiteral("testing");
    case Mode::None:
        return QStringLiteral("none");
    }
    return {};
}

} // namespace RelayDesk::Delivery
