// daily-webhooks-cli receive and deliveries, run as processes with their own data folder: what receive prints
// and stores (plain and --json), chosen answers, the secret from stdin, exit statuses, and kill -9 in the middle
// of a load: every delivery that was answered 200 is in the database afterwards. deliveries show (whole, --json,
// --curl) and deliveries replay (as received and re-signed, to an ExactServer), with their exit statuses, an
// unknown ID, and the secrets from stdin in nothing they print.

#include "ClosedPort.h"
#include "DeliveryCurl.h"
#include "DeliveryRequest.h"
#include "DeliveryStore.h"
#include "ExactServer.h"
#include "ReferenceSignature.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kOtherSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");

const QByteArray kCredential = QByteArrayLiteral("dXNlcjpwYXNz");

// A body no terminal should see raw: an escape sequence that would retitle the window, a NUL, a byte that is not
// UTF-8, shell syntax.
QByteArray hostileBody()
{
    return QByteArrayLiteral("{\"type\":\"meeting.started\",\"id\":\"evt-9\",\"x\":\"it's $(id)\"}\x1b]0;owned\x07")
        + QByteArray("\0\xff", 2);
}

QByteArray eventBody(const QByteArray& type, int n)
{
    return "{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"evt-" + QByteArray::number(n)
        + "\",\"payload\":{},\"event_ts\":1708526033.049}";
}

} // namespace

