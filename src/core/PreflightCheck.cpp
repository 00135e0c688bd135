#include "PreflightCheck.h"

#include "DeliveryRequest.h"
#include "Signature.h"
#include "UrlPolicy.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace {

const QByteArray kUserAgent = QByteArrayLiteral("daily-webhooks/" DW_VERSION " (pre-flight check)");

bool isPrivateAddress(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps IPv4-mapped IPv6 addresses
    if (isV4) {
        const QHostAddress mapped(v4);
        // QHostAddress::isPrivateUse() is Qt 6.6; these are RFC 1918, link-local, CGNAT and "this network".
        static const QList<QPair<QHostAddress, int>> ranges {
            QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
            QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
            QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")),
            QHostAddress::parseSubnet(QStringLiteral("169.254.0.0/16")),
            QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")),
            QHostAddress::parseSubnet(QStringLiteral("0.0.0.0/8")),
        };
        for (const auto& range : ranges) {
            if (mapped.isInSubnet(range))
                return true;
        }
        return false;
    }
    return address.isLinkLocal() || address.isUniqueLocalUnicast() || address.isSiteLocal()
        || address == QHostAddress(QHostAddress::AnyIPv6);
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return PreflightCheck::tr("%1 ms").arg(ms);
    return PreflightCheck::tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'g', 3));
}

} // namespace

PreflightCheck::PreflightCheck(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    Q_ASSERT(m_manager);
    m_timer.setSingleShot(true);
    // The limit is what is being judged; a coarse timer may fire up to 5 % early.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

PreflightCheck::~PreflightCheck()
{
    abandon();
}

QString PreflightCheck::unreachableReason(const QUrl& url)
{
    const QString host = url.host().toLower();
    if (host.isEmpty())
        return {};
    if (UrlPolicy::isLoopbackHost(host) || host.endsWith(QLatin1String(".localhost")))
        return tr("this machine");
    const QHostAddress address(host);
    if (!address.isNull())
        return isPrivateAddress(address) ? tr("a private network address") : QString();
    // Names that only a local resolver answers: mDNS, the home and private-use suffixes, and single labels.
    static const QStringList localSuffixes {
        QStringLiteral(".local"), QStringLiteral(".lan"), QStringLiteral(".internal"), QStringLiteral(".home.arpa")};
    for (const QString& suffix : localSuffixes) {
        if (host.endsWith(suffix))
            return tr("a name only your local network knows");
    }
    if (!host.contains(QLatin1Char('.')))
        return tr("a name only your local network knows");
    return {};
}

PreflightResult PreflightCheck::judged(PreflightResult r, int timeoutMs)
{
    r.reachableByDaily = unreachableReason(r.url).isEmpty();
    r.wouldAccept = !r.cancelled && !r.timedOut && !r.secretRejected && r.httpStatus == 200;

    QString main;
    if (r.cancelled) {
        main = tr("The check was cancelled before the URL answered");
    } else if (r.timedOut) {
        main = tr("No complete answer arrived within %1, so Daily would give up and refuse the webhook")
                   .arg(durationText(timeoutMs));
    } else if (r.secretRejected) {
        main = tr("Daily would refuse this HMAC secret before pinging, because it is not valid base64");
    } else if (r.httpStatus == 0 && !r.tlsProblems.isEmpty()) {
        main = tr("The secure connection failed (%1), and Daily would fail the same way")
                   .arg(r.tlsProblems.join(QStringLiteral("; ")));
    } else if (r.httpStatus == 0) {
        main = tr("The URL gave no HTTP answer (%1), so Daily would refuse the webhook").arg(r.networkErrorText);
    } else if (r.httpStatus >= 300 && r.httpStatus < 400) {
        main = r.redirectLocation.isEmpty()
            ? tr("The URL answered with a redirect (HTTP %1), but Daily needs a 200 from the URL itself")
                  .arg(r.httpStatus)
            : tr("The URL redirects (HTTP %1) to %2, but Daily needs a 200 from the URL itself, so enter the final "
                 "address instead")
                  .arg(r.httpStatus)
                  .arg(r.redirectLocation);
    } else if (r.httpStatus != 200) {
        main = tr("The URL answered HTTP %1, and Daily accepts only 200").arg(r.httpStatus);
    } else if (r.reachableByDaily) {
        main = tr("The URL answered 200 in %1, so Daily would accept it").arg(durationText(r.latencyMs));
    } else {
        main = tr("The URL answered 200 in %1, so it would pass here, but Daily cannot reach %2")
                   .arg(durationText(r.latencyMs), unreachableReason(r.url));
    }

    QStringList notes;
    if (!r.cancelled && !r.reachableByDaily && r.httpStatus != 200)
        notes << tr("besides, Daily cannot reach %1").arg(unreachableReason(r.url));
    if (!r.cancelled && !r.secretRejected && !r.signedPing)
        notes << tr("the ping went out unsigned because no HMAC secret was given, while Daily signs it with the "
                    "webhook's secret");
    if (!r.cancelled && r.secretRejected)
        notes << tr("the ping went out unsigned");
    notes.prepend(main);
    r.verdict = notes.join(QStringLiteral("; ")) + QLatin1Char('.');
    return r;
}

void PreflightCheck::start(const QUrl& url, const QString& hmacBase64, const QString& basicAuth, int timeoutMs)
{
    abandon();
    m_result = PreflightResult();
    m_result.url = url;
    m_result.signedPing = Signature::isValidBase64(hmacBase64);
    m_result.secretRejected = !hmacBase64.isEmpty() && !m_result.signedPing;
    m_timeoutMs = timeoutMs;

    const DeliveryRequest ping
        = DeliveryRequest::ping(url, hmacBase64, basicAuth, DeliveryRequest::timestampNow(), kUserAgent);
    m_clock.start();
    m_reply = m_manager->post(ping.toNetworkRequest(), ping.body);
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { collectBody(reply); });
    connect(m_reply, &QNetworkReply::finished, this, &PreflightCheck::onFinished);
#if QT_CONFIG(ssl)
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        // Not ignored: Daily's verifier rejects what the system's trust store rejects.
        for (const QSslError& error : errors)
            m_result.tlsProblems << error.errorString();
    });
