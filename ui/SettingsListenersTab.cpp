#include "SettingsListenersTab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

// Settings of a row that have no column, kept on the name item so that a
// listener's own certificate or allow-plain-auth survive an edit.
constexpr int OwnCertRole = Qt::UserRole + 1;
constexpr int OwnKeyRole = Qt::UserRole + 2;
constexpr int MinTlsRole = Qt::UserRole + 3;
constexpr int PlainAuthRole = Qt::UserRole + 4;
constexpr int OwnPassphraseRole = Qt::UserRole + 5; ///< the reference, never the passphrase

bool isLegacy(Config::TlsVersion version)
{
    return version == Config::TlsVersion::V1_0 || version == Config::TlsVersion::V1_1;
}

QTableWidgetItem* checkItem(bool checked)
{
    auto* item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

SettingsListenersTab::SettingsListenersTab(QWidget* parent) : SettingsTab(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("Where RelayDesk accepts mail. STARTTLS and implicit TLS use the "
                               "certificate on the General tab unless a listener has its own."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("listenersTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Address"), tr("Port"), tr("TLS"),
                                        tr("AUTH required"), tr("Legacy TLS 1.0/1.1")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_table, 1);

    m_legacyWarning = new QLabel(this);
    m_legacyWarning->setObjectName(QStringLiteral("settingsLegacyTlsWarning"));
    m_legacyWarning->setWordWrap(true);
    m_legacyWarning->setText(
        tr("<b>Warning:</b> a listener accepts TLS 1.0/1.1. These versions are broken; allow "
           "them only for old printers and scanners that cannot do better, on the LAN only."));
    m_legacyWarning->setForegroundRole(QPalette::BrightText);
    m_legacyWarning->setBackgroundRole(QPalette::Highlight);
    m_legacyWarning->setAutoFillBackground(true);
    m_legacyWarning->setMargin(6);
    m_legacyWarning->hide();
    layout->addWidget(m_legacyWarning);

    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add listener"), this);
    add->setObjectName(QStringLiteral("addListenerButton"));
    auto* remove = new QPushButton(tr("&Remove listener"), this);
    remove->setObjectName(QStringLiteral("removeListenerButton"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        Config::ListenerConfig listener;
        listener.name = QStringLiteral("listener%1").arg(m_table->rowCount() + 1);
        listener.port = quint16(2525 + m_table->rowCount());
        const int row = addListener(listener, Plain);
        m_table->setCurrentCell(row, NameColumn);
        m_table->editItem(m_table->item(row, NameColumn));
        Q_EMIT edited();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        updateWarning();
        Q_EMIT edited();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (m_filling)
            return;
        updateWarning();
        Q_EMIT edited();
    });
}

int SettingsListenersTab::addListener(const Config::ListenerConfig& listener, TlsChoice tls)
{
    const bool filling = m_filling;
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* name = new QTableWidgetItem(listener.name);
    name->setData(MinTlsRole, int(listener.minTls));
    name->setData(PlainAuthRole, listener.allowPlainAuth);
    m_table->setItem(row, NameColumn, name);
    m_table->setItem(row, AddressColumn, new QTableWidgetItem(listener.address.toString()));
    m_table->setItem(row, PortColumn, new QTableWidgetItem(QString::number(listener.port)));
    auto* mode = new QComboBox(m_table);
    mode->addItems({tr("Plain"), tr("STARTTLS"), tr("Implicit TLS")});
    mode->setCurrentIndex(tls);
    connect(mode, &QComboBox::activated, this, &SettingsTab::edited);
    m_table->setCellWidget(row, TlsColumn, mode);
    m_table->setItem(row, AuthColumn, checkItem(listener.requireAuth));
    m_table->setItem(row, LegacyColumn, checkItem(isLegacy(listener.minTls)));
    m_filling = filling;
    updateWarning();
    return row;
}

void SettingsListenersTab::setConfig(const Config::RelayConfig& config)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const Config::ListenerConfig& listener : config.listeners) {
        TlsChoice tls = Plain;
        if (listener.mode == Config::ListenerConfig::Mode::Tls)
            tls = ImplicitTls;
        else if (listener.hasCertificate())
            tls = StartTls;
        const int row = addListener(listener, tls);
        // Only a certificate other than [tls]'s is the listener's own.
        if (listener.certFile != config.tls.certFile || listener.keyFile != config.tls.keyFile ||
            listener.keyPassphraseRef != config.tls.keyPassphraseRef) {
            QTableWidgetItem* name = m_table->item(row, NameColumn);
            name->setData(OwnCertRole, listener.certFile);
            name->setData(OwnKeyRole, listener.keyFile);
            name->setData(OwnPassphraseRole, listener.keyPassphraseRef.toString());
            name->setToolTip(tr("Own certificate: %1").arg(listener.certFile));
        }
    }
    m_filling = false;
    m_table->resizeColumnsToContents();
    updateWarning();
}

