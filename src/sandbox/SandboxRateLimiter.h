#pragma once

#include <QtGlobal>

#include <deque>

// Daily's per-key rate limit: at most `perSecond` requests in any one-second window and `perFiveSeconds` in any
// five-second window. Only accepted requests fill the windows, so a client that backs off recovers as soon as the
// oldest accepted request leaves the window. Time is passed in so tests can drive it without sleeping.
class SandboxRateLimiter
{
public:
    static constexpr int DefaultPerSecond = 20;
    static constexpr int DefaultPerFiveSeconds = 100;

    SandboxRateLimiter() = default;

    // A limit of 0 disables that window.
    void setLimits(int perSecond, int perFiveSeconds);

    // Accepts and records a request arriving at `nowMs` (a monotonic clock), or refuses it when a window is full.
    bool tryAccept(qint64 nowMs);

    // The most requests accepted within any one-second window so far.
    int peakPerSecond() const { return m_peakPerSecond; }

private:
    int countSince(qint64 fromMs) const;

    int m_perSecond = DefaultPerSecond;
    int m_perFiveSeconds = DefaultPerFiveSeconds;
    int m_peakPerSecond = 0;
    std::deque<qint64> m_accepted; // arrival times of accepted requests within the last five seconds
};
