#pragma once

#include "DeliveryVerifier.h"
#include "StoredDelivery.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

class DeliveryStore;

// A local endpoint for webhook deliveries: an HTTP server behind HttpRequestGate that stores every request it
// gets in a DeliveryStore, with DeliveryVerifier's verdicts, and only then answers (after the chosen delay, with
// the chosen status, or not at all). Daily's verification ping is always answered 200 at once, so a webhook can
// be created pointing here. What the gate refuses (a body over the cap: 413; a malformed head: 400; a request
// that does not arrive whole in time: 408) is stored too, before the gate answers. A request whose row cannot be
// stored is answered 500, never 200. Requests that arrive together (read in one turn of the event loop) are
// committed together, in one transaction, and each is answered only after that commit.
class Receiver : public QObject
{
    Q_OBJECT

public:
    // The status that means: close the connection without answering.
    static constexpr int NoAnswer = 0;

    explicit Receiver(DeliveryStore* store, QObject* parent = nullptr);
    ~Receiver() override;

    void setVerifier(const DeliveryVerifier& verifier);
    // 200, any 4xx or 5xx, or NoAnswer.
    void setAnswerStatus(int status);
    int answerStatus() const;
    static bool isAnswerStatus(int status);
    // How long to wait after storing before answering (the event loop keeps running meanwhile).
    void setDelayMs(int ms);
    void setMaxBodyBytes(qint64 bytes);

    enum class ForwardAnswer {
        AppStatus, // the app's status and body; 502 when it gave no answer
        Always200, // 200 once the app's answer (or its failure) is recorded
    };
    // Forwards to `url` (checked with UrlPolicy::forwardUrlProblem by the caller); an empty URL forwards nothing.
    void setForwardUrl(const QUrl& url);
    QUrl forwardUrl() const;
    void setForwardAnswer(ForwardAnswer answer);
    // How long the app may take to answer a forward (DeliverySender::DefaultTimeoutMs unless set).
    void setForwardTimeoutMs(int ms);

    // Listens on `address` (callers pass 127.0.0.1 unless the user asked for another address, and then warn),
    // `port` 0 for a free one.
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    QHostAddress address() const;
    static bool isLoopback(const QHostAddress& address);

signals:
    // A request was stored (committed); its answer goes out after this.
    void stored(const StoredDelivery& delivery);
    // A forwarded request's forward was recorded (the forward* fields and the status answered); its answer goes
    // out after this.
    void forwarded(const StoredDelivery& delivery);
    // A request could not be stored (it is answered 500, or was answered by the gate).
    void storeFailed(const QString& problem);

private:
    class Private;
    std::unique_ptr<Private> d;
};
