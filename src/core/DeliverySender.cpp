#include "DeliverySender.h"

#include "DeliveryResult.h"
#include "ExactHttpExchange.h"
#include "PendingDelivery.h"
#include "UrlPolicy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

DeliverySender::DeliverySender(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    Q_ASSERT(m_manager);
}

PendingDelivery* DeliverySender::send(const DeliveryRequest& request)
{
    DeliveryResult result;
    result.url = request.url;
    result.signedRequest = !request.header(QByteArrayLiteral("X-Webhook-Signature")).isEmpty();
    const QString problem = UrlPolicy::webhookUrlProblem(request.url.toString(QUrl::FullyEncoded));
    if (!problem.isEmpty()) {
        result.failure = DeliveryResult::Failure::UrlRefused;
        result.failureText = problem;
        return new PendingDelivery(result, this);
    }
    if (!request.exactTarget.isEmpty())
        return new PendingDelivery(new ExactHttpExchange(request, result, m_timeoutMs), this);
    QNetworkReply* reply = m_manager->post(request.toNetworkRequest(), request.body);
    return new PendingDelivery(reply, result, m_timeoutMs, this);
}
