// A secrets audit of the command line: a scripted session with distinctive secrets (two API keys, an HMAC
// secret, a basic auth credential built from user and password, a raw one) through every verb that touches them,
// each run plainly, with --verbose and with --json, against a sandbox in this process; and the testing lab:
// receive (checking with the HMAC secret from stdin) gets deliveries signed and with basic auth from trigger, and
// heads it refuses carrying the credential; deliveries lists, shows, prints curl and replays them re-signed with
// the credential given back; verify checks the stored signature. Then every stdout and stderr, and every file
// under the temporary HOME (settings, the audit database and any journal, exports, the deliveries database with
// its WAL and shared memory, searched also while receive holds them), is searched as raw bytes for each secret in
// every form it could leak in: as is, UTF-16, percent-encoded, hex, JSON-escaped, base64 and base64url at every
// alignment, and decoded (the bytes of the HMAC secret, the user:password and password inside a basic auth
// credential). Nothing may be found; the signature of a delivery is no secret and is stored. A positive control
// in the same test (a "get --show-secrets", whose output must show the HMAC secret, and a file planted with encoded
// forms) proves the search finds what it looks for.
//
// Runs inside support/with-keyring.sh: HOME is a throw-away folder and the keychain a throw-away gnome-keyring.
// That keyring's own file, under ~/.local/share/keyrings, is the one place the secrets are meant to be (it is the
// keychain, encrypted with the keyring's password), so it is the one file not searched.

#include "ReferenceSignature.h"
#include "SandboxServer.h"
#include "ThrowawayKeyring.h"
#include "Webhook.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <csignal>
#include <memory>

namespace {

// 64 characters, like Daily's keys.
const QString kApiKey = QStringLiteral("dwAuditKey7QmZ4xN8pL2vB6cJ0hT5yW9eA3sD1fG7kR2nM4qP6rU8tV0wX3yQ5j");
const QString kMirrorKey = QStringLiteral("dwAuditMirrorKey9LpW3zX7cV1bN5mQ8rT2yU6iO4pA0sD3fG7hJ1kL5zX9cV2b");
// Base64 of 32 distinctive bytes, chosen so the text holds '+', '/' and '=' (which percent-encoding changes).
const QByteArray kHmacBytes = QByteArrayLiteral("dwAuditHmac1\xfb\xef\xbe\xff\xff\xff-distinct-byte");
const QString kBasicUser = QStringLiteral("auditUser");
const QString kBasicPassword = QStringLiteral("dwAuditPass+/=Q9 with space");
const QString kRawBasic = QString::fromLatin1(QByteArrayLiteral("rawuser:dwRawSecretPw42!?&").toBase64());

struct Run
{
    QString label;
    int code = -1;
    QByteArray out;
    QByteArray err;
};

struct Needle
{
    QString name; // e.g. "HMAC secret (base64, shift 1)": never the secret itself
    QByteArray bytes;
};

// The stretch of base64 that encoding `secret` inside any larger data yields, for the given alignment: the
// groups made only of the secret's own bytes.
QByteArray base64Core(const QByteArray& secret, int shift, QByteArray::Base64Options options)
{
    const QByteArray encoded = QByteArray(QByteArray(shift, '\0') + secret).toBase64(options);
    const int skipped = (3 - shift) % 3; // secret bytes that share a group with the padding in front
    const int start = shift == 0 ? 0 : 4;
    const qsizetype length = (secret.size() - skipped) / 3 * 4;
    return encoded.mid(start, length);
}

QList<Needle> formsOf(const QString& name, const QByteArray& secret)
{
    QList<Needle> forms;
    const auto add = [&forms, &name](const QString& form, const QByteArray& bytes) {
        if (bytes.size() >= 8)
            forms.append({QStringLiteral("%1 (%2)").arg(name, form), bytes});
    };
    add(QStringLiteral("as is"), secret);
    const QString text = QString::fromUtf8(secret);
    if (text.toUtf8() == secret) {
        add(QStringLiteral("UTF-16"),
            QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * qsizetype(sizeof(char16_t))));
    }
    add(QStringLiteral("percent-encoded"), secret.toPercentEncoding());
    add(QStringLiteral("percent-encoded, space as +"), secret.toPercentEncoding(" ").replace(' ', '+'));
    add(QStringLiteral("JSON-escaped"), QByteArray(secret).replace("/", "\\/"));
    add(QStringLiteral("hex"), secret.toHex());
    add(QStringLiteral("HEX"), secret.toHex().toUpper());
    for (int shift = 0; shift < 3; ++shift) {
        add(QStringLiteral("base64, shift %1").arg(shift), base64Core(secret, shift, QByteArray::Base64Encoding));
        add(QStringLiteral("base64url, shift %1").arg(shift), base64Core(secret, shift, QByteArray::Base64UrlEncoding));
    }
    // A form is worth looking for once.
    QList<Needle> unique;
    for (const Needle& n : forms) {
        if (std::none_of(unique.cbegin(), unique.cend(), [&n](const Needle& u) { return u.bytes == n.bytes; }))
            unique.append(n);
    }
    return unique;
}

