#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "AppSettings.h"
#include "DailyClient.h"
#include "SettingsDialog.h"
#include "WebhookDetailPane.h"
#include "WebhookForm.h"

#include <QCloseEvent>
#include <QMessageBox>

MainWindow::MainWindow(QNetworkAccessManager* network, SecretStore* secrets, AppSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_client(new DailyClient(network, this))
    , m_secrets(secrets)
    , m_settings(settings)
{
    m_ui->setupUi(this);
    m_client->setTimeoutMs(m_settings->requestTimeoutSeconds() * 1000);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->connectionBanner->setMargin(6);
    // The banner takes the lines its text needs; the panes get every other pixel.
    m_ui->connectionBanner->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_ui->splitter->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_ui->connectionBanner->setAutoFillBackground(true);
    m_ui->connectionBanner->setBackgroundRole(QPalette::AlternateBase);

    connect(m_ui->webhookForm, &WebhookForm::submitRequested, this, &MainWindow::createWebhook);
    connect(m_ui->webhookForm, &WebhookForm::cancelRequested, this, [this] {
        if (m_call)
            m_call->cancel();
    });
    connect(m_ui->createAction, &QAction::triggered, m_ui->webhookForm, &WebhookForm::submit);
    connect(m_ui->copyHmacAction, &QAction::triggered, m_ui->detailPane, &WebhookDetailPane::copyHmac);
    connect(m_ui->copyUuidAction, &QAction::triggered, m_ui->detailPane, &WebhookDetailPane::copyUuid);
    connect(m_ui->revealHmacAction, &QAction::toggled, m_ui->detailPane, &WebhookDetailPane::setHmacRevealed);
    connect(m_ui->detailPane, &WebhookDetailPane::hmacRevealedChanged, m_ui->revealHmacAction, &QAction::setChecked);
    connect(m_ui->detailPane, &WebhookDetailPane::copied, this,
        [this](const QString& what) { statusBar()->showMessage(what, 5000); });
    connect(m_ui->settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    for (QAction* action : {m_ui->copyHmacAction, m_ui->copyUuidAction, m_ui->revealHmacAction})
        action->setEnabled(false);

    m_ui->webhookForm->setFocus();
    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
}

MainWindow::~MainWindow() = default;

WebhookForm* MainWindow::form() const
{
    return m_ui->webhookForm;
}

WebhookDetailPane* MainWindow::detailPane() const
{
    return m_ui->detailPane;
}

void MainWindow::setSession(const SessionConfig& session)
{
    // A result from the sandbox means nothing on Daily, and the other way round.
    if (session.sandbox != m_session.sandbox || session.target.baseUrl != m_session.target.baseUrl) {
        m_ui->detailPane->clear();
        for (QAction* action : {m_ui->copyHmacAction, m_ui->copyUuidAction, m_ui->revealHmacAction})
            action->setEnabled(false);
    }
    m_session = session;
    m_ui->webhookForm->setDemoEndpoint(m_session.sandbox ? m_demoEndpoint : QUrl());
    updateBanner();
}

void MainWindow::setDemoEndpoint(const QUrl& url)
{
    m_demoEndpoint = url;
    m_ui->webhookForm->setDemoEndpoint(m_session.sandbox ? m_demoEndpoint : QUrl());
}

void MainWindow::showNotice(const QString& notice)
{
    m_notice = notice;
    updateBanner();
    statusBar()->showMessage(notice, 10000);
}

void MainWindow::updateBanner()
{
    QString text = m_session.describe();
    if (m_session.sandbox)
        text = tr("<b>Sandbox</b> on %1: a local stand-in for Daily's API, so nothing leaves this computer. "
                  "Add your API key in File › Settings to work with Daily.")
                   .arg(m_session.target.baseUrl.toString(QUrl::RemoveUserInfo).toHtmlEscaped());
    else
        text = tr("<b>Daily API</b> %1 · %2")
                   .arg(m_session.target.baseUrl.toString(QUrl::RemoveUserInfo).toHtmlEscaped(),
                       SessionConfig::describeSource(m_session.keySource).toHtmlEscaped());
    if (!m_notice.isEmpty())
        text += QStringLiteral("<br>") + m_notice.toHtmlEscaped();
    m_ui->connectionBanner->setText(text);
    m_ui->connectionBanner->setAccessibleDescription(m_ui->connectionBanner->text());
    setWindowTitle(m_session.sandbox ? tr("Daily Webhooks — Sandbox") : tr("Daily Webhooks"));
}

void MainWindow::createWebhook(const WebhookDraft& draft)
{
    if (m_call)
        return; // a request is running; the form is disabled, but a shortcut could still get here
    if (m_session.target.apiKey.isEmpty()) {
        m_ui->webhookForm->showError(ApiError::missingApiKey());
        return;
    }
    m_call = m_client->createWebhook(m_session.target, draft);
    m_ui->webhookForm->setBusy(true, tr("Creating… Daily first pings your URL, which can take a few seconds."));
    statusBar()->showMessage(tr("Sending the webhook to %1…").arg(m_session.target.baseUrl.host()));
    connect(m_call, &DailyCall::finished, this, &MainWindow::onCreateFinished);
}

void MainWindow::onCreateFinished(const ApiResult& result)
{
    m_call = nullptr;
    m_ui->webhookForm->setBusy(false);
    if (!result.ok()) {
        m_ui->webhookForm->showError(result.error);
        statusBar()->showMessage(result.error.message, 10000);
        return;
    }
    m_ui->detailPane->setWebhook(*result.webhook);
    const bool hasHmac = !result.webhook->hmac.isEmpty();
    m_ui->copyHmacAction->setEnabled(hasHmac);
    m_ui->revealHmacAction->setEnabled(hasHmac);
    m_ui->copyUuidAction->setEnabled(!result.webhook->uuid.isEmpty());
    statusBar()->showMessage(
        tr("Webhook created in %1 ms. Copy its HMAC secret with Ctrl+Shift+C.").arg(result.elapsedMs), 15000);
}

void MainWindow::openSettings()
{
    auto* dialog = new SettingsDialog(m_secrets, m_settings, m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, &MainWindow::applySettings);
    connect(dialog, &SettingsDialog::keyForgotten, this, [this] {
        if (m_session.keySource == SessionConfig::KeySource::Keychain) {
            m_session.keySource = SessionConfig::KeySource::Memory;
            showNotice(tr("The key was removed from the keychain; this window keeps using it until you quit."));
        }
    });
    dialog->open();
}

void MainWindow::applySettings(
    const QUrl& baseUrl, const QString& key, SessionConfig::KeySource source, const QString& notice)
{
    SessionConfig next = m_session;
    if (!key.isEmpty()) {
        next.target.apiKey = key;
        next.keySource = source;
        next.sandbox = false;
        if (!next.baseFromOverride)
            next.target.baseUrl = baseUrl;
    } else if (!next.sandbox && !next.baseFromOverride) {
        next.target.baseUrl = baseUrl;
    }
    setSession(next);
    showNotice(notice);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_call)
        m_call->cancel();
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Daily Webhooks"),
        tr("<h3>Daily Webhooks %1</h3><p>Create, inspect, repair and test the webhooks of your Daily "
           "video domains.</p><p>Built with Qt %2.</p>")
            .arg(QStringLiteral(DW_VERSION), QString::fromLatin1(qVersion())));
}
