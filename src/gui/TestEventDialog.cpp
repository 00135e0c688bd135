#include "TestEventDialog.h"
#include "ui_TestEventDialog.h"

#include "DeliverySender.h"
#include "EventCatalog.h"
#include "Limits.h"
#include "PendingDelivery.h"
#include "SecretClipboard.h"
#include "Signature.h"
#include "TestEvent.h"
#include "TestEventBatch.h"
#include "UrlPolicy.h"
#include "WebhookDraft.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QPushButton>
#include <QStandardItemModel>

namespace {

const QColor kProblemColor(QStringLiteral("#c62828"));

void setRevealable(QLineEdit* edit, QToolButton* button)
{
    QObject::connect(button, &QToolButton::toggled, edit, [edit, button](bool reveal) {
        edit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        button->setText(reveal ? TestEventDialog::tr("Hide") : TestEventDialog::tr("Show"));
    });
}

// The sample as a person edits it: indented, keys as the catalog has them.
QString editableSample(const TestEvent& event)
{
    return QString::fromUtf8(QJsonDocument::fromJson(event.payload()).toJson(QJsonDocument::Indented)).trimmed();
}

QString failureHint(const DeliveryResult& r, int timeoutMs)
{
    using Failure = DeliveryResult::Failure;
    switch (r.failure) {
    case Failure::ConnectionRefused:
        return TestEventDialog::tr("Nothing is listening there: start your endpoint, or check the host and port.");
    case Failure::HostNotFound:
        return TestEventDialog::tr("The host name could not be found: check it for typos.");
    case Failure::Timeout:
        return TestEventDialog::tr("The endpoint did not answer within %1 s; Daily waits only a few seconds.")
            .arg(timeoutMs / 1000);
    case Failure::Tls:
        return TestEventDialog::tr("The secure connection failed, and certificate problems are never ignored: check "
                                   "the endpoint's certificate.");
    case Failure::Network:
    case Failure::UrlRefused:
    case Failure::Cancelled:
    case Failure::None:
        break;
    }
    return {};
}

} // namespace

TestEventDialog::TestEventDialog(DeliverySender* sender, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TestEventDialog>())
    , m_sender(sender)
    , m_batch(new TestEventBatch(sender, this))
{
    Q_ASSERT(m_sender);
    m_ui->setupUi(this);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->payloadEdit->setFont(mono);
    m_ui->answerEdit->setFont(mono);
    for (QLabel* note : {m_ui->typeDescription, m_ui->introLabel}) {
        QPalette muted = note->palette();
        muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
        note->setPalette(muted);
    }
    m_ui->sourceLabel->hide();
    for (QLabel* label :
        {m_ui->payloadProblemLabel, m_ui->urlProblemLabel, m_ui->hmacNoteLabel, m_ui->basicAuthProblemLabel})
        label->hide();
    QFont headline = m_ui->headlineLabel->font();
    headline.setBold(true);
    m_ui->headlineLabel->setFont(headline);
    m_ui->headlineLabel->setText(tr("Nothing sent yet: choose a type and press Send."));
    m_ui->answerEdit->setPlaceholderText(tr("The start of the endpoint's answer appears here."));

    m_ui->batchTable->setColumnCount(BatchColumnCount);
    m_ui->batchTable->setHorizontalHeaderLabels({tr("Type"), tr("Status"), tr("Latency"), tr("Verdict")});
    m_ui->batchTable->verticalHeader()->hide();
    m_ui->batchTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_ui->batchTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->batchTable->horizontalHeader()->setHighlightSections(false);
    m_ui->batchSummaryLabel->setText(
        tr("Send one of each sends the catalog's sample of all 32 types to the URL and lists every answer here."));

    setRevealable(m_ui->hmacEdit, m_ui->hmacRevealButton);
    setRevealable(m_ui->basicAuthEdit, m_ui->basicAuthRevealButton);
    setSecretClipboard(new SecretClipboard(this));

    fillTypes();
    m_ui->progressBar->hide();
    m_ui->cancelButton->hide();

    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, [this] {
        showTypeDescription();
        // An untouched sample follows the type; an edited payload stays until Reset sample.
        const std::optional<TestEvent> previous = TestEvent::sample(m_payloadType, EventCatalog::builtIn());
        if (!previous || m_ui->payloadEdit->toPlainText() == editableSample(*previous))
            resetSample();
        else
            updateProblems();
    });
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, &TestEventDialog::updateProblems);
    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &TestEventDialog::updateProblems);
    connect(m_ui->hmacEdit, &QLineEdit::textChanged, this, &TestEventDialog::updateProblems);
    connect(m_ui->basicAuthEdit, &QLineEdit::textChanged, this, &TestEventDialog::updateProblems);
    connect(m_ui->resetSampleButton, &QPushButton::clicked, this, &TestEventDialog::resetSample);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &TestEventDialog::send);
    connect(m_ui->sendAllButton, &QPushButton::clicked, this, &TestEventDialog::sendOneOfEach);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &TestEventDialog::cancelSending);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &TestEventDialog::reject);
    connect(m_batch, &TestEventBatch::eventFinished, this, [this](int index, const TestEventOutcome& outcome) {
        ++m_batchDone;
        showOutcome(index, outcome);
        showBatchSummary();
    });
    connect(m_batch, &TestEventBatch::finished, this, [this](const QList<TestEventOutcome>& outcomes) {
        showBatchSummary();
        setBusy(false, m_ui->batchSummaryLabel->text());
        emit batchFinished(outcomes);
    });

    setEventType(EventCatalog::builtIn().types().value(0));
    resetSample();
    m_ui->typeCombo->setFocus();
}

