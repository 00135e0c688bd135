#pragma once

#include "DeliveryRequest.h"
#include "DeliveryResult.h"
#include "HttpHeaders.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

// One HTTP/1.1 request sent exactly as a DeliveryRequest with an exactTarget says (the request line's target and
// the header fields byte for byte), on its own connection (TLS for https, certificate problems never ignored),
// and its answer read into a DeliveryResult: status, header fields, the first Limits::MaxDeliveryAnswerBytes of
// the body (Content-Length, chunked or until close; the rest not read), a 3xx's Location never followed, or why
// no answer came, all within the timeout. finished() follows exactly once, on the event loop.
class ExactHttpExchange : public QObject
{
    Q_OBJECT

public:
    // What the bytes received so far make of an answer.
    struct AnswerReading
    {
        enum class Outcome { Incomplete, Complete, Malformed };
        Outcome outcome = Outcome::Incomplete;
        int status = 0;
        HttpHeaders::List headers;
        QByteArray body; // at most Limits::MaxDeliveryAnswerBytes, chunked framing removed
        qint64 bodyBytes = 0; // of the body, how many arrived
        qint64 announced = -1; // Content-Length, -1 without
        bool cut = false; // more than MaxDeliveryAnswerBytes arrived: reading stops
    };

    ExactHttpExchange(const DeliveryRequest& request, DeliveryResult started, int timeoutMs, QObject* parent = nullptr);
    ~ExactHttpExchange() override;

    // The bytes written: request line, the fields, Host, Content-Length, Connection: close, the body.
    static QByteArray requestBytes(const DeliveryRequest& request);
    // Reads the answer at the start of `bytes` (interim 1xx answers skipped); `closed`: the server closed the
    // connection, which ends a body without length. `headRequest`: an answer to HEAD has no body.
    static AnswerReading readAnswer(const QByteArray& bytes, bool closed, bool headRequest = false);

public slots:
    void cancel();

signals:
    void finished(const DeliveryResult& result);

private:
    void onReadyRead();
    void onDisconnected();
    void onError();
    void conclude(const AnswerReading& reading);
    void fail(DeliveryResult::Failure failure, const QString& text);
    void finish();

    QPointer<QTcpSocket> m_socket;
    QByteArray m_request;
    QByteArray m_received;
    bool m_headRequest = false;
    QTimer m_timer;
    QElapsedTimer m_clock;
    DeliveryResult m_result;
    bool m_finished = false;
};
