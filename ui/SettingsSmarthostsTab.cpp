#include "SettingsSmarthostsTab.h"

#include "SettingsPresetDialog.h"
#include "config/ProviderPresets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QRegularExpression& namePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return pattern;
}

QSpinBox* spinBox(QWidget* parent, const QString& name, int max, const QString& zeroText = {})
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(zeroText.isEmpty() ? 1 : 0, max);
    spin->setSpecialValueText(zeroText);
    return spin;
}

} // namespace

SettingsSmarthostsTab::SettingsSmarthostsTab(QWidget* parent) : SettingsTab(parent)
{
    using Config::SmarthostConfig;
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("smarthostsList"));
    left->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addSmarthostButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeSmarthostButton"));
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    left->addLayout(buttons);
    auto* preset = new QPushButton(tr("From &preset…"), this);
    preset->setObjectName(QStringLiteral("presetButton"));
    left->addWidget(preset);
    layout->addLayout(left, 1);

    auto* editor = new QWidget(this);
    auto* form = new QFormLayout(editor);
    m_name = new QLineEdit(editor);
    m_name->setObjectName(QStringLiteral("smarthostName"));
    form->addRow(tr("Name:"), m_name);
    m_host = new QLineEdit(editor);
    m_host->setObjectName(QStringLiteral("smarthostHost"));
    m_host->setPlaceholderText(tr("none: mail stays queued"));
    form->addRow(tr("Host:"), m_host);
    m_port = spinBox(editor, QStringLiteral("smarthostPort"), 65535);
    form->addRow(tr("P&ort:"), m_port);
    m_tls = new QComboBox(editor);
    m_tls->setObjectName(QStringLiteral("smarthostTls"));
    // In the order of SmarthostConfig::TlsMode.
    m_tls->addItems({tr("None (trusted local upstreams only)"), tr("STARTTLS (required)"),
                     tr("STARTTLS when offered"), tr("Implicit TLS (port 465)")});
    form->addRow(tr("&TLS:"), m_tls);
    m_verify = new QCheckBox(tr("Check the certificate and host name"), editor);
    m_verify->setObjectName(QStringLiteral("smarthostVerify"));
    form->addRow(QString(), m_verify);
    m_caFile = new QLineEdit(editor);
    m_caFile->setObjectName(QStringLiteral("smarthostCaFile"));
    m_caFile->setPlaceholderText(tr("system CAs only"));
    form->addRow(tr("Extra &CA (PEM):"), m_caFile);
    m_username = new QLineEdit(editor);
    m_username->setObjectName(QStringLiteral("smarthostUsername"));
    m_username->setPlaceholderText(tr("no AUTH"));
    form->addRow(tr("&User name:"), m_username);
    m_passwordRef = new QLineEdit(editor);
    m_passwordRef->setObjectName(QStringLiteral("smarthostPasswordRef"));
    m_passwordRef->setPlaceholderText(tr("keychain:NAME, local:NAME or file:/path"));
    m_passwordRef->setToolTip(tr("Where the password is kept. The password itself is stored on "
                                 "the Credentials page, never in the configuration."));
    form->addRow(tr("Pass&word reference:"), m_passwordRef);
    m_heloName = new QLineEdit(editor);
    m_heloName->setObjectName(QStringLiteral("smarthostHeloName"));
    m_heloName->setPlaceholderText(tr("the relay's host name"));
    form->addRow(tr("&EHLO name:"), m_heloName);
    m_maxConnections = spinBox(editor, QStringLiteral("smarthostMaxConnections"),
                               SmarthostConfig::kMaxConnections);
    form->addRow(tr("Connections:"), m_maxConnections);
    m_messagesPerConnection = spinBox(editor, QStringLiteral("smarthostMessagesPerConnection"),
                                      SmarthostConfig::kMaxMessagesPerConnection);
    form->addRow(tr("Messages per connection:"), m_messagesPerConnection);
    m_messagesPerMinute = spinBox(editor, QStringLiteral("smarthostMessagesPerMinute"),
                                  SmarthostConfig::kMaxMessagesPerMinute, tr("no limit"));
    form->addRow(tr("Messages per minute:"), m_messagesPerMinute);
    m_recipientsPerDay = spinBox(editor, QStringLiteral("smarthostRecipientsPerDay"),
                                 SmarthostConfig::kMaxRecipientsPerDay, tr("no limit"));
    form->addRow(tr("Recipients per day:"), m_recipientsPerDay);
    m_fallbacks = new QLineEdit(editor);
    m_fallbacks->setObjectName(QStringLiteral("smarthostFallbacks"));
    m_fallbacks->setPlaceholderText(tr("names of other smarthosts, comma separated"));
    form->addRow(tr("Fallbac&ks:"), m_fallbacks);
    m_presetNote = new QLabel(editor);
    m_presetNote->setObjectName(QStringLiteral("smarthostPresetNote"));
    m_presetNote->setWordWrap(true);
    m_presetNote->setTextFormat(Qt::RichText);
    form->addRow(m_presetNote);
    layout->addWidget(editor, 2);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_filling)
            return;
        storeEntry();
        showEntry(row);
    });
    connect(add, &QPushButton::clicked, this, [this] {
        storeEntry();
        Entry entry;
        int number = int(m_entries.size());
        QStringList names;
        for (const Entry& existing : std::as_const(m_entries))
            names.append(existing.config.name);
        while (names.contains(QStringLiteral("upstream%1").arg(number)))
            ++number;
        entry.config.name = QStringLiteral("upstream%1").arg(number);
        m_entries.append(entry);
        m_list->addItem(itemText(entry));
        select(int(m_entries.size()) - 1);
        m_host->setFocus();
        Q_EMIT edited();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row <= 0) // [smarthost] stays; an empty host switches it off
            return;
        m_filling = true;
        m_entries.removeAt(row);
        delete m_list->takeItem(row);
        m_current = -1;
        m_filling = false;
        select(row - 1);
        Q_EMIT edited();
    });
    connect(preset, &QPushButton::clicked, this, [this] {
        auto* dialog = new SettingsPresetDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_current >= 0)
            dialog->selectPreset(m_entries.at(m_current).config.preset);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            if (const Config::ProviderPreset* chosen = dialog->preset())
                applyPreset(*chosen, dialog->host());
        });
        dialog->open(); // window-modal, no nested event loop
        Q_EMIT presetDialogOpened(dialog);
    });

    const auto changed = [this] {
        if (m_filling)
            return;
        storeEntry();
        Q_EMIT edited();
    };
    for (QLineEdit* edit :
         {m_name, m_host, m_caFile, m_username, m_passwordRef, m_heloName, m_fallbacks})
        connect(edit, &QLineEdit::textEdited, this, changed);
    for (QSpinBox* spin : {m_port, m_maxConnections, m_messagesPerConnection, m_messagesPerMinute,
                           m_recipientsPerDay})
        connect(spin, &QSpinBox::valueChanged, this, changed);
    connect(m_tls, &QComboBox::currentIndexChanged, this, changed);
    connect(m_verify, &QCheckBox::toggled, this, changed);
}

