#include "SignatureCheckerDialog.h"
#include "ui_SignatureCheckerDialog.h"

#include "Limits.h"
#include "SecretClipboard.h"
#include "SignatureDiagnosis.h"
#include "SignatureHeaders.h"
#include "UserPrompts.h"
#include "VerificationCode.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>

namespace {

// Long enough that a check does not run for every key typed into a large body, short enough to feel live.
constexpr int CheckDelayMs = 200;

const QColor kProblemColor(QStringLiteral("#c62828"));
const QColor kValidColor(QStringLiteral("#2e7d32"));

} // namespace

SignatureCheckerDialog::SignatureCheckerDialog(UserPrompts* prompts, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignatureCheckerDialog>())
    , m_prompts(prompts)
{
    m_ui->setupUi(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QWidget* widget : std::initializer_list<QWidget*> {m_ui->headersEdit, m_ui->timestampEdit, m_ui->signatureEdit,
             m_ui->bodyEdit, m_ui->expectedValue, m_ui->receivedValue})
        widget->setFont(mono);
    for (QLabel* note : {m_ui->introLabel, m_ui->bodyNoteLabel, m_ui->headersStatusLabel}) {
        QPalette muted = note->palette();
        muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
        note->setPalette(muted);
    }
    QPalette flat = m_ui->expectedValue->palette();
    flat.setColor(QPalette::Base, flat.color(QPalette::Window));
    m_ui->expectedValue->setPalette(flat);
    m_ui->receivedValue->setPalette(flat);
    QFont verdict = m_ui->verdictLabel->font();
    verdict.setBold(true);
    verdict.setPointSizeF(verdict.pointSizeF() * 1.15);
    m_ui->verdictLabel->setFont(verdict);
    m_ui->headersStatusLabel->hide();
    m_ui->openBodyButton->setVisible(m_prompts != nullptr);

    for (const VerificationCode::Language language : VerificationCode::languages())
        m_ui->languageCombo->addItem(VerificationCode::title(language), VerificationCode::name(language));

    connect(m_ui->secretRevealButton, &QToolButton::toggled, this, [this](bool reveal) {
        m_ui->secretEdit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->secretRevealButton->setText(reveal ? tr("Hide") : tr("Show"));
    });
    setSecretClipboard(new SecretClipboard(this));

    m_pending.setSingleShot(true);
    m_pending.setInterval(CheckDelayMs);
    connect(&m_pending, &QTimer::timeout, this, &SignatureCheckerDialog::check);
    connect(m_ui->headersEdit, &QPlainTextEdit::textChanged, this, &SignatureCheckerDialog::headersPasted);
    connect(m_ui->timestampEdit, &QLineEdit::textChanged, this, &SignatureCheckerDialog::scheduleCheck);
    connect(m_ui->signatureEdit, &QLineEdit::textChanged, this, &SignatureCheckerDialog::scheduleCheck);
    connect(m_ui->secretEdit, &QLineEdit::textChanged, this, &SignatureCheckerDialog::scheduleCheck);
    connect(m_ui->bodyEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_fileBody)
            return; // the file's start, shown; the file's bytes are checked
        updateBodyNote();
        scheduleCheck();
    });
    connect(m_ui->openBodyButton, &QPushButton::clicked, this, &SignatureCheckerDialog::openBodyFile);
    connect(m_ui->clearBodyButton, &QPushButton::clicked, this, &SignatureCheckerDialog::clearBodyFile);
    m_ui->clearBodyButton->hide();
    connect(m_ui->copyCodeButton, &QPushButton::clicked, this, &SignatureCheckerDialog::copyVerificationCode);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SignatureCheckerDialog::reject);

    updateBodyNote();
    check();
    m_ui->headersEdit->setFocus();
}

SignatureCheckerDialog::~SignatureCheckerDialog() = default;

void SignatureCheckerDialog::setSecretClipboard(SecretClipboard* clipboard)
{
    if (m_secretClipboard)
        m_secretClipboard->unguard(m_ui->secretEdit);
    clipboard->guard(m_ui->secretEdit);
    m_secretClipboard = clipboard;
}

QByteArray SignatureCheckerDialog::body() const
{
    if (m_fileBody)
        return *m_fileBody;
    // The raw text, not toPlainText(), which turns non-breaking spaces into spaces; paragraphs end with LF.
    QString text = m_ui->bodyEdit->document()->toRawText();
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    text.replace(QChar::LineSeparator, QLatin1Char('\n'));
    return text.toUtf8();
}

