#include "DailyClient.h"

#include "Domain.h"
#include "UrlPolicy.h"
#include "WebhookDraft.h"

#include <QNetworkAccessManager>
#include <QTimer>

DailyClient::DailyClient(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    Q_ASSERT(m_manager);
}

std::optional<ApiError> DailyClient::refusalFor(const DomainTarget& target)
{
    // Without a key Daily would only answer authorization-header-error; say so without sending anything.
    if (target.apiKey.trimmed().isEmpty())
        return ApiError::missingApiKey();
    if (const QString problem = Domain::apiKeyProblem(target.apiKey); !problem.isEmpty())
        return ApiError::invalidApiKey(problem);
    if (target.apiKey != target.apiKey.trimmed())
        return ApiError::invalidApiKey(tr("it has spaces or line breaks around it."));
    if (const QString problem = UrlPolicy::apiBaseProblem(target.baseUrl); !problem.isEmpty())
        return ApiError::unsafeBaseUrl(problem);
    return std::nullopt;
}

DailyCall* DailyClient::start(const DomainTarget& target, ApiRequest request, DailyCall::Expect expect)
{
    // Every entry point checks keys and base URLs already; this is the last line, so that no path, present or
    // future, can put a key in a header it would split or send it where the rule forbids.
    DailyCall* call = nullptr;
    if (const std::optional<ApiError> refusal = refusalFor(target))
        call = new DailyCall(target, std::move(request), *refusal, this);
    else
        call = new DailyCall(m_manager, target, std::move(request), expect, m_timeoutMs, this);
    emit callStarted(call);
    return call;
}

DailyCall* DailyClient::createWebhook(const DomainTarget& target, const WebhookDraft& draft)
{
    return start(target, ApiRequest::createWebhook(target.baseUrl, target.apiKey, draft), DailyCall::Expect::Webhook);
}

DailyCall* DailyClient::listWebhooks(const DomainTarget& target)
{
    return start(target, ApiRequest::listWebhooks(target.baseUrl, target.apiKey), DailyCall::Expect::WebhookList);
}

DailyCall* DailyClient::getWebhook(const DomainTarget& target, const QString& uuid)
{
    return start(target, ApiRequest::getWebhook(target.baseUrl, target.apiKey, uuid), DailyCall::Expect::Webhook);
}

DailyCall* DailyClient::updateWebhook(const DomainTarget& target, const QString& uuid, const WebhookDraft& draft)
{
    return start(
        target, ApiRequest::updateWebhook(target.baseUrl, target.apiKey, uuid, draft), DailyCall::Expect::Webhook);
}

DailyCall* DailyClient::deleteWebhook(const DomainTarget& target, const QString& uuid)
{
    return start(target, ApiRequest::deleteWebhook(target.baseUrl, target.apiKey, uuid), DailyCall::Expect::Nothing);
}
