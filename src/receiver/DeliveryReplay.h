#pragma once

#include "DeliveryRequest.h"
#include "StoredDelivery.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

// A stored delivery made into the request that replays it to another URL: pure, no network (DeliverySender sends
// the result, byte for byte through ExactHttpExchange). The same rule as the receiver's forward
// (DeliveryRequest::forwarded): the same method and body bytes, the header fields in their order less the
// hop-by-hop ones, the stored path and query appended to the URL's path exactly, Host and Content-Length written
// for the URL. The store keeps Authorization as StoredDelivery::RedactedValue, so its real value is either given
// back by the caller or the field is left out; the result says which.
//
// Two modes: as received (the signature headers as they arrived, valid for the endpoint's old secret and its
// tolerance, if any), or re-signed (a fresh X-Webhook-Timestamp and an X-Webhook-Signature made with a chosen
// secret, through DeliveryRequest::sign).
class DeliveryReplay
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryReplay)

public:
    // What became of the stored request's Authorization field.
    enum class Authorization {
        None, // it had none, and none was given
        Restored, // it had one (stored redacted); the given value went in its place
        Added, // it had none; the given value was appended after the other fields
        Dropped, // it had one, but no value was given: left out, since "[redacted]" would only be refused
    };

    struct Result
    {
        DeliveryRequest request; // the request to send, when problem is empty
        QString problem; // why there is nothing to send, as one sentence; empty when there is
        Authorization authorization = Authorization::None;

        bool ok() const { return problem.isEmpty(); }
    };

    // `delivery` as it arrived, to `url` (UrlPolicy::forwardUrlProblem: https, or http on this machine, no
    // credentials, query or fragment). `authorization` is the whole value of the Authorization field to send
    // ("Basic dXNlcjpwYXNz"); empty to leave the field out.
    static Result asReceived(const StoredDelivery& delivery, const QUrl& url, const QByteArray& authorization = {});
    // The same, signed afresh with `hmacBase64` (base64, as Daily's secrets are) over `timestamp` (by default now,
    // in milliseconds, as Daily writes it); X-Webhook-Timestamp and X-Webhook-Signature take the place of the
    // stored ones, or are appended.
    static Result resigned(const StoredDelivery& delivery, const QUrl& url, const QString& hmacBase64,
        const QByteArray& authorization = {}, const QByteArray& timestamp = DeliveryRequest::timestampNow());

    // Where `request` goes, as one URL: its URL's scheme, host and port, then the exact target.
    static QString targetUrl(const DeliveryRequest& request);
    // Why `delivery` cannot be replayed (a malformed request, or one refused before its body was read), or empty.
    static QString problem(const StoredDelivery& delivery);
    // "none", "restored", "added", "dropped", for JSON.
    static QString authorizationName(Authorization authorization);
    // One sentence for people, or empty for None.
    static QString authorizationText(Authorization authorization);
};
