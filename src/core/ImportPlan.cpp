#include "ImportPlan.h"

#include <QSet>

#include <algorithm>

QList<ImportPlan::Step> ImportPlan::make(
    const QList<WebhookExport::Entry>& entries, const QList<Domain>& saved, const QString& into)
{
    QList<Step> steps;
    QSet<QString> taken; // domain ids an earlier entry goes to
    for (const WebhookExport::Entry& entry : entries) {
        Step step;
        step.entry = entry;
        step.domainName = Domain::normalizedName(into).isEmpty() ? entry.domain : Domain::normalizedName(into);
        const QString folded = Domain::foldedName(step.domainName);
        const auto found = std::find_if(saved.cbegin(), saved.cend(),
            [&folded](const Domain& domain) { return Domain::foldedName(domain.name) == folded; });
        if (found == saved.cend()) {
            step.problem = Step::Problem::NoSuchDomain;
        } else {
            step.domainName = found->name;
            if (taken.contains(found->id)) {
                step.problem = Step::Problem::DomainTaken;
            } else {
                taken.insert(found->id);
                step.domain = *found;
            }
        }
        steps.append(step);
    }
    return steps;
}
