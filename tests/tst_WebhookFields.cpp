// Daily's field names, written once: the names pin the wire format of reference/daily-api.md §1, the lists say
// which fields a request may set and which hold secrets, and nothing else in a webhook's JSON is either.

#include "Webhook.h"
#include "WebhookFields.h"

#include <QSet>
#include <QTest>

class tst_WebhookFields : public QObject
{
    Q_OBJECT

private slots:
    void namesAreDailys();
    void writableFieldsInDailysOrder();
    void secretFields();
    void isWritable_data();
    void isWritable();
    void isSecret_data();
    void isSecret();
};

void tst_WebhookFields::namesAreDailys()
{
    // Spelled out here on purpose: the constants must match Daily's camelCase keys exactly.
    QCOMPARE(WebhookFields::all(),
        QStringList({QStringLiteral("uuid"), QStringLiteral("url"), QStringLiteral("state"),
            QStringLiteral("retryType"), QStringLiteral("eventTypes"), QStringLiteral("failedCount"),
            QStringLiteral("lastMomentPushed"), QStringLiteral("domainId"), QStringLiteral("createdAt"),
            QStringLiteral("updatedAt"), QStringLiteral("basicAuth"), QStringLiteral("hmac")}));
    QCOMPARE(QSet<QString>(WebhookFields::all().cbegin(), WebhookFields::all().cend()).size(), 12);
    // The webhook reads and writes exactly these fields.
    QCOMPARE(Webhook::fieldNames(), WebhookFields::all());
    QStringList written = Webhook().toJson().keys();
    QStringList all = WebhookFields::all();
    written.sort();
    all.sort();
    QCOMPARE(written, all);
}

void tst_WebhookFields::writableFieldsInDailysOrder()
{
    // The body fields of create and update, in the order Daily's schema checks them (and its errors name them).
    QCOMPARE(WebhookFields::writable(),
        QStringList({QStringLiteral("url"), QStringLiteral("basicAuth"), QStringLiteral("retryType"),
            QStringLiteral("eventTypes"), QStringLiteral("hmac")}));
    for (const QString& field : WebhookFields::writable())
        QVERIFY2(WebhookFields::all().contains(field), qPrintable(field));
}

void tst_WebhookFields::secretFields()
{
    QCOMPARE(WebhookFields::secret(), QStringList({QStringLiteral("basicAuth"), QStringLiteral("hmac")}));
    for (const QString& field : WebhookFields::secret())
        QVERIFY2(WebhookFields::writable().contains(field), qPrintable(field));
}

void tst_WebhookFields::isWritable_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("writable");

    QTest::newRow("url") << QStringLiteral("url") << true;
    QTest::newRow("eventTypes") << QStringLiteral("eventTypes") << true;
    QTest::newRow("hmac") << QStringLiteral("hmac") << true;
    QTest::newRow("uuid is Daily's") << QStringLiteral("uuid") << false;
    QTest::newRow("state is Daily's") << QStringLiteral("state") << false;
    QTest::newRow("another case is another name") << QStringLiteral("URL") << false;
    QTest::newRow("unknown") << QStringLiteral("scope") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_WebhookFields::isWritable()
{
    QFETCH(QString, name);
    QFETCH(bool, writable);
    QCOMPARE(WebhookFields::isWritable(name), writable);
}

void tst_WebhookFields::isSecret_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("exactCase");
    QTest::addColumn<bool>("anyCase");

    QTest::newRow("hmac") << QStringLiteral("hmac") << true << true;
    QTest::newRow("basicAuth") << QStringLiteral("basicAuth") << true << true;
    QTest::newRow("HMAC") << QStringLiteral("HMAC") << false << true;
    QTest::newRow("basicauth") << QStringLiteral("basicauth") << false << true;
    QTest::newRow("url") << QStringLiteral("url") << false << false;
    QTest::newRow("hmacs") << QStringLiteral("hmacs") << false << false;
}

void tst_WebhookFields::isSecret()
{
    QFETCH(QString, name);
    QFETCH(bool, exactCase);
    QFETCH(bool, anyCase);
    QCOMPARE(WebhookFields::isSecret(name), exactCase);
    QCOMPARE(WebhookFields::isSecret(name, Qt::CaseInsensitive), anyCase);
}

QTEST_GUILESS_MAIN(tst_WebhookFields)
#include "tst_WebhookFields.moc"
