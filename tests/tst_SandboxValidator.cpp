// The sandbox's schema check as a table: accepted bodies for create and update, the first problem of each kind
// worded as Daily's Joi-style `info`, the order problems are found in, and how long input is clipped when quoted.

#include "EventCatalog.h"
#include "Limits.h"
#include "SandboxValidator.h"

#include <QJsonDocument>
#include <QTest>

namespace {

using Operation = SandboxValidator::Operation;

// Two event types, so "must be one of [...]" is short enough to write out.
const char* const kCatalogJson = R"({
  "families": [{"id": "meeting", "title": "Meeting"}],
  "events": [
    {"type": "meeting.started", "family": "meeting", "description": "d", "sample": {}},
    {"type": "meeting.ended", "family": "meeting", "description": "d", "sample": {}}
  ]
})";

const EventCatalog& catalog()
{
    static const EventCatalog small = EventCatalog::fromJson(kCatalogJson);
    return small;
}

// JSON written with single quotes, which read more easily in a table (and keep raw strings, which moc cannot
// read in a class body, out of it).
QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json).replace('\'', '"')).object();
}

} // namespace

class tst_SandboxValidator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QCOMPARE(catalog().size(), 2); }

    void check_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<bool>("create"); // false: an update
        QTest::addColumn<QString>("problem"); // empty: accepted

        const QString none;
        QTest::newRow("create: url only") << object("{'url':'https://example.com/h'}") << true << none;
        QTest::newRow("create: every field")
            << object("{'url':'http://127.0.0.1:9/h','basicAuth':'dTpw','retryType':'exponential',"
                      "'eventTypes':['meeting.started','meeting.ended'],'hmac':'c2VjcmV0'}")
            << true << none;
        QTest::newRow("create: an empty event list")
            << object("{'url':'https://e.test/h','eventTypes':[]}") << true << none;
        QTest::newRow("update: nothing at all") << QJsonObject() << false << none;
        QTest::newRow("update: one field") << object("{'retryType':'circuit-breaker'}") << false << none;

        QTest::newRow("create: url missing") << QJsonObject() << true << QStringLiteral("\"url\" is required");
        QTest::newRow("create: url not a string")
            << object("{'url':7}") << true << QStringLiteral("\"url\" must be a string");
        QTest::newRow("update: url null")
            << object("{'url':null}") << false << QStringLiteral("\"url\" must be a string");
        QTest::newRow("update: url empty")
            << object("{'url':''}") << false << QStringLiteral("\"url\" is not allowed to be empty");
        QTest::newRow("create: url relative")
            << object("{'url':'/h'}") << true << QStringLiteral("\"url\" must be a valid uri");
        QTest::newRow("create: url without host")
            << object("{'url':'https:///h'}") << true << QStringLiteral("\"url\" must be a valid uri");
        QTest::newRow("create: url of another scheme")
            << object("{'url':'ftp://e.test/h'}") << true << QStringLiteral("\"url\" must be a valid uri");
        QTest::newRow("create: basicAuth a number") << object("{'url':'https://e.test/h','basicAuth':1}") << true
                                                    << QStringLiteral("\"basicAuth\" must be a string");
        QTest::newRow("update: basicAuth empty")
            << object("{'basicAuth':''}") << false << QStringLiteral("\"basicAuth\" is not allowed to be empty");
        QTest::newRow("update: retryType outside the enum")
            << object("{'retryType':'linear'}") << false
            << QStringLiteral("\"retryType\" must be one of [circuit-breaker, exponential]");
        QTest::newRow("update: retryType not a string")
            << object("{'retryType':['exponential']}") << false
            << QStringLiteral("\"retryType\" must be one of [circuit-breaker, exponential]");
        QTest::newRow("update: eventTypes an object")
            << object("{'eventTypes':{}}") << false << QStringLiteral("\"eventTypes\" must be an array");
        QTest::newRow("update: eventTypes item not a string")
            << object("{'eventTypes':['meeting.started',null]}") << false
            << QStringLiteral("\"eventTypes[1]\" must be a string");
        QTest::newRow("update: unknown event named, with its index")
            << object("{'eventTypes':['meeting.ended','meeting.strated']}") << false
            << QStringLiteral("\"eventTypes[1]\" must be one of [meeting.started, meeting.ended], received "
                              "\"meeting.strated\"");
        QTest::newRow("update: hmac not base64")
            << object("{'hmac':'whsec_abc'}") << false << QStringLiteral("\"hmac\" must be a valid base64 string");
        QTest::newRow("update: hmac without its padding")
            << object("{'hmac':'YWJjZA'}") << false << QStringLiteral("\"hmac\" must be a valid base64 string");
        QTest::newRow("update: hmac empty")
            << object("{'hmac':''}") << false << QStringLiteral("\"hmac\" is not allowed to be empty");
        QTest::newRow("update: an unknown field")
            << object("{'scope':'domain'}") << false << QStringLiteral("\"scope\" is not allowed");
        QTest::newRow("update: a read-only field")
            << object("{'state':'ACTIVE'}") << false << QStringLiteral("\"state\" is not allowed");

        // Joi stops at the first problem, visiting the schema's keys in order, then the unknown ones.
        QTest::newRow("order: url before retryType")
            << object("{'retryType':'x','url':'/h'}") << true << QStringLiteral("\"url\" must be a valid uri");
        QTest::newRow("order: required url before an unknown field")
            << object("{'scope':'x'}") << true << QStringLiteral("\"url\" is required");
        QTest::newRow("order: eventTypes before hmac")
            << object("{'hmac':'!','eventTypes':'x'}") << false << QStringLiteral("\"eventTypes\" must be an array");
        QTest::newRow("order: known fields before unknown ones")
            << object("{'aaa':1,'hmac':'!'}") << false << QStringLiteral("\"hmac\" must be a valid base64 string");
    }

    void check()
    {
        QFETCH(QJsonObject, body);
        QFETCH(bool, create);
        QFETCH(QString, problem);
        QCOMPARE(SandboxValidator::check(body, create ? Operation::Create : Operation::Update, catalog()), problem);
    }

    void longInputIsClippedWhenQuoted()
    {
        const QString longName(Limits::MaxEchoedRequestChars + 50, QLatin1Char('x'));
        const QString problem = SandboxValidator::check(QJsonObject {{longName, 1}}, Operation::Update, catalog());
        QCOMPARE(problem,
            QLatin1Char('"') + QString(Limits::MaxEchoedRequestChars, QLatin1Char('x')) + QChar(0x2026)
                + QStringLiteral("\" is not allowed"));
    }

    void clip_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("clipped");

        const int max = Limits::MaxEchoedRequestChars;
        const QString full(max, QLatin1Char('a'));
        QTest::newRow("short stays") << QStringLiteral("abc") << QStringLiteral("abc");
        QTest::newRow("exactly the limit stays") << full << full;
        QTest::newRow("one more is cut with an ellipsis") << full + QLatin1Char('b') << full + QChar(0x2026);
        // A character outside the BMP straddling the limit is dropped whole, never halved.
        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
        const QString straddling = QString(max - 1, QLatin1Char('a')) + emoji + QLatin1Char('z');
        QTest::newRow("never half a character") << straddling << QString(max - 1, QLatin1Char('a')) + QChar(0x2026);
        QTest::newRow("a whole one before the limit stays") << QString(max - 2, QLatin1Char('a')) + emoji
                + QLatin1Char('z') << QString(max - 2, QLatin1Char('a')) + emoji + QChar(0x2026);
    }

    void clip()
    {
        QFETCH(QString, input);
        QFETCH(QString, clipped);
        QCOMPARE(SandboxValidator::clip(input), clipped);
    }

    void acceptableUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("acceptable");

        QTest::newRow("https") << QStringLiteral("https://example.com/hook") << true;
        QTest::newRow("http") << QStringLiteral("http://example.com/hook") << true;
        QTest::newRow("with a port and query") << QStringLiteral("https://e.test:8443/h?x=1") << true;
        QTest::newRow("relative") << QStringLiteral("/hook") << false;
        QTest::newRow("no host") << QStringLiteral("https:///hook") << false;
        QTest::newRow("another scheme") << QStringLiteral("ftp://example.com/hook") << false;
        QTest::newRow("an upper-case scheme reads as lower case") << QStringLiteral("HTTPS://example.com/hook") << true;
        QTest::newRow("spaces") << QStringLiteral("https://exa mple.com/") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void acceptableUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, acceptable);
        QCOMPARE(SandboxValidator::isAcceptableUrl(url), acceptable);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxValidator)
#include "tst_SandboxValidator.moc"
