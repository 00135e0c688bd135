// Core's DailyClient against the sandbox: both sides of each exchange, what the client concluded and what the
// server received, for success and for every error kind the sandbox can produce.

#include "ApiError.h"
#include "ApiResult.h"
#include "CallWaiter.h"
#include "ClosedPort.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DomainTarget.h"
#include "SandboxServer.h"
#include "SilentServer.h"
#include "WebhookDraft.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

namespace {

QString localUrl(quint16 port)
{
    return QStringLiteral("http://127.0.0.1:%1/hook").arg(port);
}

WebhookDraft draftFor(const QString& url)
{
    WebhookDraft draft;
    draft.url = url;
    return draft;
}

} // namespace

class tst_DailyClientSandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createSendsWhatDailyExpects();
    void pingFailureIsVerificationFailed_data();
    void pingFailureIsVerificationFailed();
    void validationNamesTheField_data();
    void validationNamesTheField();
    void secondCreateIsOneWebhookPerDomain();
    void wrongKeyIsAuthenticationFailed();
    void missingKeyIsMissingApiKey();
    void rateLimited();
    void listGetUpdateDelete();
    void cancelWhileThePingHangs();

private:
    DomainTarget target(const QString& key = SandboxServer::demoApiKey()) const;

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    std::unique_ptr<DailyClient> m_client;
};

void tst_DailyClientSandbox::init()
{
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
    m_manager = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<DailyClient>(m_manager.get());
}

void tst_DailyClientSandbox::cleanup()
{
    m_client.reset();
    m_manager.reset();
    m_sandbox.reset();
}

DomainTarget tst_DailyClientSandbox::target(const QString& key) const
{
    return DomainTarget {QString(), QStringLiteral("sandbox"), m_sandbox->apiBaseUrl(), key};
}

void tst_DailyClientSandbox::createSendsWhatDailyExpects()
{
    QSignalSpy handled(m_sandbox.get(), &SandboxServer::requestHandled);
    WebhookDraft draft = draftFor(m_sandbox->demoEndpointUrl().toString());
    draft.eventTypes = QStringList {QStringLiteral("meeting.started"), QStringLiteral("recording.ready-to-download")};

    const auto result = CallWaiter::result(m_client->createWebhook(target(), draft));
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->error.details()));
    QCOMPARE(result->httpStatus, 200);
    QVERIFY(result->webhook);
    QCOMPARE(result->webhook->url, m_sandbox->demoEndpointUrl().toString());
    QCOMPARE(result->webhook->eventTypes, *draft.eventTypes);
    QCOMPARE(result->webhook->state, QStringLiteral("ACTIVE"));
    QVERIFY(result->webhook->isDelivering());
    QCOMPARE(result->webhook->fieldStatus(QStringLiteral("basicAuth")), Webhook::FieldStatus::Null);
    QCOMPARE(result->webhook->fieldStatus(QStringLiteral("createdAt")), Webhook::FieldStatus::Present);
    QCOMPARE(result->webhook->uuid, m_sandbox->webhookOf(SandboxServer::demoApiKey())->uuid);

    QCOMPARE(handled.size(), 1);
    QCOMPARE(handled.first().at(0).toByteArray(), QByteArrayLiteral("POST"));
    QCOMPARE(handled.first().at(1).toString(), QStringLiteral("/v1/webhooks"));
    QCOMPARE(handled.first().at(2).toInt(), 200);

    const QList<SandboxServer::ReceivedRequest> received = m_sandbox->receivedRequests();
    QCOMPARE(received.size(), 1);
    const SandboxServer::ReceivedRequest& request = received.first();
    QCOMPARE(request.method, QByteArrayLiteral("POST"));
    QCOMPARE(request.path, QStringLiteral("/v1/webhooks"));
    QCOMPARE(request.status, 200);
    QCOMPARE(request.header("Authorization"), QByteArrayLiteral("Bearer sandbox-demo-key"));
    QCOMPARE(request.header("Content-Type"), QByteArrayLiteral("application/json"));
    // Core serialises through QJsonObject, so the keys arrive sorted.
    QCOMPARE(request.body,
        QByteArrayLiteral("{\"eventTypes\":[\"meeting.started\",\"recording.ready-to-download\"],"
                          "\"url\":\"")
            + m_sandbox->demoEndpointUrl().toEncoded() + QByteArrayLiteral("\"}"));
}

void tst_DailyClientSandbox::pingFailureIsVerificationFailed_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("statusInMessage");

    QTest::newRow("target answers 500") << QStringLiteral("500") << true;
    QTest::newRow("target hangs past the ping timeout") << QStringLiteral("hang") << false;
    QTest::newRow("connection refused") << QStringLiteral("refused") << false;
}

