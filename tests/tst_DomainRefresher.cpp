// DomainRefresher against the real sandbox: many domains at once, some with webhooks, some with wrong keys, some
// on a dead or a hanging server, some sharing one key; 429s provoked on purpose. Checks what every row ends as,
// what the sandbox counted (never over the rate limit), the progress, and that the event loop never stalled.

#include "ApiError.h"
#include "ApiResult.h"
#include "CallWaiter.h"
#include "ClosedPort.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DomainRefresher.h"
#include "DomainState.h"
#include "DomainTarget.h"
#include "ExactServer.h"
#include "SampleDraft.h"
#include "SandboxServer.h"
#include "SilentServer.h"
#include "StallMeter.h"
#include "Webhook.h"
#include "WebhookDraft.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

constexpr int kFinishWithinMs = 30000;

// Everything the refresher said, in order.
class Recorder : public QObject
{
public:
    explicit Recorder(DomainRefresher* refresher)
    {
        connect(refresher, &DomainRefresher::domainUpdated, this,
            [this](const DomainState& state) { updates[state.domainName].append(state); });
        connect(refresher, &DomainRefresher::progress, this,
            [this](int done, int total) { progress.append(qMakePair(done, total)); });
        connect(refresher, &DomainRefresher::finished, this, [this] { ++finished; });
    }

    DomainState last(const QString& domain) const
    {
        const auto states = updates.value(domain);
        return states.isEmpty() ? DomainState() : states.last();
    }

    QHash<QString, QList<DomainState>> updates;
    QList<QPair<int, int>> progress;
    int finished = 0;
};

QUrl baseOn(quint16 port)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    url.setPath(QStringLiteral("/v1"));
    return url;
}

QString keyOf(int i)
{
    return QStringLiteral("domain-key-%1").arg(i, 3, 10, QLatin1Char('0'));
}

} // namespace

class tst_DomainRefresher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void backoffDelay_data();
    void backoffDelay();

    void refreshesManyDomainsAgainstTheSandbox();
    void backsOffOn429AndRecovers();
    void bare429IsRetried();
    void givesUpAfterMaxAttempts();
    void honoursMaxConcurrent();
    void keyHistoryCarriesOverToTheNextRefresh();
    void otherCallsOfTheClientCount();
    void refreshWhileRunningJoins();
    void changedTargetIsAskedAgain();
    void cancelEndsEveryDomain();
    void cancelFromASlot();
    void refreshFromFinished();
    void emptyRefreshFinishes();

private:
    DomainTarget sandboxTarget(const QString& domain, const QString& key) const;
    // Creates a webhook on the sandbox domain of `key` through the API, as the app would.
    bool createWebhook(const QString& key);
    bool waitForFinish(const Recorder& recorder, int times = 1);

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    std::unique_ptr<DailyClient> m_client;
    std::unique_ptr<DomainRefresher> m_refresher;
};

void tst_DomainRefresher::init()
{
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
    m_manager = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<DailyClient>(m_manager.get());
    m_refresher = std::make_unique<DomainRefresher>(m_client.get());
}

void tst_DomainRefresher::cleanup()
{
    m_refresher.reset();
    m_client.reset();
    m_manager.reset();
    m_sandbox.reset();
}

DomainTarget tst_DomainRefresher::sandboxTarget(const QString& domain, const QString& key) const
{
    return DomainTarget {QStringLiteral("domain-") + domain, domain, m_sandbox->apiBaseUrl(), key};
}

bool tst_DomainRefresher::createWebhook(const QString& key)
{
    const auto result
        = CallWaiter::result(m_client->createWebhook(DomainTarget {QString(), QString(), m_sandbox->apiBaseUrl(), key},
            SampleDraft::deliveringTo(m_sandbox->demoEndpointUrl())));
    return result && result->ok();
}

bool tst_DomainRefresher::waitForFinish(const Recorder& recorder, int times)
{
    return QTest::qWaitFor([&recorder, times] { return recorder.finished >= times; }, kFinishWithinMs);
}

