// The create form on its own: its default state, checks as the user types, and what it hands over.

#include "ApiError.h"
#include "EventCatalog.h"
#include "EventTypePicker.h"
#include "SecretClipboard.h"
#include "WebhookForm.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

class tst_WebhookForm : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    static T* child(QWidget* form, const char* name)
    {
        auto* widget = form->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("no child named %s", name);
        return widget;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultState()
    {
        WebhookForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        auto* url = child<QLineEdit>(&form, "urlEdit");
        QVERIFY(url->text().isEmpty());
        QVERIFY(url->hasAcceptableInput());
        QCOMPARE(child<QLineEdit>(&form, "basicAuthEdit")->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QLineEdit>(&form, "hmacEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(child<QLineEdit>(&form, "hmacEdit")->text().isEmpty());
        auto* retry = child<QComboBox>(&form, "retryTypeCombo");
        QCOMPARE(retry->count(), 2);
        QCOMPARE(retry->currentData().toString(), QStringLiteral("circuit-breaker"));
        QVERIFY(child<QLabel>(&form, "retryTypeDescription")->text().contains(QLatin1String("3 consecutive failures")));
        QVERIFY(child<QPushButton>(&form, "submitButton")->isEnabled());
        QVERIFY(child<QPushButton>(&form, "cancelButton")->isHidden());
        QVERIFY(child<QProgressBar>(&form, "progressBar")->isHidden());
        QVERIFY(child<QPushButton>(&form, "useDemoButton")->isHidden());
        QVERIFY(child<QLabel>(&form, "urlProblemLabel")->isHidden());
        QVERIFY(form.errorMessage().isEmpty());

        // 32 event types in 10 families, none chosen.
        auto* tree = child<QTreeWidget>(&form, "tree");
        QCOMPARE(tree->topLevelItemCount(), 10);
        int events = 0;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            events += tree->topLevelItem(i)->childCount();
        QCOMPARE(events, 32);
        QVERIFY(child<EventTypePicker>(&form, "eventTypePicker")->selectedTypes().isEmpty());
        QCOMPARE(child<QLabel>(&form, "countLabel")->text(), QStringLiteral("0 of 32 event types chosen"));
    }

    void urlIsCheckedAsTyped_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("https is fine") << "https://example.com/hook" << false << "";
        QTest::newRow("plain http elsewhere") << "http://example.com/hook" << true << "https://";
        QTest::newRow("plain http on loopback gets a note") << "http://127.0.0.1:8080/hook" << false << "this machine";
        QTest::newRow("relative") << "example.com/hook" << true << "absolute";
        QTest::newRow("other scheme") << "ftp://example.com" << true << "https://";
    }

    void urlIsCheckedAsTyped()
    {
        QFETCH(QString, typed);
        QFETCH(bool, problem);
        QFETCH(QString, says);
        WebhookForm form;
        auto* url = child<QLineEdit>(&form, "urlEdit");
        QTest::keyClicks(url, typed);
        auto* label = child<QLabel>(&form, "urlProblemLabel");
        QCOMPARE(label->text().startsWith(QStringLiteral("⚠")), problem);
        if (!says.isEmpty())
            QVERIFY2(label->text().contains(says), qPrintable(label->text()));
        else
            QVERIFY(label->text().isEmpty());
    }

    void submitShowsEveryProblemAndKeepsTheInput()
    {
        WebhookForm form;
        QSignalSpy submitted(&form, &WebhookForm::submitRequested);
        QTest::keyClicks(child<QLineEdit>(&form, "urlEdit"), QStringLiteral("http://example.com/x"));
        QTest::keyClicks(child<QLineEdit>(&form, "hmacEdit"), QStringLiteral("whsec_not-base64"));
        QTest::mouseClick(child<QPushButton>(&form, "submitButton"), Qt::LeftButton);

        QCOMPARE(submitted.count(), 0);
        QVERIFY(!child<QLabel>(&form, "urlProblemLabel")->text().isEmpty());
        QVERIFY(child<QLabel>(&form, "hmacProblemLabel")->text().contains(QLatin1String("base64")));
        QVERIFY(child<QLabel>(&form, "eventTypesProblemLabel")->text().contains(QLatin1String("at least one")));
        QVERIFY(!form.errorMessage().isEmpty());
        QCOMPARE(child<QLineEdit>(&form, "urlEdit")->text(), QStringLiteral("http://example.com/x"));
        QCOMPARE(child<QLineEdit>(&form, "hmacEdit")->text(), QStringLiteral("whsec_not-base64"));
        QCOMPARE(form.problems().size(), 3);
    }

    void validDraftIsHandedOverWithOnlyTheSetFields()
    {
        WebhookForm form;
        QSignalSpy submitted(&form, &WebhookForm::submitRequested);
        QTest::keyClicks(child<QLineEdit>(&form, "urlEdit"), QStringLiteral("https://example.com/hook"));
        auto* picker = child<EventTypePicker>(&form, "eventTypePicker");
        picker->setFamilySelected(QStringLiteral("recording"), true);
        QTest::mouseClick(child<QPushButton>(&form, "submitButton"), Qt::LeftButton);

        QCOMPARE(submitted.count(), 1);
        const auto draft = submitted.at(0).at(0).value<WebhookDraft>();
        QCOMPARE(draft.url.value_or(QString()), QStringLiteral("https://example.com/hook"));
        QCOMPARE(draft.retryType.value_or(QString()), QStringLiteral("circuit-breaker"));
        QCOMPARE(draft.eventTypes.value_or(QStringList()),
            QStringList({QStringLiteral("recording.started"), QStringLiteral("recording.ready-to-download"),
                QStringLiteral("recording.error")}));
        QVERIFY(!draft.hmac.has_value());
        QVERIFY(!draft.basicAuth.has_value());
        QCOMPARE(draft.toJsonBytes(),
            QByteArrayLiteral("{\"eventTypes\":[\"recording.started\",\"recording.ready-to-download\","
                              "\"recording.error\"],\"retryType\":\"circuit-breaker\","
                              "\"url\":\"https://example.com/hook\"}"));
    }

    void generateFillsABase64Secret()
    {
        WebhookForm form;
        auto* hmac = child<QLineEdit>(&form, "hmacEdit");
        QTest::mouseClick(child<QPushButton>(&form, "hmacGenerateButton"), Qt::LeftButton);
        QCOMPARE(hmac->text().size(), 44);
        QCOMPARE(QByteArray::fromBase64(hmac->text().toLatin1()).size(), 32);
        QVERIFY(child<QLabel>(&form, "hmacProblemLabel")->text().isEmpty());
        const QString first = hmac->text();
        QTest::mouseClick(child<QPushButton>(&form, "hmacGenerateButton"), Qt::LeftButton);
        QVERIFY(hmac->text() != first);
        // Masked until revealed.
        QCOMPARE(hmac->echoMode(), QLineEdit::Password);
        child<QToolButton>(&form, "hmacRevealButton")->click();
        QCOMPARE(hmac->echoMode(), QLineEdit::Normal);
    }

    void secretsAreCopiedAsSecrets()
    {
        WebhookForm form;
        SecretClipboard shared;
        shared.setClearDelayMs(60 * 1000);
        form.setSecretClipboard(&shared);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QClipboard* clipboard = QGuiApplication::clipboard();
        const auto marked = [clipboard] {
            return clipboard->mimeData()->data(SecretClipboard::PasswordManagerHintMimeType) == "secret";
        };

        // Copy after Generate: the secret the receiver needs, marked, and cleared by the shared clipboard.
        auto* copyButton = child<QToolButton>(&form, "hmacCopyButton");
        QVERIFY(!copyButton->isEnabled()); // nothing to copy yet
        QTest::mouseClick(child<QPushButton>(&form, "hmacGenerateButton"), Qt::LeftButton);
        auto* hmac = child<QLineEdit>(&form, "hmacEdit");
        QVERIFY(copyButton->isEnabled());
        clipboard->clear();
        QTest::mouseClick(copyButton, Qt::LeftButton);
        QVERIFY(clipboard->text() == hmac->text());
        QVERIFY(marked());
        QVERIFY(shared.isClearPending());

        // Ctrl+C in a shown secret field goes the same way, for the basic auth credential too.
        QTest::mouseClick(child<QToolButton>(&form, "basicAuthRevealButton"), Qt::LeftButton);
        auto* basicAuth = child<QLineEdit>(&form, "basicAuthEdit");
        QCOMPARE(basicAuth->echoMode(), QLineEdit::Normal);
        basicAuth->setText(QStringLiteral("dXNlcjpwYXNzd29yZC1mb3ItdGhlLWZvcm0="));
        basicAuth->setFocus();
        basicAuth->selectAll();
        clipboard->clear();
        QTest::keySequence(basicAuth, QKeySequence::Copy);
        QVERIFY(clipboard->text() == basicAuth->text());
        QVERIFY(marked());

        // A window sharing its clipboard takes over from the form's own: the old one no longer sees the keys.
        SecretClipboard other;
        other.setClearDelayMs(0);
        form.setSecretClipboard(&other);
        clipboard->clear();
        QTest::keySequence(basicAuth, QKeySequence::Copy);
        QVERIFY(marked());
        QVERIFY(!other.isClearPending()); // 0: never cleared
    }

    void retryTypeExplainsItself()
    {
        WebhookForm form;
        auto* retry = child<QComboBox>(&form, "retryTypeCombo");
        retry->setCurrentIndex(1);
        QCOMPARE(retry->currentData().toString(), QStringLiteral("exponential"));
        const QString text = child<QLabel>(&form, "retryTypeDescription")->text();
        QVERIFY(text.contains(QLatin1String("5 times")));
        QVERIFY(text.contains(QLatin1String("15 minutes")));
    }

    void pickerFiltersSelectsPerFamilyAndCounts()
    {
        WebhookForm form;
        auto* picker = child<EventTypePicker>(&form, "eventTypePicker");
        QSignalSpy changed(picker, &EventTypePicker::selectionChanged);
        QTest::keyClicks(child<QLineEdit>(&form, "filterEdit"), QStringLiteral("dialin"));
        QCOMPARE(picker->shownCount(), 5);
        QTest::mouseClick(child<QPushButton>(&form, "selectAllButton"), Qt::LeftButton);
        QCOMPARE(picker->selectedTypes().size(), 5);
        QVERIFY(picker->countText().startsWith(QStringLiteral("5 of 32")));
        QVERIFY(changed.count() >= 1);

        // The filter also matches meanings, not only names.
        picker->setFilterText(QStringLiteral("knock"));
        QCOMPARE(picker->shownCount(), 2);

        picker->setFilterText(QString());
        picker->setFamilySelected(QStringLiteral("meeting"), true);
        QCOMPARE(picker->selectedTypes().size(), 7);
        picker->setFamilySelected(QStringLiteral("dialin"), false);
        QCOMPARE(
            picker->selectedTypes(), QStringList({QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")}));
        QTest::mouseClick(child<QPushButton>(&form, "selectNoneButton"), Qt::LeftButton);
        QVERIFY(picker->selectedTypes().isEmpty());

        // Each event type explains itself in a tooltip.
        auto* tree = child<QTreeWidget>(&form, "tree");
        QVERIFY(!tree->topLevelItem(0)->child(0)->toolTip(0).isEmpty());
    }

    void busyStateBlocksASecondSend()
    {
        WebhookForm form;
        QSignalSpy submitted(&form, &WebhookForm::submitRequested);
        QSignalSpy cancelled(&form, &WebhookForm::cancelRequested);
        QTest::keyClicks(child<QLineEdit>(&form, "urlEdit"), QStringLiteral("https://example.com/hook"));
        child<EventTypePicker>(&form, "eventTypePicker")->setSelectedTypes({QStringLiteral("meeting.started")});
        form.submit();
        QCOMPARE(submitted.count(), 1);
        form.setBusy(true, QStringLiteral("Creating…"));
        QVERIFY(!child<QPushButton>(&form, "submitButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&form, "cancelButton")->isHidden());
        form.submit();
        QCOMPARE(submitted.count(), 1);
        QTest::mouseClick(child<QPushButton>(&form, "cancelButton"), Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        form.setBusy(false);
        QVERIFY(child<QPushButton>(&form, "submitButton")->isEnabled());
    }

    void serverErrorIsShownAtItsFieldAndKeepsTheForm()
    {
        WebhookForm form;
        QTest::keyClicks(child<QLineEdit>(&form, "urlEdit"), QStringLiteral("https://example.com/hook"));
        child<QLineEdit>(&form, "basicAuthEdit")->setText(QStringLiteral("dXNlcjpwYXNz"));
        const ApiError error = ApiError::fromHttp(400,
            R"({"error":"invalid-request-error","info":"non-200 status code returned from webhook endpoint, recvd 500"})");
        form.showError(error);
        QVERIFY(form.errorMessage().contains(QLatin1String("could not get a 200")));
        QVERIFY(child<QLabel>(&form, "urlProblemLabel")->text().contains(QLatin1String("500")));
        QCOMPARE(child<QLineEdit>(&form, "urlEdit")->text(), QStringLiteral("https://example.com/hook"));
        QCOMPARE(child<QLineEdit>(&form, "basicAuthEdit")->text(), QStringLiteral("dXNlcjpwYXNz"));
        // The raw answer is one click away.
        auto* details = form.findChild<QPlainTextEdit*>(QStringLiteral("detailsEdit"));
        QVERIFY(details->toPlainText().contains(QLatin1String("recvd 500")));
        QVERIFY(details->toPlainText().contains(QLatin1String("400")));
    }

    void editModeFillsTheFormAndSendsOnlyWhatChanged()
    {
        QJsonObject o;
        o.insert(QStringLiteral("uuid"), QStringLiteral("u-1"));
        o.insert(QStringLiteral("url"), QStringLiteral("https://example.com/hook"));
        o.insert(QStringLiteral("hmac"), QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        o.insert(QStringLiteral("retryType"), QStringLiteral("exponential"));
        o.insert(QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started")});
        o.insert(QStringLiteral("basicAuth"), QJsonValue(QJsonValue::Null));
        const Webhook original = Webhook::fromJson(o);

        WebhookForm form;
        QSignalSpy submitted(&form, &WebhookForm::submitRequested);
        form.startEdit(original, QStringLiteral("staging"));
        QCOMPARE(form.mode(), WebhookForm::Mode::Edit);
        QCOMPARE(child<QPushButton>(&form, "submitButton")->text(), QStringLiteral("&Save"));
        QVERIFY(child<QLabel>(&form, "titleLabel")->text().contains(QLatin1String("staging")));
        QCOMPARE(child<QLineEdit>(&form, "urlEdit")->text(), QStringLiteral("https://example.com/hook"));
        QCOMPARE(child<QComboBox>(&form, "retryTypeCombo")->currentData().toString(), QStringLiteral("exponential"));
        QCOMPARE(child<EventTypePicker>(&form, "eventTypePicker")->selectedTypes(),
            QStringList {QStringLiteral("meeting.started")});
        // The secret is never put back into a field; leaving it empty keeps it.
        QVERIFY(child<QLineEdit>(&form, "hmacEdit")->text().isEmpty());

        child<EventTypePicker>(&form, "eventTypePicker")->setFamilySelected(QStringLiteral("meeting"), true);
        form.submit();
        QCOMPARE(submitted.count(), 1);
        const auto draft = submitted.at(0).at(0).value<WebhookDraft>();
        QCOMPARE(draft.toJsonBytes(),
            QByteArrayLiteral(
                R"({"eventTypes":["meeting.started","meeting.ended"],"url":"https:\/\/example.com\/hook"})")
                .replace("\\/", "/"));

        // Back to create: everything cleared.
        form.startCreate();
        QCOMPARE(form.mode(), WebhookForm::Mode::Create);
        QVERIFY(child<QLineEdit>(&form, "urlEdit")->text().isEmpty());
        QVERIFY(child<EventTypePicker>(&form, "eventTypePicker")->selectedTypes().isEmpty());
    }

    void testUrlAsksForAPreflight()
    {
        WebhookForm form;
        QSignalSpy preflight(&form, &WebhookForm::preflightRequested);
        QTest::mouseClick(child<QPushButton>(&form, "preflightButton"), Qt::LeftButton);
        QCOMPARE(preflight.count(), 0); // no URL yet: the problem is shown instead
        QVERIFY(!child<QLabel>(&form, "urlProblemLabel")->text().isEmpty());
        child<QLineEdit>(&form, "urlEdit")->setText(QStringLiteral("https://example.com/hook"));
        child<QLineEdit>(&form, "hmacEdit")->setText(QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        QTest::mouseClick(child<QPushButton>(&form, "preflightButton"), Qt::LeftButton);
        QCOMPARE(preflight.count(), 1);
        QCOMPARE(preflight.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://example.com/hook")));
        QCOMPARE(preflight.at(0).at(1).toString(), QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
    }

    void testEventTakesWhatTheFormHolds()
    {
        WebhookForm form;
        QSignalSpy requested(&form, &WebhookForm::testEventRequested);
        child<QLineEdit>(&form, "urlEdit")->setText(QStringLiteral("http://localhost:3000/hook"));
        child<QLineEdit>(&form, "hmacEdit")->setText(QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        child<QLineEdit>(&form, "basicAuthEdit")->setText(QStringLiteral("dXNlcjpwYXNz"));
        QTest::mouseClick(child<QPushButton>(&form, "testEventButton"), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("http://localhost:3000/hook"));
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
        QCOMPARE(requested.at(0).at(2).toString(), QStringLiteral("dXNlcjpwYXNz"));

        // Editing with the secret field left empty: the webhook's own secret, which Daily keeps signing with.
        QJsonObject o;
        o.insert(QStringLiteral("uuid"), QStringLiteral("u-1"));
        o.insert(QStringLiteral("url"), QStringLiteral("https://example.com/hook"));
        o.insert(QStringLiteral("hmac"), QStringLiteral("c2VjcmV0LW9mLXRoZS13ZWJob29r"));
        form.startEdit(Webhook::fromJson(o), QStringLiteral("staging"));
        QVERIFY(child<QLineEdit>(&form, "hmacEdit")->text().isEmpty());
        QTest::mouseClick(child<QPushButton>(&form, "testEventButton"), Qt::LeftButton);
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.at(1).at(0).toString(), QStringLiteral("https://example.com/hook"));
        QCOMPARE(requested.at(1).at(1).toString(), QStringLiteral("c2VjcmV0LW9mLXRoZS13ZWJob29r"));
    }

    void demoEndpointIsOffered()
    {
        WebhookForm form;
        const QUrl demo(QStringLiteral("http://127.0.0.1:4567/demo/webhook"));
        form.setDemoEndpoint(demo);
        auto* button = child<QPushButton>(&form, "useDemoButton");
        QVERIFY(!button->isHidden());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(&form, "urlEdit")->text(), demo.toString());
        QVERIFY(child<QLabel>(&form, "urlProblemLabel")->text().contains(QLatin1String("this machine")));
    }
};

QTEST_MAIN(tst_WebhookForm)
#include "tst_WebhookForm.moc"
