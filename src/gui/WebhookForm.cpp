#include "WebhookForm.h"
#include "ui_WebhookForm.h"

#include "ApiError.h"
#include "BasicAuthDialog.h"
#include "EventCatalog.h"
#include "SecretClipboard.h"
#include "Signature.h"
#include "UrlPolicy.h"
#include "WebhookFields.h"

#include <QCompleter>

namespace {

void setRevealable(QLineEdit* edit, QToolButton* button)
{
    QObject::connect(button, &QToolButton::toggled, edit, [edit, button](bool reveal) {
        edit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        button->setText(reveal ? WebhookForm::tr("Hide") : WebhookForm::tr("Show"));
    });
}

} // namespace

WebhookForm::WebhookForm(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::WebhookForm>())
{
    m_ui->setupUi(this);

    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.3);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);

    for (QLabel* note : {m_ui->basicAuthNote, m_ui->hmacNote}) {
        QPalette muted = note->palette();
        muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
        note->setPalette(muted);
    }
    for (QLabel* label : {m_ui->urlProblemLabel, m_ui->hmacProblemLabel, m_ui->eventTypesProblemLabel})
        label->hide();

    m_ui->retryTypeCombo->addItem(tr("circuit-breaker (default)"), WebhookDraft::CircuitBreaker);
    m_ui->retryTypeCombo->addItem(tr("exponential"), WebhookDraft::Exponential);
    updateRetryDescription();

    m_ui->useDemoButton->hide();
    m_ui->progressBar->hide();
    m_ui->cancelButton->hide();
    m_ui->busyLabel->clear();

    setFocusProxy(m_ui->urlEdit);
    setRevealable(m_ui->basicAuthEdit, m_ui->basicAuthRevealButton);
    setRevealable(m_ui->hmacEdit, m_ui->hmacRevealButton);
    setSecretClipboard(new SecretClipboard(this));
    m_ui->hmacCopyButton->setEnabled(false);
    connect(m_ui->hmacEdit, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_ui->hmacCopyButton->setEnabled(!text.isEmpty()); });
    connect(
        m_ui->hmacCopyButton, &QToolButton::clicked, this, [this] { m_secretClipboard->copy(m_ui->hmacEdit->text()); });

    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, [this] { updateUrlProblem(false); });
    connect(m_ui->urlEdit, &QLineEdit::editingFinished, this, [this] { updateUrlProblem(true); });
    connect(m_ui->hmacEdit, &QLineEdit::textChanged, this, &WebhookForm::updateHmacProblem);
    connect(m_ui->retryTypeCombo, &QComboBox::currentIndexChanged, this, &WebhookForm::updateRetryDescription);
    connect(m_ui->eventTypePicker, &EventTypePicker::selectionChanged, this, [this] {
        m_eventsTouched = true;
        updateEventProblem(false);
    });
    connect(m_ui->hmacGenerateButton, &QPushButton::clicked, this, [this] {
        m_ui->hmacEdit->setText(Signature::generateSecret());
        m_ui->hmacEdit->setFocus();
    });
    connect(m_ui->basicAuthBuildButton, &QPushButton::clicked, this, &WebhookForm::openBasicAuthDialog);
    connect(m_ui->useDemoButton, &QPushButton::clicked, this, [this] {
        m_ui->urlEdit->setText(m_demoEndpoint.toString());
        m_ui->urlEdit->setFocus();
    });
    connect(m_ui->submitButton, &QPushButton::clicked, this, &WebhookForm::submit);
    connect(m_ui->preflightButton, &QPushButton::clicked, this, [this] {
        updateUrlProblem(true);
        if (!UrlPolicy::webhookUrlProblem(m_ui->urlEdit->text()).isEmpty()) {
            m_ui->urlEdit->setFocus();
            return;
        }
        emit preflightRequested(QUrl(m_ui->urlEdit->text()), m_ui->hmacEdit->text(), m_ui->basicAuthEdit->text());
    });
    connect(m_ui->testEventButton, &QPushButton::clicked, this, [this] {
        QString hmac = m_ui->hmacEdit->text();
        if (hmac.isEmpty() && m_mode == Mode::Edit && m_original)
            hmac = m_original->hmac;
        emit testEventRequested(m_ui->urlEdit->text(), hmac, m_ui->basicAuthEdit->text());
    });
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &WebhookForm::cancelRequested);
}

WebhookForm::~WebhookForm() = default;

void WebhookForm::setSecretClipboard(SecretClipboard* clipboard)
{
    for (QLineEdit* edit : {m_ui->hmacEdit, m_ui->basicAuthEdit}) {
        if (m_secretClipboard)
            m_secretClipboard->unguard(edit);
        clipboard->guard(edit);
    }
    m_secretClipboard = clipboard;
}

void WebhookForm::setDemoEndpoint(const QUrl& url)
{
    m_demoEndpoint = url;
    const bool offer = url.isValid() && !url.isEmpty();
    m_ui->useDemoButton->setVisible(offer);
    if (offer) {
        auto* completer = new QCompleter(QStringList {url.toString()}, m_ui->urlEdit);
        completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
        m_ui->urlEdit->setCompleter(completer);
        m_ui->urlEdit->setPlaceholderText(url.toString());
    } else {
        m_ui->urlEdit->setCompleter(nullptr);
    }
}

