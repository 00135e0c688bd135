// "Copy as curl" run for real: each command DeliveryCurl writes is run by sh (and bash, when installed) with curl
// against an ExactServer on 127.0.0.1, and what arrives is compared with the stored delivery (method, target,
// header fields in order, body bytes) and byte for byte with what DeliveryReplay sends for the same row. Hostile
// bodies, headers and targets: quotes, $(), backticks, newlines, CR, NUL, tabs, bytes that are not UTF-8, a
// bidirectional override, a body that starts with '@', one too long for a command-line argument. Nothing they
// hold is ever run.

#include "DeliveryCurl.h"
#include "DeliveryReplay.h"
#include "DeliverySender.h"
#include "ExactServer.h"
#include "PendingDelivery.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {

const QByteArray kBasic = QByteArrayLiteral("Basic dXNlcjpwYXNz");
const QByteArray kCredential = QByteArrayLiteral("dXNlcjpwYXNz");
// Anything here that a shell ran would leave a file behind in the working directory.
const QByteArray kTrap = QByteArrayLiteral("$(touch PWNED1) `touch PWNED2` ${HOME} $HOME ; touch PWNED3 | &");

// Daily's fields, as the receiver stores them (Authorization among them, to be redacted by the store).
HttpHeaders::List dailyFields()
{
    return {{"Content-Type", "application/json"}, {"User-Agent", "node-superagent/3.8.3"},
        {"X-Webhook-Timestamp", "1708526033049"},
        {"X-Webhook-Signature", "97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8="}, {"Authorization", kBasic}};
}

const QByteArray kEvent = R"({"version":"1.0.0","type":"meeting.started","id":"met-sta-1","payload":{}})";

QByteArray bigText(qsizetype size)
{
    QByteArray text = "{\"pad\":\"";
    while (text.size() < size - 2)
        text += "it's $(x) \\ %s ";
    return text.left(size - 2) + "\"}";
}

} // namespace

