// AppComposition, the app's composition root: what each mode builds, that a sandbox or DAILY_API_KEY run keeps
// nothing in the user's keychain, saved domains or history, that start() shows the window and refreshes every
// domain by itself, and that the executable refuses a bad DAILY_API_KEY or base URL with the sentences it
// always printed.

#include "AppComposition.h"
#include "AppSettings.h"
#include "AuditLog.h"
#include "Domain.h"
#include "DomainStore.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "UrlPolicy.h"
#include "WebhookTableModel.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(StartupOptions)

namespace {

StartupOptions options(bool sandbox, const QString& envKey = {}, const QString& apiBase = {})
{
    StartupOptions o;
    o.sandbox = sandbox;
    o.envKey = envKey;
    o.apiBase = apiBase;
    return o;
}

// The user's stores as this test keeps them: keychain in memory, saved domains and history in `dir`.
AppComposition::Setup userSetup(const QTemporaryDir& dir)
{
    AppComposition::Setup setup;
    setup.keychainBackend = SecretStore::Backend::Memory;
    setup.userDomainsFile = dir.filePath(QStringLiteral("user-domains.ini"));
    setup.dataDir = dir.filePath(QStringLiteral("data"));
    return setup;
}

// A domain saved in the user's domains file before the app starts (its key in a keychain that is then gone).
bool saveUserDomain(const QTemporaryDir& dir, const QString& name)
{
    SecretStore keys(SecretStore::Backend::Memory, QStringLiteral("tst-app-composition"));
    QSettings file(dir.filePath(QStringLiteral("user-domains.ini")), QSettings::IniFormat);
    DomainStore store(&keys, &file);
    bool added = false;
    store.add(name, QUrl(), QStringLiteral("key-") + name, &store,
        [&added](const DomainStore::Result& r) { added = r.added(); });
    return QTest::qWaitFor([&added] { return added; }, 5000);
}

QStringList namesOf(const DomainStore* store)
{
    QStringList names;
    for (const Domain& domain : store->domains())
        names.append(domain.name);
    return names;
}

SecretStore::Result readSecret(SecretStore* store, const QString& key)
{
    SecretStore::Result result;
    bool answered = false;
    store->read(key, store, [&](const SecretStore::Result& r) {
        result = r;
        answered = true;
    });
    if (!QTest::qWaitFor([&answered] { return answered; }, 5000))
        result.status = SecretStore::Result::Status::TimedOut;
    return result;
}

} // namespace

