#include "StallMeter.h"

#include <algorithm>

StallMeter::StallMeter()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(5);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_longestMs = std::max(m_longestMs, m_sinceTick.restart());
        ++m_ticks;
    });
}

void StallMeter::start()
{
    m_longestMs = 0;
    m_ticks = 0;
    m_running = true;
    m_sinceTick.start();
    m_timer.start();
}

void StallMeter::stop()
{
    if (!m_running)
        return;
    m_longestMs = std::max(m_longestMs, m_sinceTick.elapsed());
    m_timer.stop();
    m_running = false;
}

qint64 StallMeter::longestMs() const
{
    return m_running ? std::max(m_longestMs, m_sinceTick.elapsed()) : m_longestMs;
}
