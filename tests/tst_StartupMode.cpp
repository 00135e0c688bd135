// StartupMode: what one start of the desktop app works with (sandbox, DAILY_API_KEY or the saved domains),
// decided from its options alone, and the runs it refuses with the sentences main() prints.

#include "Domain.h"
#include "StartupMode.h"
#include "UrlPolicy.h"

#include <QTest>

namespace {

const QString kNoDomainNotice = QStringLiteral("No domain yet: you are trying the app on the sandbox.");
const QString kEnvNotice = QStringLiteral("Using DAILY_API_KEY for this run; your saved domains are hidden.");

} // namespace

class tst_StartupMode : public QObject
{
    Q_OBJECT

private slots:
    void decide_data()
    {
        QTest::addColumn<bool>("sandbox");
        QTest::addColumn<QString>("apiBase");
        QTest::addColumn<QString>("envKey");
        QTest::addColumn<bool>("saved");
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("keyUsed");
        QTest::addColumn<QUrl>("baseUsed");
        QTest::addColumn<QString>("notice");

        const int sandbox = int(StartupMode::Source::Sandbox);
        const int env = int(StartupMode::Source::EnvironmentKey);
        const int saved = int(StartupMode::Source::SavedDomains);
        const QUrl none;
        const QUrl local(QStringLiteral("http://127.0.0.1:9000/v1"));
        QTest::newRow("first run: nothing saved, no key -> sandbox, says why")
            << false << QString() << QString() << false << sandbox << QString() << none << kNoDomainNotice;
        QTest::newRow("--sandbox on a first run -> sandbox, nothing to explain")
            << true << QString() << QString() << false << sandbox << QString() << none << QString();
        QTest::newRow("--sandbox beats saved domains")
            << true << QString() << QString() << true << sandbox << QString() << none << QString();
        QTest::newRow("--sandbox beats DAILY_API_KEY")
            << true << QString() << QStringLiteral("env-key") << true << sandbox << QString() << none << QString();
        QTest::newRow("saved domains -> saved domains")
            << false << QString() << QString() << true << saved << QString() << none << QString();
        QTest::newRow("DAILY_API_KEY hides the saved domains")
            << false << QString() << QStringLiteral("env-key") << true << env << QStringLiteral("env-key") << none
            << kEnvNotice;
        QTest::newRow("DAILY_API_KEY without saved domains") << false << QString() << QStringLiteral("env-key") << false
                                                             << env << QStringLiteral("env-key") << none << kEnvNotice;
        QTest::newRow("DAILY_API_KEY trimmed") << false << QString() << QStringLiteral("  env-key\n") << false << env
                                               << QStringLiteral("env-key") << none << kEnvNotice;
        QTest::newRow("DAILY_API_KEY of spaces only counts as none")
            << false << QString() << QStringLiteral("  ") << false << sandbox << QString() << none << kNoDomainNotice;
        QTest::newRow("DAILY_API_KEY with --api-base on this computer")
            << false << QStringLiteral(" http://127.0.0.1:9000/v1 ") << QStringLiteral("env-key") << false << env
            << QStringLiteral("env-key") << local << kEnvNotice;
        QTest::newRow("an https base is kept for saved domains too")
            << false << QStringLiteral("https://api.example.test/v1") << QString() << true << saved << QString()
            << QUrl(QStringLiteral("https://api.example.test/v1")) << QString();
    }

    void decide()
    {
        QFETCH(bool, sandbox);
        QFETCH(QString, apiBase);
        QFETCH(QString, envKey);
        QFETCH(bool, saved);
        QFETCH(int, source);
        QFETCH(QString, keyUsed);
        QFETCH(QUrl, baseUsed);
        QFETCH(QString, notice);

        const StartupMode mode = StartupMode::decide(StartupOptions {sandbox, apiBase, envKey}, saved);
        QVERIFY2(!mode.refused(), qPrintable(mode.refusal));
        QCOMPARE(int(mode.source), source);
        QCOMPARE(mode.sandboxAsked, sandbox);
        QCOMPARE(mode.envKey, keyUsed);
        QCOMPARE(mode.apiBase, baseUsed);
        QCOMPARE(mode.notice(), notice);
    }

    void refusals_data()
    {
        QTest::addColumn<bool>("sandbox");
        QTest::addColumn<QString>("apiBase");
        QTest::addColumn<QString>("envKey");
        QTest::addColumn<QString>("refusal");

        const QString plainHttp = QStringLiteral("http://api.example.test/v1");
        const QString spaced = QStringLiteral("env key");
        const QString keyRefusal = QStringLiteral("DAILY_API_KEY cannot be used. ") + Domain::apiKeyProblem(spaced);
        QTest::newRow("a key over plain http to another computer")
            << false << plainHttp << QStringLiteral("env-key") << UrlPolicy::apiBaseProblem(plainHttp);
        QTest::newRow("a bad base is refused even on the sandbox")
            << true << plainHttp << QString() << UrlPolicy::apiBaseProblem(plainHttp);
        QTest::newRow("the base is checked before the key")
            << false << plainHttp << spaced << UrlPolicy::apiBaseProblem(plainHttp);
        QTest::newRow("a key with a space") << false << QString() << spaced << keyRefusal;
        QTest::newRow("a bad key is refused even with --sandbox") << true << QString() << spaced << keyRefusal;
        QTest::newRow("a key too long") << false << QString() << QString(300, QLatin1Char('k'))
                                        << QStringLiteral("DAILY_API_KEY cannot be used. ")
                + Domain::apiKeyProblem(QString(300, QLatin1Char('k')));
    }

    void refusals()
    {
        QFETCH(bool, sandbox);
        QFETCH(QString, apiBase);
        QFETCH(QString, envKey);
        QFETCH(QString, refusal);

        QVERIFY(!refusal.isEmpty());
        for (const bool saved : {false, true}) {
            const StartupMode mode = StartupMode::decide(StartupOptions {sandbox, apiBase, envKey}, saved);
            QVERIFY(mode.refused());
            QCOMPARE(mode.refusal, refusal);
            QCOMPARE(mode.notice(), QString());
            QVERIFY(mode.envKey.isEmpty()); // a refused key is not kept
        }
    }
};

QTEST_GUILESS_MAIN(tst_StartupMode)
#include "tst_StartupMode.moc"
