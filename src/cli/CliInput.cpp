#include "CliInput.h"

#include <QFile>

#include <csignal>
#include <cstdio>
#include <cstring>

#include <termios.h>
#include <unistd.h>

namespace {

// What the terminal looked like before echo was turned off, for the signal handler below.
termios g_savedTerminal {};
volatile sig_atomic_t g_echoIsOff = 0;

extern "C" void restoreEchoAndReraise(int signal)
{
    // Ctrl+C at a hidden prompt must not leave the user's shell without echo.
    if (g_echoIsOff)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// Turns terminal echo off for its lifetime, so a typed secret never shows on screen.
class EchoOff
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0)
            return;
        termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        // Keep the newline visible so the next output does not start on the prompt's line.
        quiet.c_lflag |= ECHONL;
        m_previousInt = std::signal(SIGINT, restoreEchoAndReraise);
        m_previousTerm = std::signal(SIGTERM, restoreEchoAndReraise);
        g_echoIsOff = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (g_echoIsOff)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
        g_echoIsOff = 0;
        std::signal(SIGINT, m_previousInt);
        std::signal(SIGTERM, m_previousTerm);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    void (*m_previousInt)(int) = SIG_DFL;
    void (*m_previousTerm)(int) = SIG_DFL;
};

} // namespace

bool CliInput::isTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

std::optional<QString> CliInput::readLine(const QString& prompt, bool secret)
{
    const bool terminal = isTerminal();
    // Echo goes off before the prompt shows, so nothing typed in answer to the prompt is ever echoed.
    std::optional<EchoOff> echoOff;
    if (terminal && secret)
        echoOff.emplace();
    if (terminal && !prompt.isEmpty()) {
        std::fputs(prompt.toUtf8().constData(), stderr);
        std::fflush(stderr);
    }

    QByteArray line;
    bool any = false;
    for (int ch = std::getchar(); ch != EOF; ch = std::getchar()) {
        any = true;
        if (ch == '\n')
            break;
        line.append(char(ch));
    }
    if (line.endsWith('\r'))
        line.chop(1);
    const QString text = QString::fromUtf8(line);
    // The bytes of a secret should not outlive the QString made from them.
    std::memset(line.data(), 0, size_t(line.size()));
    if (!any)
        return std::nullopt;
    return text;
}

QByteArray CliInput::readAll()
{
    QByteArray all;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0)
        all.append(buffer, qsizetype(n));
    return all;
}

std::optional<QByteArray> CliInput::readFileOrStdin(const QString& path, QString* error)
{
    if (path == QLatin1String("-"))
        return readAll();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    return file.readAll();
}