void tst_DomainRefresher::backoffDelay_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<int>("expected");

    QTest::newRow("first 429, no jitter: half the base") << 1 << 0.0 << 250;
    QTest::newRow("first 429, most jitter: the base") << 1 << 1.0 << 500;
    QTest::newRow("second 429 doubles") << 2 << 0.5 << 750;
    QTest::newRow("fourth 429") << 4 << 0.0 << 2000;
    QTest::newRow("fifth 429 reaches the cap") << 5 << 1.0 << 8000;
    QTest::newRow("past the cap it stays there") << 12 << 0.0 << 4000;
    QTest::newRow("a huge count does not overflow") << 1000 << 1.0 << 8000;
    QTest::newRow("jitter outside [0, 1] is clamped") << 1 << 7.0 << 500;
}

void tst_DomainRefresher::backoffDelay()
{
    QFETCH(int, count);
    QFETCH(double, jitter);
    QFETCH(int, expected);
    QCOMPARE(DomainRefresher::backoffDelayMs(count, jitter, 500, 8000), expected);
}

void tst_DomainRefresher::refreshesManyDomainsAgainstTheSandbox()
{
    // A short client timeout so the hanging server ends as Timeout quickly; the sandbox answers in milliseconds.
    m_client->setTimeoutMs(1500);
    QHash<QString, ApiError::Kind> expectedError; // by domain; absent means Loaded
    QHash<QString, QString> keyOfDomain; // sandbox keys only
    QList<DomainTarget> targets;

    // 50 domains with a key each, a webhook on every third.
    for (int i = 0; i < 50; ++i) {
        const QString key = keyOf(i);
        m_sandbox->addDomain(key);
        if (i % 3 == 0)
            QVERIFY(createWebhook(key));
        const QString domain = QStringLiteral("own-%1").arg(i);
        targets.append(sandboxTarget(domain, key));
        keyOfDomain.insert(domain, key);
    }
    // 30 domains sharing one key: the refresher alone must keep that key under the limit.
    const QString shared = QStringLiteral("shared-key");
    m_sandbox->addDomain(shared);
    QVERIFY(createWebhook(shared));
    for (int i = 0; i < 30; ++i) {
        const QString domain = QStringLiteral("shared-%1").arg(i);
        targets.append(sandboxTarget(domain, shared));
        keyOfDomain.insert(domain, shared);
    }
    for (int i = 0; i < 5; ++i) {
        const QString domain = QStringLiteral("wrong-key-%1").arg(i);
        targets.append(sandboxTarget(domain, QStringLiteral("not-a-key-%1").arg(i)));
        expectedError.insert(domain, ApiError::Kind::AuthenticationFailed);
    }
    const quint16 dead = ClosedPort::pick();
    QVERIFY(dead != 0);
    for (int i = 0; i < 3; ++i) {
        const QString domain = QStringLiteral("dead-%1").arg(i);
        targets.append(DomainTarget {domain, domain, baseOn(dead), keyOf(i)});
        expectedError.insert(domain, ApiError::Kind::ConnectionRefused);
    }
    SilentServer silent;
    QVERIFY(silent.listen());
    targets.append(
        DomainTarget {QStringLiteral("hang"), QStringLiteral("hang"), baseOn(silent.serverPort()), keyOf(0)});
    expectedError.insert(QStringLiteral("hang"), ApiError::Kind::Timeout);
    targets.append(sandboxTarget(QStringLiteral("no-key"), QString()));
    expectedError.insert(QStringLiteral("no-key"), ApiError::Kind::MissingApiKey);
    const int total = int(targets.size());
    QCOMPARE(total, 90);

    Recorder recorder(m_refresher.get());
    StallMeter stalls;
    stalls.start();
    m_refresher->refresh(targets);
    QVERIFY(m_refresher->isRunning());
    QVERIFY(waitForFinish(recorder));
    const qint64 longestStall = stalls.longestMs();
    qInfo("longest event-loop stall during the refresh of %d domains: %lld ms", total,
        static_cast<long long>(longestStall));

    QCOMPARE(recorder.finished, 1);
    QVERIFY(!m_refresher->isRunning());
    for (const DomainTarget& target : std::as_const(targets)) {
        const QList<DomainState> states = recorder.updates.value(target.name);
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.first().status, DomainState::Status::Loading);
        QCOMPARE(states.first().domainId, target.domainId);
        const DomainState& end = states.last();
        QCOMPARE(end.domainId, target.domainId);
        QVERIFY(end.refreshedAt.isValid());
        QCOMPARE(end.attempts, 1);
        if (expectedError.contains(target.name)) {
            QCOMPARE(end.status, DomainState::Status::Failed);
            QCOMPARE(end.error.kind, expectedError.value(target.name));
            QVERIFY(end.webhooks.isEmpty());
            continue;
        }
        QVERIFY2(end.status == DomainState::Status::Loaded, qPrintable(end.error.details()));
        const auto webhook = m_sandbox->webhookOf(keyOfDomain.value(target.name));
        QCOMPARE(end.webhooks.size(), webhook ? 1 : 0);
        if (webhook) {
            QCOMPARE(end.webhooks.first().uuid, webhook->uuid);
            QCOMPARE(end.webhooks.first().url, m_sandbox->demoEndpointUrl().toString());
        }
    }

    QVERIFY(!recorder.progress.isEmpty());
    QCOMPARE(recorder.progress.first(), qMakePair(0, total));
    QCOMPARE(recorder.progress.last(), qMakePair(total, total));
    for (int i = 1; i < recorder.progress.size(); ++i) {
        QVERIFY(recorder.progress.at(i).first >= recorder.progress.at(i - 1).first);
        QCOMPARE(recorder.progress.at(i).second, total);
    }

    // What the sandbox counted: nobody over Daily's limit, the shared key under the refresher's own, no 429.
    for (int i = 0; i < 50; ++i) {
        QVERIFY(m_sandbox->peakRequestsPerSecond(keyOf(i)) <= 20);
        QCOMPARE(m_sandbox->rateLimitedCount(keyOf(i)), 0);
    }
    QCOMPARE(m_sandbox->requestCount(shared), 31); // the create and 30 lists
    QCOMPARE(m_sandbox->rateLimitedCount(shared), 0);
    QVERIFY2(m_sandbox->peakRequestsPerSecond(shared) <= RateLimiter::DefaultPerSecond,
        qPrintable(QString::number(m_sandbox->peakRequestsPerSecond(shared))));
    QVERIFY2(longestStall < 200, qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(longestStall)));
}