QString SettingsSmarthostsTab::itemText(const Entry& entry) const
{
    const QString host = entry.config.host.isEmpty() ? tr("(none)") : entry.config.host;
    if (entry.config.name.isEmpty())
        return tr("Default: %1").arg(host);
    return QStringLiteral("%1: %2").arg(entry.config.name, host);
}

void SettingsSmarthostsTab::setConfig(const Config::RelayConfig& config)
{
    m_filling = true;
    m_entries.clear();
    QList<Config::SmarthostConfig> all{config.smarthost};
    all += config.smarthosts;
    m_list->clear();
    for (const Config::SmarthostConfig& smarthost : all) {
        Entry entry{smarthost, smarthost.passwordRef.toString(),
                    smarthost.fallbacks.join(QStringLiteral(", "))};
        m_entries.append(entry);
        m_list->addItem(itemText(entry));
    }
    m_current = -1;
    m_filling = false;
    select(0);
}

void SettingsSmarthostsTab::select(int index)
{
    if (index < 0 || index >= m_entries.size())
        return;
    if (m_list->currentRow() == index) {
        showEntry(index);
        return;
    }
    m_list->setCurrentRow(index); // stores the current one, shows the new one
}

void SettingsSmarthostsTab::showEntry(int index)
{
    m_current = index;
    if (index < 0 || index >= m_entries.size())
        return;
    m_filling = true;
    const Entry& entry = m_entries.at(index);
    const Config::SmarthostConfig& c = entry.config;
    const bool isDefault = index == 0;
    m_name->setText(isDefault ? tr("(default route)") : c.name);
    m_name->setEnabled(!isDefault);
    m_remove->setEnabled(!isDefault);
    m_host->setText(c.host);
    m_port->setValue(c.port);
    m_tls->setCurrentIndex(int(c.tls));
    m_verify->setChecked(c.verify);
    m_caFile->setText(c.caFile);
    m_username->setText(c.username);
    m_passwordRef->setText(entry.passwordRef);
    m_heloName->setText(c.heloName);
    m_maxConnections->setValue(c.maxConnections);
    m_messagesPerConnection->setValue(c.messagesPerConnection);
    m_messagesPerMinute->setValue(c.messagesPerMinute);
    m_recipientsPerDay->setValue(c.recipientsPerDay);
    m_fallbacks->setText(entry.fallbacks);
    updatePresetNote();
    m_filling = false;
}

