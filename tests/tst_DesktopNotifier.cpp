// Desktop notifications over a real session bus (the test runs inside dbus-run-session), against a stand-in
// notification server on its own bus connection: what it receives, its action button, and no server at all.

#include "DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QSignalSpy>
#include <QTest>
#include <QVariantMap>

namespace {

// The freedesktop.org notification service, as far as the app uses it.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    QString summary;
    QString body;
    QStringList actions;
    uint lastId = 0;

public slots:
    uint Notify(const QString& appName, uint replacesId, const QString& icon, const QString& summaryText,
        const QString& bodyText, const QStringList& actionList, const QVariantMap& hints, int timeout)
    {
        Q_UNUSED(appName)
        Q_UNUSED(replacesId)
        Q_UNUSED(icon)
        Q_UNUSED(hints)
        Q_UNUSED(timeout)
        summary = summaryText;
        body = bodyText;
        actions = actionList;
        emit notified();
        return ++lastId;
    }

signals:
    void ActionInvoked(uint id, const QString& actionKey);
    void NotificationClosed(uint id, uint reason);
    void notified();
};

} // namespace

class tst_DesktopNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QFAIL("no session bus: run this test inside dbus-run-session, as CTest does");
    }

    void notificationCarriesTheTextAndItsActionRuns()
    {
        QDBusConnection server = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake"));
        FakeNotificationServer fake;
        QVERIFY(server.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &fake,
            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
        QVERIFY(server.registerService(DesktopNotifier::Service));

        DesktopNotifier notifier;
        bool acted = false;
        bool unavailable = false;
        QSignalSpy notified(&fake, &FakeNotificationServer::notified);
        notifier.notify(
            QStringLiteral("Webhook FAILED"), QStringLiteral("Daily switched https://x/hook of production"),
            QStringLiteral("Reactivate"), [&acted] { acted = true; }, [&unavailable] { unavailable = true; });
        QVERIFY(notified.wait(5000));
        QCOMPARE(fake.summary, QStringLiteral("Webhook FAILED"));
        QVERIFY(fake.body.contains(QLatin1String("production")));
        QCOMPARE(fake.actions.size(), 2);
        QCOMPARE(fake.actions.at(1), QStringLiteral("Reactivate"));

        // The user clicks the button: the server emits ActionInvoked with the action's key. First the notifier must
        // have read the id from the reply, which it does just before letting go of the call's watcher.
        QTRY_VERIFY(notifier.findChildren<QDBusPendingCallWatcher*>().isEmpty());
        emit fake.ActionInvoked(fake.lastId, fake.actions.at(0));
        QTRY_VERIFY(acted);
        QVERIFY(!unavailable);

        server.unregisterService(DesktopNotifier::Service);
        server.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("fake"));
    }

    void withoutANotificationServerTheFallbackRuns()
    {
        QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(DesktopNotifier::Service));
        DesktopNotifier notifier;
        bool unavailable = false;
        notifier.notify(
            QStringLiteral("t"), QStringLiteral("b"), QStringLiteral("Reactivate"), [] {},
            [&unavailable] { unavailable = true; });
        QTRY_VERIFY_WITH_TIMEOUT(unavailable, 10000);
    }
};

QTEST_GUILESS_MAIN(tst_DesktopNotifier)
#include "tst_DesktopNotifier.moc"
