#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// One domain to add, from one line of bulk input.
struct BulkEntry
{
    int line = 0; // 1-based line number in the input
    QString name; // trimmed
    QString key; // trimmed; never shown, never logged
};

// Why one line of bulk input was not taken. The text never contains a key.
struct BulkProblem
{
    int line = 0;
    QString problem;
};

// Reads the text an operator pastes or imports to add many domains at once: one `name,key` per line, in UTF-8.
// Tolerates spaces around fields, blank lines, `#` comments, Windows and old Mac line endings, a UTF-8 byte
// order mark and a first line `name,key` as a header. Lines with a problem are left out of the entries and
// reported instead, so the caller can show them and add the rest: among them lines that are not text at all
// (invalid UTF-8, NUL or other control bytes), which are never decoded into names or keys.
class BulkDomainParser
{
    Q_DECLARE_TR_FUNCTIONS(BulkDomainParser)

public:
    struct Result
    {
        QList<BulkEntry> entries; // in input order
        QList<BulkProblem> problems; // in input order

        bool ok() const { return problems.isEmpty(); }
    };

    // `input`: the raw bytes, as read from a file, stdin or a paste converted with QString::toUtf8().
    // existingNames: the names of the domains already configured; a line reusing one is a problem.
    static Result parse(const QByteArray& input, const QStringList& existingNames = {});
};
