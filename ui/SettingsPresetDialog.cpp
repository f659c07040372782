#include "SettingsPresetDialog.h"

#include "config/ProviderPresets.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

QString tlsText(Config::SmarthostConfig::TlsMode mode)
{
    switch (mode) {
    case Config::SmarthostConfig::TlsMode::None:
        return SettingsPresetDialog::tr("no TLS");
    case Config::SmarthostConfig::TlsMode::StartTls:
        return SettingsPresetDialog::tr("STARTTLS");
    case Config::SmarthostConfig::TlsMode::Opportunistic:
        return SettingsPresetDialog::tr("STARTTLS when offered");
    case Config::SmarthostConfig::TlsMode::Tls:
        return SettingsPresetDialog::tr("implicit TLS");
    }
    return {};
}

QString limitText(const QString& what, const Config::ProviderPreset::Limit& limit)
{
    if (limit.value <= 0)
        return {};
    return SettingsPresetDialog::tr("<li><b>%1:</b> %2 %3<br/><small>%4</small></li>")
        .arg(what.toHtmlEscaped(), QString::number(limit.value), limit.scope.toHtmlEscaped(),
             limit.source.toHtmlEscaped());
}

} // namespace

SettingsPresetDialog::SettingsPresetDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("presetDialog"));
    setWindowTitle(tr("Smarthost from a provider preset"));
    auto* layout = new QVBoxLayout(this);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("presetCombo"));
    for (const Config::ProviderPreset& preset : Config::ProviderPresets::builtIn().all())
        m_combo->addItem(preset.name, preset.id);
    layout->addWidget(m_combo);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("presetDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_details, 1);
    m_parameterForm = new QFormLayout;
    layout->addLayout(m_parameterForm);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("presetError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsPresetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsPresetDialog::reject);
    layout->addWidget(buttons);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &SettingsPresetDialog::showPreset);
    showPreset();
    resize(560, 420);
}

bool SettingsPresetDialog::selectPreset(const QString& id)
{
    const int index = m_combo->findData(id);
    if (index < 0)
        return false;
    m_combo->setCurrentIndex(index);
    return true;
}

const Config::ProviderPreset* SettingsPresetDialog::preset() const
{
    return Config::ProviderPresets::builtIn().find(m_combo->currentData().toString());
}

void SettingsPresetDialog::showPreset()
{
    while (m_parameterForm->rowCount() > 0)
        m_parameterForm->removeRow(0);
    m_parameters.clear();
    m_error->hide();
    const Config::ProviderPreset* chosen = preset();
    if (!chosen) {
        m_details->clear();
        return;
    }
    QString auth;
    switch (chosen->auth) {
    case Config::ProviderPreset::Auth::None:
        auth = tr("no AUTH (the provider knows RelayDesk by its IP address or certificate)");
        break;
    case Config::ProviderPreset::Auth::Optional:
        auth = tr("AUTH optional");
        break;
    case Config::ProviderPreset::Auth::Required:
        auth = tr("AUTH required");
        break;
    }
    QString html = tr("<p><b>%1</b><br/>%2, port %3, %4; %5</p>")
                       .arg(chosen->name.toHtmlEscaped(), chosen->host.isEmpty()
                                                              ? tr("host: set it yourself")
                                                              : chosen->host.toHtmlEscaped())
                       .arg(chosen->port)
                       .arg(tlsText(chosen->tls), auth);
    if (!chosen->usernameConvention.isEmpty())
        html += tr("<p><b>User name:</b> %1</p>").arg(chosen->usernameConvention.toHtmlEscaped());
    const QString limits = limitText(tr("Messages per minute"), chosen->messagesPerMinute) +
                           limitText(tr("Recipients per day"), chosen->recipientsPerDay) +
                           limitText(tr("Connections"), chosen->maxConnections);
    html += limits.isEmpty() ? tr("<p>No sending limits documented.</p>")
                             : tr("<p><b>Documented limits</b></p><ul>%1</ul>").arg(limits);
    if (!chosen->spfInclude.isEmpty())
        html += tr("<p><b>SPF:</b> include:%1</p>").arg(chosen->spfInclude.toHtmlEscaped());
    html += tr("<p>The password is kept on the Credentials page; the smarthost only names "
               "where it is.</p>");
    m_details->setText(html);
    for (const Config::ProviderPreset::Parameter& parameter : chosen->parameters) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("presetParameter_") + parameter.name);
        edit->setToolTip(parameter.description);
        if (!parameter.values.isEmpty())
            edit->setPlaceholderText(parameter.values.mid(0, 4).join(QStringLiteral(", ")) +
                                     QStringLiteral(", …"));
        m_parameterForm->addRow(parameter.name + QLatin1Char(':'), edit);
        m_parameters.insert(parameter.name, edit);
    }
}

void SettingsPresetDialog::accept()
{
    const Config::ProviderPreset* chosen = preset();
    if (!chosen)
        return;
    QHash<QString, QString> values;
    for (const Config::ProviderPreset::Parameter& parameter : chosen->parameters) {
        const QString value = m_parameters.value(parameter.name)->text().trimmed();
        QString why;
        if (!chosen->acceptsParameter(parameter, value, &why)) {
            m_error->setText(QStringLiteral("%1: %2").arg(parameter.name, why));
            m_error->show();
            m_parameters.value(parameter.name)->setFocus();
            return;
        }
        values.insert(parameter.name, value);
    }
    QString missing;
    m_host = chosen->expandHost(values, &missing).value_or(QString());
    QDialog::accept();
}

} // namespace RelayDesk::Ui
