#include "BulkDomainParser.h"

#include "Domain.h"

#include <QByteArrayView>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>

namespace {

bool isHeader(const QString& name, const QString& key)
{
    return name.compare(QLatin1String("name"), Qt::CaseInsensitive) == 0
        && key.compare(QLatin1String("key"), Qt::CaseInsensitive) == 0;
}

} // namespace

BulkDomainParser::Result BulkDomainParser::parse(const QByteArray& input, const QStringList& existingNames)
{
    QByteArrayView data(input);
    if (data.startsWith("\xEF\xBB\xBF"))
        data = data.sliced(3);

    // Folded once, so a long input against many domains stays linear.
    QHash<QString, QString> taken; // folded name -> the existing domain's name
    for (const QString& name : existingNames)
        taken.insert(Domain::foldedName(name), name);

    Result result;
    QHash<QString, int> seen; // folded name -> line where it first appeared
    bool contentSeen = false;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= data.size()) {
        // A line ends at LF, CR LF or a lone CR. These bytes never occur inside a multi-byte UTF-8 sequence, so
        // the input can be cut into lines before it is decoded.
        qsizetype end = start;
        while (end < data.size() && data.at(end) != '\n' && data.at(end) != '\r')
            ++end;
        const QByteArrayView raw = data.sliced(start, end - start);
        start = end + 1;
        if (end + 1 < data.size() && data.at(end) == '\r' && data.at(end + 1) == '\n')
            ++start;
        ++lineNumber;

        // Messages below name the line and, where useful, the domain name, but never quote the line itself:
        // a line without a comma may well be a bare key, and a binary one anything at all.
        const auto report = [&result, lineNumber](const QString& problem) {
            result.problems.append({lineNumber, tr("Line %1: %2").arg(QString::number(lineNumber), problem)});
        };
        const bool hasControlBytes = std::any_of(raw.begin(), raw.end(), [](char byte) {
            const auto b = static_cast<unsigned char>(byte);
            return (b < 0x20 && b != '\t') || b == 0x7F;
        });
        if (hasControlBytes) {
            contentSeen = true;
            report(tr("The line holds control characters such as NUL, so it is not name,key text."));
            continue;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder(raw);
        if (decoder.hasError()) {
            contentSeen = true;
            report(tr("The line is not valid UTF-8 text; save the file as UTF-8."));
            continue;
        }

        const QString line = decoded.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const bool firstContent = !contentSeen;
        contentSeen = true;

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
        // The name is checked on its own first: only a name that passed may be quoted in a message.
        const QString nameProblem = Domain::nameFormatProblem(name);
        if (!nameProblem.isEmpty()) {
            report(nameProblem);
            continue;
        }
        const QString folded = Domain::foldedName(name);
        const auto previous = seen.constFind(folded);
        if (previous != seen.constEnd()) {
            report(tr("The name \"%1\" already appears on line %2.").arg(name, QString::number(previous.value())));
            continue;
        }
        const auto existing = taken.constFind(folded);
        if (existing != taken.constEnd()) {
            report(Domain::nameTakenProblem(existing.value()));
            continue;
        }
        const QString keyProblem = Domain::apiKeyProblem(key);
        if (!keyProblem.isEmpty()) {
            report(keyProblem);
            continue;
        }
        seen.insert(folded, lineNumber);
        result.entries.append({lineNumber, name, key});
    }
    return result;
}
