#include "DeliveryReplay.h"

#include "Signature.h"
#include "UrlPolicy.h"

namespace {

bool isAuthorization(const QByteArray& name)
{
    return name.compare("Authorization", Qt::CaseInsensitive) == 0;
}

} // namespace

QString DeliveryReplay::problem(const StoredDelivery& d)
{
    const QString because = d.problem.isEmpty() ? QString() : tr(" (%1)").arg(d.problem);
    if (d.method.isEmpty())
        return tr("Delivery %1 cannot be replayed: its request line could not be read%2, so there is no method, "
                  "path or body to send.")
            .arg(d.id)
            .arg(because);
    // The gate answers 413, 411, 408 and its like from the head alone; the body of such a request is never read.
    if (!d.problem.isEmpty() || d.body.size() != d.bodySize)
        return tr("Delivery %1 cannot be replayed: the receiver refused it with %2%3 before reading its body, so "
                  "its body was never stored.")
            .arg(d.id)
            .arg(d.status)
            .arg(because);
    return {};
}

DeliveryReplay::Result DeliveryReplay::asReceived(
    const StoredDelivery& delivery, const QUrl& url, const QByteArray& authorization)
{
    Result result;
    result.problem = problem(delivery);
    if (result.problem.isEmpty()) {
        if (const QString refused = UrlPolicy::forwardUrlProblem(url.toString()); !refused.isEmpty())
            result.problem = tr("%1: %2").arg(url.toString(), refused);
    }
    if (!result.ok())
        return result;

    const HttpHeaders::List stored = delivery.headerList();
    result.request = DeliveryRequest::forwarded(url, delivery.method, delivery.target, stored, delivery.body);
    HttpHeaders::List& fields = result.request.headers;
    const bool had = HttpHeaders::count(fields, "Authorization") > 0;
    if (had && !authorization.isEmpty()) {
        // Every Authorization field was stored redacted; each takes the given value, in its place.
        for (auto& field : fields) {
            if (isAuthorization(field.first))
                field.second = authorization;
        }
        result.authorization = Authorization::Restored;
    } else if (had) {
        fields.removeIf([](const QPair<QByteArray, QByteArray>& field) { return isAuthorization(field.first); });
        result.authorization = Authorization::Dropped;
    } else if (!authorization.isEmpty()) {
        fields.append({QByteArrayLiteral("Authorization"), authorization});
        result.authorization = Authorization::Added;
    }
    return result;
}

DeliveryReplay::Result DeliveryReplay::resigned(const StoredDelivery& delivery, const QUrl& url,
    const QString& hmacBase64, const QByteArray& authorization, const QByteArray& timestamp)
{
    Result result = asReceived(delivery, url, authorization);
    if (!result.ok())
        return result;
    if (!Signature::isValidBase64(hmacBase64)) {
        result.problem = hmacBase64.isEmpty() ? tr("A re-signed replay needs the HMAC secret to sign with.")
                                              : tr("The HMAC secret is not base64, as Daily's secrets are.");
        result.request = {};
        return result;
    }
    result.request.sign(hmacBase64, timestamp);
    return result;
}

QString DeliveryReplay::targetUrl(const DeliveryRequest& request)
{
    const QByteArray origin
        = request.url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    return QString::fromLatin1(origin + request.exactTarget);
}

QString DeliveryReplay::authorizationName(Authorization authorization)
{
    switch (authorization) {
    case Authorization::None:
        return QStringLiteral("none");
    case Authorization::Restored:
        return QStringLiteral("restored");
    case Authorization::Added:
        return QStringLiteral("added");
    case Authorization::Dropped:
        return QStringLiteral("dropped");
    }
    return {};
}

QString DeliveryReplay::authorizationText(Authorization authorization)
{
    switch (authorization) {
    case Authorization::None:
        return {};
    case Authorization::Restored:
        return tr("Authorization sent with the value given, in place of the one stored redacted.");
    case Authorization::Added:
        return tr("Authorization added with the value given; the delivery arrived without one.");
    case Authorization::Dropped:
        return tr("Authorization left out: the delivery had one, but the store keeps it redacted and no value was "
                  "given.");
    }
    return {};
}
