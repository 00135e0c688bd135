// The pre-flight check against exact-byte servers on 127.0.0.1: what the endpoint received (the signed
// {"test":"test"} over HTTP/1.1, basic auth verbatim) and what the check concluded for 200, other statuses,
// redirects, a hang past the time limit, refused and dropped connections, TLS failures and cancellation; and the
// verdicts and reachability rules as pure tables.

#include "ExactServer.h"
#include "PreflightCheck.h"
#include "ReferenceSignature.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {

constexpr int kWaitMs = 5000;

// Daily's published example secret; it protects nothing.
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kBasicAuth = QStringLiteral("dXNlcjpwYXNzd29yZA=="); // base64("user:password")

QByteArray redirect(int status, const QByteArray& location)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + " Moved\r\n";
    if (!location.isEmpty())
        bytes += "Location: " + location + "\r\n";
    return bytes + "Content-Length: 0\r\nConnection: close\r\n\r\n";
}

} // namespace

class tst_PreflightCheck : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void acceptedPingIsSignedAsDailySignsIt();
    void statuses_data();
    void statuses();
    void redirectIsReportedNotFollowed();
    void hangPastTheTimeLimit();
    void connectionRefused();
    void closedWithoutAnswer();
    void withoutSecretThePingIsUnsigned();
    void secretThatIsNotBase64();
    void responseBodyIsCappedAt4KiB();
    void cancelWhileHanging();
    void restartAbandonsTheRunningCheck();
    void notTlsOnAnHttpsUrl();
    void selfSignedCertificate();

    void unreachableReason_data();
    void unreachableReason();
    void verdicts_data();
    void verdicts();

private:
    // Runs one check to its end; the result, and how many times finished() came.
    std::optional<PreflightResult> run(const QUrl& url, const QString& hmac, const QString& basicAuth,
        int timeoutMs = kWaitMs, int* finishedCount = nullptr);
    // Waits until every reply of the network manager has been deleted: a check only ever hears from its reply,
    // so after that no second finished() can come.
    bool everyReplyIsGone() const;

    QNetworkAccessManager* m_manager = nullptr;
    ExactServer* m_server = nullptr;
};

void tst_PreflightCheck::init()
{
    m_manager = new QNetworkAccessManager(this);
    m_manager->setProxy(QNetworkProxy::NoProxy);
    m_server = new ExactServer(this);
    QVERIFY(m_server->listen());
}

void tst_PreflightCheck::cleanup()
{
    delete m_server;
    delete m_manager;
    m_server = nullptr;
    m_manager = nullptr;
}

std::optional<PreflightResult> tst_PreflightCheck::run(
    const QUrl& url, const QString& hmac, const QString& basicAuth, int timeoutMs, int* finishedCount)
{
    PreflightCheck check(m_manager);
    std::optional<PreflightResult> result;
    int count = 0;
    connect(&check, &PreflightCheck::finished, this, [&](const PreflightResult& r) {
        result = r;
        ++count;
    });
    check.start(url, hmac, basicAuth, timeoutMs);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs + kWaitMs))
        return std::nullopt;
    if (!everyReplyIsGone())
        return std::nullopt;
    if (finishedCount)
        *finishedCount = count;
    return result;
}

bool tst_PreflightCheck::everyReplyIsGone() const
{
    return QTest::qWaitFor([this] { return m_manager->findChildren<QNetworkReply*>().isEmpty(); }, kWaitMs);
}

