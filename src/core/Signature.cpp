#include "Signature.h"

#include <QCoreApplication>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

#include <array>
#include <optional>

namespace {
std::optional<QByteArray> decodeBase64(const QString& text)
{
    if (!Signature::isValidBase64(text))
        return std::nullopt;
    return QByteArray::fromBase64(text.toLatin1());
}
} // namespace

QByteArray Signature::sign(const QString& secretBase64, const QByteArray& timestamp, const QByteArray& body)
{
    const auto key = decodeBase64(secretBase64);
    if (!key)
        return {};
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, *key);
    mac.addData(timestamp);
    mac.addData(".", 1);
    mac.addData(body);
    return mac.result().toBase64();
}

Signature::Check Signature::verify(
    const QString& secretBase64, const QByteArray& timestamp, const QByteArray& body, const QByteArray& signature)
{
    if (!isValidBase64(secretBase64))
        return Check::SecretNotBase64;
    if (signature.isEmpty())
        return Check::MissingSignature;
    if (timestamp.isEmpty())
        return Check::MissingTimestamp;
    if (!isValidBase64(QString::fromLatin1(signature)))
        return Check::SignatureNotBase64;
    const QByteArray expected = QByteArray::fromBase64(sign(secretBase64, timestamp, body));
    const QByteArray given = QByteArray::fromBase64(signature);
    return constantTimeEquals(expected, given) ? Check::Valid : Check::Mismatch;
}

QString Signature::describe(Check check)
{
    switch (check) {
    case Check::Valid:
        return QCoreApplication::translate("Signature", "The signature matches.");
    case Check::SecretNotBase64:
        return QCoreApplication::translate("Signature", "The HMAC secret is not valid base64.");
    case Check::MissingSignature:
        return QCoreApplication::translate("Signature", "The X-Webhook-Signature header is missing.");
    case Check::MissingTimestamp:
        return QCoreApplication::translate("Signature", "The X-Webhook-Timestamp header is missing.");
    case Check::SignatureNotBase64:
        return QCoreApplication::translate("Signature", "The X-Webhook-Signature header is not base64.");
    case Check::Mismatch:
        return QCoreApplication::translate(
            "Signature", "The signature does not match this secret, timestamp and body.");
    }
    return {};
}

QString Signature::generateSecret()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char*>(words.data()), int(words.size() * sizeof(quint32)));
    return QString::fromLatin1(bytes.toBase64());
}

bool Signature::isValidBase64(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\\z"));
    return !text.isEmpty() && pattern.match(text).hasMatch();
}

bool Signature::constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QDateTime Signature::timestampToDateTime(const QByteArray& timestamp)
{
    bool ok = false;
    const double value = timestamp.trimmed().toDouble(&ok);
    if (!ok || value <= 0)
        return {};
    const double ms = value > 1e11 ? value : value * 1000.0;
    // Beyond 2^63 (or NaN) no qint64 holds it, and converting would be undefined behaviour.
    if (!(ms < 9223372036854775808.0))
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ms), QTimeZone::utc());
}
