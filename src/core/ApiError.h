#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

// Turns everything that can go wrong with a call to Daily into one value: a kind, one plain sentence, the
// next step, and the raw detail (HTTP status, Daily's {error, info}, the network error) for those who want it.
class ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    enum class Kind {
        None,
        VerificationFailed, // Daily's ping to the webhook URL did not get a 200
        MissingApiKey, // no key configured, or Daily answered authorization-header-error
        AuthenticationFailed, // 401: the key is wrong or revoked
        Forbidden, // 403
        Validation, // 400 invalid-request-error about a field
        OneWebhookPerDomain, // the domain already has its webhook
        NotFound, // 404
        RateLimited, // 429
        ServerError, // 5xx
        RequestRejected, // another 4xx, or a json-parsing-error
        InvalidResponse, // a body that is not the JSON Daily sends
        Redirected, // a 3xx: never followed, the key stays with its origin
        AnswerTooLarge, // the answer passed Limits::MaxApiAnswerBytes and was not read further
        AnswerIncomplete, // the connection closed before the announced body had arrived
        UnsafeBaseUrl, // the API base URL breaks UrlPolicy's rule; nothing was sent
        InvalidApiKey, // the key cannot travel in a header (Domain::apiKeyProblem); nothing was sent
        StillNotDelivering, // Daily accepted a reactivation (200), yet the webhook it answered still does not deliver
        HostNotFound,
        ConnectionRefused,
        Tls,
        Network,
        Timeout,
        Cancelled,
    };

    Kind kind = Kind::None;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString dailyError; // Daily's `error` type string
    QString dailyInfo; // Daily's `info` text
    QString field; // the draft field Daily named, if any
    QString message; // one clear sentence
    QString hint; // the next step
    QByteArray rawBody;
    QString networkDetail; // Qt's error string for network and TLS failures
    QString location; // the Location a redirect pointed to, resolved against the request URL

    // The raw body as details() shows it: at most Limits::MaxShownBodyBytes, then how much was left out.
    static QString shownBody(const QByteArray& body);

    bool isError() const { return kind != Kind::None; }
    // A multi-line text with status, Daily's error and info, and the raw body, for a "Details" view.
    QString details() const;
    static QString kindName(Kind kind);

    // Maps a completed HTTP exchange that was not a success (status outside 2xx, or a body that is not JSON).
    static ApiError fromHttp(int status, const QByteArray& body);
    static ApiError fromNetwork(QNetworkReply::NetworkError error, const QString& detail);
    static ApiError invalidResponse(int status, const QByteArray& body, const QString& why);
    static ApiError timeout(int seconds);
    static ApiError cancelled();
    static ApiError missingApiKey();
    static ApiError redirected(int status, const QUrl& requestUrl, const QString& location);
    static ApiError answerTooLarge(int status, qint64 limitBytes);
    static ApiError answerIncomplete(int status, qint64 received, qint64 announced);
    static ApiError unsafeBaseUrl(const QString& problem);
    static ApiError invalidApiKey(const QString& problem);
    // A reactivation Daily answered 200 that left the webhook in `state` (FAILED, INACTIVE...), not ACTIVE.
    static ApiError stillNotDelivering(const QString& state);
};
