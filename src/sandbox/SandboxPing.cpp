#include "SandboxPing.h"

#include "Signature.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

QByteArray SandboxPing::body()
{
    return QByteArrayLiteral("{\"test\":\"test\"}");
}

QByteArray SandboxPing::userAgent()
{
    return QByteArrayLiteral("daily-webhooks-sandbox");
}

QNetworkRequest SandboxPing::buildRequest(
    const QUrl& url, const QString& hmac, const QString& basicAuth, const QByteArray& timestamp)
{
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), userAgent());
    request.setRawHeader(QByteArrayLiteral("X-Webhook-Timestamp"), timestamp);
    request.setRawHeader(QByteArrayLiteral("X-Webhook-Signature"), Signature::sign(hmac, timestamp, body()));
    // Daily's docs say it sends "Basic {secret}"; sending the stored value unchanged is the reading least likely
    // to surprise (the app stores base64 of user:password there).
    if (!basicAuth.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + basicAuth.toUtf8());
    // Daily's verifier speaks HTTP/1.1 only and was seen failing against HTTP/2 endpoints.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // Whether Daily follows redirects is unknown; not following them makes a redirect an honest failure.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

SandboxPing::SandboxPing(QNetworkAccessManager* manager, const QUrl& url, const QString& hmac, const QString& basicAuth,
    int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_url(url)
    , m_hmac(hmac)
    , m_basicAuth(basicAuth)
    , m_timeoutMs(timeoutMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_reply)
            m_reply->abort();
    });
}

SandboxPing::~SandboxPing()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void SandboxPing::start()
{
    const QByteArray timestamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    m_reply = m_manager->post(buildRequest(m_url, m_hmac, m_basicAuth, timestamp), body());
    connect(m_reply, &QNetworkReply::finished, this, &SandboxPing::onReplyFinished);
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);
}

void SandboxPing::onReplyFinished()
{
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    // An aborted reply can still carry a status if the headers had arrived; Daily would not have counted that.
    const bool aborted = reply->error() == QNetworkReply::OperationCanceledError;
    const int status = aborted ? 0 : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    emit finished(status);
    deleteLater();
}
