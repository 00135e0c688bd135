#pragma once

#include "Webhook.h"

#include <QWidget>

#include <memory>
#include <optional>

class SecretClipboard;
namespace Ui {
class WebhookDetailPane;
}

// Every field Daily returned for one webhook. Times in local time with the ISO value in a tooltip; the HMAC
// and basic auth masked until revealed, copied only through a SecretClipboard (the secret labels cannot be selected);
// fields Daily left out or sent in an unexpected type say so.
class WebhookDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit WebhookDetailPane(QWidget* parent = nullptr);
    ~WebhookDetailPane() override;

    void setWebhook(const Webhook& webhook);
    void clear();
    std::optional<Webhook> webhook() const { return m_webhook; }

    // The clipboard secrets are copied through; the pane has one of its own until the window shares its own.
    void setSecretClipboard(SecretClipboard* clipboard);

    bool isHmacRevealed() const { return m_hmacRevealed; }
    // The text shown for a field, as a person sees it (for tests and accessibility checks).
    QString displayedText(const QString& field) const;

public slots:
    void setHmacRevealed(bool revealed);
    void copyHmac();
    void copyBasicAuth();
    void copyUuid();

signals:
    void hmacRevealedChanged(bool revealed);
    // Something was put on the clipboard; the text says what, never the secret itself.
    void copied(const QString& what);
    // "Send a test event" for the webhook shown: its URL, HMAC secret and basic auth.
    void testEventRequested(const Webhook& webhook);

private:
    void render();
    QWidget* valueWidget(const QString& field) const;
    void showText(const QString& field, const QString& text, const QString& toolTip = QString());
    void showTime(const QString& field, const QDateTime& time);
    bool showAbnormal(const QString& field);

    std::unique_ptr<Ui::WebhookDetailPane> m_ui;
    std::optional<Webhook> m_webhook;
    SecretClipboard* m_secretClipboard;
    bool m_hmacRevealed = false;
    bool m_basicAuthRevealed = false;
};
