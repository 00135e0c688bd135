#include "SandboxRateLimiter.h"

#include <algorithm>

namespace {
constexpr qint64 kSecondMs = 1000;
constexpr qint64 kFiveSecondsMs = 5000;
} // namespace

void SandboxRateLimiter::setLimits(int perSecond, int perFiveSeconds)
{
    m_perSecond = std::max(0, perSecond);
    m_perFiveSeconds = std::max(0, perFiveSeconds);
}

int SandboxRateLimiter::countSince(qint64 fromMs) const
{
    // The deque is sorted, so the requests inside the window are a suffix of it.
    const auto first = std::upper_bound(m_accepted.cbegin(), m_accepted.cend(), fromMs);
    return int(std::distance(first, m_accepted.cend()));
}

bool SandboxRateLimiter::tryAccept(qint64 nowMs)
{
    while (!m_accepted.empty() && m_accepted.front() <= nowMs - kFiveSecondsMs)
        m_accepted.pop_front();

    const int lastSecond = countSince(nowMs - kSecondMs);
    if (m_perSecond > 0 && lastSecond >= m_perSecond)
        return false;
    if (m_perFiveSeconds > 0 && int(m_accepted.size()) >= m_perFiveSeconds)
        return false;

    m_accepted.push_back(nowMs);
    m_peakPerSecond = std::max(m_peakPerSecond, lastSecond + 1);
    return true;
}
