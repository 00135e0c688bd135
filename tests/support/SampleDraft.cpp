#include "SampleDraft.h"

WebhookDraft SampleDraft::example()
{
    WebhookDraft draft;
    draft.url = QStringLiteral("https://example.com/hook");
    draft.eventTypes = QStringList {QStringLiteral("recording.started"), QStringLiteral("recording.ready-to-download")};
    return draft;
}

QByteArray SampleDraft::exampleBody()
{
    return QByteArrayLiteral("{\"eventTypes\":[\"recording.started\",\"recording.ready-to-download\"],\"url\":\"https:/"
                             "/example.com/hook\"}");
}

WebhookDraft SampleDraft::deliveringTo(const QUrl& url)
{
    WebhookDraft draft;
    draft.url = url.toString();
    draft.eventTypes = QStringList {QStringLiteral("meeting.started")};
    return draft;
}
