// Daily's delivery signature: the reference test vectors, verification outcomes and the base64 rules.

#include "Signature.h"

#include <QTest>
#include <QTimeZone>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QByteArray kMeetingStarted = QByteArray(
    R"({"version":"1.0.0","type":"meeting.started","id":"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-1708526032",)"
    R"("payload":{"start_ts":1708526032.672,"meeting_id":"f2aa1ade-ff80-464c-b46e-50ffa577d48d",)"
    R"("room":"TrPmUX1DzjSwDaAFDfNj"},"event_ts":1708526033.049})");
const QByteArray kPing = QByteArray(R"({"test":"test"})");

} // namespace

class tst_Signature : public QObject
{
    Q_OBJECT

private slots:
    void referenceVectors_data();
    void referenceVectors();
    void signWithBadSecretIsEmpty();
    void verify_data();
    void verify();
    void describeEveryCheck();
    void generateSecret();
    void isValidBase64_data();
    void isValidBase64();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void timestampToDateTime_data();
    void timestampToDateTime();
};

void tst_Signature::referenceVectors_data()
{
    QTest::addColumn<QByteArray>("timestamp");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("signature");

    QTest::newRow("meeting.started, seconds") << QByteArrayLiteral("1708526033") << kMeetingStarted
                                              << QByteArrayLiteral("h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c=");
    QTest::newRow("meeting.started, milliseconds") << QByteArrayLiteral("1708526033049") << kMeetingStarted
                                                   << QByteArrayLiteral("97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=");
    QTest::newRow("verification ping") << QByteArrayLiteral("1708526033") << kPing
                                       << QByteArrayLiteral("ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4=");
}

void tst_Signature::referenceVectors()
{
    QFETCH(QByteArray, timestamp);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, signature);

    QCOMPARE(Signature::sign(kSecret, timestamp, body), signature);
    QCOMPARE(Signature::verify(kSecret, timestamp, body, signature), Signature::Check::Valid);
}

void tst_Signature::signWithBadSecretIsEmpty()
{
    QVERIFY(Signature::sign(QStringLiteral("whsec_abc"), "1708526033", kPing).isEmpty());
    QVERIFY(Signature::sign(QString(), "1708526033", kPing).isEmpty());
}

void tst_Signature::verify_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("timestamp");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<Signature::Check>("expected");

    const QByteArray ts = "1708526033";
    const QByteArray good = "ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4=";
    using C = Signature::Check;
    QTest::newRow("valid") << kSecret << ts << kPing << good << C::Valid;
    QTest::newRow("secret not base64") << QStringLiteral("whsec_abc") << ts << kPing << good << C::SecretNotBase64;
    QTest::newRow("secret empty") << QString() << ts << kPing << good << C::SecretNotBase64;
    QTest::newRow("signature missing") << kSecret << ts << kPing << QByteArray() << C::MissingSignature;
    QTest::newRow("timestamp missing") << kSecret << QByteArray() << kPing << good << C::MissingTimestamp;
    QTest::newRow("signature not base64")
        << kSecret << ts << kPing << QByteArrayLiteral("not base64!") << C::SignatureNotBase64;
    QTest::newRow("signature with sha256= prefix")
        << kSecret << ts << kPing << QByteArray("sha256=" + good) << C::SignatureNotBase64;
    // A hex digest happens to be valid base64, so it fails only at the comparison.
    QTest::newRow("signature as hex") << kSecret << ts << kPing << QByteArray::fromBase64(good).toHex() << C::Mismatch;
    QTest::newRow("other timestamp") << kSecret << QByteArrayLiteral("1708526034") << kPing << good << C::Mismatch;
    QTest::newRow("ms timestamp for a seconds signature")
        << kSecret << QByteArrayLiteral("1708526033000") << kPing << good << C::Mismatch;
    QTest::newRow("body changed") << kSecret << ts << QByteArray(R"({"test": "test"})") << good << C::Mismatch;
    QTest::newRow("other secret") << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") << ts << kPing
                                  << good << C::Mismatch;
    QTest::newRow("short signature") << kSecret << ts << kPing << QByteArrayLiteral("AAAA") << C::Mismatch;
}

void tst_Signature::verify()
{
    QFETCH(QString, secret);
    QFETCH(QByteArray, timestamp);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, signature);
    QFETCH(Signature::Check, expected);

    QCOMPARE(Signature::verify(secret, timestamp, body, signature), expected);
}

void tst_Signature::describeEveryCheck()
{
    using C = Signature::Check;
    for (C check :
        {C::Valid, C::SecretNotBase64, C::MissingSignature, C::MissingTimestamp, C::SignatureNotBase64, C::Mismatch})
        QVERIFY(!Signature::describe(check).isEmpty());
}

