#pragma once

#include "Domain.h"
#include "WebhookExport.h"

#include <QList>
#include <QString>

#include <optional>

// Where each configuration of an export file goes when it is imported into saved domains: the one domain chosen
// for all of them, or else the domain each entry names (compared as domain names are, ignoring case); and at most
// one configuration per domain, since Daily allows one webhook per domain and a second would silently replace the
// first. The window and the command line both import through this and word the problems their own way.
class ImportPlan
{
public:
    struct Step
    {
        enum class Problem {
            None,
            NoSuchDomain, // no saved domain has that name
            DomainTaken, // an earlier entry of the file already goes to that domain
        };

        WebhookExport::Entry entry;
        QString domainName; // the saved domain's name when found, else the name looked for
        std::optional<Domain> domain; // set exactly when problem is None
        Problem problem = Problem::None;
    };

    // One step per entry, in file order. A non-blank `into` sends every entry to that domain.
    static QList<Step> make(
        const QList<WebhookExport::Entry>& entries, const QList<Domain>& saved, const QString& into = QString());
};
