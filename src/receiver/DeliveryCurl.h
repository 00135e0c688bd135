#pragma once

#include "StoredDelivery.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

// "Copy as curl": a POSIX sh command line that sends a stored delivery again with curl, exactly as
// DeliveryReplay::asReceived would send it to the same URL: the method, the stored path and query appended to the
// URL's path byte for byte (--path-as-is, --globoff; --request-target when the target holds a '#', which curl
// would otherwise cut off), every stored header field in its order (hop-by-hop ones left out, as a replay does),
// the body's bytes, HTTP/1.1. The headers curl adds of its own accord (User-Agent, Accept, a form Content-Type,
// Expect) are switched off unless the delivery had them.
//
// Every word is quoted for sh: single quotes for text, and bytes that are not plain text (control characters,
// invalid UTF-8) written by printf from octal escapes, so the command survives copying, pasting and any shell of
// the POSIX family. A body that is plain text and short enough goes on the command line (--data-raw); any other
// body (a NUL, CR, bytes that are not UTF-8, more than Limits::MaxCurlInlineBodyBytes) is piped in from printf
// (--data-binary @-). Pure: nothing is sent.
class DeliveryCurl
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryCurl)

public:
    // The command for `delivery` sent to `base` (the URL rule of a replay: https, or http on this machine; no
    // credentials, query or fragment), ending with a newline; empty when `problem` has a reason. The stored
    // Authorization goes out as "[redacted]", a placeholder to edit, unless `authorizationValue` gives the whole
    // value to reveal ("Basic dXNlcjpwYXNz"); a delivery without one gets it added.
    static QString command(const StoredDelivery& delivery, const QUrl& base, const QByteArray& authorizationValue = {},
        QString* problem = nullptr);

    // `bytes` as one sh word: bare when it holds only characters no shell reads specially, in single quotes when
    // it is printable UTF-8, else "$(printf '…')". Not for bytes with a NUL or ending with a newline (a command
    // substitution drops them); header fields and request targets have neither.
    static QString shellWord(const QByteArray& bytes);
    // `bytes` as a printf format in single quotes that writes them back exactly: octal escapes for everything but
    // printable ASCII, '%' doubled.
    static QString printfFormat(const QByteArray& bytes);
};
