#include "DeliveriesWindow.h"
#include "ui_DeliveriesWindow.h"

#include "AppSettings.h"
#include "DeliveryCurl.h"
#include "DeliveryListModel.h"
#include "DeliveryReplayDialog.h"
#include "DeliverySender.h"
#include "DisplayText.h"
#include "DomainStates.h"
#include "EventCatalog.h"
#include "HttpRequestGate.h"
#include "JsonBytes.h"
#include "KnownWebhookSecrets.h"
#include "Limits.h"
#include "Receiver.h"
#include "Signature.h"
#include "ToneColors.h"
#include "ToneDelegate.h"
#include "UrlPolicy.h"

#include <QAction>
#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QStringDecoder>

namespace {

// Rows written by another program (daily-webhooks-cli receive) appear within this time while the window shows.
constexpr int RefreshIntervalMs = 2000;
// A search waits for the typing to pause: with a text filter the store reads every body.
constexpr int SearchDelayMs = 300;

const QList<int>& answerStatuses()
{
    static const QList<int> statuses {200, 400, 401, 403, 404, 410, 429, 500, 502, 503, 504, Receiver::NoAnswer};
    return statuses;
}

// Text as it arrived when it is UTF-8 without control characters other than tab and line breaks; otherwise a hex
// dump, so no byte is hidden or changed by the display.
QString rawText(const QByteArray& bytes)
{
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    bool printable = !decoder.hasError();
    for (qsizetype i = 0; printable && i < text.size(); ++i) {
        const QChar c = text.at(i);
        printable = !(c.category() == QChar::Other_Control && c != QLatin1Char('\t') && c != QLatin1Char('\n')
            && c != QLatin1Char('\r'));
    }
    if (printable)
        return text;
    QString dump;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        QString ascii;
        for (const char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        dump += QStringLiteral("%1  %2  %3\n")
                    .arg(offset, 8, 16, QLatin1Char('0'))
                    .arg(QString::fromLatin1(line.toHex(' ')), -47)
                    .arg(ascii);
    }
    return dump;
}

void setTone(QLabel* label, DeliveryListModel::Tone tone)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    palette.setColor(QPalette::WindowText, ToneColors::foreground(tone, palette));
    label->setPalette(palette);
}

} // namespace