TestEventDialog::~TestEventDialog()
{
    // Nothing is left running for a window that is gone; the batch's last signals must not reach it either.
    m_batch->disconnect(this);
    m_batch->cancel();
    if (m_pending)
        m_pending->cancel();
}

void TestEventDialog::fillTypes()
{
    // Grouped by family: a family's title heads its types and cannot be chosen.
    const EventCatalog& catalog = EventCatalog::builtIn();
    auto* model = qobject_cast<QStandardItemModel*>(m_ui->typeCombo->model());
    for (const EventCatalog::Family& family : catalog.families()) {
        const QList<EventCatalog::Event> events = catalog.eventsOfFamily(family.id);
        if (events.isEmpty())
            continue;
        m_ui->typeCombo->addItem(family.title);
        if (model) {
            QStandardItem* header = model->item(model->rowCount() - 1);
            header->setFlags(Qt::NoItemFlags);
            QFont bold = header->font();
            bold.setBold(true);
            header->setFont(bold);
        }
        for (const EventCatalog::Event& event : events) {
            m_ui->typeCombo->addItem(event.type, event.type);
            m_ui->typeCombo->setItemData(m_ui->typeCombo->count() - 1, event.description, Qt::ToolTipRole);
        }
    }
}

void TestEventDialog::showTypeDescription()
{
    const EventCatalog::Event* event = EventCatalog::builtIn().event(eventType());
    m_ui->typeDescription->setText(event ? event->description : QString());
}

void TestEventDialog::setEventType(const QString& type)
{
    const int index = m_ui->typeCombo->findData(type);
    if (index >= 0)
        m_ui->typeCombo->setCurrentIndex(index);
}

QString TestEventDialog::eventType() const
{
    return m_ui->typeCombo->currentData().toString();
}

