#include "WebhookDetailPane.h"
#include "ui_WebhookDetailPane.h"

#include "DisplayText.h"
#include "SecretClipboard.h"
#include "WebhookFields.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QLocale>

namespace {
QString masked(const QString& secret)
{
    // Same length for every secret, so the mask says nothing about it.
    return secret.isEmpty() ? QString() : QString(12, QChar(0x2022));
}
} // namespace

WebhookDetailPane::WebhookDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::WebhookDetailPane>())
    , m_secretClipboard(new SecretClipboard(this))
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.3);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QLabel* label : {m_ui->uuidValue, m_ui->hmacValue, m_ui->basicAuthValue, m_ui->domainIdValue})
        label->setFont(mono);
    // Values stay on one line (event types one per line); the URL scrolls in a read-only line edit, so a long
    // one neither wraps mid-word nor forces the pane wider.
    QPalette flat = m_ui->urlValue->palette();
    flat.setColor(QPalette::Base, flat.color(QPalette::Window));
    m_ui->urlValue->setPalette(flat);
    for (QLabel* label : findChildren<QLabel*>()) {
        if (label->objectName().endsWith(QLatin1String("Value")))
            label->setWordWrap(false);
    }

    connect(m_ui->hmacRevealButton, &QToolButton::toggled, this, &WebhookDetailPane::setHmacRevealed);
    connect(m_ui->hmacCopyButton, &QToolButton::clicked, this, &WebhookDetailPane::copyHmac);
    connect(m_ui->uuidCopyButton, &QToolButton::clicked, this, &WebhookDetailPane::copyUuid);
    connect(m_ui->basicAuthCopyButton, &QToolButton::clicked, this, &WebhookDetailPane::copyBasicAuth);
    connect(m_ui->testEventButton, &QPushButton::clicked, this, [this] {
        if (m_webhook)
            emit testEventRequested(*m_webhook);
    });
    connect(m_ui->basicAuthRevealButton, &QToolButton::toggled, this, [this](bool reveal) {
        m_basicAuthRevealed = reveal;
        m_ui->basicAuthRevealButton->setText(reveal ? tr("Hide") : tr("Reveal"));
        render();
    });
    m_ui->hmacCopyButton->setToolTip(tr("Copy the whole HMAC secret (Ctrl+Shift+C)"));
    m_ui->uuidCopyButton->setToolTip(tr("Copy the UUID (Ctrl+Shift+U)"));
    m_ui->basicAuthCopyButton->setToolTip(tr("Copy the whole basic auth credential"));
    m_ui->hmacRevealButton->setToolTip(tr("Show or hide the HMAC secret (Ctrl+Shift+R)"));
    clear();
}

WebhookDetailPane::~WebhookDetailPane() = default;

void WebhookDetailPane::setSecretClipboard(SecretClipboard* clipboard)
{
    m_secretClipboard = clipboard;
}

void WebhookDetailPane::setWebhook(const Webhook& webhook)
{
    m_webhook = webhook;
    setHmacRevealed(false);
    m_ui->basicAuthRevealButton->setChecked(false);
    m_ui->emptyPage->hide();
    m_ui->detailsPage->show();
    render();
}

void WebhookDetailPane::clear()
{
    m_webhook.reset();
    m_ui->detailsPage->hide();
    m_ui->emptyPage->show();
    setHmacRevealed(false);
}

QWidget* WebhookDetailPane::valueWidget(const QString& field) const
{
    return findChild<QWidget*>(field + QStringLiteral("Value"));
}

QString WebhookDetailPane::displayedText(const QString& field) const
{
    const QWidget* widget = valueWidget(field);
    if (const auto* label = qobject_cast<const QLabel*>(widget))
        return label->text();
    if (const auto* edit = qobject_cast<const QLineEdit*>(widget))
        return edit->text();
    return {};
}

void WebhookDetailPane::showText(const QString& field, const QString& fullText, const QString& toolTip)
{
    // Whatever the server sent, a widget lays out a bounded text (Copy buttons use the webhook, not this).
    const QString text = DisplayText::elided(fullText);
    QWidget* widget = valueWidget(field);
    if (auto* label = qobject_cast<QLabel*>(widget)) {
        label->setTextFormat(Qt::PlainText);
        label->setText(text);
    } else if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
        edit->setText(text);
        edit->setCursorPosition(0);
    }
    widget->setToolTip(toolTip.isEmpty() && qobject_cast<QLineEdit*>(widget) ? text : toolTip);
    widget->setEnabled(true);
}