void tst_PreflightCheck::acceptedPingIsSignedAsDailySignsIt()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "ok"); });
    const QUrl url = m_server->url(QStringLiteral("/hooks/daily"));
    int count = 0;
    const auto result = run(url, kSecret, kBasicAuth, kWaitMs, &count);
    QVERIFY(result);
    QCOMPARE(count, 1);

    // What the endpoint received: one POST of exactly {"test":"test"}, over HTTP/1.1, signed and authorised.
    QCOMPARE(m_server->requests().size(), 1);
    const ExactServer::Request request = m_server->requests().constFirst();
    QCOMPARE(request.requestLine(), QByteArrayLiteral("POST /hooks/daily HTTP/1.1"));
    QCOMPARE(request.body, QByteArrayLiteral("{\"test\":\"test\"}"));
    QCOMPARE(request.header("Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(request.header("Authorization"), QByteArrayLiteral("Basic ") + kBasicAuth.toUtf8());
    const QByteArray timestamp = request.header("X-Webhook-Timestamp");
    QCOMPARE(timestamp.size(), 13); // Unix milliseconds, as observed from Daily
    QVERIFY(qAbs(timestamp.toLongLong() - QDateTime::currentMSecsSinceEpoch()) < 60000);
    // Checked against Daily's algorithm computed here, not with the code that signed it.
    QVERIFY(ReferenceSignature::matchesTheFixedVectors());
    QCOMPARE(request.header("X-Webhook-Signature"), ReferenceSignature::of(kSecret, timestamp, request.body));
    QVERIFY(!request.hasHeader("Upgrade")); // no h2c attempt either

    // What the check concluded.
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->httpVersion, QStringLiteral("HTTP/1.1"));
    QVERIFY(result->wouldAccept);
    QVERIFY(result->signedPing);
    QVERIFY(!result->reachableByDaily);
    QVERIFY(result->latencyMs >= 0 && result->latencyMs < kWaitMs);
    QCOMPARE(result->responseBody, QByteArrayLiteral("ok"));
    QVERIFY(result->tlsProblems.isEmpty());
    QCOMPARE(result->networkError, QNetworkReply::NoError);
    QVERIFY2(result->verdict.contains(QStringLiteral("would pass here, but Daily cannot reach this machine")),
        qPrintable(result->verdict));
    QVERIFY(!result->verdict.contains(QStringLiteral("unsigned")));
}

void tst_PreflightCheck::statuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("wouldAccept");
    QTest::addColumn<QString>("verdictPart");

    QTest::newRow("200 is accepted") << 200 << true << QStringLiteral("answered 200");
    QTest::newRow("204 is not 200") << 204 << false << QStringLiteral("answered HTTP 204, and Daily accepts only 200");
    QTest::newRow("401 from a receiver that checks") << 401 << false << QStringLiteral("answered HTTP 401");
    QTest::newRow("404 wrong path") << 404 << false << QStringLiteral("answered HTTP 404");
    QTest::newRow("500 server error") << 500 << false << QStringLiteral("answered HTTP 500");
    QTest::newRow("503 unavailable") << 503 << false << QStringLiteral("answered HTTP 503");
}

void tst_PreflightCheck::statuses()
{
    QFETCH(int, status);
    QFETCH(bool, wouldAccept);
    QFETCH(QString, verdictPart);

    m_server->setHandler([status](const ExactServer::Request&) {
        return ExactServer::Response::http(status, status == 204 ? QByteArray() : QByteArrayLiteral("{}"));
    });
    const auto result = run(m_server->url(QStringLiteral("/hook")), kSecret, QString());
    QVERIFY(result);
    QCOMPARE(result->httpStatus, status);
    QCOMPARE(result->wouldAccept, wouldAccept);
    QCOMPARE(result->httpVersion, QStringLiteral("HTTP/1.1"));
    QVERIFY2(result->verdict.contains(verdictPart), qPrintable(result->verdict));
    QVERIFY(!m_server->requests().constFirst().hasHeader("Authorization"));
}

