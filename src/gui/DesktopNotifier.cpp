#include "DesktopNotifier.h"

#include "AppIdentity.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

const QString DesktopNotifier::Service = QStringLiteral("org.freedesktop.Notifications");

namespace {
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kActionKey = QStringLiteral("default-action");
constexpr int kExpireMs = 30000;
} // namespace

DesktopNotifier::DesktopNotifier(QObject* parent)
    : QObject(parent)
{ }

void DesktopNotifier::notify(const QString& title, const QString& body, const QString& actionLabel,
    std::function<void()> action, std::function<void()> unavailable)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        if (unavailable)
            unavailable();
        return;
    }
    if (!m_connected) {
        bus.connect(
            Service, kPath, Service, QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
        bus.connect(Service, kPath, Service, QStringLiteral("NotificationClosed"), this,
            SLOT(onNotificationClosed(uint, uint)));
        m_connected = true;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(Service, kPath, Service, QStringLiteral("Notify"));
    const QStringList actions = action ? QStringList {kActionKey, actionLabel} : QStringList();
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), AppIdentity::desktopId());
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(2)));
    call << QCoreApplication::applicationName() << uint(0) << AppIdentity::desktopId() << title << body << actions
         << hints << kExpireMs;
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
        [this, watcher, action = std::move(action), unavailable = std::move(unavailable)] {
            watcher->deleteLater();
            const QDBusPendingReply<uint> reply = *watcher;
            if (reply.isError()) {
                if (unavailable)
                    unavailable();
                return;
            }
            if (action)
                m_actions.insert(reply.value(), action);
        });
}

void DesktopNotifier::onActionInvoked(uint id, const QString& actionKey)
{
    if (actionKey != kActionKey)
        return;
    const std::function<void()> action = m_actions.take(id);
    if (action)
        action();
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    m_actions.remove(id);
}