// Fields Daily left out, sent as null, or sent in an unexpected type, shown as such. Returns true if handled.
bool WebhookDetailPane::showAbnormal(const QString& field)
{
    QWidget* label = valueWidget(field);
    switch (m_webhook->fieldStatus(field)) {
    case Webhook::FieldStatus::Present:
        return false;
    case Webhook::FieldStatus::Missing:
        showText(field, tr("not sent by Daily"));
        label->setEnabled(false);
        return true;
    case Webhook::FieldStatus::Null:
        showText(field, tr("none"));
        label->setEnabled(false);
        return true;
    case Webhook::FieldStatus::WrongType: {
        const QJsonValue raw = m_webhook->rawValue(field);
        const QString asJson
            = QString::fromUtf8(QJsonDocument(QJsonArray {raw}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
        showText(field, tr("unexpected value: %1").arg(asJson.left(120)),
            tr("Daily sent a value of an unexpected type for this field."));
        return true;
    }
    }
    return false;
}

void WebhookDetailPane::showTime(const QString& field, const QDateTime& time)
{
    if (showAbnormal(field))
        return;
    const QString local = QLocale().toString(time.toLocalTime(), QLocale::LongFormat);
    showText(field, local, Webhook::formatTimestamp(time));
}

void WebhookDetailPane::render()
{
    if (!m_webhook)
        return;
    const Webhook& w = *m_webhook;
    if (!showAbnormal(WebhookFields::Uuid))
        showText(WebhookFields::Uuid, w.uuid);
    if (!showAbnormal(WebhookFields::Url))
        showText(WebhookFields::Url, w.url);
    if (!showAbnormal(WebhookFields::State)) {
        const QString state
            = w.isDelivering() ? QStringLiteral("✔ %1").arg(w.state) : tr("⚠ %1 (not delivering events)").arg(w.state);
        showText(WebhookFields::State, state);
    }
    if (!showAbnormal(WebhookFields::RetryType))
        showText(WebhookFields::RetryType, w.retryType);
    if (!showAbnormal(WebhookFields::EventTypes))
        showText(WebhookFields::EventTypes, w.eventTypes.isEmpty() ? tr("none") : w.eventTypes.join(QLatin1Char('\n')),
            tr("%n event type(s)", nullptr, int(w.eventTypes.size())));
    if (!showAbnormal(WebhookFields::FailedCount))
        showText(WebhookFields::FailedCount, QLocale().toString(w.failedCount));
    if (w.fieldStatus(WebhookFields::LastMomentPushed) == Webhook::FieldStatus::Null)
        showText(WebhookFields::LastMomentPushed, tr("never"));
    else
        showTime(WebhookFields::LastMomentPushed, w.lastMomentPushed);
    if (!showAbnormal(WebhookFields::DomainId))
        showText(WebhookFields::DomainId, w.domainId);
    showTime(WebhookFields::CreatedAt, w.createdAt);
    showTime(WebhookFields::UpdatedAt, w.updatedAt);

    const bool hasBasicAuth = w.fieldStatus(WebhookFields::BasicAuth) == Webhook::FieldStatus::Present;
    m_ui->basicAuthRevealButton->setEnabled(hasBasicAuth);
    m_ui->basicAuthCopyButton->setEnabled(hasBasicAuth && !w.basicAuth.isEmpty());
    if (!showAbnormal(WebhookFields::BasicAuth))
        showText(WebhookFields::BasicAuth, m_basicAuthRevealed ? w.basicAuth : masked(w.basicAuth));

    const bool hasHmac = w.fieldStatus(WebhookFields::Hmac) == Webhook::FieldStatus::Present && !w.hmac.isEmpty();
    m_ui->hmacRevealButton->setEnabled(hasHmac);
    m_ui->hmacCopyButton->setEnabled(hasHmac);
    if (!showAbnormal(WebhookFields::Hmac)) {
        showText(WebhookFields::Hmac, m_hmacRevealed ? w.hmac : masked(w.hmac));
        m_ui->hmacValue->setAccessibleDescription(
            m_hmacRevealed ? tr("HMAC secret, shown") : tr("HMAC secret, hidden"));
    }
    m_ui->uuidCopyButton->setEnabled(!w.uuid.isEmpty());
}

void WebhookDetailPane::setHmacRevealed(bool revealed)
{
    if (!m_webhook || m_webhook->hmac.isEmpty())
        revealed = false;
    const bool changed = revealed != m_hmacRevealed;
    m_hmacRevealed = revealed;
    {
        const QSignalBlocker blocker(m_ui->hmacRevealButton);
        m_ui->hmacRevealButton->setChecked(revealed);
    }
    m_ui->hmacRevealButton->setText(revealed ? tr("Hide") : tr("Reveal"));
    render();
    if (changed)
        emit hmacRevealedChanged(revealed);
}

void WebhookDetailPane::copyHmac()
{
    if (!m_webhook || m_webhook->hmac.isEmpty())
        return;
    m_secretClipboard->copy(m_webhook->hmac);
    emit copied(tr("HMAC secret copied to the clipboard.") + m_secretClipboard->clearNote());
}

void WebhookDetailPane::copyBasicAuth()
{
    if (!m_webhook || m_webhook->basicAuth.isEmpty())
        return;
    m_secretClipboard->copy(m_webhook->basicAuth);
    emit copied(tr("Basic auth credential copied to the clipboard.") + m_secretClipboard->clearNote());
}

void WebhookDetailPane::copyUuid()
{
    if (!m_webhook || m_webhook->uuid.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_webhook->uuid);
    emit copied(tr("UUID copied to the clipboard."));
}
