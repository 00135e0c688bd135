#include "WebhookBackend.h"

#include "DailyClient.h"
#include "DomainRefresher.h"
#include "DomainStates.h"
#include "RequestLog.h"
#include "WebhookOperations.h"

WebhookBackend::WebhookBackend(QNetworkAccessManager* network, DomainStore* domains, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_client(new DailyClient(network, this))
    , m_refresher(new DomainRefresher(m_client, this))
    , m_states(new DomainStates(this))
    , m_requestLog(new RequestLog(RequestLog::DefaultCapacity, this))
    , m_operations(new WebhookOperations(m_client, domains, audit, m_states, m_refresher, this))
{
    m_states->follow(domains);
    m_requestLog->attach(m_client);
}

WebhookBackend::~WebhookBackend()
{
    // Users first, then what they use: the calls still in flight are abandoned quietly (no state is written while
    // the views that observe it may be going away) before the client that made them goes.
    delete m_operations;
    delete m_refresher;
    delete m_client;
}

void WebhookBackend::setTimeoutMs(int timeoutMs)
{
    m_client->setTimeoutMs(timeoutMs);
}

int WebhookBackend::timeoutMs() const
{
    return m_client->timeoutMs();
}