class tst_CliDeliveryCommands : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void receiveStoresPrintsAndStopsOnSigterm()
    {
        QProcess receiver;
        const quint16 port = startReceiver(
            receiver, {QStringLiteral("--json"), QStringLiteral("--hmac-stdin")}, kSecret.toLatin1() + '\n');
        QVERIFY(port != 0);
        QVERIFY(!receiver.readAllStandardError().contains(kSecret.toLatin1()));

        QNetworkAccessManager network;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/hooks?x=1").arg(port));
        const QByteArray ts = DeliveryRequest::timestampNow();
        QCOMPARE(post(network, DeliveryRequest::ping(url, kSecret, QString(), ts, "t")), 200);
        QCOMPARE(post(network, DeliveryRequest::signedPost(url, eventBody("meeting.started", 1), kSecret, {}, ts, "t")),
            200);
        QCOMPARE(
            post(network, DeliveryRequest::signedPost(url, eventBody("meeting.ended", 2), kOtherSecret, {}, ts, "t")),
            200);

        QTRY_COMPARE(receiver.peek(1 << 20).count('\n'), 3);
        const QList<QByteArray> lines = receiver.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject ping = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(ping.value(QStringLiteral("ping")).toBool(), true);
        QCOMPARE(ping.value(QStringLiteral("signature")).toString(), QStringLiteral("valid"));
        QCOMPARE(ping.value(QStringLiteral("path")).toString(), QStringLiteral("/hooks?x=1"));
        QCOMPARE(ping.value(QStringLiteral("status")).toInt(), 200);
        const QJsonObject valid = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(valid.value(QStringLiteral("type")).toString(), QStringLiteral("meeting.started"));
        QCOMPARE(valid.value(QStringLiteral("event_id")).toString(), QStringLiteral("evt-1"));
        QCOMPARE(valid.value(QStringLiteral("signature")).toString(), QStringLiteral("valid"));
        QCOMPARE(valid.value(QStringLiteral("matched_secret")).toString(), QStringLiteral("--hmac-stdin"));
        const QJsonObject invalid = QJsonDocument::fromJson(lines.at(2)).object();
        QCOMPARE(invalid.value(QStringLiteral("signature")).toString(), QStringLiteral("invalid"));

        ::kill(pid_t(receiver.processId()), SIGTERM);
        QVERIFY(receiver.waitForFinished(10000));
        QCOMPARE(receiver.exitStatus(), QProcess::NormalExit);
        QCOMPARE(receiver.exitCode(), 0);

        // The secret from stdin is in no file receive wrote (the database, its WAL), nor in anything printed.
        QDirIterator files(m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList searched;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(kSecret.toLatin1()), qPrintable(file.fileName()));
            searched.append(file.fileName());
        }
        QVERIFY2(searched.contains(deliveriesPath()), qPrintable(searched.join(QLatin1Char(' '))));
        QVERIFY(!lines.join('\n').contains(kSecret.toLatin1()));

        // deliveries reads what receive stored, newest first.
        const QJsonArray listed
            = QJsonDocument::fromJson(cli({QStringLiteral("deliveries"), QStringLiteral("--json")})).array();
        QCOMPARE(listed.size(), 3);
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("event_id")).toString(), QStringLiteral("evt-2"));
        QCOMPARE(listed.at(2).toObject().value(QStringLiteral("ping")).toBool(), true);

        const QString table = QString::fromUtf8(
            cli({QStringLiteral("deliveries"), QStringLiteral("--type"), QStringLiteral("meeting.started")}));
        QVERIFY2(table.startsWith(QStringLiteral("ID  RECEIVED (UTC)")), qPrintable(table));
        QCOMPARE(table.trimmed().split(QLatin1Char('\n')).size(), 2);
        QVERIFY(table.contains(QStringLiteral("evt-1")));
        QVERIFY(table.contains(QStringLiteral("valid (--hmac-stdin)")));
        QVERIFY(table.contains(QStringLiteral("POST /hooks?x=1")));
        QCOMPARE(QJsonDocument::fromJson(cli({QStringLiteral("deliveries"), QStringLiteral("--json"),
                                             QStringLiteral("--limit"), QStringLiteral("1")}))
                     .array()
                     .size(),
            1);
    }

    void receiveForwardsToTheAppAndPrintsItsAnswer()
    {
        ExactServer app;
        QVERIFY(app.listen());
        app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(202, "{\"ok\":1}"); });
        QProcess receiver;
        const quint16 port = startReceiver(receiver,
            {QStringLiteral("--json"), QStringLiteral("--forward-to"),
                app.url(QStringLiteral("/webhooks")).toString()});
        QVERIFY(port != 0);
        QNetworkAccessManager network;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/daily/a%2Fb?x=1+2&x=3").arg(port));
        const DeliveryRequest sent = DeliveryRequest::signedPost(url, eventBody("meeting.started", 5), kSecret,
            QStringLiteral("dXNlcjpwYXNz"), DeliveryRequest::timestampNow(), "t");
        QCOMPARE(post(network, sent), 202);
        QCOMPARE(app.requests().size(), 1);
        const ExactServer::Request got = app.requests().constFirst();
        QCOMPARE(got.path, QByteArray("/webhooks/daily/a%2Fb?x=1+2&x=3"));
        QCOMPARE(got.body, sent.body);
        QCOMPARE(got.header("Authorization"), QByteArray("Basic dXNlcjpwYXNz"));
        QCOMPARE(got.header("X-Webhook-Signature"),
            ReferenceSignature::of(kSecret, got.header("X-Webhook-Timestamp"), got.body));

        QTRY_VERIFY(receiver.peek(1 << 20).contains('\n'));
        const QJsonObject line = QJsonDocument::fromJson(receiver.readAllStandardOutput().trimmed()).object();
        QCOMPARE(line.value(QStringLiteral("status")).toInt(), 202);
        const QJsonObject forward = line.value(QStringLiteral("forward")).toObject();
        QCOMPARE(forward.value(QStringLiteral("status")).toInt(), 202);
        QCOMPARE(forward.value(QStringLiteral("url")).toString(), app.url(QStringLiteral("/webhooks")).toString());
        QVERIFY(forward.value(QStringLiteral("failure")).isNull());
        ::kill(pid_t(receiver.processId()), SIGTERM);
        QVERIFY(receiver.waitForFinished(10000));
    }

    void receiveAnswers502WhenTheAppIsDown()
    {
        QProcess receiver;
        const quint16 port = startReceiver(
            receiver, {QStringLiteral("--forward-to"), ClosedPort::url(QStringLiteral("/h")).toString()});
        QVERIFY(port != 0);
        QNetworkAccessManager network;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/h").arg(port));
        QCOMPARE(post(network,
                     DeliveryRequest::signedPost(
                         url, eventBody("meeting.ended", 6), kSecret, {}, DeliveryRequest::timestampNow(), "t")),
            502);
        QTRY_VERIFY(receiver.peek(1 << 20).contains('\n'));
        const QString printed = QString::fromUtf8(receiver.readAllStandardOutput());
        QVERIFY2(printed.contains(QStringLiteral("answered: 502  forward failed: ")), qPrintable(printed));
        ::kill(pid_t(receiver.processId()), SIGTERM);
        QVERIFY(receiver.waitForFinished(10000));
    }

    void plainLinesAndChosenAnswers()
    {
        QProcess receiver;
        const quint16 port = startReceiver(receiver,
            {QStringLiteral("--answer"), QStringLiteral("503"), QStringLiteral("--delay"), QStringLiteral("300")});
        QVERIFY(port != 0);
        QVERIFY(receiver.readAllStandardError().contains("signatures are not checked"));
        QNetworkAccessManager network;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/h").arg(port));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(post(network,
                     DeliveryRequest::signedPost(
                         url, eventBody("recording.started", 3), kSecret, {}, DeliveryRequest::timestampNow(), "t")),
            503);
        QVERIFY(clock.elapsed() >= 300);
        QTRY_VERIFY(receiver.peek(1 << 20).contains('\n'));
        const QString line = QString::fromUtf8(receiver.readAllStandardOutput());
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  POST  /h  "
                                                   "recording.started  signature: no-secret-known  basic auth: "
                                                   "not-expected  answered: 503\\n$"))
                     .match(line)
                     .hasMatch(),
            qPrintable(line));
        ::kill(pid_t(receiver.processId()), SIGINT);
        QVERIFY(receiver.waitForFinished(10000));
        QCOMPARE(receiver.exitCode(), 0);
    }

    void exitStatuses()
    {
        // A secret that is not base64: 4; none at all on stdin: 2.
        QProcess bad;
        bad.setProcessEnvironment(environment());
        bad.start(QStringLiteral(DW_CLI_PATH), {QStringLiteral("receive"), QStringLiteral("--hmac-stdin")});
        bad.write("not base64\n");
        bad.closeWriteChannel();
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 4);
        QVERIFY(!bad.readAllStandardError().contains("not base64"));

        QProcess none;
        none.setProcessEnvironment(environment());
        none.start(QStringLiteral(DW_CLI_PATH), {QStringLiteral("receive"), QStringLiteral("--hmac-stdin")});
        none.closeWriteChannel();
        QVERIFY(none.waitForFinished(10000));
        QCOMPARE(none.exitCode(), 2);

        // A port already taken: 1.
        QProcess first;
        const quint16 port = startReceiver(first, {});
        QVERIFY(port != 0);
        QProcess second;
        second.setProcessEnvironment(environment());
        second.start(
            QStringLiteral(DW_CLI_PATH), {QStringLiteral("receive"), QStringLiteral("--port"), QString::number(port)});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 1);
        first.kill();
        first.waitForFinished();

        // Nothing stored yet: an empty list, exit 0, and no database created by reading.
        QTemporaryDir empty;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), empty.filePath(QStringLiteral("data")));
        QProcess list;
        list.setProcessEnvironment(env);
        list.start(QStringLiteral(DW_CLI_PATH), {QStringLiteral("deliveries")});
        QVERIFY(list.waitForFinished(10000));
        QCOMPARE(list.exitCode(), 0);
        QCOMPARE(list.readAllStandardOutput(), QByteArrayLiteral("No deliveries are stored.\n"));
        QVERIFY(!QFileInfo::exists(empty.filePath(QStringLiteral("data"))));
    }

    void everyDeliveryAnswered200SurvivesKillMinus9()
    {
        constexpr int kSent = 400;
        QProcess receiver;
        const quint16 port = startReceiver(receiver, {QStringLiteral("--json")});
        QVERIFY(port != 0);

        QNetworkAccessManager network;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/load").arg(port));
        QList<QNetworkReply*> replies;
        QSet<QString> acknowledged;
        bool killed = false;
        for (int i = 0; i < kSent; ++i) {
            const DeliveryRequest r = DeliveryRequest::signedPost(
                url, eventBody("participant.joined", i), kSecret, {}, DeliveryRequest::timestampNow(), "load");
            QNetworkReply* reply = network.post(r.toNetworkRequest(), r.body);
            reply->setProperty("n", i);
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                    acknowledged.insert(QStringLiteral("evt-%1").arg(reply->property("n").toInt()));
                // In the middle of the load, while other requests are being stored and answered.
                if (!killed && acknowledged.size() >= kSent / 4) {
                    killed = true;
                    ::kill(pid_t(receiver.processId()), SIGKILL);
                }
            });
            replies.append(reply);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }), 60000);
        QVERIFY(killed);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.state(), QProcess::NotRunning, 10000);
        QCOMPARE(receiver.exitStatus(), QProcess::CrashExit);
        QVERIFY2(acknowledged.size() < kSent, "the load ended before the kill; nothing was tested");
        qDeleteAll(replies);

        DeliveryStore store;
        QString error;
        QVERIFY2(store.open(deliveriesPath(), &error), qPrintable(error));
        QSet<QString> stored;
        for (const StoredDelivery& d : store.pageBefore({}, 0, 2 * kSent))
            stored.insert(d.eventId);
        const QSet<QString> lost = acknowledged - stored;
        QVERIFY2(lost.isEmpty(), qPrintable(QStringList(lost.cbegin(), lost.cend()).join(QLatin1Char(' '))));
        QVERIFY(store.insert(StoredDelivery {}, &error) > 0);
        qInfo("%lld answered 200 before the kill, %lld stored", qint64(acknowledged.size()), qint64(stored.size()));
    }

    void showPrintsOneDeliveryWhole()
    {
        const qint64 id = storeRow(hostileBody());
        QVERIFY(id > 0);
        const Run plain = run({QStringLiteral("deliveries"), QStringLiteral("show"), QString::number(id)});
        QCOMPARE(plain.code, 0);
        const QString text = QString::fromUtf8(plain.out);
        QVERIFY2(text.startsWith(QStringLiteral("Delivery %1, received ").arg(id)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\nPOST /daily/a%2Fb?x=1+2\n")));
        QVERIFY(text.contains(QStringLiteral("\nX-Webhook-Timestamp: 1708526033049\nAuthorization: [redacted]\n")));
        QVERIFY(text.contains(QStringLiteral("not all printable text")));
        // The body's bytes that are not text are written as escapes; none reaches the terminal.
        QVERIFY2(text.contains(QStringLiteral("\\x1b]0;owned\\x07\\x00\\xff")), qPrintable(text));
        QVERIFY(!plain.out.contains('\x1b'));
        QVERIFY(!plain.out.contains('\0'));
        QVERIFY(!plain.out.contains(kCredential));

        const Run json = run(
            {QStringLiteral("deliveries"), QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
        QCOMPARE(json.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(o.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("body_base64")).toString().toLatin1()), hostileBody());
        const QJsonArray headers = o.value(QStringLiteral("headers")).toArray();
        QCOMPARE(headers.size(), 5);
        QCOMPARE(headers.at(4).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Authorization"));
        QCOMPARE(headers.at(4).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("[redacted]"));
        QVERIFY(!json.out.contains(kCredential));

        const QString to = QStringLiteral("http://localhost:3000/webhooks");
        const Run curl = run({QStringLiteral("deliveries"), QStringLiteral("show"), QString::number(id),
            QStringLiteral("--curl"), QStringLiteral("--to"), to});
        QCOMPARE(curl.code, 0);
        DeliveryStore store;
        QString error;
        QVERIFY2(store.open(deliveriesPath(), &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(curl.out), DeliveryCurl::command(*store.byId(id), QUrl(to)));
        QVERIFY(curl.out.contains("-H 'Authorization: [redacted]'"));
        QVERIFY(curl.out.contains("--path-as-is"));
    }

    void anUnknownIdIsAUsageError()
    {
        // No database yet: nothing to show or replay, and asking creates none.
        const Run none = run({QStringLiteral("deliveries"), QStringLiteral("show"), QStringLiteral("5")});
        QCOMPARE(none.code, 2);
        QVERIFY2(none.err.contains("No delivery has ID 5; \"daily-webhooks-cli deliveries\" lists the stored ones."),
            none.err.constData());
        QVERIFY(!QFileInfo::exists(deliveriesPath()));

        QVERIFY(storeRow("{}") > 0);
        const Run replay = run({QStringLiteral("deliveries"), QStringLiteral("replay"), QStringLiteral("99"),
            QStringLiteral("--to"), QStringLiteral("http://127.0.0.1:9/h")});
        QCOMPARE(replay.code, 2);
        QVERIFY(replay.err.contains("No delivery has ID 99"));
        QVERIFY(replay.out.isEmpty());
    }

    void replayAsReceivedGivesTheBasicAuthBack()
    {
        const qint64 id = storeRow(hostileBody());
        ExactServer app;
        QVERIFY(app.listen());
        app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(202, "{\"ok\":1}"); });
        const Run sent
            = run({QStringLiteral("deliveries"), QStringLiteral("replay"), QString::number(id), QStringLiteral("--to"),
                      app.url(QStringLiteral("/app")).toString(), QStringLiteral("--basic-auth-stdin")},
                kCredential + '\n');
        QCOMPARE(sent.code, 0);
        QCOMPARE(app.requests().size(), 1);
        const ExactServer::Request got = app.requests().constFirst();
        QCOMPARE(got.path, QByteArray("/app/daily/a%2Fb?x=1+2"));
        QCOMPARE(got.body, hostileBody());
        QCOMPARE(got.header("Authorization"), "Basic " + kCredential);
        QCOMPARE(got.header("X-Webhook-Timestamp"), QByteArray("1708526033049"));
        const QString text = QString::fromUtf8(sent.out);
        const QString url = QStringLiteral("http://127.0.0.1:") + QString::number(app.port())
            + QStringLiteral("/app/daily/a%2Fb?x=1+2");
        QVERIFY2(text.startsWith(QStringLiteral("OK: ") + url + QStringLiteral(" answered 202 in ")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("signature      as received\n")));
        QVERIFY(text.contains(QStringLiteral("authorization  restored\n")));
        QVERIFY(!sent.out.contains(kCredential));
        QVERIFY(!sent.err.contains(kCredential));

        // Without the credential the field is left out, and stderr says so.
        const Run bare = run({QStringLiteral("deliveries"), QStringLiteral("replay"), QString::number(id),
            QStringLiteral("--to"), app.url(QStringLiteral("/app")).toString()});
        QCOMPARE(bare.code, 0);
        QVERIFY(!app.requests().constLast().hasHeader("Authorization"));
        QVERIFY2(bare.err.contains("warning: Authorization left out"), bare.err.constData());
    }

    void replayResignedVerifiesWithTheNewSecret()
    {
        const qint64 id = storeRow(hostileBody());
        ExactServer app;
        QVERIFY(app.listen());
        app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "{}"); });
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const Run sent
            = run({QStringLiteral("deliveries"), QStringLiteral("replay"), QString::number(id), QStringLiteral("--to"),
                      app.url().toString(), QStringLiteral("--resign"), QStringLiteral("--hmac-stdin"),
                      QStringLiteral("--basic-auth-stdin"), QStringLiteral("--json")},
                kOtherSecret.toLatin1() + '\n' + kCredential + '\n');
        QCOMPARE(sent.code, 0);
        const ExactServer::Request got = app.requests().constFirst();
        const QByteArray timestamp = got.header("X-Webhook-Timestamp");
        QVERIFY(timestamp.toLongLong() >= before);
        QCOMPARE(got.header("X-Webhook-Signature"), ReferenceSignature::of(kOtherSecret, timestamp, hostileBody()));
        QCOMPARE(got.header("Authorization"), "Basic " + kCredential);
        const QJsonObject o = QJsonDocument::fromJson(sent.out).object();
        QCOMPARE(o.value(QStringLiteral("delivery")).toInteger(), id);
        QCOMPARE(o.value(QStringLiteral("resigned")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("timestamp")).toString(), QString::fromLatin1(timestamp));
        QCOMPARE(o.value(QStringLiteral("authorization")).toString(), QStringLiteral("restored"));
        QCOMPARE(o.value(QStringLiteral("httpStatus")).toInt(), 200);
        QCOMPARE(o.value(QStringLiteral("accepted")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("url")).toString(),
            QStringLiteral("http://127.0.0.1:") + QString::number(app.port()) + QStringLiteral("/daily/a%2Fb?x=1+2"));
        for (const QByteArray& secret : {kOtherSecret.toLatin1(), kCredential}) {
            QVERIFY(!sent.out.contains(secret));
            QVERIFY(!sent.err.contains(secret));
        }
    }

    void replayExitStatuses()
    {
        const qint64 id = storeRow("{}");
        ExactServer app;
        QVERIFY(app.listen());
        app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(500, "down"); });
        const QStringList replay {
            QStringLiteral("deliveries"), QStringLiteral("replay"), QString::number(id), QStringLiteral("--to")};

        // An answer that is not a 2xx: 10, as for trigger.
        const Run refused = run(replay + QStringList {app.url().toString()});
        QCOMPARE(refused.code, 10);
        QVERIFY2(refused.out.startsWith("NOT ACCEPTED: "), refused.out.constData());
        QVERIFY(refused.out.contains("answer         down\n"));

        // No answer: 5.
        const Run down = run(replay + QStringList {ClosedPort::url(QStringLiteral("/h")).toString()});
        QCOMPARE(down.code, 5);
        QVERIFY2(down.out.startsWith("NO ANSWER: "), down.out.constData());

        // A secret that is not base64: 4, without quoting it; none on stdin: 2.
        const QStringList resign
            = replay + QStringList {app.url().toString(), QStringLiteral("--resign"), QStringLiteral("--hmac-stdin")};
        const Run bad = run(resign, "not base64!\n");
        QCOMPARE(bad.code, 4);
        QVERIFY(bad.err.contains("The HMAC secret is not base64"));
        QVERIFY(!bad.err.contains("not base64!"));
        QCOMPARE(run(resign).code, 2);

        // A request refused before its body was read cannot be replayed: 4, and why.
        StoredDelivery refusedRow;
        refusedRow.receivedAt = QDateTime::currentDateTimeUtc();
        refusedRow.method = "POST";
        refusedRow.target = "/h";
        refusedRow.bodySize = 5000000;
        refusedRow.status = 413;
        refusedRow.problem = QStringLiteral("the request body is over 1048576 bytes");
        const qint64 tooBig = insert(refusedRow);
        const Run unreplayable = run({QStringLiteral("deliveries"), QStringLiteral("replay"), QString::number(tooBig),
            QStringLiteral("--to"), app.url().toString()});
        QCOMPARE(unreplayable.code, 4);
        QVERIFY2(unreplayable.err.contains("cannot be replayed: the receiver refused it with 413"),
            unreplayable.err.constData());
        QCOMPARE(app.requests().size(), 1);
    }

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs the CLI with the event loop turning, so servers of this process (ExactServer) answer it meanwhile.
    Run run(const QStringList& arguments, const QByteArray& input = {})
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(DW_CLI_PATH), arguments);
        Run result;
        if (!process.waitForStarted(10000))
            return result;
        process.write(input);
        process.closeWriteChannel();
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000))
            return result;
        result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    qint64 insert(const StoredDelivery& row)
    {
        DeliveryStore store;
        QString error;
        if (!store.open(deliveriesPath(), &error))
            return 0;
        return store.insert(row, &error);
    }

    // A delivery as the receiver stores it: Authorization among its fields (redacted by the store).
    qint64 storeRow(const QByteArray& body)
    {
        StoredDelivery row;
        row.receivedAt = QDateTime::currentDateTimeUtc();
        row.remoteAddress = QStringLiteral("127.0.0.1");
        row.method = "POST";
        row.target = "/daily/a%2Fb?x=1+2";
        row.headers
            = StoredDelivery::storedHeaders({{"Host", "abc.tunnel.example"}, {"Content-Type", "application/json"},
                {"X-Webhook-Signature", "97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8="},
                {"X-Webhook-Timestamp", "1708526033049"}, {"Authorization", "Basic " + kCredential}});
        row.body = body;
        row.bodySize = body.size();
        row.status = 200;
        return insert(row);
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home->path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
        return env;
    }

    QString deliveriesPath() const
    {
        return m_home->filePath(QStringLiteral("data/DailyWebhooks/daily-webhooks/deliveries.sqlite"));
    }

    // Starts `receive` and returns the port it announced on stderr (0 when it did not).
    quint16 startReceiver(QProcess& process, const QStringList& options, const QByteArray& input = {})
    {
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(DW_CLI_PATH), QStringList {QStringLiteral("receive")} + options);
        if (!process.waitForStarted(10000))
            return 0;
        process.write(input);
        process.closeWriteChannel();
        static const QRegularExpression announced(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)/"));
        QRegularExpressionMatch match;
        [[maybe_unused]] const bool ended = QTest::qWaitFor(
            [&] {
                match = announced.match(QString::fromUtf8(process.peek(0) + peekError(process)));
                return match.hasMatch() || process.state() == QProcess::NotRunning;
            },
            10000);
        return quint16(match.captured(1).toUInt());
    }

    static QByteArray peekError(QProcess& process)
    {
        process.setReadChannel(QProcess::StandardError);
        const QByteArray bytes = process.peek(1 << 16);
        process.setReadChannel(QProcess::StandardOutput);
        return bytes;
    }

    QByteArray cli(const QStringList& arguments)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(DW_CLI_PATH), arguments);
        if (!process.waitForFinished(20000) || process.exitCode() != 0)
            return {};
        return process.readAllStandardOutput();
    }

    static int post(QNetworkAccessManager& network, const DeliveryRequest& request)
    {
        QNetworkReply* reply = network.post(request.toNetworkRequest(), request.body);
        [[maybe_unused]] const bool ended = QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    }

    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(tst_CliDeliveryCommands)

#include "tst_CliDeliveryCommands.moc"
