#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Measures how long the event loop could not run: the longest gap between ticks of a 5 ms precise timer, from
// start() until stop() (or until now, while it runs), the time since the last tick included.
class StallMeter : public QObject
{
public:
    StallMeter();

    void start();
    void stop();
    qint64 longestMs() const;
    // Ticks since start(): a caller waits for some to be sure the event loop has run after a piece of work.
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longestMs = 0;
    int m_ticks = 0;
    bool m_running = false;
};
