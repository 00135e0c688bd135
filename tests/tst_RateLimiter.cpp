// The client-side rate limiter: how long a request must wait, as a table driven by explicit times, and a
// simulation that checks the promise the class makes: whatever the latencies, no window at the server ever holds
// more requests than the limit.

#include "RateLimiter.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>
#include <vector>

namespace {

// Plays a script such as "0:b 0:b 100:e" against the limiter: `b` begins a request, `e` ends one, at that ms.
bool play(RateLimiter& limiter, const QString& script)
{
    const QStringList steps = script.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& step : steps) {
        const QStringList parts = step.split(QLatin1Char(':'));
        if (parts.size() != 2)
            return false;
        bool ok = false;
        const qint64 at = parts.at(0).toLongLong(&ok);
        if (!ok)
            return false;
        if (parts.at(1) == QLatin1String("b"))
            limiter.begin();
        else if (parts.at(1) == QLatin1String("e"))
            limiter.end(at);
        else
            return false;
    }
    return true;
}

// The most arrivals within any window of `windowMs` ending at an arrival, counted as the sandbox counts them.
int peakInWindow(std::vector<qint64> arrivals, qint64 windowMs)
{
    std::sort(arrivals.begin(), arrivals.end());
    int peak = 0;
    size_t first = 0;
    for (size_t last = 0; last < arrivals.size(); ++last) {
        while (arrivals[first] <= arrivals[last] - windowMs)
            ++first;
        peak = std::max(peak, int(last - first + 1));
    }
    return peak;
}

} // namespace

class tst_RateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void delay_data();
    void delay();
    void occupying();
    void setLimitsClampsNegatives();
    void serverNeverSeesMoreThanTheLimit_data();
    void serverNeverSeesMoreThanTheLimit();
};

void tst_RateLimiter::delay_data()
{
    QTest::addColumn<int>("perSecond");
    QTest::addColumn<int>("perFiveSeconds");
    QTest::addColumn<QString>("script");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("expected");

    const qint64 untilEnd = RateLimiter::UntilARequestEnds;
    QTest::newRow("nothing sent yet: at once") << 18 << 90 << QString() << qint64(0) << qint64(0);
    QTest::newRow("below the per-second limit: at once")
        << 3 << 100 << QStringLiteral("0:b 0:e 0:b 0:e") << qint64(0) << qint64(0);
    QTest::newRow("the limit in flight: until one ends")
        << 2 << 100 << QStringLiteral("0:b 0:b") << qint64(500) << untilEnd;
    QTest::newRow("a request in flight occupies the window however long it runs")
        << 1 << 100 << QStringLiteral("0:b") << qint64(60000) << untilEnd;
    QTest::newRow("an ended request leaves one second after its end, not its start")
        << 1 << 100 << QStringLiteral("0:b 3000:e") << qint64(3500) << qint64(501);
    QTest::newRow("an end exactly one second ago still counts")
        << 1 << 100 << QStringLiteral("0:b 0:e") << qint64(1000) << qint64(1);
    QTest::newRow("one millisecond later it has left")
        << 1 << 100 << QStringLiteral("0:b 0:e") << qint64(1001) << qint64(0);
    QTest::newRow("the oldest end that must leave decides")
        << 2 << 100 << QStringLiteral("0:b 0:b 100:e 300:e") << qint64(400) << qint64(701);
    QTest::newRow("in flight and ended count together")
        << 2 << 100 << QStringLiteral("0:b 0:b 0:e") << qint64(10) << qint64(991);
    QTest::newRow("three over the limit: the third oldest must leave")
        << 3 << 100 << QStringLiteral("0:b 0:b 0:b 0:b 0:b 10:e 20:e 30:e 40:e 50:e") << qint64(60) << qint64(971);
    QTest::newRow("the five-second window")
        << 100 << 3 << QStringLiteral("0:b 0:e 0:b 0:e 2000:b 2000:e") << qint64(2500) << qint64(2501);
    QTest::newRow("both windows full: the later one decides")
        << 2 << 3 << QStringLiteral("0:b 0:e 900:b 900:e 1000:b 1000:e") << qint64(1500) << qint64(3501);
    QTest::newRow("an end exactly five seconds ago still counts")
        << 100 << 1 << QStringLiteral("0:b 0:e") << qint64(5000) << qint64(1);
    QTest::newRow("ends older than five seconds are forgotten")
        << 100 << 1 << QStringLiteral("0:b 0:e") << qint64(5001) << qint64(0);
    QTest::newRow("a full five-second window at its edge: the oldest end leaves one millisecond later")
        << 100 << 3 << QStringLiteral("0:b 0:e 0:b 0:e 2000:b 2000:e") << qint64(5000) << qint64(1);
    QTest::newRow("a full five-second window just past its edge: free again")
        << 100 << 3 << QStringLiteral("0:b 0:e 0:b 0:e 2000:b 2000:e") << qint64(5001) << qint64(0);
    QTest::newRow("the five-second window at its edge with the second end deciding")
        << 100 << 2 << QStringLiteral("0:b 0:e 1000:b 1000:e 1000:b 1000:e") << qint64(5000) << qint64(1001);
    QTest::newRow("zero disables both windows")
        << 0 << 0 << QStringLiteral("0:b 0:b 0:b 0:b 0:e 0:e") << qint64(0) << qint64(0);
    QTest::newRow("an end earlier than the last one recorded keeps the order")
        << 2 << 100 << QStringLiteral("0:b 0:b 500:e 200:e") << qint64(600) << qint64(901);
}

