// The Deliveries window driven by its widgets, with its real Receiver on 127.0.0.1 (a free port) and a real SQLite
// store in a temporary folder, sent real signed deliveries over HTTP: a delivery appears in the list and in
// detail (headers, indented body and raw bytes, verdicts with their reasons), a known webhook's secret and a
// secret the user adds make it "valid", the filters and the count, the chosen answer is what the sender gets,
// forwards and their URL rule, Start and Stop, a port taken by another program said plainly, and the shown
// delivery copied as curl to the Replay to URL or opened in the Replay dialog.

#include "AppSettings.h"
#include "DeliveriesWindow.h"
#include "DeliveryListModel.h"
#include "DeliveryReplayDialog.h"
#include "DeliveryRequest.h"
#include "DeliverySender.h"
#include "DomainStates.h"
#include "ExactServer.h"
#include "PendingDelivery.h"
#include "Signature.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kWebhookSecret = QStringLiteral("cHJvZHVjdGlvbi1zZWNyZXQtMzItYnl0ZXMtbG9uZyE=");
const QString kUserSecret = QStringLiteral("dXNlci1hZGRlZC1zZWNyZXQtMzItYnl0ZXMtbG9uZyE=");
const QByteArray kStartedBody = "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-1\",\"payload\":"
                                "{\"room\":\"lobby\",\"start_ts\":1708526033},\"event_ts\":1708526033.049}";
const QByteArray kEndedBody = "{\"version\":\"1.0.0\",\"type\":\"meeting.ended\",\"id\":\"met-end-2\",\"payload\":"
                              "{\"room\":\"kitchen\"},\"event_ts\":1708526099.5}";

} // namespace

