#pragma once

#include "service/SecurityTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSet>
#include <QVector>

namespace RelayDesk::Ui {

/// The Certificates page's table: one row per listener with its
/// certificate's subject, names, issuer, expiry (days left; a warning in
/// text and colour within 30 days) and SHA-256 fingerprint, and whether
/// the listener still accepts legacy TLS 1.0/1.1.
class CertificateModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateModel)

public:
    static constexpr int WarnDays = 30;

    enum Column {
        ListenerColumn,
        SubjectColumn,
        NamesColumn,
        IssuerColumn,
        ValidUntilColumn,
        FingerprintColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime for the expiry)
        ListenerRole,            ///< listener name
        ExpiringRole,            ///< bool: expires within WarnDays (or has expired)
        LegacyTlsRole,           ///< bool: the listener accepts TLS 1.0/1.1
    };

    explicit CertificateModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows the complete list; same listeners in the same order update in place.
    void setCertificates(const QVector<Service::ListenerCertificate>& certificates);
    /// Listeners whose minimum TLS version is below 1.2.
    void setLegacyTlsListeners(const QStringList& listeners);
    /// The time "days left" counts from; invalid (default): the current time.
    void setReferenceTime(const QDateTime& now);

    const Service::ListenerCertificate& certificateAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& listener) const;
    bool isLegacyTls(const QString& listener) const { return m_legacy.contains(listener); }

    /// "2027-03-01 (412 days left)", "2026-12-01 (12 days left — renew soon)",
    /// "2026-11-01 (EXPIRED)"; the error or "no certificate" without one.
    static QString validUntilText(const Service::ListenerCertificate& certificate,
                                  const QDateTime& now);

private:
    QDateTime now() const;

    QVector<Service::ListenerCertificate> m_rows;
    QSet<QString> m_legacy;
    QDateTime m_now;
};

} // namespace RelayDesk::Ui
