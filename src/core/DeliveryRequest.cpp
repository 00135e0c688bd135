#include "DeliveryRequest.h"

#include "HttpHeaders.h"
#include "Signature.h"

#include <QDateTime>
#include <QNetworkRequest>

QByteArray DeliveryRequest::header(const QByteArray& name) const
{
    return HttpHeaders::value(headers, name);
}

namespace {

// Sets the first field named `name` (in any case; its spelling kept) to `value` and removes the others of that
// name; appends the field when there was none. An empty `value` removes every field of that name.
void setField(HttpHeaders::List* fields, const QByteArray& name, const QByteArray& value)
{
    bool written = false;
    for (qsizetype i = 0; i < fields->size();) {
        auto& field = (*fields)[i];
        if (field.first.compare(name, Qt::CaseInsensitive) != 0) {
            ++i;
        } else if (!written && !value.isEmpty()) {
            field.second = value;
            written = true;
            ++i;
        } else {
            fields->removeAt(i);
        }
    }
    if (!written && !value.isEmpty())
        fields->append({name, value});
}

} // namespace

void DeliveryRequest::sign(const QString& hmacBase64, const QByteArray& timestamp)
{
    setField(&headers, QByteArrayLiteral("X-Webhook-Timestamp"), timestamp);
    const QByteArray signature
        = Signature::isValidBase64(hmacBase64) ? Signature::sign(hmacBase64, timestamp, body) : QByteArray();
    setField(&headers, QByteArrayLiteral("X-Webhook-Signature"), signature);
}

QNetworkRequest DeliveryRequest::toNetworkRequest() const
{
    QNetworkRequest request(url);
    for (const auto& [key, value] : headers)
        request.setRawHeader(key, value);
    // Daily's verifier speaks HTTP/1.1 only and was seen failing against HTTP/2 endpoints.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // Daily wants a 200 from the URL itself; following a redirect could pass a URL that Daily refuses, and would
    // hand the signature and the Basic credential to whatever host the Location names.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::ConnectionCacheExpiryTimeoutSecondsAttribute, 0);
    return request;
}

QByteArray DeliveryRequest::pingBody()
{
    return QByteArrayLiteral("{\"test\":\"test\"}");
}

QByteArray DeliveryRequest::timestampNow()
{
    return QByteArray::number(QDateTime::currentMSecsSinceEpoch());
}

DeliveryRequest DeliveryRequest::signedPost(const QUrl& url, const QByteArray& body, const QString& hmacBase64,
    const QString& basicAuth, const QByteArray& timestamp, const QByteArray& userAgent)
{
    DeliveryRequest r;
    r.url = url;
    r.body = body;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.headers.append({QByteArrayLiteral("User-Agent"), userAgent});
    r.sign(hmacBase64, timestamp);
    if (!basicAuth.isEmpty())
        r.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + basicAuth.toUtf8()});
    return r;
}

DeliveryRequest DeliveryRequest::ping(const QUrl& url, const QString& hmacBase64, const QString& basicAuth,
    const QByteArray& timestamp, const QByteArray& userAgent)
{
    return signedPost(url, pingBody(), hmacBase64, basicAuth, timestamp, userAgent);
}

QByteArray DeliveryRequest::forwardTarget(const QUrl& forwardUrl, const QByteArray& incomingTarget)
{
    QByteArray base = forwardUrl.path(QUrl::FullyEncoded).toLatin1();
    while (base.endsWith('/'))
        base.chop(1);
    QByteArray incoming = incomingTarget;
    if (!incoming.startsWith('/'))
        incoming.prepend('/');
    if (!base.isEmpty() && (incoming == "/" || incoming.startsWith("/?")))
        incoming.remove(0, 1);
    return base + incoming;
}

bool DeliveryRequest::isHopByHop(const QByteArray& name, const HttpHeaders::List& fields)
{
    static const QList<QByteArray> always {"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
        "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Expect"};
    for (const QByteArray& hop : always) {
        if (name.compare(hop, Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const auto& [key, value] : fields) {
        if (key.compare("Connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray& named : value.split(',')) {
            if (name.compare(named.trimmed(), Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

DeliveryRequest DeliveryRequest::forwarded(const QUrl& forwardUrl, const QByteArray& method, const QByteArray& target,
    const HttpHeaders::List& fields, const QByteArray& body)
{
    DeliveryRequest r;
    r.url = forwardUrl;
    r.method = method;
    r.body = body;
    r.exactTarget = forwardTarget(forwardUrl, target);
    for (const auto& field : fields) {
        if (!isHopByHop(field.first, fields))
            r.headers.append(field);
    }
    return r;
}
