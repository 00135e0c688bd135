#pragma once

#include <QByteArray>
#include <QString>

// Daily's delivery signature computed here, in the tests, with QMessageAuthenticationCode directly and none of
// the product's code (reference/daily-api.md §3): base64(HMAC-SHA256(base64decode(secret), timestamp "." body)).
// Tests that check what the sandbox, the pre-flight check or the CLI signed compare against this, so a mistake
// in the code that signs cannot hide behind the same code checking it.
class ReferenceSignature
{
public:
    // Standard base64 of the MAC; empty when the secret is not base64.
    static QByteArray of(const QString& secretBase64, const QByteArray& timestamp, const QByteArray& body);
    // Whether of() reproduces the fixed vectors of the reference (secret, body, timestamps in seconds and in
    // milliseconds, and the {"test":"test"} verification ping), so the reference itself is checked.
    static bool matchesTheFixedVectors();
    // Strict standard base64 of exactly `bytes` bytes, decoded without the product's code.
    static bool isBase64Of(const QString& text, int bytes);
};