DeliveriesWindow::DeliveriesWindow(
    AppSettings* settings, DomainStates* states, const QString& storePath, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::DeliveriesWindow>())
    , m_settings(settings)
    , m_states(states)
{
    m_ui->setupUi(this);

    if (!m_store.open(storePath, &m_storeProblem))
        m_storeProblem = tr("%1 Deliveries cannot be stored or shown.").arg(m_storeProblem);
    m_store.setMaxRows(m_settings->maxStoredDeliveries());
    m_model = new DeliveryListModel(&m_store, this);

    m_ui->deliveryTable->setModel(m_model);
    m_ui->deliveryTable->setItemDelegate(new ToneDelegate(m_ui->deliveryTable));
    m_ui->deliveryTable->verticalHeader()->hide();
    m_ui->deliveryTable->setWordWrap(false);
    m_ui->deliveryTable->horizontalHeader()->setHighlightSections(false);
    // Event ids are the longest values (met-sta-<uuid>-<seconds>): they get what is left.
    m_ui->deliveryTable->horizontalHeader()->setSectionResizeMode(
        DeliveryListModel::EventIdColumn, QHeaderView::Stretch);
    // Widths from the font, once: measuring every fetched row would read what the list is lazy not to read.
    const QFontMetrics metrics = m_ui->deliveryTable->fontMetrics();
    const auto widthOf = [&metrics](const QString& sample) { return metrics.horizontalAdvance(sample) + 24; };
    m_ui->deliveryTable->setColumnWidth(DeliveryListModel::TimeColumn, widthOf(QStringLiteral("2024-12-31 23:59:59")));
    m_ui->deliveryTable->setColumnWidth(
        DeliveryListModel::RequestColumn, widthOf(QStringLiteral("POST /webhooks/daily")));
    m_ui->deliveryTable->setColumnWidth(
        DeliveryListModel::TypeColumn, widthOf(QStringLiteral("recording.ready-to-download")));
    m_ui->deliveryTable->setColumnWidth(
        DeliveryListModel::SignatureColumn, widthOf(QStringLiteral("valid · production webhook")));
    m_ui->deliveryTable->setColumnWidth(DeliveryListModel::BasicAuthColumn, widthOf(QStringLiteral("none expected")));
    m_ui->deliveryTable->setColumnWidth(
        DeliveryListModel::StatusColumn, widthOf(QStringLiteral("202 · app 202 in 35 ms")));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit* view : {m_ui->headersView, m_ui->bodyView, m_ui->appAnswerView})
        view->setFont(fixed);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);

    for (const int status : answerStatuses()) {
        const QString text = status == Receiver::NoAnswer
            ? tr("No answer (close the connection)")
            : QStringLiteral("%1 %2").arg(status).arg(QString::fromLatin1(HttpRequestGate::reasonPhrase(status)));
        m_ui->answerCombo->addItem(text, status);
    }
    m_ui->delaySpin->setRange(0, Limits::MaxReceiverDelayMs);

    m_ui->typeFilterCombo->addItem(tr("All event types"), QString());
    for (const QString& type : EventCatalog::builtIn().types())
        m_ui->typeFilterCombo->addItem(type, type);
    m_ui->signatureFilterCombo->addItem(tr("Any signature"), QString());
    using V = DeliveryVerifier::SignatureVerdict;
    for (const V verdict : {V::Valid, V::Invalid, V::HeadersMissing, V::TimestampOutsideTolerance, V::NoSecretKnown}) {
        const QString name = DeliveryVerifier::name(verdict);
        m_ui->signatureFilterCombo->addItem(tr("Signature: %1").arg(DeliveryListModel::signatureText(name)), name);
    }

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(SearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &DeliveriesWindow::applyFilter);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &DeliveriesWindow::applyFilter);
    connect(m_ui->typeFilterCombo, &QComboBox::currentIndexChanged, this, &DeliveriesWindow::applyFilter);
    connect(m_ui->signatureFilterCombo, &QComboBox::currentIndexChanged, this, &DeliveriesWindow::applyFilter);
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_ui->searchEdit->setFocus();
        m_ui->searchEdit->selectAll();
    });
    addAction(findAction);

    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, m_model, &DeliveryListModel::refreshNewer);
    connect(m_model, &DeliveryListModel::countChanged, this, &DeliveriesWindow::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeliveriesWindow::updateCount);
    connect(m_ui->deliveryTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &DeliveriesWindow::showSelected);

    connect(m_ui->startButton, &QPushButton::clicked, this, &DeliveriesWindow::start);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &DeliveriesWindow::stop);
    connect(m_ui->copyUrlButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(receiverUrl());
        statusBar()->showMessage(
            tr("Copied %1: create a webhook with this URL, or your tunnel's to it.").arg(receiverUrl()), 8000);
    });
    connect(m_ui->answerCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_receiver)
            m_receiver->setAnswerStatus(m_ui->answerCombo->currentData().toInt());
    });
    connect(m_ui->delaySpin, &QSpinBox::valueChanged, this, [this](int ms) {
        if (m_receiver)
            m_receiver->setDelayMs(ms);
    });
    connect(m_ui->forwardEdit, &QLineEdit::textChanged, this, &DeliveriesWindow::updateForward);
    connect(m_ui->forwardAnswer200Check, &QCheckBox::toggled, this, &DeliveriesWindow::updateForward);

    connect(m_ui->addSecretButton, &QPushButton::clicked, this, &DeliveriesWindow::addSecret);
    connect(m_ui->secretEdit, &QLineEdit::returnPressed, this, &DeliveriesWindow::addSecret);
    connect(m_ui->removeSecretButton, &QPushButton::clicked, this, &DeliveriesWindow::removeSecret);
    connect(m_ui->addedSecretsList, &QListWidget::currentRowChanged, this, &DeliveriesWindow::updateControls);
    m_ui->secretProblemLabel->hide();
    if (m_states) {
        connect(m_states, &DomainStates::stateChanged, this, &DeliveriesWindow::rebuildVerifier);
        connect(m_states, &DomainStates::removed, this, &DeliveriesWindow::rebuildVerifier);
    }

    connect(m_ui->rawBodyCheck, &QCheckBox::toggled, this, &DeliveriesWindow::showBody);
    connect(m_ui->copyBodyButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_shownBody));
        statusBar()->showMessage(tr("Copied the body (%n byte(s)).", nullptr, int(m_shownBody.size())), 5000);
    });
    connect(m_ui->copyCurlButton, &QPushButton::clicked, this, &DeliveriesWindow::copyAsCurl);
    connect(m_ui->replayButton, &QPushButton::clicked, this, &DeliveriesWindow::openReplay);

    updateForward();
    clearDetail(tr("Select a delivery to see it whole."));
    if (m_storeProblem.isEmpty())
        showMessage(tr("Stopped. Start the receiver, then send deliveries to its URL."), false);
    else
        showMessage(m_storeProblem, true);
    rebuildVerifier();
    updateControls();
    updateCount();
    resize(1200, 780);
}

