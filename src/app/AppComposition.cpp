#include "AppComposition.h"

#include "AppSettings.h"
#include "AuditLog.h"
#include "DomainStore.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "UserPrompts.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

// Domains that live only for this run (the sandbox's, or DAILY_API_KEY's): keys in memory, settings in a
// temporary file, so nothing of them reaches the user's keychain or settings.
struct AppComposition::RunDomains
{
    QTemporaryDir dir;
    SecretStore secrets {SecretStore::Backend::Memory, AppIdentity::keychainService()};
    QSettings settings {dir.filePath(QStringLiteral("domains.ini")), QSettings::IniFormat};
    DomainStore domains {&secrets, &settings};
};

void AppComposition::applyIdentity()
{
    AppIdentity::applyToCoreApplication();
    QApplication::setApplicationDisplayName(AppIdentity::displayName());
    QGuiApplication::setDesktopFileName(AppIdentity::desktopId());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/daily-webhooks/icons/daily-webhooks.svg")));
}

AppComposition::AppComposition(const StartupOptions& options)
    : AppComposition(options, Setup())
{ }

AppComposition::AppComposition(const StartupOptions& options, const Setup& setup)
    : m_settings(std::make_unique<AppSettings>())
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_keychain(std::make_unique<SecretStore>(setup.keychainBackend, setup.keychainService))
{
    if (!setup.userDomainsFile.isEmpty())
        m_userDomainSettings = std::make_unique<QSettings>(setup.userDomainsFile, QSettings::IniFormat);
    m_userDomains = std::make_unique<DomainStore>(m_keychain.get(), m_userDomainSettings.get());

    m_mode = StartupMode::decide(options, !m_userDomains->domains().isEmpty());
    if (m_mode.refused()) {
        m_problem = m_mode.refusal;
        m_exitCode = 2;
        return;
    }

    UserPrompts* prompts = setup.prompts;
    if (!prompts) {
        m_ownPrompts = std::make_unique<UserPrompts>();
        prompts = m_ownPrompts.get();
    }
    m_services.network = m_network.get();
    m_services.settings = m_settings.get();
    m_services.prompts = prompts;
    m_services.secrets = m_keychain.get();
    m_services.domains = m_userDomains.get();
    m_services.userDomains = m_userDomains.get();
    m_services.defaultBaseUrl = m_settings->apiBaseUrl();
    m_notice = m_mode.notice();
    m_dataDir
        = setup.dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : setup.dataDir;
    // The user's, whatever the mode (the CLI's receive writes there too); a caller's own data directory keeps
    // its deliveries apart. Only opened when the Deliveries window is.
    m_services.deliveryStorePath = setup.dataDir.isEmpty() ? AppIdentity::deliveryStorePath()
                                                           : setup.dataDir + QStringLiteral("/deliveries.sqlite");

    switch (m_mode.source) {
    case StartupMode::Source::Sandbox:
        buildSandbox(setup.stockSandbox);
        break;
    case StartupMode::Source::EnvironmentKey:
        buildEnvironmentDomain();
        break;
    case StartupMode::Source::SavedDomains:
        break;
    }
    if (ok())
        openAudit();
}

AppComposition::~AppComposition() = default;

void AppComposition::buildSandbox(bool stock)
{
    m_runDomains = std::make_unique<RunDomains>();
    m_sandbox = std::make_unique<SandboxServer>();
    // The sandbox's history is thrown away with it.
    m_dataDir = m_runDomains->dir.path();
    m_services.domains = &m_runDomains->domains;
    m_services.secrets = &m_runDomains->secrets;
    m_services.sandbox = true;
    if (!m_sandbox->listen()) {
        m_problem = QCoreApplication::translate("main", "the sandbox could not listen on 127.0.0.1.");
        m_exitCode = 1;
        return;
    }
    m_services.demoEndpoint = m_sandbox->demoEndpointUrl();
    m_services.defaultBaseUrl = m_sandbox->apiBaseUrl();
    if (!stock)
        return;

    // Any key a sandbox domain is given becomes a domain of the sandbox.
    SandboxServer* server = m_sandbox.get();
    DomainStore* store = &m_runDomains->domains;
    QObject::connect(store, &DomainStore::domainsChanged, server, [server, store] {
        for (const Domain& domain : store->domains()) {
            store->readKey(domain.id, server, [server](const SecretStore::Result& r) {
                if (r.ok())
                    server->addDomain(r.secret);
            });
        }
    });
    store->add(QStringLiteral("sandbox"), server->apiBaseUrl(), SandboxServer::demoApiKey(), server,
        [](const DomainStore::Result&) {});
}

void AppComposition::buildEnvironmentDomain()
{
    m_runDomains = std::make_unique<RunDomains>();
    const QUrl base = m_mode.apiBase.isEmpty() ? m_settings->apiBaseUrl() : m_mode.apiBase;
    m_runDomains->domains.add(QStringLiteral("DAILY_API_KEY"), base, m_mode.envKey, &m_runDomains->domains,
        [](const DomainStore::Result&) {});
    m_services.domains = &m_runDomains->domains;
    m_services.secrets = &m_runDomains->secrets;
}

void AppComposition::openAudit()
{
    m_audit = std::make_unique<AuditLog>(m_services.secrets);
    QDir().mkpath(m_dataDir);
    QString error;
    if (m_audit->open(m_dataDir + QStringLiteral("/audit.sqlite"), &error))
        m_services.audit = m_audit.get();
    else
        m_notice += QCoreApplication::translate("main", " History is off: %1").arg(error);
    m_notice = m_notice.trimmed();
}

MainWindow* AppComposition::window()
{
    if (!m_window && ok())
        m_window = std::make_unique<MainWindow>(m_services);
    return m_window.get();
}

void AppComposition::start()
{
    MainWindow* shown = window();
    if (!shown)
        return;
    if (!m_notice.isEmpty())
        shown->showNotice(m_notice);
    shown->show();
    QMetaObject::invokeMethod(shown, &MainWindow::refreshAll, Qt::QueuedConnection);
}
