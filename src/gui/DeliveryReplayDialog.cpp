#include "DeliveryReplayDialog.h"
#include "ui_DeliveryReplayDialog.h"

#include "DeliverySender.h"
#include "DisplayText.h"
#include "Limits.h"
#include "PendingDelivery.h"
#include "Signature.h"
#include "UrlPolicy.h"

#include <QFontDatabase>
#include <QPushButton>

#include <algorithm>

namespace {

const QColor kProblemColor(QStringLiteral("#c62828"));

void setRevealable(QLineEdit* edit, QToolButton* button)
{
    QObject::connect(button, &QToolButton::toggled, edit, [edit, button](bool reveal) {
        edit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        button->setText(reveal ? DeliveryReplayDialog::tr("Hide") : DeliveryReplayDialog::tr("Show"));
    });
}

// A problem in red, or nothing (the label hidden).
void showProblem(QLabel* label, const QString& text)
{
    label->setVisible(!text.isEmpty());
    label->setText(text.isEmpty() ? QString() : QStringLiteral("⚠ ") + text);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, kProblemColor);
    label->setPalette(p);
}

} // namespace

DeliveryReplayDialog::DeliveryReplayDialog(DeliverySender* sender, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DeliveryReplayDialog>())
    , m_sender(sender)
{
    m_ui->setupUi(this);
    m_ui->answerView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setRevealable(m_ui->secretEdit, m_ui->secretRevealButton);
    setRevealable(m_ui->basicAuthEdit, m_ui->basicAuthRevealButton);

    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &DeliveryReplayDialog::updateProblems);
    connect(m_ui->urlEdit, &QLineEdit::textEdited, this, [this] { emit urlEdited(url()); });
    connect(m_ui->secretEdit, &QLineEdit::textChanged, this, &DeliveryReplayDialog::updateProblems);
    connect(m_ui->basicAuthEdit, &QLineEdit::textChanged, this, &DeliveryReplayDialog::updateProblems);
    connect(m_ui->resignRadio, &QRadioButton::toggled, this, &DeliveryReplayDialog::updateProblems);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &DeliveryReplayDialog::send);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &DeliveryReplayDialog::reject);
    updateProblems();
}

DeliveryReplayDialog::~DeliveryReplayDialog()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void DeliveryReplayDialog::setDelivery(const StoredDelivery& delivery)
{
    m_delivery = delivery;
    QString what = delivery.method.isEmpty()
        ? tr("(the request line could not be read)")
        : DisplayText::elided(QString::fromLatin1(delivery.method + ' ' + delivery.target));
    if (!delivery.eventType.isEmpty())
        what += QStringLiteral(", ") + DisplayText::elided(delivery.eventType);
    m_ui->deliveryLabel->setText(
        tr("Delivery %1: %2, %n byte(s) of body.", nullptr, int(delivery.body.size())).arg(delivery.id).arg(what));
    setWindowTitle(tr("Replay delivery %1").arg(delivery.id));
    updateProblems();
}

void DeliveryReplayDialog::setUrl(const QString& url)
{
    m_ui->urlEdit->setText(url);
}

QString DeliveryReplayDialog::url() const
{
    return m_ui->urlEdit->text().trimmed();
}

QString DeliveryReplayDialog::urlProblem() const
{
    if (url().isEmpty())
        return tr("Give the URL to send the delivery to.");
    return UrlPolicy::forwardUrlProblem(url());
}

QString DeliveryReplayDialog::secretProblem() const
{
    if (!m_ui->resignRadio->isChecked())
        return {};
    const QString secret = m_ui->secretEdit->text().trimmed();
    if (secret.isEmpty())
        return tr("Paste the HMAC secret to re-sign with.");
    // Never the secret itself.
    if (!Signature::isValidBase64(secret))
        return tr("The secret must be base64, as Daily's hmac is (for example from the webhook's detail).");
    return {};
}

