#pragma once

#include "DeliveryRequest.h"

#include <QObject>

class PendingDelivery;
class QNetworkAccessManager;

// Sends what Daily sends to a webhook URL (a DeliveryRequest: a test event now, a replay or a forward later)
// with the injected QNetworkAccessManager, and answers with a DeliveryResult value through the PendingDelivery it
// returns: status, latency, the answer's start (Limits::MaxDeliveryAnswerBytes, the rest not read), or why no
// answer came. Redirects are never followed (the signature and the Basic credential stay with the URL they were
// meant for), certificate problems never ignored, and every send ends within the timeout.
//
// Its own class, not an operation of WebhookOperations: those are Daily's API verbs on a DomainTarget, with its
// key, domain states and audit log; a delivery goes to the webhook's own URL, needs none of them, and is also sent
// where no domain exists (any URL, the receiver's replay and forward). A front end that starts from a domain asks
// WebhookOperations for the webhook (its URL and secrets) and hands the request to this.
class DeliverySender : public QObject
{
    Q_OBJECT

public:
    // Daily's documented limit for its verification ping is "a few seconds", observed 8 s; its delivery timeout is
    // not documented. A person testing an endpoint by hand wants an answer rather than an early give-up.
    static constexpr int DefaultTimeoutMs = 15000;

    explicit DeliverySender(QNetworkAccessManager* manager, QObject* parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    // Sends `request` unless its URL breaks the webhook-URL rule (UrlPolicy::webhookUrlProblem: https, or http
    // to this machine only, no credentials); then nothing is sent and the result says why. The PendingDelivery is
    // a child of this sender and deletes itself after finished(). A request with an exactTarget (a forward, a
    // replay) goes out byte for byte through ExactHttpExchange, with the same rule, bound and timeout.
    PendingDelivery* send(const DeliveryRequest& request);

private:
    QNetworkAccessManager* m_manager;
    int m_timeoutMs = DefaultTimeoutMs;
};
