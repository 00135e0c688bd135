#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Everything daily-webhooks-cli reads from stdin: secrets (one line each, never echoed on a terminal), the answer
// to a confirmation, and whole files given as "-". Secrets come this way because arguments end up in shell
// history and in every other user's `ps`.
class CliInput
{
public:
    static bool isTerminal();
    // One line without its line ending; nullopt at the end of input. On a terminal `prompt` goes to stderr first
    // and, when `secret`, typing is not echoed.
    static std::optional<QString> readLine(const QString& prompt, bool secret);
    // Everything left on stdin.
    static QByteArray readAll();
    // The bytes of `path`, or of stdin when `path` is "-"; nullopt with *error set when the file cannot be read.
    static std::optional<QByteArray> readFileOrStdin(const QString& path, QString* error);
};
