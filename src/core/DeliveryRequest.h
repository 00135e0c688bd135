#pragma once

#include "HttpHeaders.h"

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
    QByteArray method = QByteArrayLiteral("POST");
    // When set, the request goes out exactly (ExactHttpExchange): this request target (path and query, the bytes
    // as given, never decoded, re-encoded or normalised) to `url`'s scheme, host and port, with the header fields
    // exactly as listed (order, case, repeats) and only Host, Content-Length and Connection: close added.
    // QNetworkAccessManager would decode %41 or %7E, drop dot segments, merge repeated fields and add its own.
    QByteArray exactTarget;

    // The first header of that name, compared case-insensitively; empty when absent.
    QByteArray header(const QByteArray& name) const;
    // Signs `body` as Daily does: X-Webhook-Timestamp becomes `timestamp` and X-Webhook-Signature its signature with
    // `hmacBase64`, each written in the place of the first field of that name (others of the name removed) or
    // appended. Without a base64 secret no signature is written and any there was is removed, since it could not
    // be right. signedPost signs through this, and so does a replay re-signed with a new secret.
    void sign(const QString& hmacBase64, const QByteArray& timestamp);
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
    // The request target a forward sends: the forward URL's path without its trailing slash, then the incoming
    // target byte for byte (path and query); an incoming path of just "/" adds only its query, so a receiver at the
    // root forwards to the forward URL itself.
    static QByteArray forwardTarget(const QUrl& forwardUrl, const QByteArray& incomingTarget);
    // Fields that belong to one connection, not to the request (RFC 9110 §7.6.1: Connection, the fields it names,
    // Keep-Alive, Proxy-*, TE, Trailer, Transfer-Encoding, Upgrade), and those the transport writes afresh for the
    // next hop (Host, Content-Length, Expect).
    static bool isHopByHop(const QByteArray& name, const HttpHeaders::List& fields);
    // A request the receiver got, passed on to `forwardUrl` (its scheme, host, port and path): the same method,
    // body and header fields in their order (signature and Authorization as received), less the hop-by-hop ones.
    static DeliveryRequest forwarded(const QUrl& forwardUrl, const QByteArray& method, const QByteArray& target,
        const HttpHeaders::List& fields, const QByteArray& body);
    static DeliveryRequest ping(const QUrl& url, const QString& hmacBase64, const QString& basicAuth,
        const QByteArray& timestamp, const QByteArray& userAgent);
};
