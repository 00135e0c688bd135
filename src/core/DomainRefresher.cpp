#include "DomainRefresher.h"

#include "ApiResult.h"
#include "DailyCall.h"
#include "DailyClient.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace {

QString identityOf(const DomainTarget& target)
{
    return target.domainId + QChar(0x1f) + target.name;
}

template<typename T>
void growFor(std::vector<T>& vector, size_t more)
{
    const size_t needed = vector.size() + more;
    if (needed > vector.capacity())
        vector.reserve(std::max(needed, vector.capacity() * 2));
}

DomainState stateOf(const DomainTarget& target, DomainState::Status status)
{
    DomainState state;
    state.domainId = target.domainId;
    state.domainName = target.name;
    state.status = status;
    return state;
}

} // namespace

DomainRefresher::DomainRefresher(DailyClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    Q_ASSERT(m_client);
    m_clock.start();
    // A wake-up decides when a key may send again; a coarse timer could fire early and only cost a recheck, but
    // late by 5 % of a five-second rest is a visible pause.
    m_wakeTimer.setSingleShot(true);
    m_wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeTimer, &QTimer::timeout, this, &DomainRefresher::onWake);
    // Requests start from the event loop, after refresh() returned and its caller finished connecting.
    m_kick.setSingleShot(true);
    m_kick.setInterval(0);
    connect(&m_kick, &QTimer::timeout, this, &DomainRefresher::pump);
    connect(m_client, &DailyClient::callStarted, this, &DomainRefresher::onCallStarted);
}

DomainRefresher::~DomainRefresher()
{
    abandonCalls();
}

void DomainRefresher::setMaxConcurrent(int maxConcurrent)
{
    m_maxConcurrent = std::max(1, maxConcurrent);
    if (m_running)
        m_kick.start();
}

void DomainRefresher::setRateLimit(int perSecond, int perFiveSeconds)
{
    m_perSecond = std::max(0, perSecond);
    m_perFiveSeconds = std::max(0, perFiveSeconds);
    for (KeyState& key : m_keys) {
        if (!key.unlimited)
            key.limiter.setLimits(m_perSecond, m_perFiveSeconds);
    }
    if (m_running) {
        for (int i = 0; i < int(m_keys.size()); ++i)
            makeReady(i);
        m_kick.start();
    }
}

void DomainRefresher::setMaxAttempts(int maxAttempts)
{
    m_maxAttempts = std::max(1, maxAttempts);
}

void DomainRefresher::setBackoff(int baseMs, int capMs)
{
    m_backoffBaseMs = std::max(1, baseMs);
    m_backoffCapMs = std::max(m_backoffBaseMs, capMs);
}

int DomainRefresher::backoffDelayMs(int rateLimitedCount, double jitter, int baseMs, int capMs)
{
    const int doublings = std::clamp(rateLimitedCount - 1, 0, 30);
    const double ceiling = std::min(double(capMs), double(baseMs) * std::ldexp(1.0, doublings));
    const double unit = std::clamp(jitter, 0.0, 1.0);
    return int(std::lround(ceiling / 2.0 + unit * ceiling / 2.0));
}

int DomainRefresher::keyIndexFor(const QUrl& url, const QString& apiKey)
{
    // Daily limits per key; the host keeps the same key on two servers (two sandboxes, say) apart. The path is
    // left out so that a call to any endpoint counts for the key.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(url.scheme().toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(url.host(QUrl::FullyEncoded).toUtf8());
    hash.addData(QByteArray::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)));
    hash.addData(QByteArrayView("\n"));
    hash.addData(apiKey.trimmed().toUtf8());
    const QByteArray digest = hash.result();
    const auto found = m_keyIndex.constFind(digest);
    if (found != m_keyIndex.cend())
        return *found;

    KeyState key;
    // Without a key DailyClient answers MissingApiKey without sending anything; pacing that would only delay it.
    key.unlimited = apiKey.trimmed().isEmpty();
    if (key.unlimited)
        key.limiter.setLimits(0, 0);
    else
        key.limiter.setLimits(m_perSecond, m_perFiveSeconds);
    m_keys.push_back(std::move(key));
    const int index = int(m_keys.size()) - 1;
    m_keyIndex.insert(digest, index);
    return index;
}

void DomainRefresher::onCallStarted(DailyCall* call)
{
    if (m_startingOwnCall)
        return;
    // Someone else's call through the same client: it spends the same key's budget at Daily.
    const int keyIndex = keyIndexFor(call->request().url, call->target().apiKey);
    m_keys[size_t(keyIndex)].limiter.begin();
    connect(call, &DailyCall::finished, this, [this, keyIndex] {
        m_keys[size_t(keyIndex)].limiter.end(nowMs());
        if (m_running) {
            makeReady(keyIndex);
            m_kick.start();
        }
    });
}

