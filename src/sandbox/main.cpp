// Runs the Daily sandbox on its own, for scripts and manual testing: prints where it listens and the demo key,
// then serves until it is killed.

#include "SandboxDefaults.h"
#include "SandboxServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("daily-webhooks-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local stand-in for Daily's /v1/webhooks API on 127.0.0.1, with a demo webhook endpoint."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
        QStringLiteral("Port to listen on (default %1, where daily-webhooks-cli --sandbox looks); 0 picks a free one.")
            .arg(SandboxDefaults::Port),
        QStringLiteral("N"), QString::number(SandboxDefaults::Port));
    const QCommandLineOption keyOption(QStringLiteral("key"),
        QStringLiteral("Also accept KEY as the API key of a further domain (repeatable)."), QStringLiteral("KEY"));
    const QCommandLineOption pingTimeoutOption(QStringLiteral("ping-timeout"),
        QStringLiteral("Milliseconds a webhook URL has to answer the verification ping (default 8000)."),
        QStringLiteral("MS"), QStringLiteral("8000"));
    parser.addOption(portOption);
    parser.addOption(keyOption);
    parser.addOption(pingTimeoutOption);
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "daily-webhooks-sandbox: --port needs a number from 0 to 65535\n";
        return 2;
    }
    const int pingTimeout = parser.value(pingTimeoutOption).toInt(&ok);
    if (!ok || pingTimeout <= 0) {
        err << "daily-webhooks-sandbox: --ping-timeout needs a positive number of milliseconds\n";
        return 2;
    }

    SandboxServer sandbox;
    sandbox.setPingTimeoutMs(pingTimeout);
    const QStringList keys = parser.values(keyOption);
    for (const QString& key : keys) {
        if (key.isEmpty() || key.contains(QLatin1Char(' '))) {
            err << "daily-webhooks-sandbox: an API key must be non-empty and without spaces\n";
            return 2;
        }
        sandbox.addDomain(key);
    }
    if (!sandbox.listen(QHostAddress::LocalHost, quint16(port))) {
        err << "daily-webhooks-sandbox: could not listen on 127.0.0.1 port " << port << '\n';
        return 1;
    }

    QTextStream out(stdout);
    out << "Daily sandbox listening on " << sandbox.apiBaseUrl().toString() << '\n';
    out << "API key: " << SandboxServer::demoApiKey() << '\n';
    out << "Demo webhook endpoint: " << sandbox.demoEndpointUrl().toString() << '\n';
    out << "Make a webhook fail: curl -d '{\"state\":\"FAILED\"}' "
        << sandbox.apiBaseUrl().adjusted(QUrl::RemovePath).toString() << "/sandbox/webhooks/UUID/state\n";
    // Scripts read these lines from a pipe while the server keeps running.
    out.flush();
    return app.exec();
}
