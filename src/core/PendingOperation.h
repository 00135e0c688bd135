#pragma once

#include "OperationResult.h"

#include <QObject>
#include <QPointer>

class DailyCall;

// One webhook operation under way (WebhookOperations makes them): finished() follows exactly once, on the event
// loop, with the result as a value; the object deletes itself afterwards. cancel() cancels the call in flight,
// and no further step starts: finished() then carries the Cancelled error (unless Daily already made the
// change, which is then reported as made).
class PendingOperation : public QObject
{
    Q_OBJECT

public:
    explicit PendingOperation(QObject* parent = nullptr);

    bool isCancelled() const { return m_cancelled; }
    bool isFinished() const { return m_finished; }

    // The call in flight, which cancel() cancels. For WebhookOperations.
    void setCall(DailyCall* call);
    // Ends the operation: finished() on the event loop, then deletion. Only the first result counts.
    void finish(const OperationResult& result);

public slots:
    void cancel();

signals:
    void finished(const OperationResult& result);

private:
    QPointer<DailyCall> m_call;
    bool m_cancelled = false;
    bool m_finished = false;
};
