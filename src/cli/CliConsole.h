#pragma once

#include <QByteArray>
#include <QString>

// Where daily-webhooks-cli writes: results to stdout, everything else (errors, warnings, prompts, progress) to
// stderr, so `--json | jq` and `> file` receive only the result. UTF-8 whatever the locale.
class CliConsole
{
public:
    static void out(const QString& text);
    static void outBytes(const QByteArray& bytes);
    static void err(const QString& text);
    // "daily-webhooks-cli: <sentence>" on its own line.
    static void error(const QString& sentence);
    static void warning(const QString& sentence);
    // Whether stderr is a terminal, where progress is worth showing (and can be redrawn in place).
    static bool errIsTerminal();
};