void WebhookForm::startCreate()
{
    m_mode = Mode::Create;
    m_original.reset();
    m_ui->titleLabel->setText(tr("Create a webhook"));
    m_ui->submitButton->setText(tr("&Create"));
    m_ui->submitButton->setAccessibleName(tr("Create the webhook"));
    m_ui->hmacEdit->setPlaceholderText(tr("Optional: empty lets Daily create one"));
    m_ui->urlEdit->clear();
    m_ui->basicAuthEdit->clear();
    m_ui->hmacEdit->clear();
    m_ui->retryTypeCombo->setCurrentIndex(0);
    m_ui->eventTypePicker->setSelectedTypes({});
    m_eventsTouched = false;
    for (QLabel* label : {m_ui->urlProblemLabel, m_ui->hmacProblemLabel, m_ui->eventTypesProblemLabel})
        showProblem(label, QString());
    clearError();
}

void WebhookForm::startCreateFrom(const WebhookDraft& draft)
{
    startCreate();
    m_ui->urlEdit->setText(draft.url.value_or(QString()));
    m_ui->basicAuthEdit->setText(draft.basicAuth.value_or(QString()));
    const int retry = m_ui->retryTypeCombo->findData(draft.retryType.value_or(WebhookDraft::CircuitBreaker));
    m_ui->retryTypeCombo->setCurrentIndex(retry < 0 ? 0 : retry);
    m_ui->eventTypePicker->setSelectedTypes(draft.eventTypes.value_or(QStringList()));
    m_ui->hmacEdit->setText(draft.hmac.value_or(QString()));
    m_eventsTouched = false;
}

void WebhookForm::startEdit(const Webhook& webhook, const QString& domainName)
{
    startCreate();
    m_mode = Mode::Edit;
    m_original = webhook;
    m_ui->titleLabel->setText(tr("Edit the webhook of %1").arg(domainName));
    m_ui->submitButton->setText(tr("&Save"));
    m_ui->submitButton->setAccessibleName(tr("Save the changes"));
    m_ui->urlEdit->setText(webhook.url);
    m_ui->basicAuthEdit->setText(webhook.basicAuth);
    const int retry = m_ui->retryTypeCombo->findData(webhook.retryType);
    m_ui->retryTypeCombo->setCurrentIndex(retry < 0 ? 0 : retry);
    m_ui->eventTypePicker->setSelectedTypes(webhook.eventTypes);
    // The secret stays as it is unless the user types or generates a new one.
    m_ui->hmacEdit->setPlaceholderText(tr("Unchanged: type or Generate to replace it"));
    m_ui->busyLabel->setText(tr("Daily pings the URL again when you save."));
    m_eventsTouched = false;
}

WebhookDraft WebhookForm::draft() const
{
    if (m_mode == Mode::Edit && m_original) {
        WebhookDraft full;
        full.url = m_ui->urlEdit->text();
        full.basicAuth = m_ui->basicAuthEdit->text();
        full.retryType = m_ui->retryTypeCombo->currentData().toString();
        full.eventTypes = m_ui->eventTypePicker->selectedTypes();
        if (!m_ui->hmacEdit->text().isEmpty())
            full.hmac = m_ui->hmacEdit->text();
        WebhookDraft changed = full.changedFrom(*m_original);
        // Daily re-verifies the URL on every update, and the URL is what reactivation needs: always send it.
        changed.url = full.url;
        if (changed.basicAuth && changed.basicAuth->isEmpty())
            changed.basicAuth.reset(); // clearing basic auth is not something Daily documents
        return changed;
    }
    WebhookDraft d;
    d.url = m_ui->urlEdit->text();
    if (!m_ui->basicAuthEdit->text().isEmpty())
        d.basicAuth = m_ui->basicAuthEdit->text();
    d.retryType = m_ui->retryTypeCombo->currentData().toString();
    d.eventTypes = m_ui->eventTypePicker->selectedTypes();
    if (!m_ui->hmacEdit->text().isEmpty())
        d.hmac = m_ui->hmacEdit->text();
    return d;
}

QList<FieldProblem> WebhookForm::problems() const
{
    return draft().validate(EventCatalog::builtIn());
}

void WebhookForm::showProblem(QLabel* label, const QString& problem)
{
    label->setVisible(!problem.isEmpty());
    if (problem.isEmpty()) {
        label->clear();
        return;
    }
    label->setText(QStringLiteral("⚠ ") + problem);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(QStringLiteral("#c62828")));
    label->setPalette(p);
}

