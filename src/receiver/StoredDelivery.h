#pragma once

#include "HttpHeaders.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

// One request the receiver got, as DeliveryStore keeps it: what arrived, the verdicts on it and what it was
// answered. Rows read for a list carry neither headers nor body (DeliveryStore::pageBefore, pageAfter);
// DeliveryStore::byId does.
struct StoredDelivery
{
    qint64 id = 0; // the store's row id, growing with every request stored
    QDateTime receivedAt; // UTC, to the millisecond
    QString remoteAddress;
    QByteArray method; // as in the request line ("POST"); empty when the request line could not be read
    QByteArray target; // path and query exactly as in the request line
    // The header fields as they arrived, one "Name: value" per line (CRLF), with the value of Authorization
    // replaced by RedactedValue (it carries the webhook's basic auth). For a request whose head could not be
    // read: what had arrived of it.
    QByteArray headers;
    QByteArray body; // the raw bytes; empty for a request refused before its body was read
    qint64 bodySize = 0; // the body's size, or the size a refused request announced
    // DeliveryVerifier::name of the signature verdict; empty when it could not be checked (no body was read).
    QString signature;
    QString matchedSecret; // the label of the secret that signed it
    QString basicAuth; // DeliveryVerifier::name of the basic-auth verdict
    QString eventType;
    QString eventId;
    bool ping = false; // Daily's verification request
    int status = 0; // the status answered; 0: the connection was closed without an answer
    QString problem; // why the request was refused, when it was (413, 400, …)

    // When the receiver forwarded the request to the user's app: where, and what the app answered (or why not).
    QString forwardUrl; // empty: not forwarded; set without a result while the forward is under way
    int forwardStatus = 0; // the app's status; 0 when it gave no answer
    qint64 forwardLatencyMs = 0;
    QByteArray forwardBody; // the start of the app's answer (Limits::MaxDeliveryAnswerBytes)
    bool forwardCut = false; // the app's answer went on beyond forwardBody
    QString forwardFailure; // DeliveryResult::failureName when no answer came, else empty
    QString forwardProblem; // the failure as a sentence

    bool forwarded() const { return !forwardUrl.isEmpty(); }

    static constexpr const char* RedactedValue = "[redacted]";

    // `headers` as a list of fields; a line without a colon is left out.
    HttpHeaders::List headerList() const;
    // The lines stored for `fields`: "Name: value" each, CRLF after each, Authorization's value redacted.
    static QByteArray storedHeaders(const HttpHeaders::List& fields);
    // What arrived of a head that could not be read, with the value of every Authorization line redacted: to the
    // end of its line (past a bare CR) and on every line folded onto it.
    static QByteArray storedRawHead(const QByteArray& bytes);
};
