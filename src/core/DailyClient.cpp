#include "DailyClient.h"

#include "WebhookDraft.h"

#include <QNetworkAccessManager>
#include <QTimer>

DailyClient::DailyClient(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    Q_ASSERT(m_manager);
}

DailyCall* DailyClient::start(const ApiTarget& target, ApiRequest request, DailyCall::Expect expect)
{
    // Without a key Daily would only answer authorization-header-error; say so without sending anything.
    const bool hasKey = !target.apiKey.trimmed().isEmpty();
    auto* call = hasKey ? new DailyCall(m_manager, std::move(request), expect, m_timeoutMs, this)
                        : new DailyCall(std::move(request), ApiError::missingApiKey(), this);
    emit callStarted(call);
    return call;
}

DailyCall* DailyClient::createWebhook(const ApiTarget& target, const WebhookDraft& draft)
{
    return start(target, ApiRequest::createWebhook(target, draft), DailyCall::Expect::Webhook);
}

DailyCall* DailyClient::listWebhooks(const ApiTarget& target)
{
    return start(target, ApiRequest::listWebhooks(target), DailyCall::Expect::WebhookList);
}

DailyCall* DailyClient::getWebhook(const ApiTarget& target, const QString& uuid)
{
    return start(target, ApiRequest::getWebhook(target, uuid), DailyCall::Expect::Webhook);
}

DailyCall* DailyClient::updateWebhook(const ApiTarget& target, const QString& uuid, const WebhookDraft& draft)
{
    return start(target, ApiRequest::updateWebhook(target, uuid, draft), DailyCall::Expect::Webhook);
}

DailyCall* DailyClient::deleteWebhook(const ApiTarget& target, const QString& uuid)
{
    return start(target, ApiRequest::deleteWebhook(target, uuid), DailyCall::Expect::Nothing);
}
