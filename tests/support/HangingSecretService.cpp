// hanging-secret-service: owns org.freedesktop.secrets on the session bus and never answers a call, as a keyring
// does while it waits for its unlock password. Deterministic where a real locked keyring is not: headless,
// gnome-keyring cannot show its prompt and answers at once instead (see README, "Domains, keys and settings").
// Prints "ready" once it owns the name; runs until killed. Used by with-hanging-keychain.sh.
//
// With HANGING_SECRET_SERVICE_REPLY_AFTER=SECONDS in its environment it answers every call after that long,
// with an error: a keyring that answers late, for the tests of what happens to an answer after a timeout.

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QTimer>

#include <chrono>

#include <cstdio>

namespace {

class SwallowEverything : public QDBusVirtualObject
{
public:
    explicit SwallowEverything(int replyAfterSeconds)
        : m_replyAfterSeconds(replyAfterSeconds)
    { }

    QString introspect(const QString&) const override { return {}; }
    // Claiming every call as handled, and never replying, leaves each caller waiting for its own timeout.
    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override
    {
        if (m_replyAfterSeconds > 0) {
            QTimer::singleShot(std::chrono::seconds(m_replyAfterSeconds), this, [message, connection] {
                QDBusConnection(connection)
                    .send(message.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.Failed"),
                        QStringLiteral("The stand-in answered late.")));
            });
        }
        return true;
    }

private:
    int m_replyAfterSeconds = 0;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        std::fprintf(stderr, "hanging-secret-service: no session bus\n");
        return 2;
    }
    SwallowEverything swallow(qEnvironmentVariableIntValue("HANGING_SECRET_SERVICE_REPLY_AFTER"));
    if (!bus.registerVirtualObject(QStringLiteral("/"), &swallow, QDBusConnection::SubPath)
        || !bus.registerService(QStringLiteral("org.freedesktop.secrets"))) {
        std::fprintf(stderr, "hanging-secret-service: could not own org.freedesktop.secrets: %s\n",
            qPrintable(bus.lastError().message()));
        return 2;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
