#include "ReferenceSignature.h"

#include <QMessageAuthenticationCode>

namespace {

// reference/daily-api.md §3, "Test vectors".
const QString kVectorSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QByteArray kVectorBody = QByteArrayLiteral(
    "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
    "1708526032\",\"payload\":{\"start_ts\":1708526032.672,\"meeting_id\":\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\","
    "\"room\":\"TrPmUX1DzjSwDaAFDfNj\"},\"event_ts\":1708526033.049}");

QByteArray decodedStrictly(const QString& text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.isEmpty() || text.size() % 4 != 0)
        return {};
    return *decoded;
}

} // namespace

QByteArray ReferenceSignature::of(const QString& secretBase64, const QByteArray& timestamp, const QByteArray& body)
{
    const QByteArray key = decodedStrictly(secretBase64);
    if (key.isEmpty())
        return {};
    return QMessageAuthenticationCode::hash(timestamp + '.' + body, key, QCryptographicHash::Sha256).toBase64();
}

bool ReferenceSignature::matchesTheFixedVectors()
{
    return of(kVectorSecret, "1708526033", kVectorBody) == "h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c="
        && of(kVectorSecret, "1708526033049", kVectorBody) == "97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8="
        && of(kVectorSecret, "1708526033", "{\"test\":\"test\"}") == "ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4=";
}

bool ReferenceSignature::isBase64Of(const QString& text, int bytes)
{
    const QByteArray decoded = decodedStrictly(text);
    return decoded.size() == bytes && decoded.toBase64() == text.toLatin1();
}
