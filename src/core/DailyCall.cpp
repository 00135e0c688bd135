#include "DailyCall.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>

DailyCall::DailyCall(QNetworkAccessManager* manager, ApiRequest request, Expect expect, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_expect(expect)
    , m_timeoutMs(timeoutMs)
{
    m_clock.start();
    QByteArray body = m_request.body;
    m_reply = manager->sendCustomRequest(m_request.toNetworkRequest(), m_request.method, body);
    connect(m_reply, &QNetworkReply::finished, this, &DailyCall::onReplyFinished);

    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
    if (m_timeoutMs > 0)
        m_timeout.start(m_timeoutMs);
}

DailyCall::DailyCall(ApiRequest request, const ApiError& error, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_expect(Expect::Nothing)
    , m_timeoutMs(0)
{
    m_clock.start();
    ApiResult result;
    result.error = error;
    QTimer::singleShot(0, this, [this, result] { finish(result); });
}

DailyCall::~DailyCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void DailyCall::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
    else
        finish(ApiResult {ApiError::cancelled(), 0, {}, m_clock.elapsed(), std::nullopt, {}});
}

void DailyCall::onReplyFinished()
{
    QNetworkReply* reply = m_reply;
    m_timeout.stop();
    ApiResult result;
    result.elapsedMs = m_clock.elapsed();
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted reply (timeout, cancel) is closed already; reading it would only print a warning.
    result.body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError networkError = reply->error();
    const QString networkDetail = reply->errorString();
    m_reply = nullptr;
    reply->deleteLater();

    if (m_cancelled) {
        result.error = ApiError::cancelled();
    } else if (m_timedOut) {
        result.error = ApiError::timeout((m_timeoutMs + 999) / 1000);
    } else if (result.httpStatus == 0) {
        result.error = ApiError::fromNetwork(networkError, networkDetail);
    } else if (result.httpStatus < 200 || result.httpStatus >= 300) {
        result.error = ApiError::fromHttp(result.httpStatus, result.body);
    } else if (m_expect != Expect::Nothing) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            result.error = ApiError::invalidResponse(result.httpStatus, result.body, parseError.errorString());
        } else if (m_expect == Expect::Webhook) {
            result.webhook = WebhookJson::parseSingle(document);
            if (!result.webhook)
                result.error = ApiError::invalidResponse(
                    result.httpStatus, result.body, QStringLiteral("expected a webhook object"));
        } else {
            const auto list = WebhookJson::parseList(document);
            if (list)
                result.webhooks = *list;
            else
                result.error = ApiError::invalidResponse(
                    result.httpStatus, result.body, QStringLiteral("expected an array of webhooks"));
        }
    }
    finish(std::move(result));
}

void DailyCall::finish(ApiResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(result);
    deleteLater();
}
