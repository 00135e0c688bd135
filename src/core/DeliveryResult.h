#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// What one delivery sent to a webhook URL (a test event, later a replay or a forward) found: the endpoint's answer
// or why none came. A plain value; never a QNetworkReply.
struct DeliveryResult
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryResult)

public:
    enum class Failure {
        None, // an HTTP answer arrived (whatever its status)
        UrlRefused, // the URL breaks the webhook-URL rule (UrlPolicy); nothing was sent
        ConnectionRefused,
        HostNotFound,
        Timeout, // no complete answer within the time limit
        Tls, // the secure connection failed; certificate problems are never ignored
        Network, // any other failure before an answer
        Cancelled,
    };

    QUrl url;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    qint64 latencyMs = 0; // from sending to the end of the answer (or the failure)
    QList<QPair<QByteArray, QByteArray>> answerHeaders; // as received
    QByteArray answerBody; // the first Limits::MaxDeliveryAnswerBytes of the answer
    qint64 answerBytesRead = 0; // how many bytes of the body arrived before reading ended
    qint64 announcedBytes = -1; // the answer's Content-Length, -1 without one
    bool answerCut = false; // reading stopped at the limit; the rest was not read
    QString redirectLocation; // the Location of a 3xx answer, never followed
    Failure failure = Failure::None;
    QString failureText; // one sentence, empty without a failure
    bool signedRequest = false; // the request carried X-Webhook-Signature

    // The endpoint answered with a 2xx, which is what Daily counts as delivered.
    bool accepted() const { return failure == Failure::None && httpStatus >= 200 && httpStatus < 300; }
    // "connection-refused", "timeout"…, for JSON; "" for None.
    static QString failureName(Failure failure);
    // How much of the answer is shown, when it was cut ("the first 65536 bytes of 1048576"), else "".
    QString cutNote() const;
};
