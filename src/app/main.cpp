// The desktop executable: resolves where to talk to (Daily or the embedded sandbox) and shows the main window.

#include "AppSettings.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "SecretStore.h"
#include "SessionConfig.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>

#include <cstdio>

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
        "Create, inspect and test the webhooks of your Daily domains. Without an API key it runs against "
        "an embedded sandbox that behaves like Daily's API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"), QApplication::translate("main", "Run against the embedded sandbox (offline)."));
    const QCommandLineOption apiBase(QStringLiteral("api-base"),
        QApplication::translate("main", "Use this API base URL for this run (overrides DAILY_API_BASE)."),
        QStringLiteral("url"));
    parser.addOption(sandbox);
    parser.addOption(apiBase);
    parser.process(app);

    Options options;
    options.sandbox = parser.isSet(sandbox);
    const QString env = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DAILY_API_BASE"));
    const QString base = parser.isSet(apiBase) ? parser.value(apiBase) : env;
    if (!base.isEmpty()) {
        options.apiBase = QUrl(base, QUrl::StrictMode);
        if (!options.apiBase.isValid() || options.apiBase.host().isEmpty()) {
            std::fprintf(stderr, "daily-webhooks: \"%s\" is not an absolute API base URL.\n", qPrintable(base));
            std::exit(2);
        }
    }
    return options;
}

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
    SecretStore secrets;
    QNetworkAccessManager network;
    SandboxServer sandbox;
    MainWindow window(&network, &secrets, &settings);

    SessionConfig session;
    session.target.baseUrl = options.apiBase.isEmpty() ? settings.apiBaseUrl() : options.apiBase;
    session.baseFromOverride = !options.apiBase.isEmpty();

    auto startSandbox = [&](const QString& notice) {
        if (!sandbox.listen()) {
            window.showNotice(QApplication::translate("main", "The sandbox could not start on 127.0.0.1."));
            return;
        }
        session.sandbox = true;
        session.keySource = SessionConfig::KeySource::Sandbox;
        session.target = {sandbox.apiBaseUrl(), SandboxServer::demoApiKey()};
        window.setDemoEndpoint(sandbox.demoEndpointUrl());
        window.setSession(session);
        if (!notice.isEmpty())
            window.showNotice(notice);
    };

    const QString envKey = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DAILY_API_KEY"));
    if (options.sandbox) {
        startSandbox(QString());
    } else if (!envKey.isEmpty()) {
        session.target.apiKey = envKey;
        session.keySource = SessionConfig::KeySource::Environment;
        window.setSession(session);
    } else if (settings.hasStoredApiKey()) {
        window.setSession(session);
        window.showNotice(QApplication::translate("main", "Reading the API key from the keychain…"));
        secrets.read(SecretStore::ApiKeyName, &window, [&](const SecretStore::Result& result) {
            if (result.ok() && !result.secret.isEmpty()) {
                session.target.apiKey = result.secret;
                session.keySource = SessionConfig::KeySource::Keychain;
                window.setSession(session);
                window.showNotice(QString());
            } else {
                startSandbox(QApplication::translate("main",
                    "The keychain did not give the stored API key (%1), so the "
                    "sandbox stands in. Enter the key again in Settings.")
                                 .arg(result.error.isEmpty() ? QStringLiteral("not found") : result.error));
            }
        });
    } else {
        startSandbox(QApplication::translate("main", "No API key yet: you are trying the app on the sandbox."));
    }

    window.show();
    return app.exec();
}
