// The test-event window driven by its widgets against a real server on 127.0.0.1: one event arrives signed as
// Daily signs it (checked with ReferenceSignature, not the product's code), with its status, latency and answer
// shown; an edited payload goes out as written; a payload that is not JSON, a bad URL or a secret that is not
// base64 keep Send off with the reason; "Send one of each" fills 32 rows as the answers come; a refused
// connection and a redirect are sentences; Escape cancels; the form keeps what was typed.

#include "ClosedPort.h"
#include "DeliverySender.h"
#include "EventCatalog.h"
#include "ExactServer.h"
#include "Limits.h"
#include "ReferenceSignature.h"
#include "TestEventDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kBasicAuth = QStringLiteral("dXNlcjpwYXNzd29yZA==");

template<typename T>
T* child(QWidget* parent, const char* name)
{
    auto* widget = parent->findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no child named %s", name);
    return widget;
}

QJsonObject json(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object();
}

// The object names focus visits from `from` on, pressing Tab `count` times, as a keyboard user moves.
QStringList tabOrder(QWidget* from, int count)
{
    QStringList names;
    from->setFocus();
    for (int i = 0; i < count; ++i) {
        QWidget* focused = QApplication::focusWidget();
        names << (focused ? focused->objectName() : QString());
        QTest::keyClick(focused, Qt::Key_Tab);
    }
    return names;
}

} // namespace

