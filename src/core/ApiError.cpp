#include "ApiError.h"

#include "DisplayText.h"
#include "Limits.h"
#include "WebhookFields.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

// Daily's validation texts name the field in Joi style ("\"url\" is required") or in prose ("invalid hmac"): the
// first field a request can set that the text names, in WebhookFields::writable()'s order. The patterns are compiled
// once: an error body may be mapped many times (a refresh of a thousand domains).
QString fieldNamedIn(const QString& info)
{
    static const QList<QPair<QString, QRegularExpression>> fields = [] {
        QList<QPair<QString, QRegularExpression>> list;
        for (const QString& field : WebhookFields::writable()) {
            list.append({field,
                QRegularExpression(QStringLiteral("(^|[^A-Za-z])%1([^A-Za-z]|$)").arg(field),
                    QRegularExpression::CaseInsensitiveOption)});
        }
        return list;
    }();
    for (const auto& [field, word] : fields) {
        if (word.match(info).hasMatch())
            return field;
    }
    return {};
}

} // namespace

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::VerificationFailed:
        return QStringLiteral("verification-failed");
    case Kind::MissingApiKey:
        return QStringLiteral("missing-api-key");
    case Kind::AuthenticationFailed:
        return QStringLiteral("authentication-failed");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::OneWebhookPerDomain:
        return QStringLiteral("one-webhook-per-domain");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::RequestRejected:
        return QStringLiteral("request-rejected");
    case Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case Kind::Redirected:
        return QStringLiteral("redirected");
    case Kind::AnswerTooLarge:
        return QStringLiteral("answer-too-large");
    case Kind::AnswerIncomplete:
        return QStringLiteral("answer-incomplete");
    case Kind::UnsafeBaseUrl:
        return QStringLiteral("unsafe-base-url");
    case Kind::InvalidApiKey:
        return QStringLiteral("invalid-api-key");
    case Kind::StillNotDelivering:
        return QStringLiteral("still-not-delivering");
    case Kind::HostNotFound:
        return QStringLiteral("host-not-found");
    case Kind::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString ApiError::details() const
{
    QStringList lines;
    lines << tr("Kind: %1").arg(kindName(kind));
    lines << (httpStatus > 0 ? tr("HTTP status: %1").arg(httpStatus) : tr("HTTP status: none (no answer)"));
    if (!dailyError.isEmpty())
        lines << tr("Daily error: %1").arg(dailyError);
    if (!dailyInfo.isEmpty())
        lines << tr("Daily info: %1").arg(dailyInfo);
    if (!networkDetail.isEmpty())
        lines << tr("Network: %1").arg(networkDetail);
    if (!location.isEmpty())
        lines << tr("Redirect to: %1").arg(location);
    if (!rawBody.isEmpty())
        lines << tr("Body:") << shownBody(rawBody);
    return lines.join(QLatin1Char('\n'));
}

QString ApiError::shownBody(const QByteArray& body)
{
    if (body.size() <= Limits::MaxShownBodyBytes)
        return QString::fromUtf8(body);
    // Cut on a character boundary: a UTF-8 sequence split in two would show as a replacement character.
    qsizetype cut = Limits::MaxShownBodyBytes;
    while (cut > 0 && (uchar(body.at(cut)) & 0xC0) == 0x80)
        --cut;
    return QString::fromUtf8(body.left(cut)) + tr("\n[… %1 more bytes not shown]").arg(body.size() - cut);
}

