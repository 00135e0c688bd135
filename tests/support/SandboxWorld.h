#pragma once

#include "AppServices.h"
#include "AppSettings.h"
#include "AuditLog.h"
#include "DomainStore.h"
#include "SandboxServer.h"
#include "SecretStore.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>

// Everything the main window needs to run against an in-process sandbox, with domains, keys and history that
// live in memory and a temporary directory: the set-up shared by the window's tests and the screenshot tour.
class SandboxWorld
{
public:
    SandboxWorld();

    // False (with the reason on stderr) when the sandbox or the audit log could not start.
    bool isReady() const { return m_ready; }
    // Saves a domain with `key`; registers the key with the sandbox unless `knownToSandbox` is false (a wrong
    // key, as a typo would make it). Waits until the domain is saved.
    bool addDomain(const QString& name, const QString& key, bool knownToSandbox = true);
    AppServices services(UserPrompts* prompts);

    QTemporaryDir dir;
    QNetworkAccessManager network;
    SecretStore secrets {SecretStore::Backend::Memory, QStringLiteral("daily-webhooks-sandbox-world")};
    QSettings domainSettings {dir.filePath(QStringLiteral("domains.ini")), QSettings::IniFormat};
    DomainStore domains {&secrets, &domainSettings};
    AppSettings settings;
    AuditLog audit {&secrets};
    SandboxServer sandbox;

private:
    bool m_ready = false;
};
