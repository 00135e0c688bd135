#pragma once

#include "AppServices.h"
#include "AuditEntry.h"
#include "DomainState.h"
#include "DomainTarget.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

struct ApiResult;
class DailyCall;
class DailyClient;
class DomainRefresher;
class DomainStates;
class HistoryDialog;
class PreflightCheck;
class Domain;
class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class RequestLog;
class SecretClipboard;
class Webhook;
class WebhookDetailPane;
class WebhookDraft;
class WebhookEditorDialog;
class WebhookTableModel;
namespace Ui {
class MainWindow;
}

// The operator's console: every domain's webhook in one table, the detail pane of the selected one, and the
// actions on it (create, edit, reactivate, delete, test URL), a refresh of all domains that never blocks, an
// optional health watch, and the log of every API call. It owns the Daily client; dialogs and panes only show
// values and hand drafts back.
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
    DomainStates* states() const { return m_states; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    WebhookDetailPane* detailPane() const;
    // The create/edit window, once opened.
    WebhookEditorDialog* editor() const { return m_editor; }
    DailyClient* client() const { return m_client; }
    DomainRefresher* refresher() const { return m_refresher; }
    RequestLog* requestLog() const { return m_requestLog; }
    // The one clipboard every secret copy of this window goes through (cleared after the Settings' delay).
    SecretClipboard* secretClipboard() const { return m_secretClipboard; }
    bool isRequestRunning() const { return !m_call.isNull(); }
    // Selects the first row of a domain (its webhook, or its status row); false when there is none.
    bool selectDomain(const QString& domainId);
    void setWatchIntervalMs(int ms);
    HistoryDialog* history() const { return m_history; }
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
    using KeyCallback = std::function<void(const QString& key, const QString& error)>;

    void withKey(const Domain& domain, KeyCallback callback);
    std::optional<DomainTarget> targetFor(const QString& domainId) const;
    Selection selection() const;
    void updateActions();
    void showSelected();
    void onDomainUpdated(const DomainState& state);
    void submitEditor(const QString& domainId);
    void runChange(const QString& domainId, const QString& verb, std::function<DailyCall*(const DomainTarget&)> start,
        std::function<void(const ApiResult&, const DomainState&)> done);
    void setWebhooksOf(const QString& domainId, const QList<Webhook>& webhooks);
    void record(AuditEntry::Action action, const QString& domainId, const std::optional<Webhook>& before,
        const std::optional<Webhook>& after);
    void runPreflight(const QUrl& url, const QString& hmac, const QString& basicAuth);
    void importNext(
        std::shared_ptr<QList<QPair<QString, WebhookDraft>>> work, int index, std::shared_ptr<QStringList> report);
    void checkHealth(const QHash<QString, DomainState>& before);
    void updateBanner();
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    AppServices m_services;
    DailyClient* m_client;
    DomainRefresher* m_refresher;
    RequestLog* m_requestLog;
    DomainStates* m_states;
    SecretClipboard* m_secretClipboard;
    WebhookTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    WebhookEditorDialog* m_editor = nullptr;
    HistoryDialog* m_history = nullptr;
    QProgressBar* m_refreshProgress;
    QHash<QString, QString> m_keys; // API keys read this session, in memory only
    QHash<QString, DomainState> m_beforeRefresh; // loaded states when the running refresh began (health watch)
    QPointer<DailyCall> m_call;
    QPointer<PreflightCheck> m_preflight;
    QTimer m_watchTimer;
    QString m_notice;
    int m_pendingKeyReads = 0;
    bool m_refreshQueued = false;
};