DeliveriesWindow::~DeliveriesWindow()
{
    // Before the store goes: the receiver writes to it, the list reads it.
    m_receiver.reset();
    m_ui->deliveryTable->setModel(nullptr);
    delete m_model;
}

void DeliveriesWindow::setPortOverride(std::optional<quint16> port)
{
    m_portOverride = port;
    updateControls();
    rebuildVerifier();
}

bool DeliveriesWindow::isReceiving() const
{
    return m_receiver != nullptr;
}

quint16 DeliveriesWindow::port() const
{
    return m_receiver ? m_receiver->port() : 0;
}

quint16 DeliveriesWindow::plannedPort() const
{
    if (m_receiver)
        return m_receiver->port();
    return m_portOverride ? *m_portOverride : quint16(m_settings->receiverPort());
}

QString DeliveriesWindow::receiverUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(plannedPort());
}

QHBoxLayout* DeliveriesWindow::detailButtons() const
{
    return m_ui->detailButtonsLayout;
}

bool DeliveriesWindow::start()
{
    if (m_receiver || !m_store.isOpen())
        return m_receiver != nullptr;
    m_store.setMaxRows(m_settings->maxStoredDeliveries());
    auto receiver = std::make_unique<Receiver>(&m_store);
    const quint16 port = plannedPort();
    QString error;
    if (!receiver->listen(QHostAddress::LocalHost, port, &error)) {
        showMessage(
            tr("%1 Stop the other receiver, or choose another port in the main window's Settings (Ctrl+,).").arg(error),
            true);
        return false;
    }
    m_receiver = std::move(receiver);
    m_receiver->setAnswerStatus(m_ui->answerCombo->currentData().toInt());
    m_receiver->setDelayMs(m_ui->delaySpin->value());
    connect(m_receiver.get(), &Receiver::stored, m_model, &DeliveryListModel::addStored);
    connect(m_receiver.get(), &Receiver::forwarded, this, [this](const StoredDelivery& delivery) {
        m_model->updateForwarded(delivery);
        if (delivery.id == m_shownId)
            showDelivery(m_store.byId(delivery.id));
    });
    connect(m_receiver.get(), &Receiver::storeFailed, this, [this](const QString& problem) {
        showMessage(tr("A request could not be stored and was answered 500: %1").arg(problem), true);
    });
    rebuildVerifier();
    updateForward();
    showMessage(tr("Receiving on %1: every request is stored before it is answered.").arg(receiverUrl()), false);
    updateControls();
    emit receivingChanged(true);
    return true;
}

void DeliveriesWindow::stop()
{
    if (!m_receiver)
        return;
    m_receiver.reset();
    showMessage(tr("Stopped. Requests to %1 are refused until you start again.").arg(receiverUrl()), false);
    rebuildVerifier();
    updateControls();
    emit receivingChanged(false);
}

void DeliveriesWindow::applySettings()
{
    m_store.setMaxRows(m_settings->maxStoredDeliveries());
    rebuildVerifier();
    updateControls();
}

void DeliveriesWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    m_model->refreshNewer();
    m_refreshTimer.start();
}

void DeliveriesWindow::hideEvent(QHideEvent* event)
{
    QMainWindow::hideEvent(event);
    m_refreshTimer.stop();
}

void DeliveriesWindow::showMessage(const QString& text, bool problem)
{
    m_ui->receiverMessage->setText(problem ? QStringLiteral("⚠ ") + text : text);
    setTone(m_ui->receiverMessage, problem ? DeliveryListModel::Tone::Bad : DeliveryListModel::Tone::Plain);
}

