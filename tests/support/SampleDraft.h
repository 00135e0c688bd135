#pragma once

#include "WebhookDraft.h"

#include <QByteArray>
#include <QUrl>

// The drafts tests send again and again.
class SampleDraft
{
public:
    // https://example.com/hook with two recording events; nothing else set.
    static WebhookDraft example();
    // example() as Daily receives it: exact bytes of the request body.
    static QByteArray exampleBody();
    // A webhook for `url` with the one event meeting.started, as a first create against the sandbox would send.
    static WebhookDraft deliveringTo(const QUrl& url);
};
