#include "AuditHistory.h"

#include "Limits.h"

AuditHistory::AuditHistory(QObject* parent)
    : QObject(parent)
{ }

AuditHistory::~AuditHistory() = default;

QList<AuditEntry> AuditHistory::entriesOf(const QString& domainId, const QString& name, int limit) const
{
    if (!domainId.isEmpty())
        return entries(domainId, limit);
    QList<AuditEntry> found = entries(QString(QLatin1String("")), 0);
    found.removeIf([&name](const AuditEntry& entry) { return entry.domainName != name; });
    if (limit > 0 && found.size() > limit)
        found.resize(limit);
    return found;
}

QString AuditHistory::whyNotRecreatable(const AuditEntry& entry)
{
    if (!entry.before) {
        return tr("Entry %1 records a %2, which has no earlier configuration to recreate.")
            .arg(entry.id)
            .arg(AuditEntry::actionName(entry.action));
    }
    if (entry.beforeTruncated) {
        return tr("Entry %1 cannot be recreated: its configuration was larger than the audit log keeps (%2 "
                  "characters per value, %3 event types), so only part of it was recorded, and recreating a cut URL "
                  "or event list would make a different webhook.")
            .arg(entry.id)
            .arg(Limits::MaxAuditStringLength)
            .arg(Limits::MaxAuditListItems);
    }
    return {};
}
