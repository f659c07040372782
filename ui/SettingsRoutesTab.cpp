#include "SettingsRoutesTab.h"

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

QStringList splitList(const QString& text)
{
    QStringList items;
    for (const QString& part : text.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            items.append(part.trimmed());
    }
    return items;
}

QString joinList(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

QTableWidgetItem* checkItem(bool checked)
{
    auto* item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

SettingsRoutesTab::SettingsRoutesTab(QWidget* parent) : SettingsTab(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(
        tr("Routes are tried from the top; the first whose conditions all hold picks the "
           "transport (smarthost, smarthost:NAME or mx). Mail no route matches goes to the "
           "default smarthost. Lists are comma separated; an empty condition matches anything."),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("routesTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Senders"), tr("Recipient domains"),
                                        tr("Client networks"), tr("AUTH users"), tr("Listeners"),
                                        tr("Transport"), tr("EHLO name"), tr("From address"),
                                        tr("From name"), tr("Fix From name"), tr("Add Date"),
                                        tr("Add Message-ID"), tr("Envelope sender")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    const auto button = [&](const QString& text, const char* name) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        buttons->addWidget(b);
        return b;
    };
    QPushButton* add = button(tr("&Add route"), "addRouteButton");
    QPushButton* remove = button(tr("&Remove route"), "removeRouteButton");
    QPushButton* up = button(tr("Move &up"), "routeUpButton");
    QPushButton* down = button(tr("Move &down"), "routeDownButton");
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        Config::RouteConfig route;
        route.name = QStringLiteral("route%1").arg(m_table->rowCount() + 1);
        const int row = addRoute(route);
        m_table->setCurrentCell(row, NameColumn);
        Q_EMIT edited();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() < 0)
            return;
        m_table->removeRow(m_table->currentRow());
        Q_EMIT edited();
    });
    connect(up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            Q_EMIT edited();
    });
}

int SettingsRoutesTab::addRoute(const Config::RouteConfig& route)
{
    const bool filling = m_filling;
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* fix = new QComboBox(m_table);
    // In the order of RouteConfig::FromNameFix.
    fix->addItems({tr("no"), tr("quote"), tr("remove")});
    connect(fix, &QComboBox::activated, this, &SettingsTab::edited);
    m_table->setCellWidget(row, FixFromNameColumn, fix);
    QStringList networks;
    for (const Config::Subnet& subnet : route.clientNetworks)
        networks.append(subnet.toString());
    Row data;
    data.texts = QStringList(ColumnCount, QString());
    data.texts[NameColumn] = route.name;
    data.texts[SendersColumn] = joinList(route.senders);
    data.texts[RecipientDomainsColumn] = joinList(route.recipientDomains);
    data.texts[ClientNetworksColumn] = joinList(networks);
    data.texts[AuthUsersColumn] = joinList(route.authUsers);
    data.texts[ListenersColumn] = joinList(route.listeners);
    data.texts[TransportColumn] = route.transportText();
    data.texts[HeloNameColumn] = route.heloName;
    data.texts[FromAddressColumn] = route.fromAddress;
    data.texts[FromNameColumn] = route.fromName;
    data.texts[EnvelopeSenderColumn] = route.envelopeSender;
    data.fix = int(route.fixFromName);
    data.addDate = route.addDate;
    data.addMessageId = route.addMessageId;
    writeRow(row, data);
    m_filling = filling;
    return row;
}

SettingsRoutesTab::Row SettingsRoutesTab::readRow(int row) const
{
    Row data;
    data.texts = QStringList(ColumnCount, QString());
    for (int column = 0; column < ColumnCount; ++column) {
        if (const QTableWidgetItem* item = m_table->item(row, column))
            data.texts[column] = item->text().trimmed();
    }
    data.fix = static_cast<QComboBox*>(m_table->cellWidget(row, FixFromNameColumn))->currentIndex();
    data.addDate = m_table->item(row, AddDateColumn)->checkState() == Qt::Checked;
    data.addMessageId = m_table->item(row, AddMessageIdColumn)->checkState() == Qt::Checked;
    return data;
}

void SettingsRoutesTab::writeRow(int row, const Row& data)
{
    const bool filling = m_filling;
    m_filling = true;
    for (int column = 0; column < ColumnCount; ++column) {
        if (column == FixFromNameColumn || column == AddDateColumn || column == AddMessageIdColumn)
            continue;
        m_table->setItem(row, column, new QTableWidgetItem(data.texts.value(column)));
    }
    static_cast<QComboBox*>(m_table->cellWidget(row, FixFromNameColumn))->setCurrentIndex(data.fix);
    m_table->setItem(row, AddDateColumn, checkItem(data.addDate));
    m_table->setItem(row, AddMessageIdColumn, checkItem(data.addMessageId));
    m_filling = filling;
}

