#include "BounceDropArea.h"

#include "BounceDropModel.h"
#include "service/RelayService.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

QString localFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}

} // namespace

BounceDropArea::BounceDropArea(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    setAcceptDrops(true);
    m_status = new QLabel(tr("Drop a bounce (.eml) here to see why it bounced."), this);
    m_status->setObjectName(QStringLiteral("bounceDropStatus"));
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setFrameShape(QFrame::StyledPanel);
    m_status->setMinimumHeight(60);
    m_open = new QPushButton(tr("&Open .eml…"), this);
    m_open->setObjectName(QStringLiteral("bounceDropOpen"));
    m_model = new BounceDropModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("bounceDropView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_open, 0, Qt::AlignLeft);
    layout->addWidget(m_view, 1);

    connect(m_open, &QPushButton::clicked, this, &BounceDropArea::openFile);
    connect(m_relay, &Service::RelayService::bounceFileClassified, this,
            [this](const QString& path, const QVector<Service::BounceFileRecipient>& recipients,
                   const QString& error) {
                if (path != m_pendingPath)
                    return; // an older drop
                m_pendingPath.clear();
                m_model->setRecipients(recipients);
                const QString name = QFileInfo(path).fileName();
                if (!error.isEmpty())
                    m_status->setText(error);
                else
                    m_status->setText(tr("%1: %n recipient(s) classified. Drop another bounce "
                                         "to classify it.",
                                         nullptr, int(recipients.size()))
                                          .arg(name));
                m_view->resizeColumnsToContents();
            });
}

void BounceDropArea::classifyFile(const QString& path)
{
    m_pendingPath = path;
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_relay->classifyBounceFile(path);
}

void BounceDropArea::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void BounceDropArea::dropEvent(QDropEvent* event)
{
    const QString path = localFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    classifyFile(path);
}

void BounceDropArea::openFile()
{
    // Non-modal so that the GUI thread never blocks in a nested event loop.
    auto* dialog = new QFileDialog(this, tr("Open a bounce message"), QString(),
                                   tr("E-mail messages (*.eml *.msg *.txt);;All files (*)"));
    dialog->setObjectName(QStringLiteral("bounceDropDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &BounceDropArea::classifyFile);
    dialog->open();
}

} // namespace RelayDesk::Ui
