// The start-up probe behind run-startup-benchmark.sh. One run shows one window and reports when it was first
// painted, counted from the moment the kernel created this process (so dynamic loading and static
// initialisation are included), then its memory after a second at idle:
//
//   --bare   a plain QWidget of the main window's size: the baseline PRODUCT.md compares against;
//   --app    the app as `daily-webhooks --sandbox` starts: the same composition root (AppComposition: in-process
//            sandbox, its domain, the audit log), the window shown and its refresh queued, as main() does.
//
// Output, one `key=value` per line: mode, qt, main_ms, painted_ms, [launch_painted_ms], window, idle_rss_kb,
// peak_rss_kb. Exit 0 on success, 1 if the window was never painted, 2 on bad arguments.

#include "AppComposition.h"
#include "MainWindow.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <unistd.h>

namespace {

// The size of MainWindow.ui's top-level geometry. Both modes print the size they showed; the runner compares them.
constexpr int WindowWidth = 1180;
constexpr int WindowHeight = 820;
constexpr int IdleMs = 1000;
constexpr int GiveUpMs = 30000;

double clockMs(clockid_t clock)
{
    timespec now {};
    clock_gettime(clock, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1.0e6;
}

// When the kernel created this process, in ms on CLOCK_BOOTTIME: /proc/self/stat field 22 (starttime, in clock
// ticks since boot; 10 ms resolution at the usual 100 ticks per second). Negative if it cannot be read.
double processStartBootMs()
{
    std::FILE* file = std::fopen("/proc/self/stat", "r");
    if (!file)
        return -1.0;
    char buffer[4096] = {};
    const size_t length = std::fread(buffer, 1, sizeof buffer - 1, file);
    std::fclose(file);
    buffer[length] = '\0';
    // Field 2 is the command name in parentheses and may itself hold spaces or ')': count from the last ')'.
    const char* cursor = std::strrchr(buffer, ')');
    if (!cursor)
        return -1.0;
    ++cursor;
    for (int field = 3; field < 22; ++field) {
        while (*cursor == ' ')
            ++cursor;
        while (*cursor && *cursor != ' ')
            ++cursor;
    }
    char* end = nullptr;
    const unsigned long long ticks = std::strtoull(cursor, &end, 10);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (end == cursor || ticksPerSecond <= 0)
        return -1.0;
    return double(ticks) * 1000.0 / double(ticksPerSecond);
}

double sinceProcessStartMs(double startBootMs)
{
    return startBootMs < 0 ? -1.0 : clockMs(CLOCK_BOOTTIME) - startBootMs;
}

// The runner may pass the wall-clock time just before it started this process (bash's $EPOCHREALTIME, in
// seconds with microseconds): a finer start than the 10 ms ticks of /proc/self/stat. Negative if not given.
double launchRealtimeMs()
{
    const char* value = std::getenv("DW_PROBE_LAUNCH_REALTIME");
    if (!value || !*value)
        return -1.0;
    char* end = nullptr;
    const double seconds = std::strtod(value, &end);
    return end == value ? -1.0 : seconds * 1000.0;
}

// A line of /proc/self/status such as "VmHWM:   123456 kB", in kB; -1 if missing.
long statusKb(const char* key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Reports the first paint of the window it watches. The Paint event reaches the top-level before its children
// and before the backing store is flushed to the display, so the figure is taken from a zero timer queued from
// that event: it runs once the whole window has been painted and flushed.
class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(QWidget* window, double startBootMs, double launchMs)
        : QObject(window)
        , m_window(window)
        , m_startBootMs(startBootMs)
        , m_launchMs(launchMs)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_window && event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QTimer::singleShot(0, this, [this] { reportPainted(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void reportPainted()
    {
        std::printf("painted_ms=%.1f\n", sinceProcessStartMs(m_startBootMs));
        if (m_launchMs >= 0)
            std::printf("launch_painted_ms=%.1f\n", clockMs(CLOCK_REALTIME) - m_launchMs);
        std::printf("window=%dx%d\n", m_window->width(), m_window->height());
        std::fflush(stdout);
        m_window->removeEventFilter(this);
        QTimer::singleShot(IdleMs, this, [] {
            std::printf("idle_rss_kb=%ld\npeak_rss_kb=%ld\n", statusKb("VmRSS"), statusKb("VmHWM"));
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }

    QWidget* m_window;
    double m_startBootMs;
    double m_launchMs;
    bool m_seen = false;
};

int usage()
{
    std::fprintf(stderr, "usage: bench-startup-probe --bare|--app\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    // Read before anything else runs in main(); the process start itself comes from the kernel.
    const double startBootMs = processStartBootMs();
    const double launchMs = launchRealtimeMs();
    const double mainMs = sinceProcessStartMs(startBootMs);

    if (argc != 2)
        return usage();
    const bool app = std::strcmp(argv[1], "--app") == 0;
    if (!app && std::strcmp(argv[1], "--bare") != 0)
        return usage();

    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication application(argc, argv);
    std::printf("mode=%s\nqt=%s\nmain_ms=%.1f\n", app ? "app" : "bare", qVersion(), mainMs);

    // Settings in a fresh directory: the app starts as on a first run, whatever earlier runs or tests saved.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());

    std::unique_ptr<QWidget> bare;
    std::unique_ptr<AppComposition> composition;
    QWidget* shown = nullptr;

    if (app) {
        // What src/app/main.cpp does for `daily-webhooks --sandbox`, through the same code; only the user's
        // keychain is in memory and the user's domains in the fresh directory, so no run leaves anything behind.
        AppComposition::applyIdentity();
        StartupOptions options;
        options.sandbox = true;
        AppComposition::Setup setup;
        setup.keychainBackend = SecretStore::Backend::Memory;
        setup.userDomainsFile = settingsDir.filePath(QStringLiteral("domains.ini"));
        setup.dataDir = settingsDir.path();
        composition = std::make_unique<AppComposition>(options, setup);
        if (!composition->ok()) {
            std::fprintf(stderr, "bench-startup-probe: %s\n", qPrintable(composition->problem()));
            return 1;
        }
        shown = composition->window();
    } else {
        bare = std::make_unique<QWidget>();
        bare->resize(WindowWidth, WindowHeight);
        shown = bare.get();
    }

    new FirstPaintProbe(shown, startBootMs, launchMs);
    QTimer::singleShot(GiveUpMs, &application, [] {
        std::fprintf(stderr, "bench-startup-probe: the window was not painted within %d ms\n", GiveUpMs);
        QCoreApplication::exit(1);
    });
    if (composition)
        composition->start(); // the notice, show(), the queued refresh
    else
        shown->show();
    return application.exec();
}
