#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class BounceDropModel;

/// "Drop a bounce (.eml) here": a bounce message dropped on it (or opened
/// with the button) is read and classified by RelayService off the GUI
/// thread, and each recipient is shown with reason, hard/soft, status,
/// explanation and fix.
class BounceDropArea final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceDropArea)

public:
    explicit BounceDropArea(Service::RelayService* relay, QWidget* parent = nullptr);

    /// Classifies a file as if it had been dropped.
    void classifyFile(const QString& path);
    BounceDropModel* model() const { return m_model; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void openFile();

    Service::RelayService* m_relay;
    BounceDropModel* m_model = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_open = nullptr;
    QTableView* m_view = nullptr;
    QString m_pendingPath; ///< the file whose answer is awaited; older answers are dropped
};

} // namespace RelayDesk::Ui