void tst_DomainRefresher::backsOffOn429AndRecovers()
{
    // The sandbox is stricter than the refresher believes, as when another client shares the key.
    m_sandbox->setRateLimit(3, 100);
    m_refresher->setRateLimit(100, 1000);
    const QString key = QStringLiteral("busy-key");
    m_sandbox->addDomain(key);
    QList<DomainTarget> targets;
    for (int i = 0; i < 6; ++i)
        targets.append(sandboxTarget(QStringLiteral("busy-%1").arg(i), key));

    Recorder recorder(m_refresher.get());
    StallMeter stalls;
    stalls.start();
    m_refresher->refresh(targets);
    QVERIFY(waitForFinish(recorder));

    int attempts = 0;
    int retried = 0;
    for (const DomainTarget& target : std::as_const(targets)) {
        const DomainState end = recorder.last(target.name);
        QVERIFY2(end.status == DomainState::Status::Loaded, qPrintable(end.error.details()));
        QCOMPARE(recorder.updates.value(target.name).size(), 2);
        attempts += end.attempts;
        if (end.attempts > 1)
            ++retried;
    }
    QVERIFY(m_sandbox->rateLimitedCount(key) > 0);
    QVERIFY(retried >= 3);
    QCOMPARE(m_sandbox->requestCount(key), attempts);
    QCOMPARE(m_sandbox->requestCount(key) - m_sandbox->rateLimitedCount(key), 6);
    QVERIFY(m_sandbox->peakRequestsPerSecond(key) <= 3);
    QCOMPARE(recorder.progress.last(), qMakePair(6, 6));
    QVERIFY(stalls.longestMs() < 200);
}

void tst_DomainRefresher::bare429IsRetried()
{
    // A proxy in front of the API limits with a bare 429, without Daily's body: still a rest and a retry.
    ExactServer proxy;
    QVERIFY(proxy.listen());
    proxy.setHandler([&proxy](const ExactServer::Request&) {
        if (proxy.requests().size() == 1)
            return ExactServer::Response::raw("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n");
        return ExactServer::Response::http(200, "[]");
    });
    m_refresher->setBackoff(20, 100);
    const QString domain = QStringLiteral("behind-a-proxy");
    Recorder recorder(m_refresher.get());
    m_refresher->refresh({DomainTarget {domain, domain, proxy.url(QStringLiteral("/v1")), keyOf(1)}});
    QVERIFY(waitForFinish(recorder));

    const DomainState end = recorder.last(domain);
    QVERIFY2(end.status == DomainState::Status::Loaded, qPrintable(end.error.details()));
    QCOMPARE(end.attempts, 2);
    QCOMPARE(proxy.requests().size(), 2);
}