void tst_PreflightCheck::redirectIsReportedNotFollowed()
{
    m_server->setHandler([](const ExactServer::Request& request) {
        if (request.path == "/old")
            return ExactServer::Response::raw(redirect(301, "/new"));
        return ExactServer::Response::http(200, "{}");
    });
    const auto result = run(m_server->url(QStringLiteral("/old")), kSecret, QString());
    QVERIFY(result);
    QCOMPARE(m_server->requests().size(), 1); // /new was never asked for
    QCOMPARE(result->httpStatus, 301);
    QVERIFY(!result->wouldAccept);
    QCOMPARE(result->redirectLocation, m_server->url(QStringLiteral("/new")).toString());
    QVERIFY2(result->verdict.contains(QStringLiteral("redirects (HTTP 301) to ") + result->redirectLocation),
        qPrintable(result->verdict));
    QVERIFY(result->verdict.contains(QStringLiteral("Daily needs a 200 from the URL itself")));
}

void tst_PreflightCheck::hangPastTheTimeLimit()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
    QElapsedTimer clock;
    clock.start();
    int count = 0;
    const auto result = run(m_server->url(QStringLiteral("/slow")), kSecret, QString(), 300, &count);
    QVERIFY(result);
    QCOMPARE(count, 1);
    QVERIFY(clock.elapsed() < 3000);
    QVERIFY(result->timedOut);
    QVERIFY(!result->wouldAccept);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(result->httpVersion.isEmpty());
    QCOMPARE(result->networkError, QNetworkReply::TimeoutError);
    QVERIFY(result->latencyMs >= 300);
    QVERIFY2(result->verdict.startsWith(QStringLiteral("No complete answer arrived within 300 ms")),
        qPrintable(result->verdict));
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_PreflightCheck::connectionRefused()
{
    const QUrl url = m_server->url(QStringLiteral("/gone"));
    m_server->close();
    const auto result = run(url, kSecret, QString());
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(!result->wouldAccept);
    QCOMPARE(result->networkError, QNetworkReply::ConnectionRefusedError);
    QVERIFY(!result->networkErrorText.isEmpty());
    QVERIFY(result->httpVersion.isEmpty());
    QVERIFY2(result->verdict.startsWith(QStringLiteral("The URL gave no HTTP answer (")), qPrintable(result->verdict));
    QVERIFY(result->verdict.contains(QStringLiteral("besides, Daily cannot reach this machine")));
}

void tst_PreflightCheck::closedWithoutAnswer()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::closeWithoutAnswer(); });
    const auto result = run(m_server->url(QStringLiteral("/drop")), kSecret, QString());
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(!result->wouldAccept);
    QVERIFY(!result->timedOut);
    QCOMPARE(result->networkError, QNetworkReply::RemoteHostClosedError);
}

void tst_PreflightCheck::withoutSecretThePingIsUnsigned()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "{}"); });
    const auto result = run(m_server->url(QStringLiteral("/hook")), QString(), QString());
    QVERIFY(result);
    const ExactServer::Request request = m_server->requests().constFirst();
    QVERIFY(!request.hasHeader("X-Webhook-Signature"));
    QVERIFY(request.hasHeader("X-Webhook-Timestamp"));
    QVERIFY(!result->signedPing);
    QVERIFY(result->wouldAccept);
    QVERIFY2(result->verdict.contains(QStringLiteral("unsigned because no HMAC secret was given")),
        qPrintable(result->verdict));
}

void tst_PreflightCheck::secretThatIsNotBase64()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "{}"); });
    const auto result = run(m_server->url(QStringLiteral("/hook")), QStringLiteral("whsec_not-base64"), QString());
    QVERIFY(result);
    QVERIFY(!m_server->requests().constFirst().hasHeader("X-Webhook-Signature"));
    QVERIFY(result->secretRejected);
    QVERIFY(!result->signedPing);
    QCOMPARE(result->httpStatus, 200);
    QVERIFY(!result->wouldAccept);
    QVERIFY2(result->verdict.contains(QStringLiteral("not valid base64")), qPrintable(result->verdict));
}

void tst_PreflightCheck::responseBodyIsCappedAt4KiB()
{
    const QByteArray big(100 * 1024, 'x');
    m_server->setHandler(
        [big](const ExactServer::Request&) { return ExactServer::Response::http(200, big, "text/plain"); });
    const auto result = run(m_server->url(QStringLiteral("/big")), kSecret, QString());
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->responseBody.size(), PreflightResult::MaxBodyBytes);
    QCOMPARE(result->responseBody, big.left(PreflightResult::MaxBodyBytes));
}

