// The Replay dialog of the Deliveries window driven by its widgets: rows a real receiver stored in a real SQLite
// file, replayed through a DeliverySender to an ExactServer on 127.0.0.1. As received the request arrives byte for
// byte (Authorization given back); re-signed it verifies with the new secret (the tests' reference signature). A
// URL outside the rule, a secret that is not base64 and a row that cannot be replayed keep Send off with the
// reason; a refused connection is a sentence, and the fields keep what was typed.

#include "ClosedPort.h"
#include "DeliveryReplay.h"
#include "DeliveryReplayDialog.h"
#include "DeliverySender.h"
#include "DeliveryStore.h"
#include "ExactServer.h"
#include "RawConnection.h"
#include "Receiver.h"
#include "ReferenceSignature.h"
#include "UrlPolicy.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kNewSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");
const QByteArray kTarget = QByteArrayLiteral("/daily/a%2Fb/../c?x=1+2&e=%7E");
const QByteArray kBody = QByteArrayLiteral("{\"type\":\"meeting.started\",\"id\":\"met-sta-1\"}");

// A delivery as Daily sends it through a tunnel, signed with kSecret, with basic auth.
QByteArray delivery(const QByteArray& timestamp)
{
    return "POST " + kTarget + " HTTP/1.1\r\nHost: abc.tunnel.example\r\nContent-Type: application/json\r\n"
        + "X-Webhook-Timestamp: " + timestamp + "\r\nX-Webhook-Signature: "
        + ReferenceSignature::of(kSecret, timestamp, kBody) + "\r\nAuthorization: Basic dXNlcjpwYXNz\r\n"
        + "Content-Length: " + QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody;
}

} // namespace