#endif
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);
}

void PreflightCheck::cancel()
{
    if (!m_reply)
        return;
    m_result.cancelled = true;
    m_reply->abort();
}

void PreflightCheck::abandon()
{
    m_timer.stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void PreflightCheck::collectBody(QNetworkReply* reply)
{
    // Keep the start for the details view and drain the rest, so a huge answer costs no memory.
    const QByteArray chunk = reply->readAll();
    m_result.responseBytes += chunk.size();
    const qsizetype room = PreflightResult::MaxBodyBytes - m_result.responseBody.size();
    if (room > 0)
        m_result.responseBody += chunk.left(room);
}

void PreflightCheck::onFinished()
{
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    if (reply->isOpen())
        collectBody(reply);
    PreflightResult result = m_result;
    result.latencyMs = m_clock.elapsed();
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.httpStatus > 0) {
        result.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
            ? QStringLiteral("HTTP/2")
            : QStringLiteral("HTTP/1.1");
    }
    if (result.httpStatus >= 300 && result.httpStatus < 400) {
        const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
        if (!location.isEmpty())
            result.redirectLocation = result.url.resolved(QUrl::fromEncoded(location)).toString();
    }
    if (result.cancelled) {
        result.networkError = QNetworkReply::OperationCanceledError;
        result.networkErrorText = tr("Cancelled");
    } else if (result.timedOut) {
        result.networkError = QNetworkReply::TimeoutError;
        result.networkErrorText = tr("No answer within %1").arg(durationText(m_timeoutMs));
    } else if (result.httpStatus == 0) {
        result.networkError = reply->error();
        result.networkErrorText = reply->errorString();
        // A handshake can fail without sslErrors() (no shared protocol or cipher); it is a TLS problem all the same.
        if (result.networkError == QNetworkReply::SslHandshakeFailedError && result.tlsProblems.isEmpty())
            result.tlsProblems << result.networkErrorText;
    }
    reply->deleteLater();
    emit finished(judged(result, m_timeoutMs));
}