QString DeliveryReplayDialog::basicAuthProblem() const
{
    const QByteArray credential = m_ui->basicAuthEdit->text().toUtf8();
    // It goes into a header line written byte for byte: a control character could end the line early.
    const bool control = std::any_of(credential.cbegin(), credential.cend(),
        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    return control ? tr("The basic auth credential holds a control character, which a header cannot carry.")
                   : QString();
}

QByteArray DeliveryReplayDialog::authorization() const
{
    const QByteArray credential = m_ui->basicAuthEdit->text().toUtf8();
    return credential.isEmpty() ? QByteArray() : QByteArrayLiteral("Basic ") + credential;
}

QString DeliveryReplayDialog::sendProblem() const
{
    if (m_delivery.id == 0)
        return tr("No delivery is chosen.");
    if (const QString problem = DeliveryReplay::problem(m_delivery); !problem.isEmpty())
        return problem;
    for (const QString& problem : {urlProblem(), secretProblem(), basicAuthProblem()}) {
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

void DeliveryReplayDialog::updateProblems()
{
    const QString deliveryProblem = m_delivery.id == 0 ? QString() : DeliveryReplay::problem(m_delivery);
    showProblem(m_ui->deliveryProblemLabel, deliveryProblem);
    // An empty URL field is not yet a mistake: Send's reason says what is missing.
    showProblem(m_ui->urlProblemLabel, url().isEmpty() ? QString() : urlProblem());
    showProblem(m_ui->secretProblemLabel, m_ui->secretEdit->text().trimmed().isEmpty() ? QString() : secretProblem());
    showProblem(m_ui->basicAuthProblemLabel, basicAuthProblem());
    const bool resign = m_ui->resignRadio->isChecked();
    m_ui->secretEdit->setEnabled(resign);
    m_ui->secretRevealButton->setEnabled(resign);

    const QString problem = sendProblem();
    m_ui->sendButton->setEnabled(problem.isEmpty() && !isBusy());
    m_ui->sendButton->setToolTip(problem);
    m_ui->sendProblemLabel->setText(isBusy() ? tr("Sending…") : problem);
}

void DeliveryReplayDialog::send()
{
    if (isBusy() || !sendProblem().isEmpty())
        return;
    const QUrl target(url(), QUrl::StrictMode);
    const DeliveryReplay::Result replay = m_ui->resignRadio->isChecked()
        ? DeliveryReplay::resigned(m_delivery, target, m_ui->secretEdit->text().trimmed(), authorization())
        : DeliveryReplay::asReceived(m_delivery, target, authorization());
    m_ui->statusValue->clear();
    m_ui->latencyValue->clear();
    m_ui->answerView->clear();
    if (!replay.ok()) {
        m_ui->headlineLabel->setText(QStringLiteral("✘ ") + replay.problem);
        m_ui->authorizationValue->clear();
        return;
    }
    const QString where = DeliveryReplay::targetUrl(replay.request);
    m_ui->headlineLabel->setPalette(palette());
    m_ui->headlineLabel->setText(tr("Sending delivery %1 to %2…").arg(m_delivery.id).arg(DisplayText::elided(where)));
    m_ui->authorizationValue->setText(replay.authorization == DeliveryReplay::Authorization::None
            ? tr("none (the delivery had none, and no credential was given)")
            : DeliveryReplay::authorizationText(replay.authorization));
    m_pending = m_sender->send(replay.request);
    connect(m_pending, &PendingDelivery::finished, this, [this](const DeliveryResult& result) {
        m_pending = nullptr;
        showResult(result);
        updateProblems();
        emit sendFinished(result);
    });
    updateProblems();
}

void DeliveryReplayDialog::showResult(const DeliveryResult& r)
{
    const QString url = DisplayText::elided(r.url.toString());
    QString headline;
    if (r.failure != DeliveryResult::Failure::None)
        headline = tr("✘ No answer from %1: %2").arg(url, r.failureText);
    else if (r.accepted())
        headline = tr("✔ %1 answered %2 in %3 ms.").arg(url).arg(r.httpStatus).arg(r.latencyMs);
    else if (!r.redirectLocation.isEmpty())
        headline = tr("⚠ %1 answered %2, a redirect to %3, which was not followed: give the final URL.")
                       .arg(url)
                       .arg(r.httpStatus)
                       .arg(DisplayText::elided(r.redirectLocation));
    else
        headline = tr("⚠ %1 answered %2: Daily counts only a 2xx as delivered.").arg(url).arg(r.httpStatus);
    m_ui->headlineLabel->setText(headline);
    QPalette p = palette();
    if (!r.accepted())
        p.setColor(QPalette::WindowText, kProblemColor);
    m_ui->headlineLabel->setPalette(p);

    m_ui->statusValue->setText(
        r.failure == DeliveryResult::Failure::None ? QString::number(r.httpStatus) : tr("no answer"));
    m_ui->latencyValue->setText(tr("%1 ms").arg(r.latencyMs));
    // The start only: laying out a long line costs a text field seconds.
    QString answer = QString::fromUtf8(r.answerBody.left(Limits::MaxShownBodyBytes));
    if (r.answerBody.size() > Limits::MaxShownBodyBytes)
        answer += QStringLiteral("\n\n")
            + tr("[the first %1 bytes are shown, of %2 read]").arg(Limits::MaxShownBodyBytes).arg(r.answerBody.size());
    if (r.answerCut)
        answer += QStringLiteral("\n") + tr("[reading stopped at the limit: %1]").arg(r.cutNote());
    m_ui->answerView->setPlainText(answer);
    m_ui->answerView->setPlaceholderText(
        r.failure == DeliveryResult::Failure::None ? tr("(the answer had no body)") : tr("(no answer)"));
}

void DeliveryReplayDialog::reject()
{
    // Closing ends a replay under way rather than leaving it to finish unseen.
    if (m_pending)
        m_pending->cancel();
    QDialog::reject();
}
