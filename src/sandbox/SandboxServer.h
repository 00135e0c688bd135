#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class Webhook;

// A local stand-in for Daily's /v1/webhooks API on 127.0.0.1 (see the README's "Sandbox" section):
// Bearer auth, validation, the signed {"test":"test"} ping before create and update, hmac provisioning,
// one webhook per domain (one domain per API key), the rate limit, and Daily's field names and formats.
// It also serves a demo endpoint that answers 200, so a first Create works offline.
class SandboxServer : public QObject
{
    Q_OBJECT

public:
    // A request that reached the demo endpoint (or any /demo/... path).
    struct DemoDelivery
    {
        QDateTime receivedAt;
        QString path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };

    // A request that reached the API (/v1/...), kept so tests and a request log can see exactly what arrived.
    struct ReceivedRequest
    {
        QDateTime receivedAt;
        QByteArray method;
        QString path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int status = 0; // the status answered; 0 while the request waits for its ping
        QByteArray header(const QByteArray& name) const;
    };

    explicit SandboxServer(QObject* parent = nullptr);
    ~SandboxServer() override;

    // The API key of the domain every sandbox starts with: SandboxDefaults::demoApiKey().
    static QString demoApiKey();

    // Listens on the loopback address; port 0 picks a free port. Returns false if it could not listen.
    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QUrl apiBaseUrl() const; // http://127.0.0.1:<port>/v1
    QUrl demoEndpointUrl() const; // http://127.0.0.1:<port>/demo/webhook

    // Registers a domain reachable with `apiKey`; returns its domainId. An existing key keeps its domain.
    QString addDomain(const QString& apiKey, const QString& name = QString());
    bool removeDomain(const QString& apiKey);

    // How long a client has to send one whole request (head and body) before it is answered 408 and disconnected
    // (default Limits::RequestReadDeadlineMs).
    void setRequestReadDeadlineMs(int ms);

    // How long the ping to a webhook URL may take before create or update fails (Daily: a few seconds).
    void setPingTimeoutMs(int ms);
    int pingTimeoutMs() const;
    // Requests per key per second and per 5-second window before 429 (Daily: 20 and 100). 0 disables.
    void setRateLimit(int perSecond, int perFiveSeconds);

    // Introspection and control for tests and for demonstrating failure handling.
    // Requests that passed authentication with `apiKey`, including those refused with 429.
    int requestCount(const QString& apiKey) const;
    int rateLimitedCount(const QString& apiKey) const;
    // The highest number of requests from one key accepted within any one-second window so far.
    int peakRequestsPerSecond(const QString& apiKey) const;
    std::optional<Webhook> webhookOf(const QString& apiKey) const;
    // Sets state (e.g. "FAILED") and failedCount of a webhook, as Daily's circuit breaker would.
    bool setWebhookState(const QString& uuid, const QString& state, int failedCount);
    // While true, an update whose ping passes still answers 200 with the change applied, but state and
    // failedCount stay as they were: a reactivation that Daily accepts without switching the webhook back on.
    // False by default (an update that passes its ping makes the webhook ACTIVE, as at Daily).
    void setReactivationKeepsState(bool keepsState);
    QList<DemoDelivery> demoDeliveries() const;
    void clearDemoDeliveries();
    // Makes the demo endpoint answer `status` from now on (200 by default). A status the HTTP server has no
    // reason phrase for (1xx, unregistered codes) becomes 500.
    void setDemoEndpointStatus(int status);
    // The most recent API requests with their headers (Authorization too) and bodies, oldest first; at most the
    // last 200 are kept, and fewer when their bodies pass 8 MiB in all (demoDeliveries() likewise, 1000). Requests
    // refused from their head (bad key) are kept without a body. In memory only, never logged.
    QList<ReceivedRequest> receivedRequests() const;

signals:
    void requestHandled(const QByteArray& method, const QString& path, int status);

private:
    class Private;
    std::unique_ptr<Private> d;
};
