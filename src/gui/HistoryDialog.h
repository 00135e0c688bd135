#pragma once

#include <QDialog>

#include <memory>

class AuditHistory;
class WebhookDraft;
namespace Ui {
class HistoryDialog;
}

// The audit log as a table, newest first, with Recreate for any change that had a configuration before it
// (above all a delete): the draft, old secret included, goes back to the main window's create form. Entries the
// log had to cut say "(cut)", and one whose earlier configuration was cut cannot be recreated, which it says.
// It reads the log through AuditHistory and never writes to it.
class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HistoryDialog(AuditHistory* audit, QWidget* parent = nullptr);
    ~HistoryDialog() override;

    void reload();
    int entryCount() const;
    // Selects the row of an entry; false when it is not listed.
    bool selectEntry(qint64 id);

public slots:
    void recreateSelected();

signals:
    void recreateRequested(const QString& domainId, const WebhookDraft& draft);

private:
    qint64 selectedId() const;

    std::unique_ptr<Ui::HistoryDialog> m_ui;
    AuditHistory* m_audit;
};
