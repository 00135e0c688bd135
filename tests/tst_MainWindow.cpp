// The real main window driven with QTest against the embedded sandbox, as a person (or an operator with many
// domains) would use it: create, edit, reactivate, delete, refresh many domains, the health watch, and the
// Deliveries window made on first use.

#include "AuditLog.h"
#include "BulkDomainParser.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DeliveriesWindow.h"
#include "DeliveryListModel.h"
#include "DeliveryRequest.h"
#include "DeliverySender.h"
#include "DomainStore.h"
#include "EventTypePicker.h"
#include "ExactServer.h"
#include "HistoryDialog.h"
#include "Limits.h"
#include "MainWindow.h"
#include "PendingDelivery.h"
#include "ReferenceSignature.h"
#include "RequestLogPane.h"
#include "SandboxServer.h"
#include "SandboxWorld.h"
#include "ScriptedPrompts.h"
#include "SecretClipboard.h"
#include "SettingsDialog.h"
#include "SignatureCheckerDialog.h"
#include "SilentServer.h"
#include "StallMeter.h"
#include "TestEventDialog.h"
#include "WebhookDetailPane.h"
#include "WebhookEditorDialog.h"
#include "WebhookExport.h"
#include "WebhookForm.h"
#include "WebhookTableModel.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

namespace {

bool clipboardMarkedAsSecret()
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    return mime && mime->data(SecretClipboard::PasswordManagerHintMimeType) == QByteArrayLiteral("secret");
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    struct Fixture : SandboxWorld
    {
        ScriptedPrompts prompts;
        std::unique_ptr<MainWindow> window;

        // Domains named `names`, each with the key of the same name registered in the sandbox (unless the
        // name starts with "bad", whose key the sandbox does not know).
        explicit Fixture(const QStringList& names = {QStringLiteral("sandbox")})
        {
            if (!isReady())
                qFatal("the sandbox world did not start");
            for (const QString& name : names) {
                if (!addDomain(name, keyOf(name), !name.startsWith(QLatin1String("bad"))))
                    qFatal("domain %s was not added", qPrintable(name));
            }
            window = std::make_unique<MainWindow>(services(&prompts));
            window->show();
        }

        bool refresh()
        {
            QSignalSpy done(window.get(), &MainWindow::refreshFinished);
            window->refreshAll();
            return done.wait(15000);
        }

        QString domainId(const QString& name) const { return domains.domainByName(name)->id; }

        template<typename T>
        T* editorChild(const char* name)
        {
            auto* widget = window->editor()->findChild<T*>(QLatin1String(name));
            if (!widget)
                qFatal("no editor child named %s", name);
            return widget;
        }

        // Fills the create form as a person would: the demo endpoint, one event type checked with the keyboard.
        void fillForm()
        {
            QTest::mouseClick(editorChild<QPushButton>("useDemoButton"), Qt::LeftButton);
            auto* tree = editorChild<QTreeWidget>("tree");
            tree->setFocus();
            tree->setCurrentItem(tree->topLevelItem(0)->child(0)); // meeting.started
            QTest::keyClick(tree, Qt::Key_Space);
        }

        bool submit()
        {
            QSignalSpy done(window.get(), &MainWindow::changeFinished);
            QTest::mouseClick(editorChild<QPushButton>("submitButton"), Qt::LeftButton);
            return done.wait(15000);
        }

        // Creates a webhook on a domain through the window.
        bool createOn(const QString& name)
        {
            window->selectDomain(domainId(name));
            window->openCreate();
            fillForm();
            return submit() && sandbox.webhookOf(keyOf(name)).has_value();
        }

        static QString keyOf(const QString& name)
        {
            return name == QLatin1String("sandbox") ? SandboxServer::demoApiKey() : QStringLiteral("key-") + name;
        }

        QAction* action(const char* name) { return window->findChild<QAction*>(QLatin1String(name)); }
    };

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void secretCopiesFollowTheClipboardSetting()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QCOMPARE(f.window->secretClipboard()->clearDelayMs(), f.settings.clipboardClearSeconds() * 1000);

        // Settings changes the delay of the window's one secret clipboard.
        f.window->openSettings();
        auto* dialog = f.window->findChild<SettingsDialog*>();
        QVERIFY(dialog);
        dialog->findChild<QSpinBox*>(QStringLiteral("clipboardClearSpin"))->setValue(1);
        dialog->accept();
        QCOMPARE(f.settings.clipboardClearSeconds(), 1);
        QCOMPARE(f.window->secretClipboard()->clearDelayMs(), 1000);

