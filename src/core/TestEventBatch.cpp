#include "TestEventBatch.h"

#include "DeliverySender.h"
#include "PendingDelivery.h"

#include <QDateTime>
#include <QTimer>

TestEventBatch::TestEventBatch(DeliverySender* sender, QObject* parent)
    : QObject(parent)
    , m_sender(sender)
{
    Q_ASSERT(m_sender);
}

void TestEventBatch::start(const QList<TestEvent>& events, const QUrl& url, const QString& hmacBase64,
    const QString& basicAuth, int concurrency)
{
    Q_ASSERT(!m_running);
    m_events = events;
    m_url = url;
    m_hmac = hmacBase64;
    m_basicAuth = basicAuth;
    m_concurrency = std::max(1, concurrency);
    m_next = 0;
    m_done = 0;
    m_cancelled = false;
    m_running = true;
    m_inFlight.clear();
    m_outcomes.clear();
    for (const TestEvent& event : std::as_const(m_events))
        m_outcomes.append(TestEventOutcome {event.type(), QString(), QByteArray(), DeliveryResult()});
    if (m_events.isEmpty()) {
        // Never inside start(): whoever started the batch connects to finished() first.
        QTimer::singleShot(0, this, [this] {
            m_running = false;
            emit finished(m_outcomes);
        });
        return;
    }
    for (int i = 0; i < m_concurrency; ++i)
        sendNext();
}

void TestEventBatch::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    // The events never sent end Cancelled without a request; those in flight through their own cancel().
    while (m_next < m_events.size()) {
        TestEventOutcome& outcome = m_outcomes[m_next];
        outcome.result.url = m_url;
        outcome.result.failure = DeliveryResult::Failure::Cancelled;
        outcome.result.failureText = tr("Cancelled before it was sent.");
        ++m_next;
        ++m_done;
        emit eventFinished(m_next - 1, outcome);
    }
    const QList<QPointer<PendingDelivery>> inFlight = m_inFlight;
    for (const QPointer<PendingDelivery>& pending : inFlight) {
        if (pending)
            pending->cancel();
    }
    // An abort may end a delivery at once, and its handler may have ended the batch already.
    if (m_running && m_done == m_events.size()) {
        m_running = false;
        emit finished(m_outcomes);
    }
}

void TestEventBatch::sendNext()
{
    if (m_cancelled || m_next >= m_events.size())
        return;
    const int index = m_next++;
    QString id;
    const DeliveryRequest request
        = m_events.at(index).request(m_url, m_hmac, m_basicAuth, QDateTime::currentMSecsSinceEpoch(), &id);
    m_outcomes[index].id = id;
    m_outcomes[index].body = request.body;
    PendingDelivery* pending = m_sender->send(request);
    m_inFlight.append(pending);
    connect(pending, &PendingDelivery::finished, this, [this, index, pending](const DeliveryResult& result) {
        m_inFlight.removeAll(pending);
        m_outcomes[index].result = result;
        ++m_done;
        emit eventFinished(index, m_outcomes.at(index));
        if (m_done == m_events.size()) {
            m_running = false;
            emit finished(m_outcomes);
            return;
        }
        sendNext();
    });
}
