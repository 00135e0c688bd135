#pragma once

#include "Domain.h"

#include <QDialog>
#include <QUrl>

#include <memory>

class Webhook;
class WebhookForm;
namespace Ui {
class WebhookEditorDialog;
}

// The webhook form in its own window: create on a chosen domain, or edit one domain's webhook. It does not talk
// to the network: the main window runs the request and reports back through form().
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
    // The user pressed Create or Save with a valid draft; the form is in that mode.
    void submitRequested(const QString& domainId);

private:
    std::unique_ptr<Ui::WebhookEditorDialog> m_ui;
};
