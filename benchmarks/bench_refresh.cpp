// The refresh benchmark behind run-refresh-benchmark.sh (PRODUCT.md: "Refreshing 1,000 domains against the
// sandbox: within 2x of the time of the same 1,000 requests made concurrently by a plain QNetworkAccessManager
// loop, and far ahead of a sequential curl loop"; "the event loop never stalls longer than 50 ms").
//
// Without --mode it is the runner: it starts daily-webhooks-sandbox as a separate process with one key per
// domain (so the server's work never counts against a client, and no key's rate limit slows the total), creates
// a webhook on every domain, then runs each client in a fresh child process of this same program, so every
// child's memory is its own:
//
//   --mode app        the app's refresh: the real MainWindow, built by the app's composition root
//                     (AppComposition) over the domains saved before it starts, as a user with 1,000 saved
//                     domains starts it; after the start-up refresh, the Refresh action (offscreen unless
//                     QT_QPA_PLATFORM says otherwise);
//   --mode refresher  DomainRefresher alone, its states kept in a hash: what the window costs, by difference;
//   --mode qnam       (a) one QNetworkAccessManager, every GET fired at once from a loop, bodies read and dropped;
//   --mode curl       (b) a shell loop running curl once per domain, one after the other.
//
// A child prints `key=value` lines: wall_ms, cpu_ms, start_rss_kb, peak_rss_kb, stall_ms, ok, failed, retries,
// call_us. Wall and CPU time, the peak and the stall cover the refresh only: the peak is reset (clear_refs) just
// before it starts. The runner prints a side-by-side table of the medians and the verdicts. Exit 0 when every
// target holds, 1 when one does not, 2 when the benchmark could not run.

#include "ApiResult.h"
#include "AppComposition.h"
#include "BulkDomainParser.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DomainRefresher.h"
#include "DomainState.h"
#include "DomainStore.h"
#include "DomainTarget.h"
#include "MainWindow.h"
#include "SecretStore.h"
#include "WebhookBackend.h"
#include "WebhookDraft.h"
#include "WebhookTableModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr double kWallTarget = 2.0; // the app within 2x of (a)
constexpr qint64 kStallTargetMs = 50;
constexpr int kChildTimeoutMs = 10 * 60 * 1000;
constexpr int kCreateConcurrency = 16;
// Time for the window to settle after its start-up refresh, before the measured one; not measured.
constexpr int kSettleMs = 300;

QString domainName(int i)
{
    return QStringLiteral("bench-%1").arg(i + 1);
}

QString keyName(int i)
{
    // The curl loop builds the same names with `seq -f 'bench-key-%04g'`.
    return QStringLiteral("bench-key-%1").arg(i + 1, 4, 10, QLatin1Char('0'));
}

// A line of /proc/self/status such as "VmHWM:   123456 kB", in kB; -1 if missing.
long statusKb(const char* key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Sets VmHWM back to the current RSS, so the peak read later is the peak of what happened in between.
void resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
}

