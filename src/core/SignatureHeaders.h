#pragma once

#include <QByteArray>
#include <QString>

// The two signature headers of a delivery (X-Webhook-Timestamp, X-Webhook-Signature) found in text a person
// pasted from wherever their receiver showed them: raw header lines ("X-Webhook-Signature: …"), curl's
// -H '…' arguments, a JSON or Python dict of headers ("x-webhook-timestamp": "…", as Node and most frameworks
// log them, lower-cased), a Ruby hash (=>), or CGI-style names (HTTP_X_WEBHOOK_SIGNATURE = …). Names match in any
// case, with '-' or '_'; the first of each wins, as HttpHeaders::value reads a request. Values are taken without
// the quotes and separators around them and are otherwise kept as written: the signature checker must see what
// was received, a "sha256=" prefix included.
struct SignatureHeaders
{
    QByteArray timestamp; // empty when none was found
    QByteArray signature; // likewise

    bool isEmpty() const { return timestamp.isEmpty() && signature.isEmpty(); }
    bool isComplete() const { return !timestamp.isEmpty() && !signature.isEmpty(); }

    static SignatureHeaders fromPastedText(const QString& text);
};
