#pragma once

#include "DeliveryResult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ExactHttpExchange;
class QNetworkReply;

// One delivery under way (DeliverySender makes them): finished() follows exactly once, on the event loop, with
// the result as a value; the object deletes itself afterwards. cancel() ends it at once with Failure::Cancelled.
class PendingDelivery : public QObject
{
    Q_OBJECT

public:
    // For DeliverySender: watches `reply` (taking it over) for at most `timeoutMs` (0: no limit).
    PendingDelivery(QNetworkReply* reply, DeliveryResult started, int timeoutMs, QObject* parent = nullptr);
    // For DeliverySender: an exact request under way (taking it over).
    PendingDelivery(ExactHttpExchange* exchange, QObject* parent = nullptr);
    // For DeliverySender: a delivery that never started (its URL was refused); finishes on the event loop.
    PendingDelivery(DeliveryResult refused, QObject* parent = nullptr);
    ~PendingDelivery() override;

    bool isFinished() const { return m_finished; }

public slots:
    void cancel();

signals:
    void finished(const DeliveryResult& result);

private:
    void collect();
    void onFinished();
    void finish();

    QPointer<QNetworkReply> m_reply;
    QPointer<ExactHttpExchange> m_exchange;
    QTimer m_timer;
    QElapsedTimer m_clock;
    DeliveryResult m_result;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
};
