#pragma once

#include "AppComposition.h"
#include "AppServices.h"
#include "AppSettings.h"
#include "AuditLog.h"
#include "DomainStore.h"
#include "SandboxServer.h"
#include "SecretStore.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

// The app as `daily-webhooks --sandbox` builds it (AppComposition), with the user's keychain in memory and the
// user's domains in a temporary directory, and a sandbox that starts without domains: each test adds the
// domains it needs, some with keys the sandbox refuses. Shared by the window's tests and the screenshot tour.
class SandboxWorld
{
public:
    SandboxWorld();

    // False (with the reason on stderr) when the sandbox or the audit log could not start.
    bool isReady() const { return m_ready; }
    // Saves a domain with `key`; registers the key with the sandbox unless `knownToSandbox` is false (a wrong
    // key, as a typo would make it). Waits until the domain is saved.
    bool addDomain(const QString& name, const QString& key, bool knownToSandbox = true);
    // The composition's services, with `prompts` answering the questions.
    AppServices services(UserPrompts* prompts);

    QTemporaryDir dir;
    AppComposition app;
    // The composition's parts the tests look at: the window's domains and keys (this run's, in memory), the
    // settings, the audit log, the sandbox.
    QNetworkAccessManager& network;
    SecretStore& secrets;
    DomainStore& domains;
    AppSettings& settings;
    AuditLog& audit;
    SandboxServer& sandbox;

private:
    bool m_ready = false;
};
