#pragma once

#include "CliCommand.h"
#include "DeliveryReplay.h"
#include "DeliveryResult.h"
#include "DeliveryStore.h"
#include "ExitCode.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class DeliverySender;
class QNetworkAccessManager;
class QSocketNotifier;
class Receiver;

// The testing lab's verbs: `receive` runs the receiver until SIGINT or SIGTERM, printing one line (or one JSON
// object) per request it stored; `deliveries` lists what is stored, `deliveries show` prints one row whole (or as a
// curl command, DeliveryCurl) and `deliveries replay` sends one again (DeliveryReplay, DeliverySender). All use the
// database the desktop app uses (AppIdentity::deliveryStorePath).
class CliDeliveryCommands : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(ExitCode)>;

    explicit CliDeliveryCommands(QObject* parent = nullptr);
    ~CliDeliveryCommands() override;

    // How long a replay waits for the endpoint's answer (DeliverySender::DefaultTimeoutMs unless set).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Runs receive, deliveries, deliveries show or deliveries replay; `done` follows exactly once.
    void run(const CliCommand& command, Done done);

    // One stored delivery for people: time, method, path, event type, verdicts, status (and the problem).
    static QString line(const StoredDelivery& delivery);
    // One stored delivery for machines (--json), without headers and body.
    static QJsonObject json(const StoredDelivery& delivery);
    // One stored delivery whole for people (deliveries show): what is known of it, then the request as received,
    // bytes that are not printable text written as \xNN so that nothing a sender put there reaches the terminal.
    static QString details(const StoredDelivery& delivery);
    // The same for machines: json() with the header fields and the body (exactly, in base64; as text when it is
    // UTF-8).
    static QJsonObject detailsJson(const StoredDelivery& delivery);

private:
    void receive();
    void list();
    void show();
    void replay();
    void printReplay(
        const StoredDelivery& delivery, const DeliveryReplay::Result& replay, const DeliveryResult& result);
    // The row the command names, whole; nothing (after failing with a sentence) when there is none.
    std::optional<StoredDelivery> load();
    void stop();
    void finish(ExitCode code);
    void fail(ExitCode code, const QString& sentence);

    CliCommand m_command;
    Done m_done;
    DeliveryStore m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<DeliverySender> m_sender;
    int m_timeoutMs = 0;
    QSocketNotifier* m_stopNotifier = nullptr;
};
