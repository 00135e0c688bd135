#include "ErrorPanel.h"
#include "ui_ErrorPanel.h"

#include "ApiError.h"

#include <QClipboard>
#include <QGuiApplication>

ErrorPanel::ErrorPanel(QWidget* parent)
    : QFrame(parent)
    , m_ui(std::make_unique<Ui::ErrorPanel>())
{
    m_ui->setupUi(this);
    QFont bold = m_ui->messageLabel->font();
    bold.setBold(true);
    m_ui->messageLabel->setFont(bold);
    m_ui->detailsEdit->hide();
    setAutoFillBackground(true);
    QPalette tinted = palette();
    const QColor base = tinted.color(QPalette::Window);
    const QColor warn(QStringLiteral("#d9534f"));
    tinted.setColor(QPalette::Window,
        QColor::fromRgbF(base.redF() * 0.85 + warn.redF() * 0.15, base.greenF() * 0.85 + warn.greenF() * 0.15,
            base.blueF() * 0.85 + warn.blueF() * 0.15));
    setPalette(tinted);

    connect(m_ui->detailsButton, &QToolButton::toggled, this, [this](bool on) {
        m_ui->detailsEdit->setVisible(on);
        m_ui->detailsButton->setText(on ? tr("Hide &details") : tr("Show &details"));
    });
    connect(m_ui->copyDetailsButton, &QToolButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(details()); });
    connect(m_ui->dismissButton, &QToolButton::clicked, this, &ErrorPanel::clear);
    clear();
}

ErrorPanel::~ErrorPanel() = default;

void ErrorPanel::showError(const ApiError& error)
{
    m_ui->messageLabel->setText(QStringLiteral("⚠ ") + error.message);
    m_ui->hintLabel->setText(error.hint);
    m_ui->detailsEdit->setPlainText(error.details());
    m_ui->detailsButton->setVisible(true);
    m_ui->copyDetailsButton->setVisible(true);
    m_ui->detailsButton->setChecked(false);
    setAccessibleDescription(error.message + QLatin1Char(' ') + error.hint);
    show();
}

void ErrorPanel::showMessage(const QString& message, const QString& hint)
{
    m_ui->messageLabel->setText(QStringLiteral("⚠ ") + message);
    m_ui->hintLabel->setText(hint);
    m_ui->detailsEdit->clear();
    m_ui->detailsButton->setChecked(false);
    m_ui->detailsButton->setVisible(false);
    m_ui->copyDetailsButton->setVisible(false);
    setAccessibleDescription(message + QLatin1Char(' ') + hint);
    show();
}

void ErrorPanel::clear()
{
    m_ui->messageLabel->clear();
    m_ui->hintLabel->clear();
    m_ui->detailsEdit->clear();
    m_ui->detailsButton->setChecked(false);
    hide();
}

QString ErrorPanel::message() const
{
    return m_ui->messageLabel->text();
}

QString ErrorPanel::details() const
{
    return m_ui->detailsEdit->toPlainText();
}
