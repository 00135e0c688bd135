#include "SandboxWorld.h"

#include <QTest>

#include <cstdio>

SandboxWorld::SandboxWorld()
{
    if (!sandbox.listen()) {
        std::fprintf(stderr, "SandboxWorld: the sandbox could not listen on 127.0.0.1\n");
        return;
    }
    QString error;
    if (!audit.open(dir.filePath(QStringLiteral("audit.sqlite")), &error)) {
        std::fprintf(stderr, "SandboxWorld: audit log: %s\n", qPrintable(error));
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
    AppServices s;
    s.network = &network;
    s.domains = &domains;
    s.userDomains = &domains;
    s.secrets = &secrets;
    s.settings = &settings;
    s.audit = &audit;
    s.prompts = prompts;
    s.sandbox = true;
    s.demoEndpoint = sandbox.demoEndpointUrl();
    s.defaultBaseUrl = sandbox.apiBaseUrl();
    return s;
}
