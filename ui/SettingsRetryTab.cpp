#include "SettingsRetryTab.h"

#include "config/ConfigValueParser.h"
#include "config/ConfigWriter.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace RelayDesk::Ui {

SettingsRetryTab::SettingsRetryTab(QWidget* parent) : SettingsTab(parent)
{
    auto* form = new QFormLayout(this);
    auto* note = new QLabel(tr("After a failed attempt RelayDesk waits the next delay of the "
                               "schedule (the last one repeats). Durations take s, m, h, d."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    m_schedule = new QLineEdit(this);
    m_schedule->setObjectName(QStringLiteral("retrySchedule"));
    m_schedule->setPlaceholderText(tr("e.g. 1m,5m,15m,30m,1h"));
    form->addRow(tr("&Schedule:"), m_schedule);
    m_maxAge = new QLineEdit(this);
    m_maxAge->setObjectName(QStringLiteral("retryMaxAge"));
    m_maxAge->setToolTip(tr("Give up and bounce a message after this age."));
    form->addRow(tr("Give up &after:"), m_maxAge);
    m_delayWarning = new QLineEdit(this);
    m_delayWarning->setObjectName(QStringLiteral("retryDelayWarning"));
    m_delayWarning->setToolTip(tr("Tell the sender once that the message is delayed; at or above "
                                  "\"give up after\" no warning is sent."));
    form->addRow(tr("&Warn the sender after:"), m_delayWarning);
    for (QLineEdit* edit : {m_schedule, m_maxAge, m_delayWarning})
        connect(edit, &QLineEdit::textEdited, this, &SettingsTab::edited);
}

void SettingsRetryTab::setConfig(const Config::RelayConfig& config)
{
    QStringList schedule;
    for (int seconds : config.retry.scheduleSeconds)
        schedule.append(Config::ConfigWriter::formatDuration(seconds));
    m_schedule->setText(schedule.join(QLatin1Char(',')));
    m_maxAge->setText(Config::ConfigWriter::formatDuration(config.retry.maxAgeSeconds));
    m_delayWarning->setText(Config::ConfigWriter::formatDuration(config.retry.delayWarningSeconds));
}

bool SettingsRetryTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    using Config::ConfigValueParser;
    QStringList items;
    for (const QString& item : m_schedule->text().split(QLatin1Char(','))) {
        if (!item.trimmed().isEmpty())
            items.append(item.trimmed());
    }
    const auto schedule = ConfigValueParser::parseDurationList(items);
    if (!schedule) {
        *error = {m_schedule, -1, -1,
                  tr("A comma separated list of durations, e.g. 1m,5m,15m,30m,1h.")};
        return false;
    }
    int values[2] = {0, 0};
    QLineEdit* edits[2] = {m_maxAge, m_delayWarning};
    for (int i = 0; i < 2; ++i) {
        const auto seconds = ConfigValueParser::parseDuration(edits[i]->text());
        if (!seconds || *seconds > Config::RetryConfig::kMaxAgeSeconds) {
            *error = {edits[i], -1, -1, tr("A duration between 1s and 365d, e.g. 5d.")};
            return false;
        }
        values[i] = int(*seconds);
    }
    config->retry.scheduleSeconds = *schedule;
    config->retry.maxAgeSeconds = values[0];
    config->retry.delayWarningSeconds = values[1];
    return true;
}

SettingsFieldError SettingsRetryTab::reveal(const QString& section, const QString& key)
{
    SettingsFieldError found;
    if (section != QLatin1String("retry"))
        return found;
    found.field = key == QLatin1String("max-age")         ? m_maxAge
                  : key == QLatin1String("delay-warning") ? m_delayWarning
                                                          : m_schedule;
    return found;
}

} // namespace RelayDesk::Ui