void DeliveriesWindow::updateControls()
{
    const bool open = m_store.isOpen();
    m_ui->startButton->setEnabled(open && !m_receiver);
    m_ui->stopButton->setEnabled(m_receiver != nullptr);
    m_ui->urlValue->setText(receiverUrl());
    updateReplayPlaceholder();
    m_ui->removeSecretButton->setEnabled(m_ui->addedSecretsList->currentRow() >= 0);
    setWindowTitle(m_receiver ? tr("Deliveries — receiving on port %1").arg(m_receiver->port()) : tr("Deliveries"));
}

void DeliveriesWindow::updateCount()
{
    if (!m_model->isCountKnown()) {
        m_ui->countLabel->setText(tr("Counting…"));
        return;
    }
    const qint64 count = m_model->matchingCount();
    const QString number = QLocale().toString(count);
    m_ui->countLabel->setText(count == 1 ? tr("1 delivery") : tr("%1 deliveries").arg(number));
}

void DeliveriesWindow::updateForward()
{
    const QString text = m_ui->forwardEdit->text().trimmed();
    const QString problem = text.isEmpty() ? QString() : UrlPolicy::forwardUrlProblem(text);
    const bool forwarding = !text.isEmpty() && problem.isEmpty();
    m_ui->forwardProblemLabel->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_ui->forwardProblemLabel->setText(
            tr("⚠ %1 Deliveries are not forwarded until the URL is fixed.").arg(problem));
        setTone(m_ui->forwardProblemLabel, DeliveryListModel::Tone::Bad);
    }
    m_ui->forwardAnswer200Check->setEnabled(forwarding);
    updateReplayPlaceholder();
    // Forwarding answers with the app's status (or 200): the chosen status does not apply.
    m_ui->answerCombo->setEnabled(!forwarding);
    m_ui->answerCombo->setToolTip(forwarding
            ? tr("While forwarding, each delivery is answered with your app's answer (or 200, as chosen).")
            : tr("The status every delivery is answered with (Daily's verification ping always gets 200)."));
    if (!m_receiver)
        return;
    m_receiver->setForwardUrl(forwarding ? QUrl(text, QUrl::StrictMode) : QUrl());
    m_receiver->setForwardAnswer(m_ui->forwardAnswer200Check->isChecked() ? Receiver::ForwardAnswer::Always200
                                                                          : Receiver::ForwardAnswer::AppStatus);
}

DeliveryVerifier DeliveriesWindow::verifier() const
{
    return KnownWebhookSecrets::verifier(m_states ? m_states->states() : QList<DomainState>(), plannedPort(),
        m_addedSecrets, m_settings->signatureToleranceSeconds());
}

void DeliveriesWindow::rebuildVerifier()
{
    const QList<DomainState> states = m_states ? m_states->states() : QList<DomainState>();
    const KnownWebhookSecrets::Match match = KnownWebhookSecrets::forReceiver(states, plannedPort());
    if (match.labels.isEmpty()) {
        m_ui->knownSecretsLabel->setText(
            tr("No webhook the app knows points at %1 yet; add its secret below to check its signatures.")
                .arg(receiverUrl()));
    } else {
        QStringList names;
        for (const QString& label : match.labels)
            names << DisplayText::elided(label);
        m_ui->knownSecretsLabel->setText(
            tr("From the webhooks pointing here: %1. Yours below. New deliveries are checked with them.")
                .arg(names.join(QStringLiteral(", "))));
    }
    if (m_receiver)
        m_receiver->setVerifier(verifier());
}