void DomainRefresher::refresh(const QList<DomainTarget>& targets)
{
    if (!m_running) {
        m_running = true;
        ++m_generation;
        m_done = 0;
        m_jobs.clear();
        m_unfinished.clear();
    }
    const quint64 generation = m_generation;

    // Room for a thousand domains at once instead of growing a thousand times; doubling at least, so that many
    // small refreshes joining a run stay linear.
    growFor(m_jobs, size_t(targets.size()));
    growFor(m_keys, size_t(targets.size()));
    m_unfinished.reserve(m_unfinished.size() + targets.size());
    std::vector<int> added;
    added.reserve(size_t(targets.size()));
    for (const DomainTarget& target : targets) {
        const QString identity = identityOf(target);
        const auto existing = m_unfinished.constFind(identity);
        if (existing != m_unfinished.cend()) {
            const int oldIndex = *existing;
            Job& old = m_jobs[size_t(oldIndex)];
            if (old.target.sameEndpoint(target))
                continue;
            old.superseded = true;
            // Not sent yet (or waiting to retry): it simply leaves; one in flight ends unreported.
            if (old.phase == Phase::Queued) {
                m_keys[size_t(old.keyIndex)].queue.removeOne(oldIndex);
                old.phase = Phase::Done;
                ++m_done;
            }
        }
        Job job;
        job.target = target;
        job.keyIndex = keyIndexFor(target.baseUrl, target.apiKey);
        m_jobs.push_back(std::move(job));
        const int index = int(m_jobs.size()) - 1;
        m_unfinished.insert(identity, index);
        m_keys[size_t(m_jobs.back().keyIndex)].queue.append(index);
        makeReady(m_jobs.back().keyIndex);
        added.push_back(index);
    }

    // Rows turn Loading as their requests go out, not here: a thousand rows changing in one go would stall the
    // window, and progress() already says how many wait.
    if (!added.empty() || m_jobs.empty())
        emit progress(m_done, total());
    if (generation == m_generation)
        m_kick.start();
}

void DomainRefresher::makeReady(int keyIndex)
{
    KeyState& key = m_keys[size_t(keyIndex)];
    if (key.ready || key.queue.isEmpty())
        return;
    key.ready = true;
    m_readyKeys.push_back(keyIndex);
}

void DomainRefresher::scheduleWake(int keyIndex, qint64 atMs)
{
    KeyState& key = m_keys[size_t(keyIndex)];
    // An earlier wake-up already scheduled looks again then, and schedules anew if it is still too early.
    if (key.wakeAtMs >= 0 && key.wakeAtMs <= atMs)
        return;
    key.wakeAtMs = atMs;
    m_wakeups.emplace(atMs, keyIndex);
    armWakeTimer();
}

void DomainRefresher::armWakeTimer()
{
    if (m_wakeups.empty()) {
        m_wakeTimer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_wakeups.cbegin()->first - nowMs());
    m_wakeTimer.start(int(std::min<qint64>(wait, 60 * 60 * 1000)));
}

void DomainRefresher::onWake()
{
    const qint64 now = nowMs();
    while (!m_wakeups.empty() && m_wakeups.cbegin()->first <= now) {
        const auto [at, keyIndex] = *m_wakeups.cbegin();
        m_wakeups.erase(m_wakeups.cbegin());
        KeyState& key = m_keys[size_t(keyIndex)];
        if (key.wakeAtMs != at)
            continue;
        key.wakeAtMs = -1;
        makeReady(keyIndex);
    }
    armWakeTimer();
    pump();
}

void DomainRefresher::pump()
{
    if (!m_running)
        return;
    const quint64 generation = m_generation;
    if (m_done == total()) {
        finishRun();
        return;
    }
    while (m_inFlight < m_maxConcurrent && !m_readyKeys.empty()) {
        const int keyIndex = m_readyKeys.front();
        m_readyKeys.pop_front();
        KeyState& key = m_keys[size_t(keyIndex)];
        key.ready = false;
        if (key.queue.isEmpty())
            continue;
        const qint64 now = nowMs();
        const qint64 limiterDelay = key.limiter.delayMs(now);
        // The end of one of the key's own requests makes it ready again.
        if (limiterDelay == RateLimiter::UntilARequestEnds)
            continue;
        const qint64 delay = std::max(limiterDelay, key.restUntilMs - now);
        if (delay > 0) {
            scheduleWake(keyIndex, now + delay);
            continue;
        }
        const int jobIndex = key.queue.takeFirst();
        // Back of the line, so one key with many domains cannot hold up the others.
        makeReady(keyIndex);
        startJob(jobIndex);
        // domainUpdated() and DailyClient::callStarted reach other slots, which may have cancelled.
        if (generation != m_generation)
            return;
    }
}