void tst_DomainRefresher::givesUpAfterMaxAttempts()
{
    m_sandbox->setRateLimit(1, 1); // one request per five seconds
    m_refresher->setRateLimit(100, 1000);
    m_refresher->setMaxAttempts(3);
    m_refresher->setBackoff(20, 100);
    const QString key = QStringLiteral("starved-key");
    m_sandbox->addDomain(key);
    QList<DomainTarget> targets;
    for (int i = 0; i < 3; ++i)
        targets.append(sandboxTarget(QStringLiteral("starved-%1").arg(i), key));

    Recorder recorder(m_refresher.get());
    m_refresher->refresh(targets);
    QVERIFY(waitForFinish(recorder));

    int loaded = 0;
    for (const DomainTarget& target : std::as_const(targets)) {
        const DomainState end = recorder.last(target.name);
        if (end.status == DomainState::Status::Loaded) {
            ++loaded;
            QCOMPARE(end.attempts, 1);
            continue;
        }
        QCOMPARE(end.status, DomainState::Status::Failed);
        QCOMPARE(end.error.kind, ApiError::Kind::RateLimited);
        QCOMPARE(end.error.httpStatus, 429);
        QCOMPARE(end.attempts, 3);
    }
    QCOMPARE(loaded, 1);
    QCOMPARE(m_sandbox->requestCount(key), 7);
    QCOMPARE(m_sandbox->rateLimitedCount(key), 6);
}

void tst_DomainRefresher::honoursMaxConcurrent()
{
    m_refresher->setMaxConcurrent(4);
    QList<DomainTarget> targets;
    for (int i = 0; i < 40; ++i) {
        m_sandbox->addDomain(keyOf(i));
        targets.append(sandboxTarget(QStringLiteral("own-%1").arg(i), keyOf(i)));
    }
    int inFlight = 0;
    int peak = 0;
    connect(m_client.get(), &DailyClient::callStarted, this, [this, &inFlight, &peak](DailyCall* call) {
        peak = std::max(peak, ++inFlight);
        connect(call, &DailyCall::finished, this, [&inFlight] { --inFlight; });
    });

    Recorder recorder(m_refresher.get());
    m_refresher->refresh(targets);
    // Nothing is sent and no row changes before the event loop runs; only the count is announced.
    QCOMPARE(peak, 0);
    QVERIFY(recorder.updates.isEmpty());
    QCOMPARE(recorder.progress, (QList<QPair<int, int>> {qMakePair(0, 40)}));
    QVERIFY(waitForFinish(recorder));
    QCOMPARE(peak, 4);
    QCOMPARE(inFlight, 0);
    for (const DomainTarget& target : std::as_const(targets))
        QCOMPARE(recorder.last(target.name).status, DomainState::Status::Loaded);
}

void tst_DomainRefresher::keyHistoryCarriesOverToTheNextRefresh()
{
    // Two refreshes back to back on one key: the second must remember the first one's requests.
    const QString key = QStringLiteral("twice-key");
    m_sandbox->addDomain(key);
    QList<DomainTarget> first;
    QList<DomainTarget> second;
    for (int i = 0; i < RateLimiter::DefaultPerSecond; ++i) {
        first.append(sandboxTarget(QStringLiteral("first-%1").arg(i), key));
        second.append(sandboxTarget(QStringLiteral("second-%1").arg(i), key));
    }
    Recorder recorder(m_refresher.get());
    m_refresher->refresh(first);
    QVERIFY(waitForFinish(recorder));
    m_refresher->refresh(second);
    QVERIFY(waitForFinish(recorder, 2));

    QCOMPARE(m_sandbox->requestCount(key), 2 * RateLimiter::DefaultPerSecond);
    QCOMPARE(m_sandbox->rateLimitedCount(key), 0);
    QVERIFY(m_sandbox->peakRequestsPerSecond(key) <= RateLimiter::DefaultPerSecond);
    for (const DomainTarget& target : std::as_const(second))
        QCOMPARE(recorder.last(target.name).status, DomainState::Status::Loaded);
}

