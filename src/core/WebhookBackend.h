#pragma once

#include <QObject>

class AuditLog;
class DailyClient;
class DomainRefresher;
class DomainStates;
class DomainStore;
class QNetworkAccessManager;
class RequestLog;
class WebhookOperations;

// The core services a front end works through, built over what the caller owns (the network manager, the saved
// domains, the audit log): the Daily client, the refresher on it, the state of every domain (following the saved
// domains), the log of every call, and the operations that use them all. The window and the command line each
// build one, and need nothing of the client, the keychain or the audit log's writing themselves.
class WebhookBackend : public QObject
{
    Q_OBJECT

public:
    // `audit` may be null: changes are then not recorded (WebhookOperations::setAuditSource can open one later).
    WebhookBackend(QNetworkAccessManager* network, DomainStore* domains, AuditLog* audit, QObject* parent = nullptr);
    ~WebhookBackend() override;

    DailyClient* client() const { return m_client; }
    DomainRefresher* refresher() const { return m_refresher; }
    DomainStates* states() const { return m_states; }
    RequestLog* requestLog() const { return m_requestLog; }
    WebhookOperations* operations() const { return m_operations; }

    // How long each request to Daily may take (DailyClient::DefaultTimeoutMs unless set).
    void setTimeoutMs(int timeoutMs);
    int timeoutMs() const;

private:
    DailyClient* m_client;
    DomainRefresher* m_refresher;
    DomainStates* m_states;
    RequestLog* m_requestLog;
    WebhookOperations* m_operations;
};