bool SettingsListenersTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    QList<Config::ListenerConfig> listeners;
    QStringList names;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto fail = [&](int column, const QString& message) {
            *error = {m_table, row, column, message};
            return false;
        };
        const QTableWidgetItem* nameItem = m_table->item(row, NameColumn);
        Config::ListenerConfig listener;
        listener.name = nameItem->text().trimmed();
        if (!namePattern.match(listener.name).hasMatch())
            return fail(NameColumn, tr("A listener name is 1-32 of A-Z a-z 0-9 _ -."));
        if (names.contains(listener.name))
            return fail(NameColumn, tr("Two listeners are called %1.").arg(listener.name));
        names.append(listener.name);
        const QString address = m_table->item(row, AddressColumn)->text().trimmed();
        listener.address = QHostAddress(address);
        if (listener.address.isNull())
            return fail(AddressColumn, tr("\"%1\" is not an IP address (e.g. 0.0.0.0, "
                                          "192.168.1.10, ::, ::1).")
                                           .arg(address));
        bool ok = false;
        const uint port = m_table->item(row, PortColumn)->text().trimmed().toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return fail(PortColumn, tr("A port is a number from 1 to 65535."));
        listener.port = quint16(port);

        const auto tls =
            TlsChoice(static_cast<QComboBox*>(m_table->cellWidget(row, TlsColumn))->currentIndex());
        listener.mode = tls == ImplicitTls ? Config::ListenerConfig::Mode::Tls
                                           : Config::ListenerConfig::Mode::Plain;
        const QString ownCert = nameItem->data(OwnCertRole).toString();
        const QString ownKey = nameItem->data(OwnKeyRole).toString();
        const bool own = !ownCert.isEmpty() || !ownKey.isEmpty();
        listener.certFile = own ? ownCert : config->tls.certFile;
        listener.keyFile = own ? ownKey : config->tls.keyFile;
        listener.keyPassphraseRef = own ? Config::CredentialReference::parse(
                                              nameItem->data(OwnPassphraseRole).toString(), nullptr)
                                              .value_or(Config::CredentialReference{})
                                        : config->tls.keyPassphraseRef;
        if (tls != Plain && !listener.hasCertificate())
            return fail(TlsColumn, tr("STARTTLS and implicit TLS need a certificate: set it on "
                                      "the General tab."));
        if (tls == Plain && listener.hasCertificate())
            return fail(TlsColumn, tr("With a certificate a listener always offers STARTTLS: "
                                      "choose STARTTLS, or remove the certificate on the "
                                      "General tab."));
        listener.requireAuth = m_table->item(row, AuthColumn)->checkState() == Qt::Checked;
        listener.allowPlainAuth = nameItem->data(PlainAuthRole).toBool();
        const auto minTls = Config::TlsVersion(nameItem->data(MinTlsRole).toInt());
        const bool legacy = m_table->item(row, LegacyColumn)->checkState() == Qt::Checked;
        if (legacy)
            listener.minTls = isLegacy(minTls) ? minTls : Config::TlsVersion::V1_0;
        else
            listener.minTls = isLegacy(minTls) ? Config::TlsVersion::V1_2 : minTls;
        listeners.append(listener);
    }
    if (listeners.isEmpty()) {
        *error = {m_table, -1, -1, tr("RelayDesk needs at least one listener.")};
        return false;
    }
    config->listeners = listeners;
    return true;
}

SettingsFieldError SettingsListenersTab::reveal(const QString& section, const QString& key)
{
    SettingsFieldError found;
    if (!section.startsWith(QLatin1String("listener.")))
        return found;
    const QString name = section.mid(int(qstrlen("listener.")));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, NameColumn)->text().trimmed() != name)
            continue;
        found.field = m_table;
        found.row = row;
        if (key == QLatin1String("address"))
            found.column = AddressColumn;
        else if (key == QLatin1String("port"))
            found.column = PortColumn;
        else if (key == QLatin1String("require-auth"))
            found.column = AuthColumn;
        else if (key == QLatin1String("min-tls"))
            found.column = LegacyColumn;
        else if (!key.isEmpty())
            found.column = TlsColumn;
        break;
    }
    return found;
}

void SettingsListenersTab::updateWarning()
{
    bool legacy = false;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (const QTableWidgetItem* item = m_table->item(row, LegacyColumn))
            legacy = legacy || item->checkState() == Qt::Checked;
    }
    m_legacyWarning->setVisible(legacy);
}

} // namespace RelayDesk::Ui
