// The stored-deliveries benchmark behind run-receiver-benchmark.sh (issue "The testing lab": the list "stays smooth
// with 100,000 stored deliveries"; "memory with 100,000 stored deliveries (the list must not hold them all)").
//
// Without --mode it is the runner: it fills a DeliveryStore with --rows realistic deliveries (the catalog's 32 event
// types as Daily sends them, signed, with the headers the receiver keeps, a mix of verdicts, chosen answers,
// refusals, pings and forwards, spread over 30 days), through DeliveryStore::insertAll, 1,000 rows per
// transaction. It makes an empty store beside it, then starts this program again, once per store and round:
//
//   --mode read      opens the store and reads it as the window's list does: the count, the first page, then a
//                    page and a count for each filter (type, verdict, text), the last page (scrolled to the end)
//                    and one row whole (the detail). Each step is timed (its first call, then the median of
//                    further calls) and followed by the process's RSS.
//
// The same steps on the empty store are the baseline: what opening a store costs with nothing in it. The runner
// prints both processes' RSS after every step and at their peak, the difference, and the time of each step at
// --rows rows, with a note beside every step over 100 ms. Exit 0 when the runs went through, 2 when the benchmark
// could not run.

#include "DeliveryFilter.h"
#include "DeliveryRequest.h"
#include "DeliveryStore.h"
#include "DeliveryVerifier.h"
#include "EventCatalog.h"
#include "Limits.h"
#include "StoredDelivery.h"
#include "TestEvent.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <unistd.h>