class tst_TestEventDialog : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    struct Fixture
    {
        explicit Fixture(QNetworkAccessManager* network)
            : sender(network)
            , dialog(&sender)
        {
            if (!server.listen())
                qFatal("the test server did not start");
            server.setHandler([](const ExactServer::Request&) {
                return ExactServer::Response::http(200, QByteArrayLiteral("{\"received\":true}"));
            });
            dialog.show();
        }

        bool send()
        {
            QSignalSpy done(&dialog, &TestEventDialog::sendFinished);
            QTest::mouseClick(child<QPushButton>(&dialog, "sendButton"), Qt::LeftButton);
            return done.wait(15000);
        }

        ExactServer server;
        DeliverySender sender;
        TestEventDialog dialog;
    };

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(ReferenceSignature::matchesTheFixedVectors());
    }

    void defaultState()
    {
        Fixture f(&m_network);
        auto* combo = child<QComboBox>(&f.dialog, "typeCombo");
        QCOMPARE(f.dialog.eventType(), QStringLiteral("meeting.started"));
        QCOMPARE(combo->currentText(), QStringLiteral("meeting.started"));
        // 32 types to choose, grouped under their families' titles, which cannot be chosen.
        int selectable = 0;
        auto* model = qobject_cast<QStandardItemModel*>(combo->model());
        QVERIFY(model);
        for (int row = 0; row < combo->count(); ++row)
            selectable += model->item(row)->isEnabled() ? 1 : 0;
        QCOMPARE(selectable, 32);
        QCOMPARE(combo->count(), 32 + int(EventCatalog::builtIn().families().size()));
        QVERIFY(!model->item(0)->isEnabled());
        QCOMPARE(model->item(0)->text(), QStringLiteral("Meeting"));
        QVERIFY(child<QLabel>(&f.dialog, "typeDescription")->text().contains(QLatin1String("meeting")));

        // The catalog's sample, to edit.
        const QJsonObject payload
            = QJsonDocument::fromJson(child<QPlainTextEdit>(&f.dialog, "payloadEdit")->toPlainText().toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("room")).toString(), QStringLiteral("TrPmUX1DzjSwDaAFDfNj"));

        // Nowhere to send yet: Send is off and says why; no secret: a warning, not a refusal.
        auto* send = child<QPushButton>(&f.dialog, "sendButton");
        QVERIFY(!send->isEnabled());
        QVERIFY(child<QLabel>(&f.dialog, "statusLabel")->text().contains(QLatin1String("Send is off")));
        QVERIFY(send->toolTip().contains(QLatin1String("Enter the URL")));
        QVERIFY(child<QLabel>(&f.dialog, "hmacNoteLabel")->text().contains(QLatin1String("unsigned")));
        QCOMPARE(child<QLineEdit>(&f.dialog, "hmacEdit")->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QLineEdit>(&f.dialog, "basicAuthEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(child<QWidget>(&f.dialog, "progressBar")->isHidden());
        QVERIFY(child<QWidget>(&f.dialog, "cancelButton")->isHidden());

        // Every field has a label that leads to it (Alt+letter, and its name for a screen reader).
        for (const char* name : {"typeCombo", "payloadEdit", "urlEdit", "hmacEdit", "basicAuthEdit"}) {
            bool labelled = false;
            for (const QLabel* label : f.dialog.findChildren<QLabel*>())
                labelled = labelled || label->buddy() == child<QWidget>(&f.dialog, name);
            QVERIFY2(labelled, name);
            QVERIFY2(!child<QWidget>(&f.dialog, name)->accessibleName().isEmpty(), name);
        }
    }

    void typingANamesStartJumpsToIt()
    {
        Fixture f(&m_network);
        auto* combo = child<QComboBox>(&f.dialog, "typeCombo");
        combo->setFocus();
        QTest::keyClicks(combo, QStringLiteral("dialin.s"));
        QCOMPARE(f.dialog.eventType(), QStringLiteral("dialin.stopped"));
        QVERIFY(child<QLabel>(&f.dialog, "typeDescription")->text().contains(QLatin1String("inbound")));
        QVERIFY(child<QPlainTextEdit>(&f.dialog, "payloadEdit")->toPlainText().contains(QLatin1String("sip_from")));
    }

    void tabFollowsTheForm()
    {
        Fixture f(&m_network);
        f.dialog.setTarget(QStringLiteral("https://example.com/hook"), kSecret, kBasicAuth);
        QVERIFY(QTest::qWaitForWindowActive(&f.dialog));
        // The form top to bottom, each secret's Show after it, Send before One of each, then the answer; Close last.
        const QStringList expected {QStringLiteral("typeCombo"), QStringLiteral("payloadEdit"),
            QStringLiteral("resetSampleButton"), QStringLiteral("urlEdit"), QStringLiteral("hmacEdit"),
            QStringLiteral("hmacRevealButton"), QStringLiteral("basicAuthEdit"),
            QStringLiteral("basicAuthRevealButton"), QStringLiteral("sendButton"), QStringLiteral("sendAllButton"),
            QStringLiteral("qt_tabwidget_tabbar"), QStringLiteral("answerEdit")};
        QCOMPARE(tabOrder(child<QWidget>(&f.dialog, "typeCombo"), int(expected.size())), expected);
    }

    void sendsOneEventSignedAsDailySignsIt()
    {
        Fixture f(&m_network);
        f.dialog.setTarget(f.server.url(QStringLiteral("/daily/webhook")).toString(), kSecret, kBasicAuth,
            QStringLiteral("the webhook of production"));
        QVERIFY(child<QLabel>(&f.dialog, "sourceLabel")->text().contains(QLatin1String("production")));
        QCOMPARE(f.dialog.focusWidget(), child<QWidget>(&f.dialog, "sendButton")); // Enter sends
        // The secrets arrive masked; Show reveals them.
        auto* hmac = child<QLineEdit>(&f.dialog, "hmacEdit");
        QCOMPARE(hmac->text(), kSecret);
        QCOMPARE(hmac->echoMode(), QLineEdit::Password);
        QTest::mouseClick(child<QToolButton>(&f.dialog, "hmacRevealButton"), Qt::LeftButton);
        QCOMPARE(hmac->echoMode(), QLineEdit::Normal);
        QVERIFY(child<QLabel>(&f.dialog, "hmacNoteLabel")->isHidden());

        f.dialog.setEventType(QStringLiteral("participant.joined"));
        QVERIFY(QJsonDocument::fromJson(child<QPlainTextEdit>(&f.dialog, "payloadEdit")->toPlainText().toUtf8())
                    .object()
                    .contains(QStringLiteral("user_name")));
        QVERIFY(child<QPushButton>(&f.dialog, "sendButton")->isEnabled());
        QVERIFY(f.send());

        QCOMPARE(f.server.requests().size(), 1);
        const ExactServer::Request request = f.server.requests().constFirst();
        QCOMPARE(request.method, QByteArrayLiteral("POST"));
        QCOMPARE(request.path, QByteArrayLiteral("/daily/webhook"));
        const QByteArray timestamp = request.header("X-Webhook-Timestamp");
        QCOMPARE(timestamp.size(), 13); // milliseconds, as Daily was seen to send
        QCOMPARE(request.header("X-Webhook-Signature"), ReferenceSignature::of(kSecret, timestamp, request.body));
        QCOMPARE(request.header("Authorization"), QByteArrayLiteral("Basic ") + kBasicAuth.toLatin1());
        const QJsonObject body = json(request.body);
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("participant.joined"));

        // What came back: status, latency, the id sent, the answer's start.
        QCOMPARE(child<QLabel>(&f.dialog, "statusValue")->text(), QStringLiteral("200"));
        QVERIFY(child<QLabel>(&f.dialog, "latencyValue")->text().endsWith(QLatin1String(" ms")));
        QCOMPARE(child<QLabel>(&f.dialog, "eventIdValue")->text(), body.value(QStringLiteral("id")).toString());
        QVERIFY(child<QLabel>(&f.dialog, "signedValue")->text().startsWith(QLatin1String("yes")));
        QCOMPARE(child<QPlainTextEdit>(&f.dialog, "answerEdit")->toPlainText(), QStringLiteral("{\"received\":true}"));
        QVERIFY(child<QLabel>(&f.dialog, "headlineLabel")->text().contains(QLatin1String("answered 200")));
        QVERIFY(child<QLabel>(&f.dialog, "statusLabel")->text().contains(QLatin1String("Answered 200")));
        QVERIFY(!f.dialog.isBusy());
        QVERIFY(child<QPushButton>(&f.dialog, "sendButton")->isEnabled());
    }

    void aLongAnswerShowsItsStart()
    {
        Fixture f(&m_network);
        const QByteArray answer = QByteArray(Limits::MaxDeliveryAnswerBytes * 2, 'a');
        f.server.setHandler([answer](const ExactServer::Request&) {
            return ExactServer::Response::http(200, answer, QByteArrayLiteral("text/plain"));
        });
        f.dialog.setTarget(f.server.url().toString(), kSecret, QString());
        QVERIFY(f.send());
        const QString shown = child<QPlainTextEdit>(&f.dialog, "answerEdit")->toPlainText();
        QVERIFY(shown.startsWith(QString(Limits::MaxShownBodyBytes, QLatin1Char('a')) + QLatin1Char('\n')));
        QVERIFY2(shown.contains(QStringLiteral("the first %1 bytes are shown").arg(Limits::MaxShownBodyBytes)),
            qPrintable(shown.right(200)));
        QVERIFY2(shown.contains(QLatin1String("reading stopped at the limit")), qPrintable(shown.right(200)));
    }

    void anEditedPayloadGoesOutAsWritten()
    {
        Fixture f(&m_network);
        f.dialog.setTarget(f.server.url().toString(), kSecret, QString());
        f.dialog.setEventType(QStringLiteral("recording.started"));
        auto* payload = child<QPlainTextEdit>(&f.dialog, "payloadEdit");
        payload->setFocus();
        payload->selectAll();
        QTest::keyClicks(payload, QStringLiteral("{ \"zeta\": 1.50, \"alpha\": \"a b\" }"));
        QVERIFY(f.send());
        const QByteArray sent = f.server.requests().constFirst().body;
        QVERIFY2(sent.contains("\"type\":\"recording.started\""), sent.constData());
        QVERIFY2(sent.contains("\"payload\":{\"zeta\":1.50,\"alpha\":\"a b\"}"), sent.constData());

        // Another type keeps the edited payload and says so; Reset sample puts that type's sample in.
        f.dialog.setEventType(QStringLiteral("meeting.ended"));
        QVERIFY(payload->toPlainText().contains(QLatin1String("zeta")));
        auto* note = child<QLabel>(&f.dialog, "payloadProblemLabel");
        QVERIFY(note->text().contains(QLatin1String("recording.started")));
        QTest::mouseClick(child<QPushButton>(&f.dialog, "resetSampleButton"), Qt::LeftButton);
        QVERIFY(!payload->toPlainText().contains(QLatin1String("zeta")));
        QVERIFY(payload->toPlainText().contains(QLatin1String("end_ts")));
        QVERIFY(note->isHidden());
    }

    void invalidJsonKeepsSendOffWithTheReason()
    {
        Fixture f(&m_network);
        const QString url = f.server.url().toString();
        f.dialog.setTarget(url, kSecret, QString());
        auto* payload = child<QPlainTextEdit>(&f.dialog, "payloadEdit");
        auto* send = child<QPushButton>(&f.dialog, "sendButton");
        QVERIFY(send->isEnabled());
        payload->setFocus();
        QTest::keyClick(payload, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(payload, Qt::Key_Backspace); // the closing brace
        QVERIFY(!send->isEnabled());
        auto* problem = child<QLabel>(&f.dialog, "payloadProblemLabel");
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(QLatin1String("not JSON")), qPrintable(problem->text()));
        QVERIFY(child<QLabel>(&f.dialog, "statusLabel")->text().startsWith(QLatin1String("Send is off: The payload")));
        QVERIFY(send->toolTip().contains(QLatin1String("not JSON")));
        f.dialog.send(); // nothing goes out, and nothing typed is lost
        QTest::qWait(100);
        QVERIFY(f.server.requests().isEmpty());
        QVERIFY(payload->toPlainText().contains(QLatin1String("meeting_id")));
        QCOMPARE(child<QLineEdit>(&f.dialog, "urlEdit")->text(), url);

        payload->setPlainText(QStringLiteral("[1, 2]"));
        QVERIFY(problem->text().contains(QLatin1String("one JSON object")));
        QVERIFY(!send->isEnabled());
        // "One of each" sends the catalog's samples, so the payload does not stop it.
        QVERIFY(child<QPushButton>(&f.dialog, "sendAllButton")->isEnabled());

        f.dialog.resetSample();
        QVERIFY(send->isEnabled());
        QVERIFY(problem->isHidden());
    }

    void urlAndSecretsAreCheckedAsTyped_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("hmac");
        QTest::addColumn<QString>("basicAuth");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain http elsewhere")
            << QStringLiteral("http://example.com/hook") << kSecret << QString() << QStringLiteral("urlProblemLabel")
            << QStringLiteral("this machine (localhost) only");
        QTest::newRow("credentials in the URL")
            << QStringLiteral("https://user:pw@example.com/hook") << kSecret << QString()
            << QStringLiteral("urlProblemLabel") << QStringLiteral("Basic auth");
        QTest::newRow("secret not base64")
            << QStringLiteral("https://example.com/hook") << QStringLiteral("whsec_abc!") << QString()
            << QStringLiteral("hmacNoteLabel") << QStringLiteral("must be base64");
        QTest::newRow("basic auth on two lines")
            << QStringLiteral("https://example.com/hook") << kSecret << QStringLiteral("a\nb")
            << QStringLiteral("basicAuthProblemLabel") << QStringLiteral("one line");
    }
    void urlAndSecretsAreCheckedAsTyped()
    {
        QFETCH(QString, url);
        QFETCH(QString, hmac);
        QFETCH(QString, basicAuth);
        QFETCH(QString, label);
        QFETCH(QString, expected);
        Fixture f(&m_network);
        f.dialog.setTarget(url, hmac, basicAuth);
        auto* shown = f.dialog.findChild<QLabel*>(label);
        QVERIFY(!shown->isHidden());
        QVERIFY2(shown->text().contains(expected), qPrintable(shown->text()));
        QVERIFY(!child<QPushButton>(&f.dialog, "sendButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&f.dialog, "sendAllButton")->isEnabled());
        QVERIFY(f.dialog.sendProblem().contains(expected));
    }

    void withoutASecretTheEventGoesOutUnsigned()
    {
        Fixture f(&m_network);
        f.dialog.setTarget(f.server.url().toString(), QString(), QString());
        QVERIFY(child<QPushButton>(&f.dialog, "sendButton")->isEnabled());
        QVERIFY(!child<QLabel>(&f.dialog, "hmacNoteLabel")->isHidden());
        QVERIFY(f.send());
        const ExactServer::Request request = f.server.requests().constFirst();
        QVERIFY(!request.hasHeader("X-Webhook-Signature"));
        QVERIFY(!request.hasHeader("Authorization"));
        QVERIFY(child<QLabel>(&f.dialog, "signedValue")->text().startsWith(QLatin1String("no")));
    }

    void sendOneOfEachFillsARowPerType()
    {
        Fixture f(&m_network);
        // One type is refused, to see its row say so.
        f.server.setHandler([](const ExactServer::Request& request) {
            if (json(request.body).value(QStringLiteral("type")).toString() == QLatin1String("recording.error"))
                return ExactServer::Response::http(500, QByteArrayLiteral("boom"), QByteArrayLiteral("text/plain"));
            return ExactServer::Response::http(204, QByteArray());
        });
        f.dialog.setTarget(f.server.url().toString(), kSecret, QString());
        QSignalSpy finished(&f.dialog, &TestEventDialog::batchFinished);
        QTest::mouseClick(child<QPushButton>(&f.dialog, "sendAllButton"), Qt::LeftButton);
        QVERIFY(f.dialog.isBusy());
        QVERIFY(!child<QPushButton>(&f.dialog, "sendButton")->isEnabled());
        QVERIFY(!child<QWidget>(&f.dialog, "cancelButton")->isHidden());
        auto* table = child<QTableWidget>(&f.dialog, "batchTable");
        QCOMPARE(table->rowCount(), 32);
        QVERIFY(finished.wait(60000));
        QVERIFY(!f.dialog.isBusy());

        const QStringList types = EventCatalog::builtIn().types();
        for (int row = 0; row < 32; ++row) {
            QCOMPARE(table->item(row, TestEventDialog::TypeColumn)->text(), types.at(row));
            QVERIFY(table->item(row, TestEventDialog::LatencyColumn)->text().endsWith(QLatin1String(" ms")));
            const QString verdict = table->item(row, TestEventDialog::VerdictColumn)->text();
            if (types.at(row) == QLatin1String("recording.error")) {
                QCOMPARE(table->item(row, TestEventDialog::StatusColumn)->text(), QStringLiteral("500"));
                QVERIFY2(verdict.contains(QLatin1String("not accepted")), qPrintable(verdict));
            } else {
                QCOMPARE(table->item(row, TestEventDialog::StatusColumn)->text(), QStringLiteral("204"));
                QCOMPARE(verdict, QStringLiteral("accepted"));
            }
        }
        QVERIFY(child<QLabel>(&f.dialog, "batchSummaryLabel")->text().startsWith(QLatin1String("31 of 32")));

        // Every type arrived once, each signed afresh.
        QCOMPARE(f.server.requests().size(), 32);
        QSet<QString> arrived;
        for (const ExactServer::Request& request : f.server.requests()) {
            arrived.insert(json(request.body).value(QStringLiteral("type")).toString());
            QCOMPARE(request.header("X-Webhook-Signature"),
                ReferenceSignature::of(kSecret, request.header("X-Webhook-Timestamp"), request.body));
        }
        QCOMPARE(arrived.size(), 32);
    }

    void cancelEndsSendingAndKeepsTheForm()
    {
        Fixture f(&m_network);
        f.server.setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
        f.dialog.setTarget(f.server.url().toString(), kSecret, QString());
        QSignalSpy finished(&f.dialog, &TestEventDialog::batchFinished);
        QTest::mouseClick(child<QPushButton>(&f.dialog, "sendAllButton"), Qt::LeftButton);
        QTRY_COMPARE(f.server.requests().size(), 4); // four at a time, none answered
        QTest::mouseClick(child<QPushButton>(&f.dialog, "cancelButton"), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(5000));
        auto* table = child<QTableWidget>(&f.dialog, "batchTable");
        QVERIFY(table->item(31, TestEventDialog::VerdictColumn)->text().contains(QLatin1String("Cancelled")));
        QVERIFY(!f.dialog.isBusy());

        // Escape while one event is on its way cancels it; the window stays, with everything typed.
        QSignalSpy sent(&f.dialog, &TestEventDialog::sendFinished);
        QTest::mouseClick(child<QPushButton>(&f.dialog, "sendButton"), Qt::LeftButton);
        QTRY_COMPARE(f.server.requests().size(), 5);
        QTest::keyClick(&f.dialog, Qt::Key_Escape);
        QVERIFY(sent.count() == 1 || sent.wait(5000));
        QVERIFY(f.dialog.isVisible());
        QVERIFY(child<QLabel>(&f.dialog, "headlineLabel")->text().contains(QLatin1String("Cancelled")));
        QCOMPARE(child<QLineEdit>(&f.dialog, "hmacEdit")->text(), kSecret);
        QTest::keyClick(&f.dialog, Qt::Key_Escape);
        QVERIFY(!f.dialog.isVisible());
    }

    void aRefusedConnectionIsASentence()
    {
        Fixture f(&m_network);
        const QString url = ClosedPort::url(QStringLiteral("/hook")).toString();
        f.dialog.setTarget(url, kSecret, kBasicAuth);
        QVERIFY(f.send());
        const QString headline = child<QLabel>(&f.dialog, "headlineLabel")->text();
        QVERIFY2(headline.contains(QLatin1String("No answer from ") + url), qPrintable(headline));
        QVERIFY2(headline.contains(QLatin1String("Nothing is listening there")), qPrintable(headline));
        QCOMPARE(child<QLabel>(&f.dialog, "statusValue")->text(), QStringLiteral("no answer"));
        QVERIFY(child<QLabel>(&f.dialog, "statusLabel")->text().startsWith(QLatin1String("No answer: ")));
        // The form is as it was, ready to send again.
        QCOMPARE(child<QLineEdit>(&f.dialog, "urlEdit")->text(), url);
        QCOMPARE(child<QLineEdit>(&f.dialog, "basicAuthEdit")->text(), kBasicAuth);
        QVERIFY(child<QPushButton>(&f.dialog, "sendButton")->isEnabled());
    }

    void aRedirectIsReportedNotFollowed()
    {
        Fixture f(&m_network);
        const QUrl elsewhere = f.server.url(QStringLiteral("/elsewhere"));
        f.server.setHandler([elsewhere](const ExactServer::Request&) {
            return ExactServer::Response::raw("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + elsewhere.toEncoded()
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });
        f.dialog.setTarget(f.server.url(QStringLiteral("/hook")).toString(), kSecret, QString());
        QVERIFY(f.send());
        QTest::qWait(100);
        QCOMPARE(f.server.requests().size(), 1);
        const QString headline = child<QLabel>(&f.dialog, "headlineLabel")->text();
        QVERIFY2(headline.contains(QLatin1String("answered 307, a redirect to ") + elsewhere.toString()),
            qPrintable(headline));
        QVERIFY(headline.contains(QLatin1String("not followed")));
        QCOMPARE(child<QLabel>(&f.dialog, "statusValue")->text(), QStringLiteral("307"));
    }
};

QTEST_MAIN(tst_TestEventDialog)
#include "tst_TestEventDialog.moc"