void tst_PreflightCheck::cancelWhileHanging()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
    PreflightCheck check(m_manager);
    QList<PreflightResult> results;
    connect(&check, &PreflightCheck::finished, this, [&](const PreflightResult& r) { results << r; });
    check.start(m_server->url(QStringLiteral("/slow")), kSecret, QString());
    QVERIFY(check.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, kWaitMs);
    check.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, kWaitMs);
    QVERIFY(!check.isRunning());
    QVERIFY(results.constFirst().cancelled);
    QVERIFY(!results.constFirst().wouldAccept);
    QCOMPARE(results.constFirst().networkError, QNetworkReply::OperationCanceledError);
    QVERIFY2(results.constFirst().verdict.startsWith(QStringLiteral("The check was cancelled")),
        qPrintable(results.constFirst().verdict));
    check.cancel(); // nothing runs: no second finished()
    QVERIFY(everyReplyIsGone());
    QCOMPARE(results.size(), 1);
}

void tst_PreflightCheck::restartAbandonsTheRunningCheck()
{
    m_server->setHandler([](const ExactServer::Request& request) {
        if (request.path == "/slow")
            return ExactServer::Response::hang();
        return ExactServer::Response::http(200, "{}");
    });
    PreflightCheck check(m_manager);
    QList<PreflightResult> results;
    connect(&check, &PreflightCheck::finished, this, [&](const PreflightResult& r) { results << r; });
    check.start(m_server->url(QStringLiteral("/slow")), kSecret, QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, kWaitMs);
    check.start(m_server->url(QStringLiteral("/fast")), kSecret, QString());
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, kWaitMs);
    // The abandoned request's reply is gone too, so it cannot report later.
    QVERIFY(everyReplyIsGone());
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.constFirst().url.path(), QStringLiteral("/fast"));
    QVERIFY(results.constFirst().wouldAccept);
}

