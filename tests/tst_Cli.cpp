// The built daily-webhooks-cli, run as a process the way a script runs it, against a sandbox in this test's own
// process (and an exact-byte server answering errors, and a dead port): every verb in both output formats, the
// exit status of every kind of failure, and secrets that never reach stdout or stderr unless asked for.
//
// The sandbox answers on this process's event loop, so a child is never waited for with a blocking call: the
// helper spins the event loop (QTest::qWaitFor) until the child has ended. The domains verbs use a real keychain,
// which is why this test runs inside support/with-keyring.sh: a throw-away gnome-keyring and a temporary HOME.

#include "AuditEntry.h"
#include "AuditLog.h"
#include "CliRunner.h"
#include "ClosedPort.h"
#include "ExactServer.h"
#include "Limits.h"
#include "ReferenceSignature.h"
#include "SandboxServer.h"
#include "SecretStore.h"
#include "ThrowawayKeyring.h"
#include "VerificationCode.h"
#include "Webhook.h"
#include "WebhookDraft.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

// A valid base64 HMAC secret that must never show up in output unless --show-secrets is given.
const QString kHmac = QStringLiteral("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=");
const QString kDomainKey = QStringLiteral("dwclitestkeyAAAA0123456789");
const QString kOtherKey = QStringLiteral("dwclitestkeyBBBB0123456789");

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QByteArray both() const { return out + err; }
};

QString describe(const Run& run)
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3").arg(run.code).arg(run.outText(), run.errText());
}

} // namespace

// `run` is evaluated once: it may be the command itself.
#define CHECK_EXIT(run, expected)                                                                                      \
    do {                                                                                                               \
        const Run checked_ = (run);                                                                                    \
        QVERIFY2(checked_.code == (expected), qPrintable(describe(checked_)));                                         \
    } while (false)

class tst_Cli : public QObject
{
    Q_OBJECT

private:
    // Runs the CLI with `arguments` and `input` on stdin (which is then closed: never a terminal).
    Run cli(const QStringList& arguments, const QByteArray& input = {}, const QProcessEnvironment& env = {})
    {
        return runProcess(QStringLiteral(DW_CLI_PATH), arguments, input, env);
    }
    // The CLI in a D-Bus session of its own, whose Secret Service never answers (a locked keyring waiting for
    // its password); the settings and data are those of `env`.
    Run cliWithHangingKeychain(const QStringList& arguments, const QByteArray& input, const QProcessEnvironment& env)
    {
        Run run = runProcess(QStringLiteral("dbus-run-session"),
            QStringList {QStringLiteral("--"), QStringLiteral(DW_WITH_HANGING_KEYCHAIN), QStringLiteral("--keep-dirs"),
                QStringLiteral(DW_HANGING_SECRET_SERVICE), QStringLiteral(DW_CLI_PATH)}
                + arguments,
            input, env);
        // The private bus's daemon says things of its own on stderr (fd limits); only the CLI's lines count.
        QList<QByteArray> lines = run.err.split('\n');
        lines.removeIf([](const QByteArray& line) { return line.startsWith("dbus-daemon["); });
        run.err = lines.join('\n');
        return run;
    }
    // Settings and data directories of their own, so a test's domains meet no other test's.
    QProcessEnvironment ownDirectories(const QString& name) const
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(name + QStringLiteral("/config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(name + QStringLiteral("/data")));
        return env;
    }
    QString settingsPathIn(const QString& name) const
    {
        return m_home->filePath(name + QStringLiteral("/config/DailyWebhooks/daily-webhooks.conf"));
    }
    Run runProcess(
        const QString& program, const QStringList& arguments, const QByteArray& input, const QProcessEnvironment& env)
    {
        Run run;
        QProcess process;
        process.setProcessEnvironment(env.isEmpty() ? environment() : env);
        process.start(program, arguments);
        if (!process.waitForStarted(10000)) {
            run.err = process.errorString().toUtf8();
            return run;
        }
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        // Not waitForFinished(): it would block the event loop the in-process sandbox answers on.
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
            process.kill();
            // Nothing listens to the killed child but this loop; its end is not waited for beyond a moment.
            const bool ended = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 5000);
            Q_UNUSED(ended);
            run.err = "timed out";
            return run;
        }
        run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        // Keys are never shown, in any format, on any stream.
        for (const QString& key : {SandboxServer::demoApiKey(), kDomainKey, kOtherKey})
            m_leaks += run.both().contains(key.toUtf8()) ? 1 : 0;
        if (!arguments.contains(QStringLiteral("--show-secrets"))
            && !arguments.contains(QStringLiteral("--include-secrets")))
            m_leaks += run.both().contains(kHmac.toUtf8()) ? 1 : 0;
        return run;
    }
    // With DAILY_API_KEY set to `key` and --api-base pointing at the sandbox.
    Run api(QStringList arguments, const QByteArray& input = {}, const QString& key = SandboxServer::demoApiKey())
    {
        arguments << QStringLiteral("--api-base") << m_sandbox->apiBaseUrl().toString();
        return cli(arguments, input, environment(key));
    }
    QProcessEnvironment environment(const QString& apiKey = QString()) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DAILY_API_KEY", "DAILY_API_BASE", "DAILY_SANDBOX_URL"})
            env.remove(QString::fromLatin1(name));
        if (!apiKey.isEmpty())
            env.insert(QStringLiteral("DAILY_API_KEY"), apiKey);
        // Settings and the audit log of this test only; the keychain is the throw-away one of the wrapper.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
        return env;
    }
    QString demoUrl() const { return m_sandbox->demoEndpointUrl().toString(); }
    // Creates the demo domain's webhook and returns its uuid.
    QString create(QStringList extra = {}, const QByteArray& input = {})
    {
        const Run run = api(QStringList {QStringLiteral("create"), QStringLiteral("--url"), demoUrl(),
                                QStringLiteral("--event"), QStringLiteral("meeting.started"), QStringLiteral("--json")}
                + extra,
            input);
        if (run.code != 0) {
            qWarning("%s", qPrintable(describe(run)));
            return {};
        }
        return run.json().object().value(QStringLiteral("uuid")).toString();
    }
    // Runs the CLI on a pseudo-terminal (through util-linux's `script`), answers `prompt` with `answer`, and
    // returns everything the terminal showed; `code` gets the exit status.
    QByteArray onTerminal(const QStringList& arguments, const QByteArray& prompt, const QByteArray& answer,
        const QProcessEnvironment& env, int* code)
    {
        *code = -1;
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty())
            return {};
        QStringList quoted {QStringLiteral("'" DW_CLI_PATH "'")};
        for (const QString& argument : arguments)
            quoted << QLatin1Char('\'') + argument + QLatin1Char('\'');
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(script, {QStringLiteral("-qec"), quoted.join(QLatin1Char(' ')), QStringLiteral("/dev/null")});
        if (!process.waitForStarted(10000))
            return {};
        QByteArray shown;
        const bool prompted = QTest::qWaitFor(
            [&] {
                shown += process.readAllStandardOutput();
                return shown.contains(prompt) || process.state() == QProcess::NotRunning;
            },
            30000);
        if (prompted && process.state() != QProcess::NotRunning)
            process.write(answer + '\n');
        const bool ended = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000);
        if (!ended) {
            process.kill();
            const bool killed = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 5000);
            Q_UNUSED(killed);
            return shown;
        }
        shown += process.readAllStandardOutput();
        *code = process.exitCode();
        return shown;
    }
    QString auditPath() const
    {
        return m_home->filePath(QStringLiteral("data/DailyWebhooks/daily-webhooks/audit.sqlite"));
    }
    QString settingsPath() const
    {
        return m_home->filePath(QStringLiteral("config/DailyWebhooks/daily-webhooks.conf"));
    }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<SandboxServer> m_sandbox;
    int m_leaks = 0;

