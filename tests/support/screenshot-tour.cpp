// Takes the README's screenshots from the real main window: starts the sandbox as `--sandbox` does, fills the
// form as a person would, presses Create and grabs the window. Run by packaging/screenshots/take-screenshots.sh.

#include "AppSettings.h"
#include "EventTypePicker.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "SecretStore.h"
#include "WebhookDetailPane.h"
#include "WebhookForm.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

namespace {
bool save(QWidget* window, const QString& path)
{
    QApplication::processEvents();
    const bool ok = window->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
    return ok;
}
} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication::setApplicationDisplayName(QStringLiteral("Daily Webhooks"));
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();

    QNetworkAccessManager network;
    SecretStore secrets;
    AppSettings settings;
    SandboxServer sandbox;
    if (!sandbox.listen())
        return 1;
    MainWindow window(&network, &secrets, &settings);
    SessionConfig session;
    session.sandbox = true;
    session.keySource = SessionConfig::KeySource::Sandbox;
    session.target = {sandbox.apiBaseUrl(), SandboxServer::demoApiKey()};
    window.setDemoEndpoint(sandbox.demoEndpointUrl());
    window.setSession(session);
    window.resize(1280, 860);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;

    auto* picker = window.findChild<EventTypePicker*>(QStringLiteral("eventTypePicker"));
    auto* submit = window.findChild<QPushButton*>(QStringLiteral("submitButton"));

    // 1. A failed verification ping: the error, with the form intact.
    sandbox.setDemoEndpointStatus(500);
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("useDemoButton")), Qt::LeftButton);
    picker->setSelectedTypes({QStringLiteral("meeting.started"), QStringLiteral("meeting.ended"),
        QStringLiteral("recording.ready-to-download")});
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("hmacGenerateButton")), Qt::LeftButton);
    QTest::mouseClick(submit, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !window.form()->errorMessage().isEmpty(); }, 15000))
        return 1;
    bool ok = save(&window, outDir + QStringLiteral("/main-window-error.png"));

    // 2. The endpoint fixed: Create succeeds and the detail pane shows what the sandbox returned.
    sandbox.setDemoEndpointStatus(200);
    window.form()->clearError();
    QTest::mouseClick(submit, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return window.detailPane()->webhook().has_value(); }, 15000))
        return 1;
    ok = save(&window, outDir + QStringLiteral("/main-window.png")) && ok;
    return ok ? 0 : 1;
}
