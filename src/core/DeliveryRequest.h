#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkRequest;

// A request as Daily sends it to a webhook URL: the verification ping before a create or an update, or a signed
// event. Plain data built by one pure function, so the pre-flight check, the sandbox's ping and the signed test
// events cannot drift apart: a POST of compact JSON with X-Webhook-Timestamp and X-Webhook-Signature
// (reference/daily-api.md §3) and, when the webhook has one, `Authorization: Basic <basicAuth>` verbatim.
struct DeliveryRequest
{
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The first header of that name, compared case-insensitively; empty when absent.
    QByteArray header(const QByteArray& name) const;
    // Sent as Daily's verifier sends it: HTTP/1.1, redirects not followed, no cookies, no cache, a fresh
    // connection (a pooled one would flatter the latency and hide the TLS handshake).
    QNetworkRequest toNetworkRequest() const;

    // The exact bytes of Daily's verification ping.
    static QByteArray pingBody();
    // Now as Daily writes it into X-Webhook-Timestamp: Unix time in milliseconds (observed; see the README).
    static QByteArray timestampNow();

    // `body` signed with `hmacBase64` over `timestamp`; unsigned (no X-Webhook-Signature) when the secret is empty
    // or not base64. `basicAuth` goes out verbatim after "Basic ", as Daily sends it; none when empty.
    static DeliveryRequest signedPost(const QUrl& url, const QByteArray& body, const QString& hmacBase64,
        const QString& basicAuth, const QByteArray& timestamp, const QByteArray& userAgent);
    static DeliveryRequest ping(const QUrl& url, const QString& hmacBase64, const QString& basicAuth,
        const QByteArray& timestamp, const QByteArray& userAgent);
};
