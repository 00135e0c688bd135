// The real main window driven with QTest against the embedded sandbox, as a person would use it.

#include "AppSettings.h"
#include "DailyClient.h"
#include "EventTypePicker.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "SecretStore.h"
#include "WebhookDetailPane.h"
#include "WebhookForm.h"

#include <QAction>
#include <QClipboard>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTreeWidget>

class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        QNetworkAccessManager network;
        SecretStore secrets {QStringLiteral("daily-webhooks-gui-test")};
        AppSettings settings;
        SandboxServer sandbox;
        MainWindow window {&network, &secrets, &settings};

        explicit Fixture(const QString& apiKey = SandboxServer::demoApiKey())
        {
            if (!sandbox.listen())
                qFatal("sandbox did not start");
            SessionConfig session;
            session.sandbox = true;
            session.keySource = SessionConfig::KeySource::Sandbox;
            session.target = {sandbox.apiBaseUrl(), apiKey};
            window.setDemoEndpoint(sandbox.demoEndpointUrl());
            window.setSession(session);
            window.show();
        }

        template<typename T>
        T* child(const char* name)
        {
            auto* widget = window.findChild<T*>(QLatin1String(name));
            if (!widget)
                qFatal("no child named %s", name);
            return widget;
        }

        // Fills the form as a person would: the demo endpoint, one event type checked with the keyboard.
        void fillForm()
        {
            QTest::mouseClick(child<QPushButton>("useDemoButton"), Qt::LeftButton);
            auto* tree = child<QTreeWidget>("tree");
            tree->setFocus();
            tree->setCurrentItem(tree->topLevelItem(0)->child(0)); // meeting.started
            QTest::keyClick(tree, Qt::Key_Space);
        }
    };

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createShowsTheResultAndCopiesTheHmac()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        f.fillForm();
        QCOMPARE(f.child<EventTypePicker>("eventTypePicker")->selectedTypes(),
            QStringList {QStringLiteral("meeting.started")});
        QTest::mouseClick(f.child<QPushButton>("submitButton"), Qt::LeftButton);
        QVERIFY(f.window.isRequestRunning());
        QVERIFY(!f.child<QPushButton>("submitButton")->isEnabled());

        QTRY_VERIFY_WITH_TIMEOUT(f.window.detailPane()->webhook().has_value(), 15000);
        QVERIFY(!f.window.isRequestRunning());
        QVERIFY(f.window.form()->errorMessage().isEmpty());

        const auto stored = f.sandbox.webhookOf(SandboxServer::demoApiKey());
        QVERIFY(stored.has_value());
        WebhookDetailPane* pane = f.window.detailPane();
        QCOMPARE(pane->displayedText(QStringLiteral("uuid")), stored->uuid);
        QCOMPARE(pane->displayedText(QStringLiteral("url")), f.sandbox.demoEndpointUrl().toString());
        QVERIFY(pane->displayedText(QStringLiteral("state")).contains(QLatin1String("ACTIVE")));
        QCOMPARE(pane->displayedText(QStringLiteral("eventTypes")), QStringLiteral("meeting.started"));
        QVERIFY(!pane->displayedText(QStringLiteral("hmac")).contains(stored->hmac));

        // Daily's ping reached the demo endpoint before the webhook was saved.
        QCOMPARE(f.sandbox.demoDeliveries().size(), 1);
        QCOMPARE(f.sandbox.demoDeliveries().first().body, QByteArrayLiteral("{\"test\":\"test\"}"));

        // Ctrl+Shift+C puts the whole secret on the clipboard; Ctrl+Shift+U the uuid.
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(&f.window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), stored->hmac);
        QCOMPARE(stored->hmac.size(), 44);
        QTest::keyClick(&f.window, Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), stored->uuid);
        QTest::keyClick(&f.window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(pane->displayedText(QStringLiteral("hmac")), stored->hmac);
    }

    void aFailedPingKeepsEverythingTyped()
    {
        Fixture f;
        f.sandbox.setDemoEndpointStatus(500);
        f.fillForm();
        f.child<QLineEdit>("basicAuthEdit")->setText(QStringLiteral("dXNlcjpwYXNz"));
        QTest::mouseClick(f.child<QPushButton>("hmacGenerateButton"), Qt::LeftButton);
        const QString secret = f.child<QLineEdit>("hmacEdit")->text();
        QTest::mouseClick(f.child<QPushButton>("submitButton"), Qt::LeftButton);

        QTRY_VERIFY_WITH_TIMEOUT(!f.window.form()->errorMessage().isEmpty(), 15000);
        QVERIFY2(f.window.form()->errorMessage().contains(QLatin1String("could not get a 200")),
            qPrintable(f.window.form()->errorMessage()));
        QVERIFY(f.window.form()->errorMessage().contains(QLatin1String("500")));
        QVERIFY(!f.window.detailPane()->webhook().has_value());
        QVERIFY(!f.sandbox.webhookOf(SandboxServer::demoApiKey()).has_value());
        QCOMPARE(f.child<QLineEdit>("urlEdit")->text(), f.sandbox.demoEndpointUrl().toString());
        QCOMPARE(f.child<QLineEdit>("basicAuthEdit")->text(), QStringLiteral("dXNlcjpwYXNz"));
        QCOMPARE(f.child<QLineEdit>("hmacEdit")->text(), secret);
        QCOMPARE(f.child<EventTypePicker>("eventTypePicker")->selectedTypes(),
            QStringList {QStringLiteral("meeting.started")});
        QVERIFY(f.child<QPushButton>("submitButton")->isEnabled());

        // Fixing the endpoint and pressing Create again works, with the secret the user chose.
        f.sandbox.setDemoEndpointStatus(200);
        QTest::mouseClick(f.child<QPushButton>("submitButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(f.window.detailPane()->webhook().has_value(), 15000);
        QCOMPARE(f.window.detailPane()->webhook()->hmac, secret);
    }

    void cancelEndsARequestWaitingOnTheping()
    {
        // A webhook URL that accepts the connection and never answers: the sandbox waits on its ping.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket*> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] { held.append(silent.nextPendingConnection()); });

        Fixture f;
        f.fillForm();
        f.child<QLineEdit>("urlEdit")->setText(QStringLiteral("http://127.0.0.1:%1/hook").arg(silent.serverPort()));
        QTest::mouseClick(f.child<QPushButton>("submitButton"), Qt::LeftButton);
        QVERIFY(f.window.isRequestRunning());
        QTRY_VERIFY(!held.isEmpty()); // the ping arrived and hangs

        auto* cancel = f.child<QPushButton>("cancelButton");
        QVERIFY(!cancel->isHidden());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY(!f.window.isRequestRunning());
        QVERIFY(f.window.form()->errorMessage().contains(QLatin1String("cancelled")));
        QVERIFY(f.child<QPushButton>("submitButton")->isEnabled());
        QVERIFY(cancel->isHidden());
        QCOMPARE(
            f.child<QLineEdit>("urlEdit")->text(), QStringLiteral("http://127.0.0.1:%1/hook").arg(silent.serverPort()));
    }

    void aSecondPressDoesNotSendTwice()
    {
        Fixture f;
        f.fillForm();
        auto* submit = f.child<QPushButton>("submitButton");
        QTest::mouseClick(submit, Qt::LeftButton);
        QTest::mouseClick(submit, Qt::LeftButton);
        f.window.form()->submit(); // as Ctrl+Return would
        QTRY_VERIFY_WITH_TIMEOUT(f.window.detailPane()->webhook().has_value(), 15000);
        QTest::qWait(200);
        QCOMPARE(f.sandbox.requestCount(SandboxServer::demoApiKey()), 1);
        QCOMPARE(f.sandbox.demoDeliveries().size(), 1);
    }

    void aWrongKeyIsExplained()
    {
        Fixture f(QStringLiteral("not-a-key"));
        f.fillForm();
        QTest::mouseClick(f.child<QPushButton>("submitButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window.form()->errorMessage().isEmpty(), 15000);
        QVERIFY(f.window.form()->errorMessage().contains(QLatin1String("API key")));
        QVERIFY(f.sandbox.demoDeliveries().isEmpty());
    }

    void noKeyAtAllFailsAtOnceWithTheNextStep()
    {
        Fixture f;
        SessionConfig session = f.window.session();
        session.sandbox = false;
        session.target.apiKey.clear();
        session.keySource = SessionConfig::KeySource::None;
        f.window.setSession(session);
        f.child<QLineEdit>("urlEdit")->setText(QStringLiteral("https://example.com/hook"));
        f.child<EventTypePicker>("eventTypePicker")->setSelectedTypes({QStringLiteral("meeting.ended")});
        QTest::mouseClick(f.child<QPushButton>("submitButton"), Qt::LeftButton);
        QVERIFY(!f.window.isRequestRunning());
        QVERIFY(f.window.form()->errorMessage().contains(QLatin1String("No API key")));
        QCOMPARE(f.sandbox.requestCount(SandboxServer::demoApiKey()), 0);
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