private slots:
    void initTestCase()
    {
        // Outside the wrapper the keychain would be the user's real one; failing (not skipping) keeps a CI without
        // a keyring from passing by testing nothing.
        const QString outsideTheWrapper = ThrowawayKeyring::problem();
        if (!outsideTheWrapper.isEmpty())
            QFAIL(qPrintable(outsideTheWrapper));
        QVERIFY(QFileInfo(QStringLiteral(DW_CLI_PATH)).isExecutable());
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void init()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen());
        // Dozens of processes in a row would trip the 20-per-second limit, which is not what is tested here.
        m_sandbox->setRateLimit(0, 0);
        m_leaks = 0;
    }

    void cleanup()
    {
        QCOMPARE(m_leaks, 0);
        m_sandbox.reset();
    }

    void helpAndVersion()
    {
        const Run help = cli({QStringLiteral("--help")});
        CHECK_EXIT(help, 0);
        QVERIFY(help.outText().startsWith(QLatin1String("Usage: daily-webhooks-cli")));
        QVERIFY(help.err.isEmpty());
        const Run createHelp = cli({QStringLiteral("create"), QStringLiteral("--help")});
        CHECK_EXIT(createHelp, 0);
        QVERIFY(createHelp.outText().contains(QLatin1String("--hmac-stdin")));
        const Run version = cli({QStringLiteral("--version")});
        CHECK_EXIT(version, 0);
        QCOMPARE(version.outText(), QStringLiteral("daily-webhooks-cli " DW_VERSION "\n"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList() << QStringLiteral("no command given");
        QTest::newRow("unknown command") << QStringList {QStringLiteral("frob")}
                                         << QStringLiteral("there is no command \"frob\"");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("list"), QStringLiteral("--frob")}
                                        << QStringLiteral("unknown option 'frob'");
        QTest::newRow("missing uuid") << QStringList {QStringLiteral("get")} << QStringLiteral("get needs UUID");
        QTest::newRow("create without events") << QStringList {QStringLiteral("create"), QStringLiteral("--url"),
            QStringLiteral("https://e.com/h")} << QStringLiteral("at least one --event");
        QTest::newRow("unknown saved domain") << QStringList {QStringLiteral("list"), QStringLiteral("-d"),
            QStringLiteral("nosuchdomain")} << QStringLiteral("There is no saved domain named \"nosuchdomain\"");
        QTest::newRow("delete without --yes and without a terminal")
            << QStringList {QStringLiteral("delete"), QStringLiteral("abc")} << QStringLiteral("add --yes");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        // The sandbox through the environment, so the arguments stay exactly as the row gives them.
        QProcessEnvironment env = environment(SandboxServer::demoApiKey());
        env.insert(QStringLiteral("DAILY_API_BASE"), m_sandbox->apiBaseUrl().toString());
        const Run run = cli(arguments, {}, env);
        CHECK_EXIT(run, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.errText().startsWith(QLatin1String("daily-webhooks-cli: ")), qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(message), qPrintable(run.errText()));
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
        // A usage error never reaches Daily.
        QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
    }

    void listWithoutWebhook()
    {
        const Run human = api({QStringLiteral("list")});
        CHECK_EXIT(human, 0);
        QCOMPARE(human.outText(), QStringLiteral("No webhook on env:127.0.0.1:%1.\n").arg(m_sandbox->port()));
        const Run json = api({QStringLiteral("list"), QStringLiteral("--json")});
        CHECK_EXIT(json, 0);
        QVERIFY(json.json().isArray());
        QCOMPARE(json.json().array().size(), 0);
    }

    void createListGetInBothFormats()
    {
        const Run created = api({QStringLiteral("create"), QStringLiteral("--url"), demoUrl(), QStringLiteral("-e"),
                                    QStringLiteral("meeting.started,meeting.ended"), QStringLiteral("--hmac-stdin")},
            kHmac.toUtf8() + '\n');
        CHECK_EXIT(created, 0);
        const std::optional<Webhook> stored = m_sandbox->webhookOf(SandboxServer::demoApiKey());
        QVERIFY(stored);
        QCOMPARE(stored->hmac, kHmac);
        QCOMPARE(
            stored->eventTypes, (QStringList {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")}));
        QVERIFY(created.outText().startsWith(QStringLiteral("Created webhook %1 on env:").arg(stored->uuid)));
        QVERIFY(created.outText().contains(QLatin1String("\nhmac              <redacted>\n")));
        // The secret came from the user, so no tip about seeing it.
        QVERIFY2(created.err.isEmpty(), created.err.constData());

        const Run table = api({QStringLiteral("list")});
        CHECK_EXIT(table, 0);
        const QStringList lines = table.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).simplified(), QStringLiteral("DOMAIN UUID STATE FAILED LAST PUSH RETRY EVENTS URL"));
        QVERIFY(lines.at(1).startsWith(QLatin1String("   env:127.0.0.1")));
        for (const QString& cell : {stored->uuid, QStringLiteral("ACTIVE"), QStringLiteral("never"),
                 QStringLiteral("circuit-breaker"), QStringLiteral("meeting.started,meeting.ended"), demoUrl()})
            QVERIFY2(lines.at(1).contains(cell), qPrintable(cell));

        const Run json = api({QStringLiteral("list"), QStringLiteral("--json")});
        CHECK_EXIT(json, 0);
        const QJsonArray array = json.json().array();
        QCOMPARE(array.size(), 1);
        const QJsonObject object = array.at(0).toObject();
        QCOMPARE(object.value(QStringLiteral("uuid")).toString(), stored->uuid);
        QCOMPARE(object.value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(object.value(QStringLiteral("hmac")).toString(), QStringLiteral("<redacted>"));
        QVERIFY(object.value(QStringLiteral("basicAuth")).isNull());
        // Daily's own field names and formats.
        for (const QString& field : Webhook::fieldNames())
            QVERIFY2(object.contains(field), qPrintable(field));

        const Run get = api({QStringLiteral("get"), stored->uuid});
        CHECK_EXIT(get, 0);
        QVERIFY(get.outText().startsWith(QStringLiteral("uuid              %1\n").arg(stored->uuid)));
        QVERIFY(get.outText().contains(QLatin1String("\nbasicAuth         none\n")));
        const Run getJson = api({QStringLiteral("get"), stored->uuid, QStringLiteral("--json")});
        CHECK_EXIT(getJson, 0);
        QCOMPARE(getJson.json().object().value(QStringLiteral("url")).toString(), demoUrl());

        const Run shown
            = api({QStringLiteral("get"), stored->uuid, QStringLiteral("--json"), QStringLiteral("--show-secrets")});
        CHECK_EXIT(shown, 0);
        QCOMPARE(shown.json().object().value(QStringLiteral("hmac")).toString(), kHmac);
        const Run shownTable = api({QStringLiteral("list"), QStringLiteral("--show-secrets")});
        CHECK_EXIT(shownTable, 0);
        // Even when asked, the table has no room for secrets; get shows them.
        QVERIFY(!shownTable.out.contains(kHmac.toUtf8()));
    }

    void createValidatesBeforeSending_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        const QString url = QStringLiteral("https://example.com/hook");
        QTest::newRow("unknown event type")
            << QStringList {QStringLiteral("--url"), url, QStringLiteral("--event"), QStringLiteral("meeting.nope")}
            << QByteArray() << QStringLiteral("eventTypes: Daily has no event type named meeting.nope");
        QTest::newRow("retry type") << QStringList {QStringLiteral("--url"), url, QStringLiteral("-e"),
            QStringLiteral("meeting.started"), QStringLiteral("--retry-type"), QStringLiteral("sometimes")}
                                    << QByteArray() << QStringLiteral("retryType: ");
        QTest::newRow("plain http elsewhere") << QStringList {QStringLiteral("--url"),
            QStringLiteral("http://example.com/h"), QStringLiteral("-e"), QStringLiteral("meeting.started")}
                                              << QByteArray() << QStringLiteral("url: ");
        QTest::newRow("hmac not base64") << QStringList {QStringLiteral("--url"), url, QStringLiteral("-e"),
            QStringLiteral("meeting.started"), QStringLiteral("--hmac-stdin")}
                                         << QByteArray("not base64 at all!\n") << QStringLiteral("hmac: ");
    }
    void createValidatesBeforeSending()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const Run run = api(QStringList {QStringLiteral("create")} + arguments, input);
        CHECK_EXIT(run, 4);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.errText().contains(message), qPrintable(run.errText()));
        QVERIFY(!run.err.contains("not base64 at all"));
        QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
    }

    void createWhenThePingFails()
    {
        m_sandbox->setDemoEndpointStatus(500);
        for (const bool json : {false, true}) {
            QStringList arguments {QStringLiteral("create"), QStringLiteral("--url"), demoUrl(), QStringLiteral("-e"),
                QStringLiteral("meeting.started")};
            if (json)
                arguments << QStringLiteral("--json");
            const Run run = api(arguments);
            CHECK_EXIT(run, 4);
            QVERIFY(run.out.isEmpty());
            QVERIFY2(run.errText().contains(QLatin1String("Daily could not get a 200 from your URL: it answered 500")),
                qPrintable(run.errText()));
        }
        QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));
    }

    void secondCreateIsRefused()
    {
        QVERIFY(!create().isEmpty());
        const Run run = api({QStringLiteral("create"), QStringLiteral("--url"), demoUrl(), QStringLiteral("-e"),
            QStringLiteral("meeting.ended")});
        CHECK_EXIT(run, 4);
        QVERIFY(run.errText().contains(QLatin1String("only one per domain")));
    }

    void generatedSecretAndBasicAuthFromStdin()
    {
        const Run run = api({QStringLiteral("create"), QStringLiteral("--url"), demoUrl(), QStringLiteral("-e"),
                                QStringLiteral("meeting.started"), QStringLiteral("--generate-hmac"),
                                QStringLiteral("--basic-auth-user"), QStringLiteral("alice")},
            "pa ss\n");
        CHECK_EXIT(run, 0);
        const std::optional<Webhook> stored = m_sandbox->webhookOf(SandboxServer::demoApiKey());
        QVERIFY(stored);
        QVERIFY(ReferenceSignature::isBase64Of(stored->hmac, 32));
        QCOMPARE(stored->basicAuth, QString::fromLatin1(QByteArrayLiteral("alice:pa ss").toBase64()));
        QVERIFY(!run.both().contains(stored->hmac.toUtf8()));
        QVERIFY(!run.both().contains(stored->basicAuth.toUtf8()));
        QVERIFY(!run.both().contains("pa ss"));
        // A secret the user did not type is of no use unless they can see it: the tip says how.
        QVERIFY2(run.errText().contains(QStringLiteral("get %1 --show-secrets").arg(stored->uuid)),
            qPrintable(run.errText()));
        // Daily's ping carried both.
        const QList<SandboxServer::DemoDelivery> pings = m_sandbox->demoDeliveries();
        QVERIFY(!pings.isEmpty());
        QCOMPARE(pings.last().header("Authorization"), QByteArray("Basic ") + stored->basicAuth.toUtf8());
        QCOMPARE(pings.last().header("X-Webhook-Signature"),
            ReferenceSignature::of(stored->hmac, pings.last().header("X-Webhook-Timestamp"), pings.last().body));
    }

    void updateSendsOnlyTheGivenFields()
    {
        const QString uuid = create();
        QVERIFY(!uuid.isEmpty());
        const Run human
            = api({QStringLiteral("update"), uuid, QStringLiteral("--event"), QStringLiteral("participant.joined")});
        CHECK_EXIT(human, 0);
        QVERIFY(human.outText().startsWith(QStringLiteral("Updated webhook %1 on env:").arg(uuid)));
        const QList<SandboxServer::ReceivedRequest> received = m_sandbox->receivedRequests();
        QCOMPARE(received.last().method, QByteArray("POST"));
        QCOMPARE(received.last().path, QStringLiteral("/v1/webhooks/") + uuid);
        QCOMPARE(received.last().body, QByteArray("{\"eventTypes\":[\"participant.joined\"]}"));

        const Run json
            = api({QStringLiteral("update"), uuid, QStringLiteral("--retry-type"), QStringLiteral("exponential"),
                      QStringLiteral("--hmac-stdin"), QStringLiteral("--json")},
                kHmac.toUtf8() + '\n');
        CHECK_EXIT(json, 0);
        const QJsonObject object = json.json().object();
        QCOMPARE(object.value(QStringLiteral("retryType")).toString(), QStringLiteral("exponential"));
        QCOMPARE(object.value(QStringLiteral("eventTypes")).toArray().size(), 1);
        QCOMPARE(object.value(QStringLiteral("hmac")).toString(), QStringLiteral("<redacted>"));
        QCOMPARE(m_sandbox->webhookOf(SandboxServer::demoApiKey())->hmac, kHmac);
    }

    void reactivateTurnsAFailedWebhookBackOn()
    {
        const QString uuid = create();
        QVERIFY(!uuid.isEmpty());
        QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));

        const Run marked = api({QStringLiteral("list")});
        CHECK_EXIT(marked, 0);
        QVERIFY2(marked.outText().split(QLatin1Char('\n')).value(1).startsWith(QLatin1String("!  env:")),
            qPrintable(marked.outText()));

        // A ping that fails leaves it FAILED, and says so.
        m_sandbox->setDemoEndpointStatus(503);
        const Run refused = api({QStringLiteral("reactivate"), uuid});
        CHECK_EXIT(refused, 4);
        QVERIFY(refused.errText().contains(QLatin1String("answered 503")));
        QCOMPARE(m_sandbox->webhookOf(SandboxServer::demoApiKey())->state, QStringLiteral("FAILED"));

        m_sandbox->setDemoEndpointStatus(200);
        const Run human = api({QStringLiteral("reactivate"), uuid});
        CHECK_EXIT(human, 0);
        QCOMPARE(human.outText(),
            QStringLiteral("Webhook %1 on env:127.0.0.1:%2: FAILED -> ACTIVE (failed count 3 -> 0).\n")
                .arg(uuid)
                .arg(m_sandbox->port()));
        const QList<SandboxServer::ReceivedRequest> received = m_sandbox->receivedRequests();
        QCOMPARE(received.last().body, QByteArray("{\"url\":\"") + demoUrl().toUtf8() + "\"}");

        QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 5));
        const Run json = api({QStringLiteral("reactivate"), uuid, QStringLiteral("--json")});
        CHECK_EXIT(json, 0);
        const QJsonObject object = json.json().object();
        QCOMPARE(object.value(QStringLiteral("stateBefore")).toString(), QStringLiteral("FAILED"));
        QCOMPARE(object.value(QStringLiteral("stateAfter")).toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(object.value(QStringLiteral("failedCountBefore")).toInt(), 5);
        QCOMPARE(object.value(QStringLiteral("webhook")).toObject().value(QStringLiteral("uuid")).toString(), uuid);

        // Daily answers 200, yet the webhook stays FAILED: shown as it is, and a Daily-side failure.
        QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));
        m_sandbox->setReactivationKeepsState(true);
        const Run kept = api({QStringLiteral("reactivate"), uuid});
        CHECK_EXIT(kept, 6);
        QCOMPARE(kept.outText(),
            QStringLiteral("Webhook %1 on env:127.0.0.1:%2: FAILED -> FAILED (failed count 3 -> 3).\n")
                .arg(uuid)
                .arg(m_sandbox->port()));
        QCOMPARE(kept.errText(),
            QStringLiteral("daily-webhooks-cli: Daily accepted the update, but the webhook is FAILED, not ACTIVE.\n"));
        const Run keptJson = api({QStringLiteral("reactivate"), uuid, QStringLiteral("--json")});
        CHECK_EXIT(keptJson, 6);
        QCOMPARE(keptJson.json().object().value(QStringLiteral("stateAfter")).toString(), QStringLiteral("FAILED"));
    }

    void reactivateThatDoesNotTakeExitsSix()
    {
        const QString uuid = create();
        QVERIFY(!uuid.isEmpty());
        QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));
        // Daily answers 200, yet the webhook stays FAILED: not what was asked for, and a script must notice.
        m_sandbox->setReactivationKeepsState(true);

        const Run human = api({QStringLiteral("reactivate"), uuid});
        CHECK_EXIT(human, 6);
        QVERIFY2(human.outText().contains(QLatin1String("FAILED -> FAILED")), qPrintable(describe(human)));
        QVERIFY2(human.errText().contains(QLatin1String("FAILED")), qPrintable(describe(human)));

        const Run json = api({QStringLiteral("reactivate"), uuid, QStringLiteral("--json")});
        CHECK_EXIT(json, 6);
        QCOMPARE(json.json().object().value(QStringLiteral("stateAfter")).toString(), QStringLiteral("FAILED"));
        QCOMPARE(m_sandbox->webhookOf(SandboxServer::demoApiKey())->state, QStringLiteral("FAILED"));
    }

    void deleteAsksOrNeedsYes()
    {
        const QString uuid = create();
        QVERIFY(!uuid.isEmpty());
        const Run refused = api({QStringLiteral("delete"), uuid});
        CHECK_EXIT(refused, 2);
        QVERIFY(m_sandbox->webhookOf(SandboxServer::demoApiKey()));

        const Run human = api({QStringLiteral("delete"), uuid, QStringLiteral("--yes")});
        CHECK_EXIT(human, 0);
        QCOMPARE(human.outText(),
            QStringLiteral("Deleted webhook %1 (%2) on env:127.0.0.1:%3.\n")
                .arg(uuid, demoUrl())
                .arg(m_sandbox->port()));
        QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));

        const QString second = create();
        const Run json = api({QStringLiteral("delete"), second, QStringLiteral("-y"), QStringLiteral("--json")});
        CHECK_EXIT(json, 0);
        QCOMPARE(json.json().object().value(QStringLiteral("deleted")).toBool(), true);
        QCOMPARE(json.json().object().value(QStringLiteral("uuid")).toString(), second);
    }

    void unknownUuidIsNotFound_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString uuid = QStringLiteral("00000000-0000-0000-0000-000000000000");
        QTest::newRow("get") << QStringList {QStringLiteral("get"), uuid};
        QTest::newRow("get json") << QStringList {QStringLiteral("get"), uuid, QStringLiteral("--json")};
        QTest::newRow("update") << QStringList {
            QStringLiteral("update"), uuid, QStringLiteral("-e"), QStringLiteral("meeting.ended")};
        QTest::newRow("reactivate") << QStringList {QStringLiteral("reactivate"), uuid};
        QTest::newRow("delete") << QStringList {QStringLiteral("delete"), uuid, QStringLiteral("--yes")};
    }
    void unknownUuidIsNotFound()
    {
        QFETCH(QStringList, arguments);
        const Run run = api(arguments);
        CHECK_EXIT(run, 7);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.errText().startsWith(QLatin1String("daily-webhooks-cli: Daily found no such webhook")));
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
    }

    void authErrors()
    {
        const Run wrongKey = api({QStringLiteral("list")}, {}, QStringLiteral("not-the-key"));
        CHECK_EXIT(wrongKey, 3);
        QVERIFY(wrongKey.errText().contains(QLatin1String("Daily rejected the API key.")));
        QVERIFY(!wrongKey.err.contains("not-the-key"));
        QVERIFY(!wrongKey.errText().contains(QLatin1String("Settings")));

        const Run wrongKeyJson
            = api({QStringLiteral("create"), QStringLiteral("--url"), demoUrl(), QStringLiteral("-e"),
                      QStringLiteral("meeting.started"), QStringLiteral("--json")},
                {}, QStringLiteral("not-the-key"));
        CHECK_EXIT(wrongKeyJson, 3);
        QVERIFY(wrongKeyJson.out.isEmpty());

        const Run nothing = cli({QStringLiteral("list")});
        CHECK_EXIT(nothing, 3);
        QVERIFY(nothing.errText().contains(QLatin1String("No Daily domain is selected")));
        QVERIFY(nothing.errText().contains(QLatin1String("--sandbox")));
    }

    void networkErrors()
    {
        const QString dead = QStringLiteral("http://127.0.0.1:%1/v1").arg(ClosedPort::pick());
        const Run refused = cli(
            {QStringLiteral("list"), QStringLiteral("--api-base"), dead}, {}, environment(SandboxServer::demoApiKey()));
        CHECK_EXIT(refused, 5);
        QVERIFY(refused.errText().contains(QLatin1String("refused")));

        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("DAILY_SANDBOX_URL"), dead);
        const Run sandbox
            = cli({QStringLiteral("--sandbox"), QStringLiteral("list"), QStringLiteral("--json")}, {}, env);
        CHECK_EXIT(sandbox, 5);
        QVERIFY(sandbox.out.isEmpty());
        QVERIFY2(sandbox.errText().contains(QStringLiteral("daily-webhooks-sandbox --port %1").arg(QUrl(dead).port())),
            qPrintable(sandbox.errText()));

        const Run badBase = cli({QStringLiteral("list")}, {}, [&] {
            QProcessEnvironment e = environment(SandboxServer::demoApiKey());
            e.insert(QStringLiteral("DAILY_API_BASE"), QStringLiteral("not a url"));
            return e;
        }());
        CHECK_EXIT(badBase, 2);
        QVERIFY(badBase.errText().contains(QLatin1String("DAILY_API_BASE")));
    }

    void dailySideErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("500") << 500 << QByteArray("{\"error\":\"server-error\",\"info\":\"boom\"}")
                             << QStringLiteral("Daily had a problem on its side (HTTP 500).");
        QTest::newRow("502 from a proxy")
            << 502 << QByteArray("<html>Bad gateway</html>") << QStringLiteral("(HTTP 502)");
        QTest::newRow("429") << 429 << QByteArray("{\"error\":\"rate-limit-error\",\"info\":\"slow down\"}")
                             << QStringLiteral("limiting the rate");
        QTest::newRow("200 that is not JSON")
            << 200 << QByteArray("<html>login</html>") << QStringLiteral("not the JSON Daily sends");
    }
    void dailySideErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([status, body](const ExactServer::Request&) {
            return ExactServer::Response::http(status, body, QByteArrayLiteral("text/html"));
        });
        for (const bool json : {false, true}) {
            QStringList arguments {
                QStringLiteral("list"), QStringLiteral("--api-base"), server.url(QStringLiteral("/v1")).toString()};
            if (json)
                arguments << QStringLiteral("--json");
            const Run run = cli(arguments, {}, environment(SandboxServer::demoApiKey()));
            CHECK_EXIT(run, 6);
            QVERIFY(run.out.isEmpty());
            QVERIFY2(run.errText().contains(message), qPrintable(run.errText()));
        }
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().first().header("Authorization"),
            QByteArray("Bearer ") + SandboxServer::demoApiKey().toUtf8());
    }

    void verboseShowsCallsAndDetails()
    {
        const Run run = api({QStringLiteral("get"), QStringLiteral("abc"), QStringLiteral("--verbose")});
        CHECK_EXIT(run, 7);
        QVERIFY2(run.errText().contains(
                     QStringLiteral("GET %1/webhooks/abc -> 404").arg(m_sandbox->apiBaseUrl().toString())),
            qPrintable(run.errText()));
        QVERIFY(run.errText().contains(QLatin1String("HTTP status: 404")));
    }

    void preflightJudgesLikeDaily()
    {
        const Run ok
            = cli({QStringLiteral("preflight"), demoUrl(), QStringLiteral("--hmac-stdin")}, kHmac.toUtf8() + '\n');
        CHECK_EXIT(ok, 0);
        QVERIFY2(ok.outText().startsWith(QLatin1String("OK: The URL answered 200")), qPrintable(ok.outText()));
        QVERIFY(ok.outText().contains(QLatin1String("\nsigned              yes\n")));
        const SandboxServer::DemoDelivery ping = m_sandbox->demoDeliveries().last();
        QCOMPARE(ping.body, QByteArray("{\"test\":\"test\"}"));
        QVERIFY(ReferenceSignature::matchesTheFixedVectors());
        QCOMPARE(ping.header("X-Webhook-Signature"),
            ReferenceSignature::of(kHmac, ping.header("X-Webhook-Timestamp"), ping.body));

        const Run json = cli({QStringLiteral("preflight"), demoUrl(), QStringLiteral("--json")});
        CHECK_EXIT(json, 0);
        QCOMPARE(json.json().object().value(QStringLiteral("wouldAccept")).toBool(), true);
        QCOMPARE(json.json().object().value(QStringLiteral("httpStatus")).toInt(), 200);
        QCOMPARE(json.json().object().value(QStringLiteral("signedPing")).toBool(), false);

        m_sandbox->setDemoEndpointStatus(500);
        const Run refused = cli({QStringLiteral("preflight"), demoUrl()});
        CHECK_EXIT(refused, 4);
        QVERIFY(refused.outText().startsWith(QLatin1String("NOT ACCEPTED: The URL answered HTTP 500")));
        const Run refusedJson = cli({QStringLiteral("preflight"), demoUrl(), QStringLiteral("--json")});
        CHECK_EXIT(refusedJson, 4);
        QCOMPARE(refusedJson.json().object().value(QStringLiteral("wouldAccept")).toBool(), false);

        const Run dead
            = cli({QStringLiteral("preflight"), QStringLiteral("http://127.0.0.1:%1/h").arg(ClosedPort::pick())});
        CHECK_EXIT(dead, 4);
        // Preflight talks to the URL only, never to Daily.
        QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
    }

    void verifyNamesTheFailingStep()
    {
        const QByteArray body = "{\"version\":\"1.0.0\",\"type\":\"meeting.ended\",\"id\":\"x-1\",\"payload\":{},"
                                "\"event_ts\":1708526033.049}";
        const QByteArray ts = "1708526033049";
        const QByteArray good = ReferenceSignature::of(kHmac, ts, body);
        const QString bodyPath = m_home->filePath(QStringLiteral("verify-body.json"));
        {
            QFile file(bodyPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(body);
        }
        const QByteArray secretLine = kHmac.toUtf8() + '\n';
        const auto verify = [&](const QByteArray& signature, const QString& bodyFrom, const QByteArray& input,
                                QStringList extra = {}) {
            return cli(QStringList {QStringLiteral("verify"), QStringLiteral("--timestamp"), QString::fromLatin1(ts),
                           QStringLiteral("--signature"), QString::fromLatin1(signature), QStringLiteral("--body"),
                           bodyFrom, QStringLiteral("--secret-stdin")}
                    + extra,
                input);
        };

        const Run valid = verify(good, bodyPath, secretLine);
        CHECK_EXIT(valid, 0);
        QVERIFY2(valid.outText().startsWith(QLatin1String("VALID: ")), qPrintable(valid.outText()));
        QVERIFY(valid.outText().contains(QLatin1String("expected  ") + QString::fromLatin1(good)));

        // The body after the secret's line, byte for byte: no newline added or taken away.
        const Run fromStdin = verify(good, QStringLiteral("-"), secretLine + body, {QStringLiteral("--json")});
        CHECK_EXIT(fromStdin, 0);
        QCOMPARE(fromStdin.json().object().value(QStringLiteral("verdict")).toString(), QStringLiteral("valid"));
        QVERIFY(fromStdin.json().object().value(QStringLiteral("step")).isNull());
        CHECK_EXIT(verify(good, QStringLiteral("-"), secretLine + body + '\n'), 4);

        // The secret's text as the key: named, with Daily's signature beside the one received.
        const QByteArray textKeyed = ReferenceSignature::of(QString::fromLatin1(kHmac.toUtf8().toBase64()), ts, body);
        const Run asText = verify(textKeyed, bodyPath, secretLine, {QStringLiteral("--json")});
        CHECK_EXIT(asText, 4);
        const QJsonObject o = asText.json().object();
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("invalid"));
        QCOMPARE(o.value(QStringLiteral("step")).toString(), QStringLiteral("secret-used-as-text"));
        QCOMPARE(o.value(QStringLiteral("expected")).toString(), QString::fromLatin1(good));
        QCOMPARE(o.value(QStringLiteral("received")).toString(), QString::fromLatin1(textKeyed));

        const Run inSeconds = verify(ReferenceSignature::of(kHmac, "1708526033", body), bodyPath, secretLine);
        CHECK_EXIT(inSeconds, 4);
        QVERIFY2(inSeconds.outText().startsWith(QLatin1String("NOT VALID: ")), qPrintable(inSeconds.outText()));
        QVERIFY(inSeconds.outText().contains(QLatin1String("timestamp-divided-by-1000")));

        const Run other
            = verify(ReferenceSignature::of(kHmac, ts, "{}"), bodyPath, secretLine, {QStringLiteral("--json")});
        CHECK_EXIT(other, 4);
        QCOMPARE(other.json().object().value(QStringLiteral("step")).toString(), QStringLiteral("unexplained"));
        QVERIFY(!other.json().object().value(QStringLiteral("nextStep")).toString().isEmpty());

        const Run noSecret = verify(good, bodyPath, {});
        CHECK_EXIT(noSecret, 2);
        QVERIFY(noSecret.errText().contains(QLatin1String("stdin ended before the HMAC secret")));
        const Run notBase64 = verify(good, bodyPath, "my secret\n", {QStringLiteral("--json")});
        CHECK_EXIT(notBase64, 4);
        QCOMPARE(
            notBase64.json().object().value(QStringLiteral("verdict")).toString(), QStringLiteral("input-problem"));
        const Run noFile = verify(good, m_home->filePath(QStringLiteral("no-such-body")), secretLine);
        CHECK_EXIT(noFile, 2);
        const QString bigPath = m_home->filePath(QStringLiteral("verify-big.json"));
        {
            QFile file(bigPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(Limits::MaxRequestBodyBytes + 1, ' '));
        }
        const Run big = verify(good, bigPath, secretLine);
        CHECK_EXIT(big, 4);
        QVERIFY(big.errText().contains(QString::number(Limits::MaxRequestBodyBytes)));

        // The verification code, as compiled in, for each language.
        for (const VerificationCode::Language language : VerificationCode::languages()) {
            const Run code
                = cli({QStringLiteral("verify"), QStringLiteral("--code"), VerificationCode::name(language)});
            CHECK_EXIT(code, 0);
            QCOMPARE(code.outText(), VerificationCode::of(language));
        }
        const Run codeJson = cli(
            {QStringLiteral("verify"), QStringLiteral("--code"), QStringLiteral("python"), QStringLiteral("--json")});
        CHECK_EXIT(codeJson, 0);
        QVERIFY(codeJson.json()
                    .object()
                    .value(QStringLiteral("code"))
                    .toString()
                    .contains(QLatin1String("def verify_daily_webhook(")));
    }

    void exportThenImport()
    {
        const QString uuid = create({QStringLiteral("--hmac-stdin")}, kHmac.toUtf8() + '\n');
        QVERIFY(!uuid.isEmpty());

        const Run plain = api({QStringLiteral("export")});
        CHECK_EXIT(plain, 0);
        const QJsonObject exported = plain.json().object();
        QCOMPARE(exported.value(QStringLiteral("format")).toString(), QStringLiteral("daily-webhooks-export"));
        QCOMPARE(exported.value(QStringLiteral("includesSecrets")).toBool(), false);
        QCOMPARE(exported.value(QStringLiteral("webhooks")).toArray().size(), 1);
        QVERIFY(plain.err.isEmpty());

        const QString file = m_home->filePath(QStringLiteral("backup.json"));
        const Run withSecrets
            = api({QStringLiteral("export"), QStringLiteral("--include-secrets"), QStringLiteral("--output"), file});
        CHECK_EXIT(withSecrets, 0);
        QCOMPARE(withSecrets.outText(), QStringLiteral("Exported 1 webhook(s) to %1.\n").arg(file));
        QVERIFY(withSecrets.errText().contains(QLatin1String("warning: The file will contain")));
        QVERIFY(!withSecrets.both().contains(kHmac.toUtf8()));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll().contains(kHmac.toUtf8()));
        QCOMPARE(written.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

        const Run jsonSummary = api({QStringLiteral("export"), QStringLiteral("-o"), file, QStringLiteral("--json")});
        CHECK_EXIT(jsonSummary, 0);
        QCOMPARE(jsonSummary.json().object().value(QStringLiteral("webhooks")).toInt(), 1);
        // That overwrote the file without secrets; write it again with them for the import below.
        CHECK_EXIT(api({QStringLiteral("export"), QStringLiteral("--include-secrets"), QStringLiteral("-o"), file}), 0);

        CHECK_EXIT(api({QStringLiteral("delete"), uuid, QStringLiteral("--yes")}), 0);
        const Run created = api({QStringLiteral("import"), file});
        CHECK_EXIT(created, 0);
        QVERIFY2(created.outText().contains(QLatin1String("created")), qPrintable(created.outText()));
        const std::optional<Webhook> restored = m_sandbox->webhookOf(SandboxServer::demoApiKey());
        QVERIFY(restored);
        QCOMPARE(restored->url, demoUrl());
        QCOMPARE(restored->hmac, kHmac);
        QVERIFY(created.outText().contains(restored->uuid));

        // The domain has its webhook now, so importing again updates it instead of failing.
        const Run updated = api({QStringLiteral("import"), QStringLiteral("-"), QStringLiteral("--json")}, plain.out);
        CHECK_EXIT(updated, 0);
        const QJsonArray report = updated.json().array();
        QCOMPARE(report.size(), 1);
        QCOMPARE(report.at(0).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("updated"));
        QCOMPARE(report.at(0).toObject().value(QStringLiteral("uuid")).toString(), restored->uuid);
        // Imported without secrets: the domain kept its own.
        QCOMPARE(m_sandbox->webhookOf(SandboxServer::demoApiKey())->hmac, kHmac);
    }

    void importRefusesBadFiles()
    {
        const Run notJson = api({QStringLiteral("import"), QStringLiteral("-")}, "{nope");
        CHECK_EXIT(notJson, 4);
        QVERIFY(notJson.errText().contains(QLatin1String("not valid JSON")));

        QJsonObject twoEntries {{QStringLiteral("format"), QStringLiteral("daily-webhooks-export")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("webhooks"),
                QJsonArray {
                    QJsonObject {{QStringLiteral("domain"), QStringLiteral("a")}, {QStringLiteral("url"), demoUrl()}},
                    QJsonObject {
                        {QStringLiteral("domain"), QStringLiteral("b")}, {QStringLiteral("url"), demoUrl()}}}}};
        const Run two = api({QStringLiteral("import"), QStringLiteral("-")}, QJsonDocument(twoEntries).toJson());
        CHECK_EXIT(two, 4);
        QVERIFY(two.errText().contains(QLatin1String("a domain can have only one")));

        const Run missing = api({QStringLiteral("import"), m_home->filePath(QStringLiteral("nope.json"))});
        CHECK_EXIT(missing, 1);
        QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
    }

    void domainsWithTheKeychain()
    {
        const QString base = m_sandbox->apiBaseUrl().toString();
        m_sandbox->addDomain(kDomainKey, QStringLiteral("Production"));
        m_sandbox->addDomain(kOtherKey, QStringLiteral("Staging"));

        const Run empty = cli({QStringLiteral("domains"), QStringLiteral("list")});
        CHECK_EXIT(empty, 0);
        QVERIFY(empty.outText().startsWith(QLatin1String("No saved domains")));

        const Run added = cli({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("prod"),
                                  QStringLiteral("--base-url"), base},
            kDomainKey.toUtf8() + '\n');
        CHECK_EXIT(added, 0);
        QCOMPARE(
            added.outText(), QStringLiteral("Saved domain prod (%1); its API key is in the keychain.\n").arg(base));
        const Run addedJson = cli({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("staging"),
                                      QStringLiteral("--base-url"), base, QStringLiteral("--json")},
            kOtherKey.toUtf8() + '\n');
        CHECK_EXIT(addedJson, 0);
        QCOMPARE(addedJson.json().object().value(QStringLiteral("keyStored")).toBool(), true);
        const Run duplicate = cli({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("PROD")}, "x\n");
        CHECK_EXIT(duplicate, 4);
        const Run noKey = cli({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("third")});
        CHECK_EXIT(noKey, 2);

        // Names and base URLs in the settings the app shares; never a key.
        QFile settings(settingsPath());
        QVERIFY2(settings.open(QIODevice::ReadOnly), qPrintable(settingsPath()));
        const QByteArray settingsBytes = settings.readAll();
        QVERIFY(settingsBytes.contains("prod"));
        QVERIFY(!settingsBytes.contains(kDomainKey.toUtf8()));
        QVERIFY(!settingsBytes.contains(kOtherKey.toUtf8()));

        const Run listed = cli({QStringLiteral("domains"), QStringLiteral("list")});
        CHECK_EXIT(listed, 0);
        QCOMPARE(listed.outText().split(QLatin1Char('\n')).value(0).simplified(), QStringLiteral("NAME BASE URL KEY"));
        QVERIFY(listed.outText().contains(QStringLiteral("prod     %1  stored").arg(base)));
        const Run listedJson = cli({QStringLiteral("domains"), QStringLiteral("list"), QStringLiteral("--json")});
        CHECK_EXIT(listedJson, 0);
        QCOMPARE(listedJson.json().array().size(), 2);
        QCOMPARE(listedJson.json().array().at(0).toObject().value(QStringLiteral("keyStored")).toBool(), true);

        // The saved domain as a target, with its key from the keychain.
        const Run createdOnProd = cli(
            {QStringLiteral("-d"), QStringLiteral("prod"), QStringLiteral("create"), QStringLiteral("--url"), demoUrl(),
                QStringLiteral("-e"), QStringLiteral("meeting.started"), QStringLiteral("--hmac-stdin")},
            kHmac.toUtf8() + '\n');
        CHECK_EXIT(createdOnProd, 0);
        QVERIFY(createdOnProd.outText().contains(QLatin1String(" on prod.")));
        QVERIFY(m_sandbox->webhookOf(kDomainKey));

        // Every saved domain at once; a broken one is a marked row and sets the exit status.
        const Run broken = cli({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("broken"),
                                   QStringLiteral("--base-url"), base},
            "wrong-key-for-the-sandbox\n");
        CHECK_EXIT(broken, 0);
        const Run all = cli({QStringLiteral("list"), QStringLiteral("--all")});
        CHECK_EXIT(all, 3);
        const QStringList rows = all.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QVERIFY2(rows.at(1).startsWith(QLatin1String("   prod")) && rows.at(1).contains(QLatin1String("ACTIVE")),
            qPrintable(all.outText()));
        QVERIFY(
            rows.at(2).startsWith(QLatin1String("   staging")) && rows.at(2).endsWith(QLatin1String("(no webhook)")));
        QVERIFY(rows.at(3).startsWith(QLatin1String("!  broken")) && rows.at(3).contains(QLatin1String("ERROR")));
        QVERIFY(all.errText().contains(QLatin1String("daily-webhooks-cli: broken: Daily rejected the API key.")));
        QVERIFY(!all.both().contains("wrong-key-for-the-sandbox"));
        const Run allJson = cli({QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--json")});
        CHECK_EXIT(allJson, 3);
        const QJsonArray domains = allJson.json().array();
        QCOMPARE(domains.size(), 3);
        QCOMPARE(domains.at(0).toObject().value(QStringLiteral("webhooks")).toArray().size(), 1);
        QCOMPARE(
            domains.at(2).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("authentication-failed"));

        // set-key repairs the broken one; rename keeps the key.
        CHECK_EXIT(cli({QStringLiteral("domains"), QStringLiteral("set-key"), QStringLiteral("broken")},
                       SandboxServer::demoApiKey().toUtf8() + '\n'),
            0);
        const Run renamed = cli(
            {QStringLiteral("domains"), QStringLiteral("rename"), QStringLiteral("broken"), QStringLiteral("demo")});
        CHECK_EXIT(renamed, 0);
        QCOMPARE(renamed.outText(), QStringLiteral("Renamed domain broken to demo.\n"));
        CHECK_EXIT(cli({QStringLiteral("list"), QStringLiteral("--all")}), 0);

        // Copy prod's configuration to staging, each entry to the domain it names, or all to --into.
        const QString file = m_home->filePath(QStringLiteral("prod.json"));
        CHECK_EXIT(
            cli({QStringLiteral("export"), QStringLiteral("-d"), QStringLiteral("prod"), QStringLiteral("-o"), file}),
            0);
        const Run into = cli({QStringLiteral("import"), file, QStringLiteral("--into"), QStringLiteral("staging")});
        CHECK_EXIT(into, 0);
        QVERIFY(into.outText().contains(QLatin1String("created")));
        QCOMPARE(m_sandbox->webhookOf(kOtherKey)->url, demoUrl());
        const Run own = cli({QStringLiteral("import"), file, QStringLiteral("--json")});
        CHECK_EXIT(own, 0);
        QCOMPARE(own.json().array().at(0).toObject().value(QStringLiteral("to")).toString(), QStringLiteral("prod"));
        QCOMPARE(
            own.json().array().at(0).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("updated"));
        const Run exportAll = cli({QStringLiteral("export"), QStringLiteral("--all")});
        CHECK_EXIT(exportAll, 0);
        QCOMPARE(exportAll.json().object().value(QStringLiteral("webhooks")).toArray().size(), 2);

        // Bulk lines: problems by line number, never with the key.
        const QByteArray lines
            = "name,key\nbulk-one,dwbulkkeyONE0123\n\nno-key-here\nbulk-two, dwbulkkeyTWO0123\nprod,dwbulkkeyDUP0123\n";
        const Run bulk = cli({QStringLiteral("domains"), QStringLiteral("import"), QStringLiteral("-")}, lines);
        CHECK_EXIT(bulk, 4);
        QCOMPARE(bulk.outText(), QStringLiteral("Saved 2 domain(s): bulk-one, bulk-two.\n"));
        QVERIFY2(bulk.errText().contains(QLatin1String("daily-webhooks-cli: Line 4: There is no comma")),
            qPrintable(bulk.errText()));
        QVERIFY(bulk.errText().contains(QLatin1String("daily-webhooks-cli: Line 6: Another domain")));
        QVERIFY(!bulk.errText().contains(QLatin1String("line 4: Line 4")));
        QVERIFY(!bulk.err.contains("dwbulkkey"));
        const Run bulkJson
            = cli({QStringLiteral("domains"), QStringLiteral("import"), QStringLiteral("-"), QStringLiteral("--json")},
                "bulk-three,dwbulkkeyTHREE012\n");
        CHECK_EXIT(bulkJson, 0);
        QCOMPARE(bulkJson.json().object().value(QStringLiteral("added")).toArray().size(), 1);

        const Run removed = cli({QStringLiteral("domains"), QStringLiteral("remove"), QStringLiteral("bulk-one")});
        CHECK_EXIT(removed, 0);
        QCOMPARE(removed.outText(), QStringLiteral("Removed domain bulk-one and its API key.\n"));
        const Run removedJson = cli({QStringLiteral("domains"), QStringLiteral("remove"), QStringLiteral("bulk-two"),
            QStringLiteral("--json")});
        CHECK_EXIT(removedJson, 0);
        QCOMPARE(removedJson.json().object().value(QStringLiteral("removed")).toBool(), true);
        CHECK_EXIT(cli({QStringLiteral("list"), QStringLiteral("-d"), QStringLiteral("bulk-one")}), 2);
        CHECK_EXIT(cli({QStringLiteral("domains"), QStringLiteral("remove"), QStringLiteral("bulk-one")}), 2);
    }

    void listAllBacksOffWhenDailySays429()
    {
        // `list --all` and `export --all` go through the window's refresher: two saved domains with one key, which
        // the sandbox lets through once a second, are both listed after a 429 and a rest.
        const QProcessEnvironment env = ownDirectories(QStringLiteral("ratelimited"));
        m_sandbox->addDomain(kDomainKey, QStringLiteral("Production"));
        for (const QString& name : {QStringLiteral("shared-one"), QStringLiteral("shared-two")}) {
            CHECK_EXIT(cli({QStringLiteral("domains"), QStringLiteral("add"), name, QStringLiteral("--base-url"),
                               m_sandbox->apiBaseUrl().toString()},
                           kDomainKey.toUtf8() + '\n', env),
                0);
        }
        m_sandbox->setRateLimit(1, 0);
        const Run all = cli({QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--json")}, {}, env);
        CHECK_EXIT(all, 0);
        QCOMPARE(all.json().array().size(), 2);
        for (const QJsonValue& domain : all.json().array())
            QVERIFY2(domain.toObject().contains(QStringLiteral("webhooks")), qPrintable(describe(all)));
        QVERIFY(m_sandbox->rateLimitedCount(kDomainKey) > 0);
        const int limited = m_sandbox->rateLimitedCount(kDomainKey);
        const Run exported = cli({QStringLiteral("export"), QStringLiteral("--all")}, {}, env);
        CHECK_EXIT(exported, 0);
        QVERIFY(m_sandbox->rateLimitedCount(kDomainKey) >= limited);
    }

    void domainsImportShowsProgressOnATerminal()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
            QSKIP("script (util-linux) is not installed, so no pseudo-terminal");
        const QProcessEnvironment env = ownDirectories(QStringLiteral("progress"));
        const QString file = m_home->filePath(QStringLiteral("progress.csv"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            for (int i = 0; i < 40; ++i)
                out.write(QStringLiteral("progress-%1,dwprogresskey%1\n").arg(i).toUtf8());
        }
        int code = -1;
        const QByteArray shown = onTerminal({QStringLiteral("domains"), QStringLiteral("import"), file},
            "Adding domains: 40/40\r\n", QByteArray(), env, &code);
        QVERIFY2(code == 0, shown.constData());
        QVERIFY2(shown.contains("\rAdding domains: 40/40\r\n"), shown.constData());
        QVERIFY(shown.contains("Saved 40 domain(s)"));
        QVERIFY(!shown.contains("dwprogresskey"));

        // Not on a terminal: stderr is for errors a script reads, so no progress there.
        const Run piped = cli({QStringLiteral("domains"), QStringLiteral("import"), QStringLiteral("-")},
            "piped-one,dwprogresskeyP1\npiped-two,dwprogresskeyP2\n", env);
        CHECK_EXIT(piped, 0);
        QVERIFY2(piped.err.isEmpty(), piped.err.constData());
    }

    void domainsImportReportsBinaryLinesByNumber()
    {
        const QProcessEnvironment env = ownDirectories(QStringLiteral("binary"));
        static const char bytes[] = "alpha-bin,dwbinkeyA1\nbeta-bin,dwbinkeyB2\ngam\xFFma-bin,dwbinkeyC3\n"
                                    "delta-bin,dwbinkeyD4\nep\0silon-bin,dwbinkeyE5\n";
        const QByteArray input(bytes, sizeof(bytes) - 1);
        QCOMPARE(input.count('\n'), 5);
        const Run run = cli({QStringLiteral("domains"), QStringLiteral("import"), QStringLiteral("-")}, input, env);
        CHECK_EXIT(run, 4);
        QVERIFY2(run.errText().contains(QLatin1String("daily-webhooks-cli: Line 3: The line is not valid UTF-8")),
            qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(QLatin1String("daily-webhooks-cli: Line 5: The line holds control characters")),
            qPrintable(run.errText()));
        QCOMPARE(run.outText(), QStringLiteral("Saved 3 domain(s): alpha-bin, beta-bin, delta-bin.\n"));
        QVERIFY(!run.both().contains("dwbinkey"));
        QVERIFY(!run.err.contains("gam"));
        QVERIFY(!run.err.contains("silon"));
    }

    void keychainThatNeverAnswersTimesOut()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-run-session")).isEmpty())
            QSKIP("dbus-run-session is not installed");
        const QProcessEnvironment env = ownDirectories(QStringLiteral("hanging"));
        // One saved domain, whose key the keychain will never give (`profiles/`: the group the settings keep).
        const QString prodId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            QSettings settings(settingsPathIn(QStringLiteral("hanging")), QSettings::IniFormat);
            settings.setValue(QStringLiteral("profiles/order"), QStringList {prodId});
            settings.setValue(QStringLiteral("profiles/%1/name").arg(prodId), QStringLiteral("prod"));
        }
        const auto savedIds = [this] {
            QSettings settings(settingsPathIn(QStringLiteral("hanging")), QSettings::IniFormat);
            return settings.value(QStringLiteral("profiles/order")).toStringList();
        };

        QElapsedTimer clock;
        clock.start();
        const Run added
            = cliWithHangingKeychain({QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("domains"),
                                         QStringLiteral("add"), QStringLiteral("staging")},
                kDomainKey.toUtf8() + '\n', env);
        const qint64 elapsed = clock.elapsed();
        CHECK_EXIT(added, 9);
        QCOMPARE(added.errText(),
            QStringLiteral("daily-webhooks-cli: The keyring did not answer within 2 seconds; it is probably locked and "
                           "waiting for its password. Unlock it and try again. The domain was not saved.\n"));
        QVERIFY2(elapsed >= 2000 && elapsed < 10000, qPrintable(QString::number(elapsed)));
        QCOMPARE(savedIds(), QStringList {prodId});

        // Every verb that reads the keychain gives up the same way.
        const Run listed = cliWithHangingKeychain(
            {QStringLiteral("list"), QStringLiteral("-d"), QStringLiteral("prod"), QStringLiteral("--timeout=1")}, {},
            env);
        CHECK_EXIT(listed, 9);
        QVERIFY2(listed.errText().contains(QLatin1String("The keychain did not give the API key of domain prod: The "
                                                         "keyring did not answer within 1 second;")),
            qPrintable(listed.errText()));
        const Run domains = cliWithHangingKeychain(
            {QStringLiteral("domains"), QStringLiteral("list"), QStringLiteral("--timeout"), QStringLiteral("1")}, {},
            env);
        CHECK_EXIT(domains, 9);
        QVERIFY2(domains.outText().contains(QLatin1String("unknown: The keyring did not answer within 1 second")),
            qPrintable(domains.outText()));
        const Run imported
            = cliWithHangingKeychain({QStringLiteral("domains"), QStringLiteral("import"), QStringLiteral("-"),
                                         QStringLiteral("--timeout"), QStringLiteral("1")},
                "one,dwhangkey1\ntwo,dwhangkey2\nthree,dwhangkey3\nfour,dwhangkey4\nfive,dwhangkey5\nsix,dwhangkey6\n",
                env);
        CHECK_EXIT(imported, 9);
        QVERIFY2(
            imported.errText().contains(QLatin1String("Line 1: The keychain did not store the key of one in time")),
            qPrintable(imported.errText()));
        QVERIFY2(imported.errText().contains(QLatin1String("The 5 lines from line 2 to line 6 were not saved either")),
            qPrintable(imported.errText()));
        QVERIFY(!imported.both().contains("dwhangkey"));
        QCOMPARE(savedIds(), QStringList {prodId});

        // Without --timeout, the request timeout of the settings applies.
        {
            QSettings settings(settingsPathIn(QStringLiteral("hanging")), QSettings::IniFormat);
            settings.setValue(QStringLiteral("api/requestTimeoutSeconds"), 1);
        }
        const Run byDefault
            = cliWithHangingKeychain({QStringLiteral("domains"), QStringLiteral("set-key"), QStringLiteral("prod")},
                kOtherKey.toUtf8() + '\n', env);
        CHECK_EXIT(byDefault, 9);
        QVERIFY2(byDefault.errText().contains(QLatin1String("did not answer within 1 second;")),
            qPrintable(byDefault.errText()));
    }

    void terminalPromptsHideSecretsAndConfirmDeletes()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
            QSKIP("script (util-linux) is not installed, so no pseudo-terminal");
        int code = -1;
        const QByteArray typed = onTerminal({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("typed"),
                                                QStringLiteral("--base-url"), m_sandbox->apiBaseUrl().toString()},
            "API key for typed: ", kDomainKey.toUtf8(), environment(), &code);
        QVERIFY2(code == 0, typed.constData());
        QVERIFY2(typed.contains("Saved domain typed"), typed.constData());
        // The terminal never showed the key.
        QVERIFY(!typed.contains(kDomainKey.toUtf8()));
        const Run listed = cli({QStringLiteral("domains"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(listed.outText().contains(QLatin1String("\"typed\"")));
        CHECK_EXIT(cli({QStringLiteral("domains"), QStringLiteral("remove"), QStringLiteral("typed")}), 0);

        const QString uuid = create();
        QVERIFY(!uuid.isEmpty());
        QProcessEnvironment env = environment(SandboxServer::demoApiKey());
        env.insert(QStringLiteral("DAILY_API_BASE"), m_sandbox->apiBaseUrl().toString());
        const QByteArray question = QStringLiteral("Delete webhook %1 (%2) on env:127.0.0.1:%3? [y/N] ")
                                        .arg(uuid, demoUrl())
                                        .arg(m_sandbox->port())
                                        .toUtf8();
        const QByteArray declined = onTerminal({QStringLiteral("delete"), uuid}, question, "n", env, &code);
        QVERIFY2(code == 1, declined.constData());
        QVERIFY(declined.contains("Nothing was deleted."));
        QVERIFY(m_sandbox->webhookOf(SandboxServer::demoApiKey()));
        const QByteArray confirmed = onTerminal({QStringLiteral("delete"), uuid}, question, "y", env, &code);
        QVERIFY2(code == 0, confirmed.constData());
        QVERIFY(confirmed.contains("Deleted webhook"));
        QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));
    }

    void auditLogRecordsChangesWithoutSecrets()
    {
        const QString uuid = create({QStringLiteral("--hmac-stdin")}, kHmac.toUtf8() + '\n');
        QVERIFY(!uuid.isEmpty());
        CHECK_EXIT(api({QStringLiteral("update"), uuid, QStringLiteral("-e"), QStringLiteral("meeting.ended")}), 0);
        QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));
        CHECK_EXIT(api({QStringLiteral("reactivate"), uuid}), 0);
        CHECK_EXIT(api({QStringLiteral("delete"), uuid, QStringLiteral("--yes")}), 0);

        QFile file(auditPath());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(auditPath()));
        QVERIFY(!file.readAll().contains(kHmac.toUtf8()));
        file.close();

        SecretStore secrets;
        AuditLog log(&secrets);
        QVERIFY(log.open(auditPath()));
        QList<AuditEntry> entries;
        for (const AuditEntry& entry : log.entries()) {
            if (entry.webhookUuid == uuid)
                entries.prepend(entry);
        }
        QCOMPARE(entries.size(), 4);
        QCOMPARE(entries.at(0).action, AuditEntry::Action::Create);
        QCOMPARE(entries.at(1).action, AuditEntry::Action::Update);
        QCOMPARE(entries.at(2).action, AuditEntry::Action::Reactivate);
        QCOMPARE(entries.at(3).action, AuditEntry::Action::Delete);
        QCOMPARE(entries.at(3).domainName, QStringLiteral("env:127.0.0.1:%1").arg(m_sandbox->port()));
        // The deleted webhook can be recreated with its old secret, which the keychain kept.
        std::optional<WebhookDraft> draft;
        bool answered = false;
        log.recreateDraft(entries.at(3).id, this, [&](const std::optional<WebhookDraft>& d, const QString&) {
            draft = d;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
        QVERIFY(draft);
        QCOMPARE(draft->hmac.value_or(QString()), kHmac);
    }

    void historyListsChangesAndRecreateBringsADeletedWebhookBack()
    {
        const QString uuid = create({QStringLiteral("--hmac-stdin")}, kHmac.toUtf8() + '\n');
        QVERIFY(!uuid.isEmpty());
        CHECK_EXIT(api({QStringLiteral("delete"), uuid, QStringLiteral("--yes")}), 0);
        QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));
        const QString domain = QStringLiteral("env:127.0.0.1:%1").arg(m_sandbox->port());

        // This domain's changes, newest first.
        const Run history = api({QStringLiteral("history"), QStringLiteral("--json")});
        CHECK_EXIT(history, 0);
        const QJsonArray entries = history.json().array();
        QVERIFY2(entries.size() >= 2, qPrintable(describe(history)));
        const QJsonObject deleted = entries.at(0).toObject();
        const QJsonObject created = entries.at(1).toObject();
        QCOMPARE(deleted.value(QStringLiteral("change")).toString(), QStringLiteral("delete"));
        QCOMPARE(created.value(QStringLiteral("change")).toString(), QStringLiteral("create"));
        for (const QJsonObject& entry : {deleted, created}) {
            QCOMPARE(entry.value(QStringLiteral("uuid")).toString(), uuid);
            QCOMPARE(entry.value(QStringLiteral("domain")).toString(), domain);
            QCOMPARE(entry.value(QStringLiteral("url")).toString(), demoUrl());
        }
        const qint64 deleteId = deleted.value(QStringLiteral("id")).toInteger();
        const qint64 createId = created.value(QStringLiteral("id")).toInteger();
        QVERIFY(deleteId > createId);
        for (const QJsonValue& entry : entries)
            QCOMPARE(entry.toObject().value(QStringLiteral("domain")).toString(), domain);

        const Run table = api({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("2")});
        CHECK_EXIT(table, 0);
        const QStringList lines = table.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).simplified(), QStringLiteral("ID WHEN CHANGE DOMAIN URL WEBHOOK"));
        QVERIFY2(lines.at(1).startsWith(QString::number(deleteId) + QLatin1Char(' ')), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).startsWith(QString::number(createId) + QLatin1Char(' ')), qPrintable(lines.at(2)));
        for (const QString& cell : {QStringLiteral("delete"), domain, demoUrl(), uuid})
            QVERIFY2(lines.at(1).contains(cell), qPrintable(cell));
        QVERIFY(lines.at(2).contains(QLatin1String(" create ")));

        // Without a target, every domain's changes, these among them.
        const Run all = cli({QStringLiteral("history"), QStringLiteral("--json")});
        CHECK_EXIT(all, 0);
        QVERIFY(all.json().array().size() >= entries.size());

        // The entry's domain is not a saved one, so the target has to be chosen.
        const Run nowhere = cli({QStringLiteral("recreate"), QString::number(deleteId)});
        CHECK_EXIT(nowhere, 2);
        QVERIFY2(nowhere.errText().contains(QLatin1String("not a saved domain")), qPrintable(nowhere.errText()));

        const Run recreated = api({QStringLiteral("recreate"), QString::number(deleteId), QStringLiteral("--json")});
        CHECK_EXIT(recreated, 0);
        QVERIFY2(recreated.err.isEmpty(), recreated.err.constData());
        const std::optional<Webhook> restored = m_sandbox->webhookOf(SandboxServer::demoApiKey());
        QVERIFY(restored);
        QCOMPARE(restored->hmac, kHmac);
        QCOMPARE(restored->url, demoUrl());
        QCOMPARE(restored->eventTypes, QStringList {QStringLiteral("meeting.started")});
        QCOMPARE(recreated.json().object().value(QStringLiteral("uuid")).toString(), restored->uuid);
        const Run got
            = api({QStringLiteral("get"), restored->uuid, QStringLiteral("--show-secrets"), QStringLiteral("--json")});
        CHECK_EXIT(got, 0);
        QCOMPARE(got.json().object().value(QStringLiteral("hmac")).toString(), kHmac);

        // Recorded as a create, like create does.
        const Run after = api(
            {QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("1")});
        CHECK_EXIT(after, 0);
        QCOMPARE(after.json().array().size(), 1);
        const QJsonObject newest = after.json().array().at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("change")).toString(), QStringLiteral("create"));
        QCOMPARE(newest.value(QStringLiteral("uuid")).toString(), restored->uuid);

        // A create has nothing before it, and an unknown ID is a usage error; neither reaches Daily.
        const int requests = m_sandbox->requestCount(SandboxServer::demoApiKey());
        const Run ofCreate = api({QStringLiteral("recreate"), QString::number(createId)});
        CHECK_EXIT(ofCreate, 2);
        QVERIFY2(ofCreate.errText().contains(QLatin1String("records a create")), qPrintable(ofCreate.errText()));
        QCOMPARE(ofCreate.errText().count(QLatin1Char('\n')), 1);
        const Run unknown = api({QStringLiteral("recreate"), QStringLiteral("987654321")});
        CHECK_EXIT(unknown, 2);
        QVERIFY2(unknown.errText().contains(QLatin1String("has no entry 987654321")), qPrintable(unknown.errText()));
        QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), requests);
    }

    // ---- a key never leaves its origin; answers are bounded ----

