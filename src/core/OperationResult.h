#pragma once

#include "ApiError.h"
#include "Webhook.h"

#include <QList>
#include <QString>

#include <optional>

// What one webhook operation produced, as plain values. A change that was made has `after` (or, for a delete,
// `before` and no error); an error can still come with both, when Daily made the change but the outcome is not
// what was asked for (a reactivation that left the webhook not delivering).
struct OperationResult
{
    ApiError error; // kind None on success
    std::optional<Webhook> before; // the webhook as it was before the change (update, reactivate, delete, import)
    std::optional<Webhook> after; // as Daily answered after the change, or as read (get)
    QList<Webhook> webhooks; // list
    // The change was made, but the audit log could not record it (or not its secrets): one sentence. Never makes
    // the operation fail.
    QString auditProblem;
    // The operation stopped before anything was sent, for a reason on this computer (a history entry that cannot
    // be recreated): one sentence.
    QString problem;
    // The operation went on despite this (a recreated webhook without its old secrets): one sentence.
    QString warning;
    qint64 elapsedMs = 0; // of the call that made the change (or read)

    bool ok() const { return !error.isError() && problem.isEmpty(); }
};
