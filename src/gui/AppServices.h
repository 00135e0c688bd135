#pragma once

#include <QString>
#include <QUrl>

class AppSettings;
class AuditLog;
class DomainStore;
class QNetworkAccessManager;
class SecretStore;
class UserPrompts;

// What the main window works with, made by main() (or a test) and owned there.
struct AppServices
{
    QNetworkAccessManager* network = nullptr;
    DomainStore* domains = nullptr; // the domains this window works with
    // The user's saved Daily domains. The same as `domains` except on the sandbox, where it lets the user add
    // real domains for the next start.
    DomainStore* userDomains = nullptr;
    SecretStore* secrets = nullptr;
    AppSettings* settings = nullptr;
    AuditLog* audit = nullptr; // may be null: then changes are not recorded, and the window says so
    UserPrompts* prompts = nullptr;
    bool sandbox = false; // the domains live in the embedded sandbox
    QUrl demoEndpoint; // the sandbox's always-200 endpoint, offered in the form
    QUrl defaultBaseUrl; // for new domains
    // The Deliveries window's database; empty: AppIdentity::deliveryStorePath(), shared with the CLI.
    QString deliveryStorePath;
};