class tst_AppComposition : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aFirstRunIsTheSandboxAndKeepsNothingOfTheUser()
    {
        QTemporaryDir dir;
        const AppComposition::Setup setup = userSetup(dir);
        AppComposition app(options(false), setup);
        QVERIFY2(app.ok(), qPrintable(app.problem()));
        QCOMPARE(app.mode().source, StartupMode::Source::Sandbox);
        QCOMPARE(app.notice(), QStringLiteral("No domain yet: you are trying the app on the sandbox."));

        const AppServices& s = app.services();
        QVERIFY(app.sandbox());
        QVERIFY(s.sandbox);
        QCOMPARE(s.defaultBaseUrl, app.sandbox()->apiBaseUrl());
        QCOMPARE(s.demoEndpoint, app.sandbox()->demoEndpointUrl());
        QVERIFY(s.domains && s.domains != app.userDomains());
        QCOMPARE(s.userDomains, app.userDomains());
        QVERIFY(s.secrets && s.secrets != app.keychain());
        QVERIFY(s.audit);

        // The sandbox's own domain, on the sandbox, with the demo key.
        QTRY_COMPARE(namesOf(s.domains), QStringList {QStringLiteral("sandbox")});
        const Domain sandboxDomain = s.domains->domains().first();
        QCOMPARE(sandboxDomain.baseUrl, app.sandbox()->apiBaseUrl());
        QCOMPARE(readSecret(s.secrets, sandboxDomain.keyName()).secret, SandboxServer::demoApiKey());

        // Any key a sandbox domain is given becomes a domain of the sandbox.
        bool added = false;
        s.domains->add(QStringLiteral("extra"), QUrl(), QStringLiteral("key-extra"), this,
            [&added](const DomainStore::Result& r) { added = r.added(); });
        QTRY_VERIFY(added);
        // (removeDomain() answers whether the sandbox knew the key; QTRY_VERIFY would call it once more.)
        QVERIFY(QTest::qWaitFor([&app] { return app.sandbox()->removeDomain(QStringLiteral("key-extra")); }, 5000));

        // Nothing reached the user's keychain, saved domains or data directory.
        QVERIFY(app.userDomains()->domains().isEmpty());
        QCOMPARE(QSettings(setup.userDomainsFile, QSettings::IniFormat).allKeys(), QStringList());
        for (const Domain& domain : s.domains->domains())
            QCOMPARE(readSecret(app.keychain(), domain.keyName()).status, SecretStore::Result::Status::NotFound);
        QVERIFY(app.dataDir() != setup.dataDir);
        QVERIFY(QFile::exists(app.dataDir() + QStringLiteral("/audit.sqlite")));
        QVERIFY(!QFile::exists(setup.dataDir + QStringLiteral("/audit.sqlite")));
    }

    void sandboxAskedForHidesNoSavedDomainOfTheUser()
    {
        QTemporaryDir dir;
        QVERIFY(saveUserDomain(dir, QStringLiteral("production")));
        AppComposition app(options(true), userSetup(dir));
        QVERIFY(app.ok());
        QCOMPARE(app.mode().source, StartupMode::Source::Sandbox);
        QCOMPARE(app.notice(), QString());
        // The user's domains stay theirs (the window offers them for the next start), the window works on the
        // sandbox's.
        QCOMPARE(namesOf(app.userDomains()), QStringList {QStringLiteral("production")});
        QTRY_COMPARE(namesOf(app.services().domains), QStringList {QStringLiteral("sandbox")});
    }

    void environmentKeyHidesTheSavedDomains_data()
    {
        QTest::addColumn<QString>("apiBase");
        QTest::addColumn<QUrl>("expectedBase");
        QTest::newRow("the settings' base URL") << QString() << AppSettings().apiBaseUrl();
        QTest::newRow("--api-base") << QStringLiteral("http://127.0.0.1:9/v1")
                                    << QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
    }

    void environmentKeyHidesTheSavedDomains()
    {
        QFETCH(QString, apiBase);
        QFETCH(QUrl, expectedBase);
        QTemporaryDir dir;
        QVERIFY(saveUserDomain(dir, QStringLiteral("production")));
        const AppComposition::Setup setup = userSetup(dir);
        AppComposition app(options(false, QStringLiteral(" env-key\n"), apiBase), setup);
        QVERIFY2(app.ok(), qPrintable(app.problem()));
        QCOMPARE(app.mode().source, StartupMode::Source::EnvironmentKey);
        QCOMPARE(app.notice(), QStringLiteral("Using DAILY_API_KEY for this run; your saved domains are hidden."));
        QVERIFY(!app.sandbox());
        QVERIFY(!app.services().sandbox);

        const AppServices& s = app.services();
        QTRY_COMPARE(namesOf(s.domains), QStringList {QStringLiteral("DAILY_API_KEY")});
        const Domain envDomain = s.domains->domains().first();
        QCOMPARE(envDomain.baseUrl, expectedBase);
        QCOMPARE(readSecret(s.secrets, envDomain.keyName()).secret, QStringLiteral("env-key"));
        // The saved domains are hidden, not changed; the key never reaches the user's keychain or domains file.
        QCOMPARE(namesOf(app.userDomains()), QStringList {QStringLiteral("production")});
        QCOMPARE(readSecret(app.keychain(), envDomain.keyName()).status, SecretStore::Result::Status::NotFound);
        QSettings file(setup.userDomainsFile, QSettings::IniFormat);
        for (const QString& key : file.allKeys())
            QVERIFY2(!file.value(key).toString().contains(QLatin1String("env-key")), qPrintable(key));
        // A change made with the key is the user's history.
        QCOMPARE(app.dataDir(), setup.dataDir);
    }

    void savedDomainsRunOnTheUsersOwnStores()
    {
        QTemporaryDir dir;
        QVERIFY(saveUserDomain(dir, QStringLiteral("production")));
        const AppComposition::Setup setup = userSetup(dir);
        AppComposition app(options(false), setup);
        QVERIFY(app.ok());
        QCOMPARE(app.mode().source, StartupMode::Source::SavedDomains);
        QCOMPARE(app.notice(), QString());
        QVERIFY(!app.sandbox());
        const AppServices& s = app.services();
        QCOMPARE(s.domains, app.userDomains());
        QCOMPARE(s.secrets, app.keychain());
        QCOMPARE(namesOf(s.domains), QStringList {QStringLiteral("production")});
        QCOMPARE(s.defaultBaseUrl, AppSettings().apiBaseUrl());
        QCOMPARE(s.audit, app.audit());
        QVERIFY(QFile::exists(setup.dataDir + QStringLiteral("/audit.sqlite")));
    }

    void aHistoryThatCannotOpenIsSaidAndTheAppRuns()
    {
        QTemporaryDir dir;
        QVERIFY(saveUserDomain(dir, QStringLiteral("production")));
        AppComposition::Setup setup = userSetup(dir);
        // A file where the data directory should be: neither the directory nor the log can be made.
        QFile blocker(dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        setup.dataDir = blocker.fileName() + QStringLiteral("/data");
        AppComposition app(options(false, QStringLiteral("env-key")), setup);
        QVERIFY(app.ok());
        QVERIFY(!app.services().audit);
        QVERIFY2(app.notice().startsWith(QStringLiteral(
                     "Using DAILY_API_KEY for this run; your saved domains are hidden. History is off: ")),
            qPrintable(app.notice()));
    }

    void refusedRunsBuildNothing_data()
    {
        QTest::addColumn<StartupOptions>("given");
        QTest::addColumn<QString>("problem");
        const QString plainHttp = QStringLiteral("http://api.example.test/v1");
        QTest::newRow("DAILY_API_KEY with a space")
            << options(false, QStringLiteral("env key"))
            << QStringLiteral("DAILY_API_KEY cannot be used. ") + Domain::apiKeyProblem(QStringLiteral("env key"));
        QTest::newRow("a base URL over plain http")
            << options(true, QString(), plainHttp) << UrlPolicy::apiBaseProblem(plainHttp);
    }

    void refusedRunsBuildNothing()
    {
        QFETCH(StartupOptions, given);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        AppComposition app(given, userSetup(dir));
        QVERIFY(!app.ok());
        QCOMPARE(app.problem(), problem);
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(!app.sandbox());
        QVERIFY(!app.services().domains);
        QVERIFY(!app.window());
    }

    void startShowsTheWindowAndRefreshesEveryDomain()
    {
        QTemporaryDir dir;
        AppComposition app(options(true), userSetup(dir));
        QVERIFY(app.ok());
        QTRY_COMPARE(app.services().domains->domains().size(), 1);
        MainWindow* window = app.window();
        QVERIFY(window);
        QCOMPARE(app.window(), window);
        QSignalSpy refreshed(window, &MainWindow::refreshFinished);
        app.start();
        QVERIFY(window->isVisible());
        // Queued for the event loop, so the window is painted before the first request goes out.
        QCOMPARE(refreshed.count(), 0);
        QVERIFY(refreshed.wait(15000));
        QCOMPARE(window->model()->rowCount(), 1);
        QCOMPARE(window->model()->rowKind(0), WebhookTableModel::RowKind::NoWebhook);
    }

    void theExecutableRefusesWithTheSentencesItAlwaysPrinted_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("DAILY_API_KEY") << QStringLiteral("DAILY_API_KEY") << QStringLiteral("a b")
                                       << QStringLiteral("daily-webhooks: DAILY_API_KEY cannot be used. ")
                + Domain::apiKeyProblem(QStringLiteral("a b")) + QLatin1Char('\n');
        const QString plainHttp = QStringLiteral("http://api.example.test/v1");
        QTest::newRow("DAILY_API_BASE") << QStringLiteral("DAILY_API_BASE") << plainHttp
                                        << QStringLiteral("daily-webhooks: ") + UrlPolicy::apiBaseProblem(plainHttp)
                + QLatin1Char('\n');
    }

    void theExecutableRefusesWithTheSentencesItAlwaysPrinted()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // Never the user's own settings or data.
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*=false"));
        environment.remove(QStringLiteral("DAILY_API_KEY"));
        environment.remove(QStringLiteral("DAILY_API_BASE"));
        environment.insert(variable, value);
        QProcess app;
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(DW_APP_PATH), QStringList());
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 2);
        QCOMPARE(QString::fromUtf8(app.readAllStandardError()), expected);
    }
};

QTEST_MAIN(tst_AppComposition)
#include "tst_AppComposition.moc"