qint64 cpuMs(int who)
{
    rusage usage {};
    getrusage(who, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + qint64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// The longest gap between ticks of a 5 ms timer: how long the event loop could not run (a window would neither
// repaint nor react for that long).
struct StallMeter
{
    QTimer timer;
    QElapsedTimer sinceTick;
    qint64 longestMs = 0;

    void start()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(5);
        QObject::connect(
            &timer, &QTimer::timeout, &timer, [this] { longestMs = std::max(longestMs, sinceTick.restart()); });
        sinceTick.start();
        timer.start();
    }
    qint64 stop()
    {
        timer.stop();
        return std::max(longestMs, sinceTick.elapsed());
    }
};

struct Figures
{
    qint64 wallMs = 0;
    qint64 cpuMs = 0;
    qint64 startRssKb = 0; // just before the refresh
    qint64 peakRssKb = 0; // during the refresh
    qint64 stallMs = -1;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 retries = 0;
    qint64 callUs = -1; // the app: time spent inside refresh() itself
};

// Everything a child measures around the refresh, whatever the client.
struct Measurement
{
    Figures figures;
    StallMeter stalls;
    QElapsedTimer wall;
    qint64 cpuAtStart = 0;

    void start()
    {
        figures.startRssKb = statusKb("VmRSS");
        resetPeakRss();
        cpuAtStart = cpuMs(RUSAGE_SELF);
        stalls.start();
        wall.start();
    }
    void stop()
    {
        figures.wallMs = wall.elapsed();
        figures.stallMs = stalls.stop();
        figures.cpuMs = cpuMs(RUSAGE_SELF) - cpuAtStart;
        figures.peakRssKb = statusKb("VmHWM");
    }
};

void printFigures(const Figures& f)
{
    std::printf("wall_ms=%lld\ncpu_ms=%lld\nstart_rss_kb=%lld\npeak_rss_kb=%lld\nstall_ms=%lld\nok=%lld\n"
                "failed=%lld\nretries=%lld\ncall_us=%lld\n",
        static_cast<long long>(f.wallMs), static_cast<long long>(f.cpuMs), static_cast<long long>(f.startRssKb),
        static_cast<long long>(f.peakRssKb), static_cast<long long>(f.stallMs), static_cast<long long>(f.ok),
        static_cast<long long>(f.failed), static_cast<long long>(f.retries), static_cast<long long>(f.callUs));
    std::fflush(stdout);
}

QUrl listUrl(const QUrl& base)
{
    QUrl url = base;
    url.setPath(base.path() + QStringLiteral("/webhooks"));
    return url;
}

void countStates(const QList<DomainState>& states, int domains, Figures& figures)
{
    for (const DomainState& state : states) {
        if (state.status == DomainState::Status::Loaded && state.webhooks.size() == 1)
            ++figures.ok;
        else
            ++figures.failed;
        figures.retries += std::max(0, state.attempts - 1);
    }
    figures.failed += std::max<qint64>(0, domains - qint64(states.size()));
}

// --mode refresher: DomainRefresher alone, no window.
int runRefresher(const QUrl& base, int domains, int maxConcurrent)
{
    QNetworkAccessManager manager;
    DailyClient client(&manager);
    DomainRefresher refresher(&client);
    refresher.setMaxConcurrent(maxConcurrent);

    QList<DomainTarget> targets;
    targets.reserve(domains);
    for (int i = 0; i < domains; ++i)
        targets.append(DomainTarget {domainName(i), domainName(i), base, keyName(i)});
    QHash<QString, DomainState> rows;
    rows.reserve(domains);
    QObject::connect(&refresher, &DomainRefresher::domainUpdated, &refresher,
        [&rows](const DomainState& state) { rows.insert(state.domainId, state); });

    Measurement measurement;
    QObject::connect(&refresher, &DomainRefresher::finished, &refresher, [&measurement] {
        measurement.stop();
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, &refresher, [&] {
        measurement.start();
        refresher.refresh(targets);
        measurement.figures.callUs = measurement.wall.nsecsElapsed() / 1000;
    });
    QCoreApplication::exec();

    countStates(rows.values(), domains, measurement.figures);
    printFigures(measurement.figures);
    return 0;
}

// Runs the event loop until `done` holds; false after `timeoutMs`.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (!done()) {
        if (waited.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

// --mode app: the real window, as the app starts with `domains` saved domains whose keys are in the keychain (an
// in-memory one: the OS keychain's own cost is bench-bulk-import's subject, not this one's).
int runWindow(const QUrl& base, int domains, int maxConcurrent)
{
    // The app's settings and data in a fresh directory, never the user's.
    QTemporaryDir dir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    AppComposition::applyIdentity();
    AppComposition::Setup setup;
    setup.keychainBackend = SecretStore::Backend::Memory;
    setup.userDomainsFile = dir.filePath(QStringLiteral("domains.ini"));
    setup.dataDir = dir.filePath(QStringLiteral("data"));

    // The saved domains, written before the app starts (as an earlier session left them).
    {
        SecretStore scratch(SecretStore::Backend::Memory, QStringLiteral("bench-refresh"));
        QSettings file(setup.userDomainsFile, QSettings::IniFormat);
        DomainStore saved(&scratch, &file);
        QList<BulkEntry> entries;
        entries.reserve(domains);
        for (int i = 0; i < domains; ++i)
            entries.append(BulkEntry {i + 1, domainName(i), keyName(i)});
        bool added = false;
        saved.addBulk(entries, base, &saved, [&added](const QList<DomainStore::Result>&) { added = true; });
        if (!waitUntil([&added] { return added; }, 60000))
            return 2;
    }

    AppComposition app(StartupOptions {}, setup);
    if (!app.ok() || app.mode().source != StartupMode::Source::SavedDomains
        || app.userDomains()->domains().size() != domains) {
        std::fprintf(stderr, "bench-refresh: the app did not start on the %d saved domains\n", domains);
        return 2;
    }
    // Their keys in the keychain.
    int written = 0;
    const QList<Domain> saved = app.userDomains()->domains();
    for (const Domain& domain : saved) {
        const int index = domain.name.mid(int(std::strlen("bench-"))).toInt() - 1;
        app.keychain()->write(domain.keyName(), keyName(index), app.keychain(),
            [&written](const SecretStore::Result& r) { written += r.ok() ? 1 : 0; });
    }
    if (!waitUntil([&written, domains] { return written == domains; }, 60000))
        return 2;

    MainWindow* window = app.window();
    window->backend()->refresher()->setMaxConcurrent(maxConcurrent);
    Measurement measurement;
    bool startupRefreshDone = false;
    QObject::connect(window, &MainWindow::refreshFinished, window, [&] {
        if (startupRefreshDone) {
            measurement.stop();
            QCoreApplication::quit();
            return;
        }
        // The refresh start() queued has listed every domain; the measured one is the Refresh action's.
        startupRefreshDone = true;
        QTimer::singleShot(kSettleMs, window, [&] {
            measurement.start();
            window->refreshAll();
            measurement.figures.callUs = measurement.wall.nsecsElapsed() / 1000;
        });
    });
    app.start();
    QCoreApplication::exec();

    countStates(window->model()->domains(), domains, measurement.figures);
    printFigures(measurement.figures);
    return 0;
}

// --mode qnam: (a), the plainest client Qt offers, every request fired at once.
int runPlainLoop(const QUrl& base, int domains)
{
    QNetworkAccessManager manager;
    const QUrl url = listUrl(base);
    Measurement measurement;
    int finished = 0;
    QTimer::singleShot(0, &manager, [&] {
        measurement.start();
        for (int i = 0; i < domains; ++i) {
            QNetworkRequest request(url);
            request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + keyName(i).toLatin1());
            QNetworkReply* reply = manager.get(request);
            QObject::connect(reply, &QNetworkReply::finished, &manager, [&, reply] {
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray body = reply->readAll();
                if (status == 200 && body.startsWith('['))
                    ++measurement.figures.ok;
                else
                    ++measurement.figures.failed;
                reply->deleteLater();
                if (++finished == domains) {
                    measurement.stop();
                    QCoreApplication::quit();
                }
            });
        }
    });
    QCoreApplication::exec();
    printFigures(measurement.figures);
    return 0;
}

// --mode curl: (b), what a script would do. Its memory is that of the largest process the loop ran.
int runCurlLoop(const QUrl& base, int domains, const QString& curl)
{
    Figures figures;
    const QString script
        = QStringLiteral("for k in $(seq -f 'bench-key-%04g' 1 \"$2\"); do "
                         "\"$3\" -s -o /dev/null -w '%{http_code}\\n' -H \"Authorization: Bearer $k\" \"$1\"; done");
    QProcess shell;
    QElapsedTimer wall;
    wall.start();
    shell.start(QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"), script, QStringLiteral("sh"), listUrl(base).toString(), QString::number(domains), curl});
    if (!shell.waitForFinished(kChildTimeoutMs))
        return 2;
    figures.wallMs = wall.elapsed();
    const QList<QByteArray> codes = shell.readAllStandardOutput().split('\n');
    for (const QByteArray& code : codes) {
        if (code == "200")
            ++figures.ok;
        else if (!code.isEmpty())
            ++figures.failed;
    }
    figures.failed += std::max<qint64>(0, domains - figures.ok - figures.failed);
    rusage children {};
    getrusage(RUSAGE_CHILDREN, &children);
    figures.peakRssKb = children.ru_maxrss;
    figures.cpuMs = cpuMs(RUSAGE_CHILDREN);
    printFigures(figures);
    return 0;
}

// ---- the runner ----

bool startSandbox(QProcess& process, QUrl& base, const QString& program, int domains)
{
    QStringList arguments {QStringLiteral("--port"), QStringLiteral("0")};
    for (int i = 0; i < domains; ++i)
        arguments << QStringLiteral("--key") << keyName(i);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on (\\S+)"));
    QByteArray output;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 10000 && process.waitForReadyRead(1000)) {
        output += process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            base = QUrl(match.captured(1));
            return base.isValid();
        }
    }
    return false;
}

// Gives every domain a webhook (the sandbox pings its own demo endpoint first), so each list answer carries one.
int createWebhooks(const QUrl& base, int domains)
{
    QNetworkAccessManager manager;
    DailyClient client(&manager);
    WebhookDraft draft;
    QUrl demo = base;
    demo.setPath(QStringLiteral("/demo/webhook"));
    draft.url = demo.toString();
    draft.eventTypes = QStringList {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")};
    QEventLoop loop;
    int next = 0;
    int done = 0;
    int created = 0;
    std::function<void()> startNext = [&] {
        if (next >= domains)
            return;
        DailyCall* call = client.createWebhook(DomainTarget {QString(), QString(), base, keyName(next++)}, draft);
        QObject::connect(call, &DailyCall::finished, &loop, [&](const ApiResult& result) {
            if (result.ok())
                ++created;
            if (++done == domains)
                loop.quit();
            else
                startNext();
        });
    };
    for (int i = 0; i < kCreateConcurrency; ++i)
        startNext();
    loop.exec();
    return created;
}

bool runChild(const QString& mode, const QStringList& arguments, Figures& figures)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A machine without a display measures the same way; an explicit choice (xcb on a real display) stands.
    if (!environment.contains(QStringLiteral("QT_QPA_PLATFORM")))
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), QStringList {QStringLiteral("--mode"), mode} + arguments);
    if (!child.waitForFinished(kChildTimeoutMs) || child.exitStatus() != QProcess::NormalExit
        || child.exitCode() != 0) {
        std::fprintf(stderr, "bench-refresh: the %s child failed\n", qPrintable(mode));
        return false;
    }
    QHash<QByteArray, qint64> values;
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            values.insert(line.left(equals), line.mid(equals + 1).toLongLong());
    }
    if (!values.contains("wall_ms") || !values.contains("peak_rss_kb"))
        return false;
    figures.wallMs = values.value("wall_ms");
    figures.cpuMs = values.value("cpu_ms");
    figures.startRssKb = values.value("start_rss_kb");
    figures.peakRssKb = values.value("peak_rss_kb");
    figures.stallMs = values.value("stall_ms", -1);
    figures.ok = values.value("ok");
    figures.failed = values.value("failed");
    figures.retries = values.value("retries");
    figures.callUs = values.value("call_us", -1);
    return true;
}

