#include "CliConsole.h"

#include "CliParser.h"

#include <cstdio>

#include <unistd.h>

namespace {

void write(std::FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    // Flushed at once, so stdout and stderr interleave in the order they were written.
    std::fflush(stream);
}

QString line(const QString& text)
{
    return text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n');
}

} // namespace

void CliConsole::out(const QString& text)
{
    write(stdout, text.toUtf8());
}

void CliConsole::outBytes(const QByteArray& bytes)
{
    write(stdout, bytes);
}

void CliConsole::err(const QString& text)
{
    write(stderr, text.toUtf8());
}

void CliConsole::error(const QString& sentence)
{
    err(line(CliParser::ProgramName + QStringLiteral(": ") + sentence));
}

void CliConsole::warning(const QString& sentence)
{
    err(line(CliParser::ProgramName + QStringLiteral(": warning: ") + sentence));
}

bool CliConsole::errIsTerminal()
{
    return isatty(STDERR_FILENO) == 1;
}
