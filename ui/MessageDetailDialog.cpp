#include "MessageDetailDialog.h"

#include "StateStyle.h"
#include "bounce/FailureClassifier.h"
#include "service/RelayService.h"

#include <QAction>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

enum AttemptColumn {
    AttemptTime,
    AttemptRecipient,
    AttemptHost,
    AttemptCode,
    AttemptStatus,
    AttemptReply,
    AttemptQueueId,
    AttemptColumnCount
};

enum RecipientColumn {
    RecipientAddress,
    RecipientStateColumn,
    RecipientAttempts,
    RecipientNextAttempt,
    RecipientRoute,
    RecipientNotify,
    RecipientColumnCount
};

using OpenDialogs = QMap<std::pair<const void*, qint64>, QPointer<MessageDetailDialog>>;

OpenDialogs& openDialogs()
{
    static OpenDialogs dialogs;
    return dialogs;
}

QLabel* valueLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QPlainTextEdit* monospaceView(QWidget* parent, const char* name)
{
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(QLatin1String(name));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QTableWidget* smallTable(QWidget* parent, const char* name, const QStringList& headers)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(QLatin1String(name));
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(text);
    return item;
}

QString localTime(const QDateTime& utc)
{
    if (!utc.isValid())
        return QStringLiteral("–");
    return QLocale().toString(utc.toLocalTime(), QLocale::LongFormat);
}

QString orNone(const QString& text, const QString& none)
{
    return text.isEmpty() ? none : text;
}

/// The Subject header, unfolded (not MIME-decoded), for the window title.
QString subjectOf(const QByteArray& headers)
{
    const QList<QByteArray> lines = headers.split('\n');
    QByteArray subject;
    bool inSubject = false;
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (inSubject && !line.isEmpty() && (line.at(0) == ' ' || line.at(0) == '\t')) {
            subject += ' ' + line.trimmed();
            continue;
        }
        if (inSubject)
            break;
        if (line.size() > 8 && line.left(8).compare("subject:", Qt::CaseInsensitive) == 0) {
            subject = line.mid(8).trimmed();
            inSubject = true;
        }
    }
    return QString::fromUtf8(subject);
}

QString kindText(Store::MessageKind kind)
{
    switch (kind) {
    case Store::MessageKind::Relayed:
        return MessageDetailDialog::tr("Relayed mail");
    case Store::MessageKind::FailureReport:
        return MessageDetailDialog::tr("Failure report we sent (DSN)");
    case Store::MessageKind::DelayReport:
        return MessageDetailDialog::tr("Delay warning we sent (DSN)");
    }
    return {};
}

QString replyLine(const Store::DeliveryLogEntry& entry)
{
    QStringList parts;
    if (entry.replyCode > 0)
        parts << QString::number(entry.replyCode);
    if (!entry.enhancedStatus.isEmpty())
        parts << entry.enhancedStatus;
    parts << entry.replyText;
    return parts.join(QLatin1Char(' '));
}

/// What a failed or deferred attempt means and what to do about it, from
/// the bounce classifier (CPU only, no I/O: fine on the GUI thread).
QString failureExplanation(const Store::DeliveryLogEntry& entry)
{
    if (entry.resultState == Store::RecipientState::Delivered)
        return {};
    const auto& classifier = Bounce::FailureClassifier::instance();
    const Bounce::Classification c = classifier.classifyReply(entry.replyCode, entry.enhancedStatus,
                                                              entry.replyText, entry.upstreamHost);
    const Bounce::ReasonDescription d =
        classifier.describe(c.reason, classifier.providerForHost(entry.upstreamHost));
    return MessageDetailDialog::tr("Reason: %1 (%2)%3\nWhat happened: %4\nWhat to do: %5")
        .arg(d.title.isEmpty() ? c.reason : d.title,
             Bounce::isPermanentFailure(entry.replyCode, c) ? MessageDetailDialog::tr("permanent")
                                                            : MessageDetailDialog::tr("temporary"),
             c.status.isEmpty() ? QString() : QStringLiteral(", ") + c.status, d.explanation,
             d.fix);
}

} // namespace

