#include "CertificateModel.h"

#include "StateStyle.h"

#include <QGuiApplication>
#include <QPalette>

namespace RelayDesk::Ui {

namespace {

bool hasCertificate(const Service::ListenerCertificate& c)
{
    return c.error.isEmpty() && c.info.notAfter.isValid();
}

} // namespace

CertificateModel::CertificateModel(QObject* parent) : QAbstractTableModel(parent) {}

int CertificateModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CertificateModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int CertificateModel::rowOf(const QString& listener) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).listener == listener)
            return int(i);
    return -1;
}

QDateTime CertificateModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

QString CertificateModel::validUntilText(const Service::ListenerCertificate& certificate,
                                         const QDateTime& now)
{
    if (!certificate.error.isEmpty())
        return certificate.error;
    if (!certificate.info.notAfter.isValid())
        return tr("no certificate");
    const QString date =
        certificate.info.notAfter.toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
    if (certificate.info.notAfter <= now)
        return tr("%1 (EXPIRED)").arg(date);
    const int days = int(now.secsTo(certificate.info.notAfter) / 86400);
    if (certificate.info.expiresWithin(WarnDays, now))
        return tr("%1 (%n day(s) left — renew soon)", nullptr, days).arg(date);
    return tr("%1 (%n day(s) left)", nullptr, days).arg(date);
}

QVariant CertificateModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& c = m_rows.at(index.row());
    const bool expiring = hasCertificate(c) && c.info.expiresWithin(WarnDays, now());
    switch (role) {
    case ListenerRole:
        return c.listener;
    case ExpiringRole:
        return expiring;
    case LegacyTlsRole:
        return m_legacy.contains(c.listener);
    case Qt::ForegroundRole:
        // The text says it too; the colour only draws the eye.
        if (index.column() == ValidUntilColumn && expiring)
            return stateColor(Store::RecipientState::Deferred, QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ListenerColumn && m_legacy.contains(c.listener))
            return tr("This listener accepts legacy TLS 1.0/1.1.");
        if (index.column() == NamesColumn)
            return c.info.subjectAltNames.join(QLatin1Char('\n'));
        if (index.column() == SubjectColumn)
            return c.certFile;
        return {};
    case SortRole:
        if (index.column() == ValidUntilColumn)
            return c.info.notAfter;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case ListenerColumn:
            return m_legacy.contains(c.listener)
                       ? tr("%1 (legacy TLS 1.0/1.1 allowed)").arg(c.listener)
                       : c.listener;
        case SubjectColumn:
            return c.info.subject;
        case NamesColumn:
            return c.info.subjectAltNames.join(QStringLiteral(", "));
        case IssuerColumn:
            if (c.info.selfSigned)
                return tr("self-signed");
            return c.info.issuer;
        case ValidUntilColumn:
            return validUntilText(c, now());
        case FingerprintColumn:
            return c.info.sha256Fingerprint;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CertificateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ListenerColumn:
        return tr("Listener");
    case SubjectColumn:
        return tr("Subject");
    case NamesColumn:
        return tr("Names (SANs)");
    case IssuerColumn:
        return tr("Issuer");
    case ValidUntilColumn:
        return tr("Valid until");
    case FingerprintColumn:
        return tr("SHA-256 fingerprint");
    default:
        return {};
    }
}

void CertificateModel::setCertificates(const QVector<Service::ListenerCertificate>& certificates)
{
    bool same = certificates.size() == m_rows.size();
    for (qsizetype i = 0; same && i < certificates.size(); ++i)
        same = certificates.at(i).listener == m_rows.at(i).listener;
    if (same) {
        m_rows = certificates;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = certificates;
    endResetModel();
}

void CertificateModel::setLegacyTlsListeners(const QStringList& listeners)
{
    m_legacy = QSet<QString>(listeners.begin(), listeners.end());
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void CertificateModel::setReferenceTime(const QDateTime& now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ValidUntilColumn), index(rowCount() - 1, ValidUntilColumn));
}

} // namespace RelayDesk::Ui
