// The built-in catalog of Daily's 32 webhook event types, and the errors of the catalog parser.

#include "EventCatalog.h"

#include <QJsonParseError>
#include <QSet>
#include <QTest>

class tst_EventCatalog : public QObject
{
    Q_OBJECT

private slots:
    void builtInHas32UniqueTypes();
    void builtInFamiliesInOrder();
    void builtInEventsAreComplete();
    void lookups();
    void fromJsonValid();
    void fromJsonErrors_data();
    void fromJsonErrors();
};

void tst_EventCatalog::builtInHas32UniqueTypes()
{
    const EventCatalog& catalog = EventCatalog::builtIn();
    QCOMPARE(catalog.size(), 32);
    const QStringList types = catalog.types();
    QCOMPARE(types.size(), 32);
    QCOMPARE(QSet<QString>(types.cbegin(), types.cend()).size(), 32);
    // Names that community code uses but Daily does not have.
    for (const char* missing : {"recording.ready", "recording.finished", "transcript.ready"})
        QVERIFY2(!catalog.contains(QString::fromLatin1(missing)), missing);
}

void tst_EventCatalog::builtInFamiliesInOrder()
{
    QStringList ids;
    for (const EventCatalog::Family& family : EventCatalog::builtIn().families()) {
        ids.append(family.id);
        QVERIFY2(!family.title.isEmpty(), qPrintable(family.id));
    }
    QCOMPARE(ids,
        QStringList({QStringLiteral("meeting"), QStringLiteral("participant"), QStringLiteral("waiting-participant"),
            QStringLiteral("recording"), QStringLiteral("transcript"), QStringLiteral("streaming"),
            QStringLiteral("batch-processor"), QStringLiteral("dialout"), QStringLiteral("dialin"),
            QStringLiteral("calltransfer")}));
}

void tst_EventCatalog::builtInEventsAreComplete()
{
    const EventCatalog& catalog = EventCatalog::builtIn();
    QSet<QString> familyIds;
    for (const EventCatalog::Family& family : catalog.families())
        familyIds.insert(family.id);

    int counted = 0;
    for (const EventCatalog::Event& event : catalog.events()) {
        const QByteArray name = event.type.toUtf8();
        QVERIFY2(familyIds.contains(event.family), name.constData());
        // A type is named after its family: "<family>.<event>".
        QVERIFY2(event.type.startsWith(event.family + QLatin1Char('.')), name.constData());
        QVERIFY2(!event.description.isEmpty(), name.constData());
        QVERIFY2(!event.sample.isEmpty(), name.constData());
        QCOMPARE(event.sample.value(QStringLiteral("type")).toString(), event.type);
        QVERIFY2(event.sample.value(QStringLiteral("payload")).isObject(), name.constData());
        QVERIFY2(event.sample.value(QStringLiteral("event_ts")).isDouble(), name.constData());
    }
    for (const QString& family : familyIds) {
        QVERIFY2(!catalog.eventsOfFamily(family).isEmpty(), qPrintable(family));
        counted += int(catalog.eventsOfFamily(family).size());
    }
    QCOMPARE(counted, 32);
    QCOMPARE(catalog.eventsOfFamily(QStringLiteral("calltransfer")).size(), 4);
}

void tst_EventCatalog::lookups()
{
    const EventCatalog& catalog = EventCatalog::builtIn();
    QVERIFY(catalog.contains(QStringLiteral("meeting.started")));
    QVERIFY(catalog.contains(QStringLiteral("calltransfer.completed")));
    const EventCatalog::Event* event = catalog.event(QStringLiteral("recording.ready-to-download"));
    QVERIFY(event);
    QCOMPARE(event->family, QStringLiteral("recording"));
    QCOMPARE(catalog.event(QStringLiteral("no.such-event")), nullptr);
    QVERIFY(catalog.eventsOfFamily(QStringLiteral("no-such-family")).isEmpty());
}

void tst_EventCatalog::fromJsonValid()
{
    QString error;
    const EventCatalog catalog
        = EventCatalog::fromJson(R"({"families":[{"id":"meeting","title":"Meetings"}],)"
                                 R"("events":[{"type":"meeting.started","family":"meeting","description":"d",)"
                                 R"("sample":{"type":"meeting.started"}}]})",
            &error);
    QVERIFY2(!catalog.isEmpty(), qPrintable(error));
    QCOMPARE(catalog.size(), 1);
    QCOMPARE(catalog.types(), QStringList {QStringLiteral("meeting.started")});
    QCOMPARE(catalog.families().first().title, QStringLiteral("Meetings"));
}

void tst_EventCatalog::fromJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");

    const QByteArray families = R"("families":[{"id":"meeting","title":"Meetings"}])";
    const QByteArray started = R"({"type":"meeting.started","family":"meeting","description":"d"})";
    QTest::newRow("not JSON") << QByteArrayLiteral("not json");
    QTest::newRow("an array, not an object") << QByteArrayLiteral("[]");
    QTest::newRow("empty object") << QByteArrayLiteral("{}");
    QTest::newRow("no events") << QByteArray("{" + families + R"(,"events":[]})");
    QTest::newRow("duplicate type") << QByteArray("{" + families + R"(,"events":[)" + started + "," + started + "]}");
    QTest::newRow("unknown family") << QByteArray(
        "{" + families + R"(,"events":[{"type":"dialin.ready","family":"dialin","description":"d"}]})");
    QTest::newRow("event without a type")
        << QByteArray("{" + families + R"(,"events":[{"family":"meeting","description":"d"}]})");
    QTest::newRow("family without an id")
        << QByteArray(R"({"families":[{"title":"Meetings"}],"events":[)" + started + "]}");
}

void tst_EventCatalog::fromJsonErrors()
{
    QFETCH(QByteArray, json);

    QString error;
    const EventCatalog catalog = EventCatalog::fromJson(json, &error);
    QVERIFY(catalog.isEmpty());
    QCOMPARE(catalog.size(), 0);
    QVERIFY(!error.isEmpty());
    QJsonParseError noError;
    noError.error = QJsonParseError::NoError;
    QVERIFY2(error != noError.errorString(), qPrintable(error));
    // The error pointer is optional.
    QVERIFY(EventCatalog::fromJson(json).isEmpty());
}

QTEST_GUILESS_MAIN(tst_EventCatalog)
#include "tst_EventCatalog.moc"
