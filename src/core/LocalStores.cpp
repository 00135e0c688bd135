#include "LocalStores.h"

#include "AuditLog.h"
#include "DomainStore.h"
#include "SecretStore.h"

#include <QFile>
#include <QStandardPaths>

LocalStores::LocalStores()
    : m_secrets(std::make_unique<SecretStore>())
{ }

LocalStores::~LocalStores() = default;

void LocalStores::setKeychainTimeoutSeconds(int seconds)
{
    m_secrets->setTimeoutSeconds(seconds);
}

DomainStore* LocalStores::domains()
{
    if (!m_domains)
        m_domains = std::make_unique<DomainStore>(m_secrets.get());
    return m_domains.get();
}

QString LocalStores::auditPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/audit.sqlite");
}

AuditLog* LocalStores::audit(QString* error)
{
    if (!m_audit)
        m_audit = std::make_unique<AuditLog>(m_secrets.get());
    if (!m_audit->isOpen() && !m_audit->open(auditPath(), error))
        return nullptr;
    return m_audit.get();
}

AuditHistory* LocalStores::existingHistory(QString* error)
{
    // No log yet means no changes; reading it does not create it.
    if ((!m_audit || !m_audit->isOpen()) && !QFile::exists(auditPath()))
        return nullptr;
    return audit(error);
}
