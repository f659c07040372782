#include "SettingsNetworksTab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

SettingsNetworksTab::SettingsNetworksTab(QWidget* parent) : SettingsTab(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("Clients in these networks may relay without AUTH; everyone else "
                               "must authenticate. An empty list means AUTH only. Double-click "
                               "an entry to edit it."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("allowedNetworksList"));
    layout->addWidget(m_list, 1);

    auto* row = new QHBoxLayout;
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("networkInput"));
    m_input->setPlaceholderText(tr("e.g. 192.168.1.0/24 or fd00::/8"));
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addNetworkButton"));
    auto* remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("removeNetworkButton"));
    row->addWidget(m_input, 1);
    row->addWidget(add);
    row->addWidget(remove);
    layout->addLayout(row);
    m_inputError = new QLabel(this);
    m_inputError->setObjectName(QStringLiteral("networkInputError"));
    m_inputError->setWordWrap(true);
    m_inputError->hide();
    layout->addWidget(m_inputError);

    connect(add, &QPushButton::clicked, this, &SettingsNetworksTab::addFromInput);
    connect(m_input, &QLineEdit::returnPressed, this, &SettingsNetworksTab::addFromInput);
    connect(m_input, &QLineEdit::textEdited, m_inputError, &QLabel::hide);
    connect(remove, &QPushButton::clicked, this, [this] {
        const QList<QListWidgetItem*> selected = m_list->selectedItems();
        for (QListWidgetItem* item : selected)
            delete item;
        if (!selected.isEmpty())
            Q_EMIT edited();
    });
    connect(m_list, &QListWidget::itemChanged, this, &SettingsTab::edited);
}

QString SettingsNetworksTab::problemWith(const QString& text)
{
    const auto subnet = Config::Subnet::parse(text);
    if (!subnet)
        return tr("\"%1\" is not a network in CIDR notation (e.g. 192.168.1.0/24, fd00::/8).")
            .arg(text);
    if (subnet->prefixLength == 0)
        return tr("\"%1\" would relay for the whole Internet (an open relay); list your LAN "
                  "networks and use AUTH for the rest.")
            .arg(text);
    return {};
}

void SettingsNetworksTab::addFromInput()
{
    const QString text = m_input->text().trimmed();
    if (const QString problem = problemWith(text); !problem.isEmpty()) {
        m_inputError->setText(problem);
        m_inputError->show();
        m_input->setFocus();
        return;
    }
    m_inputError->hide();
    auto* item = new QListWidgetItem(Config::Subnet::parse(text)->toString());
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->addItem(item);
    m_input->clear();
    Q_EMIT edited();
}

void SettingsNetworksTab::setConfig(const Config::RelayConfig& config)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Config::Subnet& subnet : config.allowedNetworks) {
        auto* item = new QListWidgetItem(subnet.toString(), m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_inputError->hide();
}

bool SettingsNetworksTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    QList<Config::Subnet> networks;
    for (int row = 0; row < m_list->count(); ++row) {
        const QString text = m_list->item(row)->text().trimmed();
        if (const QString problem = problemWith(text); !problem.isEmpty()) {
            *error = {m_list, row, -1, problem};
            return false;
        }
        networks.append(*Config::Subnet::parse(text));
    }
    config->allowedNetworks = networks;
    return true;
}

SettingsFieldError SettingsNetworksTab::reveal(const QString& section, const QString&)
{
    SettingsFieldError found;
    if (section == QLatin1String("relay"))
        found.field = m_list;
    return found;
}

} // namespace RelayDesk::Ui