void DomainRefresher::startJob(int jobIndex)
{
    const quint64 generation = m_generation;
    if (m_jobs[size_t(jobIndex)].attempts == 0) {
        emit domainUpdated(stateOf(m_jobs[size_t(jobIndex)].target, DomainState::Status::Loading));
        // A slot may have cancelled, or given this domain a new target (which took this job's place).
        if (generation != m_generation || m_jobs[size_t(jobIndex)].phase != Phase::Queued)
            return;
    }
    const DomainTarget target = m_jobs[size_t(jobIndex)].target;
    {
        Job& job = m_jobs[size_t(jobIndex)];
        job.phase = Phase::InFlight;
        ++job.attempts;
        m_keys[size_t(job.keyIndex)].limiter.begin();
    }
    ++m_inFlight;
    m_startingOwnCall = true;
    DailyCall* call = m_client->listWebhooks(target);
    m_startingOwnCall = false;
    connect(call, &DailyCall::finished, this, [this, jobIndex, generation](const ApiResult& result) {
        if (generation == m_generation)
            onCallFinished(jobIndex, result);
    });
    if (generation == m_generation)
        m_jobs[size_t(jobIndex)].call = call;
}

void DomainRefresher::onCallFinished(int jobIndex, const ApiResult& result)
{
    const qint64 now = nowMs();
    Job& job = m_jobs[size_t(jobIndex)];
    KeyState& key = m_keys[size_t(job.keyIndex)];
    key.limiter.end(now);
    --m_inFlight;
    job.call = nullptr;

    if (result.error.kind == ApiError::Kind::RateLimited && job.attempts < m_maxAttempts && !job.superseded) {
        // The key as a whole is over its limit (another client may share it), so all of its domains rest, not
        // only this one; the retry goes first when the rest is over.
        ++job.rateLimited;
        const double jitter = QRandomGenerator::global()->generateDouble();
        const int rest = backoffDelayMs(job.rateLimited, jitter, m_backoffBaseMs, m_backoffCapMs);
        key.restUntilMs = std::max(key.restUntilMs, now + rest);
        job.phase = Phase::Queued;
        key.queue.prepend(jobIndex);
        makeReady(job.keyIndex);
        pump();
        return;
    }

    job.phase = Phase::Done;
    ++m_done;
    makeReady(job.keyIndex);
    const bool report = !job.superseded;
    if (report)
        m_unfinished.remove(identityOf(job.target));
    DomainState state = stateOf(job.target, result.ok() ? DomainState::Status::Loaded : DomainState::Status::Failed);
    state.webhooks = result.webhooks;
    state.error = result.error;
    state.refreshedAt = QDateTime::currentDateTimeUtc();
    state.attempts = job.attempts;

    const quint64 generation = m_generation;
    if (report)
        emit domainUpdated(state);
    if (generation != m_generation)
        return;
    emit progress(m_done, total());
    if (generation != m_generation)
        return;
    pump();
}

void DomainRefresher::resetRun()
{
    m_running = false;
    ++m_generation;
    m_jobs.clear();
    m_unfinished.clear();
    m_readyKeys.clear();
    m_wakeups.clear();
    m_wakeTimer.stop();
    m_kick.stop();
    m_inFlight = 0;
    m_done = 0;
    // The limiters and rests stay: they describe the keys, not this run.
    for (KeyState& key : m_keys) {
        key.queue.clear();
        key.ready = false;
        key.wakeAtMs = -1;
    }
}

void DomainRefresher::finishRun()
{
    resetRun();
    emit finished();
}

void DomainRefresher::abandonCalls()
{
    // Bumping the generation first makes the aborted calls' finished() (delivered at once) fall on deaf ears.
    ++m_generation;
    const qint64 now = nowMs();
    for (Job& job : m_jobs) {
        if (job.phase != Phase::InFlight)
            continue;
        // The request may have reached the server: it keeps counting against the key's limit.
        m_keys[size_t(job.keyIndex)].limiter.end(now);
        if (DailyCall* call = job.call.data())
            call->cancel();
        job.call = nullptr;
    }
}

void DomainRefresher::cancel()
{
    if (!m_running)
        return;
    abandonCalls();
    QList<DomainState> cancelled;
    for (const Job& job : m_jobs) {
        if (job.phase == Phase::Done || job.superseded)
            continue;
        DomainState state = stateOf(job.target, DomainState::Status::Failed);
        state.error = ApiError::cancelled();
        state.refreshedAt = QDateTime::currentDateTimeUtc();
        state.attempts = job.attempts;
        cancelled.append(state);
    }
    const int count = total();
    // Reset before telling anyone, so a slot that calls refresh() starts a clean run.
    resetRun();
    const quint64 generation = m_generation;
    for (const DomainState& state : std::as_const(cancelled)) {
        emit domainUpdated(state);
        if (generation != m_generation)
            return;
    }
    emit progress(count, count);
    if (generation == m_generation)
        emit finished();
}
