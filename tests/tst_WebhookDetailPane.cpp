// The detail pane: every field Daily returned, masked secrets, local times, and odd answers that never crash.

#include "SecretClipboard.h"
#include "Webhook.h"
#include "WebhookDetailPane.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

namespace {
const char* kDocumented = R"({"uuid":"0b4e4c7c-5eaf-46fe-990b-a3752f5684f5","url":"https:\/\/example.com\/hook",
"hmac":"NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=","basicAuth":null,
"eventTypes":["recording.started","recording.ready-to-download"],"state":"ACTIVE","failedCount":0,
"lastMomentPushed":"2023-08-15T18:29:52.000Z","domainId":"d0d0","createdAt":"2023-08-15T18:28:30.000Z",
"updatedAt":"2023-08-15T18:29:52.000Z","retryType":"circuit-breaker"})";

Webhook parse(const char* json)
{
    return Webhook::fromJson(QJsonDocument::fromJson(QByteArray(json)).object());
}
} // namespace

class tst_WebhookDetailPane : public QObject
{
    Q_OBJECT

private slots:
    void emptyUntilAWebhookArrives()
    {
        WebhookDetailPane pane;
        auto* empty = pane.findChild<QWidget*>(QStringLiteral("emptyPage"));
        auto* details = pane.findChild<QWidget*>(QStringLiteral("detailsPage"));
        QVERIFY(!empty->isHidden());
        QVERIFY(details->isHidden());
        pane.setWebhook(parse(kDocumented));
        QVERIFY(empty->isHidden());
        QVERIFY(!details->isHidden());
    }

