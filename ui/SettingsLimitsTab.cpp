#include "SettingsLimitsTab.h"

#include "config/ConfigValueParser.h"
#include "config/ConfigWriter.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <memory>

namespace RelayDesk::Ui {

namespace {

QSpinBox* countBox(QWidget* parent, const char* name, int max, bool zeroIsOff = false)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    spin->setRange(zeroIsOff ? 0 : 1, max);
    if (zeroIsOff)
        spin->setSpecialValueText(SettingsLimitsTab::tr("no limit"));
    return spin;
}

QLineEdit* textBox(QWidget* parent, const char* name, const QString& placeholder)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

SettingsLimitsTab::SettingsLimitsTab(QWidget* parent) : SettingsTab(parent)
{
    using Config::LimitsConfig;
    auto* form = new QFormLayout(this);
    auto* note = new QLabel(tr("Bounds that keep one client from exhausting the relay. Sizes take "
                               "K, M, G; durations s, m, h, d (e.g. 90s, 5m)."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    m_maxMessageSize = textBox(this, "limitsMaxMessageSize", tr("e.g. 25M"));
    form->addRow(tr("Largest &message:"), m_maxMessageSize);
    m_maxRecipients = countBox(this, "limitsMaxRecipients", LimitsConfig::kMaxCount);
    form->addRow(tr("&Recipients per message:"), m_maxRecipients);
    m_maxSessions = countBox(this, "limitsMaxSessions", LimitsConfig::kMaxCount);
    form->addRow(tr("Concurrent &sessions:"), m_maxSessions);
    m_maxSessionsPerClient = countBox(this, "limitsMaxSessionsPerClient", LimitsConfig::kMaxCount);
    form->addRow(tr("Sessions per &client:"), m_maxSessionsPerClient);
    m_maxBadCommands = countBox(this, "limitsMaxBadCommands", LimitsConfig::kMaxBadCommands);
    form->addRow(tr("&Protocol errors before disconnect:"), m_maxBadCommands);
    m_commandTimeout = textBox(this, "limitsCommandTimeout", tr("e.g. 5m"));
    form->addRow(tr("Command &timeout:"), m_commandTimeout);
    m_dataTimeout = textBox(this, "limitsDataTimeout", tr("e.g. 3m"));
    form->addRow(tr("&DATA timeout:"), m_dataTimeout);
    m_messagesPerMinute = countBox(this, "limitsMessagesPerMinute", LimitsConfig::kMaxRate, true);
    form->addRow(tr("Messages per minute per client:"), m_messagesPerMinute);
    m_recipientsPerHour = countBox(this, "limitsRecipientsPerHour", LimitsConfig::kMaxRate, true);
    form->addRow(tr("Recipients per hour per client:"), m_recipientsPerHour);
    m_accountMessagesPerMinute =
        countBox(this, "limitsAccountMessagesPerMinute", LimitsConfig::kMaxRate, true);
    form->addRow(tr("Messages per minute per account:"), m_accountMessagesPerMinute);
    m_accountRecipientsPerHour =
        countBox(this, "limitsAccountRecipientsPerHour", LimitsConfig::kMaxRate, true);
    form->addRow(tr("Recipients per hour per account:"), m_accountRecipientsPerHour);
    m_accountMaxSessions =
        countBox(this, "limitsAccountMaxSessions", LimitsConfig::kMaxCount, true);
    m_accountMaxSessions->setToolTip(
        tr("Sessions logged in as one account at the same time; more get 454 4.7.0."));
    form->addRow(tr("Concurrent sessions per account:"), m_accountMaxSessions);

    for (QLineEdit* edit : {m_maxMessageSize, m_commandTimeout, m_dataTimeout})
        connect(edit, &QLineEdit::textEdited, this, &SettingsTab::edited);
    for (QSpinBox* spin : spinBoxes())
        connect(spin, &QSpinBox::valueChanged, this, &SettingsTab::edited);
}

void SettingsLimitsTab::setConfig(const Config::RelayConfig& config)
{
    QList<std::shared_ptr<QSignalBlocker>> blockers;
    for (QSpinBox* spin : spinBoxes())
        blockers.append(std::make_shared<QSignalBlocker>(spin));
    const Config::LimitsConfig& limits = config.limits;
    m_maxMessageSize->setText(Config::ConfigWriter::formatSize(limits.maxMessageSize));
    m_maxRecipients->setValue(limits.maxRecipients);
    m_maxSessions->setValue(limits.maxSessions);
    m_maxSessionsPerClient->setValue(limits.maxSessionsPerClient);
    m_maxBadCommands->setValue(limits.maxBadCommands);
    m_messagesPerMinute->setValue(limits.messagesPerMinute);
    m_recipientsPerHour->setValue(limits.recipientsPerHour);
    m_accountMessagesPerMinute->setValue(limits.accountMessagesPerMinute);
    m_accountRecipientsPerHour->setValue(limits.accountRecipientsPerHour);
    m_accountMaxSessions->setValue(limits.accountMaxSessions);
    m_commandTimeout->setText(Config::ConfigWriter::formatDuration(limits.commandTimeoutSeconds));
    m_dataTimeout->setText(Config::ConfigWriter::formatDuration(limits.dataTimeoutSeconds));
}

bool SettingsLimitsTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    using Config::ConfigValueParser;
    Config::LimitsConfig& limits = config->limits;
    const auto size = ConfigValueParser::parseSize(m_maxMessageSize->text());
    if (!size || *size < 1024 || *size > 2LL * 1024 * 1024 * 1024) {
        *error = {m_maxMessageSize, -1, -1, tr("A size between 1K and 2G, e.g. 25M.")};
        return false;
    }
    for (QLineEdit* edit : {m_commandTimeout, m_dataTimeout}) {
        const auto seconds = ConfigValueParser::parseDuration(edit->text());
        if (!seconds || *seconds > Config::LimitsConfig::kMaxTimeoutSeconds) {
            *error = {edit, -1, -1, tr("A duration between 1s and 1d, e.g. 90s or 5m.")};
            return false;
        }
        (edit == m_commandTimeout ? limits.commandTimeoutSeconds : limits.dataTimeoutSeconds) =
            int(*seconds);
    }
    limits.maxMessageSize = *size;
    limits.maxRecipients = m_maxRecipients->value();
    limits.maxSessions = m_maxSessions->value();
    limits.maxSessionsPerClient = m_maxSessionsPerClient->value();
    limits.maxBadCommands = m_maxBadCommands->value();
    limits.messagesPerMinute = m_messagesPerMinute->value();
    limits.recipientsPerHour = m_recipientsPerHour->value();
    limits.accountMessagesPerMinute = m_accountMessagesPerMinute->value();
    limits.accountRecipientsPerHour = m_accountRecipientsPerHour->value();
    limits.accountMaxSessions = m_accountMaxSessions->value();
    return true;
}

QList<QSpinBox*> SettingsLimitsTab::spinBoxes() const
{
    return {m_maxRecipients,
            m_maxSessions,
            m_maxSessionsPerClient,
            m_maxBadCommands,
            m_messagesPerMinute,
            m_recipientsPerHour,
            m_accountMessagesPerMinute,
            m_accountRecipientsPerHour,
            m_accountMaxSessions};
}

SettingsFieldError SettingsLimitsTab::reveal(const QString& section, const QString& key)
{
    SettingsFieldError found;
    if (section != QLatin1String("limits"))
        return found;
    const QHash<QString, QWidget*> fields{
        {QStringLiteral("max-message-size"), m_maxMessageSize},
        {QStringLiteral("max-recipients"), m_maxRecipients},
        {QStringLiteral("max-sessions"), m_maxSessions},
        {QStringLiteral("max-sessions-per-client"), m_maxSessionsPerClient},
        {QStringLiteral("max-bad-commands"), m_maxBadCommands},
        {QStringLiteral("command-timeout"), m_commandTimeout},
        {QStringLiteral("data-timeout"), m_dataTimeout},
        {QStringLiteral("messages-per-minute"), m_messagesPerMinute},
        {QStringLiteral("recipients-per-hour"), m_recipientsPerHour},
        {QStringLiteral("account-messages-per-minute"), m_accountMessagesPerMinute},
        {QStringLiteral("account-recipients-per-hour"), m_accountRecipientsPerHour},
        {QStringLiteral("account-max-sessions"), m_accountMaxSessions},
    };
    found.field = fields.value(key, m_maxMessageSize);
    return found;
}

} // namespace RelayDesk::Ui
