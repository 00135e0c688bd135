#pragma once

#include <QtGlobal>

// Every bound the app puts on what it reads, stores or accepts, in one place, so the README's Security section,
// the code and the tests name the same numbers. Daily's largest answer is one webhook per domain (about 1 KiB),
// its API keys are 64 characters: these limits leave wide room for real data and none for a hostile server.
namespace Limits {

// An answer of Daily's API is read up to this size and refused beyond it, while it is read.
constexpr qint64 MaxApiAnswerBytes = 4 * 1024 * 1024;

// API keys: printable ASCII without spaces (they travel in an HTTP header), at most this long.
constexpr int MaxApiKeyLength = 256;

// Domain names: one line of text without control or bidirectional-override characters, at most this long.
constexpr int MaxDomainNameLength = 100;

// A webhook URL the user gives, and any string value the audit log keeps.
constexpr int MaxWebhookUrlLength = 4096;
constexpr int MaxAuditStringLength = 4096;
// Lists the audit log keeps (event types): Daily has 32 event types.
constexpr int MaxAuditListItems = 64;
// A webhook's uuid as the audit log's column keeps it: Daily's are 36 characters.
constexpr int MaxAuditUuidLength = 64;

// The longest wait `daily-webhooks-cli --timeout SECONDS` accepts (for the keychain and Daily's API).
constexpr int MaxTimeoutSeconds = 3600;

// What `--verbose` and the details views show of a body before saying how much they left out.
constexpr int MaxShownBodyBytes = 4 * 1024;
// What a table cell, a label or a tooltip shows of one value (a URL, a name) before an ellipsis.
constexpr int MaxDisplayedTextLength = 2048;

// What the sandbox's HTTP front accepts (and a local receiver may reuse): a request body of at most this many
// bytes (Daily's largest request, a webhook's fields, is under 5 KiB), announced by Content-Length; a request
// head (request line and headers) of at most this many bytes; the whole request within this many milliseconds;
// at most this many connections being read at once.
constexpr qint64 MaxRequestBodyBytes = 1024 * 1024;
constexpr qint64 MaxRequestHeadBytes = 16 * 1024;
constexpr int RequestReadDeadlineMs = 10 * 1000;
constexpr int MaxConnectionsBeingRead = 32;
// How much of a request's path, uuid or other input an error answer quotes before cutting it with "…".
constexpr int MaxEchoedRequestChars = 200;

// What a test event, a replay or a forward keeps of the answer of the endpoint it was sent to; the rest is not
// read (the connection is closed) and the result says the answer was cut and how much arrived.
constexpr qint64 MaxDeliveryAnswerBytes = 64 * 1024;

// "Copy as curl" puts a text body of at most this many bytes on the command line itself (--data-raw); a longer one
// is piped in from printf, since Linux refuses a single argument over 128 KiB to a program it starts.
constexpr qint64 MaxCurlInlineBodyBytes = 64 * 1024;

// How long a copied secret stays on the clipboard unless the user chose otherwise (0 = until replaced).
constexpr int DefaultClipboardClearSeconds = 30;

// The local receiver of deliveries: a delivery's X-Webhook-Timestamp may be this far from the time it arrived
// (either way) before its signature verdict is "timestamp outside the tolerance"; the store keeps at most this
// many deliveries unless told otherwise, dropping the oldest first. A delivery's body is capped at
// MaxRequestBodyBytes (Daily's largest event is a few KiB).
constexpr int DefaultSignatureToleranceSeconds = 5 * 60;
constexpr int DefaultMaxStoredDeliveries = 100 * 1000;
// What Settings accepts for them: a tolerance of a second to a day; from 100 to a million stored deliveries (a
// million of Daily's few-KiB deliveries is a few GiB on disk).
constexpr int MaxSignatureToleranceSeconds = 24 * 60 * 60;
constexpr int MinStoredDeliveries = 100;
constexpr int MaxStoredDeliveries = 1000 * 1000;
// The longest the receiver may be told to wait before answering (Daily gives up after a few seconds).
constexpr int MaxReceiverDelayMs = 60 * 1000;
// What the Deliveries window shows of a body as raw bytes (a hex dump of 1 MiB would be 4.5 MB of text); Copy
// body copies all of it.
constexpr int MaxShownDeliveryBodyBytes = 256 * 1024;
// The Deliveries list reads this many rows at a time as it is scrolled; when more than this many arrive at once
// from another program, it reads again from the newest instead of inserting them one by one.
constexpr int DeliveryListPageRows = 200;
// The most rows the Deliveries list keeps as deliveries arrive on top (a receiver left running would otherwise
// grow the list without end); the oldest of them leave it and are read again when scrolled to.
constexpr int DeliveryListMaxLiveRows = 5000;

} // namespace Limits
