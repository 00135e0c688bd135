#pragma once

#include "DomainState.h"
#include "DomainTarget.h"
#include "RateLimiter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <map>
#include <vector>

class DailyCall;
class DailyClient;
struct ApiResult;

// Fetches the webhooks of many domains at once (GET /webhooks per domain) without blocking and without
// tripping Daily's rate limit:
// - at most maxConcurrent() requests in flight in total;
// - per API key, a RateLimiter keeps every one-second and five-second window under the configured limit (a
//   little under Daily's 20 and 100). It counts every request the DailyClient makes with the key, not only the
//   refresher's own (a create or an update while a refresh runs uses the same budget at Daily), and it remembers
//   the key's recent requests from one refresh to the next;
// - a 429 rests the whole key for an exponential, jittered delay and retries the domain, up to maxAttempts()
//   requests; after that the domain ends Failed with the RateLimited error. Other errors are final at once:
//   they need a person (a wrong key, a dead server), and repeating them would only slow the others down.
// Everything runs on timers and signals; nothing waits.
//
// Every domain reports through domainUpdated(): Loading when its request goes out (the state carries no
// webhooks; keep showing the old ones), then Loaded with its webhooks or Failed with the ApiError. Domains still
// waiting for their turn say nothing yet, so no more rows change at once than requests start, whatever the
// number of domains. progress() follows refresh() and every domain that ends; finished() follows the last.
//
// A domain is known by its target's domainId and name. refresh() while a refresh runs joins it: the new domains
// are appended and the total grows; a domain still waiting or in flight for the same target is not asked twice,
// its one answer serves both presses. Restarting instead would throw away requests that already count against
// the keys' limits, and a user pressing F5 repeatedly would never see the end. A domain whose key or base URL
// changed meanwhile is asked again with the new target, and only that newer answer is reported.
//
// Slots connected to the signals may call refresh() and cancel().
class DomainRefresher : public QObject
{
    Q_OBJECT

public:
    // The network manager opens at most 6 HTTP/1.1 connections per host and port and queues the rest, and Daily
    // (like the sandbox) is one host for every domain. 16 keeps that queue full, so a connection that frees up
    // is reused at once instead of after a round through the event loop; over HTTP/2, which Qt 6 negotiates
    // whenever the server offers it, the 16 really travel side by side on one connection. Far more would only
    // lengthen the queue, and every request's timeout already runs while it waits there.
    static constexpr int DefaultMaxConcurrent = 16;
    static constexpr int DefaultMaxAttempts = 5;
    static constexpr int DefaultBackoffBaseMs = 500;
    static constexpr int DefaultBackoffCapMs = 8000;

    explicit DomainRefresher(DailyClient* client, QObject* parent = nullptr);
    ~DomainRefresher() override;

    void setMaxConcurrent(int maxConcurrent);
    int maxConcurrent() const { return m_maxConcurrent; }
    // Requests per API key per second and per five seconds; 0 disables a window. Applies to keys seen already.
    void setRateLimit(int perSecond, int perFiveSeconds);
    int rateLimitPerSecond() const { return m_perSecond; }
    int rateLimitPerFiveSeconds() const { return m_perFiveSeconds; }
    // Requests per domain and refresh, the first one included.
    void setMaxAttempts(int maxAttempts);
    int maxAttempts() const { return m_maxAttempts; }
    void setBackoff(int baseMs, int capMs);
    int backoffBaseMs() const { return m_backoffBaseMs; }
    int backoffCapMs() const { return m_backoffCapMs; }

    // The rest after the `rateLimitedCount`-th 429 of a domain: base * 2^(count - 1), at most cap, of which the
    // upper half is random ("equal jitter", with `jitter` in [0, 1)). The lower half keeps every retry from
    // coming back at once; the random half keeps domains that failed together from retrying together.
    static int backoffDelayMs(int rateLimitedCount, double jitter, int baseMs, int capMs);

    bool isRunning() const { return m_running; }
    int total() const { return int(m_jobs.size()); }
    int done() const { return m_done; }

public slots:
    void refresh(const QList<DomainTarget>& targets);
    // Ends every domain still waiting or in flight as Failed with the Cancelled error, then progress() and
    // finished(); all before returning. The requests in flight are aborted.
    void cancel();

signals:
    void domainUpdated(const DomainState& state);
    void progress(int done, int total);
    void finished();

private:
    enum class Phase { Queued, InFlight, Done };

    struct Job
    {
        DomainTarget target;
        int keyIndex = 0;
        Phase phase = Phase::Queued;
        int attempts = 0;
        int rateLimited = 0;
        bool superseded = false; // a newer job for the same domain reports instead
        QPointer<DailyCall> call;
    };

    // One API key (at one host), known by a digest so the key itself is not kept after the refresh.
    struct KeyState
    {
        RateLimiter limiter;
        QList<int> queue; // jobs waiting for this key, in order (an empty QList allocates nothing)
        qint64 restUntilMs = 0; // after a 429 the key rests until then
        qint64 wakeAtMs = -1; // the wake-up scheduled for this key, if any
        bool ready = false; // in m_readyKeys
        bool unlimited = false; // no key at all: nothing is sent, so nothing to limit
    };

    qint64 nowMs() const { return m_clock.elapsed(); }
    int keyIndexFor(const QUrl& url, const QString& apiKey);
    void onCallStarted(DailyCall* call);
    void makeReady(int keyIndex);
    void scheduleWake(int keyIndex, qint64 atMs);
    void armWakeTimer();
    void onWake();
    void pump();
    void startJob(int jobIndex);
    void onCallFinished(int jobIndex, const ApiResult& result);
    void resetRun();
    void finishRun();
    void abandonCalls();

    DailyClient* m_client;
    int m_maxConcurrent = DefaultMaxConcurrent;
    int m_perSecond = RateLimiter::DefaultPerSecond;
    int m_perFiveSeconds = RateLimiter::DefaultPerFiveSeconds;
    int m_maxAttempts = DefaultMaxAttempts;
    int m_backoffBaseMs = DefaultBackoffBaseMs;
    int m_backoffCapMs = DefaultBackoffCapMs;

    bool m_running = false;
    // Bumped when a run ends or is cancelled, so late answers and timers of an old run are ignored.
    quint64 m_generation = 0;
    int m_done = 0;
    int m_inFlight = 0;
    std::vector<Job> m_jobs;
    QHash<QString, int> m_unfinished; // domain identity -> the job that will report it
    // Kept across refreshes: a key's recent requests still count against its limit in the next refresh.
    std::vector<KeyState> m_keys;
    QHash<QByteArray, int> m_keyIndex;
    std::deque<int> m_readyKeys; // keys that may be able to start a job now, served round robin
    std::multimap<qint64, int> m_wakeups; // time -> key; stale entries are skipped
    QTimer m_wakeTimer;
    QTimer m_kick;
    bool m_startingOwnCall = false;
    QElapsedTimer m_clock;
};
