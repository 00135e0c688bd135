// Which known webhooks a local receiver checks deliveries with: URLs that point at its port on this computer (a
// table), the secrets and basic auth of those webhooks labelled by domain, and the user's own secrets after them,
// as the verifier then judges a delivery signed with each.

#include "KnownWebhookSecrets.h"
#include "Signature.h"

#include <QTest>

namespace {

DomainState domain(const QString& name, const QList<Webhook>& webhooks)
{
    DomainState state;
    state.domainId = name + QStringLiteral("-id");
    state.domainName = name;
    state.status = DomainState::Status::Loaded;
    state.webhooks = webhooks;
    return state;
}

Webhook webhook(const QString& url, const QString& hmac, const QString& basicAuth = {})
{
    Webhook w;
    w.url = url;
    w.hmac = hmac;
    w.basicAuth = basicAuth;
    return w;
}

const QString kProductionSecret = QStringLiteral("cHJvZHVjdGlvbi1zZWNyZXQtMzItYnl0ZXMtbG9uZyE=");
const QString kStagingSecret = QStringLiteral("c3RhZ2luZy1zZWNyZXQtMzItYnl0ZXMtbG9uZy4uLiE=");
const QString kUserSecret = QStringLiteral("dXNlci1hZGRlZC1zZWNyZXQtMzItYnl0ZXMtbG9uZyE=");

} // namespace

class tst_KnownWebhookSecrets : public QObject
{
    Q_OBJECT

private slots:
    void pointsAt_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("here");
        QTest::newRow("127.0.0.1 and the port") << QStringLiteral("http://127.0.0.1:8790/hooks") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost:8790/") << true;
        QTest::newRow("LOCALHOST in capitals") << QStringLiteral("http://LOCALHOST:8790") << true;
        QTest::newRow("::1") << QStringLiteral("http://[::1]:8790/a?b=c") << true;
        QTest::newRow("another loopback address") << QStringLiteral("http://127.0.0.2:8790/") << true;
        QTest::newRow("https to this computer") << QStringLiteral("https://localhost:8790/") << true;
        QTest::newRow("another port") << QStringLiteral("http://127.0.0.1:8791/hooks") << false;
        QTest::newRow("no port is 80") << QStringLiteral("http://127.0.0.1/hooks") << false;
        QTest::newRow("another host") << QStringLiteral("http://example.com:8790/hooks") << false;
        QTest::newRow("a private address") << QStringLiteral("http://192.168.1.2:8790/hooks") << false;
        QTest::newRow("a host named like loopback") << QStringLiteral("http://127.0.0.1.example.com:8790/") << false;
        QTest::newRow("another scheme") << QStringLiteral("ftp://127.0.0.1:8790/") << false;
        QTest::newRow("not a URL") << QStringLiteral("127.0.0.1:8790 hooks") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void pointsAt()
    {
        QFETCH(QString, url);
        QFETCH(bool, here);
        QCOMPARE(KnownWebhookSecrets::pointsAt(url, 8790), here);
    }

    void portZeroIsNoReceiver() { QVERIFY(!KnownWebhookSecrets::pointsAt(QStringLiteral("http://127.0.0.1/"), 0)); }

    void theWebhooksPointingHereByDomain()
    {
        const QList<DomainState> states {
            domain(QStringLiteral("production"),
                {webhook(QStringLiteral("http://127.0.0.1:8790/daily"), kProductionSecret, QStringLiteral("dTpw"))}),
            domain(QStringLiteral("elsewhere"),
                {webhook(QStringLiteral("https://hooks.example.com/daily"), kStagingSecret)}),
            domain(QStringLiteral("no secret"), {webhook(QStringLiteral("http://localhost:8790/"), QString())}),
            domain(QStringLiteral("staging"),
                {webhook(QStringLiteral("http://localhost:8790/staging"), kStagingSecret, QStringLiteral("other"))}),
            domain(QStringLiteral("not loaded"), {}),
        };
        const KnownWebhookSecrets::Match match = KnownWebhookSecrets::forReceiver(states, 8790);
        QCOMPARE(match.labels,
            (QStringList {QStringLiteral("production webhook"), QStringLiteral("no secret webhook"),
                QStringLiteral("staging webhook")}));
        QCOMPARE(match.candidates.size(), 2);
        QCOMPARE(match.candidates.at(0).label, QStringLiteral("production webhook"));
        QCOMPARE(match.candidates.at(0).secretBase64, kProductionSecret);
        QCOMPARE(match.candidates.at(1).label, QStringLiteral("staging webhook"));
        QCOMPARE(match.basicAuth, QStringLiteral("dTpw"));
        QVERIFY(KnownWebhookSecrets::forReceiver(states, 9000).labels.isEmpty());
    }

    // The verifier names the webhook (or the user's secret) that signed a delivery.
    void theVerifierNamesTheSigner_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("label");
        using V = DeliveryVerifier::SignatureVerdict;
        QTest::newRow("a known webhook's secret")
            << kProductionSecret << int(V::Valid) << QStringLiteral("production webhook");
        QTest::newRow("a secret the user added") << kUserSecret << int(V::Valid) << QStringLiteral("my app");
        QTest::newRow("the secret of a webhook pointing elsewhere") << kStagingSecret << int(V::Invalid) << QString();
    }
    void theVerifierNamesTheSigner()
    {
        QFETCH(QString, secret);
        QFETCH(int, verdict);
        QFETCH(QString, label);
        const QList<DomainState> states {
            domain(QStringLiteral("production"),
                {webhook(QStringLiteral("http://127.0.0.1:8790/daily"), kProductionSecret)}),
            domain(QStringLiteral("staging"), {webhook(QStringLiteral("https://example.com/"), kStagingSecret)}),
        };
        const DeliveryVerifier verifier
            = KnownWebhookSecrets::verifier(states, 8790, {{QStringLiteral("my app"), kUserSecret}}, 60);
        QCOMPARE(verifier.toleranceSeconds(), 60);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray timestamp = QByteArray::number(now.toMSecsSinceEpoch());
        const QByteArray body = "{\"type\":\"meeting.started\"}";
        QString matched;
        const auto result
            = verifier.signatureVerdict(timestamp, Signature::sign(secret, timestamp, body), body, now, &matched);
        QCOMPARE(int(result), verdict);
        QCOMPARE(matched, label);
    }
};

QTEST_GUILESS_MAIN(tst_KnownWebhookSecrets)
#include "tst_KnownWebhookSecrets.moc"