void TestEventDialog::setTarget(
    const QString& url, const QString& hmac, const QString& basicAuth, const QString& source)
{
    m_ui->urlEdit->setText(url);
    m_ui->hmacEdit->setText(hmac);
    m_ui->basicAuthEdit->setText(basicAuth);
    m_ui->hmacRevealButton->setChecked(false);
    m_ui->basicAuthRevealButton->setChecked(false);
    m_ui->sourceLabel->setVisible(!source.isEmpty());
    m_ui->sourceLabel->setText(source.isEmpty()
            ? QString()
            : tr("URL, HMAC secret and basic auth from %1; change them here as you like.").arg(source));
    updateProblems();
    // Ready to send: Send has the focus (Enter sends); otherwise where the user has to type.
    if (m_ui->sendButton->isEnabled())
        m_ui->sendButton->setFocus();
    else if (!UrlPolicy::webhookUrlProblem(url).isEmpty())
        m_ui->urlEdit->setFocus();
}

void TestEventDialog::setSecretClipboard(SecretClipboard* clipboard)
{
    for (QLineEdit* edit : {m_ui->hmacEdit, m_ui->basicAuthEdit}) {
        if (m_secretClipboard)
            m_secretClipboard->unguard(edit);
        clipboard->guard(edit);
    }
    m_secretClipboard = clipboard;
}

void TestEventDialog::resetSample()
{
    const std::optional<TestEvent> event = TestEvent::sample(eventType(), EventCatalog::builtIn());
    if (!event)
        return;
    m_payloadType = event->type();
    m_ui->payloadEdit->setPlainText(editableSample(*event));
    updateProblems();
}

std::optional<TestEvent> TestEventDialog::currentEvent() const
{
    std::optional<TestEvent> event = TestEvent::sample(eventType(), EventCatalog::builtIn());
    if (event && !event->setPayload(m_ui->payloadEdit->toPlainText().toUtf8()).isEmpty())
        return std::nullopt;
    return event;
}

QString TestEventDialog::sendAllProblem() const
{
    const QString url = m_ui->urlEdit->text();
    if (const QString problem = UrlPolicy::webhookUrlProblem(url); !problem.isEmpty())
        return problem;
    const QString hmac = m_ui->hmacEdit->text();
    if (!hmac.isEmpty() && !Signature::isValidBase64(hmac))
        return tr("The HMAC secret must be base64, as Daily's secrets are; leave it empty to send unsigned.");
    if (!m_ui->basicAuthEdit->text().isEmpty()) {
        WebhookDraft draft;
        draft.basicAuth = m_ui->basicAuthEdit->text();
        const QList<FieldProblem> problems = draft.validate(EventCatalog::builtIn(), false);
        if (!problems.isEmpty())
            return problems.constFirst().message;
    }
    return {};
}

QString TestEventDialog::sendProblem() const
{
    std::optional<TestEvent> event = TestEvent::sample(eventType(), EventCatalog::builtIn());
    if (!event)
        return tr("Choose an event type.");
    if (const QString problem = event->setPayload(m_ui->payloadEdit->toPlainText().toUtf8()); !problem.isEmpty())
        return problem;
    return sendAllProblem();
}

void TestEventDialog::showProblem(QLabel* label, const QString& text, bool warning)
{
    label->setVisible(!text.isEmpty());
    label->setText(text.isEmpty() ? QString() : warning ? QStringLiteral("⚠ ") + text : text);
    QPalette p = palette();
    if (warning)
        p.setColor(QPalette::WindowText, kProblemColor);
    label->setPalette(p);
}

