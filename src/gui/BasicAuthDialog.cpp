#include "BasicAuthDialog.h"
#include "ui_BasicAuthDialog.h"

#include "WebhookDraft.h"

#include <QPushButton>

BasicAuthDialog::BasicAuthDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::BasicAuthDialog>())
{
    m_ui->setupUi(this);
    m_ui->problemLabel->hide();
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &BasicAuthDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &BasicAuthDialog::reject);
    auto update = [this] {
        const QString why = problem();
        m_ui->problemLabel->setVisible(!why.isEmpty() && !m_ui->userEdit->text().isEmpty());
        m_ui->problemLabel->setText(why.isEmpty() ? QString() : QStringLiteral("⚠ ") + why);
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    };
    connect(m_ui->userEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->passwordEdit, &QLineEdit::textChanged, this, update);
    update();
}

BasicAuthDialog::~BasicAuthDialog() = default;

QString BasicAuthDialog::problem() const
{
    if (m_ui->userEdit->text().isEmpty())
        return tr("Enter a user name.");
    if (m_ui->userEdit->text().contains(QLatin1Char(':')))
        return tr("A user name for basic auth cannot contain a colon.");
    return {};
}

QString BasicAuthDialog::credential() const
{
    return WebhookDraft::basicAuthFromCredentials(m_ui->userEdit->text(), m_ui->passwordEdit->text());
}

void BasicAuthDialog::accept()
{
    if (!problem().isEmpty())
        return;
    QDialog::accept();
}