void SettingsSmarthostsTab::storeEntry()
{
    if (m_current < 0 || m_current >= m_entries.size())
        return;
    Entry& entry = m_entries[m_current];
    Config::SmarthostConfig& c = entry.config;
    if (m_current > 0)
        c.name = m_name->text().trimmed();
    c.host = m_host->text().trimmed();
    c.port = quint16(m_port->value());
    c.tls = Config::SmarthostConfig::TlsMode(m_tls->currentIndex());
    c.verify = m_verify->isChecked();
    c.caFile = m_caFile->text().trimmed();
    c.username = m_username->text().trimmed();
    entry.passwordRef = m_passwordRef->text().trimmed();
    c.heloName = m_heloName->text().trimmed();
    c.maxConnections = m_maxConnections->value();
    c.messagesPerConnection = m_messagesPerConnection->value();
    c.messagesPerMinute = m_messagesPerMinute->value();
    c.recipientsPerDay = m_recipientsPerDay->value();
    entry.fallbacks = m_fallbacks->text();
    if (QListWidgetItem* item = m_list->item(m_current))
        item->setText(itemText(entry));
}

void SettingsSmarthostsTab::applyPreset(const Config::ProviderPreset& preset, const QString& host)
{
    storeEntry();
    if (m_current < 0)
        return;
    Config::SmarthostConfig& c = m_entries[m_current].config;
    c.preset = preset.id;
    if (!host.isEmpty())
        c.host = host;
    c.port = preset.port;
    c.tls = preset.tls;
    if (preset.maxConnections.value > 0)
        c.maxConnections = preset.maxConnections.value;
    c.messagesPerMinute = preset.messagesPerMinute.value;
    c.recipientsPerDay = preset.recipientsPerDay.value;
    showEntry(m_current);
    if (QListWidgetItem* item = m_list->item(m_current))
        item->setText(itemText(m_entries.at(m_current)));
    if (preset.auth == Config::ProviderPreset::Auth::Required && c.username.isEmpty())
        m_username->setFocus();
    Q_EMIT edited();
}