void tst_DailyClientSandbox::pingFailureIsVerificationFailed()
{
    QFETCH(QString, target);
    QFETCH(bool, statusInMessage);

    QHttpServer failing;
    SilentServer silent;
    QString url;
    if (target == QLatin1String("500")) {
        failing.setMissingHandler([](const QHttpServerRequest&, QHttpServerResponder&& responder) {
            responder.write(QHttpServerResponder::StatusCode::InternalServerError);
        });
        const quint16 port = failing.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        url = localUrl(port);
    } else if (target == QLatin1String("hang")) {
        QVERIFY(silent.listen());
        url = localUrl(silent.serverPort());
        m_sandbox->setPingTimeoutMs(300);
    } else {
        const quint16 port = ClosedPort::pick();
        QVERIFY(port != 0);
        url = localUrl(port);
    }

    const auto result = CallWaiter::result(m_client->createWebhook(this->target(), draftFor(url)));
    QVERIFY(result);
    QCOMPARE(result->error.kind, ApiError::Kind::VerificationFailed);
    QCOMPARE(result->httpStatus, 400);
    QCOMPARE(result->error.field, QStringLiteral("url"));
    QCOMPARE(result->error.dailyError, QStringLiteral("invalid-request-error"));
    QCOMPARE(result->error.message.contains(QLatin1String("500")), statusInMessage);
    QVERIFY(!result->webhook);
    QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));
}

void tst_DailyClientSandbox::validationNamesTheField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    QTest::newRow("url with an ftp scheme") << QStringLiteral("url") << QStringLiteral("ftp://example.com/hook");
    QTest::newRow("retryType outside the enum") << QStringLiteral("retryType") << QStringLiteral("linear");
    QTest::newRow("unknown event type") << QStringLiteral("eventTypes") << QStringLiteral("meeting.strated");
    QTest::newRow("hmac that is not base64") << QStringLiteral("hmac") << QStringLiteral("whsec_abc");
}

void tst_DailyClientSandbox::validationNamesTheField()
{
    QFETCH(QString, field);
    QFETCH(QString, value);

    // Client-side validation is the form's job; here the draft goes out as it is, so the server decides.
    WebhookDraft draft = draftFor(m_sandbox->demoEndpointUrl().toString());
    if (field == QLatin1String("url"))
        draft.url = value;
    else if (field == QLatin1String("retryType"))
        draft.retryType = value;
    else if (field == QLatin1String("eventTypes"))
        draft.eventTypes = QStringList {value};
    else
        draft.hmac = value;

    const auto result = CallWaiter::result(m_client->createWebhook(target(), draft));
    QVERIFY(result);
    QCOMPARE(result->error.kind, ApiError::Kind::Validation);
    QCOMPARE(result->httpStatus, 400);
    QCOMPARE(result->error.field, field);
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
}

void tst_DailyClientSandbox::secondCreateIsOneWebhookPerDomain()
{
    const WebhookDraft draft = draftFor(m_sandbox->demoEndpointUrl().toString());
    const auto first = CallWaiter::result(m_client->createWebhook(target(), draft));
    QVERIFY(first && first->ok());
    const auto second = CallWaiter::result(m_client->createWebhook(target(), draft));
    QVERIFY(second);
    QCOMPARE(second->error.kind, ApiError::Kind::OneWebhookPerDomain);
    QCOMPARE(second->httpStatus, 400);
}

void tst_DailyClientSandbox::wrongKeyIsAuthenticationFailed()
{
    const auto result = CallWaiter::result(m_client->listWebhooks(target(QStringLiteral("wrong-key"))));
    QVERIFY(result);
    QCOMPARE(result->error.kind, ApiError::Kind::AuthenticationFailed);
    QCOMPARE(result->httpStatus, 401);
    QCOMPARE(result->error.dailyError, QStringLiteral("authentication-error"));
}

void tst_DailyClientSandbox::missingKeyIsMissingApiKey()
{
    // The client refuses locally: nothing is sent without a key (the sandbox's own 400 for a missing header is
    // covered in tst_SandboxServer).
    const auto result = CallWaiter::result(m_client->listWebhooks(target(QString())));
    QVERIFY(result);
    QCOMPARE(result->error.kind, ApiError::Kind::MissingApiKey);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(m_sandbox->receivedRequests().isEmpty());
}

