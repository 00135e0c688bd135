// What daily-webhooks-cli prints, as pure functions: aligned tables, the ! mark, key/value details, JSON with
// secrets redacted unless asked, and error sentences that speak of the command line rather than the app.

#include "ApiError.h"
#include "CliOutput.h"
#include "Webhook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString kHmac = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kBasicAuth = QStringLiteral("dXNlcjpwYXNzd29yZA==");
const QDateTime kNow = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

Webhook webhook(const QString& state, bool withBasicAuth = true)
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
    o.insert(QStringLiteral("url"), QStringLiteral("https://example.com/hook"));
    o.insert(QStringLiteral("hmac"), kHmac);
    o.insert(QStringLiteral("basicAuth"), withBasicAuth ? QJsonValue(kBasicAuth) : QJsonValue());
    o.insert(QStringLiteral("retryType"), QStringLiteral("circuit-breaker"));
    o.insert(QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started")});
    o.insert(QStringLiteral("state"), state);
    o.insert(QStringLiteral("failedCount"), state == QLatin1String("FAILED") ? 3 : 0);
    o.insert(QStringLiteral("lastMomentPushed"), QStringLiteral("2024-05-01T10:00:00.000Z"));
    o.insert(QStringLiteral("domainId"), QStringLiteral("d-1"));
    o.insert(QStringLiteral("createdAt"), QStringLiteral("2024-04-01T10:00:00.000Z"));
    // updatedAt left out: Daily did not send it.
    return Webhook::fromJson(o);
}

