// The desktop executable: decides whether this run talks to Daily (the user's domains) or to the embedded
// sandbox, builds the services, and shows the main window.

#include "AppServices.h"
#include "AppSettings.h"
#include "AuditLog.h"
#include "DomainStore.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "SecretStore.h"
#include "UrlPolicy.h"
#include "UserPrompts.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

namespace {

struct Options
{
    bool sandbox = false;
    QUrl apiBase;
};

Options parseOptions(const QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main",
        "Create, inspect and repair the webhooks of your Daily domains. Without any domain or API key it "
        "runs against an embedded sandbox that behaves like Daily's API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"), QApplication::translate("main", "Run against the embedded sandbox (offline)."));
    const QCommandLineOption apiBase(QStringLiteral("api-base"),
        QApplication::translate("main", "With DAILY_API_KEY: use this API base URL (overrides DAILY_API_BASE)."),
        QStringLiteral("url"));
    parser.addOption(sandbox);
    parser.addOption(apiBase);
    parser.process(app);

    Options options;
    options.sandbox = parser.isSet(sandbox);
    const QString env = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DAILY_API_BASE"));
    const QString base = parser.isSet(apiBase) ? parser.value(apiBase) : env;
    if (!base.isEmpty()) {
        // The one rule for where a key may go (https, or http on this computer), as in the CLI and the dialogs.
        if (const QString problem = UrlPolicy::apiBaseProblem(base); !problem.isEmpty()) {
            std::fprintf(stderr, "daily-webhooks: %s\n", qPrintable(problem));
            std::exit(2);
        }
        options.apiBase = QUrl(base.trimmed(), QUrl::StrictMode);
    }
    return options;
}

// Domains that live only for this run (the sandbox's, or DAILY_API_KEY's): keys in memory, settings in a
// temporary file, so nothing of them reaches the user's keychain or settings.
struct EphemeralDomains
{
    QTemporaryDir dir;
    SecretStore secrets {SecretStore::Backend::Memory, SecretStore::DefaultService};
    QSettings settings {dir.filePath(QStringLiteral("domains.ini")), QSettings::IniFormat};
    DomainStore domains {&secrets, &settings};
};

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DailyWebhooks"));
    QApplication::setApplicationName(QStringLiteral("daily-webhooks"));
    QApplication::setApplicationDisplayName(QStringLiteral("Daily Webhooks"));
    QApplication::setApplicationVersion(QStringLiteral(DW_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.dailywebhooks.DailyWebhooks"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/daily-webhooks/icons/daily-webhooks.svg")));

    const Options options = parseOptions(app);
    AppSettings settings;
    QNetworkAccessManager network;
    UserPrompts prompts;
    SecretStore keychain;
    DomainStore userDomains(&keychain);
    const QString envKey = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DAILY_API_KEY")).trimmed();
    if (const QString problem = Domain::apiKeyProblem(envKey); !envKey.isEmpty() && !problem.isEmpty()) {
        std::fprintf(stderr, "daily-webhooks: DAILY_API_KEY cannot be used. %s\n", qPrintable(problem));
        return 2;
    }

    AppServices services;
    services.network = &network;
    services.settings = &settings;
    services.prompts = &prompts;
    services.secrets = &keychain;
    services.domains = &userDomains;
    services.userDomains = &userDomains;
    services.defaultBaseUrl = settings.apiBaseUrl();

    std::unique_ptr<EphemeralDomains> ephemeral;
    std::unique_ptr<SandboxServer> sandbox;
    QString notice;
    const bool useSandbox = options.sandbox || (envKey.isEmpty() && userDomains.domains().isEmpty());
    if (useSandbox) {
        sandbox = std::make_unique<SandboxServer>();
        if (!sandbox->listen()) {
            std::fprintf(stderr, "daily-webhooks: the sandbox could not listen on 127.0.0.1.\n");
            return 1;
        }
        ephemeral = std::make_unique<EphemeralDomains>();
        // Any key a sandbox domain is given becomes a domain of the sandbox.
        SandboxServer* server = sandbox.get();
        DomainStore* store = &ephemeral->domains;
        QObject::connect(store, &DomainStore::domainsChanged, server, [server, store] {
            for (const Domain& domain : store->domains()) {
                store->readKey(domain.id, server, [server](const SecretStore::Result& r) {
                    if (r.ok())
                        server->addDomain(r.secret);
                });
            }
        });
        ephemeral->domains.add(QStringLiteral("sandbox"), sandbox->apiBaseUrl(), SandboxServer::demoApiKey(), server,
            [](const DomainStore::Result&) {});
        services.domains = store;
        services.secrets = &ephemeral->secrets;
        services.sandbox = true;
        services.demoEndpoint = sandbox->demoEndpointUrl();
        services.defaultBaseUrl = sandbox->apiBaseUrl();
        if (!options.sandbox)
            notice = QApplication::translate("main", "No domain yet: you are trying the app on the sandbox.");
    } else if (!envKey.isEmpty()) {
        ephemeral = std::make_unique<EphemeralDomains>();
        const QUrl base = options.apiBase.isEmpty() ? settings.apiBaseUrl() : options.apiBase;
        ephemeral->domains.add(QStringLiteral("DAILY_API_KEY"), base, envKey, &app, [](const DomainStore::Result&) {});
        services.domains = &ephemeral->domains;
        services.secrets = &ephemeral->secrets;
        notice = QApplication::translate("main", "Using DAILY_API_KEY for this run; your saved domains are hidden.");
    }

    // The history of changes: the user's own, or a throw-away one for the sandbox.
    AuditLog audit(services.secrets);
    const QString dataDir
        = useSandbox ? ephemeral->dir.path() : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    QString auditError;
    if (audit.open(dataDir + QStringLiteral("/audit.sqlite"), &auditError))
        services.audit = &audit;

    MainWindow window(services);
    if (!auditError.isEmpty())
        notice += QApplication::translate("main", " History is off: %1").arg(auditError);
    if (!notice.isEmpty())
        window.showNotice(notice.trimmed());
    window.show();
    QMetaObject::invokeMethod(&window, &MainWindow::refreshAll, Qt::QueuedConnection);
    return app.exec();
}