private:
    // An exact-byte server as the API, with DAILY_API_KEY set: the CLI run against it.
    Run against(ExactServer& server, const QStringList& arguments, const QString& key = kDomainKey)
    {
        return cli(arguments + QStringList {QStringLiteral("--api-base"), server.url(QStringLiteral("/v1")).toString()},
            {}, environment(key));
    }
    QStringList createArguments(const QString& url = QStringLiteral("https://example.com/hook")) const
    {
        return {QStringLiteral("create"), QStringLiteral("--url"), url, QStringLiteral("-e"),
            QStringLiteral("meeting.started")};
    }
    int auditRows()
    {
        if (!QFile::exists(auditPath()))
            return 0;
        SecretStore secrets;
        AuditLog log(&secrets);
        return log.open(auditPath()) ? int(log.entries().size()) : -1;
    }

private slots:
    void redirectsAreRefusedWithTheirOwnStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("301: Qt would turn the create into a GET and report success") << 301;
        QTest::newRow("302") << 302;
        QTest::newRow("307: Qt would resend the body with its secrets") << 307;
        QTest::newRow("308") << 308;
    }
    void redirectsAreRefusedWithTheirOwnStatus()
    {
        QFETCH(int, status);
        ExactServer elsewhere;
        QVERIFY(elsewhere.listen());
        elsewhere.setHandler(
            [](const ExactServer::Request&) { return ExactServer::Response::http(200, QByteArrayLiteral("[]")); });
        ExactServer api;
        QVERIFY(api.listen());
        const QUrl location = elsewhere.url(QStringLiteral("/v1/webhooks"));
        api.setHandler([status, location](const ExactServer::Request&) {
            return ExactServer::Response::raw("HTTP/1.1 " + QByteArray::number(status)
                + " Moved\r\nLocation: " + location.toEncoded() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });
        const int rowsBefore = auditRows();

        const Run run = against(api, createArguments() << QStringLiteral("--generate-hmac"));
        CHECK_EXIT(run, 8);
        QVERIFY2(run.errText().contains(QStringLiteral("redirect to %1").arg(location.toString())),
            qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(QLatin1String("nothing was sent there")), qPrintable(run.errText()));
        QVERIFY(!run.outText().contains(QLatin1String("Created")));
        QCOMPARE(api.requests().size(), 1);
        QVERIFY2(elsewhere.requests().isEmpty(), "the key and the secrets reached the redirect's target");
        QCOMPARE(auditRows(), rowsBefore);

        const Run listed = against(api, {QStringLiteral("list"), QStringLiteral("--json")});
        CHECK_EXIT(listed, 8);
        QVERIFY(listed.out.isEmpty());
        QVERIFY(elsewhere.requests().isEmpty());
    }

    void plainHttpApiBasesAreRefused()
    {
        QProcessEnvironment env = environment(kDomainKey);
        env.insert(QStringLiteral("DAILY_API_BASE"), QStringLiteral("http://api.daily.co/v1"));
        const Run fromEnv = cli({QStringLiteral("list")}, {}, env);
        CHECK_EXIT(fromEnv, 2);
        QVERIFY2(fromEnv.errText().contains(QLatin1String("unencrypted")), qPrintable(fromEnv.errText()));

        const Run fromFlag
            = cli({QStringLiteral("list"), QStringLiteral("--api-base"), QStringLiteral("http://10.1.2.3/v1")}, {},
                environment(kDomainKey));
        CHECK_EXIT(fromFlag, 2);

        QProcessEnvironment sandboxEnv = environment();
        sandboxEnv.insert(QStringLiteral("DAILY_SANDBOX_URL"), QStringLiteral("http://sandbox.example:8787/v1"));
        CHECK_EXIT(cli({QStringLiteral("--sandbox"), QStringLiteral("list")}, {}, sandboxEnv), 2);

        const Run domain = cli({QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("clear"),
                                   QStringLiteral("--base-url"), QStringLiteral("http://api.daily.co/v1")},
            kOtherKey.toUtf8() + '\n');
        CHECK_EXIT(domain, 2);
        QVERIFY(!QFile::exists(settingsPath()) || !QFile(settingsPath()).open(QIODevice::ReadOnly)
            || !QFile(settingsPath()).readAll().contains("http://api.daily.co"));
    }

    void keysWithLineBreaksNeverReachAHeader()
    {
        ExactServer api;
        QVERIFY(api.listen());
        api.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "[]"); });
        const Run run = against(api, {QStringLiteral("list")}, QStringLiteral("dwkeyline\r\nX-Injected: yes"));
        CHECK_EXIT(run, 3);
        QVERIFY2(run.errText().contains(QLatin1String("DAILY_API_KEY")), qPrintable(run.errText()));
        QVERIFY(!run.err.contains("dwkeyline"));
        QVERIFY(api.requests().isEmpty());
    }

    void hugeAnswersAreNotRead()
    {
        // 400 MB answered to `list` took 3.2 GB; now reading stops at the limit.
        ExactServer api;
        QVERIFY(api.listen());
        api.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[");
        });
        const Run run = against(api, {QStringLiteral("list")});
        CHECK_EXIT(run, 6);
        QVERIFY2(run.errText().contains(QLatin1String("larger than 4 MiB")), qPrintable(run.errText()));
        QTRY_VERIFY_WITH_TIMEOUT(api.streamingClientsGone(), 10000);
        QVERIFY(api.bytesStreamed() < 64 * 1024 * 1024);
    }

    void timeoutBoundsApiRequests()
    {
        // --timeout is one value for every wait: here a server that never answers.
        ExactServer api;
        QVERIFY(api.listen());
        api.setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
        QElapsedTimer clock;
        clock.start();
        const Run run = against(api, {QStringLiteral("list"), QStringLiteral("--timeout"), QStringLiteral("1")});
        CHECK_EXIT(run, 5);
        QVERIFY2(run.errText().contains(QLatin1String("within 1 second")), qPrintable(run.errText()));
        QVERIFY2(clock.elapsed() < 15000, QByteArray::number(clock.elapsed()).constData());
    }

    void answersCutShortAreNoSuccess()
    {
        ExactServer api;
        QVERIFY(api.listen());
        api.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::raw(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[]");
        });
        const Run run = against(api, {QStringLiteral("list"), QStringLiteral("--json")});
        CHECK_EXIT(run, 5);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.errText().contains(QLatin1String("before the whole answer arrived")), qPrintable(run.errText()));
    }

    void createWithoutUuidIsNoSuccess()
    {
        ExactServer api;
        QVERIFY(api.listen());
        api.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::http(
                200, "{\"uuid\":\"\",\"url\":\"https://example.com/hook\",\"state\":\"ACTIVE\"}");
        });
        const int rowsBefore = auditRows();
        const Run run = against(api, createArguments());
        CHECK_EXIT(run, 6);
        QVERIFY(!run.outText().contains(QLatin1String("Created")));
        QCOMPARE(auditRows(), rowsBefore);
    }

    void verboseShowsOnlyTheStartOfALongBody()
    {
        ExactServer api;
        QVERIFY(api.listen());
        const QByteArray body = "{\"error\":\"server-error\",\"info\":\"" + QByteArray(200 * 1024, 'x') + "\"}";
        api.setHandler([body](const ExactServer::Request&) { return ExactServer::Response::http(500, body); });
        const Run run = against(api, {QStringLiteral("list"), QStringLiteral("--verbose")});
        CHECK_EXIT(run, 6);
        QVERIFY2(run.err.size() < 16 * 1024, QByteArray::number(run.err.size()).constData());
        QVERIFY2(run.errText().contains(QLatin1String("more bytes not shown")), qPrintable(run.errText().left(300)));
    }

    void webhookUrlsWithCredentialsAreRefused()
    {
        const Run run = api(createArguments(QStringLiteral("https://alice:pw1234@example.com/hook")));
        CHECK_EXIT(run, 4);
        QVERIFY2(run.errText().contains(QLatin1String("Basic auth")), qPrintable(run.errText()));
        QVERIFY(!run.err.contains("pw1234"));
        QVERIFY(m_sandbox->receivedRequests().isEmpty());
    }

    void internationalHostsGoOutInAscii()
    {
        ExactServer api;
        QVERIFY(api.listen());
        api.setHandler([](const ExactServer::Request& request) {
            const QJsonObject sent = QJsonDocument::fromJson(request.body).object();
            QJsonObject webhook {{QStringLiteral("uuid"), QStringLiteral("u-1")},
                {QStringLiteral("url"), sent.value(QStringLiteral("url"))},
                {QStringLiteral("state"), QStringLiteral("ACTIVE")}};
            return ExactServer::Response::http(200, QJsonDocument(webhook).toJson(QJsonDocument::Compact));
        });
        const Run run = against(api, createArguments(QStringLiteral("https://b\u00fccher.example/hook")));
        CHECK_EXIT(run, 0);
        QCOMPARE(api.requests().size(), 1);
        QVERIFY2(api.requests().first().body.contains("\"url\":\"https://xn--bcher-kva.example/hook\""),
            api.requests().first().body.constData());
    }

    void historyMarksCutEntriesAndRecreateRefusesThem()
    {
        // An entry the audit log had to cut, as a server answering a huge URL would leave it.
        const QString domain = QStringLiteral("env:127.0.0.1:%1").arg(m_sandbox->port());
        QJsonObject huge;
        huge.insert(QStringLiteral("uuid"), QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
        huge.insert(
            QStringLiteral("url"), QString(demoUrl() + QString(Limits::MaxAuditStringLength * 2, QLatin1Char('x'))));
        huge.insert(QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started")});
        qint64 id = 0;
        {
            SecretStore secrets;
            AuditLog log(&secrets);
            QVERIFY(log.open(auditPath()));
            bool answered = false;
            log.record(AuditEntry::Action::Delete, QStringLiteral(""), domain, Webhook::fromJson(huge), std::nullopt,
                this, [&](bool, qint64 entryId, const QString&) {
                    id = entryId;
                    answered = true;
                });
            QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
            QVERIFY(id > 0);
        }

        const Run json = api(
            {QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("1")});
        CHECK_EXIT(json, 0);
        const QJsonObject entry = json.json().array().at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(entry.value(QStringLiteral("truncated")).toBool(), true);
        QCOMPARE(entry.value(QStringLiteral("recreatable")).toBool(), false);
        QCOMPARE(entry.value(QStringLiteral("url")).toString().size(), Limits::MaxAuditStringLength);
        const Run table = api({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("1")});
        CHECK_EXIT(table, 0);
        QVERIFY2(table.outText().split(QLatin1Char('\n')).value(1).contains(QLatin1String(" delete (cut) ")),
            qPrintable(table.outText().left(300)));

        const int requests = m_sandbox->requestCount(SandboxServer::demoApiKey());
        const Run refused = api({QStringLiteral("recreate"), QString::number(id)});
        CHECK_EXIT(refused, 2);
        QVERIFY2(refused.errText().contains(QLatin1String("cannot be recreated"))
                && refused.errText().contains(QLatin1String("cut URL")),
            qPrintable(refused.errText()));
        QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), requests);
    }

    void sandboxChangesAreNotAudited()
    {
        QFile::remove(auditPath());
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("DAILY_SANDBOX_URL"), m_sandbox->apiBaseUrl().toString());
        const Run run = cli({QStringLiteral("--sandbox"), QStringLiteral("create"), QStringLiteral("--url"), demoUrl(),
                                QStringLiteral("-e"), QStringLiteral("meeting.started")},
            {}, env);
        CHECK_EXIT(run, 0);
        QVERIFY(run.outText().contains(QLatin1String(" on sandbox.")));
        QVERIFY(!QFile::exists(auditPath()));
    }

    // ---- trigger: signed test events ----

    void triggerSendsOneSignedEventToAUrl()
    {
        ExactServer endpoint;
        QVERIFY(endpoint.listen());
        endpoint.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::http(200, QByteArrayLiteral("thanks"), QByteArrayLiteral("text/plain"));
        });
        const QString url = endpoint.url(QStringLiteral("/hook")).toString();
        const Run run = cli({QStringLiteral("trigger"), QStringLiteral("meeting.started"), QStringLiteral("--url"), url,
                                QStringLiteral("--hmac-stdin")},
            kHmac.toUtf8() + '\n');
        CHECK_EXIT(run, 0);
        QCOMPARE(endpoint.requests().size(), 1);
        const ExactServer::Request received = endpoint.requests().constFirst();
        QVERIFY(received.body.startsWith("{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-"));
        QCOMPARE(received.header("X-Webhook-Timestamp").size(), 13);
        QCOMPARE(received.header("X-Webhook-Signature"),
            ReferenceSignature::of(kHmac, received.header("X-Webhook-Timestamp"), received.body));
        QVERIFY2(
            run.outText().startsWith(QStringLiteral("OK: %1 answered 200 in ").arg(url)), qPrintable(run.outText()));
        QVERIFY(run.outText().contains(QLatin1String("\nsigned   yes\n")));
        QVERIFY(run.outText().contains(QLatin1String("\nanswer   thanks\n")));
        QVERIFY(run.err.isEmpty());
    }

    void triggerReportsAnswersThatAreNot2xx()
    {
        ExactServer endpoint;
        QVERIFY(endpoint.listen());
        endpoint.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::http(401, QByteArrayLiteral("{\"error\":\"bad signature\"}"));
        });
        const Run run = cli({QStringLiteral("trigger"), QStringLiteral("dialin.ready"), QStringLiteral("--url"),
            endpoint.url().toString(), QStringLiteral("--json")});
        CHECK_EXIT(run, 10);
        const QJsonObject o = run.json().object();
        QCOMPARE(o.value(QStringLiteral("httpStatus")).toInt(), 401);
        QCOMPARE(o.value(QStringLiteral("accepted")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("signed")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("answer")).toString(), QStringLiteral("{\"error\":\"bad signature\"}"));
        QCOMPARE(o.value(QStringLiteral("body")).toString().toUtf8(), endpoint.requests().constFirst().body);
        // Without a secret it goes out unsigned, and says so.
        QVERIFY(!endpoint.requests().constFirst().hasHeader("X-Webhook-Signature"));
        QVERIFY2(run.errText().contains(QLatin1String("unsigned")), qPrintable(run.errText()));

        const Run dead = cli({QStringLiteral("trigger"), QStringLiteral("meeting.ended"), QStringLiteral("--url"),
            ClosedPort::url(QStringLiteral("/h")).toString()});
        CHECK_EXIT(dead, 5);
        QVERIFY2(dead.outText().startsWith(QLatin1String("NO ANSWER: ")), qPrintable(dead.outText()));
    }

    void triggerSendsAGivenPayloadAsWritten()
    {
        ExactServer endpoint;
        QVERIFY(endpoint.listen());
        endpoint.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(204, {}); });
        const Run run = cli({QStringLiteral("trigger"), QStringLiteral("recording.started"), QStringLiteral("--url"),
                                endpoint.url().toString(), QStringLiteral("--payload"), QStringLiteral("-")},
            QByteArrayLiteral("{\n  \"zeta\": 1.50,\n  \"alpha\": \"a b\"\n}\n"));
        CHECK_EXIT(run, 0);
        QVERIFY(endpoint.requests().constFirst().body.contains(
            QByteArrayLiteral(",\"payload\":{\"zeta\":1.50,\"alpha\":\"a b\"},\"event_ts\":")));
        const Run notAnObject
            = cli({QStringLiteral("trigger"), QStringLiteral("recording.started"), QStringLiteral("--url"),
                      endpoint.url().toString(), QStringLiteral("--payload"), QStringLiteral("-")},
                QByteArrayLiteral("[1]"));
        CHECK_EXIT(notAnObject, 4);
        QCOMPARE(endpoint.requests().size(), 1);
    }

    void triggerUsesTheDomainsWebhook()
    {
        QVERIFY(!create({QStringLiteral("--hmac-stdin")}, kHmac.toUtf8() + '\n').isEmpty());
        m_sandbox->clearDemoDeliveries();
        const Run run = api({QStringLiteral("trigger"), QStringLiteral("participant.joined")});
        CHECK_EXIT(run, 0);
        QCOMPARE(m_sandbox->demoDeliveries().size(), 1);
        const SandboxServer::DemoDelivery delivery = m_sandbox->demoDeliveries().constFirst();
        QVERIFY(delivery.body.contains("\"type\":\"participant.joined\""));
        QCOMPARE(delivery.header("X-Webhook-Signature"),
            ReferenceSignature::of(kHmac, delivery.header("X-Webhook-Timestamp"), delivery.body));
        QVERIFY(run.outText().contains(QLatin1String("\nsigned   yes\n")));
    }

    void triggerAllSendsOneOfEachType()
    {
        ExactServer endpoint;
        QVERIFY(endpoint.listen());
        endpoint.setHandler([](const ExactServer::Request& request) {
            const bool refused = request.body.contains("\"type\":\"streaming.error\"");
            return ExactServer::Response::http(refused ? 500 : 200, QByteArrayLiteral("ok"));
        });
        const QStringList arguments {QStringLiteral("trigger"), QStringLiteral("--all"), QStringLiteral("--url"),
            endpoint.url().toString(), QStringLiteral("--hmac-stdin")};
        const Run run = cli(arguments, kHmac.toUtf8() + '\n');
        CHECK_EXIT(run, 10);
        QCOMPARE(endpoint.requests().size(), 32);
        for (const ExactServer::Request& request : endpoint.requests())
            QCOMPARE(request.header("X-Webhook-Signature"),
                ReferenceSignature::of(kHmac, request.header("X-Webhook-Timestamp"), request.body));
        QVERIFY2(run.outText().contains(QLatin1String("32 test events sent to")), qPrintable(run.outText()));
        QVERIFY(run.outText().contains(QLatin1String("31 answered with a 2xx")));
        QVERIFY(QRegularExpression(QStringLiteral("\\n! +streaming\\.error +500 ")).match(run.outText()).hasMatch());
        QCOMPARE(run.outText().count(QLatin1Char('\n')), 2 + 1 + 32);

        const Run json = cli(arguments + QStringList {QStringLiteral("--json")}, kHmac.toUtf8() + '\n');
        CHECK_EXIT(json, 10);
        const QJsonArray rows = json.json().array();
        QCOMPARE(rows.size(), 32);
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("meeting.started"));
    }

    void triggerUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no type") << QStringList {QStringLiteral("trigger"), QStringLiteral("--url"),
            QStringLiteral("https://example.com/h")}
                                 << QStringLiteral("trigger needs TYPE");
        QTest::newRow("a type and --all")
            << QStringList {QStringLiteral("trigger"), QStringLiteral("--all"), QStringLiteral("meeting.started")}
            << QStringLiteral("leave out \"meeting.started\"");
        QTest::newRow("plain http beyond this machine") << QStringList {QStringLiteral("trigger"),
            QStringLiteral("meeting.started"), QStringLiteral("--url"), QStringLiteral("http://example.com/h")}
                                                        << QStringLiteral("localhost");
        QTest::newRow("a type Daily does not have") << QStringList {QStringLiteral("trigger"),
            QStringLiteral("recording.ready"), QStringLiteral("--url"), QStringLiteral("https://example.com/h")}
                                                    << QStringLiteral("no event type \"recording.ready\"");
    }
    void triggerUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = cli(arguments);
        CHECK_EXIT(run, 2);
        QVERIFY2(run.errText().contains(message), qPrintable(run.errText()));
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_Cli.moc"
