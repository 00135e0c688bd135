#include "StartupOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>

StartupOptions StartupOptions::fromCommandLine(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Create, inspect and repair the webhooks of your Daily domains. Without any domain or API key it "
        "runs against an embedded sandbox that behaves like Daily's API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"), QCoreApplication::translate("main", "Run against the embedded sandbox (offline)."));
    const QCommandLineOption apiBase(QStringLiteral("api-base"),
        QCoreApplication::translate("main", "With DAILY_API_KEY: use this API base URL (overrides DAILY_API_BASE)."),
        QStringLiteral("url"));
    parser.addOption(sandbox);
    parser.addOption(apiBase);
    parser.process(app);

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    StartupOptions options;
    options.sandbox = parser.isSet(sandbox);
    options.apiBase
        = parser.isSet(apiBase) ? parser.value(apiBase) : environment.value(QStringLiteral("DAILY_API_BASE"));
    options.envKey = environment.value(QStringLiteral("DAILY_API_KEY"));
    return options;
}
