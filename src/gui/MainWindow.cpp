#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "AppIdentity.h"
#include "AppSettings.h"
#include "ColumnFitter.h"
#include "DeliveriesWindow.h"
#include "DeliverySender.h"
#include "DomainStates.h"
#include "DomainStore.h"
#include "DomainsDialog.h"
#include "HealthTransition.h"
#include "HistoryDialog.h"
#include "ImportPlan.h"
#include "PendingOperation.h"
#include "PreflightCheck.h"
#include "SecretClipboard.h"
#include "SettingsDialog.h"
#include "SignatureCheckerDialog.h"
#include "TestEventDialog.h"
#include "UserPrompts.h"
#include "WebhookBackend.h"
#include "WebhookDetailPane.h"
#include "WebhookEditorDialog.h"
#include "WebhookExport.h"
#include "WebhookForm.h"
#include "WebhookOperations.h"
#include "WebhookTableModel.h"

#include <QCloseEvent>
#include <QFile>
#include <QHeaderView>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QSortFilterProxyModel>

namespace {
constexpr int DefaultWatchIntervalMs = 60 * 1000;
}

MainWindow::MainWindow(const AppServices& services, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_services(services)
    , m_backend(new WebhookBackend(services.network, services.domains, services.audit, this))
    , m_operations(m_backend->operations())
    , m_secretClipboard(new SecretClipboard(this))
    , m_model(new WebhookTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_deliverySender(new DeliverySender(services.network, this))
    , m_refreshProgress(new QProgressBar(this))
{
    m_ui->setupUi(this);
    m_backend->setTimeoutMs(m_services.settings->requestTimeoutSeconds() * 1000);
    m_deliverySender->setTimeoutMs(m_services.settings->requestTimeoutSeconds() * 1000);

    m_ui->requestLogPane->setLog(m_backend->requestLog());
    m_secretClipboard->setClearDelayMs(m_services.settings->clipboardClearSeconds() * 1000);
    m_ui->requestLogPane->setSecretClipboard(m_secretClipboard);
    m_ui->detailPane->setSecretClipboard(m_secretClipboard);

    m_model->observe(m_backend->states());
    connect(m_backend->states(), &DomainStates::stateChanged, this, [this](const DomainState& state) {
        if (selection().domainId == state.domainId)
            showSelected();
        updateActions();
    });
    connect(m_backend->states(), &DomainStates::removed, this, &MainWindow::updateActions);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(WebhookTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->webhookTable->setModel(m_proxy);
    m_ui->webhookTable->sortByColumn(WebhookTableModel::DomainColumn, Qt::AscendingOrder);
    m_ui->webhookTable->verticalHeader()->hide();
    m_ui->webhookTable->setWordWrap(false);
    m_ui->webhookTable->horizontalHeader()->setSectionResizeMode(WebhookTableModel::UrlColumn, QHeaderView::Stretch);
    new ColumnFitter(m_ui->webhookTable, WebhookTableModel::DomainColumn);
    m_ui->webhookTable->horizontalHeader()->setHighlightSections(false);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->connectionBanner->setMargin(6);
    m_ui->connectionBanner->setAutoFillBackground(true);
    m_ui->connectionBanner->setBackgroundRole(QPalette::AlternateBase);
    m_ui->connectionBanner->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_ui->splitter->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_refreshProgress->setMaximumWidth(160);
    m_refreshProgress->setAccessibleName(tr("Refresh progress"));
    m_refreshProgress->hide();
    statusBar()->addPermanentWidget(m_refreshProgress);

    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->filterAction, &QAction::triggered, this, [this] {
        m_ui->filterEdit->setFocus();
        m_ui->filterEdit->selectAll();
    });
    connect(m_ui->webhookTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showSelected();
        updateActions();
    });
    connect(m_ui->webhookTable, &QTableView::doubleClicked, this, [this] {
        const Selection s = selection();
        if (s.webhook)
            openEdit();
        else if (!s.domainId.isEmpty())
            openCreate();
    });

    connect(m_ui->refreshAction, &QAction::triggered, this, &MainWindow::refreshAll);
    connect(m_ui->createAction, &QAction::triggered, this, &MainWindow::openCreate);
    connect(m_ui->editAction, &QAction::triggered, this, &MainWindow::openEdit);
    connect(m_ui->reactivateAction, &QAction::triggered, this, &MainWindow::reactivateSelected);
    connect(m_ui->deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_ui->preflightAction, &QAction::triggered, this, &MainWindow::preflightSelected);
    connect(m_ui->domainsAction, &QAction::triggered, this, &MainWindow::openDomains);
    m_ui->dailyDomainsAction->setVisible(
        m_services.sandbox && m_services.userDomains && m_services.userDomains != m_services.domains);
    connect(m_ui->dailyDomainsAction, &QAction::triggered, this, [this] {
        auto* dialog
            = new DomainsDialog(m_services.userDomains, m_services.prompts, m_services.settings->apiBaseUrl(), this);
        dialog->setWindowTitle(tr("Your Daily domains"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::finished, this, [this] {
            if (!m_services.userDomains->domains().isEmpty())
                showNotice(tr("Your Daily domains are saved. Start Daily Webhooks again (without --sandbox) to "
                              "work with them."));
        });
        dialog->open();
    });
    connect(m_ui->exportAction, &QAction::triggered, this, &MainWindow::exportWebhooks);
    connect(m_ui->importAction, &QAction::triggered, this, &MainWindow::importWebhooks);
    connect(m_ui->auditAction, &QAction::triggered, this, &MainWindow::openHistory);
    connect(m_ui->testEventAction, &QAction::triggered, this, &MainWindow::openTestEvent);
    connect(m_ui->signatureCheckerAction, &QAction::triggered, this, &MainWindow::openSignatureChecker);
    connect(m_ui->detailPane, &WebhookDetailPane::testEventRequested, this, [this](const Webhook& webhook) {
        const auto domain = m_services.domains->domain(selection().domainId);
        showTestEvent(webhook.url, webhook.hmac, webhook.basicAuth,
            domain ? tr("the webhook of %1").arg(domain->name) : tr("the selected webhook"));
    });
    connect(m_ui->deliveriesAction, &QAction::triggered, this, &MainWindow::openDeliveries);
    connect(m_ui->settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->copyHmacAction, &QAction::triggered, m_ui->detailPane, &WebhookDetailPane::copyHmac);
    connect(m_ui->copyUuidAction, &QAction::triggered, m_ui->detailPane, &WebhookDetailPane::copyUuid);
    connect(m_ui->revealHmacAction, &QAction::toggled, m_ui->detailPane, &WebhookDetailPane::setHmacRevealed);
    connect(m_ui->detailPane, &WebhookDetailPane::hmacRevealedChanged, m_ui->revealHmacAction, &QAction::setChecked);
    connect(m_ui->detailPane, &WebhookDetailPane::copied, this,
        [this](const QString& what) { statusBar()->showMessage(what, 5000); });
    connect(m_ui->requestLogPane, &RequestLogPane::copied, this,
        [this](const QString& what) { statusBar()->showMessage(what, 5000); });

    connect(m_operations, &WebhookOperations::refreshProgress, this, [this](int done, int total) {
        m_refreshProgress->setRange(0, total);
        m_refreshProgress->setValue(done);
        m_refreshProgress->setVisible(done < total);
        statusBar()->showMessage(tr("Refreshing %1 of %2 domains…").arg(done).arg(total));
    });
    connect(m_operations, &WebhookOperations::refreshFinished, this, [this](const QList<HealthTransition>& health) {
        m_refreshProgress->hide();
        const QList<DomainState> states = m_backend->states()->states();
        int failed = 0;
        for (const DomainState& d : states)
            failed += d.status == DomainState::Status::Failed ? 1 : 0;
        statusBar()->showMessage(failed == 0
                ? tr("Refreshed %n domain(s).", nullptr, int(states.size()))
                : tr("Refreshed; %n domain(s) could not be read (see their rows).", nullptr, failed),
            10000);
        announceHealth(health);
        updateActions();
        emit refreshFinished();
    });

    m_watchTimer.setInterval(DefaultWatchIntervalMs);
    connect(&m_watchTimer, &QTimer::timeout, this, &MainWindow::refreshAll);
    connect(m_ui->watchAction, &QAction::toggled, this, [this](bool on) {
        if (on) {
            m_watchTimer.start();
            statusBar()->showMessage(
                tr("Watching: every domain is refreshed every %n s.", nullptr, m_watchTimer.interval() / 1000), 8000);
        } else {
            m_watchTimer.stop();
        }
    });

    connect(m_services.domains, &DomainStore::domainsChanged, this, &MainWindow::refreshAll);

    updateActions();
    updateBanner();
    restoreGeometry(m_services.settings->windowGeometry());
    restoreState(m_services.settings->windowState());
    m_ui->webhookTable->setFocus();
}

MainWindow::~MainWindow() = default;

WebhookDetailPane* MainWindow::detailPane() const
{
    return m_ui->detailPane;
}

RequestLog* MainWindow::requestLog() const
{
    return m_backend->requestLog();
}

DomainStates* MainWindow::states() const
{
    return m_backend->states();
}

void MainWindow::setWatchIntervalMs(int ms)
{
    m_watchTimer.setInterval(ms);
}

void MainWindow::refreshAll()
{
    if (m_services.domains->domains().isEmpty()) {
        statusBar()->showMessage(tr("No domains yet: add one with Domains… (Ctrl+D)."), 10000);
        return;
    }
    m_operations->refreshAll();
}

MainWindow::Selection MainWindow::selection() const
{
    const QModelIndex current = m_ui->webhookTable->currentIndex();
    if (!current.isValid())
        return {};
    const int row = m_proxy->mapToSource(current).row();
    return {m_model->domainIdAt(row), m_model->webhookAt(row)};
}

bool MainWindow::selectDomain(const QString& domainId)
{
    const int row = m_model->firstRowOf(domainId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_ui->webhookTable->setCurrentIndex(index);
    m_ui->webhookTable->scrollTo(index);
    // The row may have been current already, with other contents.
    showSelected();
    updateActions();
    return true;
}

void MainWindow::showSelected()
{
    const Selection s = selection();
    if (s.webhook)
        m_ui->detailPane->setWebhook(*s.webhook);
    else
        m_ui->detailPane->clear();
}

void MainWindow::updateActions()
{
    const Selection s = selection();
    const bool idle = !isRequestRunning();
    const bool hasWebhook = s.webhook.has_value();
    m_ui->createAction->setEnabled(idle && !m_services.domains->domains().isEmpty());
    m_ui->editAction->setEnabled(idle && hasWebhook);
    m_ui->reactivateAction->setEnabled(idle && hasWebhook);
    m_ui->deleteAction->setEnabled(idle && hasWebhook);
    m_ui->preflightAction->setEnabled(hasWebhook);
    const bool hasHmac = hasWebhook && !s.webhook->hmac.isEmpty();
    m_ui->copyHmacAction->setEnabled(hasHmac);
    m_ui->revealHmacAction->setEnabled(hasHmac);
    m_ui->copyUuidAction->setEnabled(hasWebhook);
    m_ui->auditAction->setEnabled(m_operations->history() != nullptr);
}

void MainWindow::openCreate()
{
    const QList<Domain> domains = m_services.domains->domains();
    if (domains.isEmpty()) {
        openDomains();
        return;
    }
    if (!m_editor) {
        m_editor = new WebhookEditorDialog(this);
        m_editor->form()->setSecretClipboard(m_secretClipboard);
        connect(m_editor, &WebhookEditorDialog::submitRequested, this, &MainWindow::submitEditor);
        connect(m_editor->form(), &WebhookForm::cancelRequested, this, [this] {
            m_cancelStart = m_starting;
            if (m_running)
                m_running->cancel();
        });
        connect(m_editor->form(), &WebhookForm::preflightRequested, this, &MainWindow::runPreflight);
        connect(m_editor->form(), &WebhookForm::testEventRequested, this,
            [this](const QString& url, const QString& hmac, const QString& basicAuth) {
                showTestEvent(url, hmac, basicAuth,
                    m_editor->form()->mode() == WebhookForm::Mode::Edit ? tr("the edit window")
                                                                        : tr("the create window (not created yet)"));
            });
    }
    if (m_editor->form()->isBusy()) {
        m_editor->raise();
        return;
    }
    m_editor->startCreate(domains, selection().domainId);
    m_editor->form()->setDemoEndpoint(m_services.sandbox ? m_services.demoEndpoint : QUrl());
    m_editor->show();
    m_editor->raise();
    m_editor->activateWindow();
}

void MainWindow::openEdit()
{
    const Selection s = selection();
    const auto domain = m_services.domains->domain(s.domainId);
    if (!s.webhook || !domain)
        return;
    openCreate(); // makes sure the editor exists and is wired
    m_editor->startEdit(*domain, *s.webhook);
    m_editor->form()->setDemoEndpoint(m_services.sandbox ? m_services.demoEndpoint : QUrl());
}

void MainWindow::runChange(const QString& domainId, const QString& verb, Start start, Done done)
{
    const auto domain = m_services.domains->domain(domainId);
    if (!domain || isRequestRunning())
        return;
    statusBar()->showMessage(tr("%1 on %2…").arg(verb, domain->name));
    m_starting = true;
    m_cancelStart = false;
    updateActions();
    m_operations->resolve(domainId, this,
        [this, start = std::move(start), done = std::move(done)](
            const std::optional<DomainTarget>& target, const KeyProblem& problem) {
            m_starting = false;
            if (!target || m_cancelStart) {
                OperationResult result;
                result.error = target ? ApiError::cancelled() : problem.toApiError();
                done(result);
                updateActions();
                emit changeFinished(false);
                return;
            }
            m_running = start(*target);
            updateActions();
            connect(m_running, &PendingOperation::finished, this, [this, done](const OperationResult& result) {
                m_running = nullptr;
                done(result);
                showAuditProblem(result);
                updateActions();
                emit changeFinished(result.ok());
            });
        });
}

void MainWindow::showAuditProblem(const OperationResult& result)
{
    if (!result.auditProblem.isEmpty())
        showNotice(result.auditProblem);
}

void MainWindow::submitEditor(const QString& domainId, const WebhookDraft& draft, const QString& originalUuid)
{
    if (isRequestRunning()) {
        // One change at a time (a reactivation may be running while the editor is open); the form stays as typed.
        statusBar()->showMessage(tr("Another change is still running; press it again once it has ended."), 10000);
        return;
    }
    const bool creating = originalUuid.isEmpty();
    m_editor->form()->setBusy(true,
        creating ? tr("Creating… Daily first pings your URL, which can take a few seconds.")
                 : tr("Saving… Daily pings the URL again, which can take a few seconds."));
    const auto start = [this, draft, originalUuid, creating](const DomainTarget& target) {
        return creating ? m_operations->create(target, draft) : m_operations->update(target, originalUuid, draft);
    };
    runChange(domainId, creating ? tr("Creating the webhook") : tr("Saving the webhook"), start,
        [this, domainId, creating](const OperationResult& result) {
            WebhookForm* form = m_editor->form();
            form->setBusy(false);
            if (!result.ok()) {
                form->showError(result.error);
                statusBar()->showMessage(result.error.message, 10000);
                return;
            }
            m_editor->accept();
            selectDomain(domainId);
            statusBar()->showMessage(creating ? tr("Webhook created in %1 ms. Copy its HMAC secret with "
                                                   "Ctrl+Shift+C.")
                                                    .arg(result.elapsedMs)
                                              : tr("Webhook saved."),
                15000);
        });
}

void MainWindow::reactivateSelected()
{
    const Selection s = selection();
    if (!s.webhook)
        return;
    const QString uuid = s.webhook->uuid;
    runChange(
        s.domainId, tr("Reactivating"),
        [this, uuid](const DomainTarget& target) { return m_operations->reactivate(target, uuid); },
        [this, domainId = s.domainId](const OperationResult& result) {
            if (result.after)
                selectDomain(domainId);
            if (result.error.kind == ApiError::Kind::StillNotDelivering) {
                // Daily took the update, yet the webhook still does not deliver: its row shows the state it is in.
                showNotice(tr("Reactivation did not take: %1 %2").arg(result.error.message, result.error.hint));
            } else if (!result.ok()) {
                showNotice(tr("Reactivation failed: %1 %2").arg(result.error.message, result.error.hint));
            } else {
                showNotice(tr("Reactivated: %1 went from %2 to %3.")
                               .arg(result.after->url, result.before->state, result.after->state));
            }
        });
}

void MainWindow::deleteSelected()
{
    const Selection s = selection();
    const auto domain = m_services.domains->domain(s.domainId);
    if (!s.webhook || !domain)
        return;
    const Webhook before = *s.webhook;
    const QString question
        = tr("Delete the webhook %1 of the domain %2?\n\nDaily stops sending its events at once.%3")
              .arg(before.url, domain->name,
                  m_operations->history() ? tr(" Its configuration and secret stay in History, so you can recreate it.")
                                          : QString());
    if (!m_services.prompts->confirm(this, tr("Delete webhook"), question, tr("Delete")))
        return;
    runChange(
        s.domainId, tr("Deleting"),
        [this, uuid = before.uuid](const DomainTarget& target) { return m_operations->remove(target, uuid); },
        [this, domainId = s.domainId](const OperationResult& result) {
            if (!result.ok()) {
                showNotice(tr("Delete failed: %1 %2").arg(result.error.message, result.error.hint));
                return;
            }
            selectDomain(domainId);
            statusBar()->showMessage(tr("Webhook deleted."), 10000);
        });
}

void MainWindow::preflightSelected()
{
    const Selection s = selection();
    if (s.webhook)
        runPreflight(QUrl(s.webhook->url), s.webhook->hmac, s.webhook->basicAuth);
}

void MainWindow::runPreflight(const QUrl& url, const QString& hmac, const QString& basicAuth)
{
    if (!m_preflight) {
        m_preflight = new PreflightCheck(m_services.network, this);
        connect(m_preflight, &PreflightCheck::finished, this, [this](const PreflightResult& r) {
            QStringList lines;
            lines << r.verdict;
            lines << tr("Status: %1").arg(r.httpStatus > 0 ? QString::number(r.httpStatus) : tr("no answer"));
            lines << tr("Latency: %1 ms").arg(r.latencyMs);
            lines << tr("HTTP version: %1").arg(r.httpVersion.isEmpty() ? tr("none") : r.httpVersion);
            lines << tr("TLS: %1").arg(
                r.tlsProblems.isEmpty() ? tr("no problems") : r.tlsProblems.join(QStringLiteral("; ")));
            lines << (r.signedPing ? tr("The ping was signed with the webhook's secret.")
                                   : tr("The ping was not signed (no usable secret)."));
            auto* box = new QMessageBox(r.wouldAccept ? QMessageBox::Information : QMessageBox::Warning,
                tr("Test URL: %1").arg(r.url.toString()), lines.join(QLatin1Char('\n')), QMessageBox::Close, this);
            box->setObjectName(QStringLiteral("preflightResultBox"));
            if (!r.responseBody.isEmpty())
                box->setDetailedText(QString::fromUtf8(r.responseBody));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            statusBar()->showMessage(r.verdict, 15000);
        });
    }
    statusBar()->showMessage(tr("Sending Daily's ping to %1…").arg(url.toString()));
    m_preflight->start(url, hmac, basicAuth);
}

void MainWindow::announceHealth(const QList<HealthTransition>& health)
{
    for (const HealthTransition& t : health) {
        const QString text = t.kind == HealthTransition::Kind::Disappeared
            ? tr("The webhook %1 of %2 is gone.").arg(t.url, t.domainName)
            : tr("Daily switched the webhook %1 of %2 to %3.").arg(t.url, t.domainName, t.newState);
        showNotice(text);
        if (t.kind == HealthTransition::Kind::StoppedDelivering) {
            const QString domainId = t.domainId;
            m_services.prompts->notify(
                this, tr("Webhook %1").arg(t.newState), text, tr("Reactivate"), [this, domainId] {
                    if (selectDomain(domainId))
                        reactivateSelected();
                });
        } else {
            m_services.prompts->notify(
                this, tr("Webhook gone"), text, tr("Show"), [this, domainId = t.domainId] { selectDomain(domainId); });
        }
    }
}

void MainWindow::openDomains()
{
    auto* dialog = new DomainsDialog(m_services.domains, m_services.prompts, m_services.defaultBaseUrl, this);
    dialog->setKeysEphemeral(m_services.sandbox);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openSettings()
{
    auto* dialog = new SettingsDialog(m_services.settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_backend->setTimeoutMs(m_services.settings->requestTimeoutSeconds() * 1000);
        m_deliverySender->setTimeoutMs(m_services.settings->requestTimeoutSeconds() * 1000);
        m_secretClipboard->setClearDelayMs(m_services.settings->clipboardClearSeconds() * 1000);
        if (!m_services.sandbox)
            m_services.defaultBaseUrl = m_services.settings->apiBaseUrl();
        if (m_deliveries)
            m_deliveries->applySettings();
        statusBar()->showMessage(tr("Settings saved."), 5000);
    });
    dialog->open();
}

void MainWindow::exportWebhooks()
{
    QList<QPair<QString, Webhook>> list;
    for (const DomainState& d : m_backend->states()->states()) {
        for (const Webhook& w : d.webhooks)
            list.append({d.domainName, w});
    }
    if (list.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to export: no domain has a webhook (refresh first?)."), 10000);
        return;
    }
    const QString path = m_services.prompts->saveFileName(
        this, tr("Export webhooks"), QStringLiteral("daily-webhooks.json"), tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    const bool secrets = m_services.prompts->confirm(
        this, tr("Include secrets?"), WebhookExport::secretsWarning(), tr("Include secrets"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(WebhookExport::exportJson(list, secrets)) < 0
        || !file.commit()) {
        showNotice(tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Exported %n webhook(s) to %1.", nullptr, int(list.size())).arg(path), 10000);
}

void MainWindow::importWebhooks()
{
    const QString path = m_services.prompts->openFileName(this, tr("Import webhooks"), tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showNotice(tr("Could not read %1: %2").arg(path, file.errorString()));
        return;
    }
    const WebhookExport::ImportResult parsed = WebhookExport::parse(file.readAll());
    if (parsed.entries.isEmpty()) {
        showNotice(tr("Nothing to import from %1: %2").arg(path, parsed.errors.join(QStringLiteral("; "))));
        return;
    }
    // "Copy staging to production": one answer sends every configuration to another domain.
    QString into;
    if (!m_services.prompts->askText(this, tr("Import webhooks"),
            tr("Import %n configuration(s) into which domain? Leave empty to use the "
               "domains named in the file.",
                nullptr, int(parsed.entries.size())),
            &into))
        return;
    QList<QPair<QString, WebhookDraft>> work;
    QStringList problems = parsed.errors;
    for (const ImportPlan::Step& step : ImportPlan::make(parsed.entries, m_services.domains->domains(), into)) {
        switch (step.problem) {
        case ImportPlan::Step::Problem::None:
            work.append({step.domain->id, step.entry.draft});
            break;
        case ImportPlan::Step::Problem::NoSuchDomain:
            problems << tr("No domain named %1.").arg(step.domainName);
            break;
        case ImportPlan::Step::Problem::DomainTaken:
            problems << tr("%1 already gets an earlier webhook of the file, and a domain has only one.")
                            .arg(step.domainName);
            break;
        }
    }
    importNext(std::make_shared<QList<QPair<QString, WebhookDraft>>>(work), 0, std::make_shared<QStringList>(problems));
}

// One configuration after another; WebhookOperations::importInto decides between update and create from what each
// domain has now. Every outcome is reported at the end.
void MainWindow::importNext(
    std::shared_ptr<QList<QPair<QString, WebhookDraft>>> work, int index, std::shared_ptr<QStringList> report)
{
    if (index >= work->size()) {
        const int failed = int(report->size());
        showNotice(failed == 0 ? tr("Imported %n webhook(s).", nullptr, int(work->size()))
                               : tr("Import finished with problems: %1").arg(report->join(QStringLiteral(" "))));
        emit importFinished(failed == 0);
        return;
    }
    const QString domainId = work->at(index).first;
    const WebhookDraft draft = work->at(index).second;
    runChange(
        domainId, tr("Importing"),
        [this, draft](const DomainTarget& target) { return m_operations->importInto(target, draft); },
        [this, work, index, report, domainId](const OperationResult& result) {
            if (!result.ok()) {
                const auto domain = m_services.domains->domain(domainId);
                report->append(tr("%1: %2").arg(domain ? domain->name : domainId, result.error.message));
            }
            // Next one after this operation has fully ended, so the running-operation guard lets it through.
            QMetaObject::invokeMethod(
                this, [this, work, index, report] { importNext(work, index + 1, report); }, Qt::QueuedConnection);
        });
}

void MainWindow::openHistory()
{
    if (!m_operations->history())
        return;
    if (!m_history) {
        m_history = new HistoryDialog(m_operations->history(), this);
        connect(m_history, &HistoryDialog::recreateRequested, this,
            [this](const QString& domainId, const WebhookDraft& draft) {
                m_history->hide();
                openCreateFrom(domainId, draft);
                if (!m_services.domains->domain(domainId))
                    showNotice(tr("The domain of that webhook is gone; choose where to recreate it."));
            });
    }
    m_history->reload();
    m_history->show();
    m_history->raise();
}

void MainWindow::openTestEvent()
{
    const Selection s = selection();
    const auto domain = m_services.domains->domain(s.domainId);
    if (s.webhook)
        showTestEvent(s.webhook->url, s.webhook->hmac, s.webhook->basicAuth,
            domain ? tr("the webhook of %1").arg(domain->name) : tr("the selected webhook"));
    else
        showTestEvent(QString(), QString(), QString(), QString());
}

void MainWindow::showTestEvent(const QString& url, const QString& hmac, const QString& basicAuth, const QString& source)
{
    if (!m_testEvent) {
        m_testEvent = new TestEventDialog(m_deliverySender, this);
        m_testEvent->setSecretClipboard(m_secretClipboard);
    }
    if (m_testEvent->isBusy())
        statusBar()->showMessage(
            tr("The test-event window is still sending; it keeps its URL until it has finished."), 10000);
    else
        m_testEvent->setTarget(url, hmac, basicAuth, source);
    m_testEvent->show();
    m_testEvent->raise();
    m_testEvent->activateWindow();
}

void MainWindow::openSignatureChecker()
{
    if (!m_signatureChecker) {
        m_signatureChecker = new SignatureCheckerDialog(m_services.prompts, this);
        m_signatureChecker->setSecretClipboard(m_secretClipboard);
    }
    m_signatureChecker->show();
    m_signatureChecker->raise();
    m_signatureChecker->activateWindow();
}

void MainWindow::openDeliveries()
{
    if (!m_deliveries) {
        const QString path
            = m_services.deliveryStorePath.isEmpty() ? AppIdentity::deliveryStorePath() : m_services.deliveryStorePath;
        m_deliveries = new DeliveriesWindow(m_services.settings, m_backend->states(), path, this);
    }
    m_deliveries->show();
    m_deliveries->raise();
    m_deliveries->activateWindow();
}

void MainWindow::openCreateFrom(const QString& domainId, const WebhookDraft& draft)
{
    if (m_services.domains->domain(domainId))
        selectDomain(domainId);
    openCreate();
    if (!m_editor || m_editor->form()->isBusy())
        return;
    m_editor->startCreate(m_services.domains->domains(), domainId);
    m_editor->form()->startCreateFrom(draft);
    m_editor->form()->setDemoEndpoint(m_services.sandbox ? m_services.demoEndpoint : QUrl());
}

void MainWindow::showNotice(const QString& notice)
{
    m_notice = notice;
    updateBanner();
    statusBar()->showMessage(notice, 10000);
}

void MainWindow::updateBanner()
{
    QString text;
    if (m_services.sandbox)
        text = tr("<b>Sandbox</b> at %1: a local stand-in for Daily's API, so nothing leaves this computer. "
                  "Domains… (Ctrl+D) adds more sandbox domains (any key works); they last until you quit. File › "
                  "Add your Daily domains saves your real ones.")
                   .arg(m_services.defaultBaseUrl.toString().toHtmlEscaped());
    else
        text = tr("<b>Daily API</b> · %n domain(s)", nullptr, int(m_services.domains->domains().size()));
    if (!m_notice.isEmpty())
        text += QStringLiteral("<br>") + m_notice.toHtmlEscaped();
    m_ui->connectionBanner->setText(text);
    setWindowTitle(m_services.sandbox ? tr("Daily Webhooks — Sandbox") : tr("Daily Webhooks"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_running)
        m_running->cancel();
    m_operations->cancelRefresh();
    m_services.settings->setWindowGeometry(saveGeometry());
    m_services.settings->setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Daily Webhooks"),
        tr("<h3>Daily Webhooks %1</h3><p>Create, inspect, repair and test the webhooks of your Daily "
           "video domains.</p><p>Built with Qt %2.</p>")
            .arg(QStringLiteral(DW_VERSION), QString::fromLatin1(qVersion())));
}
