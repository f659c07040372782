#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>
#include <optional>

namespace RelayDesk::Delivery {

/// The _mta-sts.<domain> TXT record (RFC 8461 3.1): "v=STSv1; id=...".
struct MtaStsTxtRecord
{
    QString id; ///< 1 to 32 letters and digits; a new id announces a new policy

    /// Strict parse of one record; nullopt + `error` when invalid.
    static std::optional<MtaStsTxtRecord> parse(const QByteArray& text, QString* error = nullptr);
    /// From all TXT records of the name: those not starting with "v=STSv1"
    /// are ignored; exactly one must remain and be valid, else there is no
    /// MTA-STS policy (RFC 8461 3.1).
    static std::optional<MtaStsTxtRecord> select(const QVector<QByteArray>& texts,
                                                 QString* error = nullptr);
};

} // namespace RelayDesk::Delivery
