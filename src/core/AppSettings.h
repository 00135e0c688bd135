#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QUrl>

// Typed facade over QSettings for preferences: every key and its default declared once. Never holds a secret;
// API keys and HMAC secrets live in the keychain (SecretStore) or in memory. Domains have their own keys
// (DomainStore).
class AppSettings
{
public:
    AppSettings();

    QUrl apiBaseUrl() const;
    void setApiBaseUrl(const QUrl& url);

    int requestTimeoutSeconds() const;
    void setRequestTimeoutSeconds(int seconds);

    // How long a copied secret stays on the clipboard before it is cleared; 0 = never cleared.
    int clipboardClearSeconds() const;
    void setClipboardClearSeconds(int seconds);

    // The Deliveries window's receiver: the port it listens on (127.0.0.1), how many deliveries the store keeps
    // (the oldest dropped first), and how far a delivery's timestamp may be from its arrival. A stored value out
    // of range reads as the default.
    static constexpr int DefaultReceiverPort = 8790;
    int receiverPort() const;
    void setReceiverPort(int port);
    int maxStoredDeliveries() const;
    void setMaxStoredDeliveries(int rows);
    int signatureToleranceSeconds() const;
    void setSignatureToleranceSeconds(int seconds);

    // Window state is kept apart from preferences.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};