void SignatureCheckerDialog::updateBodyNote()
{
    QString note;
    if (m_fileBody) {
        note = tr("%1 bytes from %2, exactly as in the file.").arg(QString::number(m_fileBody->size()), m_fileName);
        if (m_fileBody->size() > Limits::MaxShownBodyBytes)
            note += QLatin1Char(' ') + tr("The first %1 are shown; all are checked.").arg(Limits::MaxShownBodyBytes);
        note += QLatin1Char(' ') + tr("Clear lets go of the file.");
    } else {
        const qsizetype size = body().size();
        note = size == 0 ? QString() : size == 1 ? tr("1 byte. ") : tr("%1 bytes. ").arg(size);
        note += tr("The body must be byte for byte what was received: Daily signs the raw bytes, so reformatted JSON "
                   "or an added final newline changes the signature. Text here is UTF-8 with LF line ends; for CRLF "
                   "or other bytes, open the saved body as a file.");
    }
    m_ui->bodyNoteLabel->setText(note);
}

void SignatureCheckerDialog::headersPasted()
{
    const QString text = m_ui->headersEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_ui->headersStatusLabel->hide();
        return;
    }
    const SignatureHeaders found = SignatureHeaders::fromPastedText(text);
    if (!found.timestamp.isEmpty())
        m_ui->timestampEdit->setText(QString::fromUtf8(found.timestamp));
    if (!found.signature.isEmpty())
        m_ui->signatureEdit->setText(QString::fromUtf8(found.signature));
    QString status;
    if (found.isComplete())
        status = tr("Found X-Webhook-Timestamp and X-Webhook-Signature; both are filled in below.");
    else if (!found.timestamp.isEmpty())
        status = tr("Found X-Webhook-Timestamp (filled in below), but no X-Webhook-Signature line.");
    else if (!found.signature.isEmpty())
        status = tr("Found X-Webhook-Signature (filled in below), but no X-Webhook-Timestamp line.");
    else
        status = tr("No X-Webhook-Timestamp or X-Webhook-Signature line in the pasted text. Was the request signed?");
    m_ui->headersStatusLabel->setText(status);
    m_ui->headersStatusLabel->show();
}

void SignatureCheckerDialog::scheduleCheck()
{
    m_pending.start();
}

void SignatureCheckerDialog::check()
{
    m_pending.stop();
    if (m_running) {
        m_dirty = true; // checked again as soon as the running diagnosis ends
        return;
    }
    const QByteArray bytes = body();
    const bool nothingYet = m_ui->timestampEdit->text().isEmpty() && m_ui->signatureEdit->text().isEmpty()
        && bytes.isEmpty() && m_ui->secretEdit->text().isEmpty();
    QPalette p = palette();
    if (nothingYet || bytes.size() > Limits::MaxRequestBodyBytes) {
        m_ui->verdictLabel->setText(nothingYet
                ? tr("Fill in the two headers, the raw body and the secret: the verdict appears here as you type.")
                : tr("The body is larger than %1 bytes, more than a receiver accepts; no delivery is this large.")
                      .arg(Limits::MaxRequestBodyBytes));
        if (!nothingYet)
            p.setColor(QPalette::WindowText, kProblemColor);
        m_ui->verdictLabel->setPalette(p);
        for (QWidget* widget :
            std::initializer_list<QWidget*> {m_ui->detailsWidget, m_ui->explanationValue, m_ui->nextStepValue})
            widget->hide();
        return;
    }

    m_running = true;
    m_dirty = false;
    const SignatureDiagnosis::Input input {
        m_ui->timestampEdit->text().toUtf8(), m_ui->signatureEdit->text().toUtf8(), bytes, m_ui->secretEdit->text()};
    QPointer<SignatureCheckerDialog> self(this);
    QThreadPool::globalInstance()->start([self, input] {
        const SignatureDiagnosis d = SignatureDiagnosis::of(input);
        // Back on the window's thread, where a closed window is seen as gone.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, d] {
                if (self)
                    self->showDiagnosis(d);
            },
            Qt::QueuedConnection);
    });
}