qint64 median(QList<qint64> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

struct Mode
{
    QString name;
    const char* label;
    bool hasStall;
    QList<Figures> runs;

    QList<qint64> field(qint64 Figures::*member) const
    {
        QList<qint64> values;
        for (const Figures& f : runs)
            values.append(f.*member);
        return values;
    }
    qint64 medianOf(qint64 Figures::*member) const { return median(field(member)); }
    qint64 worstStall() const
    {
        const QList<qint64> stalls = field(&Figures::stallMs);
        return stalls.isEmpty() ? -1 : *std::max_element(stalls.cbegin(), stalls.cend());
    }
    bool allOk(int domains) const
    {
        return !runs.isEmpty()
            && std::all_of(runs.cbegin(), runs.cend(), [domains](const Figures& f) { return f.ok == domains; });
    }
};

void printRow(const Mode& mode, int domains)
{
    if (mode.runs.isEmpty())
        return;
    const QList<qint64> walls = mode.field(&Figures::wallMs);
    char stall[32] = "n/a";
    char growth[32] = "n/a";
    if (mode.hasStall)
        std::snprintf(stall, sizeof stall, "%lld", static_cast<long long>(mode.worstStall()));
    if (mode.name != QLatin1String("curl")) {
        QList<qint64> growths;
        for (const Figures& f : mode.runs)
            growths.append(f.peakRssKb - f.startRssKb);
        std::snprintf(growth, sizeof growth, "%.1f", double(median(growths)) / 1024.0);
    }
    const qint64 okRuns
        = std::count_if(mode.runs.cbegin(), mode.runs.cend(), [domains](const Figures& f) { return f.ok == domains; });
    std::printf("%-36s %6lld %6lld %6lld %6lld %8.1f %7s %6s %5lld/%lld\n", mode.label,
        static_cast<long long>(*std::min_element(walls.cbegin(), walls.cend())), static_cast<long long>(median(walls)),
        static_cast<long long>(*std::max_element(walls.cbegin(), walls.cend())),
        static_cast<long long>(mode.medianOf(&Figures::cpuMs)), double(mode.medianOf(&Figures::peakRssKb)) / 1024.0,
        growth, stall, static_cast<long long>(okRuns), static_cast<long long>(mode.runs.size()));
}

int runBenchmark(const QString& sandboxProgram, int domains, int rounds, int curlRounds, int maxConcurrent)
{
    QProcess sandbox;
    QUrl base;
    if (!startSandbox(sandbox, base, sandboxProgram, domains)) {
        std::fprintf(stderr, "bench-refresh: could not start the sandbox (%s)\n", qPrintable(sandboxProgram));
        return 2;
    }
    const int created = createWebhooks(base, domains);
    if (created != domains) {
        std::fprintf(stderr, "bench-refresh: only %d of %d webhooks could be created\n", created, domains);
        return 2;
    }
    const QStringList common {QStringLiteral("--base"), base.toString(), QStringLiteral("--domains"),
        QString::number(domains), QStringLiteral("--max-concurrent"), QString::number(maxConcurrent)};
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));

    char appLabel[64];
    std::snprintf(appLabel, sizeof appLabel, "app: the main window (%d at once)", maxConcurrent);
    Mode app {QStringLiteral("app"), appLabel, true, {}};
    Mode refresherOnly {QStringLiteral("refresher"), "    DomainRefresher alone (info)", true, {}};
    Mode plain {QStringLiteral("qnam"), "(a) QNetworkAccessManager loop", true, {}};
    Mode curlLoop {QStringLiteral("curl"), "(b) sequential curl loop", false, {}};
    QList<Mode*> measured {&app, &refresherOnly, &plain};

    std::fprintf(stderr, "Refresh benchmark: %d domains, %d rounds of each client, %d of curl\n", domains, rounds,
        curl.isEmpty() ? 0 : curlRounds);
    for (int round = 1; round <= rounds; ++round) {
        // Each round starts with another client, so none always runs first or last.
        std::rotate(measured.begin(), measured.begin() + 1, measured.end());
        for (Mode* mode : std::as_const(measured)) {
            Figures figures;
            if (!runChild(mode->name, common, figures))
                return 2;
            mode->runs.append(figures);
            std::fprintf(stderr, "  round %d  %-9s wall %5lld ms  cpu %5lld ms  peak %7lld kB  stall %4lld ms  ok %lld",
                round, qPrintable(mode->name), static_cast<long long>(figures.wallMs),
                static_cast<long long>(figures.cpuMs), static_cast<long long>(figures.peakRssKb),
                static_cast<long long>(figures.stallMs), static_cast<long long>(figures.ok));
            if (figures.callUs >= 0)
                std::fprintf(stderr, "  retries %lld  refresh() took %.1f ms", static_cast<long long>(figures.retries),
                    double(figures.callUs) / 1000.0);
            std::fprintf(stderr, "\n");
        }
    }
    for (int round = 1; !curl.isEmpty() && round <= curlRounds; ++round) {
        Figures figures;
        if (!runChild(curlLoop.name, common + QStringList {QStringLiteral("--curl"), curl}, figures))
            return 2;
        curlLoop.runs.append(figures);
        std::fprintf(stderr, "  round %d  curl      wall %5lld ms  peak %7lld kB  ok %lld\n", round,
            static_cast<long long>(figures.wallMs), static_cast<long long>(figures.peakRssKb),
            static_cast<long long>(figures.ok));
    }
    sandbox.terminate();
    sandbox.waitForFinished(5000);

    double load[3] = {};
    if (getloadavg(load, 3) < 0)
        load[0] = load[1] = load[2] = -1;
    std::printf(
        "\nRefresh of %d domains on the sandbox (a separate process; one key and one webhook per domain)\n", domains);
    std::printf("machine: %ld cores, Qt %s, load average %.2f %.2f %.2f; medians of %d rounds, curl %d\n\n",
        sysconf(_SC_NPROCESSORS_ONLN), qVersion(), load[0], load[1], load[2], rounds, int(curlLoop.runs.size()));
    std::printf("%-36s %6s %6s %6s %6s %8s %7s %6s %7s\n", "client", "wall", "median", "max", "CPU", "peak", "growth",
        "stall", "all ok");
    std::printf("%-36s %6s %6s %6s %6s %8s %7s %6s %7s\n", "", "min ms", "ms", "ms", "ms", "MiB", "MiB", "ms", "runs");
    printRow(app, domains);
    printRow(refresherOnly, domains);
    printRow(plain, domains);
    if (curl.isEmpty())
        std::printf("%-36s skipped: curl is not installed (Debian package curl)\n", curlLoop.label);
    else
        printRow(curlLoop, domains);
    std::printf("\nwall, CPU: one refresh of all domains. peak: VmHWM of the client process during the refresh (for "
                "(b),\nthe largest process the loop ran); growth: peak less the RSS just before. stall: the longest "
                "gap of\na 5 ms timer during the refresh, worst round.\n\n");

    int failures = 0;
    if (!app.allOk(domains) || !plain.allOk(domains) || !refresherOnly.allOk(domains)
        || (!curlLoop.runs.isEmpty() && !curlLoop.allOk(domains))) {
        std::printf("FAIL: not every request of every run came back with the domain's webhook\n");
        ++failures;
    }
    const double ratio
        = double(app.medianOf(&Figures::wallMs)) / double(std::max<qint64>(1, plain.medianOf(&Figures::wallMs)));
    const bool wallPass = ratio <= kWallTarget;
    std::printf("app / (a) wall time:   %.2fx (target <= %.1fx)  %s\n", ratio, kWallTarget, wallPass ? "PASS" : "FAIL");
    // Two processes (client and sandbox) on a shared machine make the wall times jumpy; the fastest rounds and the
    // CPU time say whether a bad median was the machine or the code.
    const QList<qint64> appWalls = app.field(&Figures::wallMs);
    const QList<qint64> plainWalls = plain.field(&Figures::wallMs);
    std::printf("app / (a) fastest round: %.2fx, CPU time: %.2fx  info\n",
        double(*std::min_element(appWalls.cbegin(), appWalls.cend()))
            / double(std::max<qint64>(1, *std::min_element(plainWalls.cbegin(), plainWalls.cend()))),
        double(app.medianOf(&Figures::cpuMs)) / double(std::max<qint64>(1, plain.medianOf(&Figures::cpuMs))));
    std::printf("app / (a) peak memory: %.2fx  info (the app's process also holds a window and its table)\n",
        double(app.medianOf(&Figures::peakRssKb)) / double(std::max<qint64>(1, plain.medianOf(&Figures::peakRssKb))));
    const qint64 stall = app.worstStall();
    const bool stallPass = stall >= 0 && stall < kStallTargetMs;
    std::printf("app longest event-loop stall: %lld ms, worst of %d rounds (target < %lld ms)  %s\n",
        static_cast<long long>(stall), rounds, static_cast<long long>(kStallTargetMs), stallPass ? "PASS" : "FAIL");
    if (!curlLoop.runs.isEmpty()) {
        std::printf("(b) / app wall time:   %.1fx (the app is that many times faster)  info\n",
            double(curlLoop.medianOf(&Figures::wallMs)) / double(std::max<qint64>(1, app.medianOf(&Figures::wallMs))));
    }
    failures += (wallPass ? 0 : 1) + (stallPass ? 0 : 1);
    if (failures > 0) {
        std::printf("%d FAIL\n", failures);
        return 1;
    }
    std::printf("all targets PASS\n");
    return 0;
}