void DeliveriesWindow::addSecret()
{
    const QString secret = m_ui->secretEdit->text().trimmed();
    QString label = m_ui->secretLabelEdit->text().simplified();
    if (label.isEmpty())
        label = tr("secret %1").arg(m_addedSecrets.size() + 1);
    QString problem;
    if (secret.isEmpty())
        problem = tr("Paste the webhook's HMAC secret first.");
    else if (!Signature::isValidBase64(secret))
        problem = tr("The secret must be base64, as Daily's hmac is (for example from the webhook's detail).");
    else if (label.size() > Limits::MaxDomainNameLength)
        problem = tr("The label may be at most %1 characters.").arg(Limits::MaxDomainNameLength);
    for (const DeliveryVerifier::Candidate& added : std::as_const(m_addedSecrets)) {
        if (problem.isEmpty() && added.label == label)
            problem = tr("A secret labelled \"%1\" is added already.").arg(label);
    }
    m_ui->secretProblemLabel->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        // Never the secret itself.
        m_ui->secretProblemLabel->setText(QStringLiteral("⚠ ") + problem);
        setTone(m_ui->secretProblemLabel, DeliveryListModel::Tone::Bad);
        return;
    }
    m_addedSecrets.append({label, secret});
    m_ui->addedSecretsList->addItem(label);
    m_ui->secretEdit->clear();
    m_ui->secretLabelEdit->clear();
    rebuildVerifier();
    updateControls();
    statusBar()->showMessage(tr("Added the secret \"%1\" (kept in memory only, until you quit).").arg(label), 8000);
}

void DeliveriesWindow::removeSecret()
{
    const int row = m_ui->addedSecretsList->currentRow();
    if (row < 0 || row >= m_addedSecrets.size())
        return;
    m_addedSecrets.removeAt(row);
    delete m_ui->addedSecretsList->takeItem(row);
    rebuildVerifier();
    updateControls();
}

void DeliveriesWindow::applyFilter()
{
    m_searchDelay.stop();
    DeliveryFilter filter;
    filter.eventType = m_ui->typeFilterCombo->currentData().toString();
    filter.signature = m_ui->signatureFilterCombo->currentData().toString();
    filter.text = m_ui->searchEdit->text().trimmed();
    if (filter == m_model->filter())
        return;
    const qint64 shown = m_shownId;
    m_model->setFilter(filter);
    if (!selectDelivery(shown))
        clearDetail(tr("Select a delivery to see it whole."));
}

bool DeliveriesWindow::selectDelivery(qint64 id)
{
    const int row = id > 0 ? m_model->rowOf(id) : -1;
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_ui->deliveryTable->setCurrentIndex(index);
    m_ui->deliveryTable->scrollTo(index);
    showSelected();
    return true;
}

void DeliveriesWindow::showSelected()
{
    const QModelIndex current = m_ui->deliveryTable->currentIndex();
    if (!current.isValid()) {
        clearDetail(tr("Select a delivery to see it whole."));
        return;
    }
    const qint64 id = m_model->idAt(current.row());
    if (id == m_shownId)
        return;
    // One row, read whole on the primary key: a fraction of a millisecond.
    const std::optional<StoredDelivery> delivery = m_store.byId(id);
    if (!delivery) {
        clearDetail(
            tr("Delivery %1 is no longer stored: beyond the limit of Settings, the oldest are dropped.").arg(id));
        return;
    }
    showDelivery(delivery);
}

void DeliveriesWindow::clearDetail(const QString& title)
{
    m_shownId = 0;
    m_shownBody.clear();
    m_ui->detailTitle->setText(title);
    m_ui->detailTabs->setEnabled(false);
    m_ui->copyBodyButton->setEnabled(false);
    m_ui->copyCurlButton->setEnabled(false);
    m_ui->replayButton->setEnabled(false);
    for (QLabel* label : {m_ui->receivedValue, m_ui->requestValue, m_ui->eventValue, m_ui->signatureValue,
             m_ui->signatureReason, m_ui->basicAuthValue, m_ui->basicAuthReason, m_ui->answeredValue,
             m_ui->forwardValue, m_ui->appAnswerSummary, m_ui->bodyNote})
        label->clear();
    m_ui->headersView->clear();
    m_ui->bodyView->clear();
    m_ui->appAnswerView->clear();
}

