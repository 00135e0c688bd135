// Any secret and X-Webhook-Timestamp / X-Webhook-Signature headers and body, as a receiver checks a delivery.
// Input: secret, timestamp and signature on one line each, then the body (the rest, newlines included).

#include "Signature.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>

namespace {

QByteArray takeLine(QByteArray* rest)
{
    const qsizetype end = rest->indexOf('\n');
    if (end < 0)
        return std::exchange(*rest, QByteArray());
    const QByteArray line = rest->left(end);
    rest->remove(0, end + 1);
    return line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QByteArray rest(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString secret = QString::fromUtf8(takeLine(&rest));
    const QByteArray timestamp = takeLine(&rest);
    const QByteArray signature = takeLine(&rest);
    const QByteArray& body = rest;

    Signature::describe(Signature::verify(secret, timestamp, body, signature));
    Signature::timestampToDateTime(timestamp);
    Signature::isValidBase64(QString::fromLatin1(signature));

    // What sign makes, verify accepts: a valid secret always signs, and its signature always matches.
    const bool secretValid = Signature::isValidBase64(secret);
    const QByteArray made = Signature::sign(secret, timestamp, body);
    if (secretValid == made.isEmpty())
        std::abort();
    if (secretValid && !timestamp.isEmpty()
        && Signature::verify(secret, timestamp, body, made) != Signature::Check::Valid)
        std::abort();
    return 0;
}