MessageDetailDialog* MessageDetailDialog::show(Service::RelayService* relay, qint64 messageId,
                                               QWidget* parent)
{
    OpenDialogs& dialogs = openDialogs();
    const auto key = std::make_pair(static_cast<const void*>(relay), messageId);
    MessageDetailDialog* dialog = dialogs.value(key);
    if (!dialog) {
        dialog = new MessageDetailDialog(relay, messageId, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->QDialog::show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

MessageDetailDialog::MessageDetailDialog(Service::RelayService* relay, qint64 messageId,
                                         QWidget* parent)
    : QDialog(parent), m_relay(relay), m_messageId(messageId)
{
    setObjectName(QStringLiteral("messageDetail"));
    setWindowTitle(tr("Message %1").arg(messageId));
    setModal(false);
    setSizeGripEnabled(true);
    openDialogs().insert(std::make_pair(static_cast<const void*>(relay), messageId), this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->addTab(buildSummaryTab(), tr("&Envelope"));
    m_headers = monospaceView(this, "headersView");
    m_tabs->addTab(m_headers, tr("&Headers"));
    m_tabs->addTab(buildAttemptsTab(), tr("Delivery &attempts"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("detailStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_save = new QPushButton(QIcon(QStringLiteral(":/icons/save.svg")), tr("&Save as .eml…"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setEnabled(false);
    m_copy = new QPushButton(tr("&Copy transcript"), this);
    m_copy->setObjectName(QStringLiteral("copyTranscriptButton"));
    m_copy->setEnabled(false);
    auto* reloadButton = new QPushButton(tr("&Reload"), this);
    reloadButton->setObjectName(QStringLiteral("reloadButton"));
    reloadButton->setShortcut(QKeySequence::Refresh);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(reloadButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &MessageDetailDialog::chooseSavePath);
    connect(m_copy, &QPushButton::clicked, this, &MessageDetailDialog::copyTranscript);
    connect(reloadButton, &QPushButton::clicked, this, &MessageDetailDialog::reload);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(900, 640);

    if (m_relay) {
        connect(m_relay, &Service::RelayService::messageDetailReady, this,
                &MessageDetailDialog::onDetail);
        connect(m_relay, &Service::RelayService::messageSaved, this, &MessageDetailDialog::onSaved);
    }
    reload();
}

MessageDetailDialog::~MessageDetailDialog()
{
    OpenDialogs& dialogs = openDialogs();
    const auto key = std::make_pair(static_cast<const void*>(m_relay), m_messageId);
    if (dialogs.value(key) == this || dialogs.value(key).isNull())
        dialogs.remove(key);
}

QWidget* MessageDetailDialog::buildSummaryTab()
{
    auto* page = new QWidget(this);

    auto* envelopeBox = new QGroupBox(tr("Envelope"), page);
    auto* envelope = new QFormLayout(envelopeBox);
    m_sender = valueLabel(envelopeBox, "detailSender");
    m_received = valueLabel(envelopeBox, "detailReceived");
    m_size = valueLabel(envelopeBox, "detailSize");
    m_kind = valueLabel(envelopeBox, "detailKind");
    m_dsn = valueLabel(envelopeBox, "detailDsn");
    envelope->addRow(tr("Sender:"), m_sender);
    envelope->addRow(tr("Received:"), m_received);
    envelope->addRow(tr("Size:"), m_size);
    envelope->addRow(tr("Kind:"), m_kind);
    envelope->addRow(tr("DSN request:"), m_dsn);

    auto* intakeBox = new QGroupBox(tr("How it came in"), page);
    auto* intake = new QFormLayout(intakeBox);
    m_device = valueLabel(intakeBox, "detailDevice");
    m_helo = valueLabel(intakeBox, "detailHelo");
    m_tls = valueLabel(intakeBox, "detailTls");
    m_auth = valueLabel(intakeBox, "detailAuth");
    m_listener = valueLabel(intakeBox, "detailListener");
    intake->addRow(tr("Device:"), m_device);
    intake->addRow(tr("EHLO name:"), m_helo);
    intake->addRow(tr("TLS:"), m_tls);
    intake->addRow(tr("AUTH user:"), m_auth);
    intake->addRow(tr("Listener:"), m_listener);

    m_recipients = smallTable(page, "recipientsTable",
                              {tr("Recipient"), tr("State"), tr("Attempts"), tr("Next attempt"),
                               tr("Route"), tr("Notify")});

    auto* top = new QHBoxLayout;
    top->addWidget(envelopeBox, 1);
    top->addWidget(intakeBox, 1);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Recipients:"), page));
    layout->addWidget(m_recipients, 1);
    return page;
}

QWidget* MessageDetailDialog::buildAttemptsTab()
{
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("attemptsSplitter"));
    m_attempts = smallTable(splitter, "attemptsTable",
                            {tr("Time"), tr("Recipient"), tr("Upstream"), tr("Code"), tr("Status"),
                             tr("Reply"), tr("Upstream queue id")});
    splitter->addWidget(m_attempts);

    auto* replyBox = new QGroupBox(tr("Upstream's reply"), splitter);
    auto* replyLayout = new QVBoxLayout(replyBox);
    m_reply = monospaceView(replyBox, "attemptReply");
    m_reply->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    replyLayout->addWidget(m_reply);
    splitter->addWidget(replyBox);

    auto* transcriptBox = new QGroupBox(tr("SMTP transcript of this attempt"), splitter);
    auto* transcriptLayout = new QVBoxLayout(transcriptBox);
    m_transcript = monospaceView(transcriptBox, "transcriptView");
    transcriptLayout->addWidget(m_transcript);
    splitter->addWidget(transcriptBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 3);

    connect(m_attempts, &QTableWidget::currentCellChanged, this,
            [this](int row) { showAttempt(row); });
    return splitter;
}

void MessageDetailDialog::reload()
{
    if (!m_relay)
        return;
    setStatusText(tr("Loading…"));
    m_relay->requestMessageDetail(m_messageId);
}

void MessageDetailDialog::onDetail(const Service::MessageDetail& detail)
{
    if (detail.messageId != m_messageId)
        return; // another window's message
    m_detail = detail;

    if (!detail.found) {
        setStatusText(tr("This message is no longer in the store."));
        m_save->setEnabled(false);
        m_copy->setEnabled(false);
        return;
    }

    const QString subject = subjectOf(detail.headers);
    setWindowTitle(subject.isEmpty() ? tr("Message %1").arg(m_messageId)
                                     : tr("Message %1 — %2").arg(m_messageId).arg(subject));

    m_sender->setText(orNone(detail.sender, tr("<> (null sender)")));
    m_received->setText(localTime(detail.receivedAt));
    m_size->setText(tr("%1 (%n octet(s))", nullptr, int(qMin<qint64>(detail.size, INT_MAX)))
                        .arg(QLocale().formattedDataSize(detail.size)));
    m_kind->setText(kindText(detail.kind));
    QStringList dsn;
    if (!detail.ret.isEmpty())
        dsn << tr("RET=%1").arg(detail.ret);
    if (!detail.envid.isEmpty())
        dsn << tr("ENVID=%1").arg(detail.envid);
    m_dsn->setText(dsn.isEmpty() ? tr("none") : dsn.join(QLatin1String(", ")));
    m_device->setText(orNone(detail.clientAddress, tr("unknown")));
    m_helo->setText(orNone(detail.heloName, tr("none given")));
    m_tls->setText(orNone(detail.tlsVersion, tr("none (plain text)")));
    m_auth->setText(orNone(detail.authUser, tr("not authenticated")));
    m_listener->setText(orNone(detail.listener, tr("unknown")));

    m_recipients->setRowCount(int(detail.recipients.size()));
    for (int row = 0; row < detail.recipients.size(); ++row) {
        const Service::RecipientDetail& r = detail.recipients.at(row);
        m_recipients->setItem(row, RecipientAddress, cell(r.address));
        auto* state = cell(stateText(r.state));
        state->setForeground(stateColor(r.state, palette()));
        m_recipients->setItem(row, RecipientStateColumn, state);
        m_recipients->setItem(row, RecipientAttempts, cell(QString::number(r.attempts)));
        const bool waiting =
            r.state == Store::RecipientState::Queued || r.state == Store::RecipientState::Deferred;
        m_recipients->setItem(row, RecipientNextAttempt,
                              cell(waiting ? localTime(r.nextAttempt) : QStringLiteral("–")));
        m_recipients->setItem(row, RecipientRoute, cell(r.route));
        auto* notify = cell(r.notify);
        if (!r.orcpt.isEmpty())
            notify->setToolTip(tr("ORCPT: %1").arg(r.orcpt));
        m_recipients->setItem(row, RecipientNotify, notify);
    }
    m_recipients->resizeColumnsToContents();

    if (detail.contentAvailable)
        m_headers->setPlainText(QString::fromUtf8(detail.headers));
    else
        m_headers->setPlainText(detail.headers.isEmpty()
                                    ? tr("(The content was dropped after final delivery.)")
                                    : QString::fromUtf8(detail.headers));

    const int previous = m_attempts->currentRow();
    m_attempts->setRowCount(int(detail.attempts.size()));
    for (int row = 0; row < detail.attempts.size(); ++row) {
        const Store::DeliveryLogEntry& e = detail.attempts.at(row).entry;
        auto* time = cell(localTime(e.attemptedAt));
        auto* result = cell(e.recipient);
        result->setForeground(stateColor(e.resultState, palette()));
        result->setToolTip(tr("%1: %2").arg(e.recipient, stateText(e.resultState)));
        m_attempts->setItem(row, AttemptTime, time);
        m_attempts->setItem(row, AttemptRecipient, result);
        m_attempts->setItem(row, AttemptHost, cell(e.upstreamHost));
        m_attempts->setItem(row, AttemptCode,
                            cell(e.replyCode > 0 ? QString::number(e.replyCode) : QString()));
        m_attempts->setItem(row, AttemptStatus, cell(e.enhancedStatus));
        m_attempts->setItem(row, AttemptReply, cell(e.replyText.simplified()));
        m_attempts->setItem(row, AttemptQueueId, cell(e.upstreamQueueId));
    }
    m_attempts->resizeColumnsToContents();
    if (!detail.attempts.isEmpty()) {
        // Keep the attempt the admin was reading; otherwise the newest.
        const int row = previous >= 0 && previous < detail.attempts.size()
                            ? previous
                            : int(detail.attempts.size()) - 1;
        m_attempts->setCurrentCell(row, 0);
        showAttempt(row);
    } else {
        showAttempt(-1);
    }

    m_save->setEnabled(detail.contentAvailable && !m_saving);
    m_save->setToolTip(detail.contentAvailable
                           ? tr("Save the message as it was received")
                           : tr("The content was dropped after final delivery"));
    setStatusText(detail.attempts.isEmpty()
                      ? tr("No delivery attempt yet.")
                      : tr("%n delivery attempt(s).", nullptr, int(detail.attempts.size())));
}

void MessageDetailDialog::showAttempt(int row)
{
    if (row < 0 || row >= m_detail.attempts.size()) {
        m_reply->setPlainText(m_detail.attempts.isEmpty() ? tr("No delivery attempt yet.")
                                                          : QString());
        m_transcript->clear();
        m_copy->setEnabled(false);
        return;
    }
    const Service::AttemptDetail& attempt = m_detail.attempts.at(row);
    const QString explanation = failureExplanation(attempt.entry);
    m_reply->setPlainText(explanation.isEmpty()
                              ? replyLine(attempt.entry)
                              : replyLine(attempt.entry) + QStringLiteral("\n\n") + explanation);
    m_transcript->setPlainText(attempt.transcript.isEmpty()
                                   ? tr("(No transcript was recorded for this attempt.)")
                                   : attempt.transcript.join(QLatin1Char('\n')));
    m_copy->setEnabled(!attempt.transcript.isEmpty());
}

void MessageDetailDialog::copyTranscript()
{
    const int row = m_attempts->currentRow();
    if (row < 0 || row >= m_detail.attempts.size())
        return;
    const Service::AttemptDetail& attempt = m_detail.attempts.at(row);
    QStringList lines;
    lines << tr("Message %1, attempt at %2 to %3 for %4")
                 .arg(m_messageId)
                 .arg(attempt.entry.attemptedAt.toString(Qt::ISODate), attempt.entry.upstreamHost,
                      attempt.entry.recipient);
    lines << attempt.transcript;
    QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    setStatusText(tr("Transcript copied to the clipboard."));
}

void MessageDetailDialog::chooseSavePath()
{
    // Opened, not exec()'d, so the relay's answers keep arriving; Qt's own
    // dialog so it behaves the same on every desktop (and offscreen).
    auto* dialog = new QFileDialog(this, tr("Save message as"));
    dialog->setObjectName(QStringLiteral("saveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setNameFilters({tr("E-mail messages (*.eml)"), tr("All files (*)")});
    dialog->setDefaultSuffix(QStringLiteral("eml"));
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    dialog->setDirectory(folder);
    dialog->selectFile(QStringLiteral("message-%1.eml").arg(m_messageId));
    connect(dialog, &QFileDialog::fileSelected, this, &MessageDetailDialog::saveTo);
    dialog->open();
}

void MessageDetailDialog::saveTo(const QString& path)
{
    if (!m_relay || path.isEmpty())
        return;
    m_saving = true;
    m_save->setEnabled(false);
    setStatusText(tr("Saving to %1…").arg(QDir::toNativeSeparators(path)));
    m_relay->saveMessage(m_messageId, path);
}

void MessageDetailDialog::onSaved(qint64 messageId, const QString& path, const QString& error)
{
    if (messageId != m_messageId)
        return;
    m_saving = false;
    m_save->setEnabled(m_detail.found && m_detail.contentAvailable);
    if (error.isEmpty())
        setStatusText(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)));
    else
        setStatusText(tr("Could not save to %1: %2").arg(QDir::toNativeSeparators(path), error));
}

void MessageDetailDialog::setStatusText(const QString& text)
{
    m_status->setText(text);
}

} // namespace RelayDesk::Ui