namespace {

constexpr int kChildTimeoutMs = 10 * 60 * 1000;
constexpr int kFillRowsPerTransaction = 1000;
// Rows read per page: a few screens of the list. The window's model decides its own fetch size; this is the
// store's side of it.
constexpr int kPageRows = 100;
constexpr int kRepeats = 5; // calls of each step: the first, then the median of the rest
constexpr qint64 kSlowMs = 100; // a step slower than this is felt in the window
constexpr qint64 kSpreadMs = qint64(30) * 24 * 60 * 60 * 1000; // the rows' times span 30 days

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kOtherSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");
// The filters the steps use: one type of the catalog's 32, a verdict of about one row in twenty, a text in about
// one row in 32 (a word of one event type's payload) and texts that match one row (the oldest) or none.
const QString kFilterType = QStringLiteral("participant.joined");
const QString kFilterVerdict = QStringLiteral("invalid");
const QString kCommonText = QStringLiteral("participant.joined");
const QString kNoText = QStringLiteral("no-such-text-anywhere");

QString oldestEventId()
{
    return QStringLiteral("bench-event-%1").arg(0, 7, 10, QLatin1Char('0'));
}

qint64 statusKb(const char* key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

qint64 median(QList<qint64> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

// ---- the fill ----

// Delivery `i` of `rows`, the newest last, as the receiver would have stored it.
StoredDelivery deliveryNumber(const QList<TestEvent>& events, int i, int rows, qint64 newestMs)
{
    const TestEvent& event = events.at(i % events.size());
    const qint64 receivedMs = newestMs - kSpreadMs + kSpreadMs * qint64(i) / std::max(1, rows - 1);
    StoredDelivery d;
    d.receivedAt = QDateTime::fromMSecsSinceEpoch(receivedMs, QTimeZone::utc());
    d.remoteAddress = QStringLiteral("127.0.0.1");
    d.method = "POST";
    d.target = "/webhooks/daily";
    d.basicAuth = DeliveryVerifier::name(DeliveryVerifier::BasicAuthVerdict::NotExpected);
    d.status = 200;

    if (i % 1000 == 999) {
        // A body over the cap: refused from its head, nothing read.
        d.headers = StoredDelivery::storedHeaders({{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"},
            {"Content-Length", QByteArray::number(Limits::MaxRequestBodyBytes * 2)}});
        d.bodySize = Limits::MaxRequestBodyBytes * 2;
        d.status = 413;
        d.problem = QStringLiteral("The request body is larger than %1 bytes.").arg(Limits::MaxRequestBodyBytes);
        return d;
    }
    const bool ping = i % 5000 == 1;
    const QByteArray body = ping
        ? DeliveryRequest::pingBody()
        : event.body(QStringLiteral("bench-event-%1").arg(i, 7, 10, QLatin1Char('0')), receivedMs);
    const QByteArray timestamp = QByteArray::number(
        i % 97 == 96 ? receivedMs - qint64(Limits::DefaultSignatureToleranceSeconds) * 2000 : receivedMs);
    const bool unsignedRequest = i % 50 == 49;
    const bool otherSecret = i % 20 == 19;
    const DeliveryRequest request
        = DeliveryRequest::signedPost(QUrl(QStringLiteral("http://127.0.0.1:8787/webhooks/daily")), body,
            unsignedRequest ? QString() : (otherSecret ? kOtherSecret : kSecret), QString(), timestamp,
            QByteArrayLiteral("node-superagent/3.8.3"));
    HttpHeaders::List headers {{"Host", "127.0.0.1:8787"}, {"Accept-Encoding", "gzip, deflate"}};
    for (const auto& [name, value] : request.headers) {
        if (!unsignedRequest || name != "X-Webhook-Timestamp")
            headers.append({name, value});
    }
    headers.append(qMakePair(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size())));
    headers.append(qMakePair(QByteArrayLiteral("Connection"), QByteArrayLiteral("close")));
    d.headers = StoredDelivery::storedHeaders(headers);
    d.body = body;
    d.bodySize = body.size();

    DeliveryVerifier verifier;
    verifier.setCandidates({{QStringLiteral("main"), kSecret}});
    const DeliveryVerifier::Verdicts verdicts = verifier.verify(headers, body, d.receivedAt);
    d.signature = DeliveryVerifier::name(verdicts.signature);
    d.matchedSecret = verdicts.matchedLabel;
    d.eventType = verdicts.eventType;
    d.eventId = verdicts.eventId;
    d.ping = verdicts.ping;
    if (!ping && i % 33 == 32)
        d.status = 503; // a chosen answer, to make Daily retry
    return d;
}

// Fills `path` with `rows` deliveries; every fifth is forwarded to the user's app, its answer recorded.
bool fill(const QString& path, int rows, qint64* elapsedMs)
{
    const QList<TestEvent> events = TestEvent::allSamples(EventCatalog::builtIn());
    DeliveryStore store;
    QString problem;
    if (events.isEmpty() || !store.open(path, &problem)) {
        std::fprintf(stderr, "bench-delivery-store: %s\n", qPrintable(problem));
        return false;
    }
    store.setMaxRows(rows);
    const qint64 newestMs = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer clock;
    clock.start();
    for (int start = 0; start < rows; start += kFillRowsPerTransaction) {
        QList<StoredDelivery> batch;
        for (int i = start; i < std::min(rows, start + kFillRowsPerTransaction); ++i) {
            batch.append(deliveryNumber(events, i, rows, newestMs));
            if (i % 5 == 0 && batch.constLast().status != 413 && !batch.constLast().ping)
                batch.last().forwardUrl = QStringLiteral("http://localhost:3000/webhooks");
        }
        if (!store.insertAll(batch, &problem)) {
            std::fprintf(stderr, "bench-delivery-store: %s\n", qPrintable(problem));
            return false;
        }
        for (StoredDelivery& d : batch) {
            if (!d.forwarded())
                continue;
            d.forwardStatus = d.status == 200 ? 200 : 500;
            d.forwardLatencyMs = 3 + d.id % 40;
            d.forwardBody = d.forwardStatus == 200 ? QByteArrayLiteral("{\"received\":true}")
                                                   : QByteArrayLiteral("{\"error\":\"database unavailable\"}");
            if (!store.recordForward(d.id, d, &problem)) {
                std::fprintf(stderr, "bench-delivery-store: %s\n", qPrintable(problem));
                return false;
            }
        }
    }
    *elapsedMs = clock.elapsed();
    return store.count() == rows;
}

// ---- the reading child ----

// One step of reading the store: timed over kRepeats calls, then the RSS of the process.
struct Step
{
    const char* name;
    std::function<qint64()> run; // returns how many rows it found
};

int runRead(const QString& path)
{
    DeliveryStore store;
    DeliveryFilter byType;
    byType.eventType = kFilterType;
    DeliveryFilter byVerdict;
    byVerdict.signature = kFilterVerdict;
    DeliveryFilter byCommonText;
    byCommonText.text = kCommonText;
    DeliveryFilter byRareText;
    byRareText.text = oldestEventId();
    DeliveryFilter byNoText;
    byNoText.text = kNoText;
    // The list's pages go by id (keyset): the newest, or the oldest for the last page.
    const auto page
        = [&store](const DeliveryFilter& filter) { return qint64(store.pageBefore(filter, 0, kPageRows).size()); };
    qint64 newest = 0;
    QString problem;
    const QList<Step> steps {
        {"open", [&] { return store.open(path, &problem) ? 1 : -1; }}, {"count", [&] { return store.count(); }},
        {"first-page",
            [&] {
                const QList<StoredDelivery> rows = store.pageBefore({}, 0, kPageRows);
                newest = rows.isEmpty() ? 0 : rows.constFirst().id;
                return qint64(rows.size());
            }},
        {"type-count", [&] { return store.count(byType); }}, {"type-page", [&] { return page(byType); }},
        {"verdict-count", [&] { return store.count(byVerdict); }}, {"verdict-page", [&] { return page(byVerdict); }},
        {"text-common-count", [&] { return store.count(byCommonText); }},
        {"text-common-page", [&] { return page(byCommonText); }},
        {"text-one-row-page", [&] { return page(byRareText); }}, {"text-no-row-page", [&] { return page(byNoText); }},
        {"last-page", [&] { return qint64(store.pageAfter({}, 0, kPageRows).size()); }},
        {"detail", [&] { return store.byId(newest) ? 1 : 0; }},
        // The window's list (DeliveryListModel) is measured here once it exists: a step that builds the model over
        // `store` and lets it fetch its first rows, and one that fetches to the end as scrolling to the bottom
        // does. The runner prints whatever steps come, so the model's RSS appears beside the store's.
    };
    for (const Step& step : steps) {
        QList<qint64> later;
        qint64 firstUs = 0;
        qint64 found = 0;
        // Opening is done once: a second open would close and reopen.
        const int calls = QByteArray(step.name) == "open" ? 1 : kRepeats;
        for (int call = 0; call < calls; ++call) {
            QElapsedTimer clock;
            clock.start();
            found = step.run();
            const qint64 us = clock.nsecsElapsed() / 1000;
            if (call == 0)
                firstUs = us;
            else
                later.append(us);
        }
        if (found < 0) {
            std::fprintf(stderr, "bench-delivery-store: %s\n", qPrintable(problem));
            return 2;
        }
        std::printf("step=%s first_us=%lld median_us=%lld rows=%lld rss_kb=%lld\n", step.name,
            static_cast<long long>(firstUs), static_cast<long long>(later.isEmpty() ? firstUs : median(later)),
            static_cast<long long>(found), static_cast<long long>(statusKb("VmRSS")));
    }
    std::printf("peak_rss_kb=%lld\n", static_cast<long long>(statusKb("VmHWM")));
    std::fflush(stdout);
    return 0;
}

// ---- the runner ----

struct StepFigures
{
    QList<qint64> firstUs;
    QList<qint64> medianUs;
    QList<qint64> rssKb;
    qint64 rows = 0;
};

struct Reading
{
    QStringList order; // the steps in the order the child ran them
    QHash<QString, StepFigures> steps;
    QList<qint64> peakKb;
};

bool runChild(const QString& path, Reading& reading)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
        {QStringLiteral("--mode"), QStringLiteral("read"), QStringLiteral("--database"), path});
    if (!child.waitForFinished(kChildTimeoutMs) || child.exitStatus() != QProcess::NormalExit
        || child.exitCode() != 0) {
        std::fprintf(stderr, "bench-delivery-store: the reading child failed\n");
        return false;
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray& line : lines) {
        QHash<QByteArray, QByteArray> values;
        for (const QByteArray& field : line.split(' ')) {
            const qsizetype equals = field.indexOf('=');
            if (equals > 0)
                values.insert(field.left(equals), field.mid(equals + 1));
        }
        if (values.contains("peak_rss_kb"))
            reading.peakKb.append(values.value("peak_rss_kb").toLongLong());
        if (!values.contains("step"))
            continue;
        const QString name = QString::fromLatin1(values.value("step"));
        if (!reading.order.contains(name))
            reading.order.append(name);
        StepFigures& f = reading.steps[name];
        f.firstUs.append(values.value("first_us").toLongLong());
        f.medianUs.append(values.value("median_us").toLongLong());
        f.rssKb.append(values.value("rss_kb").toLongLong());
        f.rows = values.value("rows").toLongLong();
    }
    return !reading.order.isEmpty() && !reading.peakKb.isEmpty();
}

int runBenchmark(int rows, int rounds)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return 2;
    const QString full = dir.filePath(QStringLiteral("full.sqlite"));
    const QString empty = dir.filePath(QStringLiteral("empty.sqlite"));
    double load0[3] = {};
    getloadavg(load0, 3);
    std::fprintf(stderr, "Stored deliveries benchmark: filling a store with %d deliveries (load average %.2f)\n", rows,
        load0[0]);
    qint64 fillMs = 0;
    if (!fill(full, rows, &fillMs)) {
        std::fprintf(stderr, "bench-delivery-store: could not fill the store with %d deliveries\n", rows);
        return 2;
    }
    {
        DeliveryStore store;
        if (!store.open(empty, nullptr))
            return 2;
    }
    const qint64 fileKb = (QFileInfo(full).size() + QFileInfo(full + QStringLiteral("-wal")).size()) / 1024;