void TestEventDialog::updateProblems()
{
    // The payload: one JSON object; the problem shown where it is, with the byte Qt stopped at.
    std::optional<TestEvent> event = TestEvent::sample(eventType(), EventCatalog::builtIn());
    const QString payloadProblem
        = event ? event->setPayload(m_ui->payloadEdit->toPlainText().toUtf8()) : tr("Choose an event type.");
    if (!payloadProblem.isEmpty())
        showProblem(m_ui->payloadProblemLabel, payloadProblem);
    else if (event && m_payloadType != event->type())
        showProblem(m_ui->payloadProblemLabel,
            tr("This payload was written for %1; Reset sample puts in the sample of %2.")
                .arg(m_payloadType, event->type()),
            false);
    else
        showProblem(m_ui->payloadProblemLabel, QString());
    m_ui->payloadEdit->setAccessibleDescription(payloadProblem);

    // The URL: as the form checks it; nothing said while it is still empty.
    const QString url = m_ui->urlEdit->text();
    const QString urlProblem = UrlPolicy::webhookUrlProblem(url);
    if (url.isEmpty())
        showProblem(m_ui->urlProblemLabel, QString());
    else if (!urlProblem.isEmpty())
        showProblem(m_ui->urlProblemLabel, urlProblem);
    else
        showProblem(m_ui->urlProblemLabel, UrlPolicy::webhookUrlNote(url), false);
    m_ui->urlEdit->setAccessibleDescription(url.isEmpty() ? QString() : urlProblem);

    const QString hmac = m_ui->hmacEdit->text();
    if (hmac.isEmpty())
        showProblem(m_ui->hmacNoteLabel,
            tr("No secret: the event goes out unsigned (without X-Webhook-Signature), and a receiver that checks "
               "signatures, as it should, refuses it."));
    else if (!Signature::isValidBase64(hmac))
        showProblem(m_ui->hmacNoteLabel,
            tr("The HMAC secret must be base64, as Daily's secrets are; leave it empty to send unsigned."));
    else
        showProblem(m_ui->hmacNoteLabel, QString());

    QString basicAuthProblem;
    if (!m_ui->basicAuthEdit->text().isEmpty()) {
        WebhookDraft draft;
        draft.basicAuth = m_ui->basicAuthEdit->text();
        const QList<FieldProblem> problems = draft.validate(EventCatalog::builtIn(), false);
        basicAuthProblem = problems.isEmpty() ? QString() : problems.constFirst().message;
    }
    showProblem(m_ui->basicAuthProblemLabel, basicAuthProblem);

    const bool busy = isBusy();
    const QString problem = sendProblem();
    const QString allProblem = sendAllProblem();
    m_ui->sendButton->setEnabled(!busy && problem.isEmpty());
    m_ui->sendButton->setToolTip(problem.isEmpty() ? tr("Send one event of this type, signed as Daily signs it")
                                                   : tr("Send is off: %1").arg(problem));
    m_ui->sendAllButton->setEnabled(!busy && allProblem.isEmpty());
    if (!busy)
        m_ui->statusLabel->setText(problem.isEmpty() ? QString() : tr("Send is off: %1").arg(problem));
}

bool TestEventDialog::isBusy() const
{
    return m_pending || m_batch->isRunning();
}

void TestEventDialog::setBusy(bool busy, const QString& status)
{
    m_ui->progressBar->setVisible(busy);
    m_ui->cancelButton->setVisible(busy);
    m_ui->cancelButton->setEnabled(busy);
    m_ui->statusLabel->setText(status);
    if (busy)
        m_ui->cancelButton->setFocus();
    else if (m_ui->cancelButton->hasFocus() || focusWidget() == nullptr)
        m_ui->sendButton->setFocus();
    updateProblems();
    if (!busy && !status.isEmpty())
        m_ui->statusLabel->setText(status);
}