ApiError ApiError::fromHttp(int status, const QByteArray& body)
{
    ApiError e;
    e.httpStatus = status;
    e.rawBody = body;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        // Daily's texts are a line each; a server that sends megabytes gets its first words shown, no more.
        e.dailyError = DisplayText::elided(document.object().value(QStringLiteral("error")).toString(), 200);
        e.dailyInfo = DisplayText::elided(document.object().value(QStringLiteral("info")).toString(), 2000);
    }
    const QString info = e.dailyInfo;

    if (status == 401 || e.dailyError == QLatin1String("authentication-error")) {
        e.kind = Kind::AuthenticationFailed;
        e.message = tr("Daily rejected the API key.");
        e.hint = tr("Check the key in Settings: it must be the API key of this domain, from the Developers page "
                    "of the Daily dashboard.");
    } else if (e.dailyError == QLatin1String("authorization-header-error")) {
        e.kind = Kind::MissingApiKey;
        e.message = tr("Daily did not receive a usable API key.");
        e.hint = tr("Enter your API key in Settings.");
    } else if (status == 403 || e.dailyError == QLatin1String("forbidden-error")) {
        e.kind = Kind::Forbidden;
        e.message = tr("Daily refused the request for this API key.");
        e.hint = tr("Webhooks need a pay-as-you-go account with a credit card on file; check the plan in the "
                    "Daily dashboard.");
    } else if (status == 429 || e.dailyError == QLatin1String("rate-limit-error")) {
        e.kind = Kind::RateLimited;
        e.message = tr("Daily is limiting the rate of requests for this API key.");
        e.hint = tr("Wait a few seconds and try again.");
    } else if (status == 404) {
        e.kind = Kind::NotFound;
        e.message = tr("Daily found no such webhook (HTTP 404).");
        e.hint = tr("It may have been deleted meanwhile; otherwise check the API base URL in Settings.");
    } else if (status >= 500) {
        e.kind = Kind::ServerError;
        e.message = tr("Daily had a problem on its side (HTTP %1).").arg(status);
        e.hint = tr("Nothing was changed by this error. Try again in a minute.");
    } else if (info.contains(QLatin1String("non-200 status code returned from webhook endpoint"))) {
        e.kind = Kind::VerificationFailed;
        e.field = WebhookFields::Url;
        static const QRegularExpression recvd(QStringLiteral("recvd\\s+(\\S+)"));
        const QString got = recvd.match(info).captured(1);
        bool numeric = false;
        const int gotStatus = got.toInt(&numeric);
        if (numeric)
            e.message = tr("Daily could not get a 200 from your URL: it answered %1, so the webhook was not saved.")
                            .arg(gotStatus);
        else
            e.message = tr("Daily could not get a 200 from your URL: no answer arrived in time, so the webhook was "
                           "not saved.");
        e.hint = tr("Make sure the URL answers a POST with HTTP 200 within a few seconds (Daily first sends "
                    "{\"test\":\"test\"}), is reachable from the internet and speaks HTTP/1.1, then try again.");
    } else if (info.contains(QLatin1String("one webhook"), Qt::CaseInsensitive)
        || info.contains(QLatin1String("already has a webhook"), Qt::CaseInsensitive)) {
        e.kind = Kind::OneWebhookPerDomain;
        e.message = tr("This domain already has a webhook, and Daily allows only one per domain.");
        e.hint = tr("Edit the existing webhook instead, or delete it first.");
    } else if (e.dailyError == QLatin1String("json-parsing-error")) {
        e.kind = Kind::RequestRejected;
        e.message = tr("Daily could not read the request.");
        e.hint = tr("This is a bug in Daily Webhooks; please report it with the details below.");
    } else if (status == 400 && (e.dailyError == QLatin1String("invalid-request-error") || e.dailyError.isEmpty())) {
        e.kind = Kind::Validation;
        e.field = fieldNamedIn(info);
        e.message = info.isEmpty() ? tr("Daily rejected the request as invalid.")
                                   : tr("Daily rejected the request: %1.").arg(info);
        e.hint = e.field.isEmpty() ? tr("Check the fields and try again.")
                                   : tr("Correct the highlighted field and try again.");
    } else {
        e.kind = Kind::RequestRejected;
        e.message = tr("Daily rejected the request (HTTP %1).").arg(status);
        e.hint = tr("See the details for Daily's answer.");
    }
    return e;
}

ApiError ApiError::invalidResponse(int status, const QByteArray& body, const QString& why)
{
    ApiError e;
    e.kind = Kind::InvalidResponse;
    e.httpStatus = status;
    e.rawBody = body;
    e.networkDetail = why;
    e.message = tr("The answer was not the JSON Daily sends (HTTP %1).").arg(status);
    e.hint = tr("Check that the API base URL in Settings points at Daily's API, not at a web page or a proxy's "
                "login page.");
    return e;
}

