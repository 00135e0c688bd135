#include "ApiRequest.h"

#include "HttpHeaders.h"
#include "WebhookDraft.h"

#include <QNetworkRequest>

namespace {

const QByteArray kUserAgent = QByteArrayLiteral("daily-webhooks/" DW_VERSION);

ApiRequest make(
    const QUrl& base, const QString& apiKey, const QByteArray& method, const QString& path, const QByteArray& body = {})
{
    ApiRequest r;
    r.method = method;
    r.url = ApiRequest::endpoint(base, path);
    r.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + apiKey.toUtf8()});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    // Uncompressed, so the Content-Length the server announces is what must arrive (a cut answer shows) and the
    // size limit applies to what is really kept in memory.
    r.headers.append({QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity")});
    r.headers.append({QByteArrayLiteral("User-Agent"), kUserAgent});
    if (method == "POST")
        r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = body;
    return r;
}

QString webhookPath(const QString& uuid)
{
    return QStringLiteral("webhooks/") + QString::fromLatin1(QUrl::toPercentEncoding(uuid));
}

} // namespace

QUrl ApiRequest::endpoint(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = url.path(QUrl::FullyEncoded);
    if (!basePath.endsWith(QLatin1Char('/')))
        basePath += QLatin1Char('/');
    url.setPath(basePath + path, QUrl::TolerantMode);
    return url;
}

QByteArray ApiRequest::header(const QByteArray& name) const
{
    return HttpHeaders::value(headers, name);
}

QNetworkRequest ApiRequest::toNetworkRequest() const
{
    QNetworkRequest request(url);
    for (const auto& [key, value] : headers)
        request.setRawHeader(key, value);
    // Daily's API is HTTP/1.1; asking for HTTP/2 would gain nothing for one small request.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // A redirect is never followed: Qt would replay the Authorization header (and a POST body with the webhook's
    // secrets) to whatever host the Location names. DailyCall reports a 3xx as an error instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

ApiRequest ApiRequest::createWebhook(const QUrl& base, const QString& apiKey, const WebhookDraft& draft)
{
    return make(base, apiKey, "POST", QStringLiteral("webhooks"), draft.toJsonBytes());
}

ApiRequest ApiRequest::listWebhooks(const QUrl& base, const QString& apiKey)
{
    return make(base, apiKey, "GET", QStringLiteral("webhooks"));
}

ApiRequest ApiRequest::getWebhook(const QUrl& base, const QString& apiKey, const QString& uuid)
{
    return make(base, apiKey, "GET", webhookPath(uuid));
}

ApiRequest ApiRequest::updateWebhook(
    const QUrl& base, const QString& apiKey, const QString& uuid, const WebhookDraft& draft)
{
    return make(base, apiKey, "POST", webhookPath(uuid), draft.toJsonBytes());
}

ApiRequest ApiRequest::deleteWebhook(const QUrl& base, const QString& apiKey, const QString& uuid)
{
    return make(base, apiKey, "DELETE", webhookPath(uuid));
}