QList<Needle> allNeedles()
{
    const QString hmac = QString::fromLatin1(kHmacBytes.toBase64());
    const QByteArray userPassword = (kBasicUser + QLatin1Char(':') + kBasicPassword).toUtf8();
    const QByteArray basic = userPassword.toBase64();
    QList<Needle> needles;
    needles << formsOf(QStringLiteral("API key"), kApiKey.toUtf8());
    needles << formsOf(QStringLiteral("mirror API key"), kMirrorKey.toUtf8());
    needles << formsOf(QStringLiteral("HMAC secret"), hmac.toUtf8());
    needles << formsOf(QStringLiteral("HMAC secret's bytes"), kHmacBytes);
    needles << formsOf(QStringLiteral("basic auth credential"), basic);
    needles << formsOf(QStringLiteral("basic auth user:password"), userPassword);
    needles << formsOf(QStringLiteral("basic auth password"), kBasicPassword.toUtf8());
    needles << formsOf(QStringLiteral("raw basic auth"), kRawBasic.toUtf8());
    needles << formsOf(QStringLiteral("raw basic auth decoded"), QByteArray::fromBase64(kRawBasic.toUtf8()));
    needles << formsOf(QStringLiteral("raw basic auth password"), QByteArrayLiteral("dwRawSecretPw42!?&"));
    return needles;
}

QStringList hitsIn(const QByteArray& haystack, const QString& where, const QList<Needle>& needles)
{
    QStringList hits;
    for (const Needle& needle : needles) {
        if (haystack.contains(needle.bytes))
            hits << QStringLiteral("%1: %2").arg(where, needle.name);
    }
    return hits;
}

} // namespace

