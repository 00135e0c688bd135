#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// The rules for the two kinds of URL this app sends something to, in one place for every entry point (flags,
// environment, settings, dialogs, the client itself):
// - an API base URL receives the API key, so it must be https://, or http:// on this computer only (localhost,
//   127.0.0.0/8, ::1), and carry no user name or password;
// - a webhook URL is where Daily delivers events: the same https rule (Daily cannot reach this computer, but the
//   sandbox and a local receiver can), no credentials in it (that is what Basic auth is for), a bounded length.
class UrlPolicy
{
    Q_DECLARE_TR_FUNCTIONS(UrlPolicy)

public:
    // localhost, 127.0.0.0/8 and ::1 (also as ::ffff:127.x.y.z).
    static bool isLoopbackHost(const QString& host);

    // The problem with an API base URL as one sentence that says why, or an empty string.
    static QString apiBaseProblem(const QUrl& url);
    // The same for text typed or passed in the environment; it is parsed strictly first.
    static QString apiBaseProblem(const QString& text);

    // The problem with a webhook URL as typed, or an empty string.
    static QString webhookUrlProblem(const QString& text);
    // The problem with a URL the receiver forwards deliveries to, or a stored delivery is replayed to (the
    // webhook-URL rule; no query or fragment, since the delivery's own path and query are appended to its path), or
    // an empty string.
    static QString forwardUrlProblem(const QString& text);
    // A remark about an acceptable webhook URL that still deserves one (plain http on this computer), or empty.
    static QString webhookUrlNote(const QString& text);

    // The webhook URL as it goes on the wire: unchanged when it is ASCII; otherwise fully encoded, so an
    // internationalised host name travels in its ASCII (punycode) form and other characters percent-encoded.
    static QString wireForm(const QString& url);
};