class tst_DeliveryCurl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        QVERIFY2(!m_curl.isEmpty(), "curl is not installed (packaging/install-deps.sh installs it)");
        m_shells << QStringLiteral("/bin/sh");
        if (const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash")); !bash.isEmpty())
            m_shells << bash;
        QVERIFY(m_app.listen());
        m_app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(202, "{}"); });
    }

    void reproducesTheDeliveryExactly_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("path"); // what arrives for a base URL of /app
        QTest::addColumn<HttpHeaders::List>("fields");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("authorization"); // given to reveal; empty: the placeholder
        const auto row = [](const char* name, const QByteArray& body, const HttpHeaders::List& fields = dailyFields(),
                             const QByteArray& method = "POST", const QByteArray& target = "/daily",
                             const QByteArray& path = "/app/daily", const QByteArray& authorization = {}) {
            QTest::newRow(name) << method << target << path << fields << body << authorization;
        };
        const QByteArray event = kEvent;
        row("a Daily event, Authorization a placeholder", event);
        row("a Daily event, Authorization revealed", event, dailyFields(), "POST", "/daily", "/app/daily", kBasic);
        row("a revealed Authorization where none arrived", event, {{"X-A", "1"}}, "POST", "/", "/app", kBasic);
        row("quotes and shell syntax", "{\"q\":\"it's \\\"" + kTrap + "\\\" !x \\\\ %s %% %n\"}");
        row("newlines", "{\n  \"a\": 1\n}\n");
        row("CR LF", "line one\r\nline two\r\n");
        row("NUL", QByteArray("a\0b\0", 4));
        row("not UTF-8", "\xff\xfe\x80 \xc3( end");
        row("a tab and a bidirectional override", "a\tb \xe2\x80\xae evil");
        row("starts with @, not a file name", "@/etc/passwd");
        row("UTF-8 text", "{\"name\":\"Zo\xc3\xab \xe6\x9d\xb1\xe4\xba\xac\"}");
        row("a text body too long for inline", bigText(200 * 1024));
        row("an empty POST", {});
        row("GET without a body", {}, {{"Accept", "text/plain"}}, "GET", "/status?deep=1", "/app/status?deep=1");
        row("HEAD", {}, {{"X-A", "1"}}, "HEAD", "/h", "/app/h");
        row("DELETE with a body", "gone", {{"X-A", "1"}}, "DELETE", "/d", "/app/d");
        row("PATCH", "{}", {}, "PATCH", "/p", "/app/p");
        row("a custom method", "x", {}, "PURGE", "/p", "/app/p");
        row("hostile header values", "{}",
            {{"X-Quote", "it's \"" + kTrap + "\" `x`"}, {"X-Bin", "\xff\xfe"}, {"X-Empty", ""}, {"X-Repeated", "a"},
                {"x-lower-case", "v"}, {"X-Repeated", "b"}, {"X-Tab", "a\tb"}, {"X-Bidi", "\xe2\x80\xae!"},
                {"Content-Type", ""}, {"Authorization", "Basic c2VjcmV0"}});
        row("hop-by-hop fields left out", "{}",
            {{"Host", "abc.tunnel.example"}, {"Connection", "keep-alive, X-Hop"}, {"X-Hop", "1"},
                {"Keep-Alive", "timeout=5"}, {"Content-Length", "2"}, {"Expect", "100-continue"}, {"X-Kept", "1"}});
        const QByteArray t1 = "/daily/a%2Fb/../c?x=1+2&x=3&e=%7E&";
        row("path and query exactly", "{}", {}, "POST", t1, "/app" + t1);
        row("a fragment in the target", "{}", {}, "POST", "/a#b?c=1", "/app/a#b?c=1");
        row("brackets and braces", "{}", {}, "POST", "/[x]{y}?q=[1]", "/app/[x]{y}?q=[1]");
        row("shell syntax in the target", "{}", {}, "POST", "/'$(touch%20PWNED)'`x`;|&",
            "/app/'$(touch%20PWNED)'`x`;|&");
        row("double slash and an empty query", "{}", {}, "POST", "//d?", "/app//d?");
        row("the root adds only its query", "{}", {}, "POST", "/?a=%2F", "/app?a=%2F");
    }
    void reproducesTheDeliveryExactly()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, path);
        QFETCH(HttpHeaders::List, fields);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, authorization);

        StoredDelivery row;
        row.id = 7;
        row.method = method;
        row.target = target;
        row.headers = StoredDelivery::storedHeaders(fields);
        row.body = body;
        row.bodySize = body.size();
        const QUrl base = m_app.url(QStringLiteral("/app"));

        QString problem;
        const QString command = DeliveryCurl::command(row, base, authorization, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(command.endsWith(QLatin1Char('\n')));
        // Paste-safe: no control character but the newlines between its lines (and inside a text body).
        for (const QChar c : command)
            QVERIFY2(
                c == QLatin1Char('\n') || (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format),
                qPrintable(QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'))));
        const bool hadAuthorization = HttpHeaders::count(fields, "Authorization") > 0;
        QCOMPARE(command.contains(QStringLiteral("[redacted]")), hadAuthorization && authorization.isEmpty());
        QCOMPARE(command.contains(QString::fromLatin1(kCredential)), !authorization.isEmpty());
        QVERIFY(!command.contains(QStringLiteral("c2VjcmV0")));

        // What a replay sends to the same URL, placeholder and all: the curl command must send the same bytes.
        const QByteArray shown = hadAuthorization && authorization.isEmpty() ? QByteArray("[redacted]") : authorization;
        QByteArray replayed = sentByReplay(DeliveryReplay::asReceived(row, base, shown).request);
        QVERIFY(!replayed.isEmpty());
        // Only the replay's Connection: close differs (a connection-level field curl leaves to HTTP/1.1), and the
        // space a replay writes after the colon of a field with an empty value (whitespace HTTP ignores).
        replayed.replace("Connection: close\r\n", "").replace(": \r\n", ":\r\n");

        for (const QString& shell : std::as_const(m_shells)) {
            QTemporaryDir work;
            const qsizetype before = m_app.requests().size();
            QProcess process;
            process.setWorkingDirectory(work.path());
            // As one argument (sh -c) when Linux lets a program be started with it (128 KiB at most); a longer
            // command is read from a file, as a pasted or saved one would be.
            QTemporaryDir scriptDir;
            if (command.size() < 100 * 1024) {
                process.start(shell, {QStringLiteral("-c"), command});
            } else {
                QFile script(scriptDir.filePath(QStringLiteral("replay.sh")));
                QVERIFY(script.open(QIODevice::WriteOnly));
                script.write(command.toUtf8());
                script.close();
                process.start(shell, {script.fileName()});
            }
            QVERIFY(process.waitForStarted());
            QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
            QVERIFY2(process.exitCode() == 0,
                qPrintable(shell + QStringLiteral(": ") + QString::fromUtf8(process.readAllStandardError())));
            QCOMPARE(m_app.requests().size(), before + 1);
            const ExactServer::Request got = m_app.requests().constLast();
            QCOMPARE(got.method, method);
            QCOMPARE(got.path, path);
            QCOMPARE(got.version, QByteArray("HTTP/1.1"));
            QCOMPARE(got.body, body);
            QCOMPARE(got.header("Authorization"), shown);
            QCOMPARE(got.raw, replayed);
            QVERIFY2(
                QDir(work.path()).isEmpty(), qPrintable(shell + QStringLiteral(": a command in the delivery ran")));
        }
    }

    void refusesWhatCannotBeReplayed()
    {
        StoredDelivery malformed;
        malformed.id = 3;
        malformed.problem = QStringLiteral("malformed request line");
        QString problem;
        QVERIFY(DeliveryCurl::command(malformed, m_app.url(), {}, &problem).isEmpty());
        QVERIFY2(problem.contains(QStringLiteral("Delivery 3 cannot be replayed")), qPrintable(problem));

        StoredDelivery good;
        good.method = "POST";
        good.target = "/";
        QVERIFY(DeliveryCurl::command(good, QUrl(QStringLiteral("http://example.com/h")), {}, &problem).isEmpty());
        QVERIFY2(problem.contains(QStringLiteral("https://")), qPrintable(problem));
        QVERIFY(!DeliveryCurl::command(good, QUrl(QStringLiteral("https://example.com/h")), {}, &problem).isEmpty());
        QVERIFY(problem.isEmpty());
    }

    void shellWords_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("word");
        QTest::newRow("bare") << QByteArray("X-Webhook-Timestamp:") << QStringLiteral("X-Webhook-Timestamp:");
        QTest::newRow("spaces") << QByteArray("a b") << QStringLiteral("'a b'");
        QTest::newRow("a quote") << QByteArray("it's") << QStringLiteral("'it'\\''s'");
        QTest::newRow("dollar and backticks") << QByteArray("$(x) `y`") << QStringLiteral("'$(x) `y`'");
        QTest::newRow("a tilde first") << QByteArray("~root") << QStringLiteral("'~root'");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("''");
        QTest::newRow("UTF-8") << QByteArray("\xc3\xab") << QStringLiteral("'\u00eb'");
        QTest::newRow("not UTF-8") << QByteArray("a\xff'%\\") << QStringLiteral("\"$(printf 'a\\377\\047%%\\\\')\"");
        QTest::newRow("a tab") << QByteArray("a\tb") << QStringLiteral("\"$(printf 'a\\011b')\"");
        QTest::newRow("an octal escape before a digit") << QByteArray("\x01"
                                                                      "7")
                                                        << QStringLiteral("\"$(printf '\\0017')\"");
    }
    void shellWords()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, word);
        QCOMPARE(DeliveryCurl::shellWord(bytes), word);
    }

private:
    // The raw bytes a replay of `request` sends (through DeliverySender, as the CLI and the window send it).
    QByteArray sentByReplay(const DeliveryRequest& request)
    {
        QNetworkAccessManager network;
        DeliverySender sender(&network);
        const qsizetype before = m_app.requests().size();
        std::optional<DeliveryResult> result;
        connect(
            sender.send(request), &PendingDelivery::finished, this, [&result](const DeliveryResult& r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000) || m_app.requests().size() != before + 1)
            return {};
        return m_app.requests().constLast().raw;
    }

    QString m_curl;
    QStringList m_shells;
    ExactServer m_app;
};

QTEST_GUILESS_MAIN(tst_DeliveryCurl)
#include "tst_DeliveryCurl.moc"