class tst_DeliveryReplayDialog : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<DeliveryStore>();
        QString error;
        QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("deliveries.sqlite")), &error), qPrintable(error));
        m_receiver = std::make_unique<Receiver>(m_store.get());
        m_receiver->setMaxBodyBytes(4096);
        QVERIFY2(m_receiver->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        m_app = std::make_unique<ExactServer>();
        QVERIFY(m_app->listen());
        m_app->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(202, "{\"ok\":1}"); });
        m_sender = std::make_unique<DeliverySender>(&m_network);
        m_dialog = std::make_unique<DeliveryReplayDialog>(m_sender.get());
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_sender.reset();
        m_app.reset();
        m_receiver.reset();
        m_store.reset();
        m_dir.reset();
    }

    void asReceivedArrivesByteExact()
    {
        const QByteArray timestamp = DeliveryRequest::timestampNow();
        const StoredDelivery row = storeRaw(delivery(timestamp));
        QVERIFY(row.id > 0);
        m_dialog->setDelivery(row);
        type(QStringLiteral("urlEdit"), m_app->url(QStringLiteral("/app")).toString());
        type(QStringLiteral("basicAuthEdit"), QStringLiteral("dXNlcjpwYXNz"));
        QVERIFY(edit(QStringLiteral("basicAuthEdit"))->echoMode() == QLineEdit::Password);
        QVERIFY(button(QStringLiteral("sendButton"))->isEnabled());
        QVERIFY(!edit(QStringLiteral("secretEdit"))->isEnabled());

        QCOMPARE(clickSend().httpStatus, 202);
        QCOMPARE(m_app->requests().size(), 1);
        const QByteArray expected = "POST /app" + kTarget + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + QByteArray::number(m_app->port()) + "\r\nContent-Type: application/json\r\nX-Webhook-Timestamp: "
            + timestamp + "\r\nX-Webhook-Signature: " + ReferenceSignature::of(kSecret, timestamp, kBody)
            + "\r\nAuthorization: Basic dXNlcjpwYXNz\r\nContent-Length: " + QByteArray::number(kBody.size())
            + "\r\nConnection: close\r\n\r\n" + kBody;
        QCOMPARE(m_app->requests().constFirst().raw, expected);
        QCOMPARE(label(QStringLiteral("statusValue")), QStringLiteral("202"));
        QVERIFY(label(QStringLiteral("latencyValue")).endsWith(QLatin1String(" ms")));
        QVERIFY2(label(QStringLiteral("headlineLabel")).startsWith(QStringLiteral("✔")),
            qPrintable(label(QStringLiteral("headlineLabel"))));
        QCOMPARE(m_dialog->findChild<QPlainTextEdit*>(QStringLiteral("answerView"))->toPlainText(),
            QStringLiteral("{\"ok\":1}"));
        QCOMPARE(label(QStringLiteral("authorizationValue")),
            DeliveryReplay::authorizationText(DeliveryReplay::Authorization::Restored));
        // The credential is in no result.
        for (QLabel* shown : m_dialog->findChildren<QLabel*>())
            QVERIFY2(!shown->text().contains(QLatin1String("dXNlcjpwYXNz")), qPrintable(shown->objectName()));

        // Without the credential, Authorization is left out and the dialog says so.
        edit(QStringLiteral("basicAuthEdit"))->clear();
        QCOMPARE(clickSend().httpStatus, 202);
        QVERIFY(!m_app->requests().constLast().hasHeader("Authorization"));
        QCOMPARE(label(QStringLiteral("authorizationValue")),
            DeliveryReplay::authorizationText(DeliveryReplay::Authorization::Dropped));
    }

    void resignedVerifiesWithTheNewSecret()
    {
        const QByteArray oldTimestamp = QByteArrayLiteral("1708526033049");
        const StoredDelivery row = storeRaw(delivery(oldTimestamp));
        m_dialog->setDelivery(row);
        type(QStringLiteral("urlEdit"), m_app->url(QStringLiteral("/")).toString());
        m_dialog->findChild<QRadioButton*>(QStringLiteral("resignRadio"))->click();
        QVERIFY(!button(QStringLiteral("sendButton"))->isEnabled());
        QVERIFY(edit(QStringLiteral("secretEdit"))->echoMode() == QLineEdit::Password);
        type(QStringLiteral("secretEdit"), kNewSecret);
        m_dialog->findChild<QToolButton*>(QStringLiteral("secretRevealButton"))->click();
        QVERIFY(edit(QStringLiteral("secretEdit"))->echoMode() == QLineEdit::Normal);

        QCOMPARE(clickSend().httpStatus, 202);
        const ExactServer::Request got = m_app->requests().constFirst();
        QCOMPARE(got.path, kTarget);
        QCOMPARE(got.body, kBody);
        const QByteArray timestamp = got.header("X-Webhook-Timestamp");
        QVERIFY(timestamp != oldTimestamp);
        QVERIFY(timestamp.toLongLong() > oldTimestamp.toLongLong());
        QCOMPARE(got.headerCount("X-Webhook-Signature"), 1);
        QCOMPARE(got.header("X-Webhook-Signature"), ReferenceSignature::of(kNewSecret, timestamp, kBody));
        QVERIFY(got.header("X-Webhook-Signature") != ReferenceSignature::of(kSecret, timestamp, kBody));
        for (QLabel* shown : m_dialog->findChildren<QLabel*>())
            QVERIFY2(!shown->text().contains(kNewSecret), qPrintable(shown->objectName()));
    }

    void badUrlOrSecretBlocksSend_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("resign");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("problemLabel");
        QTest::addColumn<QString>("problem");
        const QString example = QStringLiteral("http://example.com/hooks");
        QTest::newRow("http elsewhere") << example << false << QString() << QStringLiteral("urlProblemLabel")
                                        << UrlPolicy::forwardUrlProblem(example);
        const QString query = QStringLiteral("http://127.0.0.1:9/hooks?a=1");
        QTest::newRow("a query") << query << false << QString() << QStringLiteral("urlProblemLabel")
                                 << UrlPolicy::forwardUrlProblem(query);
        QTest::newRow("secret not base64")
            << QStringLiteral("http://127.0.0.1:9/") << true << QStringLiteral("not base64!")
            << QStringLiteral("secretProblemLabel")
            << QStringLiteral("The secret must be base64, as Daily's hmac is (for example from the webhook's detail).");
        QTest::newRow("no secret") << QStringLiteral("http://127.0.0.1:9/") << true << QString() << QString()
                                   << QStringLiteral("Paste the HMAC secret to re-sign with.");
    }

    void badUrlOrSecretBlocksSend()
    {
        QFETCH(QString, url);
        QFETCH(bool, resign);
        QFETCH(QString, secret);
        QFETCH(QString, problemLabel);
        QFETCH(QString, problem);
        QVERIFY(!problem.isEmpty());
        m_dialog->setDelivery(storeRaw(delivery(DeliveryRequest::timestampNow())));
        type(QStringLiteral("urlEdit"), url);
        if (resign)
            m_dialog->findChild<QRadioButton*>(QStringLiteral("resignRadio"))->click();
        type(QStringLiteral("secretEdit"), secret);
        QVERIFY(!button(QStringLiteral("sendButton"))->isEnabled());
        QCOMPARE(m_dialog->sendProblem(), problem);
        QCOMPARE(label(QStringLiteral("sendProblemLabel")), problem);
        if (!problemLabel.isEmpty()) {
            QVERIFY(m_dialog->findChild<QLabel*>(problemLabel)->isVisible());
            QCOMPARE(label(problemLabel), QStringLiteral("⚠ ") + problem);
        }
        // Even called directly, send() starts nothing.
        m_dialog->send();
        QVERIFY(!m_dialog->isBusy());
        QCOMPARE(edit(QStringLiteral("urlEdit"))->text(), url);
    }

    void aRowThatCannotBeReplayedSaysWhy()
    {
        StoredDelivery row = storeRaw(delivery(DeliveryRequest::timestampNow()));
        row.problem = QStringLiteral("body too large");
        row.status = 413;
        row.body.clear();
        m_dialog->setDelivery(row);
        type(QStringLiteral("urlEdit"), m_app->url().toString());
        const QString reason = DeliveryReplay::problem(row);
        QVERIFY(reason.contains(QLatin1String("cannot be replayed")));
        QCOMPARE(m_dialog->sendProblem(), reason);
        QVERIFY(!button(QStringLiteral("sendButton"))->isEnabled());
        QCOMPARE(label(QStringLiteral("deliveryProblemLabel")), QStringLiteral("⚠ ") + reason);
    }

    void aRefusedConnectionIsASentence()
    {
        m_dialog->setDelivery(storeRaw(delivery(DeliveryRequest::timestampNow())));
        const QString closed = ClosedPort::url(QStringLiteral("/hooks")).toString();
        type(QStringLiteral("urlEdit"), closed);
        m_dialog->findChild<QRadioButton*>(QStringLiteral("resignRadio"))->click();
        type(QStringLiteral("secretEdit"), kNewSecret);
        type(QStringLiteral("basicAuthEdit"), QStringLiteral("dXNlcjpwYXNz"));
        const DeliveryResult result = clickSend();
        QCOMPARE(result.failure, DeliveryResult::Failure::ConnectionRefused);
        const QString headline = label(QStringLiteral("headlineLabel"));
        QVERIFY2(headline.startsWith(QStringLiteral("✘ No answer from")), qPrintable(headline));
        QVERIFY2(headline.contains(result.failureText), qPrintable(headline));
        QVERIFY(result.failureText.endsWith(QLatin1Char('.')));
        QCOMPARE(label(QStringLiteral("statusValue")), QStringLiteral("no answer"));
        // Everything typed stays, and Send is on again.
        QCOMPARE(edit(QStringLiteral("urlEdit"))->text(), closed);
        QCOMPARE(edit(QStringLiteral("secretEdit"))->text(), kNewSecret);
        QCOMPARE(edit(QStringLiteral("basicAuthEdit"))->text(), QStringLiteral("dXNlcjpwYXNz"));
        QVERIFY(m_dialog->findChild<QRadioButton*>(QStringLiteral("resignRadio"))->isChecked());
        QVERIFY(button(QStringLiteral("sendButton"))->isEnabled());
    }

