// The verdicts on one received request: the signature against candidate secrets (reference vectors of
// reference/daily-api.md §3, signatures made by the tests' own ReferenceSignature), the tolerance, basic auth,
// and the event read from any body.

#include "DeliveryVerifier.h"
#include "ReferenceSignature.h"

#include <QTest>
#include <QTimeZone>

namespace {

using SV = DeliveryVerifier::SignatureVerdict;
using BV = DeliveryVerifier::BasicAuthVerdict;

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kOtherSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");
const QByteArray kEvent = QByteArrayLiteral(
    "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
    "1708526032\",\"payload\":{\"start_ts\":1708526032.672,\"meeting_id\":\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\","
    "\"room\":\"TrPmUX1DzjSwDaAFDfNj\"},\"event_ts\":1708526033.049}");
const QByteArray kPing = QByteArrayLiteral("{\"test\":\"test\"}");
const QByteArray kSeconds = "1708526033";
const QByteArray kMillis = "1708526033049";
const QDateTime kSignedAt = QDateTime::fromMSecsSinceEpoch(1708526033049, QTimeZone::utc());

// "label=secret" pairs as a table cell.
QList<DeliveryVerifier::Candidate> candidatesFrom(const QStringList& pairs)
{
    QList<DeliveryVerifier::Candidate> candidates;
    for (const QString& pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        candidates.append({pair.left(eq), pair.mid(eq + 1)});
    }
    return candidates;
}

} // namespace

Q_DECLARE_METATYPE(DeliveryVerifier::SignatureVerdict)
Q_DECLARE_METATYPE(DeliveryVerifier::BasicAuthVerdict)

class tst_DeliveryVerifier : public QObject
{
    Q_OBJECT

private slots:
    void theReferenceIsRight() { QVERIFY(ReferenceSignature::matchesTheFixedVectors()); }

