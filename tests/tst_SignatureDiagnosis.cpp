#include "ReferenceSignature.h"
#include "SignatureDiagnosis.h"

#include <QtTest>

namespace {

using Step = SignatureDiagnosis::Step;
using Verdict = SignatureDiagnosis::Verdict;

// reference/daily-api.md §3, "Test vectors".
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QByteArray kBody = QByteArrayLiteral(
    "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
    "1708526032\",\"payload\":{\"start_ts\":1708526032.672,\"meeting_id\":\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\","
    "\"room\":\"TrPmUX1DzjSwDaAFDfNj\"},\"event_ts\":1708526033.049}");
const QByteArray kSeconds = QByteArrayLiteral("1708526033");
const QByteArray kMilliseconds = QByteArrayLiteral("1708526033049");
const QByteArray kSignatureSeconds = QByteArrayLiteral("h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c=");
const QByteArray kSignatureMilliseconds = QByteArrayLiteral("97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=");
const QByteArray kPing = QByteArrayLiteral("{\"test\":\"test\"}");
const QByteArray kPingSignature = QByteArrayLiteral("ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4=");

// The vector body as a log viewer shows it, and as serialisers write it back, each written out by hand.
const QByteArray kBodyIndented
    = QByteArrayLiteral("{\n  \"version\": \"1.0.0\",\n  \"type\": \"meeting.started\",\n"
                        "  \"id\": \"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
                        "1708526032\",\n  \"payload\": {\n    \"start_ts\": 1708526032.672,\n"
                        "    \"meeting_id\": \"f2aa1ade-ff80-464c-b46e-50ffa577d48d\",\n"
                        "    \"room\": \"TrPmUX1DzjSwDaAFDfNj\"\n  },\n"
                        "  \"event_ts\": 1708526033.049\n}");
const QByteArray kBodyPythonSpaced = QByteArrayLiteral(
    "{\"version\": \"1.0.0\", \"type\": \"meeting.started\", \"id\": \"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
    "1708526032\", \"payload\": {\"start_ts\": 1708526032.672, \"meeting_id\": "
    "\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\", \"room\": \"TrPmUX1DzjSwDaAFDfNj\"}, \"event_ts\": 1708526033.049}");
const QByteArray kBodySorted = QByteArrayLiteral(
    "{\"event_ts\":1708526033.049,\"id\":\"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-1708526032\",\"payload\":{"
    "\"meeting_id\":\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\",\"room\":\"TrPmUX1DzjSwDaAFDfNj\",\"start_ts\":"
    "1708526032.672},\"type\":\"meeting.started\",\"version\":\"1.0.0\"}");

QByteArray reference(const QByteArray& timestamp, const QByteArray& body, const QString& secret = kSecret)
{
    return ReferenceSignature::of(secret, timestamp, body);
}

// HMAC keyed with the secret's characters, as code that forgets to decode it computes.
QByteArray keyedWithText(const QByteArray& timestamp, const QByteArray& body)
{
    return ReferenceSignature::of(QString::fromLatin1(kSecret.toUtf8().toBase64()), timestamp, body);
}

QByteArray hexOf(const QByteArray& base64)
{
    return QByteArray::fromBase64(base64).toHex();
}

QByteArray urlSafeUnpadded(QByteArray base64)
{
    return base64.replace('+', '-').replace('/', '_').replace("=", "");
}

} // namespace

class tst_SignatureDiagnosis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(ReferenceSignature::matchesTheFixedVectors()); }
    void diagnosis_data();
    void diagnosis();
    void failingStepIsTheOneToFixFirst();
    void everyStepHasAName();
};