class tst_DeliveriesWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DailyWebhooksTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_DeliveriesWindow"));
    }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<AppSettings>();
        m_states = std::make_unique<DomainStates>();
        m_window = std::make_unique<DeliveriesWindow>(
            m_settings.get(), m_states.get(), m_dir->filePath(QStringLiteral("deliveries.sqlite")));
        m_window->setPortOverride(0);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_states.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void theDefaultState()
    {
        AppSettings settings;
        DeliveriesWindow fresh(&settings, nullptr, m_dir->filePath(QStringLiteral("other.sqlite")));
        QVERIFY(!fresh.isReceiving());
        QCOMPARE(fresh.receiverUrl(), QStringLiteral("http://127.0.0.1:8790/"));
        QCOMPARE(
            fresh.findChild<QLabel*>(QStringLiteral("urlValue"))->text(), QStringLiteral("http://127.0.0.1:8790/"));
        QVERIFY(fresh.findChild<QPushButton*>(QStringLiteral("startButton"))->isEnabled());
        QVERIFY(!fresh.findChild<QPushButton*>(QStringLiteral("stopButton"))->isEnabled());
        QCOMPARE(fresh.findChild<QComboBox*>(QStringLiteral("answerCombo"))->currentData().toInt(), 200);
        QCOMPARE(fresh.findChild<QSpinBox*>(QStringLiteral("delaySpin"))->value(), 0);
        QCOMPARE(fresh.findChild<QLabel*>(QStringLiteral("countLabel"))->text(), QStringLiteral("0 deliveries"));
        // Every event type of the catalog, and every verdict, can be filtered on.
        QCOMPARE(fresh.findChild<QComboBox*>(QStringLiteral("typeFilterCombo"))->count(), 33);
        QCOMPARE(fresh.findChild<QComboBox*>(QStringLiteral("signatureFilterCombo"))->count(), 6);
        QVERIFY(!fresh.findChild<QTabWidget*>(QStringLiteral("detailTabs"))->isEnabled());
        QVERIFY(fresh.findChild<QLineEdit*>(QStringLiteral("secretEdit"))->echoMode() == QLineEdit::Password);
        QVERIFY(!fresh.findChild<QPushButton*>(QStringLiteral("copyBodyButton"))->isEnabled());
    }

    // The whole way: a webhook of a domain points here with its secret; Daily's delivery arrives, is listed,
    // and its detail shows the verdict naming the webhook, the headers and the body.
    void aDeliveryAppearsWithItsDetail()
    {
        QVERIFY(clickStart());
        knowWebhook(QStringLiteral("production"), url(QStringLiteral("/daily")), kWebhookSecret);
        QCOMPARE(send(QStringLiteral("/daily?x=1"), kStartedBody, kWebhookSecret).httpStatus, 200);

        DeliveryListModel* model = m_window->model();
        QTRY_COMPARE(model->rowCount(), 1);
        const auto cell = [model](int column) { return model->index(0, column).data().toString(); };
        QCOMPARE(cell(DeliveryListModel::RequestColumn), QStringLiteral("POST /daily?x=1"));
        QCOMPARE(cell(DeliveryListModel::TypeColumn), QStringLiteral("meeting.started"));
        QCOMPARE(cell(DeliveryListModel::EventIdColumn), QStringLiteral("met-sta-1"));
        QCOMPARE(cell(DeliveryListModel::SignatureColumn), QStringLiteral("valid · production webhook"));
        QCOMPARE(cell(DeliveryListModel::StatusColumn), QStringLiteral("200"));
        QCOMPARE(label(QStringLiteral("countLabel")), QStringLiteral("1 delivery"));

        select(0);
        QCOMPARE(label(QStringLiteral("signatureValue")),
            QStringLiteral("valid, signed with the secret of production webhook"));
        QCOMPARE(label(QStringLiteral("signatureReason")),
            DeliveryVerifier::describe(DeliveryVerifier::SignatureVerdict::Valid));
        QCOMPARE(label(QStringLiteral("basicAuthValue")), QStringLiteral("none expected"));
        QCOMPARE(label(QStringLiteral("basicAuthReason")),
            DeliveryVerifier::describe(DeliveryVerifier::BasicAuthVerdict::NotExpected));
        QCOMPARE(label(QStringLiteral("eventValue")), QStringLiteral("meeting.started, id met-sta-1"));
        QCOMPARE(label(QStringLiteral("requestValue")), QStringLiteral("POST /daily?x=1"));
        QCOMPARE(label(QStringLiteral("answeredValue")), QStringLiteral("200"));
        const QString headers = text(QStringLiteral("headersView"));
        QVERIFY2(headers.contains(QLatin1String("X-Webhook-Signature: ")), qPrintable(headers));
        QVERIFY2(headers.contains(QLatin1String("X-Webhook-Timestamp: ")), qPrintable(headers));
        // The body indented for reading, and exactly as it arrived one click away.
        const QString pretty = text(QStringLiteral("bodyView"));
        // In the order it came (a parsed document would sort the keys).
        QVERIFY2(pretty.startsWith(QLatin1String("{\n    \"version\": \"1.0.0\",\n    \"type\": \"meeting.started\",")),
            qPrintable(pretty));
        QVERIFY2(
            pretty.contains(QLatin1String("\n    \"payload\": {\n        \"room\": \"lobby\"")), qPrintable(pretty));
        m_window->findChild<QCheckBox*>(QStringLiteral("rawBodyCheck"))->click();
        QCOMPARE(text(QStringLiteral("bodyView")), QString::fromUtf8(kStartedBody));
        m_window->findChild<QPushButton*>(QStringLiteral("copyBodyButton"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(kStartedBody));
    }

    void basicAuthOfTheKnownWebhookIsChecked()
    {
        QVERIFY(clickStart());
        knowWebhook(QStringLiteral("production"), url(QStringLiteral("/")), kWebhookSecret, QStringLiteral("dTpw"));
        QCOMPARE(send(QStringLiteral("/"), kStartedBody, kWebhookSecret, QStringLiteral("dTpw")).httpStatus, 200);
        QCOMPARE(send(QStringLiteral("/"), kStartedBody, kWebhookSecret, QStringLiteral("d3Jvbmc=")).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 2);
        QCOMPARE(
            m_window->model()->index(1, DeliveryListModel::BasicAuthColumn).data().toString(), QStringLiteral("valid"));
        QCOMPARE(
            m_window->model()->index(0, DeliveryListModel::BasicAuthColumn).data().toString(), QStringLiteral("wrong"));
        select(0);
        QCOMPARE(label(QStringLiteral("basicAuthReason")),
            DeliveryVerifier::describe(DeliveryVerifier::BasicAuthVerdict::Wrong));
        // The basic auth a request carried is never shown or stored.
        QVERIFY(!text(QStringLiteral("headersView")).contains(QLatin1String("d3Jvbmc=")));
    }

    // A secret the app does not know is "no secret known" until the user adds it; then deliveries are valid and
    // carry the user's label. The secret is shown nowhere.
    void aSecretTheUserAddsWorks()
    {
        QVERIFY(clickStart());
        QCOMPARE(send(QStringLiteral("/hook"), kStartedBody, kUserSecret).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 1);
        QCOMPARE(signatureCell(0), QStringLiteral("no secret known"));

        auto* labelEdit = m_window->findChild<QLineEdit*>(QStringLiteral("secretLabelEdit"));
        auto* secretEdit = m_window->findChild<QLineEdit*>(QStringLiteral("secretEdit"));
        auto* add = m_window->findChild<QPushButton*>(QStringLiteral("addSecretButton"));
        auto* problem = m_window->findChild<QLabel*>(QStringLiteral("secretProblemLabel"));
        QTest::keyClicks(secretEdit, QStringLiteral("not base64!"));
        add->click();
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QLatin1String("base64")), qPrintable(problem->text()));
        QVERIFY(!problem->text().contains(QLatin1String("not base64!")));
        QVERIFY(m_window->verifier().candidates().isEmpty());

        secretEdit->clear();
        QTest::keyClicks(labelEdit, QStringLiteral("my app"));
        QTest::keyClicks(secretEdit, kUserSecret);
        add->click();
        QVERIFY(!problem->isVisible());
        QVERIFY(secretEdit->text().isEmpty());
        auto* list = m_window->findChild<QListWidget*>(QStringLiteral("addedSecretsList"));
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("my app"));

        QCOMPARE(send(QStringLiteral("/hook"), kStartedBody, kUserSecret).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 2);
        QCOMPARE(signatureCell(0), QStringLiteral("valid · my app"));
        // Earlier deliveries keep the verdict they got when they arrived.
        QCOMPARE(signatureCell(1), QStringLiteral("no secret known"));
        for (QLabel* shown : m_window->findChildren<QLabel*>())
            QVERIFY(!shown->text().contains(kUserSecret));

        // Removed, it checks nothing any more.
        list->setCurrentRow(0);
        m_window->findChild<QPushButton*>(QStringLiteral("removeSecretButton"))->click();
        QCOMPARE(list->count(), 0);
        QCOMPARE(send(QStringLiteral("/hook"), kStartedBody, kUserSecret).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 3);
        QCOMPARE(signatureCell(0), QStringLiteral("no secret known"));
    }

    void aWebhookPointingElsewhereIsNotUsed()
    {
        QVERIFY(clickStart());
        knowWebhook(QStringLiteral("elsewhere"), QStringLiteral("https://hooks.example.com/daily"), kWebhookSecret);
        QVERIFY(label(QStringLiteral("knownSecretsLabel")).startsWith(QLatin1String("No webhook the app knows")));
        QCOMPARE(send(QStringLiteral("/"), kStartedBody, kWebhookSecret).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 1);
        QCOMPARE(signatureCell(0), QStringLiteral("no secret known"));
        knowWebhook(QStringLiteral("here"), url(QStringLiteral("/")), QStringLiteral("b3RoZXItc2VjcmV0"));
        QCOMPARE(label(QStringLiteral("knownSecretsLabel")),
            QStringLiteral("From the webhooks pointing here: here webhook. Yours below. New deliveries are checked "
                           "with them."));
        QCOMPARE(send(QStringLiteral("/"), kStartedBody, kWebhookSecret).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 2);
        QCOMPARE(signatureCell(0), QStringLiteral("invalid"));
    }

    void filtersAndTheCount()
    {
        QVERIFY(clickStart());
        knowWebhook(QStringLiteral("production"), url(QStringLiteral("/")), kWebhookSecret);
        send(QStringLiteral("/a"), kStartedBody, kWebhookSecret);
        send(QStringLiteral("/b"), kEndedBody, kWebhookSecret);
        send(QStringLiteral("/c"), kEndedBody, kUserSecret);
        QTRY_COMPARE(m_window->model()->rowCount(), 3);
        QCOMPARE(label(QStringLiteral("countLabel")), QStringLiteral("3 deliveries"));

        auto* type = m_window->findChild<QComboBox*>(QStringLiteral("typeFilterCombo"));
        type->setCurrentIndex(type->findData(QStringLiteral("meeting.ended")));
        QCOMPARE(requests(), (QStringList {QStringLiteral("POST /c"), QStringLiteral("POST /b")}));
        QCOMPARE(label(QStringLiteral("countLabel")), QStringLiteral("2 deliveries"));

        auto* signature = m_window->findChild<QComboBox*>(QStringLiteral("signatureFilterCombo"));
        signature->setCurrentIndex(signature->findData(QStringLiteral("invalid")));
        QCOMPARE(requests(), (QStringList {QStringLiteral("POST /c")}));
        QCOMPARE(label(QStringLiteral("countLabel")), QStringLiteral("1 delivery"));

        type->setCurrentIndex(0);
        signature->setCurrentIndex(0);
        QTest::keyClicks(m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit")), QStringLiteral("LOBBY"));
        QTRY_COMPARE(requests(), (QStringList {QStringLiteral("POST /a")}));
        QTRY_COMPARE(label(QStringLiteral("countLabel")), QStringLiteral("1 delivery"));

        // A new delivery that does not match stays out of the filtered list; one that does comes on top.
        send(QStringLiteral("/d"), kEndedBody, kWebhookSecret);
        send(QStringLiteral("/e"), kStartedBody, kWebhookSecret);
        QTRY_COMPARE(requests(), (QStringList {QStringLiteral("POST /e"), QStringLiteral("POST /a")}));
        QCOMPARE(label(QStringLiteral("countLabel")), QStringLiteral("2 deliveries"));
        m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"))->clear();
        QTRY_COMPARE(m_window->model()->rowCount(), 5);
    }

    // What the sender gets is what was chosen: any status, after the delay, or no answer at all.
    void theChosenAnswerIsWhatTheSenderGets_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("503") << 503;
        QTest::newRow("410") << 410;
        QTest::newRow("no answer") << 0;
    }
    void theChosenAnswerIsWhatTheSenderGets()
    {
        QFETCH(int, status);
        QVERIFY(clickStart());
        auto* answer = m_window->findChild<QComboBox*>(QStringLiteral("answerCombo"));
        answer->setCurrentIndex(answer->findData(status));
        QVERIFY(answer->currentIndex() >= 0);
        m_window->findChild<QSpinBox*>(QStringLiteral("delaySpin"))->setValue(300);
        const DeliveryResult result = send(QStringLiteral("/"), kStartedBody, kWebhookSecret);
        QCOMPARE(result.httpStatus, status);
        if (status != 0)
            QVERIFY2(result.latencyMs >= 300, qPrintable(QString::number(result.latencyMs)));
        // (Qt's client sends a request once more when the connection closes without an answer.)
        QTRY_VERIFY(m_window->model()->rowCount() >= 1);
        QCOMPARE(m_window->model()->index(0, DeliveryListModel::StatusColumn).data().toString(),
            status == 0 ? QStringLiteral("no answer") : QString::number(status));
    }

    void forwardsGoToTheAppAndItsAnswerIsShown()
    {
        ExactServer app;
        app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(202, "{\"ok\":1}"); });
        QVERIFY(app.listen());
        QVERIFY(clickStart());
        auto* forward = m_window->findChild<QLineEdit*>(QStringLiteral("forwardEdit"));
        auto* problem = m_window->findChild<QLabel*>(QStringLiteral("forwardProblemLabel"));
        auto* answer = m_window->findChild<QComboBox*>(QStringLiteral("answerCombo"));
        QTest::keyClicks(forward, QStringLiteral("http://example.com/hooks"));
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QLatin1String("not forwarded")), qPrintable(problem->text()));
        QVERIFY(answer->isEnabled());

        forward->clear();
        QTest::keyClicks(forward, app.url(QStringLiteral("/app")).toString());
        QVERIFY(!problem->isVisible());
        QVERIFY(!answer->isEnabled());
        QCOMPARE(send(QStringLiteral("/daily?x=1"), kStartedBody, kWebhookSecret).httpStatus, 202);
        QCOMPARE(app.requests().size(), 1);
        QCOMPARE(app.requests().first().path, QByteArrayLiteral("/app/daily?x=1"));
        QTRY_COMPARE(m_window->model()->rowCount(), 1);
        QTRY_VERIFY(m_window->model()->rowCount() == 1
            && m_window->model()
                   ->index(0, DeliveryListModel::StatusColumn)
                   .data()
                   .toString()
                   .startsWith(QStringLiteral("202 · app 202 in")));
        select(0);
        QVERIFY2(label(QStringLiteral("appAnswerSummary")).contains(QLatin1String("answered 202")),
            qPrintable(label(QStringLiteral("appAnswerSummary"))));
        QCOMPARE(text(QStringLiteral("appAnswerView")), QStringLiteral("{\"ok\":1}"));
        auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
        QVERIFY(tabs->isTabEnabled(tabs->indexOf(m_window->findChild<QWidget*>(QStringLiteral("appAnswerTab")))));

        m_window->findChild<QCheckBox*>(QStringLiteral("forwardAnswer200Check"))->click();
        QCOMPARE(send(QStringLiteral("/"), kStartedBody, kWebhookSecret).httpStatus, 200);
    }

    // Copy as curl: the command for the shown row, to the Replay to URL (the forward URL when none is typed),
    // the path exact; Authorization stays the placeholder, and the status bar says so.
    void copyAsCurlAndReplayOpenTheShownDelivery()
    {
        QVERIFY(clickStart());
        auto* copyCurl = m_window->findChild<QPushButton*>(QStringLiteral("copyCurlButton"));
        auto* replay = m_window->findChild<QPushButton*>(QStringLiteral("replayButton"));
        QVERIFY(!copyCurl->isEnabled());
        QVERIFY(!replay->isEnabled());
        QCOMPARE(
            send(QStringLiteral("/daily?x=1"), kStartedBody, kWebhookSecret, QStringLiteral("dXNlcjpwYXNz")).httpStatus,
            200);
        QCOMPARE(send(QStringLiteral("/other"), kEndedBody, kWebhookSecret).httpStatus, 200);
        QTRY_COMPARE(m_window->model()->rowCount(), 2);
        select(1); // the older: the one with basic auth
        QVERIFY(copyCurl->isEnabled());
        QVERIFY(replay->isEnabled());

        // No URL typed, no forward: the receiver itself.
        QCOMPARE(m_window->replayUrl(), m_window->receiverUrl());
        auto* forward = m_window->findChild<QLineEdit*>(QStringLiteral("forwardEdit"));
        QTest::keyClicks(forward, QStringLiteral("http://localhost:3000/app"));
        QCOMPARE(m_window->replayUrl(), QStringLiteral("http://localhost:3000/app"));
        auto* replayTo = m_window->findChild<QLineEdit*>(QStringLiteral("replayToEdit"));
        QTest::keyClicks(replayTo, QStringLiteral("http://127.0.0.1:4000/hooks"));
        QGuiApplication::clipboard()->clear();
        copyCurl->click();
        const QString command = QGuiApplication::clipboard()->text();
        QVERIFY2(command.startsWith(QLatin1String("curl ")), qPrintable(command));
        QVERIFY2(command.contains(QLatin1String("--path-as-is")), qPrintable(command));
        QVERIFY2(command.contains(QLatin1String("http://127.0.0.1:4000/hooks/daily?x=1")), qPrintable(command));
        QVERIFY2(command.contains(QLatin1String("Authorization: [redacted]")), qPrintable(command));
        QVERIFY2(!command.contains(QLatin1String("dXNlcjpwYXNz")), qPrintable(command));
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.contains(QLatin1String("[redacted]")), qPrintable(message));

        // A URL the replay rule refuses copies nothing and says why.
        replayTo->clear();
        QTest::keyClicks(replayTo, QStringLiteral("http://example.com/hooks"));
        QGuiApplication::clipboard()->setText(QStringLiteral("before"));
        copyCurl->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("before"));
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("⚠ Nothing copied")),
            qPrintable(m_window->statusBar()->currentMessage()));

        // Replay… opens the dialog for the shown row, with the Replay to URL; typing there changes both.
        replayTo->clear();
        QTest::keyClicks(replayTo, QStringLiteral("http://127.0.0.1:4000/hooks"));
        replay->click();
        DeliveryReplayDialog* dialog = m_window->replayDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->deliveryId(), m_window->model()->idAt(1));
        QCOMPARE(dialog->url(), QStringLiteral("http://127.0.0.1:4000/hooks"));
        QVERIFY2(dialog->sendProblem().isEmpty(), qPrintable(dialog->sendProblem()));
        auto* dialogUrl = dialog->findChild<QLineEdit*>(QStringLiteral("urlEdit"));
        dialogUrl->clear();
        QTest::keyClicks(dialogUrl, QStringLiteral("http://127.0.0.1:5000/x"));
        QCOMPARE(replayTo->text(), QStringLiteral("http://127.0.0.1:5000/x"));
        select(0);
        replay->click();
        QCOMPARE(m_window->replayDialog(), dialog);
        QCOMPARE(dialog->deliveryId(), m_window->model()->idAt(0));
        QCOMPARE(dialog->url(), QStringLiteral("http://127.0.0.1:5000/x"));
    }

    void startAndStop()
    {
        auto* start = m_window->findChild<QPushButton*>(QStringLiteral("startButton"));
        auto* stop = m_window->findChild<QPushButton*>(QStringLiteral("stopButton"));
        QSignalSpy receiving(m_window.get(), &DeliveriesWindow::receivingChanged);
        QVERIFY(clickStart());
        QCOMPARE(receiving.count(), 1);
        QVERIFY(!start->isEnabled());
        QVERIFY(stop->isEnabled());
        const quint16 port = m_window->port();
        QVERIFY(port != 0);
        QCOMPARE(label(QStringLiteral("urlValue")), QStringLiteral("http://127.0.0.1:%1/").arg(port));
        QVERIFY(label(QStringLiteral("receiverMessage")).startsWith(QLatin1String("Receiving on ")));
        m_window->findChild<QPushButton*>(QStringLiteral("copyUrlButton"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:%1/").arg(port));
        QCOMPARE(send(QStringLiteral("/"), kStartedBody, QString()).httpStatus, 200);

        stop->click();
        QVERIFY(!m_window->isReceiving());
        QCOMPARE(receiving.count(), 2);
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        const DeliveryResult refused = send(QStringLiteral("/"), kStartedBody, QString(), QString(), port);
        QCOMPARE(refused.failure, DeliveryResult::Failure::ConnectionRefused);
        // What was stored stays listed.
        QCOMPARE(m_window->model()->rowCount(), 1);
    }

    void aTakenPortIsSaidPlainly()
    {
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        m_window->setPortOverride(other.serverPort());
        m_window->findChild<QPushButton*>(QStringLiteral("startButton"))->click();
        QVERIFY(!m_window->isReceiving());
        const QString message = label(QStringLiteral("receiverMessage"));
        QVERIFY2(message.contains(
                     QStringLiteral("Port %1 on 127.0.0.1 is taken by another program").arg(other.serverPort())),
            qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("another port in the main window's Settings")), qPrintable(message));
        QVERIFY(m_window->findChild<QPushButton*>(QStringLiteral("startButton"))->isEnabled());
        // Once it is free, Start works.
        other.close();
        QVERIFY(clickStart());
    }

    // daily-webhooks-cli receive writes the same database: its rows appear while the window shows.
    void rowsOfTheCliAppear()
    {
        DeliveryStore cli;
        QVERIFY(cli.open(m_dir->filePath(QStringLiteral("deliveries.sqlite")), nullptr));
        StoredDelivery d;
        d.method = "POST";
        d.target = "/from-the-cli";
        d.status = 200;
        QVERIFY(cli.insert(d, nullptr) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 1, 10000);
        QCOMPARE(requests(), (QStringList {QStringLiteral("POST /from-the-cli")}));
    }

private:
    bool clickStart()
    {
        m_window->findChild<QPushButton*>(QStringLiteral("startButton"))->click();
        return m_window->isReceiving();
    }

    QString url(const QString& path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_window->port()).arg(path);
    }

    void knowWebhook(const QString& domain, const QString& webhookUrl, const QString& secret, const QString& basic = {})
    {
        DomainState state;
        state.domainId = domain + QStringLiteral("-id");
        state.domainName = domain;
        state.status = DomainState::Status::Loaded;
        Webhook webhook;
        webhook.url = webhookUrl;
        webhook.hmac = secret;
        webhook.basicAuth = basic;
        state.webhooks = {webhook};
        m_states->setState(state);
    }

    // A delivery signed as Daily signs it, over real HTTP, and the answer the sender got.
    DeliveryResult send(const QString& target, const QByteArray& body, const QString& secret,
        const QString& basicAuth = {}, quint16 port = 0)
    {
        const QUrl to(QStringLiteral("http://127.0.0.1:%1%2").arg(port ? port : m_window->port()).arg(target));
        const DeliveryRequest request
            = DeliveryRequest::signedPost(to, body, secret, basicAuth, DeliveryRequest::timestampNow(), "Daily/1.0");
        DeliverySender sender(&m_network);
        PendingDelivery* pending = sender.send(request);
        std::optional<DeliveryResult> result;
        connect(pending, &PendingDelivery::finished, this, [&result](const DeliveryResult& r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
            return {};
        return *result;
    }

    void select(int row)
    {
        auto* table = m_window->findChild<QTableView*>(QStringLiteral("deliveryTable"));
        const QModelIndex index = table->model()->index(row, 0);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        QCOMPARE(m_window->shownId(), m_window->model()->idAt(row));
    }

    QString signatureCell(int row) const
    {
        return m_window->model()->index(row, DeliveryListModel::SignatureColumn).data().toString();
    }

    QStringList requests() const
    {
        QStringList result;
        for (int row = 0; row < m_window->model()->rowCount(); ++row)
            result << m_window->model()->index(row, DeliveryListModel::RequestColumn).data().toString();
        return result;
    }

    QString label(const QString& name) const { return m_window->findChild<QLabel*>(name)->text(); }
    QString text(const QString& name) const { return m_window->findChild<QPlainTextEdit*>(name)->toPlainText(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<DomainStates> m_states;
    std::unique_ptr<DeliveriesWindow> m_window;
    QNetworkAccessManager m_network;
};

QTEST_MAIN(tst_DeliveriesWindow)
#include "tst_DeliveriesWindow.moc"