    void signature_data()
    {
        QTest::addColumn<QByteArray>("timestamp");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("candidates");
        QTest::addColumn<qint64>("arrivedAfterMs"); // after kSignedAt
        QTest::addColumn<int>("toleranceSeconds"); // 0: the default
        QTest::addColumn<SV>("verdict");
        QTest::addColumn<QString>("matched");

        const QStringList main {QStringLiteral("main=") + kSecret};
        const QStringList both {QStringLiteral("other=") + kOtherSecret, QStringLiteral("main=") + kSecret};
        const QStringList otherOnly {QStringLiteral("other=") + kOtherSecret};
        const QByteArray sigSeconds = "h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c=";
        const QByteArray sigMillis = "97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=";
        const QByteArray sigPing = "ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4=";
        const QString none;

        QTest::newRow("reference vector, seconds")
            << kSeconds << sigSeconds << kEvent << main << 1000LL << 0 << SV::Valid << QStringLiteral("main");
        QTest::newRow("reference vector, milliseconds")
            << kMillis << sigMillis << kEvent << main << 1000LL << 0 << SV::Valid << QStringLiteral("main");
        QTest::newRow("reference vector, ping")
            << kSeconds << sigPing << kPing << main << 0LL << 0 << SV::Valid << QStringLiteral("main");
        QTest::newRow("second candidate matches, named by its label")
            << kMillis << sigMillis << kEvent << both << 0LL << 0 << SV::Valid << QStringLiteral("main");
        QTest::newRow("signed by the other candidate")
            << kMillis << ReferenceSignature::of(kOtherSecret, kMillis, kEvent) << kEvent << both << 0LL << 0
            << SV::Valid << QStringLiteral("other");
        QTest::newRow("signed by a secret not among the candidates")
            << kMillis << sigMillis << kEvent << otherOnly << 0LL << 0 << SV::Invalid << none;
        QTest::newRow("one byte of the body changed")
            << kMillis << sigMillis << QByteArray(kEvent).replace("1.0.0", "1.0.1") << main << 0LL << 0 << SV::Invalid
            << none;
        QTest::newRow("body re-serialised with spaces")
            << kSeconds << sigPing << QByteArrayLiteral("{\"test\": \"test\"}") << main << 0LL << 0 << SV::Invalid
            << none;
        QTest::newRow("milliseconds signature under a seconds header")
            << kSeconds << sigMillis << kEvent << main << 0LL << 0 << SV::Invalid << none;
        QTest::newRow("seconds signature under a milliseconds header")
            << kMillis << sigSeconds << kEvent << main << 0LL << 0 << SV::Invalid << none;
        QTest::newRow("signature not base64")
            << kMillis << QByteArrayLiteral("sha256=abc") << kEvent << main << 0LL << 0 << SV::Invalid << none;
        QTest::newRow("candidate secret not base64")
            << kMillis << sigMillis << kEvent << QStringList {QStringLiteral("bad=whsec_abc")} << 0LL << 0
            << SV::Invalid << none;
        QTest::newRow("no signature header")
            << kMillis << QByteArray() << kEvent << main << 0LL << 0 << SV::HeadersMissing << none;
        QTest::newRow("no timestamp header")
            << QByteArray() << sigMillis << kEvent << main << 0LL << 0 << SV::HeadersMissing << none;
        QTest::newRow("unsigned and no secret")
            << QByteArray() << QByteArray() << kEvent << QStringList() << 0LL << 0 << SV::HeadersMissing << none;
        QTest::newRow("signed, no secret known")
            << kMillis << sigMillis << kEvent << QStringList() << 0LL << 0 << SV::NoSecretKnown << none;
        QTest::newRow("arrived exactly 5 minutes later")
            << kMillis << sigMillis << kEvent << main << 300000LL << 0 << SV::Valid << QStringLiteral("main");
        QTest::newRow("arrived 5 minutes and 1 ms later") << kMillis << sigMillis << kEvent << main << 300001LL << 0
                                                          << SV::TimestampOutsideTolerance << QStringLiteral("main");
        QTest::newRow("timestamp 6 minutes in the future") << kMillis << sigMillis << kEvent << main << -360000LL << 0
                                                           << SV::TimestampOutsideTolerance << QStringLiteral("main");
        QTest::newRow("seconds header, 6 minutes old") << kSeconds << sigSeconds << kEvent << main << 360000LL << 0
                                                       << SV::TimestampOutsideTolerance << QStringLiteral("main");
        QTest::newRow("tolerance set to 60 s, arrived 2 minutes later")
            << kMillis << sigMillis << kEvent << main << 120000LL << 60 << SV::TimestampOutsideTolerance
            << QStringLiteral("main");
        QTest::newRow("tolerance set to 1 hour, arrived 30 minutes later")
            << kMillis << sigMillis << kEvent << main << 1800000LL << 3600 << SV::Valid << QStringLiteral("main");
        QTest::newRow("signed timestamp that is no number")
            << QByteArrayLiteral("soon") << ReferenceSignature::of(kSecret, "soon", kEvent) << kEvent << main << 0LL
            << 0 << SV::TimestampOutsideTolerance << QStringLiteral("main");
    }
    void signature()
    {
        QFETCH(QByteArray, timestamp);
        QFETCH(QByteArray, signature);
        QFETCH(QByteArray, body);
        QFETCH(QStringList, candidates);
        QFETCH(qint64, arrivedAfterMs);
        QFETCH(int, toleranceSeconds);
        QFETCH(SV, verdict);
        QFETCH(QString, matched);

        DeliveryVerifier verifier;
        verifier.setCandidates(candidatesFrom(candidates));
        if (toleranceSeconds > 0)
            verifier.setToleranceSeconds(toleranceSeconds);
        HttpHeaders::List headers {{"Content-Type", "application/json"}};
        if (!timestamp.isEmpty())
            headers.append({"x-webhook-timestamp", timestamp});
        if (!signature.isEmpty())
            headers.append({"X-Webhook-Signature", signature});
        const DeliveryVerifier::Verdicts verdicts = verifier.verify(headers, body, kSignedAt.addMSecs(arrivedAfterMs));
        QCOMPARE(verdicts.signature, verdict);
        QCOMPARE(verdicts.matchedLabel, matched);
    }

    void defaultToleranceIsFiveMinutes() { QCOMPARE(DeliveryVerifier().toleranceSeconds(), 300); }

    void basicAuth_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<BV>("verdict");

