#include "BulkDomainParser.h"

#include "Profile.h"

#include <QHash>

namespace {

bool isHeader(const QString& name, const QString& key)
{
    return name.compare(QLatin1String("name"), Qt::CaseInsensitive) == 0
        && key.compare(QLatin1String("key"), Qt::CaseInsensitive) == 0;
}

} // namespace

BulkDomainParser::Result BulkDomainParser::parse(const QString& text, const QStringList& existingNames)
{
    QString normalized = text;
    if (normalized.startsWith(QChar(0xFEFF)))
        normalized.remove(0, 1);
    normalized.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    normalized.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = normalized.split(QLatin1Char('\n'));

    Result result;
    QHash<QString, int> seen; // folded name -> line where it first appeared
    bool contentSeen = false;
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const bool firstContent = !contentSeen;
        contentSeen = true;

        // Messages below name the line and, where useful, the domain name, but never quote the line itself:
        // a line without a comma may well be a bare key.
        const auto report = [&result, lineNumber](const QString& problem) {
            result.problems.append({lineNumber, tr("Line %1: %2").arg(QString::number(lineNumber), problem)});
        };
        const qsizetype comma = line.indexOf(QLatin1Char(','));
        if (comma < 0) {
            report(tr("There is no comma; write the domain name, a comma, then its API key."));
            continue;
        }
        const QString name = line.left(comma).trimmed();
        const QString key = line.mid(comma + 1).trimmed();
        if (firstContent && isHeader(name, key))
            continue;
        if (key.contains(QLatin1Char(','))) {
            report(tr("There is more than one comma; write only the domain name, a comma, then its API key."));
            continue;
        }
        if (name.isEmpty()) {
            report(tr("The domain name before the comma is missing."));
            continue;
        }
        if (key.isEmpty()) {
            report(tr("The API key after the comma is missing."));
            continue;
        }
        const QString folded = name.toCaseFolded();
        const auto previous = seen.constFind(folded);
        if (previous != seen.constEnd()) {
            report(tr("The name \"%1\" already appears on line %2.").arg(name, QString::number(previous.value())));
            continue;
        }
        const QString nameProblem = Profile::nameProblem(name, existingNames);
        if (!nameProblem.isEmpty()) {
            report(nameProblem);
            continue;
        }
        const QString keyProblem = Profile::apiKeyProblem(key);
        if (!keyProblem.isEmpty()) {
            report(keyProblem);
            continue;
        }
        seen.insert(folded, lineNumber);
        result.entries.append({lineNumber, name, key});
    }
    return result;
}