void SignatureCheckerDialog::showDiagnosis(const SignatureDiagnosis& d)
{
    m_running = false;
    if (m_dirty) {
        check();
        return;
    }
    QPalette p = palette();
    QString verdict;
    switch (d.verdict) {
    case SignatureDiagnosis::Verdict::Valid:
        verdict = tr("✔ Valid: this is Daily's signature of this timestamp and body with this secret.");
        p.setColor(QPalette::WindowText, kValidColor);
        break;
    case SignatureDiagnosis::Verdict::Invalid:
        verdict = tr("✘ Not valid: this is not Daily's signature of this timestamp and body with this secret.");
        p.setColor(QPalette::WindowText, kProblemColor);
        break;
    case SignatureDiagnosis::Verdict::InputProblem:
        verdict = tr("⚠ Cannot check yet: an input is missing or cannot be what Daily sends.");
        break;
    }
    m_ui->verdictLabel->setText(verdict);
    m_ui->verdictLabel->setPalette(p);

    QStringList steps;
    for (const SignatureDiagnosis::Step step : d.steps)
        steps << SignatureDiagnosis::stepName(step);
    m_ui->detailsLayout->setRowVisible(m_ui->stepValue, !steps.isEmpty());
    m_ui->stepValue->setText(steps.join(QStringLiteral(", ")));
    // The expected signature is no secret: it holds for this one timestamp and body only.
    m_ui->expectedValue->setText(
        d.expected.isEmpty() ? tr("(cannot be computed from these inputs)") : QString::fromLatin1(d.expected));
    m_ui->expectedValue->setCursorPosition(0);
    m_ui->receivedValue->setText(QString::fromUtf8(d.received));
    m_ui->receivedValue->setCursorPosition(0);
    m_ui->explanationValue->setText(d.explanation());
    m_ui->nextStepValue->setVisible(!d.nextStep().isEmpty());
    m_ui->nextStepValue->setText(d.nextStep().isEmpty() ? QString() : tr("Next step: %1").arg(d.nextStep()));
    m_ui->detailsWidget->show();
    m_ui->explanationValue->setVisible(!d.isValid()); // the verdict says it all
}

void SignatureCheckerDialog::openBodyFile()
{
    if (!m_prompts)
        return;
    const QString path = m_prompts->openFileName(this, tr("Body of the delivery"), tr("All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_ui->bodyNoteLabel->setText(tr("Could not read %1: %2").arg(path, file.errorString()));
        return;
    }
    // A receiver refuses bodies beyond this size, so no delivery worth checking is larger.
    const QByteArray bytes = file.read(Limits::MaxRequestBodyBytes + 1);
    if (bytes.size() > Limits::MaxRequestBodyBytes) {
        m_ui->bodyNoteLabel->setText(tr("%1 is larger than %2 bytes, more than a receiver accepts; it was not taken.")
                                         .arg(path)
                                         .arg(Limits::MaxRequestBodyBytes));
        return;
    }
    m_fileBody = bytes;
    m_fileName = QFileInfo(path).fileName();
    // Only the start is laid out: a long line of compact JSON costs a text field seconds.
    m_ui->bodyEdit->setPlainText(QString::fromUtf8(bytes.left(Limits::MaxShownBodyBytes)));
    m_ui->bodyEdit->setReadOnly(true);
    m_ui->clearBodyButton->show();
    updateBodyNote();
    check();
}

void SignatureCheckerDialog::clearBodyFile()
{
    m_fileBody.reset();
    m_fileName.clear();
    m_ui->bodyEdit->setReadOnly(false);
    m_ui->clearBodyButton->hide();
    m_ui->bodyEdit->clear(); // the text signal updates the note and the verdict
    m_ui->bodyEdit->setFocus();
}

void SignatureCheckerDialog::copyVerificationCode()
{
    const auto language = VerificationCode::fromName(m_ui->languageCombo->currentData().toString());
    const QString code = language ? VerificationCode::of(*language) : QString();
    if (code.isEmpty()) {
        m_ui->copyStatusLabel->setText(tr("This build has no verification code for that language."));
        return;
    }
    // Code, not a secret: a plain copy that stays on the clipboard.
    QGuiApplication::clipboard()->setText(code);
    m_ui->copyStatusLabel->setText(
        tr("The %1 function is on the clipboard (%n line(s)).", nullptr, int(code.count(QLatin1Char('\n'))))
            .arg(VerificationCode::title(*language)));
}