void DeliveriesWindow::showDelivery(const std::optional<StoredDelivery>& found)
{
    if (!found)
        return;
    const StoredDelivery& d = *found;
    m_shownId = d.id;
    m_shownBody = d.body;
    m_ui->detailTabs->setEnabled(true);
    m_ui->copyBodyButton->setEnabled(!d.body.isEmpty());
    // A row that cannot be replayed still opens the dialog, which says why.
    m_ui->copyCurlButton->setEnabled(DeliveryReplay::problem(d).isEmpty());
    m_ui->replayButton->setEnabled(true);
    m_ui->detailTitle->setText(tr("Delivery %1").arg(d.id));

    const QDateTime local = d.receivedAt.toLocalTime();
    m_ui->receivedValue->setText(
        tr("%1 from %2").arg(QLocale().toString(local, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), d.remoteAddress));
    m_ui->receivedValue->setToolTip(d.receivedAt.toString(Qt::ISODateWithMs));
    m_ui->requestValue->setText(d.method.isEmpty()
            ? tr("(the request line could not be read)")
            : DisplayText::elided(QString::fromLatin1(d.method + ' ' + d.target)));
    if (d.ping)
        m_ui->eventValue->setText(tr("Daily's verification ping ({\"test\":\"test\"}), always answered 200"));
    else if (d.eventType.isEmpty())
        m_ui->eventValue->setText(tr("none in the body"));
    else
        m_ui->eventValue->setText(
            DisplayText::elided(d.eventId.isEmpty() ? d.eventType : tr("%1, id %2").arg(d.eventType, d.eventId)));

    const QString signature = DeliveryListModel::signatureText(d.signature);
    m_ui->signatureValue->setText(d.matchedSecret.isEmpty()
            ? signature
            : tr("%1, signed with the secret of %2").arg(signature, DisplayText::elided(d.matchedSecret)));
    setTone(m_ui->signatureValue, DeliveryListModel::signatureTone(d.signature));
    const auto signatureVerdict = DeliveryVerifier::signatureVerdictNamed(d.signature);
    m_ui->signatureReason->setText(signatureVerdict
            ? DeliveryVerifier::describe(*signatureVerdict)
            : tr("Not checked: the request was refused before its body was read."));
    m_ui->basicAuthValue->setText(DeliveryListModel::basicAuthText(d.basicAuth));
    setTone(m_ui->forwardValue, DeliveryListModel::Tone::Plain);
    setTone(m_ui->basicAuthValue, DeliveryListModel::basicAuthTone(d.basicAuth));
    const auto basicAuthVerdict = DeliveryVerifier::basicAuthVerdictNamed(d.basicAuth);
    m_ui->basicAuthReason->setText(basicAuthVerdict ? DeliveryVerifier::describe(*basicAuthVerdict) : QString());

    QString answered = d.status == 0 ? tr("no answer (the connection was closed)") : QString::number(d.status);
    if (!d.problem.isEmpty())
        answered += QStringLiteral(": ") + DisplayText::elided(d.problem);
    m_ui->answeredValue->setText(answered);
    setTone(m_ui->answeredValue, DeliveryListModel::statusTone(d));

    const bool forwarded = d.forwarded();
    m_ui->detailTabs->setTabEnabled(m_ui->detailTabs->indexOf(m_ui->appAnswerTab), forwarded);
    if (!forwarded)
        m_ui->forwardValue->setText(tr("no"));
    if (forwarded) {
        QString summary;
        if (d.forwardStatus == 0 && d.forwardFailure.isEmpty())
            summary = tr("The forward to %1 is under way.").arg(DisplayText::elided(d.forwardUrl));
        else if (d.forwardStatus == 0)
            summary = tr("%1 gave no answer after %2 ms: %3")
                          .arg(DisplayText::elided(d.forwardUrl))
                          .arg(d.forwardLatencyMs)
                          .arg(DisplayText::elided(d.forwardProblem));
        else
            summary = tr("%1 answered %2 in %3 ms%4.")
                          .arg(DisplayText::elided(d.forwardUrl))
                          .arg(d.forwardStatus)
                          .arg(d.forwardLatencyMs)
                          .arg(d.forwardCut ? tr(" (only the first %1 bytes were kept)").arg(d.forwardBody.size())
                                            : QString());
        m_ui->appAnswerSummary->setText(summary);
        m_ui->forwardValue->setText(summary);
        setTone(m_ui->forwardValue, DeliveryListModel::statusTone(d));
        m_ui->appAnswerView->setPlainText(rawText(d.forwardBody));
    } else {
        m_ui->appAnswerSummary->clear();
        m_ui->appAnswerView->clear();
    }

    m_ui->headersView->setPlainText(QString::fromLatin1(d.headers));
    showBody();
}

