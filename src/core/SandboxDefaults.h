#pragma once

#include <QString>
#include <QUrl>
#include <QtGlobal>

// What every sandbox starts with, shared by the sandbox itself (embedded or daily-webhooks-sandbox) and the
// CLI's --sandbox, which finds a separately started sandbox at apiBaseUrl() and signs in with demoApiKey().
class SandboxDefaults
{
public:
    // The API key of the domain every sandbox starts with. Not a secret: the sandbox prints it.
    static QString demoApiKey();
    // daily-webhooks-sandbox's port unless --port says otherwise.
    static constexpr quint16 Port = 8787;
    // Where daily-webhooks-sandbox listens by default: http://127.0.0.1:8787/v1.
    static QUrl apiBaseUrl();
};
