#pragma once

#include <QList>
#include <QtGlobal>

// Keeps one API key under Daily's rate limit: at most `perSecond` requests in any one-second window and
// `perFiveSeconds` in any five-second window, as the server counts them on arrival.
//
// The server sees a request when it arrives, which is some time after the client decided to send it (the
// network manager may even queue it behind others for the same host). So the client cannot know the arrival
// time; it only knows that the arrival lies between the start and the end of the request. A request therefore
// occupies the windows from its start until one window length after its end, and a new one may start only while
// fewer than the limit occupy a window. Whatever the latencies, no window at the server can then hold more than
// the limit. A plain token bucket would not do: a bucket of rate r and burst b lets b + 5r through in five
// seconds (over 100 at r = 18), and it counts sends, not arrivals.
//
// Time is passed in (a monotonic clock in ms) so tests drive it as a table, without sleeping.
class RateLimiter
{
public:
    // A little under Daily's 20 per second and 100 per 5 seconds, for the clock differences between the ends.
    static constexpr int DefaultPerSecond = 18;
    static constexpr int DefaultPerFiveSeconds = 90;
    // delayMs() when every slot is taken by a request still in flight: only an end() can free one.
    static constexpr qint64 UntilARequestEnds = -1;

    RateLimiter() = default;
    RateLimiter(int perSecond, int perFiveSeconds);

    // A limit of 0 or less disables that window.
    void setLimits(int perSecond, int perFiveSeconds);
    int perSecond() const { return m_perSecond; }
    int perFiveSeconds() const { return m_perFiveSeconds; }

    // How long from `nowMs` until a request may start: 0 means now, UntilARequestEnds means after an end().
    qint64 delayMs(qint64 nowMs) const;
    // A request starts now (whether or not delayMs() allowed it) ...
    void begin();
    // ... and one that began has ended (answered, failed or cancelled) at `nowMs`.
    void end(qint64 nowMs);

    int inFlight() const { return m_inFlight; }
    // Requests that still occupy the window of `windowMs` ending at `nowMs`: in flight, or ended within it.
    int occupying(qint64 windowMs, qint64 nowMs) const;

private:
    qint64 delayFor(int limit, qint64 windowMs, qint64 nowMs) const;
    void forgetOlderThanFiveSeconds(qint64 nowMs) const;

    int m_perSecond = DefaultPerSecond;
    int m_perFiveSeconds = DefaultPerFiveSeconds;
    int m_inFlight = 0;
    // When requests ended, oldest first; times from a monotonic clock only grow, so the list stays sorted.
    // Older than the longest window they no longer matter and are dropped. A QList because an empty one costs no
    // allocation (a refresher holds one limiter per key, a thousand of them) and dropping its head is O(1).
    mutable QList<qint64> m_ended;
};