    Reading withRows;
    Reading without;
    for (int round = 1; round <= rounds; ++round) {
        // Alternated, so both see the same machine.
        const bool fullFirst = round % 2 == 1;
        if (!runChild(fullFirst ? full : empty, fullFirst ? withRows : without)
            || !runChild(fullFirst ? empty : full, fullFirst ? without : withRows))
            return 2;
        std::fprintf(stderr, "  round %d: peak RSS %lld kB with %d rows, %lld kB empty\n", round,
            static_cast<long long>(withRows.peakKb.constLast()), rows,
            static_cast<long long>(without.peakKb.constLast()));
    }

    double load1[3] = {};
    getloadavg(load1, 3);
    std::printf("\nStored deliveries: %d rows (%.1f MiB on disk), filled in %.1f s (%.0f rows/s through insertAll, "
                "%d per transaction, and recordForward for every fifth)\n",
        rows, double(fileKb) / 1024.0, double(fillMs) / 1000.0, double(rows) * 1000.0 / std::max<qint64>(1, fillMs),
        kFillRowsPerTransaction);
    std::printf("machine: %ld cores, Qt %s; load average %.2f before, %.2f after; medians of %d rounds; pages of "
                "%d rows\n\n",
        sysconf(_SC_NPROCESSORS_ONLN), qVersion(), load0[0], load1[0], rounds, kPageRows);
    std::printf("%-20s %9s %10s %10s %10s %10s %9s\n", "step", "rows", "first", "median", "RSS full", "RSS empty",
        "difference");
    std::printf("%-20s %9s %10s %10s %10s %10s %9s\n", "", "found", "ms", "ms", "MiB", "MiB", "MiB");
    int slow = 0;
    for (const QString& name : std::as_const(withRows.order)) {
        const StepFigures& f = withRows.steps.value(name);
        const StepFigures& e = without.steps.value(name);
        const qint64 first = median(f.firstUs);
        const qint64 typical = median(f.medianUs);
        const bool isSlow = std::max(first, typical) > kSlowMs * 1000;
        slow += isSlow ? 1 : 0;
        std::printf("%-20s %9lld %10.1f %10.1f %10.1f %10.1f %9.1f%s\n", qPrintable(name),
            static_cast<long long>(f.rows), double(first) / 1000.0, double(typical) / 1000.0,
            double(median(f.rssKb)) / 1024.0, double(median(e.rssKb)) / 1024.0,
            double(median(f.rssKb) - median(e.rssKb)) / 1024.0, isSlow ? "  over 100 ms" : "");
    }
    const qint64 peakFull = median(withRows.peakKb);
    const qint64 peakEmpty = median(without.peakKb);
    std::printf("%-20s %9s %10s %10s %10.1f %10.1f %9.1f\n", "peak (VmHWM)", "", "", "", double(peakFull) / 1024.0,
        double(peakEmpty) / 1024.0, double(peakFull - peakEmpty) / 1024.0);
    std::printf("\nfirst: the first call of the step in a fresh process (the file in the operating system's cache); "
                "median: of\n%d more calls. RSS: VmRSS of the reading process after the step; empty: the same steps "
                "on an empty store.\n",
        kRepeats - 1);
    std::printf("memory with %d rows: %.1f MiB over an empty store at the peak  info\n", rows,
        double(peakFull - peakEmpty) / 1024.0);
    std::printf("steps over %lld ms at %d rows: %d  info\n", static_cast<long long>(kSlowMs), rows, slow);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench-delivery-store"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Memory and query times of a store of many deliveries, beside an empty store."));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
        QStringLiteral("Deliveries in the store (default 100000)."), QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
        QStringLiteral("Reading processes per store (default 3)."), QStringLiteral("N"), QStringLiteral("3"));
    // Internal: how the runner starts its children.
    const QCommandLineOption modeOption(QStringLiteral("mode"), QStringLiteral("Child: read."), QStringLiteral("MODE"));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"), QStringLiteral("Child: the database file."), QStringLiteral("PATH"));
    parser.addOptions({rowsOption, roundsOption, modeOption, databaseOption});
    parser.process(application);

    if (parser.value(modeOption) == QLatin1String("read"))
        return runRead(parser.value(databaseOption));
    if (parser.isSet(modeOption)) {
        std::fprintf(stderr, "bench-delivery-store: unknown --mode\n");
        return 2;
    }
    bool ok = false;
    const int rows = parser.value(rowsOption).toInt(&ok);
    bool valid = ok && rows >= 1;
    const int rounds = parser.value(roundsOption).toInt(&ok);
    valid = valid && ok && rounds >= 1;
    if (!valid) {
        std::fprintf(stderr, "bench-delivery-store: --rows and --rounds need positive numbers\n");
        return 2;
    }
    return runBenchmark(rows, rounds);
}