void tst_DailyClientSandbox::rateLimited()
{
    m_sandbox->setRateLimit(1, 1);
    const auto first = CallWaiter::result(m_client->listWebhooks(target()));
    QVERIFY(first && first->ok());
    const auto second = CallWaiter::result(m_client->listWebhooks(target()));
    QVERIFY(second);
    QCOMPARE(second->error.kind, ApiError::Kind::RateLimited);
    QCOMPARE(second->httpStatus, 429);
    QCOMPARE(m_sandbox->rateLimitedCount(SandboxServer::demoApiKey()), 1);
}

void tst_DailyClientSandbox::listGetUpdateDelete()
{
    const auto empty = CallWaiter::result(m_client->listWebhooks(target()));
    QVERIFY(empty && empty->ok());
    QVERIFY(empty->webhooks.isEmpty());

    WebhookDraft draft = draftFor(m_sandbox->demoEndpointUrl().toString());
    draft.eventTypes = QStringList {QStringLiteral("meeting.started")};
    const auto created = CallWaiter::result(m_client->createWebhook(target(), draft));
    QVERIFY(created && created->ok());
    const QString uuid = created->webhook->uuid;

    const auto listed = CallWaiter::result(m_client->listWebhooks(target()));
    QVERIFY(listed && listed->ok());
    QCOMPARE(listed->webhooks.size(), 1);
    QCOMPARE(listed->webhooks.first().uuid, uuid);
    QCOMPARE(listed->webhooks.first().hmac, created->webhook->hmac);

    const auto got = CallWaiter::result(m_client->getWebhook(target(), uuid));
    QVERIFY(got && got->ok());
    QCOMPARE(got->webhook->uuid, uuid);
    QCOMPARE(got->webhook->eventTypes, *draft.eventTypes);

    WebhookDraft change;
    change.eventTypes = QStringList {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")};
    change.retryType = WebhookDraft::Exponential;
    const auto updated = CallWaiter::result(m_client->updateWebhook(target(), uuid, change));
    QVERIFY(updated && updated->ok());
    QCOMPARE(updated->webhook->eventTypes, *change.eventTypes);
    QCOMPARE(updated->webhook->retryType, WebhookDraft::Exponential);
    QCOMPARE(updated->webhook->url, *draft.url);
    QCOMPARE(m_sandbox->receivedRequests().constLast().body,
        QByteArrayLiteral("{\"eventTypes\":[\"meeting.started\",\"meeting.ended\"],\"retryType\":\"exponential\"}"));

    const auto deleted = CallWaiter::result(m_client->deleteWebhook(target(), uuid));
    QVERIFY(deleted && deleted->ok());
    QCOMPARE(deleted->httpStatus, 200);
    QCOMPARE(m_sandbox->receivedRequests().constLast().method, QByteArrayLiteral("DELETE"));

    const auto gone = CallWaiter::result(m_client->getWebhook(target(), uuid));
    QVERIFY(gone);
    QCOMPARE(gone->error.kind, ApiError::Kind::NotFound);
    QCOMPARE(gone->httpStatus, 404);

    const auto updateGone = CallWaiter::result(m_client->updateWebhook(target(), uuid, change));
    QVERIFY(updateGone);
    QCOMPARE(updateGone->error.kind, ApiError::Kind::NotFound);
}

void tst_DailyClientSandbox::cancelWhileThePingHangs()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    m_sandbox->setPingTimeoutMs(1500);
    QSignalSpy handled(m_sandbox.get(), &SandboxServer::requestHandled);

    DailyCall* call = m_client->createWebhook(target(), draftFor(localUrl(silent.serverPort())));
    std::optional<ApiResult> result;
    connect(call, &DailyCall::finished, this, [&result](const ApiResult& r) { result = r; });
    // Cancel only once the sandbox is waiting on its ping, the situation a person would cancel in.
    QTRY_VERIFY_WITH_TIMEOUT(silent.connectionCount() > 0, 10000);
    call->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QCOMPARE(result->error.kind, ApiError::Kind::Cancelled);

    // The sandbox still finishes its side when the ping times out, and must cope with the client being gone.
    QTRY_COMPARE_WITH_TIMEOUT(handled.size(), 1, 10000);
    QCOMPARE(handled.first().at(2).toInt(), 400);
    QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));

    // And it keeps serving.
    const auto listed = CallWaiter::result(m_client->listWebhooks(target()));
    QVERIFY(listed && listed->ok());
    QVERIFY(listed->webhooks.isEmpty());
}

QTEST_GUILESS_MAIN(tst_DailyClientSandbox)
#include "tst_DailyClientSandbox.moc"