private:
    // Sends `bytes` to the receiver and returns the row it stored, whole.
    StoredDelivery storeRaw(const QByteArray& bytes)
    {
        const qint64 before = m_store->count();
        QTcpSocket socket;
        if (!RawConnection::open(socket, m_receiver->port()))
            return {};
        socket.write(bytes);
        if (!QTest::qWaitFor([&] { return m_store->count() == before + 1; }, RawConnection::DefaultTimeoutMs))
            return {};
        return m_store->byId(m_store->pageBefore({}, 0, 1).constFirst().id).value_or(StoredDelivery {});
    }

    // Clicks Send and waits for the shown result; nothing (an empty result) unless Send was off while under way.
    DeliveryResult clickSend()
    {
        std::optional<DeliveryResult> result;
        const QMetaObject::Connection connection = connect(m_dialog.get(), &DeliveryReplayDialog::sendFinished, this,
            [&result](const DeliveryResult& r) { result = r; });
        button(QStringLiteral("sendButton"))->click();
        const bool sendOffWhileBusy = m_dialog->isBusy() && !button(QStringLiteral("sendButton"))->isEnabled();
        [[maybe_unused]] const bool ended = QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
        disconnect(connection);
        return sendOffWhileBusy ? result.value_or(DeliveryResult {}) : DeliveryResult {};
    }

    void type(const QString& name, const QString& text)
    {
        QLineEdit* field = edit(name);
        field->clear();
        QTest::keyClicks(field, text);
    }

    QLineEdit* edit(const QString& name) const { return m_dialog->findChild<QLineEdit*>(name); }
    QPushButton* button(const QString& name) const { return m_dialog->findChild<QPushButton*>(name); }
    QString label(const QString& name) const { return m_dialog->findChild<QLabel*>(name)->text(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DeliveryStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<ExactServer> m_app;
    QNetworkAccessManager m_network;
    std::unique_ptr<DeliverySender> m_sender;
    std::unique_ptr<DeliveryReplayDialog> m_dialog;
};

QTEST_MAIN(tst_DeliveryReplayDialog)
#include "tst_DeliveryReplayDialog.moc"