void TestEventDialog::send()
{
    if (isBusy() || !sendProblem().isEmpty())
        return;
    const std::optional<TestEvent> event = currentEvent();
    if (!event)
        return;
    const QUrl url(m_ui->urlEdit->text());
    QString id;
    const DeliveryRequest request = event->request(
        url, m_ui->hmacEdit->text(), m_ui->basicAuthEdit->text(), QDateTime::currentMSecsSinceEpoch(), &id);
    m_pendingId = id;
    m_pending = m_sender->send(request);
    m_ui->resultTabs->setCurrentWidget(m_ui->answerPage);
    m_ui->headlineLabel->setText(tr("Sending %1 to %2…").arg(event->type(), url.toString()));
    for (QLabel* value : {m_ui->statusValue, m_ui->latencyValue, m_ui->signedValue})
        value->clear();
    m_ui->eventIdValue->setText(id);
    m_ui->answerEdit->clear();
    setBusy(true, tr("Sending %1…").arg(event->type()));
    connect(m_pending, &PendingDelivery::finished, this, [this](const DeliveryResult& result) {
        m_pending = nullptr;
        showResult(m_pendingId, result);
        setBusy(false,
            result.failure == DeliveryResult::Failure::None
                ? tr("Answered %1 in %2 ms.").arg(result.httpStatus).arg(result.latencyMs)
                : tr("No answer: %1").arg(result.failureText));
        emit sendFinished(result);
    });
}

void TestEventDialog::showResult(const QString& id, const DeliveryResult& r)
{
    const QString url = r.url.toString();
    QString headline;
    if (r.failure != DeliveryResult::Failure::None) {
        headline = tr("✘ No answer from %1: %2").arg(url, r.failureText);
        if (const QString hint = failureHint(r, m_sender->timeoutMs()); !hint.isEmpty())
            headline += QLatin1Char(' ') + hint;
    } else if (r.accepted()) {
        headline = tr("✔ %1 answered %2 in %3 ms: Daily would count this event as delivered.")
                       .arg(url, QString::number(r.httpStatus), QString::number(r.latencyMs));
    } else if (!r.redirectLocation.isEmpty()) {
        headline = tr("⚠ %1 answered %2, a redirect to %3, which was not followed (the signature and credentials "
                      "stay with the URL they were made for). Daily counts only a 2xx as delivered: give the final "
                      "URL.")
                       .arg(url, QString::number(r.httpStatus), r.redirectLocation);
    } else {
        headline
            = tr("⚠ %1 answered %2: Daily counts only a 2xx as delivered.").arg(url, QString::number(r.httpStatus));
    }
    m_ui->headlineLabel->setText(headline);
    QPalette p = palette();
    if (!r.accepted())
        p.setColor(QPalette::WindowText, kProblemColor);
    m_ui->headlineLabel->setPalette(p);

    m_ui->statusValue->setText(
        r.failure == DeliveryResult::Failure::None ? QString::number(r.httpStatus) : tr("no answer"));
    m_ui->latencyValue->setText(tr("%1 ms").arg(r.latencyMs));
    m_ui->eventIdValue->setText(id);
    m_ui->signedValue->setText(
        r.signedRequest ? tr("yes, with the HMAC secret (X-Webhook-Signature)") : tr("no: no HMAC secret was given"));
    // The start only: laying out a long line of compact JSON costs a text field seconds.
    QString answer = QString::fromUtf8(r.answerBody.left(Limits::MaxShownBodyBytes));
    if (r.answerBody.size() > Limits::MaxShownBodyBytes)
        answer += QStringLiteral("\n\n")
            + tr("[the first %1 bytes are shown, of %2 read]").arg(Limits::MaxShownBodyBytes).arg(r.answerBody.size());
    if (r.answerCut)
        answer += QStringLiteral("\n") + tr("[reading stopped at the limit: %1]").arg(r.cutNote());
    m_ui->answerEdit->setPlainText(answer);
    m_ui->answerEdit->setPlaceholderText(
        r.failure == DeliveryResult::Failure::None ? tr("(the answer had no body)") : tr("(no answer)"));
}

