#pragma once

#include "DeliveryReplay.h"
#include "DeliveryResult.h"
#include "StoredDelivery.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class DeliverySender;
class PendingDelivery;
class QLabel;
namespace Ui {
class DeliveryReplayDialog;
}

// "Replay…" of the Deliveries window: one stored delivery sent again to a URL (the forward's rule, checked as
// typed), as received or re-signed with a fresh timestamp and a secret typed here, with an optional basic auth
// credential to put back the Authorization the store keeps redacted. The request is DeliveryReplay's (receiver),
// sent by the DeliverySender on the event loop: the window never waits. Shows the status, latency and the answer's
// start, or the failure as a sentence, and what became of Authorization. A delivery that cannot be replayed, a URL
// or secret that would be refused, keep Send off with the reason; the fields keep what was typed after any error.
// Secrets are masked until shown and exist only in the fields (never stored, logged or shown in a result).
class DeliveryReplayDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DeliveryReplayDialog(DeliverySender* sender, QWidget* parent = nullptr);
    ~DeliveryReplayDialog() override;

    void setDelivery(const StoredDelivery& delivery);
    qint64 deliveryId() const { return m_delivery.id; }
    void setUrl(const QString& url);
    QString url() const;

    // Why Send is off now (the delivery, the URL, the secret or the credential as typed), or empty.
    QString sendProblem() const;
    bool isBusy() const { return !m_pending.isNull(); }

    void reject() override;

public slots:
    void send();

signals:
    // The user typed in the URL field (not setUrl).
    void urlEdited(const QString& url);
    // The answer (or the failure) is shown.
    void sendFinished(const DeliveryResult& result);

private:
    void updateProblems();
    void showResult(const DeliveryResult& result);
    QByteArray authorization() const;
    QString urlProblem() const;
    QString secretProblem() const;
    QString basicAuthProblem() const;

    std::unique_ptr<Ui::DeliveryReplayDialog> m_ui;
    DeliverySender* m_sender;
    StoredDelivery m_delivery;
    QPointer<PendingDelivery> m_pending;
};
