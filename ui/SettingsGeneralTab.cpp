#include "SettingsGeneralTab.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

SettingsGeneralTab::SettingsGeneralTab(QWidget* parent) : SettingsTab(parent)
{
    auto* layout = new QVBoxLayout(this);

    auto* relayBox = new QGroupBox(tr("Relay"), this);
    auto* relayForm = new QFormLayout(relayBox);
    m_hostname = new QLineEdit(relayBox);
    m_hostname->setObjectName(QStringLiteral("settingsHostname"));
    m_hostname->setToolTip(tr("Our name in the SMTP greeting, EHLO and Received: headers."));
    relayForm->addRow(tr("Host name:"), m_hostname);
    m_dataDir =
        addPath(relayForm, tr("&Data directory:"), QStringLiteral("settingsDataDir"), QString());
    m_dataDir->setToolTip(tr("Queue database, spool, local accounts. A change takes effect "
                             "when RelayDesk starts again."));
    m_dnsServer = new QLineEdit(relayBox);
    m_dnsServer->setObjectName(QStringLiteral("settingsDnsServer"));
    m_dnsServer->setPlaceholderText(tr("the system resolver"));
    m_dnsServer->setToolTip(tr("IP address of the DNS server for direct MX delivery and "
                               "MTA-STS, e.g. 127.0.0.53."));
    relayForm->addRow(tr("DNS server:"), m_dnsServer);
    layout->addWidget(relayBox);

    auto* tlsBox = new QGroupBox(tr("TLS certificate"), this);
    auto* tlsForm = new QFormLayout(tlsBox);
    auto* tlsNote = new QLabel(tr("Used by every listener without a certificate of its own. "
                                  "With it, plain listeners offer STARTTLS. Set both or "
                                  "neither."),
                               tlsBox);
    tlsNote->setWordWrap(true);
    tlsForm->addRow(tlsNote);
    m_certFile = addPath(tlsForm, tr("&Certificate (PEM):"), QStringLiteral("settingsCertFile"),
                         tr("Certificates (*.pem *.crt);;All files (*)"));
    m_keyFile = addPath(tlsForm, tr("Private &key (PEM):"), QStringLiteral("settingsKeyFile"),
                        tr("Keys (*.pem *.key);;All files (*)"));
    m_keyPassphraseRef = new QLineEdit(tlsBox);
    m_keyPassphraseRef->setObjectName(QStringLiteral("settingsKeyPassphraseRef"));
    m_keyPassphraseRef->setPlaceholderText(tr("none: the key is not encrypted"));
    m_keyPassphraseRef->setToolTip(
        tr("For an encrypted key: where its passphrase is kept, e.g. keychain:tls-key or "
           "local:tls-key. Store the passphrase itself on Security › Credentials."));
    tlsForm->addRow(tr("Key &passphrase in:"), m_keyPassphraseRef);
    layout->addWidget(tlsBox);
    layout->addStretch(1);

    for (QLineEdit* edit :
         {m_hostname, m_dataDir, m_dnsServer, m_certFile, m_keyFile, m_keyPassphraseRef})
        connect(edit, &QLineEdit::textEdited, this, &SettingsTab::edited);
}

QLineEdit* SettingsGeneralTab::addPath(QFormLayout* form, const QString& label, const QString& name,
                                       const QString& filter)
{
    auto* row = new QWidget(form->parentWidget());
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    auto* edit = new QLineEdit(row);
    edit->setObjectName(name);
    auto* browse = new QToolButton(row);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose…"));
    rowLayout->addWidget(edit, 1);
    rowLayout->addWidget(browse);
    form->addRow(label, row);
    // QFileDialog::open() rather than exec(): no nested event loop.
    connect(browse, &QToolButton::clicked, this, [this, edit, filter, label] {
        auto* dialog = new QFileDialog(this, label, QFileInfo(edit->text()).absolutePath(), filter);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (filter.isEmpty())
            dialog->setFileMode(QFileDialog::Directory);
        connect(dialog, &QFileDialog::fileSelected, this, [this, edit](const QString& path) {
            edit->setText(QDir::toNativeSeparators(path));
            Q_EMIT edited();
        });
        dialog->open();
    });
    return edit;
}

void SettingsGeneralTab::setConfig(const Config::RelayConfig& config)
{
    m_hostname->setText(config.general.hostname);
    m_dataDir->setText(config.general.dataDir);
    m_dnsServer->setText(config.general.dnsServer.isNull() ? QString()
                                                           : config.general.dnsServer.toString());
    m_certFile->setText(config.tls.certFile);
    m_keyFile->setText(config.tls.keyFile);
    m_keyPassphraseRef->setText(config.tls.keyPassphraseRef.toString());
}

bool SettingsGeneralTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    const QString dataDir = m_dataDir->text().trimmed();
    if (dataDir.isEmpty() || !QDir::isAbsolutePath(dataDir)) {
        *error = {m_dataDir, -1, -1, tr("The data directory must be an absolute path.")};
        return false;
    }
    const QString dns = m_dnsServer->text().trimmed();
    const QHostAddress dnsServer(dns);
    if (!dns.isEmpty() && dnsServer.isNull()) {
        *error = {m_dnsServer, -1, -1,
                  tr("\"%1\" is not an IP address (e.g. 127.0.0.53 or ::1).").arg(dns)};
        return false;
    }
    for (QLineEdit* path : {m_certFile, m_keyFile}) {
        if (!path->text().trimmed().isEmpty() && !QDir::isAbsolutePath(path->text().trimmed())) {
            *error = {path, -1, -1, tr("Use an absolute path.")};
            return false;
        }
    }
    const QString passphraseText = m_keyPassphraseRef->text().trimmed();
    Config::CredentialReference passphraseRef;
    if (!passphraseText.isEmpty()) {
        QString why;
        const auto parsed = Config::CredentialReference::parse(passphraseText, &why);
        if (!parsed) {
            *error = {m_keyPassphraseRef, -1, -1, why};
            return false;
        }
        passphraseRef = *parsed;
    }
    config->general.hostname = m_hostname->text().trimmed();
    config->general.dataDir = QDir::cleanPath(dataDir);
    config->general.dnsServer = dns.isEmpty() ? QHostAddress() : dnsServer;
    config->tls.certFile = m_certFile->text().trimmed();
    config->tls.keyFile = m_keyFile->text().trimmed();
    config->tls.keyPassphraseRef = passphraseRef;
    return true;
}

SettingsFieldError SettingsGeneralTab::reveal(const QString& section, const QString& key)
{
    SettingsFieldError found;
    if (section == QLatin1String("general")) {
        found.field = key == QLatin1String("data-dir")     ? m_dataDir
                      : key == QLatin1String("dns-server") ? m_dnsServer
                                                           : m_hostname;
    } else if (section == QLatin1String("tls")) {
        found.field = key == QLatin1String("key-file")             ? m_keyFile
                      : key == QLatin1String("key-passphrase-ref") ? m_keyPassphraseRef
                                                                   : m_certFile;
    }
    return found;
}

} // namespace RelayDesk::Ui
