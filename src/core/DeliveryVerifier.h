#pragma once

#include "HttpHeaders.h"
#include "Limits.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QJsonObject;

// The verdicts on one request a receiver got, as Daily would have sent it (reference/daily-api.md §3): whether
// its X-Webhook-Signature is one of the candidate secrets' signature of X-Webhook-Timestamp "." body (the
// timestamp exactly as received, seconds or milliseconds), whether that timestamp is within the tolerance of
// the time it arrived, whether its Authorization is the expected basic auth, and which event it carries. Pure:
// the receiver, the CLI and the window all judge a delivery here. A verdict names the secret that matched by
// its label, never by its value.
class DeliveryVerifier
{
public:
    enum class SignatureVerdict {
        Valid,
        Invalid, // signed, but by none of the candidate secrets (or over other bytes)
        HeadersMissing, // no X-Webhook-Signature or no X-Webhook-Timestamp
        TimestampOutsideTolerance, // signed by a candidate, but the timestamp is too far from the arrival
        NoSecretKnown, // signed, but there is no candidate secret to check it with
    };
    enum class BasicAuthVerdict {
        Valid,
        Missing, // basic auth expected, no Authorization header
        Wrong, // an Authorization header other than "Basic <expected value>"
        NotExpected, // no basic auth expected (whatever the request carried)
    };

    // A secret to check signatures with (base64, as Daily's `hmac`) and how verdicts name it.
    struct Candidate
    {
        QString label;
        QString secretBase64;
    };

    struct Verdicts
    {
        SignatureVerdict signature = SignatureVerdict::NoSecretKnown;
        QString matchedLabel; // the candidate whose signature it is (Valid or TimestampOutsideTolerance)
        BasicAuthVerdict basicAuth = BasicAuthVerdict::NotExpected;
        QString eventType; // the body's "type", when the body is a JSON object with a string there
        QString eventId; // the body's "id", likewise
        bool ping = false; // Daily's verification request {"test":"test"}
    };

    void setCandidates(const QList<Candidate>& candidates);
    QList<Candidate> candidates() const;
    // The `basicAuth` value of the webhook, as Daily sends it after "Basic "; empty: none expected.
    void setExpectedBasicAuth(const QString& value);
    void setToleranceSeconds(int seconds);
    int toleranceSeconds() const;

    Verdicts verify(const HttpHeaders::List& headers, const QByteArray& body, const QDateTime& receivedAt) const;

    SignatureVerdict signatureVerdict(const QByteArray& timestamp, const QByteArray& signature, const QByteArray& body,
        const QDateTime& receivedAt, QString* matchedLabel = nullptr) const;
    BasicAuthVerdict basicAuthVerdict(const QByteArray& authorization) const;

    // Whether `body` is Daily's verification request: a JSON object whose "test" is "test" and without a "type".
    static bool isPing(const QByteArray& body);

    // Stable names, as the store and `--json` write them ("valid", "headers-missing", …), and back.
    static QString name(SignatureVerdict verdict);
    static QString name(BasicAuthVerdict verdict);
    static std::optional<SignatureVerdict> signatureVerdictNamed(const QString& name);
    static std::optional<BasicAuthVerdict> basicAuthVerdictNamed(const QString& name);
    // One sentence for people.
    static QString describe(SignatureVerdict verdict);
    static QString describe(BasicAuthVerdict verdict);

private:
    static bool isPingObject(const QJsonObject& object);

    QList<Candidate> m_candidates;
    QString m_expectedBasicAuth;
    int m_toleranceSeconds = Limits::DefaultSignatureToleranceSeconds;
};
