#pragma once

#include "DailyCall.h"
#include "DomainTarget.h"

#include <QObject>

#include <optional>

class QNetworkAccessManager;
class WebhookDraft;

// One method per webhook endpoint of Daily's REST API. The network manager is injected; every call has a
// transfer timeout and can be cancelled through the DailyCall it returns. Connect to DailyCall::finished
// with a context object so a closed window never receives a late result.
class DailyClient : public QObject
{
    Q_OBJECT

public:
    // Daily waits up to several seconds for the ping to the webhook URL, so the default leaves room for it.
    static constexpr int DefaultTimeoutMs = 30000;

    explicit DailyClient(QNetworkAccessManager* manager, QObject* parent = nullptr);

    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }

    DailyCall* createWebhook(const DomainTarget& target, const WebhookDraft& draft);
    DailyCall* listWebhooks(const DomainTarget& target);
    DailyCall* getWebhook(const DomainTarget& target, const QString& uuid);
    DailyCall* updateWebhook(const DomainTarget& target, const QString& uuid, const WebhookDraft& draft);
    DailyCall* deleteWebhook(const DomainTarget& target, const QString& uuid);

    // Why a call to `target` must not be sent at all (no key, a key a header cannot carry, a base URL that breaks
    // UrlPolicy's rule), or nothing when it may go.
    static std::optional<ApiError> refusalFor(const DomainTarget& target);

signals:
    // Every call as it starts (for a request log); its finished() follows.
    void callStarted(DailyCall* call);

private:
    DailyCall* start(const DomainTarget& target, ApiRequest request, DailyCall::Expect expect);

    QNetworkAccessManager* m_manager;
    int m_timeoutMs = DefaultTimeoutMs;
};
