#include "SettingsDialog.h"
#include "ui_SettingsDialog.h"

#include "AppSettings.h"
#include "DomainTarget.h"
#include "Limits.h"
#include "UrlPolicy.h"

#include <QPushButton>

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    m_ui->baseUrlEdit->setText(m_settings->apiBaseUrl().toString());
    m_ui->baseUrlEdit->setPlaceholderText(DomainTarget::defaultBaseUrl().toString());
    m_ui->timeoutSpin->setValue(m_settings->requestTimeoutSeconds());
    m_ui->clipboardClearSpin->setValue(m_settings->clipboardClearSeconds());
    // The bounds are Limits', not the form's.
    m_ui->maxStoredSpin->setRange(Limits::MinStoredDeliveries, Limits::MaxStoredDeliveries);
    m_ui->toleranceSpin->setRange(1, Limits::MaxSignatureToleranceSeconds);
    m_ui->receiverPortSpin->setValue(m_settings->receiverPort());
    m_ui->maxStoredSpin->setValue(m_settings->maxStoredDeliveries());
    m_ui->toleranceSpin->setValue(m_settings->signatureToleranceSeconds());
    m_ui->baseUrlProblemLabel->hide();
    connect(m_ui->baseUrlEdit, &QLineEdit::textChanged, this, [this] {
        const QString problem = baseUrlProblem();
        m_ui->baseUrlProblemLabel->setVisible(!problem.isEmpty());
        m_ui->baseUrlProblemLabel->setText(problem.isEmpty() ? QString() : QStringLiteral("⚠ ") + problem);
        // Grow (or shrink back) with the problem's lines, keeping the width the user sees.
        resize(width(), heightForWidth(width()) > 0 ? heightForWidth(width()) : sizeHint().height());
        m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

QString SettingsDialog::baseUrlProblem() const
{
    const QString text = m_ui->baseUrlEdit->text().trimmed();
    return text.isEmpty() ? QString() : UrlPolicy::apiBaseProblem(text);
}

void SettingsDialog::accept()
{
    if (!baseUrlProblem().isEmpty())
        return;
    const QString text = m_ui->baseUrlEdit->text().trimmed();
    m_settings->setApiBaseUrl(text.isEmpty() ? DomainTarget::defaultBaseUrl() : QUrl(text));
    m_settings->setRequestTimeoutSeconds(m_ui->timeoutSpin->value());
    m_settings->setClipboardClearSeconds(m_ui->clipboardClearSpin->value());
    m_settings->setReceiverPort(m_ui->receiverPortSpin->value());
    m_settings->setMaxStoredDeliveries(m_ui->maxStoredSpin->value());
    m_settings->setSignatureToleranceSeconds(m_ui->toleranceSpin->value());
    QDialog::accept();
}
