// Text made fit to show: values elided to a length, and bytes from a stranger (a delivery's body or header) judged
// plain text or escaped so that nothing in them reaches a terminal or a pasted command as anything but text.

#include "DisplayText.h"

#include <QTest>

class tst_DisplayText : public QObject
{
    Q_OBJECT

private slots:
    void elidedKeepsSurrogatePairsWhole()
    {
        QCOMPARE(DisplayText::elided(QStringLiteral("abc"), 3), QStringLiteral("abc"));
        QCOMPARE(DisplayText::elided(QStringLiteral("abcd"), 3), QStringLiteral("ab\u2026"));
        const QString emoji = QStringLiteral("a\U0001F600b");
        QCOMPARE(DisplayText::elided(emoji, 3), QStringLiteral("a\u2026"));
    }

    void plainTextAndItsEscapes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("allowed");
        QTest::addColumn<bool>("plain");
        QTest::addColumn<QString>("escaped");
        const QString none;
        const QString lines = QStringLiteral("\n\t");
        QTest::newRow("empty") << QByteArray() << none << true << QString();
        QTest::newRow("ASCII") << QByteArray("{\"a\":1}") << none << true << QStringLiteral("{\"a\":1}");
        QTest::newRow("UTF-8") << QByteArray("Zo\xc3\xab \xe6\x9d\xb1 \xf0\x9f\x98\x80") << none << true
                               << QStringLiteral("Zo\u00eb \u6771 \U0001F600");
        QTest::newRow("a backslash is doubled only in the escaped form")
            << QByteArray("a\\\"b") << none << true << QStringLiteral("a\\\\\"b");
        QTest::newRow("newline refused") << QByteArray("a\nb") << none << false << QStringLiteral("a\\x0ab");
        QTest::newRow("newline and tab allowed") << QByteArray("a\n\tb") << lines << true << QStringLiteral("a\n\tb");
        QTest::newRow("CR") << QByteArray("a\r\n") << lines << false << QStringLiteral("a\\x0d\n");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << lines << false << QStringLiteral("a\\x00b");
        QTest::newRow("an escape sequence")
            << QByteArray("\x1b]0;owned\x07") << lines << false << QStringLiteral("\\x1b]0;owned\\x07");
        QTest::newRow("DEL") << QByteArray("\x7f") << none << false << QStringLiteral("\\x7f");
        QTest::newRow("C1 control") << QByteArray("\xc2\x9b") << none << false << QStringLiteral("\\xc2\\x9b");
        QTest::newRow("bidirectional override")
            << QByteArray("a\xe2\x80\xae") << none << false << QStringLiteral("a\\xe2\\x80\\xae");
        QTest::newRow("line separator") << QByteArray("\xe2\x80\xa8") << lines << false
                                        << QStringLiteral("\\xe2\\x80\\xa8");
        QTest::newRow("a lone continuation byte") << QByteArray("a\x80") << none << false << QStringLiteral("a\\x80");
        QTest::newRow("a truncated sequence")
            << QByteArray("\xe6\x9d") << none << false << QStringLiteral("\\xe6\\x9d");
        QTest::newRow("an overlong slash") << QByteArray("\xc0\xaf") << none << false << QStringLiteral("\\xc0\\xaf");
        QTest::newRow("an encoded surrogate")
            << QByteArray("\xed\xa0\x80") << none << false << QStringLiteral("\\xed\\xa0\\x80");
        QTest::newRow("not UTF-8 at all") << QByteArray("\xff\xfe") << none << false << QStringLiteral("\\xff\\xfe");
    }
    void plainTextAndItsEscapes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, allowed);
        QFETCH(bool, plain);
        QFETCH(QString, escaped);
        QCOMPARE(DisplayText::isPlainText(bytes, allowed), plain);
        QCOMPARE(DisplayText::escaped(bytes, allowed), escaped);
        QVERIFY(DisplayText::isPlainText(DisplayText::escaped(bytes, allowed).toUtf8(), allowed));
    }
};

QTEST_GUILESS_MAIN(tst_DisplayText)
#include "tst_DisplayText.moc"
