#pragma once

#include "service/AdminTypes.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

/// One message in full, for the admin's evidence: envelope and recipients,
/// how it came in (device, EHLO, TLS, AUTH, listener), its headers and every
/// delivery attempt with the upstream's whole reply and the SMTP transcript
/// of that attempt. The raw message can be saved as .eml (the core writes
/// the file). Non-modal, one window per message: show() raises the one
/// already open. Asks the core for the detail only when opened (and on F5).
class MessageDetailDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageDetailDialog)

public:
    /// Opens (or raises) the window for `messageId`; it deletes itself when
    /// closed.
    static MessageDetailDialog* show(Service::RelayService* relay, qint64 messageId,
                                     QWidget* parent = nullptr);
    using QDialog::show;

    MessageDetailDialog(Service::RelayService* relay, qint64 messageId, QWidget* parent = nullptr);
    ~MessageDetailDialog() override;

    qint64 messageId() const { return m_messageId; }
    /// Asks the core for the detail again.
    void reload();
    /// Asks the core to write the message to `path` (what the save dialog
    /// calls once a file is chosen).
    void saveTo(const QString& path);
    /// The detail shown, once it arrived.
    const Service::MessageDetail& detail() const { return m_detail; }

private:
    void onDetail(const Service::MessageDetail& detail);
    void onSaved(qint64 messageId, const QString& path, const QString& error);
    void showAttempt(int row);
    void chooseSavePath();
    void copyTranscript();
    void setStatusText(const QString& text);
    QWidget* buildSummaryTab();
    QWidget* buildAttemptsTab();

    Service::RelayService* m_relay = nullptr;
    qint64 m_messageId = 0;
    Service::MessageDetail m_detail;
    bool m_saving = false;

    QTabWidget* m_tabs = nullptr;
    QLabel* m_sender = nullptr;
    QLabel* m_received = nullptr;
    QLabel* m_size = nullptr;
    QLabel* m_kind = nullptr;
    QLabel* m_dsn = nullptr;
    QLabel* m_device = nullptr;
    QLabel* m_helo = nullptr;
    QLabel* m_tls = nullptr;
    QLabel* m_auth = nullptr;
    QLabel* m_listener = nullptr;
    QTableWidget* m_recipients = nullptr;
    QPlainTextEdit* m_headers = nullptr;
    QTableWidget* m_attempts = nullptr;
    QPlainTextEdit* m_reply = nullptr;
    QPlainTextEdit* m_transcript = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_copy = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace RelayDesk::Ui
