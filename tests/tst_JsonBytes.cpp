// JsonBytes::compacted and indented: whitespace between tokens goes (or is laid out for reading), every byte inside
// strings stays (escaped quotes and backslashes included), key order and number spelling stay.

#include "JsonBytes.h"

#include <QTest>

class tst_JsonBytes : public QObject
{
    Q_OBJECT

private slots:
    void compacted_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("already compact") << QByteArray("{\"a\":1}") << QByteArray("{\"a\":1}");
        QTest::newRow("indented") << QByteArray("{\n  \"b\": 1,\r\n\t\"a\": [1, 2]\n}\n")
                                  << QByteArray("{\"b\":1,\"a\":[1,2]}");
        QTest::newRow("spaces inside strings kept")
            << QByteArray("{ \"a b\" : \" x \\t y \" }") << QByteArray("{\"a b\":\" x \\t y \"}");
        QTest::newRow("escaped quote does not end the string")
            << QByteArray("{\"q\": \"say \\\" hi \"}") << QByteArray("{\"q\":\"say \\\" hi \"}");
        QTest::newRow("escaped backslash before the closing quote")
            << QByteArray("{\"p\": \"c:\\\\\" , \"n\": 1}") << QByteArray("{\"p\":\"c:\\\\\",\"n\":1}");
        QTest::newRow("numbers spelled as written") << QByteArray("[1.50, 1e3 , -0]") << QByteArray("[1.50,1e3,-0]");
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }
    void compacted()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, expected);
        QCOMPARE(JsonBytes::compacted(json), expected);
    }

    void indented_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("Daily's order kept, not sorted")
            << QByteArray("{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"payload\":{\"b\":1,\"a\":[1,2]},"
                          "\"event_ts\":1708526033.049}")
            << QByteArray("{\n    \"version\": \"1.0.0\",\n    \"type\": \"meeting.started\",\n    \"payload\": {\n"
                          "        \"b\": 1,\n        \"a\": [\n            1,\n            2\n        ]\n    },\n"
                          "    \"event_ts\": 1708526033.049\n}");
        QTest::newRow("empty object and array")
            << QByteArray("{\"a\": {}, \"b\": [ ]}") << QByteArray("{\n    \"a\": {},\n    \"b\": []\n}");
        QTest::newRow("punctuation inside strings kept")
            << QByteArray("[\"a,b:{c}\", \"q\\\"[\"]") << QByteArray("[\n    \"a,b:{c}\",\n    \"q\\\"[\"\n]");
        QTest::newRow("numbers spelled as written")
            << QByteArray("[1.50,1e3]") << QByteArray("[\n    1.50,\n    1e3\n]");
        QTest::newRow("a scalar") << QByteArray(" 42 ") << QByteArray("42");
    }
    void indented()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, expected);
        QCOMPARE(JsonBytes::indented(json), expected);
    }
};

QTEST_GUILESS_MAIN(tst_JsonBytes)
#include "tst_JsonBytes.moc"