void tst_SignatureDiagnosis::diagnosis_data()
{
    QTest::addColumn<QByteArray>("timestamp");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QString>("reproducedWith");

    const auto names = [](std::initializer_list<Step> steps) {
        QStringList out;
        for (const Step s : steps)
            out << SignatureDiagnosis::stepName(s);
        return out;
    };
    const int valid = int(Verdict::Valid);
    const int invalid = int(Verdict::Invalid);
    const int input = int(Verdict::InputProblem);

    // The vectors of the reference, read both ways: each signature is valid for its own timestamp, and the other
    // unit's signature is diagnosed as the conversion it is.
    QTest::newRow("vector, seconds") << kSeconds << kSignatureSeconds << kBody << kSecret << valid << QStringList()
                                     << kSignatureSeconds << QString();
    QTest::newRow("vector, milliseconds") << kMilliseconds << kSignatureMilliseconds << kBody << kSecret << valid
                                          << QStringList() << kSignatureMilliseconds << QString();
    QTest::newRow("vector, verification ping")
        << kSeconds << kPingSignature << kPing << kSecret << valid << QStringList() << kPingSignature << QString();
    QTest::newRow("header values with spaces around")
        << (" " + kSeconds + "\r\n") << (" " + kSignatureSeconds + " ") << kBody << (kSecret + QStringLiteral("\n"))
        << valid << QStringList() << kSignatureSeconds << QString();
    QTest::newRow("ms header, signed in seconds (vectors)")
        << kMilliseconds << kSignatureSeconds << kBody << kSecret << invalid
        << names({Step::TimestampDividedByThousand}) << kSignatureMilliseconds
        << QStringLiteral("timestamp 1708526033");

    // One row per failing step.
    QTest::newRow("secret used as text") << kSeconds << keyedWithText(kSeconds, kBody) << kBody << kSecret << invalid
                                         << names({Step::SecretUsedAsText}) << kSignatureSeconds
                                         << QStringLiteral("the secret's text as the key");
    QTest::newRow("seconds header, signed with it x1000")
        << kSeconds << reference("1708526033000", kBody) << kBody << kSecret << invalid
        << names({Step::TimestampTimesThousand}) << kSignatureSeconds << QStringLiteral("timestamp 1708526033000");
    QTest::newRow("ms header, signed with it /1000 as a decimal")
        << kMilliseconds << reference("1708526033.049", kBody) << kBody << kSecret << invalid
        << names({Step::TimestampDividedByThousand}) << kSignatureMilliseconds
        << QStringLiteral("timestamp 1708526033.049");
    QTest::newRow("ms header, signed with it /1000 rounded")
        << QByteArray("1708526033649") << reference("1708526034", kBody) << kBody << kSecret << invalid
        << names({Step::TimestampDividedByThousand}) << reference("1708526033649", kBody)
        << QStringLiteral("timestamp 1708526034");
    QTest::newRow("fractional seconds header, signed in ms")
        << QByteArray("1708526033.049") << kSignatureMilliseconds << kBody << kSecret << invalid
        << names({Step::TimestampTimesThousand}) << reference("1708526033.049", kBody)
        << QStringLiteral("timestamp 1708526033049");
    QTest::newRow("body pasted pretty-printed, signed compact")
        << kSeconds << kSignatureSeconds << kBodyIndented << kSecret << invalid << names({Step::BodyWhitespaceChanged})
        << reference(kSeconds, kBodyIndented) << QStringLiteral("compact");
    QTest::newRow("body signed as Python's json.dumps writes it")
        << kSeconds << reference(kSeconds, kBodyPythonSpaced) << kBody << kSecret << invalid
        << names({Step::BodyWhitespaceChanged}) << kSignatureSeconds
        << QStringLiteral("with a space after each comma and colon");
    QTest::newRow("body signed indented by 2 (JSON.stringify)")
        << kSeconds << reference(kSeconds, kBodyIndented) << kBody << kSecret << invalid
        << names({Step::BodyWhitespaceChanged}) << kSignatureSeconds << QStringLiteral("indented by 2");
    QTest::newRow("body signed with its keys sorted")
        << kSeconds << reference(kSeconds, kBodySorted) << kBody << kSecret << invalid
        << names({Step::BodyKeysReordered}) << kSignatureSeconds << QStringLiteral("keys sorted, compact");
    QTest::newRow("body saved with a final newline")
        << kSeconds << kSignatureSeconds << (kBody + '\n') << kSecret << invalid << names({Step::BodyLineEndingChanged})
        << reference(kSeconds, kBody + '\n') << QStringLiteral("without the final newline");
    QTest::newRow("signature in hex") << kSeconds << hexOf(kSignatureSeconds) << kBody << kSecret << invalid
                                      << names({Step::HexDigest}) << kSignatureSeconds << QString();
    QTest::newRow("signature with sha256= prefix")
        << kSeconds << ("sha256=" + kSignatureSeconds) << kBody << kSecret << invalid << names({Step::SignaturePrefix})
        << kSignatureSeconds << QString();
    QTest::newRow("signature with v1= prefix") << kSeconds << ("v1=" + kSignatureSeconds) << kBody << kSecret << invalid
                                               << names({Step::SignaturePrefix}) << kSignatureSeconds << QString();
    QTest::newRow("signature as sha256=<hex>")
        << kSeconds << ("sha256=" + hexOf(kSignatureSeconds)) << kBody << kSecret << invalid
        << names({Step::SignaturePrefix, Step::HexDigest}) << kSignatureSeconds << QString();
    QTest::newRow("signature in URL-safe base64 without padding")
        << kSeconds << urlSafeUnpadded(kSignatureSeconds) << kBody << kSecret << invalid << names({Step::Base64Variant})
        << kSignatureSeconds << QString();
    QTest::newRow("hex of the secret used as text")
        << kSeconds << hexOf(keyedWithText(kSeconds, kBody)) << kBody << kSecret << invalid
        << names({Step::HexDigest, Step::SecretUsedAsText}) << kSignatureSeconds
        << QStringLiteral("the secret's text as the key");
    QTest::newRow("headers swapped") << kSignatureSeconds << kSeconds << kBody << kSecret << invalid
                                     << names({Step::HeadersSwapped}) << kSignatureSeconds << QString();
    QTest::newRow("signature of another body") << kSeconds << reference(kSeconds, kPing) << kBody << kSecret << invalid
                                               << names({Step::Unexplained}) << kSignatureSeconds << QString();
    QTest::newRow("signature made with another secret")
        << kSeconds << reference(kSeconds, kBody, QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        << kBody << kSecret << invalid << names({Step::Unexplained}) << kSignatureSeconds << QString();

    // Inputs that are missing or cannot be Daily's.
    QTest::newRow("timestamp missing") << QByteArray() << kSignatureSeconds << kBody << kSecret << input
                                       << names({Step::MissingTimestamp}) << QByteArray() << QString();
    QTest::newRow("everything missing") << QByteArray(" ") << QByteArray() << QByteArray() << QString() << input
                                        << names({Step::MissingTimestamp, Step::MissingSignature, Step::MissingBody,
                                               Step::MissingSecret})
                                        << QByteArray() << QString();
    QTest::newRow("secret not base64") << kSeconds << kSignatureSeconds << kBody << QStringLiteral("my secret") << input
                                       << names({Step::SecretNotBase64}) << QByteArray() << QString();
    QTest::newRow("signature unreadable") << kSeconds << QByteArray("not a signature!") << kBody << kSecret << input
                                          << names({Step::SignatureUnreadable}) << kSignatureSeconds << QString();
    QTest::newRow("signature of the wrong length")
        << kSeconds << QByteArray("AAAA") << kBody << kSecret << input << names({Step::SignatureUnreadable})
        << kSignatureSeconds << QString();
}

void tst_SignatureDiagnosis::diagnosis()
{
    QFETCH(QByteArray, timestamp);
    QFETCH(QByteArray, signature);
    QFETCH(QByteArray, body);
    QFETCH(QString, secret);
    QFETCH(int, verdict);
    QFETCH(QStringList, steps);
    QFETCH(QByteArray, expected);
    QFETCH(QString, reproducedWith);

    const SignatureDiagnosis d = SignatureDiagnosis::of({timestamp, signature, body, secret});
    QStringList names;
    for (const Step s : d.steps)
        names << SignatureDiagnosis::stepName(s);
    QCOMPARE(names, steps);
    QCOMPARE(SignatureDiagnosis::verdictName(d.verdict), SignatureDiagnosis::verdictName(Verdict(verdict)));
    QCOMPARE(d.expected, expected);
    QCOMPARE(d.received, signature.trimmed());
    QCOMPARE(d.reproducedWith, reproducedWith);

    // Every verdict but "valid" says what went wrong and what to do; none repeats the secret.
    const QString text = d.explanation() + d.nextStep() + d.reproducedWith;
    QCOMPARE(d.nextStep().isEmpty(), d.isValid());
    QVERIFY(!d.explanation().isEmpty());
    if (!secret.trimmed().isEmpty())
        QVERIFY(!text.contains(secret.trimmed()));
}

void tst_SignatureDiagnosis::failingStepIsTheOneToFixFirst()
{
    const QByteArray textKeyedHex = "sha256=" + hexOf(keyedWithText(kSeconds, kBody));
    QCOMPARE(SignatureDiagnosis::of({kSeconds, textKeyedHex, kBody, kSecret}).failingStep(), Step::SecretUsedAsText);
    QCOMPARE(
        SignatureDiagnosis::of({kSeconds, hexOf(kSignatureSeconds), kBody, kSecret}).failingStep(), Step::HexDigest);
    QCOMPARE(SignatureDiagnosis::of({{}, {}, kBody, kSecret}).failingStep(), Step::MissingTimestamp);
    QVERIFY(!SignatureDiagnosis::of({kSeconds, kSignatureSeconds, kBody, kSecret}).failingStep());
}

void tst_SignatureDiagnosis::everyStepHasAName()
{
    QSet<QString> names;
    for (int s = int(Step::MissingTimestamp); s <= int(Step::Unexplained); ++s) {
        const QString name = SignatureDiagnosis::stepName(Step(s));
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(s)));
        QVERIFY(!SignatureDiagnosis::describe(Step(s)).isEmpty());
        names.insert(name);
    }
    QCOMPARE(names.size(), int(Step::Unexplained) + 1);
}

QTEST_GUILESS_MAIN(tst_SignatureDiagnosis)
#include "tst_SignatureDiagnosis.moc"