void TestEventDialog::sendOneOfEach()
{
    if (isBusy() || !sendAllProblem().isEmpty())
        return;
    const QList<TestEvent> events = TestEvent::allSamples(EventCatalog::builtIn());
    m_ui->batchTable->clearContents();
    m_ui->batchTable->setRowCount(int(events.size()));
    for (int row = 0; row < events.size(); ++row) {
        m_ui->batchTable->setItem(row, TypeColumn, new QTableWidgetItem(events.at(row).type()));
        m_ui->batchTable->setItem(row, StatusColumn, new QTableWidgetItem(tr("waiting")));
        for (int column : {LatencyColumn, VerdictColumn})
            m_ui->batchTable->setItem(row, column, new QTableWidgetItem());
    }
    m_ui->batchTable->resizeColumnToContents(TypeColumn);
    m_ui->resultTabs->setCurrentWidget(m_ui->batchPage);
    m_batchDone = 0;
    m_batch->start(events, QUrl(m_ui->urlEdit->text()), m_ui->hmacEdit->text(), m_ui->basicAuthEdit->text());
    setBusy(true, tr("Sending one event of each type…"));
    showBatchSummary();
}

void TestEventDialog::showOutcome(int row, const TestEventOutcome& outcome)
{
    const DeliveryResult& r = outcome.result;
    QString verdict;
    if (r.failure != DeliveryResult::Failure::None)
        verdict = r.failureText;
    else if (r.accepted())
        verdict = tr("accepted");
    else if (!r.redirectLocation.isEmpty())
        verdict = tr("redirect to %1, not followed").arg(r.redirectLocation);
    else
        verdict = tr("not accepted: Daily counts only a 2xx");
    const QString status = r.failure != DeliveryResult::Failure::None ? tr("no answer") : QString::number(r.httpStatus);
    const QString latency = r.failure == DeliveryResult::Failure::Cancelled && r.latencyMs == 0
        ? QString()
        : tr("%1 ms").arg(r.latencyMs);
    const QString values[] = {outcome.type, status, latency, r.accepted() ? verdict : QStringLiteral("⚠ ") + verdict};
    for (int column = 0; column < BatchColumnCount; ++column) {
        QTableWidgetItem* item = m_ui->batchTable->item(row, column);
        if (!item)
            continue;
        item->setText(values[column]);
        item->setToolTip(column == VerdictColumn ? values[column] : QString());
        if (!r.accepted())
            item->setForeground(kProblemColor);
    }
}

void TestEventDialog::showBatchSummary()
{
    const QList<TestEventOutcome>& outcomes = m_batch->outcomes();
    const int total = int(outcomes.size());
    QString text;
    if (m_batch->isRunning()) {
        text = tr("Sending %1 events to %2, four at a time: %3 done so far.")
                   .arg(QString::number(total), m_ui->urlEdit->text(), QString::number(m_batchDone));
    } else {
        int answered = 0;
        int accepted = 0;
        for (const TestEventOutcome& outcome : outcomes) {
            answered += outcome.result.failure == DeliveryResult::Failure::None ? 1 : 0;
            accepted += outcome.result.accepted() ? 1 : 0;
        }
        QStringList parts;
        parts << (accepted == total ? tr("All %1 events answered with a 2xx.").arg(total)
                                    : tr("%1 of %2 events answered with a 2xx").arg(accepted).arg(total));
        if (answered > accepted)
            parts << tr("%1 answered otherwise").arg(answered - accepted);
        if (total > answered)
            parts << tr("%1 got no answer").arg(total - answered);
        text = parts.join(QStringLiteral("; ")) + (accepted == total ? QString() : QStringLiteral("."));
    }
    m_ui->batchSummaryLabel->setText(text);
    m_ui->resultTabs->setTabText(
        m_ui->resultTabs->indexOf(m_ui->batchPage), tr("One of each (%1/%2)").arg(m_batchDone).arg(total));
}

void TestEventDialog::cancelSending()
{
    if (m_pending)
        m_pending->cancel();
    if (m_batch->isRunning())
        m_batch->cancel();
}

void TestEventDialog::reject()
{
    // Escape while sending cancels the sending first; the window stays, with everything typed.
    if (isBusy()) {
        cancelSending();
        return;
    }
    QDialog::reject();
}
