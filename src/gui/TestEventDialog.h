#pragma once

#include "DeliveryResult.h"
#include "TestEventOutcome.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

class DeliverySender;
class PendingDelivery;
class QLabel;
class SecretClipboard;
class TestEvent;
class TestEventBatch;
namespace Ui {
class TestEventDialog;
}

// "Send a test event": one of Daily's 32 event types with its editable sample payload, sent as Daily sends it
// (TestEvent, signed through DeliveryRequest) to a URL with an HMAC secret and basic auth, prefilled from a webhook
// or from the create form, or typed. Shows the answer's status, latency and start, a redirect reported (never
// followed) and a failure as a sentence; "Send one of each" runs a TestEventBatch and fills one row per type as
// the answers come. Sending is the DeliverySender's (core), on the event loop: the window never waits. Whatever
// happens, the form keeps what was typed; secrets are masked until shown and copied through the SecretClipboard.
class TestEventDialog : public QDialog
{
    Q_OBJECT

public:
    enum BatchColumn { TypeColumn, StatusColumn, LatencyColumn, VerdictColumn, BatchColumnCount };

    explicit TestEventDialog(DeliverySender* sender, QWidget* parent = nullptr);
    ~TestEventDialog() override;

    // Where to send and with which secrets, as a webhook or the create form holds them; `source` says where they
    // come from ("the webhook of production"), shown above the form; empty shows nothing.
    void setTarget(const QString& url, const QString& hmac, const QString& basicAuth, const QString& source = {});
    void setEventType(const QString& type);
    QString eventType() const;
    // The clipboard the secret fields copy through; the dialog has one of its own until the window shares its own.
    void setSecretClipboard(SecretClipboard* clipboard);

    // Why Send is off now (the payload, URL, secret or basic auth as typed), or empty when it may send.
    QString sendProblem() const;
    // Likewise for "Send one of each", which sends the catalog's samples and ignores the payload field.
    QString sendAllProblem() const;
    bool isBusy() const;

    void reject() override;

public slots:
    void send();
    void sendOneOfEach();
    void cancelSending();
    void resetSample();

signals:
    // The single event's answer (or failure) is shown.
    void sendFinished(const DeliveryResult& result);
    // Every row of "one of each" is filled (cancel included).
    void batchFinished(const QList<TestEventOutcome>& outcomes);

private:
    void fillTypes();
    void showTypeDescription();
    void updateProblems();
    void setBusy(bool busy, const QString& status);
    std::optional<TestEvent> currentEvent() const;
    void showResult(const QString& id, const DeliveryResult& result);
    void showOutcome(int row, const TestEventOutcome& outcome);
    void showBatchSummary();
    void showProblem(QLabel* label, const QString& text, bool warning = true);

    std::unique_ptr<Ui::TestEventDialog> m_ui;
    DeliverySender* m_sender;
    SecretClipboard* m_secretClipboard = nullptr;
    TestEventBatch* m_batch;
    QPointer<PendingDelivery> m_pending;
    QString m_pendingId;
    int m_batchDone = 0;
    QString m_payloadType; // the type whose sample the payload field was last reset to
};
