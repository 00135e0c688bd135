#pragma once

#include "WebhookDraft.h"

#include <QUrl>
#include <QWidget>

#include <memory>

class ApiError;
class QLabel;
namespace Ui {
class WebhookForm;
}

// The create form: URL, basic auth, retry type, event types and HMAC secret, checked as the user types.
// It never talks to the network: it hands a valid draft over through submitRequested() and shows what comes
// back (busy state, errors). Whatever happens, it keeps everything the user typed.
class WebhookForm : public QWidget
{
    Q_OBJECT

public:
    explicit WebhookForm(QWidget* parent = nullptr);
    ~WebhookForm() override;

    // The draft as the form holds it now: only fields with a value are set.
    WebhookDraft draft() const;
    // Every problem with the current input, each tied to its field.
    QList<FieldProblem> problems() const;

    // Offers the sandbox's demo endpoint in the URL field (hidden when the URL is empty).
    void setDemoEndpoint(const QUrl& url);
    QUrl demoEndpoint() const { return m_demoEndpoint; }

    bool isBusy() const { return m_busy; }
    void setBusy(bool busy, const QString& status = QString());
    void showError(const ApiError& error);
    void clearError();
    QString errorMessage() const;

public slots:
    // Validates; on success emits submitRequested(), else shows every problem and focuses the first.
    void submit();

signals:
    void submitRequested(const WebhookDraft& draft);
    void cancelRequested();

private:
    void updateUrlProblem(bool force);
    void updateHmacProblem();
    void updateEventProblem(bool force);
    void updateRetryDescription();
    void showProblem(QLabel* label, const QString& problem);
    QLabel* problemLabelFor(const QString& field) const;
    QWidget* editorFor(const QString& field) const;
    void openBasicAuthDialog();

    std::unique_ptr<Ui::WebhookForm> m_ui;
    QUrl m_demoEndpoint;
    bool m_busy = false;
    bool m_eventsTouched = false;
};
