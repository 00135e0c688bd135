#include "DailyCall.h"

#include "Limits.h"
#include "WebhookFields.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

namespace {

bool hasUuid(const Webhook& webhook)
{
    return webhook.fieldStatus(WebhookFields::Uuid) == Webhook::FieldStatus::Present
        && !webhook.uuid.trimmed().isEmpty();
}

} // namespace

DailyCall::DailyCall(QNetworkAccessManager* manager, DomainTarget target, ApiRequest request, Expect expect,
    int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_request(std::move(request))
    , m_expect(expect)
    , m_timeoutMs(timeoutMs)
{
    m_clock.start();
    QByteArray body = m_request.body;
    m_reply = manager->sendCustomRequest(m_request.toNetworkRequest(), m_request.method, body);
    // Qt reads no further ahead of us than this, so memory follows what we accept, never what the server sends.
    m_reply->setReadBufferSize(64 * 1024);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &DailyCall::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &DailyCall::onReadyRead);
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

DailyCall::DailyCall(DomainTarget target, ApiRequest request, const ApiError& error, QObject* parent)
    : QObject(parent)
    , m_target(std::move(target))
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

void DailyCall::onMetaDataChanged()
{
    // An announced size over the limit is refused before a byte of the body is read.
    const QVariant announced = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (announced.isValid() && announced.toLongLong() > Limits::MaxApiAnswerBytes) {
        m_tooLarge = true;
        m_reply->abort();
    }
}

void DailyCall::onReadyRead()
{
    if (m_tooLarge || !m_reply || !m_reply->isOpen())
        return;
    const qint64 room = Limits::MaxApiAnswerBytes - m_body.size();
    const qint64 available = m_reply->bytesAvailable();
    if (available > room) {
        m_tooLarge = true;
        m_reply->abort();
        return;
    }
    m_body += m_reply->read(available);
}

void DailyCall::onReplyFinished()
{
    QNetworkReply* reply = m_reply;
    m_timeout.stop();
    onReadyRead();
    ApiResult result;
    result.elapsedMs = m_clock.elapsed();
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = m_body;
    const QNetworkReply::NetworkError networkError = reply->error();
    const QString networkDetail = reply->errorString();
    const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
    const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
    m_reply = nullptr;
    reply->deleteLater();

    if (m_cancelled) {
        result.error = ApiError::cancelled();
    } else if (m_timedOut) {
        result.error = ApiError::timeout((m_timeoutMs + 999) / 1000);
    } else if (m_tooLarge) {
        result.error = ApiError::answerTooLarge(result.httpStatus, Limits::MaxApiAnswerBytes);
        result.body.clear();
    } else if (result.httpStatus >= 300 && result.httpStatus < 400) {
        // Never followed: the key and the body belong to the API base URL the user chose, and nowhere else.
        const QString target = location.isEmpty()
            ? QString()
            : m_request.url.resolved(QUrl::fromEncoded(location.left(2048))).toString(QUrl::RemoveUserInfo);
        result.error = ApiError::redirected(result.httpStatus, m_request.url, target);
    } else if (result.httpStatus == 0) {
        result.error = ApiError::fromNetwork(networkError, networkDetail);
    } else if (announced.isValid() && result.body.size() < announced.toLongLong()) {
        result.error = ApiError::answerIncomplete(result.httpStatus, result.body.size(), announced.toLongLong());
    } else if (networkError > QNetworkReply::NoError && networkError < QNetworkReply::ProxyConnectionRefusedError) {
        // The status line arrived, then the connection broke (e.g. a chunked body cut short).
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
            if (!result.webhook) {
                result.error = ApiError::invalidResponse(
                    result.httpStatus, result.body, QStringLiteral("expected a webhook object"));
            } else if (!hasUuid(*result.webhook)) {
                // Without its uuid a webhook cannot be read, changed or deleted: no success can be claimed.
                result.error = ApiError::invalidResponse(
                    result.httpStatus, result.body, QStringLiteral("the webhook in the answer has no uuid"));
                result.webhook.reset();
            }
        } else {
            const auto list = WebhookJson::parseList(document);
            if (!list) {
                result.error = ApiError::invalidResponse(
                    result.httpStatus, result.body, QStringLiteral("expected an array of webhooks"));
            } else if (!std::all_of(list->cbegin(), list->cend(), hasUuid)) {
                result.error = ApiError::invalidResponse(
                    result.httpStatus, result.body, QStringLiteral("a webhook in the answer has no uuid"));
            } else {
                result.webhooks = *list;
            }
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