QString text(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class tst_CliOutput : public QObject
{
    Q_OBJECT

private slots:
    void tableAlignsColumns()
    {
        const QString table = CliOutput::table({QStringLiteral("A"), QStringLiteral("BB"), QStringLiteral("C")},
            {{QStringLiteral("xxx"), QStringLiteral("y"), QStringLiteral("last")},
                {QStringLiteral("z"), QString(), QString()}});
        QCOMPARE(table, QStringLiteral("A    BB  C\nxxx  y   last\nz\n"));
    }

    void webhookTableMarksWhatDoesNotDeliver()
    {
        const QList<CliOutput::Row> rows {
            {QStringLiteral("prod"), webhook(QStringLiteral("ACTIVE")), QString()},
            {QStringLiteral("staging"), webhook(QStringLiteral("FAILED")), QString()},
            {QStringLiteral("empty"), std::nullopt, QString()},
            {QStringLiteral("broken"), std::nullopt, QStringLiteral("Daily rejected the API key.")},
        };
        const QStringList lines = CliOutput::webhookTable(rows, kNow).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 6); // header, four rows, and the empty string after the final newline
        QCOMPARE(lines.at(0).simplified(), QStringLiteral("DOMAIN UUID STATE FAILED LAST PUSH RETRY EVENTS URL"));
        QVERIFY(lines.at(1).startsWith(QLatin1String("   prod ")));
        QVERIFY(lines.at(1).contains(QLatin1String("ACTIVE  0       2 h ago    circuit-breaker  meeting.started")));
        QVERIFY(lines.at(2).startsWith(QLatin1String("!  staging")));
        QVERIFY(lines.at(2).contains(QLatin1String("FAILED  3")));
        QVERIFY(lines.at(3).startsWith(QLatin1String("   empty")));
        QVERIFY(lines.at(3).endsWith(QLatin1String("(no webhook)")));
        QVERIFY(lines.at(4).startsWith(QLatin1String("!  broken")));
        QVERIFY(lines.at(4).contains(QLatin1String("ERROR")));
        QVERIFY(lines.at(4).endsWith(QLatin1String("Daily rejected the API key.")));
        // Columns line up: every URL starts where the header's URL does.
        const qsizetype urlColumn = lines.at(0).indexOf(QLatin1String("URL"));
        QCOMPARE(lines.at(1).indexOf(QLatin1String("https://")), urlColumn);
        QCOMPARE(lines.at(2).indexOf(QLatin1String("https://")), urlColumn);
        QVERIFY(!lines.join(QLatin1Char('\n')).contains(kHmac));
    }

    void eventsCell_data()
    {
        QTest::addColumn<QStringList>("types");
        QTest::addColumn<QString>("cell");
        QTest::newRow("none") << QStringList() << QStringLiteral("-");
        QTest::newRow("one") << QStringList {QStringLiteral("meeting.started")} << QStringLiteral("meeting.started");
        QTest::newRow("two that fit") << QStringList {QStringLiteral("meeting.started"),
            QStringLiteral("meeting.ended")}
                                      << QStringLiteral("meeting.started,meeting.ended");
        QTest::newRow("many") << QStringList {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended"),
            QStringLiteral("participant.joined")}
                              << QStringLiteral("meeting.started +2 more");
    }
    void eventsCell()
    {
        QFETCH(QStringList, types);
        QFETCH(QString, cell);
        QCOMPARE(CliOutput::eventsCell(types), cell);
    }

    void detailsRedactSecretsUnlessAsked()
    {
        const QString redacted = CliOutput::webhookDetails(webhook(QStringLiteral("ACTIVE")), false, kNow);
        QVERIFY(!redacted.contains(kHmac));
        QVERIFY(!redacted.contains(kBasicAuth));
        QVERIFY(redacted.contains(QLatin1String("hmac              <redacted>\n")));
        QVERIFY(redacted.contains(QLatin1String("basicAuth         <redacted>\n")));
        QVERIFY(redacted.contains(QLatin1String("updatedAt         not sent by Daily\n")));
        QVERIFY(redacted.contains(QLatin1String("lastMomentPushed  2024-05-01T10:00:00.000Z (2 h ago)\n")));
        QVERIFY(redacted.startsWith(QLatin1String("uuid              0b4e4c7c-5eaf-46fe-990b-a3752f5684f5\n")));

        const QString shown = CliOutput::webhookDetails(webhook(QStringLiteral("ACTIVE")), true, kNow);
        QVERIFY(shown.contains(QStringLiteral("hmac              ") + kHmac));
        QVERIFY(shown.contains(QStringLiteral("basicAuth         ") + kBasicAuth));

        const QString noAuth = CliOutput::webhookDetails(webhook(QStringLiteral("ACTIVE"), false), false, kNow);
        QVERIFY(noAuth.contains(QLatin1String("basicAuth         none\n")));
    }

    void jsonRedactsSecretsUnlessAsked()
    {
        const QJsonObject redacted = CliOutput::webhookJson(webhook(QStringLiteral("ACTIVE")), false);
        QCOMPARE(redacted.value(QStringLiteral("hmac")).toString(), CliOutput::Redacted);
        QCOMPARE(redacted.value(QStringLiteral("basicAuth")).toString(), CliOutput::Redacted);
        QCOMPARE(redacted.value(QStringLiteral("url")).toString(), QStringLiteral("https://example.com/hook"));
        QVERIFY(!text(redacted).contains(kHmac));
        // Daily's own shape: a field Daily did not send is not invented.
        QVERIFY(!redacted.contains(QStringLiteral("updatedAt")));

        const QJsonObject noAuth = CliOutput::webhookJson(webhook(QStringLiteral("ACTIVE"), false), false);
        QVERIFY(noAuth.value(QStringLiteral("basicAuth")).isNull());

        const QJsonObject shown = CliOutput::webhookJson(webhook(QStringLiteral("ACTIVE")), true);
        QCOMPARE(shown.value(QStringLiteral("hmac")).toString(), kHmac);
        QCOMPARE(shown.value(QStringLiteral("basicAuth")).toString(), kBasicAuth);
    }

    void redactionReachesEveryDepth()
    {
        const QJsonObject nested {{QStringLiteral("webhook"),
            QJsonObject {{QStringLiteral("hmac"), kHmac}, {QStringLiteral("basicAuth"), QJsonValue()}}}};
        const QJsonArray list {nested, QJsonObject {{QStringLiteral("hmac"), kHmac}}};
        const QString out = QString::fromUtf8(CliOutput::toJson(CliOutput::redacted(list)));
        QVERIFY(!out.contains(kHmac));
        QCOMPARE(out.count(CliOutput::Redacted), 2);
        QVERIFY(out.contains(QLatin1String("\"basicAuth\": null")));
    }

    void deliveryHeadlineKeepsPercentSignsOfTheUrl()
    {
        const QString url = QStringLiteral("http://127.0.0.1:3000/app/a%2Fb?x=%3");
        DeliveryResult r;
        r.httpStatus = 202;
        r.latencyMs = 3;
        QCOMPARE(CliOutput::deliveryHeadline(r, url), QStringLiteral("OK: %1 answered 202 in 3 ms.").arg(url));
        r.httpStatus = 500;
        QCOMPARE(CliOutput::deliveryHeadline(r, url),
            QStringLiteral("NOT ACCEPTED: %1 answered 500, and Daily counts only a 2xx as delivered.").arg(url));
        QCOMPARE(CliOutput::deliveryStatus(r), QStringLiteral("500"));
        r.failure = DeliveryResult::Failure::ConnectionRefused;
        r.failureText = QStringLiteral("Connection refused.");
        QCOMPARE(CliOutput::deliveryHeadline(r, url), QStringLiteral("NO ANSWER: Connection refused."));
        QCOMPARE(CliOutput::deliveryStatus(r), QStringLiteral("no answer"));
    }

    void keyValuesAlignTheValues()
    {
        QCOMPARE(CliOutput::keyValues({{QStringLiteral("url"), QStringLiteral("u")},
                     {QStringLiteral("latency"), QStringLiteral("3 ms")}}),
            QStringLiteral("url      u\nlatency  3 ms\n"));
    }

    void toJsonEndsWithNewline()
    {
        QCOMPARE(CliOutput::toJson(QJsonArray()), QByteArray("[\n]\n"));
        QCOMPARE(CliOutput::toJson(QJsonValue(true)), QByteArray("true\n"));
        QCOMPARE(CliOutput::toJson(QJsonValue(QStringLiteral("x"))), QByteArray("\"x\"\n"));
    }

    void errorsSpeakOfTheCommandLine_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::newRow("missing key") << ApiError::missingApiKey();
        QTest::newRow("401") << ApiError::fromHttp(401, "{\"error\":\"authentication-error\",\"info\":\"bad key\"}");
        QTest::newRow("authorization header")
            << ApiError::fromHttp(400, "{\"error\":\"authorization-header-error\",\"info\":\"missing\"}");
        QTest::newRow("403") << ApiError::fromHttp(403, "{}");
        QTest::newRow("404") << ApiError::fromHttp(404, "");
        QTest::newRow("429") << ApiError::fromHttp(429, "");
        QTest::newRow("500") << ApiError::fromHttp(500, "oops");
        QTest::newRow("validation") << ApiError::fromHttp(
            400, "{\"error\":\"invalid-request-error\",\"info\":\"\\\"url\\\" is required\"}");
        QTest::newRow("json parsing") << ApiError::fromHttp(400, "{\"error\":\"json-parsing-error\",\"info\":\"x\"}");
        QTest::newRow("other 4xx") << ApiError::fromHttp(409, "{}");
        QTest::newRow("not json") << ApiError::invalidResponse(200, "<html>", QStringLiteral("not JSON"));
        QTest::newRow("dns") << ApiError::fromNetwork(QNetworkReply::HostNotFoundError, QStringLiteral("x"));
        QTest::newRow("refused") << ApiError::fromNetwork(QNetworkReply::ConnectionRefusedError, QStringLiteral("x"));
        QTest::newRow("tls") << ApiError::fromNetwork(QNetworkReply::SslHandshakeFailedError, QStringLiteral("x"));
        QTest::newRow("network") << ApiError::fromNetwork(QNetworkReply::UnknownNetworkError, QStringLiteral("x"));
        QTest::newRow("timeout") << ApiError::timeout(30);
        QTest::newRow("cancelled") << ApiError::cancelled();
    }
    void errorsSpeakOfTheCommandLine()
    {
        QFETCH(ApiError, error);
        const QString sentence = CliOutput::errorSentence(error);
        QVERIFY(sentence.startsWith(error.message));
        QVERIFY2(!CliOutput::hintFor(error).isEmpty(), qPrintable(sentence));
        // The desktop app's hints point at its Settings dialog, which a terminal does not have.
        QVERIFY2(!sentence.contains(QLatin1String("Settings")), qPrintable(sentence));
        QVERIFY(!sentence.contains(QLatin1Char('\n')));
        const QJsonObject json = CliOutput::errorJson(error);
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), ApiError::kindName(error.kind));
        QCOMPARE(json.value(QStringLiteral("message")).toString(), error.message);
    }

    void detailsRedactTheBody()
    {
        const QByteArray body = QByteArrayLiteral("{\"error\":\"x\",\"hmac\":\"") + kHmac.toUtf8() + "\"}";
        const ApiError error = ApiError::invalidResponse(200, body, QStringLiteral("odd"));
        const QString details = CliOutput::details(error);
        QVERIFY(!details.contains(kHmac));
        QVERIFY(details.contains(CliOutput::Redacted));
        QVERIFY(details.contains(QLatin1String("HTTP status: 200")));
    }
};

QTEST_GUILESS_MAIN(tst_CliOutput)
#include "tst_CliOutput.moc"