void SettingsRoutesTab::moveCurrent(int delta)
{
    const int row = m_table->currentRow();
    const int other = row + delta;
    if (row < 0 || other < 0 || other >= m_table->rowCount())
        return;
    const Row a = readRow(row);
    const Row b = readRow(other);
    writeRow(row, b);
    writeRow(other, a);
    m_table->setCurrentCell(other, m_table->currentColumn() < 0 ? 0 : m_table->currentColumn());
    Q_EMIT edited();
}

void SettingsRoutesTab::setConfig(const Config::RelayConfig& config)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const Config::RouteConfig& route : config.routes)
        addRoute(route);
    m_filling = false;
    m_table->resizeColumnsToContents();
}

bool SettingsRoutesTab::applyTo(Config::RelayConfig* config, SettingsFieldError* error)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    static const QRegularExpression named(QStringLiteral("^smarthost:([A-Za-z0-9_-]{1,32})$"));
    QList<Config::RouteConfig> routes;
    QStringList names;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const Row data = readRow(row);
        const auto fail = [&](int column, const QString& message) {
            *error = {m_table, row, column, message};
            return false;
        };
        Config::RouteConfig route;
        route.name = data.texts[NameColumn];
        if (!name.match(route.name).hasMatch())
            return fail(NameColumn, tr("A route name is 1-32 of A-Z a-z 0-9 _ -."));
        if (names.contains(route.name))
            return fail(NameColumn, tr("Two routes are called %1.").arg(route.name));
        names.append(route.name);
        route.senders = splitList(data.texts[SendersColumn]);
        route.recipientDomains = splitList(data.texts[RecipientDomainsColumn]);
        for (const QString& network : splitList(data.texts[ClientNetworksColumn])) {
            const auto subnet = Config::Subnet::parse(network);
            if (!subnet)
                return fail(ClientNetworksColumn,
                            tr("\"%1\" is not a network in CIDR notation (e.g. "
                               "192.168.10.0/24).")
                                .arg(network));
            route.clientNetworks.append(*subnet);
        }
        route.authUsers = splitList(data.texts[AuthUsersColumn]);
        route.listeners = splitList(data.texts[ListenersColumn]);
        const QString transport = data.texts[TransportColumn];
        const auto match = named.match(transport);
        if (transport == QLatin1String("mx")) {
            route.transport = Config::RouteConfig::Transport::Mx;
        } else if (transport == QLatin1String("smarthost") || transport.isEmpty()) {
            route.transport = Config::RouteConfig::Transport::Smarthost;
        } else if (match.hasMatch()) {
            route.transport = Config::RouteConfig::Transport::Smarthost;
            route.smarthost = match.captured(1);
        } else {
            return fail(TransportColumn, tr("Expected smarthost, smarthost:NAME or mx."));
        }
        route.heloName = data.texts[HeloNameColumn];
        route.fromAddress = data.texts[FromAddressColumn];
        route.fromName = data.texts[FromNameColumn];
        route.envelopeSender = data.texts[EnvelopeSenderColumn];
        route.fixFromName = Config::RouteConfig::FromNameFix(data.fix);
        route.addDate = data.addDate;
        route.addMessageId = data.addMessageId;
        routes.append(route);
    }
    config->routes = routes;
    return true;
}

SettingsFieldError SettingsRoutesTab::reveal(const QString& section, const QString& key)
{
    SettingsFieldError found;
    if (!section.startsWith(QLatin1String("route.")))
        return found;
    const QString routeName = section.mid(int(qstrlen("route.")));
    static const QHash<QString, int> columns{
        {QStringLiteral("sender"), SendersColumn},
        {QStringLiteral("recipient-domain"), RecipientDomainsColumn},
        {QStringLiteral("client-network"), ClientNetworksColumn},
        {QStringLiteral("auth-user"), AuthUsersColumn},
        {QStringLiteral("listener"), ListenersColumn},
        {QStringLiteral("transport"), TransportColumn},
        {QStringLiteral("helo-name"), HeloNameColumn},
        {QStringLiteral("from-address"), FromAddressColumn},
        {QStringLiteral("from-name"), FromNameColumn},
        {QStringLiteral("fix-from-name"), FixFromNameColumn},
        {QStringLiteral("add-date"), AddDateColumn},
        {QStringLiteral("add-message-id"), AddMessageIdColumn},
        {QStringLiteral("envelope-sender"), EnvelopeSenderColumn},
    };
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* item = m_table->item(row, NameColumn);
        if (item && item->text().trimmed() == routeName) {
            found.field = m_table;
            found.row = row;
            found.column = columns.value(key, -1);
            break;
        }
    }
    return found;
}

} // namespace RelayDesk::Ui