void tst_DomainRefresher::otherCallsOfTheClientCount()
{
    // Creates and updates go through the same client while a refresh runs; at Daily they spend the same budget.
    m_refresher->setRateLimit(5, 100);
    const QString key = QStringLiteral("busy-key");
    m_sandbox->addDomain(key);
    QList<DomainTarget> targets;
    for (int i = 0; i < 5; ++i) {
        m_client->listWebhooks(DomainTarget {QString(), QString(), m_sandbox->apiBaseUrl(), key});
        targets.append(sandboxTarget(QStringLiteral("busy-%1").arg(i), key));
    }
    Recorder recorder(m_refresher.get());
    m_refresher->refresh(targets);
    QVERIFY(waitForFinish(recorder));
    QCOMPARE(m_sandbox->requestCount(key), 10);
    QVERIFY2(
        m_sandbox->peakRequestsPerSecond(key) <= 5, qPrintable(QString::number(m_sandbox->peakRequestsPerSecond(key))));
}

void tst_DomainRefresher::refreshWhileRunningJoins()
{
    // One request at a time, so the moment of the second press decides exactly what is done and what waits.
    m_refresher->setMaxConcurrent(1);
    QList<DomainTarget> first;
    QList<DomainTarget> second;
    for (int i = 0; i < 15; ++i) {
        m_sandbox->addDomain(keyOf(i));
        const DomainTarget target = sandboxTarget(QStringLiteral("own-%1").arg(i), keyOf(i));
        if (i < 10)
            first.append(target);
        second.append(target);
    }
    Recorder recorder(m_refresher.get());
    // F5 again, with the same ten and five more, as the third answer arrives (from a slot, as a window would).
    bool pressedAgain = false;
    connect(m_refresher.get(), &DomainRefresher::progress, this, [this, &second, &pressedAgain](int done, int) {
        if (done == 3 && !pressedAgain) {
            pressedAgain = true;
            QVERIFY(m_refresher->isRunning());
            m_refresher->refresh(second);
        }
    });
    m_refresher->refresh(first);
    QVERIFY(waitForFinish(recorder));
    QVERIFY(pressedAgain);
    QCOMPARE(recorder.finished, 1);

    // The three already finished are asked again; those still waiting are not asked twice.
    for (int i = 0; i < 15; ++i) {
        const QList<DomainState> states = recorder.updates.value(QStringLiteral("own-%1").arg(i));
        QCOMPARE(states.last().status, DomainState::Status::Loaded);
        const int requests = i < 3 ? 2 : 1;
        QCOMPARE(m_sandbox->requestCount(keyOf(i)), requests);
        QCOMPARE(states.size(), 2 * requests);
    }
    QCOMPARE(recorder.progress.last(), qMakePair(18, 18));
}

void tst_DomainRefresher::changedTargetIsAskedAgain()
{
    m_sandbox->addDomain(keyOf(1));
    m_sandbox->addDomain(keyOf(2));
    Recorder recorder(m_refresher.get());
    m_refresher->refresh({sandboxTarget(QStringLiteral("a"), keyOf(1))});
    // Before it was sent the user corrected the key: only the new target is asked, and only its answer counts.
    m_refresher->refresh({sandboxTarget(QStringLiteral("a"), keyOf(2))});
    QVERIFY(waitForFinish(recorder));
    QCOMPARE(m_sandbox->requestCount(keyOf(1)), 0);
    QCOMPARE(m_sandbox->requestCount(keyOf(2)), 1);
    const QList<DomainState> states = recorder.updates.value(QStringLiteral("a"));
    QCOMPARE(states.size(), 2); // the first target never went out, so it never showed as Loading
    QCOMPARE(states.last().status, DomainState::Status::Loaded);
    QCOMPARE(recorder.progress.last(), qMakePair(2, 2));
}

