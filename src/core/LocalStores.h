#pragma once

#include <QString>

#include <memory>

class AuditHistory;
class AuditLog;
class DomainStore;
class SecretStore;

// This computer's stores as one run of a program finds them: the saved domains (the application's settings), the
// OS keychain behind them, and the audit log in the application's data directory, each opened on first use (a
// short run, as the command line's, mostly needs only one). Front ends reach the keychain and the audit log only
// through these and WebhookOperations.
class LocalStores
{
public:
    LocalStores();
    ~LocalStores();
    LocalStores(const LocalStores&) = delete;
    LocalStores& operator=(const LocalStores&) = delete;

    // How long each keychain job may take (SecretStore::setTimeoutSeconds); 0 waits as long as the keychain does.
    void setKeychainTimeoutSeconds(int seconds);

    DomainStore* domains();
    // The audit log, opened (and created) on first use; nullptr with `error` set when it cannot be.
    AuditLog* audit(QString* error);
    // The audit log for reading, never created by reading: nullptr with `error` empty when no change was ever
    // recorded here, nullptr with `error` set when it exists but cannot be opened.
    AuditHistory* existingHistory(QString* error);

    // Where the audit log lives: QStandardPaths::AppDataLocation + "/audit.sqlite".
    static QString auditPath();

private:
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<DomainStore> m_domains;
    std::unique_ptr<AuditLog> m_audit;
};