        // "Copy as curl" with the key goes through it; without the key it is a plain copy.
        auto* pane = f.window->findChild<RequestLogPane*>();
        auto* table = pane->findChild<QTableView*>(QStringLiteral("table"));
        QVERIFY(table->model()->rowCount() > 0);
        table->selectRow(0);
        pane->findChild<QCheckBox*>(QStringLiteral("revealCheck"))->setChecked(true);
        pane->copySelectedAsCurl();
        QVERIFY(QGuiApplication::clipboard()->text().contains(SandboxServer::demoApiKey()));
        QVERIFY(clipboardMarkedAsSecret());
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 5000);
        pane->copySelectedAsCurl(); // the box is for one copy only
        QVERIFY(!QGuiApplication::clipboard()->text().contains(SandboxServer::demoApiKey()));
        QVERIFY(!clipboardMarkedAsSecret());
        QVERIFY(!f.window->secretClipboard()->isClearPending());

        f.settings.setClipboardClearSeconds(Limits::DefaultClipboardClearSeconds); // the settings file is shared
    }

    void createShowsTheResultAndCopiesTheHmac()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QCOMPARE(f.window->model()->rowKind(0), WebhookTableModel::RowKind::NoWebhook);
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));

        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        f.window->openCreate();
        QVERIFY(f.window->editor()->isVisible());
        f.fillForm();
        QCOMPARE(f.editorChild<EventTypePicker>("eventTypePicker")->selectedTypes(),
            QStringList {QStringLiteral("meeting.started")});
        QSignalSpy done(f.window.get(), &MainWindow::changeFinished);
        QTest::mouseClick(f.editorChild<QPushButton>("submitButton"), Qt::LeftButton);
        QVERIFY(f.window->isRequestRunning());
        QVERIFY(!f.editorChild<QPushButton>("submitButton")->isEnabled());
        QVERIFY(done.wait(15000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(!f.window->editor()->isVisible());

        const auto stored = f.sandbox.webhookOf(SandboxServer::demoApiKey());
        QVERIFY(stored.has_value());
        QCOMPARE(f.window->model()->rowKind(0), WebhookTableModel::RowKind::Webhook);
        QCOMPARE(
            f.window->model()->index(0, WebhookTableModel::StateColumn).data().toString(), QStringLiteral("ACTIVE"));
        WebhookDetailPane* pane = f.window->detailPane();
        QCOMPARE(pane->displayedText(QStringLiteral("uuid")), stored->uuid);
        QCOMPARE(pane->displayedText(QStringLiteral("url")), f.sandbox.demoEndpointUrl().toString());
        QVERIFY(!pane->displayedText(QStringLiteral("hmac")).contains(stored->hmac));

        // Daily's ping reached the demo endpoint before the webhook was saved.
        QCOMPARE(f.sandbox.demoDeliveries().size(), 1);
        QCOMPARE(f.sandbox.demoDeliveries().first().body, QByteArrayLiteral("{\"test\":\"test\"}"));

        // Ctrl+Shift+C puts the whole secret on the clipboard; Ctrl+Shift+U the uuid; Ctrl+Shift+R reveals.
        f.window->activateWindow(); // the closed editor hands the focus back
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(f.window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), stored->hmac);
        QCOMPARE(stored->hmac.size(), 44);
        QVERIFY(clipboardMarkedAsSecret()); // and taken off the clipboard after the delay in Settings
        QVERIFY(f.window->secretClipboard()->isClearPending());
        QTest::keyClick(f.window.get(), Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), stored->uuid);
        QVERIFY(!clipboardMarkedAsSecret());
        QTest::keyClick(f.window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(pane->displayedText(QStringLiteral("hmac")), stored->hmac);

        // The change is in the history, without its secret in the database.
        QTRY_COMPARE(f.audit.entries().size(), 1);
        QCOMPARE(f.audit.entries().first().action, AuditEntry::Action::Create);
    }

    void aFailedPingKeepsEverythingTyped()
    {
        Fixture f;
        QVERIFY(f.refresh());
        f.sandbox.setDemoEndpointStatus(500);
        f.window->openCreate();
        f.fillForm();
        f.editorChild<QLineEdit>("basicAuthEdit")->setText(QStringLiteral("dXNlcjpwYXNz"));
        QTest::mouseClick(f.editorChild<QPushButton>("hmacGenerateButton"), Qt::LeftButton);
        const QString secret = f.editorChild<QLineEdit>("hmacEdit")->text();
        QVERIFY(f.submit());

        WebhookForm* form = f.window->editor()->form();
        QVERIFY2(form->errorMessage().contains(QLatin1String("could not get a 200")), qPrintable(form->errorMessage()));
        QVERIFY(form->errorMessage().contains(QLatin1String("500")));
        QVERIFY(f.window->editor()->isVisible());
        QVERIFY(!f.sandbox.webhookOf(SandboxServer::demoApiKey()).has_value());
        QCOMPARE(f.editorChild<QLineEdit>("urlEdit")->text(), f.sandbox.demoEndpointUrl().toString());
        QCOMPARE(f.editorChild<QLineEdit>("basicAuthEdit")->text(), QStringLiteral("dXNlcjpwYXNz"));
        QCOMPARE(f.editorChild<QLineEdit>("hmacEdit")->text(), secret);
        QCOMPARE(f.editorChild<EventTypePicker>("eventTypePicker")->selectedTypes(),
            QStringList {QStringLiteral("meeting.started")});
        QVERIFY(f.editorChild<QPushButton>("submitButton")->isEnabled());
        QCOMPARE(f.window->model()->rowKind(0), WebhookTableModel::RowKind::NoWebhook);

        // Fixing the endpoint and pressing Create again works, with the secret the user chose.
        f.sandbox.setDemoEndpointStatus(200);
        QVERIFY(f.submit());
        QCOMPARE(f.window->detailPane()->webhook()->hmac, secret);
    }

    void testEventsGoOutFromTheDetailPaneAndTheCreateWindow()
    {
        Fixture f;
        QVERIFY(f.refresh());

        // Before creating: the URL and secrets typed in the create window, so the endpoint can be tried first.
        f.window->openCreate();
        f.fillForm();
        f.editorChild<QLineEdit>("basicAuthEdit")->setText(QStringLiteral("dXNlcjpwYXNz"));
        QTest::mouseClick(f.editorChild<QPushButton>("hmacGenerateButton"), Qt::LeftButton);
        const QString typedSecret = f.editorChild<QLineEdit>("hmacEdit")->text();
        QTest::mouseClick(f.editorChild<QPushButton>("testEventButton"), Qt::LeftButton);
        TestEventDialog* dialog = f.window->testEventDialog();
        QVERIFY(dialog && dialog->isVisible());
        const auto field = [dialog](const char* name) { return dialog->findChild<QLineEdit*>(QLatin1String(name)); };
        QCOMPARE(field("urlEdit")->text(), f.sandbox.demoEndpointUrl().toString());
        QCOMPARE(field("hmacEdit")->text(), typedSecret);
        QCOMPARE(field("hmacEdit")->echoMode(), QLineEdit::Password);
        QCOMPARE(field("basicAuthEdit")->text(), QStringLiteral("dXNlcjpwYXNz"));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("sourceLabel"))->text().contains(QLatin1String("create")));
        QSignalSpy sent(dialog, &TestEventDialog::sendFinished);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
        QVERIFY(sent.wait(15000));
        QCOMPARE(f.sandbox.demoDeliveries().size(), 1);
        const SandboxServer::DemoDelivery event = f.sandbox.demoDeliveries().constFirst();
        QCOMPARE(event.header("X-Webhook-Signature"),
            ReferenceSignature::of(typedSecret, event.header("X-Webhook-Timestamp"), event.body));
        QCOMPARE(event.header("Authorization"), QByteArrayLiteral("Basic dXNlcjpwYXNz"));
        dialog->close();
        QVERIFY(f.submit()); // and the webhook is created as typed
        f.sandbox.clearDemoDeliveries();

        // From the detail pane: the selected webhook's URL, secret and basic auth, and its domain named.
        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        const Webhook webhook = *f.window->detailPane()->webhook();
        QCOMPARE(webhook.hmac, typedSecret);
        field("urlEdit")->clear();
        field("hmacEdit")->clear();
        QTest::mouseClick(
            f.window->detailPane()->findChild<QPushButton*>(QStringLiteral("testEventButton")), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QCOMPARE(f.window->testEventDialog(), dialog); // one window, kept with what was typed in it
        QCOMPARE(field("urlEdit")->text(), webhook.url);
        QCOMPARE(field("hmacEdit")->text(), webhook.hmac);
        QCOMPARE(field("basicAuthEdit")->text(), webhook.basicAuth);
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("sourceLabel"))->text().contains(QLatin1String("sandbox")));
        dialog->setEventType(QStringLiteral("recording.ready-to-download"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
        QVERIFY(sent.wait(15000));
        QCOMPARE(f.sandbox.demoDeliveries().size(), 1);
        const SandboxServer::DemoDelivery second = f.sandbox.demoDeliveries().constFirst();
        QVERIFY(second.body.contains("\"type\":\"recording.ready-to-download\""));
        QCOMPARE(second.header("X-Webhook-Signature"),
            ReferenceSignature::of(webhook.hmac, second.header("X-Webhook-Timestamp"), second.body));
        dialog->close();

        // The Lab menu: the same window for the selected webhook, and the signature checker.
        field("urlEdit")->clear();
        f.action("testEventAction")->trigger();
        QVERIFY(dialog->isVisible());
        QCOMPARE(field("urlEdit")->text(), webhook.url);
        f.action("signatureCheckerAction")->trigger();
        QVERIFY(f.window->signatureChecker() && f.window->signatureChecker()->isVisible());
        auto* labMenu = f.window->findChild<QMenu*>(QStringLiteral("labMenu"));
        QVERIFY(labMenu);
        QCOMPARE(labMenu->title(), QStringLiteral("&Lab"));
        QVERIFY(labMenu->actions().contains(f.action("testEventAction")));
        QVERIFY(labMenu->actions().contains(f.action("signatureCheckerAction")));
    }

    void cancelEndsARequestWaitingOnThePing()
    {
        // A webhook URL that accepts the connection and never answers: the sandbox waits on its ping.
        SilentServer silent;
        QVERIFY(silent.listen());

        Fixture f;
        QVERIFY(f.refresh());
        f.window->openCreate();
        f.fillForm();
        const QString url = QStringLiteral("http://127.0.0.1:%1/hook").arg(silent.serverPort());
        f.editorChild<QLineEdit>("urlEdit")->setText(url);
        QTest::mouseClick(f.editorChild<QPushButton>("submitButton"), Qt::LeftButton);
        QTRY_VERIFY(silent.connectionCount() > 0); // the ping arrived and hangs
        QVERIFY(f.window->isRequestRunning());

        // Escape cancels the request and keeps the window open, with everything typed.
        QTest::keyClick(f.window->editor(), Qt::Key_Escape);
        QTRY_VERIFY(!f.window->isRequestRunning());
        QVERIFY(f.window->editor()->isVisible());
        QVERIFY(f.window->editor()->form()->errorMessage().contains(QLatin1String("cancelled")));
        QVERIFY(f.editorChild<QPushButton>("submitButton")->isEnabled());
        QCOMPARE(f.editorChild<QLineEdit>("urlEdit")->text(), url);
    }

    void aSecondPressDoesNotSendTwice()
    {
        Fixture f;
        QVERIFY(f.refresh());
        const int before = f.sandbox.requestCount(SandboxServer::demoApiKey());
        f.window->openCreate();
        f.fillForm();
        QSignalSpy done(f.window.get(), &MainWindow::changeFinished);
        auto* submit = f.editorChild<QPushButton>("submitButton");
        QTest::mouseClick(submit, Qt::LeftButton);
        QTest::mouseClick(submit, Qt::LeftButton);
        f.window->editor()->form()->submit(); // as Ctrl+Return would
        QVERIFY(done.wait(15000));
        // A refresh sent after the change has been answered: a second create, sent with the first, would have
        // reached the sandbox and ended by then.
        QVERIFY(f.refresh());
        QCOMPARE(done.count(), 1);
        QCOMPARE(f.sandbox.requestCount(SandboxServer::demoApiKey()), before + 2); // the create and the refresh
        QCOMPARE(f.sandbox.demoDeliveries().size(), 1);
    }

    void editSavesOnlyWhatChanged()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("sandbox")));
        const QString hmac = f.sandbox.webhookOf(SandboxServer::demoApiKey())->hmac;
        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        f.window->openEdit();
        QCOMPARE(f.window->editor()->form()->mode(), WebhookForm::Mode::Edit);
        f.editorChild<EventTypePicker>("eventTypePicker")->setFamilySelected(QStringLiteral("recording"), true);
        QVERIFY(f.submit());
        const auto stored = f.sandbox.webhookOf(SandboxServer::demoApiKey());
        QCOMPARE(stored->eventTypes.size(), 4);
        QCOMPARE(stored->hmac, hmac); // the secret was not touched
        const auto last = f.sandbox.receivedRequests().last();
        QCOMPARE(last.method, QByteArrayLiteral("POST"));
        QVERIFY(last.path.endsWith(stored->uuid));
        QVERIFY(!last.body.contains("hmac"));
        QCOMPARE(f.window->model()->index(0, WebhookTableModel::EventCountColumn).data().toInt(), 4);
        QTRY_COMPARE(f.audit.entries().first().action, AuditEntry::Action::Update);
    }

    void reactivateBringsAFailedWebhookBack()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("sandbox")));
        const QString uuid = f.sandbox.webhookOf(SandboxServer::demoApiKey())->uuid;
        QVERIFY(f.sandbox.setWebhookState(uuid, QStringLiteral("FAILED"), 3));
        QVERIFY(f.refresh());
        const QModelIndex state = f.window->model()->index(0, WebhookTableModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("FAILED"));
        QVERIFY(state.data(WebhookTableModel::AttentionRole).toBool());

        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        QVERIFY(f.action("reactivateAction")->isEnabled());
        QSignalSpy done(f.window.get(), &MainWindow::changeFinished);
        f.action("reactivateAction")->trigger();
        QVERIFY(done.wait(15000));
        QCOMPARE(f.sandbox.webhookOf(SandboxServer::demoApiKey())->state, QStringLiteral("ACTIVE"));
        QCOMPARE(
            f.window->model()->index(0, WebhookTableModel::StateColumn).data().toString(), QStringLiteral("ACTIVE"));
        QTRY_COMPARE(f.audit.entries().first().action, AuditEntry::Action::Reactivate);
    }

    void reactivationThatDoesNotTakeIsShown()
    {
        // Decided with the CLI: Daily's 200 is not enough, the webhook must deliver again.
        Fixture f;
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("sandbox")));
        const QString uuid = f.sandbox.webhookOf(SandboxServer::demoApiKey())->uuid;
        QVERIFY(f.sandbox.setWebhookState(uuid, QStringLiteral("FAILED"), 3));
        QVERIFY(f.refresh());
        f.sandbox.setReactivationKeepsState(true);

        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        QSignalSpy done(f.window.get(), &MainWindow::changeFinished);
        f.action("reactivateAction")->trigger();
        QVERIFY(done.wait(15000));
        QCOMPARE(done.first().first().toBool(), false);
        QCOMPARE(
            f.window->model()->index(0, WebhookTableModel::StateColumn).data().toString(), QStringLiteral("FAILED"));
        const QString banner = f.window->findChild<QLabel*>(QStringLiteral("connectionBanner"))->text();
        QVERIFY2(banner.contains(QLatin1String("did not take")) && banner.contains(QLatin1String("not ACTIVE")),
            qPrintable(banner));
        // The update was made, so it is in the history all the same.
        QTRY_COMPARE(f.audit.entries().first().action, AuditEntry::Action::Reactivate);
    }

    void aKeyStoredWithSpacesAroundIsTrimmed()
    {
        // Decided with the CLI: the stored key is trimmed (a key saved by hand often ends with a line break).
        Fixture f({QStringLiteral("production")});
        bool written = false;
        f.secrets.write(f.domains.domainByName(QStringLiteral("production"))->keyName(),
            QStringLiteral(" ") + Fixture::keyOf(QStringLiteral("production")) + QStringLiteral("\n"), this,
            [&written](const SecretStore::Result& r) { written = r.ok(); });
        QTRY_VERIFY(written);
        QVERIFY(f.refresh());
        QCOMPARE(f.window->model()->rowKind(0), WebhookTableModel::RowKind::NoWebhook);
    }

    void submitWhileAnotherChangeRunsKeepsTheForm()
    {
        // A webhook URL that answers its first ping and hangs on the next: a reactivation that stays running.
        ExactServer receiver;
        QVERIFY(receiver.listen());
        int pings = 0;
        receiver.setHandler([&pings](const ExactServer::Request&) {
            return ++pings == 1 ? ExactServer::Response::http(200, "{}") : ExactServer::Response::hang();
        });
        Fixture f({QStringLiteral("sandbox"), QStringLiteral("production")});
        QVERIFY(f.refresh());
        f.window->selectDomain(f.domainId(QStringLiteral("production")));
        f.window->openCreate();
        f.fillForm();
        f.editorChild<QLineEdit>("urlEdit")->setText(receiver.url(QStringLiteral("/hook")).toString());
        QVERIFY(f.submit());
        f.window->selectDomain(f.domainId(QStringLiteral("production")));
        f.action("reactivateAction")->trigger();
        QTRY_COMPARE(pings, 2);
        QVERIFY(f.window->isRequestRunning());

        // The editor can still be opened and submitted: nothing is sent, and the form is not left busy.
        const int before = f.sandbox.requestCount(SandboxServer::demoApiKey());
        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        f.window->openCreate();
        f.fillForm();
        f.window->editor()->form()->submit();
        QVERIFY(!f.window->editor()->form()->isBusy());
        QVERIFY(f.editorChild<QPushButton>("submitButton")->isEnabled());
        QVERIFY(f.window->statusBar()->currentMessage().contains(QLatin1String("Another change")));
        QCOMPARE(f.sandbox.requestCount(SandboxServer::demoApiKey()), before);
    }

    void deleteAsksNamingUrlAndDomainAndCanBeUndone()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("sandbox")));
        const Webhook created = *f.sandbox.webhookOf(SandboxServer::demoApiKey());
        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));

        // "No" keeps everything.
        f.prompts.confirmAnswer = false;
        f.action("deleteAction")->trigger();
        QCOMPARE(f.prompts.confirmations.size(), 1);
        QVERIFY(f.prompts.confirmations.first().contains(created.url));
        QVERIFY(f.prompts.confirmations.first().contains(QLatin1String("sandbox")));
        // A refresh after the answer has been answered: a delete sent on "No" would have reached the sandbox first.
        QVERIFY(f.refresh());
        QVERIFY(f.sandbox.webhookOf(SandboxServer::demoApiKey()).has_value());

        f.prompts.confirmAnswer = true;
        QSignalSpy done(f.window.get(), &MainWindow::changeFinished);
        f.action("deleteAction")->trigger();
        QVERIFY(done.wait(15000));
        QVERIFY(!f.sandbox.webhookOf(SandboxServer::demoApiKey()).has_value());
        QCOMPARE(f.window->model()->rowKind(0), WebhookTableModel::RowKind::NoWebhook);

        // The history can recreate it, with its old secret.
        QTRY_COMPARE(f.audit.entries().first().action, AuditEntry::Action::Delete);
        std::optional<WebhookDraft> draft;
        bool answered = false;
        f.audit.recreateDraft(
            f.audit.entries().first().id, this, [&](const std::optional<WebhookDraft>& d, const QString&) {
                draft = d;
                answered = true;
            });
        QTRY_VERIFY(answered);
        QVERIFY(draft.has_value());
        QCOMPARE(draft->hmac.value_or(QString()), created.hmac);
        QCOMPARE(draft->url.value_or(QString()), created.url);
    }

    void deletedWebhookIsRecreatedFromHistoryWithItsSecret()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("sandbox")));
        const Webhook created = *f.sandbox.webhookOf(SandboxServer::demoApiKey());
        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        QSignalSpy deleted(f.window.get(), &MainWindow::changeFinished);
        f.action("deleteAction")->trigger();
        QVERIFY(deleted.wait(15000));
        QTRY_COMPARE(f.audit.entries().size(), 2);

        f.action("auditAction")->trigger();
        HistoryDialog* history = f.window->history();
        QVERIFY(history && history->isVisible());
        QCOMPARE(history->entryCount(), 2);
        QVERIFY(history->selectEntry(f.audit.entries().first().id)); // the delete, newest first
        history->recreateSelected();
        QTRY_VERIFY(f.window->editor() && f.window->editor()->isVisible() && !history->isVisible());
        QCOMPARE(f.editorChild<QLineEdit>("urlEdit")->text(), created.url);
        QCOMPARE(f.editorChild<QLineEdit>("hmacEdit")->text(), created.hmac);
        QVERIFY(f.submit());
        const auto recreated = f.sandbox.webhookOf(SandboxServer::demoApiKey());
        QVERIFY(recreated.has_value());
        QVERIFY(recreated->uuid != created.uuid);
        QCOMPARE(recreated->hmac, created.hmac);
        QCOMPARE(recreated->eventTypes, created.eventTypes);
    }

    void exportThenImportCopiesStagingToProduction()
    {
        Fixture f({QStringLiteral("staging"), QStringLiteral("production")});
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("staging")));
        const Webhook staging = *f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("staging")));

        f.prompts.fileName = f.dir.filePath(QStringLiteral("export.json"));
        f.prompts.confirmAnswer = false; // no secrets in the file
        f.action("exportAction")->trigger();
        QFile exported(f.prompts.fileName);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray bytes = exported.readAll();
        QVERIFY(bytes.contains(staging.url.toUtf8()));
        QVERIFY(!bytes.contains(staging.hmac.toUtf8()));

        f.prompts.textAnswer = QStringLiteral("production");
        QSignalSpy imported(f.window.get(), &MainWindow::importFinished);
        f.action("importAction")->trigger();
        QVERIFY(imported.wait(15000));
        QCOMPARE(imported.first().first().toBool(), true);
        const auto production = f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("production")));
        QVERIFY(production.has_value());
        QCOMPARE(production->url, staging.url);
        QCOMPARE(production->eventTypes, staging.eventTypes);
        QCOMPARE(production->retryType, staging.retryType);
        QVERIFY(production->hmac != staging.hmac); // the secret stayed behind
    }

    void importUpdatesAWebhookTheTableDidNotShowYet()
    {
        // Decided with the CLI: import decides from what the domain has now, not from the table.
        Fixture f({QStringLiteral("staging"), QStringLiteral("production")});
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("staging")));
        // Made elsewhere after the last refresh: the table still shows production without a webhook.
        DailyClient elsewhere(&f.network);
        WebhookDraft other;
        other.url = f.sandbox.demoEndpointUrl().resolved(QUrl(QStringLiteral("/demo/elsewhere"))).toString();
        other.eventTypes = QStringList {QStringLiteral("meeting.ended")};
        DailyCall* call = elsewhere.createWebhook(
            DomainTarget {QString(), QString(), f.sandbox.apiBaseUrl(), Fixture::keyOf(QStringLiteral("production"))},
            other);
        bool made = false;
        connect(call, &DailyCall::finished, this, [&made](const ApiResult& r) { made = r.ok(); });
        QTRY_VERIFY(made);
        const QString existing = f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("production")))->uuid;
        QCOMPARE(f.window->model()->rowKind(1), WebhookTableModel::RowKind::NoWebhook);

        f.prompts.fileName = f.dir.filePath(QStringLiteral("staging.json"));
        f.prompts.confirmAnswer = false;
        f.action("exportAction")->trigger();
        f.prompts.textAnswer = QStringLiteral("production");
        QSignalSpy imported(f.window.get(), &MainWindow::importFinished);
        f.action("importAction")->trigger();
        QVERIFY(imported.wait(15000));
        QCOMPARE(imported.first().first().toBool(), true);
        const auto production = f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("production")));
        QCOMPARE(production->uuid, existing); // updated in place
        QCOMPARE(production->url, f.sandbox.demoEndpointUrl().toString());
        QCOMPARE(f.window->model()->rowKind(1), WebhookTableModel::RowKind::Webhook);
    }

    void importIntoOneDomainSendsItOneWebhook()
    {
        // Decided with the CLI (ImportPlan): a domain has one webhook, so of a file's two configurations imported
        // into one domain the first is sent and the second reported, instead of silently replacing the first.
        Fixture f({QStringLiteral("production")});
        QVERIFY(f.refresh());
        const QString first = f.sandbox.demoEndpointUrl().resolved(QUrl(QStringLiteral("/demo/first"))).toString();
        const QString second = f.sandbox.demoEndpointUrl().resolved(QUrl(QStringLiteral("/demo/second"))).toString();
        QList<QPair<QString, Webhook>> file;
        for (const auto& [domain, url] :
            {std::pair {QStringLiteral("staging"), first}, std::pair {QStringLiteral("qa"), second}}) {
            file.append({domain,
                Webhook::fromJson(QJsonObject {{QStringLiteral("uuid"), domain}, {QStringLiteral("url"), url},
                    {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started")}}})});
        }
        f.prompts.fileName = f.dir.filePath(QStringLiteral("two.json"));
        QFile out(f.prompts.fileName);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(WebhookExport::exportJson(file, false));
        out.close();

        f.prompts.textAnswer = QStringLiteral("production");
        QSignalSpy imported(f.window.get(), &MainWindow::importFinished);
        f.action("importAction")->trigger();
        QVERIFY(imported.wait(15000));
        QCOMPARE(imported.first().first().toBool(), false);
        QCOMPARE(f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("production")))->url, first);
        const QString banner = f.window->findChild<QLabel*>(QStringLiteral("connectionBanner"))->text();
        QVERIFY2(banner.contains(QLatin1String("has only one")), qPrintable(banner));
    }

    void domainsAddedWhileOpenAreRefreshedWithTheirKeys()
    {
        Fixture f;
        QVERIFY(f.refresh());
        QList<BulkEntry> entries;
        for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}) {
            f.sandbox.addDomain(Fixture::keyOf(name), name);
            entries.append(BulkEntry {0, name, Fixture::keyOf(name)});
        }
        bool added = false;
        f.domains.addBulk(
            entries, f.sandbox.apiBaseUrl(), this, [&added](const QList<DomainStore::Result>&) { added = true; });
        QTRY_VERIFY(added);
        // Each new domain is read with its own key, however quickly they arrived.
        for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}) {
            QTRY_VERIFY2_WITH_TIMEOUT(
                f.window->model()->domain(f.domainId(name))->status == DomainState::Status::Loaded, qPrintable(name),
                10000);
        }
    }

    void refreshShowsEveryDomainWithoutBlocking()
    {
        QStringList names;
        for (int i = 0; i < 24; ++i)
            names << QStringLiteral("customer-%1").arg(i, 2, 10, QLatin1Char('0'));
        names << QStringLiteral("bad-key-1") << QStringLiteral("bad-key-2");
        Fixture f(names);
        StallMeter stalls;
        stalls.start();
        QVERIFY(f.refresh());
        stalls.stop();
        QCOMPARE(f.window->model()->rowCount(), 26);
        int failed = 0;
        for (int row = 0; row < f.window->model()->rowCount(); ++row) {
            const auto kind = f.window->model()->rowKind(row);
            const QString domain = f.window->model()->index(row, WebhookTableModel::DomainColumn).data().toString();
            if (domain.startsWith(QLatin1String("bad"))) {
                QCOMPARE(kind, WebhookTableModel::RowKind::Failed);
                QVERIFY(f.window->model()
                            ->index(row, WebhookTableModel::UrlColumn)
                            .data()
                            .toString()
                            .contains(QLatin1String("API key")));
                ++failed;
            } else {
                QCOMPARE(kind, WebhookTableModel::RowKind::NoWebhook);
            }
        }
        QCOMPARE(failed, 2);
        QVERIFY2(stalls.longestMs() < 200,
            qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(stalls.longestMs())));
        // The filter narrows the table.
        f.window->findChild<QLineEdit*>(QStringLiteral("filterEdit"))->setText(QStringLiteral("bad-key"));
        QCOMPARE(f.window->proxy()->rowCount(), 2);
    }

    void hostileAnswersNeverFreezeTheWindow()
    {
        // One server answers with a webhook whose URL fills nearly the whole answer limit, another streams without
        // end: both domains are refreshed, shown and selected while a 5 ms timer measures the longest stall.
        ExactServer huge;
        QVERIFY(huge.listen());
        const QString bigUrl
            = QStringLiteral("https://example.com/") + QString(Limits::MaxApiAnswerBytes - 4096, QLatin1Char('a'));
        const QByteArray webhook = "[{\"uuid\":\"u-huge\",\"url\":\"" + bigUrl.toLatin1()
            + "\",\"state\":\"ACTIVE\",\"eventTypes\":[\"meeting.started\"]}]";
        huge.setHandler([webhook](const ExactServer::Request&) { return ExactServer::Response::http(200, webhook); });
        ExactServer endless;
        QVERIFY(endless.listen());
        endless.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[");
        });

        // A third answers with a redirect to a fourth, which must never see the key.
        ExactServer elsewhere;
        QVERIFY(elsewhere.listen());
        ExactServer moved;
        QVERIFY(moved.listen());
        const QByteArray location = elsewhere.url(QStringLiteral("/v1/webhooks")).toEncoded();
        moved.setHandler([location](const ExactServer::Request&) {
            return ExactServer::Response::raw("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });

        Fixture f;
        for (const auto& [name, server] : {std::pair {QStringLiteral("huge"), &huge},
                 std::pair {QStringLiteral("endless"), &endless}, std::pair {QStringLiteral("moved"), &moved}}) {
            bool added = false;
            f.domains.add(name, server->url(QStringLiteral("/v1")), QStringLiteral("key-") + name, f.window.get(),
                [&added](const DomainStore::Result& result) { added = result.added(); });
            QVERIFY(QTest::qWaitFor([&added] { return added; }, 5000));
        }

        StallMeter stalls;
        stalls.start();
        QVERIFY(f.refresh());
        int hugeRow = -1;
        int endlessRow = -1;
        int movedRow = -1;
        for (int row = 0; row < f.window->model()->rowCount(); ++row) {
            const QString domain = f.window->model()->index(row, WebhookTableModel::DomainColumn).data().toString();
            if (domain == QLatin1String("huge"))
                hugeRow = row;
            if (domain == QLatin1String("endless"))
                endlessRow = row;
            if (domain == QLatin1String("moved"))
                movedRow = row;
        }
        QVERIFY(hugeRow >= 0 && endlessRow >= 0 && movedRow >= 0);
        QCOMPARE(f.window->model()->rowKind(movedRow), WebhookTableModel::RowKind::Failed);
        QVERIFY(f.window->model()
                    ->index(movedRow, WebhookTableModel::UrlColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("redirect")));
        QVERIFY2(elsewhere.requests().isEmpty(), "the window's refresh followed a redirect with the key");
        QCOMPARE(f.window->model()->rowKind(hugeRow), WebhookTableModel::RowKind::Webhook);
        QCOMPARE(f.window->model()->rowKind(endlessRow), WebhookTableModel::RowKind::Failed);
        QVERIFY(f.window->model()
                    ->index(endlessRow, WebhookTableModel::UrlColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("4 MiB")));
        // Showing and painting the huge webhook happen between two ticks, so the next ticks measure them.
        f.window->selectDomain(f.domainId(QStringLiteral("huge")));
        f.window->repaint();
        const int ticksBefore = stalls.ticks();
        QTRY_VERIFY(stalls.ticks() >= ticksBefore + 2);
        stalls.stop();
        QVERIFY2(stalls.longestMs() < 200,
            qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(stalls.longestMs())));
    }

    void healthWatchNotifiesWhenAWebhookFails()
    {
        Fixture f({QStringLiteral("sandbox"), QStringLiteral("production")});
        QVERIFY(f.refresh());
        QVERIFY(f.createOn(QStringLiteral("production")));
        QVERIFY(f.refresh());
        QVERIFY(f.prompts.notifications.isEmpty());
        const Webhook live = *f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("production")));
        QVERIFY(f.sandbox.setWebhookState(live.uuid, QStringLiteral("FAILED"), 3));

        // The watch refreshes on its own and raises a notification naming the domain and the URL.
        f.window->setWatchIntervalMs(50);
        f.action("watchAction")->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(f.prompts.notifications.size(), 1, 10000);
        f.action("watchAction")->setChecked(false);
        const auto n = f.prompts.notifications.first();
        QVERIFY(n.text.contains(QLatin1String("production")));
        QVERIFY(n.text.contains(live.url));
        QVERIFY(n.text.contains(QLatin1String("FAILED")));

        // Its action reactivates the webhook.
        QSignalSpy done(f.window.get(), &MainWindow::changeFinished);
        n.action();
        QVERIFY(done.wait(15000));
        QCOMPARE(f.sandbox.webhookOf(Fixture::keyOf(QStringLiteral("production")))->state, QStringLiteral("ACTIVE"));
    }

    // Lab › Deliveries…: nothing of the receiver exists before it is opened (start-up stays as fast). Then a
    // webhook created pointing at the receiver passes the sandbox's verification ping, and a delivery signed with
    // its secret is "valid", named after its domain.
    void theDeliveriesWindowIsMadeOnFirstUseAndKnowsTheWebhooks()
    {
        Fixture f;
        QVERIFY(f.refresh());
        const QString database = f.dir.filePath(QStringLiteral("data/deliveries.sqlite"));
        QVERIFY(!f.window->deliveries());
        QVERIFY(!QFile::exists(database));

        f.action("deliveriesAction")->trigger();
        DeliveriesWindow* deliveries = f.window->deliveries();
        QVERIFY(deliveries && deliveries->isVisible());
        QVERIFY(QFile::exists(database));
        QVERIFY(!deliveries->isReceiving());
        deliveries->setPortOverride(0);
        QVERIFY(deliveries->start());
        f.action("deliveriesAction")->trigger();
        QCOMPARE(f.window->deliveries(), deliveries);

        f.window->selectDomain(f.domainId(QStringLiteral("sandbox")));
        f.window->openCreate();
        f.fillForm();
        auto* url = f.editorChild<QLineEdit>("urlEdit");
        url->clear();
        QTest::keyClicks(url, deliveries->receiverUrl() + QStringLiteral("daily"));
        QTest::mouseClick(f.editorChild<QPushButton>("hmacGenerateButton"), Qt::LeftButton);
        QVERIFY(f.submit());
        const auto webhook = f.sandbox.webhookOf(SandboxServer::demoApiKey());
        QVERIFY(webhook.has_value());
        QTRY_COMPARE(deliveries->model()->rowCount(), 1); // the verification ping
        QCOMPARE(
            deliveries->model()->index(0, DeliveryListModel::TypeColumn).data().toString(), QStringLiteral("ping"));

        const QUrl to(deliveries->receiverUrl() + QStringLiteral("daily"));
        const DeliveryRequest event = DeliveryRequest::signedPost(to, "{\"type\":\"meeting.started\",\"id\":\"e1\"}",
            webhook->hmac, QString(), DeliveryRequest::timestampNow(), "Daily/1.0");
        DeliverySender sender(&f.network);
        QSignalSpy sent(sender.send(event), &PendingDelivery::finished);
        QVERIFY(sent.wait(10000));
        QTRY_COMPARE(deliveries->model()->rowCount(), 2);
        QCOMPARE(deliveries->model()->index(0, DeliveryListModel::SignatureColumn).data().toString(),
            QStringLiteral("valid · sandbox webhook"));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