    void showsEveryFieldWithTheHmacMasked()
    {
        WebhookDetailPane pane;
        pane.setWebhook(parse(kDocumented));
        QCOMPARE(pane.displayedText(QStringLiteral("uuid")), QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
        QCOMPARE(pane.displayedText(QStringLiteral("url")), QStringLiteral("https://example.com/hook"));
        QVERIFY(pane.displayedText(QStringLiteral("state")).contains(QLatin1String("ACTIVE")));
        QCOMPARE(pane.displayedText(QStringLiteral("retryType")), QStringLiteral("circuit-breaker"));
        QCOMPARE(pane.displayedText(QStringLiteral("eventTypes")),
            QStringLiteral("recording.started\nrecording.ready-to-download"));
        QCOMPARE(pane.displayedText(QStringLiteral("failedCount")), QStringLiteral("0"));
        QCOMPARE(pane.displayedText(QStringLiteral("domainId")), QStringLiteral("d0d0"));
        QCOMPARE(pane.displayedText(QStringLiteral("basicAuth")), QStringLiteral("none"));

        const QString hmac = pane.displayedText(QStringLiteral("hmac"));
        QVERIFY(!hmac.contains(QLatin1String("NQrSA")));
        QVERIFY(!hmac.isEmpty());
        pane.setHmacRevealed(true);
        QCOMPARE(
            pane.displayedText(QStringLiteral("hmac")), QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        pane.setHmacRevealed(false);
        QVERIFY(!pane.displayedText(QStringLiteral("hmac")).contains(QLatin1String("NQrSA")));
    }

    void testEventButtonHandsOverTheWebhook()
    {
        WebhookDetailPane pane;
        QSignalSpy requested(&pane, &WebhookDetailPane::testEventRequested);
        pane.setWebhook(parse(kDocumented));
        pane.show();
        auto* button = pane.findChild<QPushButton*>(QStringLiteral("testEventButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        const auto webhook = requested.at(0).at(0).value<Webhook>();
        QCOMPARE(webhook.url, QStringLiteral("https://example.com/hook"));
        QCOMPARE(webhook.hmac, QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
    }

    void timesAreLocalWithIsoInTheTooltip()
    {
        WebhookDetailPane pane;
        pane.setWebhook(parse(kDocumented));
        auto* created = pane.findChild<QLabel*>(QStringLiteral("createdAtValue"));
        QCOMPARE(created->toolTip(), QStringLiteral("2023-08-15T18:28:30.000Z"));
        const QDateTime local
            = QDateTime::fromString(QStringLiteral("2023-08-15T18:28:30.000Z"), Qt::ISODateWithMs).toLocalTime();
        QCOMPARE(created->text(), QLocale().toString(local, QLocale::LongFormat));
    }

    void copyPutsTheWholeSecretOnTheClipboard()
    {
        WebhookDetailPane pane;
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setWebhook(parse(kDocumented));
        QSignalSpy copied(&pane, &WebhookDetailPane::copied);
        QTest::mouseClick(pane.findChild<QToolButton*>(QStringLiteral("hmacCopyButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        QCOMPARE(copied.count(), 1);
        QVERIFY(!copied.at(0).at(0).toString().contains(QLatin1String("NQrSA")));
        QTest::mouseClick(pane.findChild<QToolButton*>(QStringLiteral("uuidCopyButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
    }

    void secretsAreCopiedAsSecretsAndTheUuidIsNot()
    {
        WebhookDetailPane pane;
        SecretClipboard shared;
        shared.setClearDelayMs(200);
        pane.setSecretClipboard(&shared);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const QByteArray json
            = QByteArray(kDocumented)
                  .replace("\"basicAuth\":null", "\"basicAuth\":\"YWxpY2U6ZGV0YWlsLXBhbmUtcGFzc3dvcmQ=\"");
        pane.setWebhook(parse(json.constData()));
        QClipboard* clipboard = QGuiApplication::clipboard();
        const auto marked = [clipboard] {
            return clipboard->mimeData()->data(SecretClipboard::PasswordManagerHintMimeType) == "secret";
        };

        QSignalSpy copied(&pane, &WebhookDetailPane::copied);
        pane.copyHmac();
        QCOMPARE(clipboard->text(), QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        QVERIFY(marked());
        QVERIFY(copied.last().at(0).toString().contains(QLatin1String("cleared")));
        QTRY_VERIFY_WITH_TIMEOUT(clipboard->text().isEmpty(), 3000);

        auto* basicAuthCopy = pane.findChild<QToolButton*>(QStringLiteral("basicAuthCopyButton"));
        QVERIFY(basicAuthCopy->isEnabled());
        QTest::mouseClick(basicAuthCopy, Qt::LeftButton);
        QCOMPARE(clipboard->text(), QStringLiteral("YWxpY2U6ZGV0YWlsLXBhbmUtcGFzc3dvcmQ="));
        QVERIFY(marked());
        QVERIFY(!copied.last().at(0).toString().contains(QLatin1String("YWxpY2")));

        pane.copyUuid();
        QCOMPARE(clipboard->text(), QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
        QVERIFY(!marked());

        // The Copy buttons are the only way out: the revealed secrets cannot be selected and copied as plain text.
        pane.setHmacRevealed(true);
        for (const char* name : {"hmacValue", "basicAuthValue"})
            QCOMPARE(pane.findChild<QLabel*>(QLatin1String(name))->textInteractionFlags(), Qt::NoTextInteraction);
        // Without basic auth there is nothing to copy.
        pane.setWebhook(parse(kDocumented));
        QVERIFY(!basicAuthCopy->isEnabled());
    }

    void unexpectedAnswersShowAsSuch_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("shown");
        QTest::newRow("missing field") << QByteArray(R"({"uuid":"u"})") << "url"
                                       << "not sent by Daily";
        QTest::newRow("null state") << QByteArray(R"({"uuid":"u","state":null})") << "state"
                                    << "none";
        QTest::newRow("number where a string belongs") << QByteArray(R"({"uuid":"u","url":42})") << "url"
                                                       << "unexpected value: 42";
        QTest::newRow("object as event types") << QByteArray(R"({"uuid":"u","eventTypes":{"a":1}})") << "eventTypes"
                                               << "unexpected value: {\"a\":1}";
        QTest::newRow("garbage time") << QByteArray(R"({"uuid":"u","createdAt":"yesterday"})") << "createdAt"
                                      << "unexpected value: \"yesterday\"";
        QTest::newRow("legacy numeric state") << QByteArray(R"({"uuid":"u","state":0})") << "state"
                                              << "⚠ FAILED (not delivering events)";
        QTest::newRow("unknown state string") << QByteArray(R"({"uuid":"u","state":"INACTIVE"})") << "state"
                                              << "⚠ INACTIVE (not delivering events)";
        QTest::newRow("never pushed") << QByteArray(R"({"uuid":"u","lastMomentPushed":null})") << "lastMomentPushed"
                                      << "never";
        QTest::newRow("no hmac") << QByteArray(R"({"uuid":"u"})") << "hmac"
                                 << "not sent by Daily";
    }

    void unexpectedAnswersShowAsSuch()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, shown);
        WebhookDetailPane pane;
        pane.setWebhook(parse(json.constData()));
        QCOMPARE(pane.displayedText(field), shown);
        // Nothing to copy or reveal when there is no secret.
        if (field == QLatin1String("hmac"))
            QVERIFY(!pane.findChild<QToolButton*>(QStringLiteral("hmacCopyButton"))->isEnabled());
    }
};

QTEST_MAIN(tst_WebhookDetailPane)
#include "tst_WebhookDetailPane.moc"