        const QString value = QStringLiteral("dXNlcjpwYXNz");
        QTest::newRow("as Daily sends it") << value << QByteArrayLiteral("Basic dXNlcjpwYXNz") << BV::Valid;
        QTest::newRow("scheme in another case") << value << QByteArrayLiteral("basic dXNlcjpwYXNz") << BV::Valid;
        QTest::newRow("expected, none sent") << value << QByteArray() << BV::Missing;
        QTest::newRow("another value") << value << QByteArrayLiteral("Basic dXNlcjpvdGhlcg==") << BV::Wrong;
        QTest::newRow("a prefix of the value") << value << QByteArrayLiteral("Basic dXNlcjpw") << BV::Wrong;
        QTest::newRow("another scheme") << value << QByteArrayLiteral("Bearer dXNlcjpwYXNz") << BV::Wrong;
        QTest::newRow("the value without a scheme") << value << QByteArrayLiteral("dXNlcjpwYXNz") << BV::Wrong;
        QTest::newRow("none expected, none sent") << QString() << QByteArray() << BV::NotExpected;
        QTest::newRow("none expected, one sent") << QString() << QByteArrayLiteral("Basic eA==") << BV::NotExpected;
    }
    void basicAuth()
    {
        QFETCH(QString, expected);
        QFETCH(QByteArray, authorization);
        QFETCH(BV, verdict);

        DeliveryVerifier verifier;
        verifier.setExpectedBasicAuth(expected);
        HttpHeaders::List headers;
        if (!authorization.isEmpty())
            headers.append({"authorization", authorization});
        QCOMPARE(verifier.verify(headers, kPing, kSignedAt).basicAuth, verdict);
    }

    void event_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("ping");

        QTest::newRow("Daily's example") << kEvent << QStringLiteral("meeting.started")
                                         << QStringLiteral("met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-1708526032")
                                         << false;
        QTest::newRow("verification ping") << kPing << QString() << QString() << true;
        QTest::newRow("ping with spaces")
            << QByteArrayLiteral(" { \"test\" : \"test\" } ") << QString() << QString() << true;
        QTest::newRow("a type is no ping")
            << QByteArrayLiteral("{\"test\":\"test\",\"type\":\"x\"}") << QStringLiteral("x") << QString() << false;
        QTest::newRow("test is not \"test\"")
            << QByteArrayLiteral("{\"test\":true}") << QString() << QString() << false;
        QTest::newRow("type and id not strings")
            << QByteArrayLiteral("{\"type\":3,\"id\":[1]}") << QString() << QString() << false;
        QTest::newRow("JSON array") << QByteArrayLiteral("[{\"type\":\"meeting.started\"}]") << QString() << QString()
                                    << false;
        QTest::newRow("binary bytes") << QByteArray("\x00\xff\x7b\"type\"", 8) << QString() << QString() << false;
        QTest::newRow("empty") << QByteArray() << QString() << QString() << false;
        QTest::newRow("cut JSON") << kEvent.left(40) << QString() << QString() << false;
    }
    void event()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, type);
        QFETCH(QString, id);
        QFETCH(bool, ping);

        const DeliveryVerifier::Verdicts verdicts = DeliveryVerifier().verify({}, body, kSignedAt);
        QCOMPARE(verdicts.eventType, type);
        QCOMPARE(verdicts.eventId, id);
        QCOMPARE(verdicts.ping, ping);
        QCOMPARE(DeliveryVerifier::isPing(body), ping);
    }

    void namesGoBothWays()
    {
        QStringList seen;
        for (SV v : {SV::Valid, SV::Invalid, SV::HeadersMissing, SV::TimestampOutsideTolerance, SV::NoSecretKnown}) {
            const QString name = DeliveryVerifier::name(v);
            QVERIFY(!name.isEmpty());
            QVERIFY(!seen.contains(name));
            seen.append(name);
            QCOMPARE(DeliveryVerifier::signatureVerdictNamed(name), std::optional<SV>(v));
            QVERIFY(!DeliveryVerifier::describe(v).isEmpty());
        }
        for (BV v : {BV::Valid, BV::Missing, BV::Wrong, BV::NotExpected}) {
            const QString name = DeliveryVerifier::name(v);
            QVERIFY(!name.isEmpty());
            QCOMPARE(DeliveryVerifier::basicAuthVerdictNamed(name), std::optional<BV>(v));
            QVERIFY(!DeliveryVerifier::describe(v).isEmpty());
        }
        QCOMPARE(DeliveryVerifier::name(SV::TimestampOutsideTolerance), QStringLiteral("timestamp-outside-tolerance"));
        QVERIFY(!DeliveryVerifier::signatureVerdictNamed(QStringLiteral("Valid")));
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryVerifier)

#include "tst_DeliveryVerifier.moc"
