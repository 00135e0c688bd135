#pragma once

#include "Webhook.h"
#include "WebhookDraft.h"

#include <QUrl>
#include <QWidget>

#include <memory>
#include <optional>

class ApiError;
class QLabel;
class SecretClipboard;
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
    enum class Mode { Create, Edit };

    explicit WebhookForm(QWidget* parent = nullptr);
    ~WebhookForm() override;

    Mode mode() const { return m_mode; }
    // Create: an empty form. Edit: the form holds `webhook`, and draft() sends only what the user changed.
    void startCreate();
    void startEdit(const Webhook& webhook, const QString& domainName);
    // Create mode, filled from a draft (a recreated or imported configuration); fields it lacks stay empty.
    void startCreateFrom(const WebhookDraft& draft);
    std::optional<Webhook> original() const { return m_original; }

    // The draft as the form holds it now: only fields with a value are set.
    WebhookDraft draft() const;
    // Every problem with the current input, each tied to its field.
    QList<FieldProblem> problems() const;

    // The clipboard the secret fields copy through (their Copy and Cut, and the HMAC's Copy button); the form has
    // one of its own until the window shares its own.
    void setSecretClipboard(SecretClipboard* clipboard);

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
    // "Test URL": the signed ping Daily will send, run by the app before saving.
    void preflightRequested(const QUrl& url, const QString& hmac, const QString& basicAuth);
    // "Send a test event" with what the form holds now (in an edit with the secret left empty, the webhook's own
    // secret, which is what Daily keeps signing with), so an endpoint can be tried before it is saved.
    void testEventRequested(const QString& url, const QString& hmac, const QString& basicAuth);

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
    SecretClipboard* m_secretClipboard = nullptr;
    Mode m_mode = Mode::Create;
    std::optional<Webhook> m_original;
    bool m_busy = false;
    bool m_eventsTouched = false;
};
