#pragma once

#include <QHash>
#include <QObject>

#include <functional>

// Desktop notifications through the freedesktop.org notification service on the session bus, with one action
// button ("Reactivate"). The call is asynchronous: a missing or hung notification server never blocks the
// window; the caller's fallback runs instead.
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    static const QString Service; // org.freedesktop.Notifications

    explicit DesktopNotifier(QObject* parent = nullptr);

    // `action` runs when the user picks `actionLabel` in the notification; `unavailable` runs when no
    // notification server answered.
    void notify(const QString& title, const QString& body, const QString& actionLabel, std::function<void()> action,
        std::function<void()> unavailable);

private slots:
    // Slots by name: QtDBus connects bus signals only through the string-based SLOT() form.
    void onActionInvoked(uint id, const QString& actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    QHash<uint, std::function<void()>> m_actions;
    bool m_connected = false;
};
