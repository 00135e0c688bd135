#pragma once

#include "AppIdentity.h"
#include "AppServices.h"
#include "SecretStore.h"
#include "StartupMode.h"
#include "StartupOptions.h"

#include <QString>

#include <memory>

class AppSettings;
class AuditLog;
class DomainStore;
class MainWindow;
class QNetworkAccessManager;
class QSettings;
class SandboxServer;
class UserPrompts;

// The desktop app's composition root: the one place that decides what a run works with and builds the services
// of it. src/app/main.cpp, the start-up probe (benchmarks/StartupProbe.cpp), the refresh benchmark's window and
// the tests' SandboxWorld all start the app through it, so what they run and measure is what a user starts.
//
// Construction does all of it, in this order:
//   1. the user's settings (AppSettings), the network, the user's keychain and saved domains (DomainStore);
//   2. StartupMode::decide(): sandbox, DAILY_API_KEY or saved domains, or a refusal (problem(), exitCode());
//   3. for the sandbox: the embedded SandboxServer on 127.0.0.1, a domain "sandbox" with the demo key, and every
//      key given to one of its domains registered with it; for DAILY_API_KEY: one domain of that name. Both live
//      in a store of their own (keys in memory, settings in a temporary directory), so nothing of them reaches
//      the user's keychain or settings; the user's store stays reachable (AppServices::userDomains) so that
//      real domains can be saved from the sandbox for the next start;
//   4. the audit log: the user's (in Setup::dataDir), or a throw-away one in the temporary directory on the
//      sandbox; if it cannot be opened the app runs without history and says so.
// start() then builds the MainWindow, shows the notice, shows the window and queues a refresh of every domain.
//
// The widgets are all in MainWindow; what is decided here without them is StartupMode's, tested on its own.
class AppComposition
{
public:
    // Where a run keeps things, and what a caller other than main() supplies. The defaults are the user's own.
    struct Setup
    {
        // The keychain of the user's saved domains; Memory keeps a test's or the probe's keys out of it.
        SecretStore::Backend keychainBackend = SecretStore::Backend::Keychain;
        QString keychainService = AppIdentity::keychainService();
        // The INI file of the user's saved domains; empty: the application's own settings (QSettings).
        QString userDomainsFile;
        // Where the user's audit log (and the Deliveries window's database) live; empty:
        // QStandardPaths::AppDataLocation.
        QString dataDir;
        // Asks the user's questions; null: the app's own dialogs (UserPrompts).
        UserPrompts* prompts = nullptr;
        // False: the sandbox starts with no domain and registers no key by itself; the caller adds both (tests
        // that need a key the sandbox refuses, as a typo would make it).
        bool stockSandbox = true;
    };

    // As the user starts the app: the user's keychain, settings and data directory.
    explicit AppComposition(const StartupOptions& options);
    AppComposition(const StartupOptions& options, const Setup& setup);
    ~AppComposition();
    AppComposition(const AppComposition&) = delete;
    AppComposition& operator=(const AppComposition&) = delete;

    // The names, desktop id and window icon of the app, on the running QApplication; before anything else.
    static void applyIdentity();

    // False when this run cannot start; problem() says why (for stderr), exitCode() with which status.
    bool ok() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }
    int exitCode() const { return m_exitCode; }

    const StartupMode& mode() const { return m_mode; }
    // What the main window works with (prompts included); empty pointers when the run was refused.
    const AppServices& services() const { return m_services; }
    // The notice the window shows first (the mode's, and a history that could not be opened).
    QString notice() const { return m_notice; }

    // The user's own keychain and saved domains, whatever the mode.
    SecretStore* keychain() const { return m_keychain.get(); }
    DomainStore* userDomains() const { return m_userDomains.get(); }
    // The embedded sandbox; null unless mode().source is Sandbox (then never null, even if it could not listen).
    SandboxServer* sandbox() const { return m_sandbox.get(); }
    // The audit log object (services().audit is null when it could not be opened).
    AuditLog* audit() const { return m_audit.get(); }
    // Where this run's audit log is.
    QString dataDir() const { return m_dataDir; }

    // The main window over services(), built on the first call; not shown.
    MainWindow* window();
    // As the app starts: the notice, the window shown, a refresh of every domain queued for the event loop.
    void start();

private:
    struct RunDomains;

    void buildSandbox(bool stock);
    void buildEnvironmentDomain();
    void openAudit();

    StartupMode m_mode;
    QString m_problem;
    int m_exitCode = 0;
    QString m_notice;
    QString m_dataDir;
    AppServices m_services;
    // Declared in the order they are built: destroyed in reverse, the window first.
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<UserPrompts> m_ownPrompts;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<QSettings> m_userDomainSettings;
    std::unique_ptr<DomainStore> m_userDomains;
    std::unique_ptr<RunDomains> m_runDomains;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<MainWindow> m_window;
};
