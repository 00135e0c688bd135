// The one lookup of header fields by name: any case matches, the first of several wins, a longer or shorter name
// does not match, and counting sees every field of that name.

#include "HttpHeaders.h"

#include <QTest>

class tst_HttpHeaders : public QObject
{
    Q_OBJECT

private slots:
    void value_data()
    {
        QTest::addColumn<HttpHeaders::List>("headers");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("expected");

        const HttpHeaders::List typical {
            {"Content-Type", "application/json"}, {"Authorization", "Bearer k3y"}, {"X-Webhook-Signature", "c2ln"}};
        QTest::newRow("same case") << typical << QByteArray("Authorization") << QByteArray("Bearer k3y");
        QTest::newRow("lower case asked") << typical << QByteArray("authorization") << QByteArray("Bearer k3y");
        QTest::newRow("upper case asked") << typical << QByteArray("X-WEBHOOK-SIGNATURE") << QByteArray("c2ln");
        QTest::newRow("absent") << typical << QByteArray("Cookie") << QByteArray();
        QTest::newRow("prefix of a name") << typical << QByteArray("Content") << QByteArray();
        QTest::newRow("longer than a name") << typical << QByteArray("Content-Type-Options") << QByteArray();
        QTest::newRow("no headers") << HttpHeaders::List() << QByteArray("Authorization") << QByteArray();
        QTest::newRow("first of two wins")
            << HttpHeaders::List {{"authorization", "Bearer first"}, {"Authorization", "Bearer second"}}
            << QByteArray("Authorization") << QByteArray("Bearer first");
        QTest::newRow("empty value") << HttpHeaders::List {{"Expect", ""}, {"expect", "100-continue"}}
                                     << QByteArray("Expect") << QByteArray();
    }
    void value()
    {
        QFETCH(HttpHeaders::List, headers);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, expected);

        QCOMPARE(HttpHeaders::value(headers, name), expected);
    }

    void count_data()
    {
        QTest::addColumn<HttpHeaders::List>("headers");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("expected");

        QTest::newRow("none") << HttpHeaders::List {{"Accept", "*/*"}} << QByteArray("Content-Length") << 0;
        QTest::newRow("one") << HttpHeaders::List {{"Accept", "*/*"}} << QByteArray("accept") << 1;
        QTest::newRow("repeated in other cases") << HttpHeaders::List {{"Content-Length", "5"}, {"Accept", "*/*"},
            {"content-length", "7"}, {"CONTENT-LENGTH", "5"}}
                                                 << QByteArray("Content-Length") << 3;
        QTest::newRow("prefix does not count")
            << HttpHeaders::List {{"Content-Length", "5"}} << QByteArray("Content") << 0;
    }
    void count()
    {
        QFETCH(HttpHeaders::List, headers);
        QFETCH(QByteArray, name);
        QFETCH(int, expected);

        QCOMPARE(HttpHeaders::count(headers, name), expected);
    }
};

QTEST_GUILESS_MAIN(tst_HttpHeaders)
#include "tst_HttpHeaders.moc"