void tst_RateLimiter::delay()
{
    QFETCH(int, perSecond);
    QFETCH(int, perFiveSeconds);
    QFETCH(QString, script);
    QFETCH(qint64, now);
    QFETCH(qint64, expected);

    RateLimiter limiter(perSecond, perFiveSeconds);
    QVERIFY(play(limiter, script));
    QCOMPARE(limiter.delayMs(now), expected);
}

void tst_RateLimiter::occupying()
{
    RateLimiter limiter;
    QVERIFY(play(limiter, QStringLiteral("0:b 0:b 0:b 100:e 2000:e")));
    QCOMPARE(limiter.inFlight(), 1);
    QCOMPARE(limiter.occupying(1000, 2500), 2); // one in flight, the end at 2000
    QCOMPARE(limiter.occupying(5000, 2500), 3);
    QCOMPARE(limiter.occupying(1000, 3000), 2); // the end at 2000, exactly one window ago, still counts
    QCOMPARE(limiter.occupying(1000, 3001), 1);
    QCOMPARE(limiter.occupying(5000, 5100), 3); // the end at 100, exactly one window ago, still counts
    QCOMPARE(limiter.occupying(5000, 5101), 2); // the end at 100 has left the longest window
}

void tst_RateLimiter::setLimitsClampsNegatives()
{
    RateLimiter limiter(-5, -1);
    QCOMPARE(limiter.perSecond(), 0);
    QCOMPARE(limiter.perFiveSeconds(), 0);
    RateLimiter defaults;
    QCOMPARE(defaults.perSecond(), RateLimiter::DefaultPerSecond);
    QCOMPARE(defaults.perFiveSeconds(), RateLimiter::DefaultPerFiveSeconds);
}

void tst_RateLimiter::serverNeverSeesMoreThanTheLimit_data()
{
    QTest::addColumn<int>("perSecond");
    QTest::addColumn<int>("perFiveSeconds");
    QTest::addColumn<int>("maxLatencyMs");
    QTest::addColumn<quint32>("seed");

    QTest::newRow("Daily's limits less the margin, fast answers") << 18 << 90 << 50 << 1u;
    QTest::newRow("Daily's limits less the margin, slow answers") << 18 << 90 << 900 << 2u;
    QTest::newRow("Daily's own limits, answers up to three seconds") << 20 << 100 << 3000 << 3u;
    QTest::newRow("a tight limit") << 3 << 7 << 400 << 4u;
}

void tst_RateLimiter::serverNeverSeesMoreThanTheLimit()
{
    QFETCH(int, perSecond);
    QFETCH(int, perFiveSeconds);
    QFETCH(int, maxLatencyMs);
    QFETCH(quint32, seed);

    // A client that sends whenever the limiter allows, one millisecond at a time for 30 s. Each request arrives at
    // a random moment between its start and its end: queued in the network manager, slow on the way there, or
    // slow on the way back.
    QRandomGenerator random(seed);
    RateLimiter limiter(perSecond, perFiveSeconds);
    std::multimap<qint64, int> ends;
    std::vector<qint64> arrivals;
    for (qint64 now = 0; now < 30000; ++now) {
        while (!ends.empty() && ends.cbegin()->first <= now) {
            limiter.end(now);
            ends.erase(ends.cbegin());
        }
        while (limiter.delayMs(now) == 0) {
            limiter.begin();
            const qint64 duration = random.bounded(maxLatencyMs) + 1;
            arrivals.push_back(now + random.bounded(duration + 1));
            ends.emplace(now + duration, 0);
        }
    }
    QVERIFY(arrivals.size() > size_t(perSecond) * 5);
    QVERIFY2(peakInWindow(arrivals, 1000) <= perSecond, "one-second window exceeded");
    QVERIFY2(peakInWindow(arrivals, 5000) <= perFiveSeconds, "five-second window exceeded");
    // It is a limit, not a brake: with fast answers a whole second's budget goes out at once.
    if (maxLatencyMs <= 50)
        QCOMPARE(peakInWindow(arrivals, 1000), perSecond);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_RateLimiter.moc"
