#include "SandboxPing.h"

#include "DeliveryRequest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

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
    const DeliveryRequest ping = DeliveryRequest::ping(
        m_url, m_hmac, m_basicAuth, DeliveryRequest::timestampNow(), QByteArrayLiteral("daily-webhooks-sandbox"));
    m_reply = m_manager->post(ping.toNetworkRequest(), ping.body);
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