ApiError ApiError::fromNetwork(QNetworkReply::NetworkError error, const QString& detail)
{
    ApiError e;
    e.networkDetail = detail;
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.kind = Kind::HostNotFound;
        e.message = tr("The API host could not be found.");
        e.hint = tr("Check the internet connection and the API base URL in Settings.");
        break;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
        e.kind = Kind::ConnectionRefused;
        e.message = tr("The API server refused or dropped the connection.");
        e.hint = tr("Check the API base URL in Settings; if it is right, try again in a minute.");
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        e.kind = Kind::Tls;
        e.message = tr("The secure (TLS) connection to the API failed.");
        e.hint = tr("Check the system clock and any proxy that intercepts TLS.");
        break;
    case QNetworkReply::TimeoutError:
        e.kind = Kind::Timeout;
        e.message = tr("The API did not answer in time.");
        e.hint = tr("Check the connection and try again.");
        break;
    case QNetworkReply::OperationCanceledError:
        return cancelled();
    default:
        e.kind = Kind::Network;
        e.message = tr("The request could not reach the API.");
        e.hint = tr("Check the internet connection, any proxy, and the API base URL in Settings.");
        break;
    }
    return e;
}

ApiError ApiError::timeout(int seconds)
{
    ApiError e;
    e.kind = Kind::Timeout;
    e.message = tr("No answer from the API within %n second(s).", nullptr, seconds);
    e.hint = tr("Nothing arrived, so the webhook may or may not have been saved: refresh before trying again.");
    return e;
}

ApiError ApiError::cancelled()
{
    ApiError e;
    e.kind = Kind::Cancelled;
    e.message = tr("The request was cancelled.");
    e.hint = tr("If Daily had already received it, the webhook may exist: check before creating it again.");
    return e;
}

ApiError ApiError::missingApiKey()
{
    ApiError e;
    e.kind = Kind::MissingApiKey;
    e.message = tr("No API key is set for this domain.");
    e.hint = tr("Enter your API key in Settings, or start with --sandbox to try the app offline.");
    return e;
}

ApiError ApiError::redirected(int status, const QUrl& requestUrl, const QString& location)
{
    ApiError e;
    e.kind = Kind::Redirected;
    e.httpStatus = status;
    e.location = location;
    const QString origin
        = requestUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
              .toString();
    e.message = location.isEmpty()
        ? tr("The API at %1 answered with a redirect (HTTP %2); nothing was sent anywhere else.")
              .arg(origin)
              .arg(status)
        : tr("The API at %1 answered with a redirect to %2; nothing was sent there.").arg(origin, location);
    e.hint = tr("Check this domain's API base URL: Daily's API does not redirect, so something else answered.");
    return e;
}

ApiError ApiError::answerTooLarge(int status, qint64 limitBytes)
{
    ApiError e;
    e.kind = Kind::AnswerTooLarge;
    e.httpStatus = status;
    e.message = tr("The API's answer was larger than %1 MiB, the most this app reads, so it was not read further.")
                    .arg(limitBytes / (1024 * 1024));
    e.hint = tr("Daily's answers are a few kilobytes: check this domain's API base URL and any proxy in between.");
    return e;
}

ApiError ApiError::answerIncomplete(int status, qint64 received, qint64 announced)
{
    ApiError e;
    e.kind = Kind::AnswerIncomplete;
    e.httpStatus = status;
    e.message
        = tr("The connection closed before the whole answer arrived (%1 of %2 bytes).").arg(received).arg(announced);
    e.hint = tr("Part of an answer proves nothing, so the change may or may not have been made: refresh before "
                "trying again.");
    return e;
}

ApiError ApiError::unsafeBaseUrl(const QString& problem)
{
    ApiError e;
    e.kind = Kind::UnsafeBaseUrl;
    e.message = problem;
    e.hint = tr("Nothing was sent. Correct this domain's API base URL (Domains…, or --api-base and DAILY_API_BASE "
                "for a one-run key).");
    return e;
}

ApiError ApiError::invalidApiKey(const QString& problem)
{
    ApiError e;
    e.kind = Kind::InvalidApiKey;
    e.message = tr("This domain's API key cannot be sent: %1").arg(problem);
    e.hint = tr("Nothing was sent. Replace the key (Domains… › Replace key, or \"domains set-key\" on the command "
                "line).");
    return e;
}

ApiError ApiError::stillNotDelivering(const QString& state)
{
    ApiError e;
    e.kind = Kind::StillNotDelivering;
    e.httpStatus = 200;
    const QString shown = state.isEmpty() ? QStringLiteral("-") : state;
    e.message = tr("Daily accepted the update, but the webhook is %1, not ACTIVE.").arg(shown);
    e.hint = tr("Daily still does not deliver to it: make sure the URL answers 200 within a few seconds (Test URL "
                "shows what it answers), then reactivate again.");
    return e;
}
