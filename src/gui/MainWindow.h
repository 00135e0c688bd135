#pragma once

#include "AppServices.h"
#include "DomainState.h"
#include "DomainTarget.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

struct HealthTransition;
struct OperationResult;
class DeliverySender;
class DeliveriesWindow;
class DomainStates;
class HistoryDialog;
class PendingOperation;
class PreflightCheck;
class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class RequestLog;
class SecretClipboard;
class SignatureCheckerDialog;
class TestEventDialog;
class Webhook;
class WebhookDetailPane;
class WebhookDraft;
class WebhookEditorDialog;
class WebhookBackend;
class WebhookOperations;
class WebhookTableModel;
namespace Ui {
class MainWindow;
}

// The operator's console: every domain's webhook in one table, the detail pane of the selected one, and the
// actions on it (create, edit, reactivate, delete, test URL), a refresh of all domains that never blocks, an
// optional health watch, the log of every API call, and the lab's windows (test events, signature checker). A
// presenter: it asks, shows progress, errors and results, and leaves the work to core's WebhookOperations (through the
// WebhookBackend it builds); the table observes core's DomainStates. Dialogs and panes only show values and hand drafts
// back.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const AppServices& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    // A message for the status bar and the connection banner (e.g. why the sandbox is in use).
    void showNotice(const QString& notice);

    WebhookTableModel* model() const { return m_model; }
    // What the window knows of every domain; the table observes it.
    DomainStates* states() const;
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    WebhookDetailPane* detailPane() const;
    // The create/edit window, once opened.
    WebhookEditorDialog* editor() const { return m_editor; }
    // The core services the window works through.
    WebhookBackend* backend() const { return m_backend; }
    RequestLog* requestLog() const;
    // The one clipboard every secret copy of this window goes through (cleared after the Settings' delay).
    SecretClipboard* secretClipboard() const { return m_secretClipboard; }
    bool isRequestRunning() const { return m_starting || !m_running.isNull(); }
    // Selects the first row of a domain (its webhook, or its status row); false when there is none.
    bool selectDomain(const QString& domainId);
    void setWatchIntervalMs(int ms);
    HistoryDialog* history() const { return m_history; }
    // The lab's windows, once opened.
    TestEventDialog* testEventDialog() const { return m_testEvent; }
    SignatureCheckerDialog* signatureChecker() const { return m_signatureChecker; }
    // The Deliveries window, once opened (it is made on first use: no database or receiver before).
    DeliveriesWindow* deliveries() const { return m_deliveries; }
    // The create window on a domain, filled from a draft (a recreated or imported configuration).
    void openCreateFrom(const QString& domainId, const WebhookDraft& draft);

public slots:
    void refreshAll();
    void openCreate();
    void openEdit();
    void reactivateSelected();
    void deleteSelected();
    void preflightSelected();
    void openDomains();
    void openSettings();
    void exportWebhooks();
    void importWebhooks();
    void openHistory();
    // "Send a test event", to the selected webhook (its URL and secrets) when there is one.
    void openTestEvent();
    void openSignatureChecker();
    void openDeliveries();

signals:
    void refreshFinished();
    // A create, update, reactivate or delete ended; `ok` tells how.
    void changeFinished(bool ok);
    void importFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Selection
    {
        QString domainId;
        std::optional<Webhook> webhook;
    };
    using Start = std::function<PendingOperation*(const DomainTarget& target)>;
    using Done = std::function<void(const OperationResult& result)>;

    Selection selection() const;
    void updateActions();
    void showSelected();
    void submitEditor(const QString& domainId, const WebhookDraft& draft, const QString& originalUuid);
    // Resolves the domain's key, starts the operation and shows its progress; `done` gets the result, including
    // a key that could not be had (as its ApiError). One operation at a time.
    void runChange(const QString& domainId, const QString& verb, Start start, Done done);
    void showAuditProblem(const OperationResult& result);
    void runPreflight(const QUrl& url, const QString& hmac, const QString& basicAuth);
    void importNext(
        std::shared_ptr<QList<QPair<QString, WebhookDraft>>> work, int index, std::shared_ptr<QStringList> report);
    // A notice and a notification, with what to do about it, for each webhook a refresh found failing or gone.
    void announceHealth(const QList<HealthTransition>& health);
    void updateBanner();
    // The test-event window with this target (`source` says where it comes from). One window, kept when closed, so
    // a payload being edited survives closing it; while it sends, it keeps the target it is sending to.
    void showTestEvent(const QString& url, const QString& hmac, const QString& basicAuth, const QString& source);
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    AppServices m_services;
    WebhookBackend* m_backend;
    WebhookOperations* m_operations;
    SecretClipboard* m_secretClipboard;
    WebhookTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    WebhookEditorDialog* m_editor = nullptr;
    HistoryDialog* m_history = nullptr;
    DeliverySender* m_deliverySender;
    TestEventDialog* m_testEvent = nullptr;
    SignatureCheckerDialog* m_signatureChecker = nullptr;
    DeliveriesWindow* m_deliveries = nullptr;
    QProgressBar* m_refreshProgress;
    QPointer<PendingOperation> m_running;
    bool m_starting = false; // a change is waiting for its domain's key
    bool m_cancelStart = false; // and was cancelled meanwhile
    QPointer<PreflightCheck> m_preflight;
    QTimer m_watchTimer;
    QString m_notice;
};
