#pragma once

#include "Domain.h"

#include <QDialog>
#include <QUrl>

#include <memory>

class Webhook;
class WebhookDraft;
class WebhookForm;
namespace Ui {
class WebhookEditorDialog;
}

// The webhook form in its own window: create on a chosen domain, or edit one domain's webhook. It does not talk
// to the network: submitRequested() hands everything the change needs to the main window, which runs it and
// reports back through form().
class WebhookEditorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WebhookEditorDialog(QWidget* parent = nullptr);
    ~WebhookEditorDialog() override;

    void startCreate(const QList<Domain>& domains, const QString& domainId);
    void startEdit(const Domain& domain, const Webhook& webhook);
    QString domainId() const;
    WebhookForm* form() const;

    void reject() override;

signals:
    // The user pressed Create or Save with a valid draft: the domain chosen, the draft (for an edit, only what
    // changed), and the uuid of the webhook being edited (empty for a create).
    void submitRequested(const QString& domainId, const WebhookDraft& draft, const QString& originalUuid);

private:
    std::unique_ptr<Ui::WebhookEditorDialog> m_ui;
};