void tst_DomainRefresher::cancelEndsEveryDomain()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    m_sandbox->addDomain(keyOf(1));
    m_refresher->setMaxConcurrent(3);
    QList<DomainTarget> targets;
    targets.append(sandboxTarget(QStringLiteral("quick"), keyOf(1)));
    for (int i = 0; i < 5; ++i) {
        const QString domain = QStringLiteral("hang-%1").arg(i);
        targets.append(DomainTarget {domain, domain, baseOn(silent.serverPort()), keyOf(10 + i)});
    }
    Recorder recorder(m_refresher.get());
    m_refresher->refresh(targets);
    QVERIFY(QTest::qWaitFor(
        [&recorder] { return recorder.last(QStringLiteral("quick")).status == DomainState::Status::Loaded; }, 10000));
    QCOMPARE(recorder.finished, 0);

    m_refresher->cancel();
    QCOMPARE(recorder.finished, 1);
    QVERIFY(!m_refresher->isRunning());
    for (int i = 0; i < 5; ++i) {
        const DomainState end = recorder.last(QStringLiteral("hang-%1").arg(i));
        QCOMPARE(end.status, DomainState::Status::Failed);
        QCOMPARE(end.error.kind, ApiError::Kind::Cancelled);
    }
    QCOMPARE(recorder.progress.last(), qMakePair(6, 6));

    // The refresher is ready for the next press; by the time that refresh has gone to the sandbox and back,
    // anything the cancelled run still had queued would have arrived, and nothing did.
    const int updates = int(recorder.updates.value(QStringLiteral("hang-0")).size());
    m_refresher->refresh({sandboxTarget(QStringLiteral("quick"), keyOf(1))});
    QVERIFY(waitForFinish(recorder, 2));
    QCOMPARE(recorder.last(QStringLiteral("quick")).status, DomainState::Status::Loaded);
    QCOMPARE(recorder.updates.value(QStringLiteral("hang-0")).size(), updates);
    QCOMPARE(recorder.finished, 2);
}

void tst_DomainRefresher::cancelFromASlot()
{
    QList<DomainTarget> targets;
    for (int i = 0; i < 5; ++i) {
        m_sandbox->addDomain(keyOf(i));
        targets.append(sandboxTarget(QStringLiteral("own-%1").arg(i), keyOf(i)));
    }
    Recorder recorder(m_refresher.get());
    // The first row to turn Loading makes the user press Cancel: its request must not go out after all.
    connect(m_refresher.get(), &DomainRefresher::domainUpdated, this, [this](const DomainState& state) {
        if (state.status == DomainState::Status::Loading)
            m_refresher->cancel();
    });
    m_refresher->refresh(targets);
    QVERIFY(waitForFinish(recorder));
    // A request of the same client that went to the sandbox and back after the cancel: one sent before it would
    // have been counted by now.
    const QString marker = QStringLiteral("marker-key");
    m_sandbox->addDomain(marker);
    QVERIFY(CallWaiter::result(
        m_client->listWebhooks(DomainTarget {QString(), QString(), m_sandbox->apiBaseUrl(), marker})));
    QCOMPARE(m_sandbox->requestCount(marker), 1);
    QCOMPARE(recorder.finished, 1);
    QVERIFY(!m_refresher->isRunning());
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(m_sandbox->requestCount(keyOf(i)), 0);
        QCOMPARE(recorder.last(QStringLiteral("own-%1").arg(i)).error.kind, ApiError::Kind::Cancelled);
    }
    QCOMPARE(recorder.progress.last(), qMakePair(5, 5));
}

void tst_DomainRefresher::refreshFromFinished()
{
    m_sandbox->addDomain(keyOf(1));
    const QList<DomainTarget> targets {sandboxTarget(QStringLiteral("a"), keyOf(1))};
    Recorder recorder(m_refresher.get());
    // A periodic watch starts the next refresh as soon as one ends.
    connect(m_refresher.get(), &DomainRefresher::finished, this, [this, &recorder, &targets] {
        if (recorder.finished == 1)
            m_refresher->refresh(targets);
    });
    m_refresher->refresh(targets);
    QVERIFY(waitForFinish(recorder, 2));
    QCOMPARE(m_sandbox->requestCount(keyOf(1)), 2);
    QCOMPARE(recorder.updates.value(QStringLiteral("a")).size(), 4);
    QVERIFY(!m_refresher->isRunning());
}

void tst_DomainRefresher::emptyRefreshFinishes()
{
    Recorder recorder(m_refresher.get());
    m_refresher->refresh({});
    QVERIFY(waitForFinish(recorder));
    QCOMPARE(recorder.progress, (QList<QPair<int, int>> {qMakePair(0, 0)}));
    QVERIFY(!m_refresher->isRunning());
}

QTEST_GUILESS_MAIN(tst_DomainRefresher)
#include "tst_DomainRefresher.moc"