class tst_SecretsAudit : public QObject
{
    Q_OBJECT

private:
    static QProcessEnvironment environment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DAILY_API_KEY", "DAILY_API_BASE", "DAILY_SANDBOX_URL"})
            env.remove(QString::fromLatin1(name));
        return env;
    }

    Run cli(const QString& label, const QStringList& arguments, const QByteArray& input = {},
        const QString& envKey = QString())
    {
        Run run;
        run.label = label;
        QProcess process;
        QProcessEnvironment env = environment();
        if (!envKey.isEmpty())
            env.insert(QStringLiteral("DAILY_API_KEY"), envKey);
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(QDir::homePath());
        process.start(QStringLiteral(DW_CLI_PATH), arguments);
        if (!process.waitForStarted(10000))
            return run;
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        // The sandbox answers on this event loop: spin it instead of blocking.
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
            process.kill();
            const bool ended = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 5000);
            Q_UNUSED(ended);
        }
        run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        m_runs.append(run);
        return run;
    }

    // Runs and expects exit status 0; the label says which step failed, never what it printed.
    bool ok(const QString& label, const QStringList& arguments, const QByteArray& input = {},
        const QString& envKey = QString())
    {
        const Run run = cli(label, arguments, input, envKey);
        if (run.code != 0)
            qWarning("step \"%s\" ended with %d", qPrintable(label), run.code);
        return run.code == 0;
    }

    struct HomeFile
    {
        QString where; // relative to HOME
        QByteArray bytes;
        bool readable = false;
    };

    // Every file under HOME but the keychain's own (see the comment at the top).
    static QList<HomeFile> filesUnderHome()
    {
        const QString keyrings = QDir::home().filePath(QStringLiteral(".local/share/keyrings"));
        QList<HomeFile> found;
        QDirIterator files(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            if (path.startsWith(keyrings + QLatin1Char('/')))
                continue;
            QFile file(path);
            const bool readable = file.open(QIODevice::ReadOnly);
            found.append({QDir::home().relativeFilePath(path), readable ? file.readAll() : QByteArray(), readable});
        }
        return found;
    }

    // The first port receive announces ("http://127.0.0.1:PORT/") on stdout or stderr, 0 if it ends first.
    static quint16 announcedPort(QProcess& process)
    {
        static const QRegularExpression announced(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)/"));
        QRegularExpressionMatch match;
        [[maybe_unused]] const bool ended = QTest::qWaitFor(
            [&] {
                process.setReadChannel(QProcess::StandardError);
                const QByteArray err = process.peek(1 << 16);
                process.setReadChannel(QProcess::StandardOutput);
                match = announced.match(QString::fromUtf8(process.peek(1 << 16) + err));
                return match.hasMatch() || process.state() == QProcess::NotRunning;
            },
            10000);
        return quint16(match.captured(1).toUInt());
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    QList<Run> m_runs;

private slots:
    void initTestCase()
    {
        // Outside the wrapper the keychain would be the user's real one; failing (not skipping) keeps a CI without
        // a keyring from passing by testing nothing.
        const QString outsideTheWrapper = ThrowawayKeyring::problem();
        if (!outsideTheWrapper.isEmpty())
            QFAIL(qPrintable(outsideTheWrapper));
        QVERIFY(QFileInfo(QStringLiteral(DW_CLI_PATH)).isExecutable());
        QCOMPARE(kApiKey.size(), 64);
        QCOMPARE(kMirrorKey.size(), 64);
        QCOMPARE(kHmacBytes.size(), 32);
        const QString hmac = QString::fromLatin1(kHmacBytes.toBase64());
        QVERIFY(hmac.contains(QLatin1Char('+')) && hmac.contains(QLatin1Char('/')) && hmac.endsWith(QLatin1Char('=')));
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen());
        m_sandbox->setRateLimit(0, 0); // dozens of processes in a row; the limit is not what is tested here
        m_sandbox->addDomain(kApiKey, QStringLiteral("Audit"));
        m_sandbox->addDomain(kMirrorKey, QStringLiteral("Mirror"));
    }

    void noSecretLeavesInAnyForm()
    {
        const QString base = m_sandbox->apiBaseUrl().toString();
        const QString demo = m_sandbox->demoEndpointUrl().toString();
        const QByteArray hmac = kHmacBytes.toBase64();
        QVERIFY(ok(QStringLiteral("domains add mirror"),
            {QStringLiteral("domains"), QStringLiteral("add"), QStringLiteral("mirror"), QStringLiteral("--base-url"),
                base},
            kMirrorKey.toUtf8() + '\n'));

        const QList<QStringList> modes {{}, {QStringLiteral("--verbose")}, {QStringLiteral("--json")}};
        QStringList exports;
        for (const QStringList& mode : modes) {
            const QString tag = mode.isEmpty() ? QStringLiteral("plain") : mode.first().mid(2);
            const QString domain = QStringLiteral("audit-") + tag;
            const QStringList target {QStringLiteral("-d"), domain};
            const auto step
                = [&tag](const char* what) { return QStringLiteral("%1 (%2)").arg(QLatin1String(what), tag); };

            QVERIFY(ok(step("domains add"),
                QStringList {
                    QStringLiteral("domains"), QStringLiteral("add"), domain, QStringLiteral("--base-url"), base}
                    + mode,
                kApiKey.toUtf8() + '\n'));
            QVERIFY(ok(step("domains list"), QStringList {QStringLiteral("domains"), QStringLiteral("list")} + mode));
            QVERIFY(ok(step("create"),
                target
                    + QStringList {QStringLiteral("create"), QStringLiteral("--url"), demo, QStringLiteral("-e"),
                        QStringLiteral("meeting.started"), QStringLiteral("--hmac-stdin"),
                        QStringLiteral("--basic-auth-user"), kBasicUser}
                    + mode,
                hmac + '\n' + kBasicPassword.toUtf8() + '\n'));
            const std::optional<Webhook> created = m_sandbox->webhookOf(kApiKey);
            QVERIFY(created);
            QVERIFY(created->hmac.toUtf8() == hmac); // the secrets did reach Daily
            const QString uuid = created->uuid;

            QVERIFY(ok(step("get"), target + QStringList {QStringLiteral("get"), uuid} + mode));
            QVERIFY(ok(step("list"), target + QStringList {QStringLiteral("list")} + mode));
            QVERIFY(ok(step("list --all"), QStringList {QStringLiteral("list"), QStringLiteral("--all")} + mode));
            QVERIFY(ok(step("list with DAILY_API_KEY"),
                QStringList {QStringLiteral("list"), QStringLiteral("--api-base"), base} + mode, {}, kApiKey));
            QVERIFY(ok(step("update"),
                target
                    + QStringList {QStringLiteral("update"), uuid, QStringLiteral("-e"),
                        QStringLiteral("meeting.started,meeting.ended"), QStringLiteral("--basic-auth-stdin")}
                    + mode,
                kRawBasic.toUtf8() + '\n'));
            QVERIFY(m_sandbox->webhookOf(kApiKey)->basicAuth == kRawBasic);
            QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));
            QVERIFY(ok(step("reactivate"), target + QStringList {QStringLiteral("reactivate"), uuid} + mode));

            // The signature checker reads the secret and says which step fails, never repeating the secret.
            const QString delivery = QDir::home().filePath(QStringLiteral("delivery-%1.json").arg(tag));
            {
                QFile file(delivery);
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write("{\"test\":\"test\"}");
            }
            const auto verify = [&](const QByteArray& signature) {
                return QStringList {QStringLiteral("verify"), QStringLiteral("--timestamp"),
                           QStringLiteral("1708526033"), QStringLiteral("--signature"), QString::fromLatin1(signature),
                           QStringLiteral("--body"), delivery, QStringLiteral("--secret-stdin")}
                + mode;
            };
            QVERIFY(ok(step("verify"),
                verify(ReferenceSignature::of(QString::fromLatin1(hmac), "1708526033", "{\"test\":\"test\"}")),
                hmac + '\n'));
            const Run textKeyed = cli(step("verify, secret used as text"),
                verify(
                    ReferenceSignature::of(QString::fromLatin1(hmac.toBase64()), "1708526033", "{\"test\":\"test\"}")),
                hmac + '\n');
            QCOMPARE(textKeyed.code, 4);

            const QString file = QDir::home().filePath(QStringLiteral("export-%1.json").arg(tag));
            exports << file;
            QVERIFY(
                ok(step("export"), target + QStringList {QStringLiteral("export"), QStringLiteral("-o"), file} + mode));
            QVERIFY(ok(step("import"),
                QStringList {QStringLiteral("import"), file, QStringLiteral("--into"), QStringLiteral("mirror")}
                    + mode));
            QVERIFY(ok(
                step("delete"), target + QStringList {QStringLiteral("delete"), uuid, QStringLiteral("--yes")} + mode));
            QVERIFY(ok(step("history"), target + QStringList {QStringLiteral("history")} + mode));

            const Run newest = cli(step("history --json"),
                target
                    + QStringList {QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--limit"),
                        QStringLiteral("1")});
            QCOMPARE(newest.code, 0);
            const QJsonObject deleted = QJsonDocument::fromJson(newest.out).array().at(0).toObject();
            QCOMPARE(deleted.value(QStringLiteral("change")).toString(), QStringLiteral("delete"));
            const QString id = QString::number(deleted.value(QStringLiteral("id")).toInteger());
            QVERIFY(ok(step("recreate"), QStringList {QStringLiteral("recreate"), id} + mode));
            const std::optional<Webhook> recreated = m_sandbox->webhookOf(kApiKey);
            QVERIFY(recreated);
            QVERIFY(recreated->hmac.toUtf8() == hmac); // the old secret came back from the keychain
            QVERIFY(recreated->basicAuth == kRawBasic);

            // Left for the next round to create again.
            QVERIFY(ok(step("delete the recreated"),
                target + QStringList {QStringLiteral("delete"), recreated->uuid, QStringLiteral("--yes")} + mode));
        }

        // The testing lab. receive checks signatures with the HMAC secret from stdin; trigger sends it signed
        // deliveries with the basic auth credential; deliveries lists, shows and prints them as curl; a stored one
        // is replayed, re-signed, with a credential given back, to the same receiver; verify checks the stored
        // signature with the secret. The secret is never stored and Authorization is stored redacted: the
        // database, its WAL and its shared memory are searched while receive still holds them open.
        const QByteArray basic = (kBasicUser + QLatin1Char(':') + kBasicPassword).toUtf8().toBase64();
        QProcess receiver;
        receiver.setProcessEnvironment(environment());
        receiver.setWorkingDirectory(QDir::homePath());
        receiver.start(QStringLiteral(DW_CLI_PATH),
            {QStringLiteral("receive"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--hmac-stdin")});
        QVERIFY(receiver.waitForStarted(10000));
        receiver.write(hmac + '\n');
        receiver.closeWriteChannel();
        const quint16 port = announcedPort(receiver);
        QVERIFY2(port != 0, receiver.readAllStandardError().constData());
        const QString hooks = QStringLiteral("http://127.0.0.1:%1/hooks").arg(port);

        for (const QStringList& mode : modes) {
            const QString tag = mode.isEmpty() ? QStringLiteral("plain") : mode.first().mid(2);
            QVERIFY(ok(QStringLiteral("trigger (%1)").arg(tag),
                QStringList {QStringLiteral("trigger"), QStringLiteral("meeting.started"), QStringLiteral("--url"),
                    hooks, QStringLiteral("--hmac-stdin"), QStringLiteral("--basic-auth-stdin")}
                    + mode,
                hmac + '\n' + basic + '\n'));
        }
        const Run listed
            = cli(QStringLiteral("deliveries --json"), {QStringLiteral("deliveries"), QStringLiteral("--json")});
        QCOMPARE(listed.code, 0);
        const QJsonArray stored = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(stored.size(), modes.size());
        const QJsonObject newest = stored.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("signature")).toString(), QStringLiteral("valid"));
        const QString deliveryId = QString::number(newest.value(QStringLiteral("id")).toInteger());

        for (const QStringList& mode : modes) {
            const QString tag = mode.isEmpty() ? QStringLiteral("plain") : mode.first().mid(2);
            const auto step
                = [&tag](const char* what) { return QStringLiteral("%1 (%2)").arg(QLatin1String(what), tag); };
            QVERIFY(ok(step("deliveries"), QStringList {QStringLiteral("deliveries")} + mode));
            QVERIFY(ok(step("deliveries show"),
                QStringList {QStringLiteral("deliveries"), QStringLiteral("show"), deliveryId} + mode));
            if (!mode.contains(QStringLiteral("--json"))) {
                QVERIFY(ok(step("deliveries show --curl"),
                    QStringList {QStringLiteral("deliveries"), QStringLiteral("show"), deliveryId,
                        QStringLiteral("--curl"), QStringLiteral("--to"), hooks}
                        + mode));
            }
            QVERIFY(ok(step("deliveries replay --resign"),
                QStringList {QStringLiteral("deliveries"), QStringLiteral("replay"), deliveryId, QStringLiteral("--to"),
                    QStringLiteral("http://127.0.0.1:%1/replayed").arg(port), QStringLiteral("--resign"),
                    QStringLiteral("--hmac-stdin"), QStringLiteral("--basic-auth-stdin")}
                    + mode,
                hmac + '\n' + kRawBasic.toUtf8() + '\n'));
            QVERIFY(ok(step("deliveries replay as received"),
                QStringList {QStringLiteral("deliveries"), QStringLiteral("replay"), deliveryId, QStringLiteral("--to"),
                    QStringLiteral("http://127.0.0.1:%1/as-received").arg(port)}
                    + mode));
        }

        // A head the receiver refuses is stored as it arrived, Authorization redacted: also a credential folded
        // onto the next line, or behind a bare CR, which ends no line for a reader that splits at LF.
        const QList<QByteArray> refusedHeads {
            "POST /folded HTTP/1.1\r\nHost: x\r\nAuthorization: Basic\r\n " + basic + "\r\nContent-Length: 0\r\n\r\n",
            "POST /bare-cr HTTP/1.1\r\nHost: x\r\nX-Before: 1\rAuthorization: Basic " + basic
                + "\r\nContent-Length: 0\r\n\r\n"};
        for (const QByteArray& head : refusedHeads) {
            const qsizetype printed = receiver.peek(1 << 20).count('\n');
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(socket.waitForConnected(5000));
            socket.write(head);
            QTRY_COMPARE_WITH_TIMEOUT(receiver.peek(1 << 20).count('\n'), printed + 1, 10000);
        }

        // The stored signature is no secret: verify checks it against the stored timestamp and body.
        const Run shownDelivery = cli(QStringLiteral("deliveries show --json"),
            {QStringLiteral("deliveries"), QStringLiteral("show"), deliveryId, QStringLiteral("--json")});
        QCOMPARE(shownDelivery.code, 0);
        const QJsonObject details = QJsonDocument::fromJson(shownDelivery.out).object();
        QString timestamp;
        QString signature;
        QString authorization;
        for (const QJsonValue& field : details.value(QStringLiteral("headers")).toArray()) {
            const QString name = field.toObject().value(QStringLiteral("name")).toString().toLower();
            const QString value = field.toObject().value(QStringLiteral("value")).toString();
            if (name == QLatin1String("x-webhook-timestamp"))
                timestamp = value;
            else if (name == QLatin1String("x-webhook-signature"))
                signature = value;
            else if (name == QLatin1String("authorization"))
                authorization = value;
        }
        QCOMPARE(authorization, QStringLiteral("[redacted]"));
        const QString storedBody = QDir::home().filePath(QStringLiteral("stored-delivery.json"));
        {
            QFile file(storedBody);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray::fromBase64(details.value(QStringLiteral("body_base64")).toString().toLatin1()));
        }
        for (const QStringList& mode : modes) {
            const QString tag = mode.isEmpty() ? QStringLiteral("plain") : mode.first().mid(2);
            const Run checked = cli(QStringLiteral("verify the stored delivery (%1)").arg(tag),
                QStringList {QStringLiteral("verify"), QStringLiteral("--timestamp"), timestamp,
                    QStringLiteral("--signature"), signature, QStringLiteral("--body"), storedBody,
                    QStringLiteral("--secret-stdin")}
                    + mode,
                hmac + '\n');
            QCOMPARE(checked.code, 0);
            QVERIFY(checked.out.contains(signature.toLatin1())); // it prints the received signature
        }

        // Every replay reached the receiver: one triggered and two replayed in each mode, and the refused heads.
        const qsizetype expectedDeliveries = 3 * modes.size() + refusedHeads.size();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.peek(1 << 20).count('\n'), expectedDeliveries, 15000);
        QVERIFY(ok(QStringLiteral("deliveries --limit 100"),
            {QStringLiteral("deliveries"), QStringLiteral("--limit"), QStringLiteral("100")}));
        // Every row shown whole: the replays, and the refused heads as they were stored.
        const Run all = cli(QStringLiteral("deliveries --json --limit 100"),
            {QStringLiteral("deliveries"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("100")});
        const QJsonArray rows = QJsonDocument::fromJson(all.out).array();
        QCOMPARE(rows.size(), expectedDeliveries);
        for (const QJsonValue& row : rows) {
            const QString id = QString::number(row.toObject().value(QStringLiteral("id")).toInteger());
            QVERIFY(ok(QStringLiteral("deliveries show %1").arg(id),
                {QStringLiteral("deliveries"), QStringLiteral("show"), id}));
        }
        const QList<Needle> labNeedles = allNeedles();
        QStringList whileReceiving;
        QStringList leaksWhileReceiving;
        for (const HomeFile& file : filesUnderHome()) {
            QVERIFY2(file.readable, qPrintable(file.where));
            whileReceiving << file.where;
            leaksWhileReceiving << hitsIn(file.bytes, file.where + QStringLiteral(" (while receive ran)"), labNeedles);
        }
        const QString deliveries = QStringLiteral(".local/share/DailyWebhooks/daily-webhooks/deliveries.sqlite");
        for (const QString& expected :
            QStringList {deliveries, deliveries + QStringLiteral("-wal"), deliveries + QStringLiteral("-shm")})
            QVERIFY2(whileReceiving.contains(expected), qPrintable(whileReceiving.join(QLatin1Char('\n'))));

        ::kill(pid_t(receiver.processId()), SIGTERM);
        QVERIFY(receiver.waitForFinished(10000));
        QCOMPARE(receiver.exitStatus(), QProcess::NormalExit);
        QCOMPARE(receiver.exitCode(), 0);
        m_runs.append({QStringLiteral("receive"), receiver.exitCode(), receiver.readAllStandardOutput(),
            receiver.readAllStandardError()});

        // Positive control, part 1: a run asked to show secrets does show them, and the search sees it.
        QVERIFY(ok(QStringLiteral("create for the control"),
            {QStringLiteral("-d"), QStringLiteral("audit-plain"), QStringLiteral("create"), QStringLiteral("--url"),
                demo, QStringLiteral("-e"), QStringLiteral("meeting.started"), QStringLiteral("--hmac-stdin")},
            hmac + '\n'));
        const Run shown = cli(QStringLiteral("get --show-secrets"),
            {QStringLiteral("-d"), QStringLiteral("audit-plain"), QStringLiteral("get"),
                m_sandbox->webhookOf(kApiKey)->uuid, QStringLiteral("--show-secrets"), QStringLiteral("--json")});
        QCOMPARE(shown.code, 0);

        const QList<Needle> needles = allNeedles();
        QStringList leaks;
        QStringList controlHits;
        for (const Run& run : std::as_const(m_runs)) {
            const QStringList found = hitsIn(run.out, run.label + QStringLiteral(" stdout"), needles)
                + hitsIn(run.err, run.label + QStringLiteral(" stderr"), needles);
            (run.label == QLatin1String("get --show-secrets") ? controlHits : leaks) << found;
        }
        QVERIFY2(controlHits.contains(QStringLiteral("get --show-secrets stdout: HMAC secret (as is)")),
            qPrintable(controlHits.join(QLatin1Char('\n'))));

        // Positive control, part 2: a planted file with encoded forms, found by the same walk over HOME.
        const QString planted = QDir::home().filePath(QStringLiteral("planted/control.bin"));
        QVERIFY(QDir().mkpath(QFileInfo(planted).absolutePath()));
        {
            QFile file(planted);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("Bearer:" + kApiKey.toUtf8()).toBase64() + "\n"); // the key at shift 1
            file.write(QUrl::toPercentEncoding(kBasicPassword) + "\n");
            file.write(kHmacBytes + "\n");
        }

        QStringList searched;
        QStringList plantedHits;
        for (const HomeFile& file : filesUnderHome()) {
            QVERIFY2(file.readable, qPrintable(file.where));
            searched << file.where;
            const QStringList found = hitsIn(file.bytes, file.where, needles);
            (file.where == QDir::home().relativeFilePath(planted) ? plantedHits : leaks) << found;
        }
        for (const QString& form : {QStringLiteral("planted/control.bin: API key (base64, shift 1)"),
                 QStringLiteral("planted/control.bin: basic auth password (percent-encoded)"),
                 QStringLiteral("planted/control.bin: HMAC secret's bytes (as is)")})
            QVERIFY2(plantedHits.contains(form), qPrintable(form + QStringLiteral(" not found")));

        // The walk covered what the session wrote.
        for (const QString& expected : {QStringLiteral(".config/DailyWebhooks/daily-webhooks.conf"),
                 QStringLiteral(".local/share/DailyWebhooks/daily-webhooks/audit.sqlite"), deliveries})
            QVERIFY2(searched.contains(expected), qPrintable(searched.join(QLatin1Char('\n'))));
        for (const QString& file : std::as_const(exports))
            QVERIFY(searched.contains(QDir::home().relativeFilePath(file)));
        QVERIFY(m_runs.size() > 50);

        leaks << leaksWhileReceiving;
        // One warning a leak: a failure's own message is cut at 1,024 characters, and every place must be named.
        for (const QString& leak : std::as_const(leaks))
            qWarning("secret found: %s", qPrintable(leak));
        QVERIFY2(leaks.isEmpty(),
            qPrintable(QStringLiteral("%1 secrets found (each in a warning above)").arg(leaks.size())));
    }
};

QTEST_GUILESS_MAIN(tst_SecretsAudit)
#include "tst_SecretsAudit.moc"
