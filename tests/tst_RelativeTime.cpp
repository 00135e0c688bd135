// How long ago a moment was, as the webhook table shows it.

#include "RelativeTime.h"

#include <QTest>

class tst_RelativeTime : public QObject
{
    Q_OBJECT

private slots:
    void format_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("now") << qint64(0) << "just now";
        QTest::newRow("half a minute") << qint64(30) << "just now";
        QTest::newRow("a minute") << qint64(60) << "1 min ago";
        QTest::newRow("rounds to the nearest minute") << qint64(5 * 60 + 40) << "6 min ago";
        QTest::newRow("two hours") << qint64(2 * 3600 + 59) << "2 h ago";
        QTest::newRow("a day") << qint64(86400) << "1 day(s) ago";
        QTest::newRow("clock skew of a few seconds") << qint64(-20) << "just now";
        QTest::newRow("far in the future") << qint64(-3600) << "in the future";
    }

    void format()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, expected);
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-11-29T12:00:00Z"), Qt::ISODate);
        QCOMPARE(RelativeTime::format(now.addSecs(-secondsAgo), now), expected);
    }

    void neverAndLongAgo()
    {
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-11-29T12:00:00Z"), Qt::ISODate);
        QCOMPARE(RelativeTime::format(QDateTime(), now), QStringLiteral("never"));
        const QDateTime old = now.addDays(-400);
        QCOMPARE(RelativeTime::format(old, now), QLocale().toString(old.toLocalTime().date(), QLocale::ShortFormat));
    }
};

QTEST_GUILESS_MAIN(tst_RelativeTime)
#include "tst_RelativeTime.moc"
