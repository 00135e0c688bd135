// SignatureHeaders::fromPastedText: the two signature headers found in what people paste from their receiver's
// logs, a curl command, a JSON or Python dict of headers, and what is not a header.

#include "SignatureHeaders.h"

#include <QTest>

namespace {

const QString kTimestamp = QStringLiteral("1708526033049");
const QString kSignature = QStringLiteral("97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=");

} // namespace

class tst_SignatureHeaders : public QObject
{
    Q_OBJECT

private slots:
    void fromPastedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("timestamp");
        QTest::addColumn<QString>("signature");

        const QString t = kTimestamp;
        const QString s = kSignature;
        QTest::newRow("raw header lines among others")
            << QStringLiteral("POST /webhooks HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\n"
                              "X-Webhook-Timestamp: %1\r\nX-Webhook-Signature: %2\r\n\r\n")
                   .arg(t, s)
            << t << s;
        QTest::newRow("lower-case names, no space after the colon")
            << QStringLiteral("x-webhook-signature:%2\nx-webhook-timestamp:%1").arg(t, s) << t << s;
        QTest::newRow("curl -H arguments")
            << QStringLiteral("curl -X POST -H 'Content-Type: application/json' -H 'X-Webhook-Timestamp: %1' \\\n"
                              "  -H \"X-Webhook-Signature: %2\" --data-binary @body.json http://localhost:3000/")
                   .arg(t, s)
            << t << s;
        QTest::newRow("JSON object of headers on one line")
            << QStringLiteral("{\"host\":\"localhost:3000\",\"x-webhook-signature\":\"%2\",\"x-webhook-timestamp\":"
                              "\"%1\",\"content-length\":\"312\"}")
                   .arg(t, s)
            << t << s;
        QTest::newRow("Node's console.log of req.headers")
            << QStringLiteral("{\n  'x-webhook-timestamp': '%1',\n  'x-webhook-signature': '%2',\n  connection: "
                              "'close'\n}")
                   .arg(t, s)
            << t << s;
        QTest::newRow("Ruby hash") << QStringLiteral("{\"X-Webhook-Timestamp\" => \"%1\", \"X-Webhook-Signature\" => "
                                                     "\"%2\"}")
                                          .arg(t, s)
                                   << t << s;
        QTest::newRow("CGI names from a Django request.META")
            << QStringLiteral("HTTP_X_WEBHOOK_TIMESTAMP = %1\nHTTP_X_WEBHOOK_SIGNATURE = %2").arg(t, s) << t << s;
        QTest::newRow("copied from a table, tab between name and value")
            << QStringLiteral("X-Webhook-Timestamp\t%1\nX-Webhook-Signature\t%2\n").arg(t, s) << t << s;
        QTest::newRow("a prefix stays in the value, for the checker to name")
            << QStringLiteral("X-Webhook-Signature: sha256=%1").arg(QStringLiteral("ab").repeated(32)) << QString()
            << QStringLiteral("sha256=") + QStringLiteral("ab").repeated(32);
        QTest::newRow("the first of each wins")
            << QStringLiteral("X-Webhook-Timestamp: %1\nX-Webhook-Timestamp: 1\nX-Webhook-Signature: %2\n"
                              "X-Webhook-Signature: other=")
                   .arg(t, s)
            << t << s;
        QTest::newRow("timestamp only") << QStringLiteral("X-Webhook-Timestamp: %1").arg(t) << t << QString();
        QTest::newRow("a name without a value is no header")
            << QStringLiteral("X-Webhook-Signature:\nX-Webhook-Timestamp: %1").arg(t) << t << QString();
        QTest::newRow("prose naming the headers is no header")
            << QStringLiteral("The X-Webhook-Signature header is missing and X-Webhook-Timestamp too.") << QString()
            << QString();
        QTest::newRow("other headers only")
            << QStringLiteral("Content-Type: application/json\nAuthorization: Basic dTpw") << QString() << QString();
        QTest::newRow("empty") << QString() << QString() << QString();
    }
    void fromPastedText()
    {
        QFETCH(QString, text);
        QFETCH(QString, timestamp);
        QFETCH(QString, signature);
        const SignatureHeaders found = SignatureHeaders::fromPastedText(text);
        QCOMPARE(QString::fromUtf8(found.timestamp), timestamp);
        QCOMPARE(QString::fromUtf8(found.signature), signature);
        QCOMPARE(found.isComplete(), !timestamp.isEmpty() && !signature.isEmpty());
        QCOMPARE(found.isEmpty(), timestamp.isEmpty() && signature.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SignatureHeaders)
#include "tst_SignatureHeaders.moc"
