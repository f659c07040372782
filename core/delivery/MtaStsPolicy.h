#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Delivery {

/// An MTA-STS policy (RFC 8461 3.2) as served at
/// https://mta-sts.<domain>/.well-known/mta-sts.txt, plus the id of the
/// TXT record it was fetched under.
struct MtaStsPolicy
{
    enum class Mode { Enforce, Testing, None };

    Mode mode = Mode::None;
    QStringList mx;    ///< patterns: "mx.example.com" or "*.example.com", lower case
    qint64 maxAge = 0; ///< seconds, at most 31557600
    QString id;        ///< the _mta-sts TXT record's id when fetched

    static constexpr qint64 maxMaxAge = 31557600; ///< one year (RFC 8461 3.2)

    /// Strict parse: "version: STSv1", "mode" and "max_age" exactly once,
    /// "mx" at least once unless mode is none, keys and values case
    /// sensitive, LF or CRLF line ends; unknown keys are ignored (RFC 8461
    /// 3.2). A max_age above one year is capped. nullopt + `error` otherwise.
    static std::optional<MtaStsPolicy> parse(const QByteArray& body, QString* error = nullptr);

    /// Does the MX host name match one of the mx patterns (RFC 8461 4.1)?
    bool matches(const QString& mxHost) const;
    /// "*.example.com" matches exactly one extra leftmost label.
    static bool patternMatches(const QString& pattern, const QString& host);

    static QString modeName(Mode mode);
    friend bool operator==(const MtaStsPolicy&, const MtaStsPolicy&) = default;
};

} // namespace RelayDesk::Delivery

Q_DECLARE_METATYPE(RelayDesk::Delivery::MtaStsPolicy)