void SettingsSmarthostsTab::updatePresetNote()
{
    const Config::ProviderPreset* preset =
        Config::ProviderPresets::builtIn().find(m_entries.value(m_current).config.preset);
    if (!preset) {
        m_presetNote->clear();
        return;
    }
    QString note = tr("<b>Preset:</b> %1").arg(preset->name.toHtmlEscaped());
    if (!preset->usernameConvention.isEmpty())
        note += tr("<br/><b>User name:</b> %1").arg(preset->usernameConvention.toHtmlEscaped());
    QStringList limits;
    if (preset->messagesPerMinute.value > 0)
        limits << tr("%1 messages/minute").arg(preset->messagesPerMinute.value);
    if (preset->recipientsPerDay.value > 0)
        limits << tr("%1 recipients/day").arg(preset->recipientsPerDay.value);
    if (preset->maxConnections.value > 0)
        limits << tr("%1 connections").arg(preset->maxConnections.value);
    if (!limits.isEmpty())
        note += tr("<br/><b>Documented limits:</b> %1").arg(limits.join(QStringLiteral(", ")));
    m_presetNote->setText(note);
}

bool SettingsSmarthostsTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    storeEntry();
    QList<Config::SmarthostConfig> result;
    QStringList names;
    for (int index = 0; index < m_entries.size(); ++index) {
        const Entry& entry = m_entries.at(index);
        Config::SmarthostConfig c = entry.config;
        const auto fail = [&](QWidget* field, const QString& message) {
            select(index);
            *error = {field, -1, -1, message};
            return false;
        };
        if (index > 0) {
            if (!namePattern().match(c.name).hasMatch())
                return fail(m_name, tr("A smarthost name is 1-32 of A-Z a-z 0-9 _ -."));
            if (names.contains(c.name))
                return fail(m_name, tr("Two smarthosts are called %1.").arg(c.name));
            names.append(c.name);
        }
        if (!c.caFile.isEmpty() && !QDir::isAbsolutePath(c.caFile))
            return fail(m_caFile, tr("Use an absolute path."));
        c.passwordRef = {};
        if (!entry.passwordRef.isEmpty()) {
            QString why;
            const auto reference = Config::CredentialReference::parse(entry.passwordRef, &why);
            if (!reference)
                return fail(m_passwordRef, why);
            c.passwordRef = *reference;
        }
        c.fallbacks.clear();
        for (const QString& part : entry.fallbacks.split(QLatin1Char(','))) {
            const QString name = part.trimmed();
            if (name.isEmpty())
                continue;
            if (!namePattern().match(name).hasMatch())
                return fail(m_fallbacks, tr("\"%1\" is not the name of a smarthost.").arg(name));
            c.fallbacks.append(name);
        }
        result.append(c);
    }
    config->smarthost = result.takeFirst();
    config->smarthosts = result;
    return true;
}

SettingsFieldError SettingsSmarthostsTab::reveal(const QString& section, const QString& key)
{
    SettingsFieldError found;
    int index = -1;
    if (section == QLatin1String("smarthost")) {
        index = 0;
    } else if (section.startsWith(QLatin1String("smarthost."))) {
        const QString name = section.mid(int(qstrlen("smarthost.")));
        for (int i = 1; i < m_entries.size(); ++i) {
            if (m_entries.at(i).config.name == name)
                index = i;
        }
    }
    if (index < 0)
        return found;
    select(index);
    const QHash<QString, QWidget*> fields{
        {QStringLiteral("host"), m_host},
        {QStringLiteral("port"), m_port},
        {QStringLiteral("tls"), m_tls},
        {QStringLiteral("verify"), m_verify},
        {QStringLiteral("ca-file"), m_caFile},
        {QStringLiteral("username"), m_username},
        {QStringLiteral("password-ref"), m_passwordRef},
        {QStringLiteral("helo-name"), m_heloName},
        {QStringLiteral("max-connections"), m_maxConnections},
        {QStringLiteral("messages-per-connection"), m_messagesPerConnection},
        {QStringLiteral("messages-per-minute"), m_messagesPerMinute},
        {QStringLiteral("recipients-per-day"), m_recipientsPerDay},
        {QStringLiteral("fallback"), m_fallbacks},
    };
    found.field = fields.value(key, index == 0 ? static_cast<QWidget*>(m_host) : m_name);
    return found;
}

} // namespace RelayDesk::Ui
