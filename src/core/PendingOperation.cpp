#include "PendingOperation.h"

#include "DailyCall.h"

#include <QTimer>

PendingOperation::PendingOperation(QObject* parent)
    : QObject(parent)
{ }

void PendingOperation::setCall(DailyCall* call)
{
    m_call = call;
}

void PendingOperation::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (m_call)
        m_call->cancel();
}

void PendingOperation::finish(const OperationResult& result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_call = nullptr;
    // Never inside the call that started the operation: whoever started it connects to finished() first.
    QTimer::singleShot(0, this, [this, result] {
        emit finished(result);
        deleteLater();
    });
}
