#pragma once

#include "DeliveryStore.h"
#include "DeliveryVerifier.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

class AppSettings;
class DeliveryListModel;
class DeliveryReplayDialog;
class DeliverySender;
class DomainStates;
class QHBoxLayout;
class QNetworkAccessManager;
class Receiver;
struct StoredDelivery;
namespace Ui {
class DeliveriesWindow;
}

// The testing lab's receiver in the window: Start/Stop a Receiver on 127.0.0.1 (port from Settings), the answer
// it gives (status, delay) or the app it forwards to, the stored deliveries as a lazy list (DeliveryListModel)
// with filters and a count, and the selected one in detail (summary with each verdict's reason, headers, body as
// indented JSON or raw bytes, the app's answer). Signatures are checked with the secrets of the webhooks the app
// knows that point here (KnownWebhookSecrets, followed as DomainStates changes) and those the user adds (memory
// only). Made on first use, so neither the database nor the receiver cost anything at start-up; closing the
// window leaves the receiver running (a webhook pointing here keeps being answered) until Stop or quitting.
// The shown delivery can be copied as a curl command (DeliveryCurl) or replayed (DeliveryReplayDialog) to the
// "Replay to" URL: the one typed beside the buttons, else the forward URL when set, else this receiver.
class DeliveriesWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `storePath`: the deliveries database (AppIdentity::deliveryStorePath for the user), shared with
    // daily-webhooks-cli receive.
    DeliveriesWindow(AppSettings* settings, DomainStates* states, const QString& storePath, QWidget* parent = nullptr);
    ~DeliveriesWindow() override;

    // The port the next Start listens on instead of Settings' (0: a free one, for tests).
    void setPortOverride(std::optional<quint16> port);
    bool isReceiving() const;
    // The port listened on, or 0 when stopped.
    quint16 port() const;
    // http://127.0.0.1:PORT/ (the port of the next Start when stopped).
    QString receiverUrl() const;
    DeliveryListModel* model() const { return m_model; }
    // The secrets the receiver checks with now (never shown; for tests): known webhooks', then the user's.
    DeliveryVerifier verifier() const;
    // Where the detail's action buttons go, after Copy body.
    QHBoxLayout* detailButtons() const;
    // The delivery shown in detail; 0 when none.
    qint64 shownId() const { return m_shownId; }
    // Sends replays; the window makes its own (on a QNetworkAccessManager of its own) unless given the app's.
    void setDeliverySender(DeliverySender* sender);
    // Where Copy as curl and Replay… send the shown delivery: the Replay to field, else the valid forward URL,
    // else the receiver's URL.
    QString replayUrl() const;
    // The Replay dialog, once opened.
    DeliveryReplayDialog* replayDialog() const { return m_replayDialog; }

public slots:
    bool start();
    void stop();
    // The Settings' values that apply at once: deliveries kept, tolerance, the URL of the next Start.
    void applySettings();
    // Selects the row of delivery `id`, when it is listed.
    bool selectDelivery(qint64 id);
    void copyAsCurl();
    void openReplay();

signals:
    void receivingChanged(bool receiving);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showMessage(const QString& text, bool problem);
    void updateControls();
    void updateCount();
    void updateForward();
    void rebuildVerifier();
    void applyFilter();
    void addSecret();
    void removeSecret();
    void showSelected();
    void showDelivery(const std::optional<StoredDelivery>& delivery);
    void showBody();
    void clearDetail(const QString& title);
    void updateReplayPlaceholder();
    DeliverySender* deliverySender();
    quint16 plannedPort() const;

    std::unique_ptr<Ui::DeliveriesWindow> m_ui;
    AppSettings* m_settings;
    DomainStates* m_states;
    DeliveryStore m_store;
    QString m_storeProblem;
    DeliveryListModel* m_model;
    std::unique_ptr<Receiver> m_receiver;
    std::optional<quint16> m_portOverride;
    QList<DeliveryVerifier::Candidate> m_addedSecrets; // memory only
    QTimer m_searchDelay; // typing a search reads the store once the typing pauses
    QTimer m_refreshTimer; // rows written by another program
    qint64 m_shownId = 0;
    QByteArray m_shownBody;
    DeliverySender* m_sender = nullptr;
    QNetworkAccessManager* m_ownNetwork = nullptr; // only when no sender was given
    DeliveryReplayDialog* m_replayDialog = nullptr;
};
