#pragma once

#include "SessionConfig.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include <memory>

class AppSettings;
struct ApiResult;
class DailyCall;
class DailyClient;
class QNetworkAccessManager;
class SecretStore;
class WebhookDetailPane;
class WebhookDraft;
class WebhookForm;
namespace Ui {
class MainWindow;
}

// The main window: the create form beside the detail pane of what Daily returned. It owns the Daily client,
// sends the form's draft, keeps the window responsive while the request runs, and routes the result back.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(QNetworkAccessManager* network, SecretStore* secrets, AppSettings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setSession(const SessionConfig& session);
    const SessionConfig& session() const { return m_session; }
    // The sandbox's demo endpoint, offered in the URL field while the sandbox stands in for Daily.
    void setDemoEndpoint(const QUrl& url);
    // A message for the status bar and the connection banner (e.g. why the sandbox is in use).
    void showNotice(const QString& notice);

    WebhookForm* form() const;
    WebhookDetailPane* detailPane() const;
    DailyClient* client() const { return m_client; }
    bool isRequestRunning() const { return !m_call.isNull(); }

public slots:
    void openSettings();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createWebhook(const WebhookDraft& draft);
    void onCreateFinished(const ApiResult& result);
    void applySettings(const QUrl& baseUrl, const QString& key, SessionConfig::KeySource source, const QString& notice);
    void updateBanner();
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    DailyClient* m_client;
    SecretStore* m_secrets;
    AppSettings* m_settings;
    SessionConfig m_session;
    QUrl m_demoEndpoint;
    QString m_notice;
    QPointer<DailyCall> m_call;
};
