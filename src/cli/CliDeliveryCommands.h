#pragma once

#include "CliCommand.h"
#include "DeliveryStore.h"
#include "ExitCode.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QSocketNotifier;
class Receiver;

// The testing lab's verbs: `receive` runs the receiver until SIGINT or SIGTERM, printing one line (or one JSON
// object) per request it stored; `deliveries` lists what is stored. Both use the database the desktop app uses
// (AppIdentity::deliveryStorePath).
class CliDeliveryCommands : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(ExitCode)>;

    explicit CliDeliveryCommands(QObject* parent = nullptr);
    ~CliDeliveryCommands() override;

    // Runs receive or deliveries; `done` follows exactly once.
    void run(const CliCommand& command, Done done);

    // One stored delivery for people: time, method, path, event type, verdicts, status (and the problem).
    static QString line(const StoredDelivery& delivery);
    // One stored delivery for machines (--json), without headers and body.
    static QJsonObject json(const StoredDelivery& delivery);

private:
    void receive();
    void list();
    void stop();
    void finish(ExitCode code);
    void fail(ExitCode code, const QString& sentence);

    CliCommand m_command;
    Done m_done;
    DeliveryStore m_store;
    std::unique_ptr<Receiver> m_receiver;
    QSocketNotifier* m_stopNotifier = nullptr;
};