void tst_Signature::generateSecret()
{
    const QString first = Signature::generateSecret();
    const QString second = Signature::generateSecret();
    QCOMPARE(first.size(), 44);
    QVERIFY(Signature::isValidBase64(first));
    QCOMPARE(QByteArray::fromBase64(first.toLatin1(), QByteArray::AbortOnBase64DecodingErrors).size(), 32);
    QVERIFY(Signature::isValidBase64(second));
    QVERIFY(first != second);
    // A generated secret signs and verifies.
    const QByteArray signature = Signature::sign(first, "1", kPing);
    QCOMPARE(Signature::verify(first, "1", kPing, signature), Signature::Check::Valid);
}

void tst_Signature::isValidBase64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("Daily's example secret") << kSecret << true;
    QTest::newRow("no padding needed") << QStringLiteral("QUJD") << true;
    QTest::newRow("one padding char") << QStringLiteral("QUI=") << true;
    QTest::newRow("two padding chars") << QStringLiteral("QQ==") << true;
    QTest::newRow("plus and slash") << QStringLiteral("+/+/") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("missing padding") << QStringLiteral("QQ") << false;
    QTest::newRow("short padding") << QStringLiteral("QQ=") << false;
    QTest::newRow("single char") << QStringLiteral("Q") << false;
    QTest::newRow("padding only") << QStringLiteral("====") << false;
    QTest::newRow("padding in the middle") << QStringLiteral("QQ==QUJD") << false;
    QTest::newRow("url-safe alphabet") << QStringLiteral("-_-_") << false;
    QTest::newRow("whsec_ secret") << QStringLiteral("whsec_abc") << false;
    QTest::newRow("inner space") << QStringLiteral("QU JD") << false;
    QTest::newRow("leading space") << QStringLiteral(" QUJD") << false;
    QTest::newRow("trailing newline") << QStringLiteral("QUJD\n") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("QUJ\u00e9") << false;
}

void tst_Signature::isValidBase64()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);

    QCOMPARE(Signature::isValidBase64(text), valid);
}

void tst_Signature::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("equal") << QByteArrayLiteral("abcdef") << QByteArrayLiteral("abcdef") << true;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("last byte differs") << QByteArrayLiteral("abcdef") << QByteArrayLiteral("abcdeg") << false;
    QTest::newRow("first byte differs") << QByteArrayLiteral("abcdef") << QByteArrayLiteral("bbcdef") << false;
    QTest::newRow("prefix") << QByteArrayLiteral("abc") << QByteArrayLiteral("abcdef") << false;
    QTest::newRow("one empty") << QByteArray() << QByteArrayLiteral("a") << false;
    QTest::newRow("high bit") << QByteArray("\x80\x01", 2) << QByteArray("\x00\x01", 2) << false;
}

void tst_Signature::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);

    QCOMPARE(Signature::constantTimeEquals(a, b), equal);
    QCOMPARE(Signature::constantTimeEquals(b, a), equal);
}

void tst_Signature::timestampToDateTime_data()
{
    QTest::addColumn<QByteArray>("timestamp");
    QTest::addColumn<QDateTime>("expected");

    const QDateTime second(QDate(2024, 2, 21), QTime(14, 33, 53), QTimeZone::utc());
    QTest::newRow("seconds") << QByteArrayLiteral("1708526033") << second;
    QTest::newRow("milliseconds") << QByteArrayLiteral("1708526033049") << second.addMSecs(49);
    QTest::newRow("fractional seconds") << QByteArrayLiteral("1708526033.049") << second.addMSecs(49);
    QTest::newRow("surrounding spaces") << QByteArrayLiteral(" 1708526033 ") << second;
    QTest::newRow("garbage") << QByteArrayLiteral("yesterday") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
    QTest::newRow("zero") << QByteArrayLiteral("0") << QDateTime();
    QTest::newRow("negative") << QByteArrayLiteral("-5") << QDateTime();
    QTest::newRow("trailing text") << QByteArrayLiteral("1708526033abc") << QDateTime();
    // Numbers whose milliseconds do not fit in 64 bits are no time at all (found by fuzzing).
    QTest::newRow("beyond 64-bit milliseconds") << QByteArrayLiteral("17085260170852603333") << QDateTime();
    QTest::newRow("seconds beyond 64-bit milliseconds") << QByteArrayLiteral("1e30") << QDateTime();
    QTest::newRow("not a number") << QByteArrayLiteral("nan") << QDateTime();
    QTest::newRow("infinity") << QByteArrayLiteral("inf") << QDateTime();
}

void tst_Signature::timestampToDateTime()
{
    QFETCH(QByteArray, timestamp);
    QFETCH(QDateTime, expected);

    const QDateTime actual = Signature::timestampToDateTime(timestamp);
    QCOMPARE(actual.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(actual, expected);
        QCOMPARE(actual.offsetFromUtc(), 0);
    }
}

QTEST_GUILESS_MAIN(tst_Signature)
#include "tst_Signature.moc"
