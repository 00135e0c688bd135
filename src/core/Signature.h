#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// Daily's delivery signature: X-Webhook-Signature = base64(HMAC-SHA256(base64decode(hmac), ts + "." + body)),
// with X-Webhook-Timestamp carrying `ts` exactly as signed (seconds or milliseconds).
class Signature
{
public:
    enum class Check {
        Valid,
        SecretNotBase64, // the configured secret is not base64
        MissingSignature,
        MissingTimestamp,
        SignatureNotBase64,
        Mismatch,
    };

    // Standard base64 of the MAC, or an empty array when the secret is not valid base64.
    static QByteArray sign(const QString& secretBase64, const QByteArray& timestamp, const QByteArray& body);
    static Check verify(
        const QString& secretBase64, const QByteArray& timestamp, const QByteArray& body, const QByteArray& signature);
    static QString describe(Check check);

    // A fresh secret: base64 of 32 bytes from the system's CSPRNG.
    static QString generateSecret();
    // Strict standard base64 (padding required, no whitespace), non-empty.
    static bool isValidBase64(const QString& text);
    // Compares without an early exit, so the time taken does not reveal where two MACs differ.
    static bool constantTimeEquals(const QByteArray& a, const QByteArray& b);
    // Interprets a timestamp header as seconds or, above 1e11, milliseconds since the epoch.
    static QDateTime timestampToDateTime(const QByteArray& timestamp);
};