void DeliveriesWindow::showBody()
{
    const QByteArray& body = m_shownBody;
    QString note;
    QString text;
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    const bool pretty = !m_ui->rawBodyCheck->isChecked() && error.error == QJsonParseError::NoError;
    if (pretty) {
        // Laid out as it came, in Daily's key order: a parsed document would sort the keys.
        text = QString::fromUtf8(JsonBytes::indented(body));
        note = tr("JSON, indented for reading; Raw bytes shows it exactly as it arrived.");
    } else {
        const QByteArray shown = body.left(Limits::MaxShownDeliveryBodyBytes);
        text = rawText(shown);
        if (shown.size() < body.size())
            note = tr("The first %1 of %2 bytes; Copy body copies all of them.")
                       .arg(QLocale().toString(shown.size()), QLocale().toString(body.size()));
        else if (body.isEmpty())
            note = tr("No body.");
        else
            note = tr("%n byte(s), exactly as they arrived.", nullptr, int(body.size()));
    }
    m_ui->bodyNote->setText(note);
    m_ui->bodyView->setPlainText(text);
}

void DeliveriesWindow::setDeliverySender(DeliverySender* sender)
{
    m_sender = sender;
}

DeliverySender* DeliveriesWindow::deliverySender()
{
    if (!m_sender) {
        m_ownNetwork = new QNetworkAccessManager(this);
        m_sender = new DeliverySender(m_ownNetwork, this);
    }
    return m_sender;
}

QString DeliveriesWindow::replayUrl() const
{
    const QString typed = m_ui->replayToEdit->text().trimmed();
    if (!typed.isEmpty())
        return typed;
    const QString forward = m_ui->forwardEdit->text().trimmed();
    if (!forward.isEmpty() && UrlPolicy::forwardUrlProblem(forward).isEmpty())
        return forward;
    return receiverUrl();
}

void DeliveriesWindow::updateReplayPlaceholder()
{
    m_ui->replayToEdit->setPlaceholderText(tr("Replay to %1").arg(replayUrl()));
}

void DeliveriesWindow::copyAsCurl()
{
    const std::optional<StoredDelivery> delivery = m_shownId > 0 ? m_store.byId(m_shownId) : std::nullopt;
    if (!delivery) {
        statusBar()->showMessage(tr("Select a stored delivery first."), 8000);
        return;
    }
    const QString url = replayUrl();
    QString problem = UrlPolicy::forwardUrlProblem(url);
    QString command;
    if (problem.isEmpty())
        command = DeliveryCurl::command(*delivery, QUrl(url, QUrl::StrictMode), {}, &problem);
    if (!problem.isEmpty()) {
        statusBar()->showMessage(tr("⚠ Nothing copied: %1").arg(problem), 12000);
        return;
    }
    // No secret in it: Authorization is the placeholder and the HMAC secret is not needed to send as received.
    QGuiApplication::clipboard()->setText(command);
    const bool hadAuthorization = HttpHeaders::count(delivery->headerList(), "Authorization") > 0;
    statusBar()->showMessage(hadAuthorization
            ? tr("Copied a curl command that sends delivery %1 to %2. Its Authorization is \"[redacted]\": the "
                 "real value is never stored, so put it in before running the command.")
                  .arg(delivery->id)
                  .arg(url)
            : tr("Copied a curl command that sends delivery %1 to %2, signed as it arrived.")
                  .arg(delivery->id)
                  .arg(url),
        12000);
}

void DeliveriesWindow::openReplay()
{
    const std::optional<StoredDelivery> delivery = m_shownId > 0 ? m_store.byId(m_shownId) : std::nullopt;
    if (!delivery) {
        statusBar()->showMessage(tr("Select a stored delivery first."), 8000);
        return;
    }
    if (!m_replayDialog) {
        m_replayDialog = new DeliveryReplayDialog(deliverySender(), this);
        // One URL for both: what is typed in the dialog becomes the window's Replay to, which Copy as curl uses.
        connect(m_replayDialog, &DeliveryReplayDialog::urlEdited, this, [this](const QString& url) {
            m_ui->replayToEdit->setText(url);
            updateReplayPlaceholder();
        });
    }
    // The same dialog for every row: the mode and secrets typed stay until the window goes.
    m_replayDialog->setUrl(replayUrl());
    if (!m_replayDialog->isBusy())
        m_replayDialog->setDelivery(*delivery);
    m_replayDialog->show();
    m_replayDialog->raise();
    m_replayDialog->activateWindow();
}
