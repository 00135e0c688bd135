#include "RateLimiter.h"

#include <algorithm>

namespace {
constexpr qint64 kSecondMs = 1000;
constexpr qint64 kFiveSecondsMs = 5000;
} // namespace

RateLimiter::RateLimiter(int perSecond, int perFiveSeconds)
{
    setLimits(perSecond, perFiveSeconds);
}

void RateLimiter::setLimits(int perSecond, int perFiveSeconds)
{
    m_perSecond = std::max(0, perSecond);
    m_perFiveSeconds = std::max(0, perFiveSeconds);
}

void RateLimiter::begin()
{
    ++m_inFlight;
}

void RateLimiter::end(qint64 nowMs)
{
    if (m_inFlight > 0)
        --m_inFlight;
    // A clock that went backwards would unsort the list; the latest time already recorded stands in for it.
    const qint64 at = m_ended.isEmpty() ? nowMs : std::max(nowMs, m_ended.constLast());
    m_ended.append(at);
    forgetOlderThanFiveSeconds(at);
}

void RateLimiter::forgetOlderThanFiveSeconds(qint64 nowMs) const
{
    // An end exactly one window ago still counts: the two clocks round to whole milliseconds differently, and
    // one millisecond of caution costs nothing.
    while (!m_ended.isEmpty() && m_ended.constFirst() < nowMs - kFiveSecondsMs)
        m_ended.removeFirst();
}

int RateLimiter::occupying(qint64 windowMs, qint64 nowMs) const
{
    forgetOlderThanFiveSeconds(nowMs);
    const auto first = std::lower_bound(m_ended.cbegin(), m_ended.cend(), nowMs - windowMs);
    return m_inFlight + int(std::distance(first, m_ended.cend()));
}

qint64 RateLimiter::delayFor(int limit, qint64 windowMs, qint64 nowMs) const
{
    if (limit <= 0)
        return 0;
    const int occupied = occupying(windowMs, nowMs);
    if (occupied < limit)
        return 0;
    if (m_inFlight >= limit)
        return UntilARequestEnds;
    // Enough ended requests must leave the window to bring it one below the limit; the one that leaves last of
    // those sets the time. They sit at the back of the list, oldest first.
    const int inWindow = occupied - m_inFlight;
    const int mustLeave = occupied - limit + 1;
    const qint64 leavingEnd = m_ended.at(m_ended.size() - inWindow + mustLeave - 1);
    return std::max<qint64>(1, leavingEnd + windowMs + 1 - nowMs);
}

qint64 RateLimiter::delayMs(qint64 nowMs) const
{
    const qint64 second = delayFor(m_perSecond, kSecondMs, nowMs);
    const qint64 fiveSeconds = delayFor(m_perFiveSeconds, kFiveSecondsMs, nowMs);
    if (second == UntilARequestEnds || fiveSeconds == UntilARequestEnds)
        return UntilARequestEnds;
    return std::max(second, fiveSeconds);
}
