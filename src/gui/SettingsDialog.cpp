#include "SettingsDialog.h"
#include "ui_SettingsDialog.h"

#include "AppSettings.h"
#include "SecretStore.h"

#include <QPushButton>

SettingsDialog::SettingsDialog(
    SecretStore* secrets, AppSettings* settings, const SessionConfig& current, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_secrets(secrets)
    , m_settings(settings)
    , m_current(current)
{
    m_ui->setupUi(this);
    m_ui->baseUrlEdit->setText(m_settings->apiBaseUrl().toString());
    m_ui->baseUrlEdit->setPlaceholderText(ApiTarget::defaultBaseUrl().toString());
    m_ui->baseUrlProblemLabel->hide();

    QStringList status;
    if (m_settings->hasStoredApiKey()) {
        status << tr("A key is stored in the keychain. Type a new one to replace it.");
        m_ui->apiKeyEdit->setPlaceholderText(tr("Stored in the keychain (hidden)"));
    } else {
        status << tr("No key is stored yet.");
    }
    if (m_current.keySource == SessionConfig::KeySource::Environment)
        status << tr("DAILY_API_KEY is set: it overrides the stored key for this run.");
    if (m_current.keySource == SessionConfig::KeySource::Memory)
        status << tr("This session's key is held in memory only (no keychain was available).");
    if (m_current.sandbox)
        status << tr("Saving a key leaves the sandbox and talks to Daily.");
    m_ui->keychainStatusLabel->setText(status.join(QLatin1Char(' ')));
    m_ui->forgetKeyButton->setEnabled(m_settings->hasStoredApiKey());

    connect(m_ui->apiKeyRevealButton, &QToolButton::toggled, this, [this](bool reveal) {
        m_ui->apiKeyEdit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->apiKeyRevealButton->setText(reveal ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->baseUrlEdit, &QLineEdit::textChanged, this, [this] {
        const QString problem = baseUrlProblem();
        m_ui->baseUrlProblemLabel->setVisible(!problem.isEmpty());
        m_ui->baseUrlProblemLabel->setText(problem.isEmpty() ? QString() : QStringLiteral("⚠ ") + problem);
        m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->forgetKeyButton, &QPushButton::clicked, this, &SettingsDialog::forgetKey);
}

SettingsDialog::~SettingsDialog() = default;

QString SettingsDialog::baseUrlProblem() const
{
    const QString text = m_ui->baseUrlEdit->text().trimmed();
    if (text.isEmpty())
        return {};
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return tr("Enter an absolute http(s) URL, such as %1.").arg(ApiTarget::defaultBaseUrl().toString());
    return {};
}

void SettingsDialog::setBusy(bool busy)
{
    m_ui->buttonBox->setEnabled(!busy);
    m_ui->forgetKeyButton->setEnabled(!busy && m_settings->hasStoredApiKey());
}

void SettingsDialog::accept()
{
    if (!baseUrlProblem().isEmpty())
        return;
    const QString text = m_ui->baseUrlEdit->text().trimmed();
    const QUrl baseUrl = text.isEmpty() ? ApiTarget::defaultBaseUrl() : QUrl(text);
    m_settings->setApiBaseUrl(baseUrl);
    const QString key = m_ui->apiKeyEdit->text().trimmed();
    if (key.isEmpty()) {
        emit applied(baseUrl, QString(), m_current.keySource, tr("Settings saved."));
        QDialog::accept();
        return;
    }
    setBusy(true);
    m_ui->keychainStatusLabel->setText(tr("Saving the key to the keychain…"));
    m_secrets->write(SecretStore::ApiKeyName, key, this, [this, baseUrl, key](const SecretStore::Result& result) {
        setBusy(false);
        if (result.ok()) {
            m_settings->setHasStoredApiKey(true);
            emit applied(baseUrl, key, SessionConfig::KeySource::Keychain, tr("API key saved in the keychain."));
        } else {
            emit applied(baseUrl, key, SessionConfig::KeySource::Memory,
                tr("No usable keychain (%1): the API key is kept in memory until you quit.").arg(result.error));
        }
        QDialog::accept();
    });
}

void SettingsDialog::forgetKey()
{
    setBusy(true);
    m_secrets->remove(SecretStore::ApiKeyName, this, [this](const SecretStore::Result& result) {
        if (result.ok() || result.status == SecretStore::Result::Status::NotFound) {
            m_settings->setHasStoredApiKey(false);
            m_ui->keychainStatusLabel->setText(tr("The stored key was removed from the keychain."));
            m_ui->apiKeyEdit->setPlaceholderText(tr("From the Developers page of the Daily dashboard"));
            emit keyForgotten();
        } else {
            m_ui->keychainStatusLabel->setText(tr("The keychain could not remove the key: %1").arg(result.error));
        }
        setBusy(false);
    });
}