void WebhookForm::updateUrlProblem(bool force)
{
    const QString text = m_ui->urlEdit->text();
    // While the field is still empty, say nothing until the user leaves it or presses Create.
    if (text.isEmpty() && !force) {
        showProblem(m_ui->urlProblemLabel, QString());
        return;
    }
    const QString problem = UrlPolicy::webhookUrlProblem(text);
    if (!problem.isEmpty()) {
        showProblem(m_ui->urlProblemLabel, problem);
        m_ui->urlEdit->setAccessibleDescription(problem);
        return;
    }
    const QString note = UrlPolicy::webhookUrlNote(text);
    m_ui->urlProblemLabel->setVisible(!note.isEmpty());
    m_ui->urlProblemLabel->setText(note.isEmpty() ? QString() : tr("Note: %1").arg(note));
    m_ui->urlProblemLabel->setPalette(palette());
    m_ui->urlEdit->setAccessibleDescription(note);
}

void WebhookForm::updateHmacProblem()
{
    const QString text = m_ui->hmacEdit->text();
    if (text.isEmpty()) {
        showProblem(m_ui->hmacProblemLabel, QString());
        return;
    }
    WebhookDraft d;
    d.hmac = text;
    const QList<FieldProblem> found = d.validate(EventCatalog::builtIn(), false);
    showProblem(m_ui->hmacProblemLabel, found.isEmpty() ? QString() : found.first().message);
}

void WebhookForm::updateEventProblem(bool force)
{
    if (!force && !m_eventsTouched)
        return;
    WebhookDraft d;
    d.eventTypes = m_ui->eventTypePicker->selectedTypes();
    const QList<FieldProblem> found = d.validate(EventCatalog::builtIn(), false);
    showProblem(m_ui->eventTypesProblemLabel, found.isEmpty() ? QString() : found.first().message);
}

void WebhookForm::updateRetryDescription()
{
    const QString type = m_ui->retryTypeCombo->currentData().toString();
    if (type == WebhookDraft::Exponential)
        m_ui->retryTypeDescription->setText(
            tr("Each event is tried up to 5 times, with backoff growing to 15 minutes; the webhook is never switched "
               "off, and an event that fails 5 times is dropped."));
    else
        m_ui->retryTypeDescription->setText(
            tr("Each event is sent once; after 3 consecutive failures Daily switches the webhook to FAILED and stops "
               "sending until you reactivate it."));
}

QLabel* WebhookForm::problemLabelFor(const QString& field) const
{
    if (field == WebhookFields::Url)
        return m_ui->urlProblemLabel;
    if (field == WebhookFields::Hmac)
        return m_ui->hmacProblemLabel;
    if (field == WebhookFields::EventTypes)
        return m_ui->eventTypesProblemLabel;
    return nullptr;
}

QWidget* WebhookForm::editorFor(const QString& field) const
{
    if (field == WebhookFields::Url)
        return m_ui->urlEdit;
    if (field == WebhookFields::BasicAuth)
        return m_ui->basicAuthEdit;
    if (field == WebhookFields::RetryType)
        return m_ui->retryTypeCombo;
    if (field == WebhookFields::Hmac)
        return m_ui->hmacEdit;
    if (field == WebhookFields::EventTypes)
        return m_ui->eventTypePicker;
    return nullptr;
}

void WebhookForm::submit()
{
    if (m_busy)
        return; // one request at a time: a second press must not send twice
    updateUrlProblem(true);
    updateHmacProblem();
    updateEventProblem(true);
    const QList<FieldProblem> found = m_mode == Mode::Edit ? draft().validate(EventCatalog::builtIn()) : problems();
    if (!found.isEmpty()) {
        for (const FieldProblem& problem : found) {
            if (QLabel* label = problemLabelFor(problem.field); label && label->text().isEmpty())
                showProblem(label, problem.message);
        }
        m_ui->errorPanel->showMessage(tr("Some fields need attention before the webhook can be created."),
            tr("Fix the fields marked with ⚠ and press Create again."));
        if (QWidget* editor = editorFor(found.first().field))
            editor->setFocus();
        return;
    }
    clearError();
    emit submitRequested(draft());
}

void WebhookForm::setBusy(bool busy, const QString& status)
{
    m_busy = busy;
    m_ui->submitButton->setEnabled(!busy);
    m_ui->preflightButton->setEnabled(!busy);
    m_ui->progressBar->setVisible(busy);
    m_ui->cancelButton->setVisible(busy);
    m_ui->cancelButton->setEnabled(busy);
    m_ui->busyLabel->setText(status);
    if (busy)
        m_ui->cancelButton->setFocus();
}

void WebhookForm::showError(const ApiError& error)
{
    m_ui->errorPanel->showError(error);
    if (QLabel* label = problemLabelFor(error.field)) {
        showProblem(label, error.message);
        if (QWidget* editor = editorFor(error.field))
            editor->setFocus();
    }
}

void WebhookForm::clearError()
{
    m_ui->errorPanel->clear();
}

QString WebhookForm::errorMessage() const
{
    return m_ui->errorPanel->isHidden() ? QString() : m_ui->errorPanel->message();
}

void WebhookForm::openBasicAuthDialog()
{
    auto* dialog = new BasicAuthDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_ui->basicAuthEdit->setText(dialog->credential()); });
    dialog->open();
}
