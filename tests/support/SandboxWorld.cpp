#include "SandboxWorld.h"

#include <QTest>

#include <cstdio>

namespace {

StartupOptions sandboxOptions()
{
    StartupOptions options;
    options.sandbox = true;
    return options;
}

AppComposition::Setup worldSetup(const QTemporaryDir& dir)
{
    AppComposition::Setup setup;
    setup.keychainBackend = SecretStore::Backend::Memory;
    setup.userDomainsFile = dir.filePath(QStringLiteral("user-domains.ini"));
    setup.dataDir = dir.filePath(QStringLiteral("data"));
    setup.stockSandbox = false;
    return setup;
}

// The world cannot run without its parts; a test that got no sandbox must stop here, not crash later.
template<typename T>
T& present(T* part, const char* what)
{
    if (!part)
        qFatal("SandboxWorld: no %s", what);
    return *part;
}

} // namespace

SandboxWorld::SandboxWorld()
    : app(sandboxOptions(), worldSetup(dir))
    , network(present(app.services().network, "network"))
    , secrets(present(app.services().secrets, "secrets"))
    , domains(present(app.services().domains, "domains"))
    , settings(present(app.services().settings, "settings"))
    , audit(present(app.audit(), "audit log"))
    , sandbox(present(app.sandbox(), "sandbox"))
{
    if (!app.ok()) {
        std::fprintf(stderr, "SandboxWorld: %s\n", qPrintable(app.problem()));
        return;
    }
    if (!app.services().audit) {
        std::fprintf(stderr, "SandboxWorld: %s\n", qPrintable(app.notice()));
        return;
    }
    m_ready = true;
}

bool SandboxWorld::addDomain(const QString& name, const QString& key, bool knownToSandbox)
{
    if (knownToSandbox)
        sandbox.addDomain(key, name);
    bool added = false;
    domains.add(name, sandbox.apiBaseUrl(), key, &sandbox,
        [&added](const DomainStore::Result& result) { added = result.added(); });
    return QTest::qWaitFor([&added] { return added; }, 5000);
}

AppServices SandboxWorld::services(UserPrompts* prompts)
{
    AppServices s = app.services();
    s.prompts = prompts;
    return s;
}