void tst_PreflightCheck::notTlsOnAnHttpsUrl()
{
    // A server that answers the TLS hello with plain HTTP: the handshake fails without a certificate to blame.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    connect(&plain, &QTcpServer::newConnection, this, [&plain] {
        while (QTcpSocket* socket = plain.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    QUrl url(QStringLiteral("https://127.0.0.1/hook"));
    url.setPort(plain.serverPort());
    const auto result = run(url, kSecret, QString());
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(!result->wouldAccept);
    QCOMPARE(result->networkError, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(!result->tlsProblems.isEmpty());
    QVERIFY2(result->verdict.startsWith(QStringLiteral("The secure connection failed (")), qPrintable(result->verdict));
}

void tst_PreflightCheck::selfSignedCertificate()
{
    // A throw-away certificate made for this run; without the openssl tool there is nothing to make it with.
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("the openssl tool is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    QProcess process;
    process.start(openssl,
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath, QStringLiteral("-days"),
            QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    QFile keyFile(keyPath);
    QFile certFile(certPath);
    QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    configuration.setLocalCertificate(QSslCertificate(certFile.readAll()));
    QVERIFY(!configuration.privateKey().isNull() && !configuration.localCertificate().isNull());

    QSslServer server;
    server.setSslConfiguration(configuration);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QUrl url(QStringLiteral("https://127.0.0.1/hook"));
    url.setPort(server.serverPort());
    const auto result = run(url, kSecret, QString());
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(!result->wouldAccept);
    QVERIFY(!result->tlsProblems.isEmpty());
    QVERIFY2(result->tlsProblems.join(QLatin1Char(' ')).contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
        qPrintable(result->tlsProblems.join(QLatin1Char(' '))));
    QVERIFY2(result->verdict.contains(QStringLiteral("Daily would fail the same way")), qPrintable(result->verdict));
}

void tst_PreflightCheck::unreachableReason_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");

    const QString machine = QStringLiteral("this machine");
    const QString privateAddress = QStringLiteral("a private network address");
    const QString localName = QStringLiteral("a name only your local network knows");
    QTest::newRow("localhost") << QStringLiteral("http://localhost:8080/h") << machine;
    QTest::newRow("LOCALHOST in capitals") << QStringLiteral("http://LOCALHOST/h") << machine;
    QTest::newRow("a .localhost name") << QStringLiteral("http://app.localhost/h") << machine;
    QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:1/h") << machine;
    QTest::newRow("127.1.2.3") << QStringLiteral("http://127.1.2.3/h") << machine;
    QTest::newRow("[::1]") << QStringLiteral("http://[::1]:8080/h") << machine;
    QTest::newRow("10/8") << QStringLiteral("https://10.1.2.3/h") << privateAddress;
    QTest::newRow("172.16/12") << QStringLiteral("https://172.31.255.1/h") << privateAddress;
    QTest::newRow("192.168/16") << QStringLiteral("https://192.168.1.10/h") << privateAddress;
    QTest::newRow("link-local v4") << QStringLiteral("https://169.254.1.1/h") << privateAddress;
    QTest::newRow("carrier-grade NAT") << QStringLiteral("https://100.64.0.1/h") << privateAddress;
    QTest::newRow("unique local v6") << QStringLiteral("https://[fd12:3456::1]/h") << privateAddress;
    QTest::newRow("link-local v6") << QStringLiteral("https://[fe80::1]/h") << privateAddress;
    QTest::newRow("v4-mapped private") << QStringLiteral("https://[::ffff:192.168.0.1]/h") << privateAddress;
    QTest::newRow("mDNS name") << QStringLiteral("https://printer.local/h") << localName;
    QTest::newRow("home.arpa") << QStringLiteral("https://nas.home.arpa/h") << localName;
    QTest::newRow("single label") << QStringLiteral("https://intranet/h") << localName;
    QTest::newRow("public name") << QStringLiteral("https://hooks.example.com/daily") << QString();
    QTest::newRow("public v4") << QStringLiteral("https://93.184.216.34/h") << QString();
    QTest::newRow("172.32 is public") << QStringLiteral("https://172.32.0.1/h") << QString();
    QTest::newRow("public v6") << QStringLiteral("https://[2606:4700::1111]/h") << QString();
}

void tst_PreflightCheck::unreachableReason()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    QCOMPARE(PreflightCheck::unreachableReason(QUrl(url)), reason);
}

void tst_PreflightCheck::verdicts_data()
{
    QTest::addColumn<PreflightResult>("observed");
    QTest::addColumn<bool>("wouldAccept");
    QTest::addColumn<QString>("verdict");

    PreflightResult ok;
    ok.url = QUrl(QStringLiteral("https://hooks.example.com/daily"));
    ok.httpStatus = 200;
    ok.httpVersion = QStringLiteral("HTTP/1.1");
    ok.latencyMs = 42;
    ok.signedPing = true;

    QTest::newRow("200, public, signed") << ok << true
                                         << QStringLiteral("The URL answered 200 in 42 ms, so Daily would accept it.");

    PreflightResult slowOk = ok;
    slowOk.latencyMs = 2500;
    QTest::newRow("latency in seconds") << slowOk << true
                                        << QStringLiteral("The URL answered 200 in 2.5 s, so Daily would accept it.");

    PreflightResult loopback = ok;
    loopback.url = QUrl(QStringLiteral("http://127.0.0.1:8080/h"));
    QTest::newRow("200 on loopback") << loopback << true
                                     << QStringLiteral("The URL answered 200 in 42 ms, so it would pass here, but "
                                                       "Daily cannot reach this machine.");

    PreflightResult unsignedOk = ok;
    unsignedOk.signedPing = false;
    QTest::newRow("200 unsigned") << unsignedOk << true
                                  << QStringLiteral("The URL answered 200 in 42 ms, so Daily would accept it; the "
                                                    "ping went out unsigned because no HMAC secret was given, while "
                                                    "Daily signs it with the webhook's secret.");

    PreflightResult serverError = ok;
    serverError.httpStatus = 500;
    QTest::newRow("500") << serverError << false
                         << QStringLiteral("The URL answered HTTP 500, and Daily accepts only 200.");

    PreflightResult privateError = serverError;
    privateError.url = QUrl(QStringLiteral("https://10.0.0.5/h"));
    QTest::newRow("500 on a private address")
        << privateError << false
        << QStringLiteral("The URL answered HTTP 500, and Daily accepts only 200; besides, Daily cannot reach a "
                          "private network address.");

    PreflightResult moved = ok;
    moved.httpStatus = 308;
    moved.redirectLocation = QStringLiteral("https://hooks.example.com/daily/");
    QTest::newRow("308 with Location")
        << moved << false
        << QStringLiteral("The URL redirects (HTTP 308) to https://hooks.example.com/daily/, but Daily needs a 200 "
                          "from the URL itself, so enter the final address instead.");

    PreflightResult movedNowhere = moved;
    movedNowhere.redirectLocation.clear();
    QTest::newRow("308 without Location") << movedNowhere << false
                                          << QStringLiteral("The URL answered with a redirect (HTTP 308), but Daily "
                                                            "needs a 200 from the URL itself.");

    PreflightResult timedOut = ok;
    timedOut.httpStatus = 0;
    timedOut.timedOut = true;
    QTest::newRow("timeout") << timedOut << false
                             << QStringLiteral("No complete answer arrived within 8 s, so Daily would give up and "
                                               "refuse the webhook.");

    PreflightResult lateHeaders = ok;
    lateHeaders.timedOut = true; // the status line came, the body did not finish in time
    QTest::newRow("200 headers, body too late") << lateHeaders << false
                                                << QStringLiteral("No complete answer arrived within 8 s, so Daily "
                                                                  "would give up and refuse the webhook.");

    PreflightResult refused = ok;
    refused.httpStatus = 0;
    refused.networkError = QNetworkReply::ConnectionRefusedError;
    refused.networkErrorText = QStringLiteral("Connection refused");
    QTest::newRow("refused") << refused << false
                             << QStringLiteral("The URL gave no HTTP answer (Connection refused), so Daily would "
                                               "refuse the webhook.");

    PreflightResult tls = refused;
    tls.networkError = QNetworkReply::SslHandshakeFailedError;
    tls.tlsProblems = QStringList {QStringLiteral("The certificate has expired")};
    QTest::newRow("expired certificate") << tls << false
                                         << QStringLiteral("The secure connection failed (The certificate has "
                                                           "expired), and Daily would fail the same way.");

    PreflightResult badSecret = ok;
    badSecret.signedPing = false;
    badSecret.secretRejected = true;
    QTest::newRow("secret not base64") << badSecret << false
                                       << QStringLiteral("Daily would refuse this HMAC secret before pinging, "
                                                         "because it is not valid base64; the ping went out unsigned.");

    PreflightResult cancelled = loopback;
    cancelled.httpStatus = 0;
    cancelled.signedPing = false;
    cancelled.cancelled = true;
    QTest::newRow("cancelled") << cancelled << false
                               << QStringLiteral("The check was cancelled before the URL answered.");
}

void tst_PreflightCheck::verdicts()
{
    QFETCH(PreflightResult, observed);
    QFETCH(bool, wouldAccept);
    QFETCH(QString, verdict);

    const PreflightResult judged = PreflightCheck::judged(observed, PreflightCheck::DefaultTimeoutMs);
    QCOMPARE(judged.wouldAccept, wouldAccept);
    QCOMPARE(judged.verdict, verdict);
}

QTEST_GUILESS_MAIN(tst_PreflightCheck)
#include "tst_PreflightCheck.moc"