// The window needs a QApplication; the other clients are measured without one, as a script would run.
bool wantsWidgets(int argc, char* argv[])
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--mode") == 0)
            return std::strcmp(argv[i + 1], "app") == 0;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    std::unique_ptr<QCoreApplication> application;
    if (wantsWidgets(argc, argv))
        application = std::make_unique<QApplication>(argc, argv);
    else
        application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench-refresh"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Refresh of many domains on the sandbox: the app's refresh "
                                                    "beside a plain QNetworkAccessManager loop and a curl loop."));
    parser.addHelpOption();
    const QCommandLineOption domainsOption(QStringLiteral("domains"),
        QStringLiteral("Domains to refresh (default 1000)."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
        QStringLiteral("Runs of each client but curl (default 7)."), QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption curlRoundsOption(QStringLiteral("curl-rounds"),
        QStringLiteral("Runs of the curl loop (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption concurrentOption(QStringLiteral("max-concurrent"),
        QStringLiteral("DomainRefresher::setMaxConcurrent (default: the refresher's default)."), QStringLiteral("N"),
        QString::number(DomainRefresher::DefaultMaxConcurrent));
    const QCommandLineOption sandboxOption(QStringLiteral("sandbox"),
        QStringLiteral("The daily-webhooks-sandbox executable."), QStringLiteral("PATH"),
        QStringLiteral(DW_SANDBOX_PATH));
    // Internal: how the runner starts its children.
    const QCommandLineOption modeOption(
        QStringLiteral("mode"), QStringLiteral("Child: app, refresher, qnam or curl."), QStringLiteral("MODE"));
    const QCommandLineOption baseOption(
        QStringLiteral("base"), QStringLiteral("Child: the sandbox's API base URL."), QStringLiteral("URL"));
    const QCommandLineOption curlOption(
        QStringLiteral("curl"), QStringLiteral("Child: the curl executable."), QStringLiteral("PATH"));
    parser.addOptions({domainsOption, roundsOption, curlRoundsOption, concurrentOption, sandboxOption, modeOption,
        baseOption, curlOption});
    parser.process(*application);

    bool ok = false;
    const int domains = parser.value(domainsOption).toInt(&ok);
    if (!ok || domains < 1 || domains > 9999) {
        std::fprintf(stderr, "bench-refresh: --domains needs a number from 1 to 9999\n");
        return 2;
    }
    const int rounds = parser.value(roundsOption).toInt(&ok);
    if (!ok || rounds < 1) {
        std::fprintf(stderr, "bench-refresh: --rounds needs a positive number\n");
        return 2;
    }
    const int curlRounds = parser.value(curlRoundsOption).toInt(&ok);
    if (!ok || curlRounds < 0) {
        std::fprintf(stderr, "bench-refresh: --curl-rounds needs a number from 0\n");
        return 2;
    }
    const int maxConcurrent = parser.value(concurrentOption).toInt(&ok);
    if (!ok || maxConcurrent < 1) {
        std::fprintf(stderr, "bench-refresh: --max-concurrent needs a positive number\n");
        return 2;
    }

    if (!parser.isSet(modeOption))
        return runBenchmark(parser.value(sandboxOption), domains, rounds, curlRounds, maxConcurrent);

    const QUrl base(parser.value(baseOption));
    const QString mode = parser.value(modeOption);
    if (!base.isValid()) {
        std::fprintf(stderr, "bench-refresh: --mode needs --base\n");
        return 2;
    }
    if (mode == QLatin1String("app"))
        return runWindow(base, domains, maxConcurrent);
    if (mode == QLatin1String("refresher"))
        return runRefresher(base, domains, maxConcurrent);
    if (mode == QLatin1String("qnam"))
        return runPlainLoop(base, domains);
    if (mode == QLatin1String("curl"))
        return runCurlLoop(base, domains, parser.value(curlOption));
    std::fprintf(stderr, "bench-refresh: unknown --mode\n");
    return 2;
}
