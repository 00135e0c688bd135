#include "WebhookEditorDialog.h"
#include "ui_WebhookEditorDialog.h"

#include "WebhookForm.h"

WebhookEditorDialog::WebhookEditorDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::WebhookEditorDialog>())
{
    m_ui->setupUi(this);
    connect(m_ui->webhookForm, &WebhookForm::submitRequested, this, [this](const WebhookDraft& draft) {
        const std::optional<Webhook> original = m_ui->webhookForm->original();
        const bool editing = m_ui->webhookForm->mode() == WebhookForm::Mode::Edit && original;
        emit submitRequested(domainId(), draft, editing ? original->uuid : QString());
    });
}

WebhookEditorDialog::~WebhookEditorDialog() = default;

WebhookForm* WebhookEditorDialog::form() const
{
    return m_ui->webhookForm;
}

void WebhookEditorDialog::startCreate(const QList<Domain>& domains, const QString& domainId)
{
    m_ui->domainCombo->clear();
    for (const Domain& domain : domains)
        m_ui->domainCombo->addItem(domain.name, domain.id);
    const int index = m_ui->domainCombo->findData(domainId);
    m_ui->domainCombo->setCurrentIndex(index < 0 ? 0 : index);
    m_ui->domainCombo->setEnabled(domains.size() > 1);
    m_ui->webhookForm->startCreate();
    setWindowTitle(tr("Create a webhook"));
    m_ui->webhookForm->setFocus();
}

void WebhookEditorDialog::startEdit(const Domain& domain, const Webhook& webhook)
{
    m_ui->domainCombo->clear();
    m_ui->domainCombo->addItem(domain.name, domain.id);
    m_ui->domainCombo->setEnabled(false);
    m_ui->webhookForm->startEdit(webhook, domain.name);
    setWindowTitle(tr("Edit webhook — %1").arg(domain.name));
    m_ui->webhookForm->setFocus();
}

QString WebhookEditorDialog::domainId() const
{
    return m_ui->domainCombo->currentData().toString();
}

void WebhookEditorDialog::reject()
{
    // Escape while a request runs cancels the request first; the window stays, with everything typed.
    if (m_ui->webhookForm->isBusy()) {
        emit m_ui->webhookForm->cancelRequested();
        return;
    }
    QDialog::reject();
}
