// Takes the README's screenshots from the real windows: the sandbox as `daily-webhooks --sandbox` runs it, a few
// domains in the states an operator meets (delivering, FAILED, none yet, a wrong key), the create window after a
// failed verification ping, a test event sent from the detail pane, the signature checker naming a mistake, and the
// Deliveries window receiving signed events. Run by packaging/screenshots/take-screenshots.sh.

#include "AppIdentity.h"
#include "DeliveriesWindow.h"
#include "DeliveryListModel.h"
#include "DeliverySender.h"
#include "EventCatalog.h"
#include "EventTypePicker.h"
#include "MainWindow.h"
#include "PendingDelivery.h"
#include "SandboxWorld.h"
#include "Signature.h"
#include "SignatureCheckerDialog.h"
#include "TestEvent.h"
#include "TestEventDialog.h"
#include "UserPrompts.h"
#include "WebhookDetailPane.h"
#include "WebhookEditorDialog.h"
#include "WebhookForm.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget* window, const QString& path)
{
    QApplication::processEvents();
    const bool ok = window->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
    return ok;
}

bool waitFor(QObject* sender, const char* signal)
{
    QSignalSpy spy(sender, signal);
    const bool ok = spy.wait(15000);
    if (!ok)
        std::printf("timed out waiting for %s\n", signal + 1);
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication::setApplicationDisplayName(AppIdentity::displayName());
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();

    SandboxWorld world;
    UserPrompts prompts;
    if (!world.isReady())
        return 1;
    SandboxServer& sandbox = world.sandbox;
    DomainStore& domains = world.domains;
    for (const QString& name : {QStringLiteral("production"), QStringLiteral("staging"),
             QStringLiteral("customer-acme"), QStringLiteral("customer-globex")}) {
        // globex's key is wrong, as a typo would make it
        if (!world.addDomain(name, QStringLiteral("key-") + name, name != QLatin1String("customer-globex")))
            return 1;
    }
    const AppServices services = world.services(&prompts);
    MainWindow window(services);
    window.resize(1360, 860);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    window.refreshAll();
    if (!waitFor(&window, SIGNAL(refreshFinished())))
        return 1;

    auto createOn = [&](const QString& name, const QStringList& events, bool failPing) {
        window.selectDomain(domains.domainByName(name)->id);
        window.openCreate();
        WebhookEditorDialog* editor = window.editor();
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("useDemoButton")), Qt::LeftButton);
        editor->findChild<EventTypePicker*>(QStringLiteral("eventTypePicker"))->setSelectedTypes(events);
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("hmacGenerateButton")), Qt::LeftButton);
        sandbox.setDemoEndpointStatus(failPing ? 500 : 200);
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("submitButton")), Qt::LeftButton);
        return waitFor(&window, SIGNAL(changeFinished(bool)));
    };

    // 1. The create window after a failed verification ping: the reason, the next step, the form intact.
    if (!createOn(QStringLiteral("staging"),
            {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended"),
                QStringLiteral("recording.ready-to-download")},
            true))
        return 1;
    window.editor()->resize(900, 900);
    bool ok = save(window.editor(), outDir + QStringLiteral("/create-error.png"));
    window.editor()->reject();

    // 2. The console: production delivering, acme switched off by Daily, staging without a webhook, globex with a
    //    wrong key; production selected, its secret masked.
    if (!createOn(QStringLiteral("production"),
            {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended"), QStringLiteral("participant.joined"),
                QStringLiteral("recording.ready-to-download")},
            false)
        || !createOn(QStringLiteral("customer-acme"), {QStringLiteral("recording.ready-to-download")}, false))
        return 1;
    sandbox.setWebhookState(sandbox.webhookOf(QStringLiteral("key-customer-acme"))->uuid, QStringLiteral("FAILED"), 3);
    window.refreshAll();
    if (!waitFor(&window, SIGNAL(refreshFinished())))
        return 1;
    window.selectDomain(domains.domainByName(QStringLiteral("production"))->id);
    ok = save(&window, outDir + QStringLiteral("/main-window.png")) && ok;

    // 3. A test event sent to production's webhook from its detail pane: status, latency, the answer's start.
    QTest::mouseClick(window.detailPane()->findChild<QPushButton*>(QStringLiteral("testEventButton")), Qt::LeftButton);
    TestEventDialog* testEvent = window.testEventDialog();
    testEvent->setEventType(QStringLiteral("participant.joined"));
    testEvent->resize(900, 800);
    QSignalSpy testEventSent(testEvent, &TestEventDialog::sendFinished);
    QTest::mouseClick(testEvent->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
    if (!testEventSent.wait(15000))
        return 1;
    ok = save(testEvent, outDir + QStringLiteral("/test-event.png")) && ok;
    testEvent->close();

    // 4. The signature checker on the reference's vector, signed by code that used the secret's text as the key.
    const QString secret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
    const QByteArray timestamp = QByteArrayLiteral("1708526033049");
    const QByteArray body = QByteArrayLiteral(
        "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
        "1708526032\",\"payload\":{\"start_ts\":1708526032.672,\"meeting_id\":\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\","
        "\"room\":\"TrPmUX1DzjSwDaAFDfNj\"},\"event_ts\":1708526033.049}");
    const QByteArray textKeyed
        = QMessageAuthenticationCode::hash(timestamp + '.' + body, secret.toUtf8(), QCryptographicHash::Sha256)
              .toBase64();
    window.openSignatureChecker();
    SignatureCheckerDialog* checker = window.signatureChecker();
    checker->resize(900, 820);
    checker->findChild<QPlainTextEdit*>(QStringLiteral("headersEdit"))
        ->setPlainText(QStringLiteral("content-type: application/json\nx-webhook-signature: %1\n"
                                      "x-webhook-timestamp: %2")
                           .arg(QString::fromLatin1(textKeyed), QString::fromLatin1(timestamp)));
    checker->findChild<QPlainTextEdit*>(QStringLiteral("bodyEdit"))->setPlainText(QString::fromUtf8(body));
    checker->findChild<QLineEdit*>(QStringLiteral("secretEdit"))->setText(secret);
    checker->check();
    if (!QTest::qWaitFor([checker] { return checker->isUpToDate(); }, 15000))
        return 1;
    ok = save(checker, outDir + QStringLiteral("/signature-checker.png")) && ok;
    // 5. The Deliveries window: staging's webhook pointing at the receiver (its verification ping first), then
    //    events signed with its secret, one with another secret, one answered 503 on purpose and one signed with
    //    a secret the user added; a meeting.started selected, its verdict and reason shown.
    window.findChild<QAction*>(QStringLiteral("deliveriesAction"))->trigger();
    DeliveriesWindow* deliveries = window.deliveries();
    deliveries->resize(1240, 820);
    if (!deliveries->start()) {
        deliveries->setPortOverride(0); // 8790 is taken on this machine
        if (!deliveries->start())
            return 1;
    }
    window.selectDomain(domains.domainByName(QStringLiteral("staging"))->id);
    window.openCreate();
    WebhookEditorDialog* editor = window.editor();
    auto* url = editor->findChild<QLineEdit*>(QStringLiteral("urlEdit"));
    url->setText(deliveries->receiverUrl() + QStringLiteral("webhooks/daily"));
    editor->findChild<EventTypePicker*>(QStringLiteral("eventTypePicker"))
        ->setSelectedTypes({QStringLiteral("meeting.started"), QStringLiteral("meeting.ended"),
            QStringLiteral("participant.joined"), QStringLiteral("recording.ready-to-download")});
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("hmacGenerateButton")), Qt::LeftButton);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("submitButton")), Qt::LeftButton);
    if (!waitFor(&window, SIGNAL(changeFinished(bool))))
        return 1;
    const std::optional<Webhook> staging = sandbox.webhookOf(QStringLiteral("key-staging"));
    if (!staging)
        return 1;

    DeliverySender sender(&world.network);
    const QUrl to(deliveries->receiverUrl() + QStringLiteral("webhooks/daily"));
    const auto deliver = [&](const QString& type, const QString& secret) {
        const auto event = TestEvent::sample(type, EventCatalog::builtIn());
        if (!event)
            return false;
        PendingDelivery* pending = sender.send(event->request(to, secret, {}, QDateTime::currentMSecsSinceEpoch()));
        bool done = false;
        QObject::connect(pending, &PendingDelivery::finished, pending, [&done] { done = true; });
        return QTest::qWaitFor([&done] { return done; }, 15000);
    };
    auto* answer = deliveries->findChild<QComboBox*>(QStringLiteral("answerCombo"));
    const QString userSecret = Signature::generateSecret();
    bool sent = deliver(QStringLiteral("meeting.started"), staging->hmac)
        && deliver(QStringLiteral("participant.joined"), staging->hmac)
        && deliver(QStringLiteral("participant.joined"), Signature::generateSecret());
    answer->setCurrentIndex(answer->findData(503));
    sent = sent && deliver(QStringLiteral("participant.left"), staging->hmac);
    answer->setCurrentIndex(answer->findData(200));
    deliveries->findChild<QLineEdit*>(QStringLiteral("secretLabelEdit"))->setText(QStringLiteral("my app"));
    deliveries->findChild<QLineEdit*>(QStringLiteral("secretEdit"))->setText(userSecret);
    deliveries->findChild<QPushButton*>(QStringLiteral("addSecretButton"))->click();
    sent = sent && deliver(QStringLiteral("recording.ready-to-download"), userSecret)
        && deliver(QStringLiteral("meeting.ended"), staging->hmac);
    if (!sent)
        return 1;
    deliveries->show();
    deliveries->raise();
    DeliveryListModel* listed = deliveries->model();
    for (int row = 0; row < listed->rowCount(); ++row) {
        if (listed->deliveryAt(row).eventType == QLatin1String("meeting.started"))
            deliveries->selectDelivery(listed->idAt(row));
    }
    ok = save(deliveries, outDir + QStringLiteral("/deliveries.png")) && ok;
    return ok ? 0 : 1;
}
