#pragma once

#include "TestEvent.h"
#include "TestEventOutcome.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class DeliverySender;
class PendingDelivery;

// "Send one of each": sends test events to one URL, a few at a time, each signed afresh (its own id, event_ts
// and timestamp), and keeps one outcome per event in the order given, for the CLI's table and the window's.
// eventFinished() follows each send; finished() follows start() exactly once, after the last (cancel() included:
// the events not yet answered end Cancelled). One batch at a time.
class TestEventBatch : public QObject
{
    Q_OBJECT

public:
    // Endpoints under test are often a developer's single-threaded server; four at once is gentle and still
    // sends all 32 types in a few round trips.
    static constexpr int DefaultConcurrency = 4;

    explicit TestEventBatch(DeliverySender* sender, QObject* parent = nullptr);

    // `hmacBase64` and `basicAuth` may be empty (unsigned, no Basic auth). `concurrency` below 1 counts as 1.
    void start(const QList<TestEvent>& events, const QUrl& url, const QString& hmacBase64, const QString& basicAuth,
        int concurrency = DefaultConcurrency);
    bool isRunning() const { return m_running; }
    const QList<TestEventOutcome>& outcomes() const { return m_outcomes; }

public slots:
    void cancel();

signals:
    void eventFinished(int index, const TestEventOutcome& outcome);
    void finished(const QList<TestEventOutcome>& outcomes);

private:
    void sendNext();

    DeliverySender* m_sender;
    QList<TestEvent> m_events;
    QUrl m_url;
    QString m_hmac;
    QString m_basicAuth;
    int m_concurrency = DefaultConcurrency;
    int m_next = 0;
    int m_done = 0;
    bool m_running = false;
    bool m_cancelled = false;
    QList<TestEventOutcome> m_outcomes;
    QList<QPointer<PendingDelivery>> m_inFlight;
};
