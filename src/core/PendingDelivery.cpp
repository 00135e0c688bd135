#include "PendingDelivery.h"

#include "ExactHttpExchange.h"
#include "Limits.h"

#include <QNetworkReply>
#include <QNetworkRequest>

PendingDelivery::PendingDelivery(QNetworkReply* reply, DeliveryResult started, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_reply(reply)
    , m_result(std::move(started))
{
    m_clock.start();
    reply->setParent(this);
    connect(reply, &QNetworkReply::readyRead, this, &PendingDelivery::collect);
    connect(reply, &QNetworkReply::finished, this, &PendingDelivery::onFinished);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
    if (timeoutMs > 0)
        m_timer.start(timeoutMs);
}

PendingDelivery::PendingDelivery(ExactHttpExchange* exchange, QObject* parent)
    : QObject(parent)
    , m_exchange(exchange)
{
    exchange->setParent(this);
    connect(exchange, &ExactHttpExchange::finished, this, [this](const DeliveryResult& result) {
        m_result = result;
        finish();
    });
}

PendingDelivery::PendingDelivery(DeliveryResult refused, QObject* parent)
    : QObject(parent)
    , m_result(std::move(refused))
{
    // Never inside the call that made it: whoever asked connects to finished() first.
    QTimer::singleShot(0, this, [this] { finish(); });
}

PendingDelivery::~PendingDelivery()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void PendingDelivery::cancel()
{
    if (!m_finished && m_exchange)
        return m_exchange->cancel();
    if (m_finished || !m_reply)
        return;
    m_cancelled = true;
    m_reply->abort();
}

void PendingDelivery::collect()
{
    if (!m_reply || m_result.answerCut)
        return;
    const QByteArray chunk = m_reply->readAll();
    m_result.answerBytesRead += chunk.size();
    const qint64 room = Limits::MaxDeliveryAnswerBytes - m_result.answerBody.size();
    m_result.answerBody += chunk.left(room);
    if (m_result.answerBytesRead > Limits::MaxDeliveryAnswerBytes) {
        // The status and the start are what a person needs; an endpoint that sends more is not read further.
        m_result.answerCut = true;
        m_reply->abort();
    }
}

void PendingDelivery::onFinished()
{
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    if (!m_result.answerCut && reply->isOpen())
        collect();
    DeliveryResult& r = m_result;
    r.latencyMs = m_clock.elapsed();
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.answerHeaders = reply->rawHeaderPairs();
    bool hasLength = false;
    const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&hasLength);
    r.announcedBytes = hasLength ? length : -1;
    if (r.httpStatus >= 300 && r.httpStatus < 400) {
        const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
        if (!location.isEmpty())
            r.redirectLocation = r.url.resolved(QUrl::fromEncoded(location)).toString();
    }
    using Failure = DeliveryResult::Failure;
    if (m_cancelled) {
        r.failure = Failure::Cancelled;
        r.failureText = tr("Cancelled before the answer was complete.");
    } else if (m_timedOut) {
        r.failure = Failure::Timeout;
        r.failureText = tr("No complete answer within %1 ms.").arg(m_timer.interval());
    } else if (r.answerCut) {
        // Aborted here on purpose: the answer arrived, only its end was not read.
    } else if (r.httpStatus == 0) {
        // With a status the endpoint did answer, even if its connection ended early; that is its answer.
        switch (reply->error()) {
        case QNetworkReply::ConnectionRefusedError:
            r.failure = Failure::ConnectionRefused;
            break;
        case QNetworkReply::HostNotFoundError:
            r.failure = Failure::HostNotFound;
            break;
        case QNetworkReply::TimeoutError:
            r.failure = Failure::Timeout;
            break;
        case QNetworkReply::SslHandshakeFailedError:
            r.failure = Failure::Tls;
            break;
        default:
            r.failure = Failure::Network;
            break;
        }
        r.failureText = reply->errorString();
        if (!r.failureText.endsWith(QLatin1Char('.')))
            r.failureText += QLatin1Char('.');
    }
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    finish();
}

void PendingDelivery::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(m_result);
    deleteLater();
}
