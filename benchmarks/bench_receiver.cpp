// The receiver throughput benchmark behind run-receiver-benchmark.sh (PRODUCT.md: "The receiver stores and verifies
// deliveries on loopback at no less than half the rate of a bare HTTP server that only answers 200, with every
// acknowledged delivery on disk").
//
// Without --mode it is the runner. Each round starts every server in a fresh process of this same program, then
// the one client against it, also in a process of its own:
//
//   --mode receiver        the product: Receiver behind HttpRequestGate, a DeliveryVerifier with one candidate
//                          secret, a DeliveryStore on a fresh SQLite file (WAL) in a temporary directory; every
//                          answer goes out after its row is committed;
//   --mode gated           (info) QHttpServer behind HttpRequestGate answering 200 as the Receiver answers, nothing
//                          verified or stored: what the gate and one request per connection cost, by difference;
//   --mode bare            the baseline: a bare QHttpServer whose handler answers 200 without storing anything;
//   --mode client          the load: --connections requests in flight at once over plain sockets and epoll, each
//                          request a signed delivery of one of the catalog's 32 event types (TestEvent, signed by
//                          DeliveryRequest::signedPost), one in ten signed with another secret, all built before the
//                          clock starts. A warm-up batch first, then the measured one. It costs less CPU per request
//                          than the bare server (Qt's sockets cost more), so the baseline measures the server.
//
// The client is a process of its own so that the two sides each have a core of the machine's two, the server's
// event loop does nothing but serve, and the server's CPU time (read from /proc by the runner) is its own. A
// client thread inside the server's process would share its allocator and its CPU figure. Every server gets the
// same client and the same requests, each on a fresh connection: the receiver answers one request per connection
// (HttpRequestGate), and Daily's verifier uses a fresh connection per request. `bare, kept-alive` (info) lets the
// client reuse connections where the bare server allows it, to show what one request per connection costs.
//
// After a receiver round the server is killed (SIGKILL, no chance to flush anything) and the runner opens its
// database: every request sent must be there once, with its event type, the verdict its signature deserves and
// status 200; the run fails loudly otherwise. Exit 0 when every target holds, 1 when one does not, 2 when the
// benchmark could not run.

#include "DeliveryFilter.h"
#include "DeliveryRequest.h"
#include "DeliveryStore.h"
#include "DeliveryVerifier.h"
#include "EventCatalog.h"
#include "HttpRequestGate.h"
#include "Limits.h"
#include "Receiver.h"
#include "StoredDelivery.h"
#include "TestEvent.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr double kRateTarget = 0.5; // the receiver at no less than half the bare server's rate
constexpr int kChildTimeoutMs = 10 * 60 * 1000;
constexpr int kStartTimeoutMs = 10 * 1000;
constexpr int kInvalidEvery = 10; // every tenth request is signed with another secret
constexpr int kVerifyPageRows = 1000;

// The receiver's candidate secret, and the one it does not know.
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kOtherSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");
const QByteArray kPath = QByteArrayLiteral("/webhook");

qint64 cpuMsOfSelf()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// User and system time of a process, from /proc/PID/stat fields 14 and 15; -1 when unreadable.
qint64 cpuMsOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces; the fields after it are counted from its closing parenthesis.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

// A line of /proc/PID/status such as "VmHWM:   123456 kB", in kB; -1 if missing.
qint64 statusKbOf(qint64 pid, const char* key)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
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

// What request `index` carries; the client builds it and the runner checks the stored row against it.
QString eventId(int index)
{
    return QStringLiteral("bench-%1").arg(index, 7, 10, QLatin1Char('0'));
}

QString eventType(const QList<TestEvent>& events, int index)
{
    return events.at(index % events.size()).type();
}

bool signedWithTheKnownSecret(int index)
{
    return index % kInvalidEvery != kInvalidEvery - 1;
}

// ---- the servers ----

// Tells the runner where the server listens, then serves until it is killed.
int serve(quint16 port)
{
    std::printf("port=%u\n", unsigned(port));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

int runReceiver(const QString& databasePath)
{
    DeliveryStore store;
    QString problem;
    if (!store.open(databasePath, &problem)) {
        std::fprintf(stderr, "bench-receiver: %s\n", qPrintable(problem));
        return 2;
    }
    DeliveryVerifier verifier;
    verifier.setCandidates({{QStringLiteral("bench"), kSecret}});
    Receiver receiver(&store);
    receiver.setVerifier(verifier);
    if (!receiver.listen(QHostAddress::LocalHost, 0, &problem)) {
        std::fprintf(stderr, "bench-receiver: %s\n", qPrintable(problem));
        return 2;
    }
    return serve(receiver.port());
}

int runGated()
{
    QHttpServer http;
    auto* gate = new HttpRequestGate;
    if (!gate->listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "bench-receiver: %s\n", qPrintable(gate->errorString()));
        return 2;
    }
    const quint16 port = gate->serverPort();
    http.bind(gate);
    // As Receiver answers: written to the socket, Connection: close, the responder kept until then.
    http.setMissingHandler([gate](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        QTcpSocket* socket = responder.socket();
        if (!gate->handedOnHead(socket)) {
            socket->abort();
            return;
        }
        auto kept = std::make_shared<QHttpServerResponder>(std::move(responder));
        const QByteArray body = QByteArrayLiteral("{\"stored\":0}");
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
    return serve(port);
}

int runBare()
{
    QHttpServer http;
    http.setMissingHandler([](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        responder.write(QByteArrayLiteral("{\"stored\":0}"), QByteArrayLiteral("application/json"),
            QHttpServerResponder::StatusCode::Ok);
    });
    const quint16 port = http.listen(QHostAddress::LocalHost, 0);
    if (port == 0) {
        std::fprintf(stderr, "bench-receiver: the bare server could not listen\n");
        return 2;
    }
    return serve(port);
}

// ---- the client ----

// Requests [from, to) over plain non-blocking sockets and epoll, `connections` at a time, each on a fresh connection
// unless `keepAlive` and the server did not say close. Records each request's status (0: no whole answer) and
// latency. Deliberately lean (no Qt socket classes, the requests' bytes built beforehand): the client must cost
// less per request than the bare server, or the baseline would measure the client.
class LoadClient
{
public:
    LoadClient(const QList<QByteArray>& requests, quint16 port, int connections, bool keepAlive)
        : m_requests(requests)
        , m_keepAlive(keepAlive)
        , m_statuses(requests.size(), -1)
        , m_latenciesUs(requests.size(), -1)
        , m_slots(connections)
    {
        m_address.sin_family = AF_INET;
        m_address.sin_port = htons(port);
        m_address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
    }
    ~LoadClient()
    {
        for (Slot& slot : m_slots)
            drop(slot);
        if (m_epoll >= 0)
            ::close(m_epoll);
    }
    LoadClient(const LoadClient&) = delete;
    LoadClient& operator=(const LoadClient&) = delete;

    // Sends requests [from, to) and returns once every one of them is answered or failed.
    bool run(int from, int to)
    {
        if (m_epoll < 0)
            return false;
        m_next = from;
        m_to = to;
        int outstanding = to - from;
        for (Slot& slot : m_slots)
            startNext(slot);
        epoll_event events[64];
        while (outstanding > 0 && !m_broken) {
            const int ready = epoll_wait(m_epoll, events, 64, -1);
            if (ready < 0 && errno != EINTR)
                return false;
            for (int i = 0; i < ready; ++i) {
                Slot& slot = m_slots[qsizetype(events[i].data.u32)];
                if (slot.fd >= 0 && progress(slot, events[i].events)) {
                    --outstanding;
                    startNext(slot);
                }
            }
        }
        return !m_broken;
    }

    QList<int> statuses() const { return m_statuses; }
    QList<qint64> latenciesUs() const { return m_latenciesUs; }

private:
    struct Slot
    {
        int fd = -1;
        int request = -1;
        qsizetype written = 0;
        QByteArray answer;
        QElapsedTimer since;
        bool serverCloses = true;
    };

    void startNext(Slot& slot)
    {
        if (m_next >= m_to) {
            drop(slot);
            return;
        }
        slot.request = m_next++;
        slot.written = 0;
        slot.answer.clear();
        slot.since.start();
        const quint32 index = quint32(&slot - m_slots.data());
        if (slot.fd >= 0) {
            // A connection the server keeps open: the next request goes out on it.
            epoll_event event {EPOLLOUT | EPOLLIN, {}};
            event.data.u32 = index;
            epoll_ctl(m_epoll, EPOLL_CTL_MOD, slot.fd, &event);
            return;
        }
        slot.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (slot.fd < 0) {
            std::fprintf(stderr, "bench-receiver: socket: %s\n", std::strerror(errno));
            m_broken = true;
            return;
        }
        // A refused connection shows as an error on the socket's first event.
        ::connect(slot.fd, reinterpret_cast<const sockaddr*>(&m_address), sizeof m_address);
        epoll_event event {EPOLLOUT | EPOLLIN, {}};
        event.data.u32 = index;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, slot.fd, &event);
    }

    void drop(Slot& slot)
    {
        if (slot.fd < 0)
            return;
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, slot.fd, nullptr);
        ::close(slot.fd);
        slot.fd = -1;
    }

    // Writes what is left of the slot's request and reads its answer; true once the request is over.
    bool progress(Slot& slot, quint32 events)
    {
        const QByteArray& request = m_requests.at(slot.request);
        if ((events & EPOLLOUT) && slot.written < request.size()) {
            const ssize_t n = ::send(
                slot.fd, request.constData() + slot.written, size_t(request.size() - slot.written), MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN)
                return finish(slot, 0, true);
            slot.written += std::max<ssize_t>(0, n);
            if (slot.written == request.size()) {
                epoll_event event {EPOLLIN, {}};
                event.data.u32 = quint32(&slot - m_slots.data());
                epoll_ctl(m_epoll, EPOLL_CTL_MOD, slot.fd, &event);
            }
        }
        if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
            return false;
        bool closed = false;
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(slot.fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                slot.answer.append(buffer, n);
                continue;
            }
            closed = n == 0 || errno != EAGAIN;
            break;
        }
        const qsizetype headEnd = slot.answer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return closed ? finish(slot, 0, true) : false;
        const QList<QByteArray> lines = slot.answer.left(headEnd).split('\n');
        qint64 length = -1;
        bool serverCloses = false;
        for (const QByteArray& line : lines) {
            const QByteArray lower = line.trimmed().toLower();
            if (lower.startsWith("content-length:"))
                length = lower.mid(15).trimmed().toLongLong();
            else if (lower.startsWith("connection:") && lower.contains("close"))
                serverCloses = true;
        }
        const bool whole = length >= 0 ? slot.answer.size() - headEnd - 4 >= length : closed;
        if (!whole)
            return closed ? finish(slot, 0, true) : false;
        return finish(slot, lines.value(0).split(' ').value(1).toInt(), closed || serverCloses || !m_keepAlive);
    }

    bool finish(Slot& slot, int status, bool closeConnection)
    {
        m_statuses[slot.request] = status;
        m_latenciesUs[slot.request] = slot.since.nsecsElapsed() / 1000;
        slot.request = -1;
        if (closeConnection)
            drop(slot);
        return true;
    }

    const QList<QByteArray> m_requests;
    const bool m_keepAlive;
    QList<int> m_statuses;
    QList<qint64> m_latenciesUs;
    QList<Slot> m_slots;
    sockaddr_in m_address {};
    int m_epoll = -1;
    int m_next = 0;
    int m_to = 0;
    bool m_broken = false;
};

// The bytes of request `index`: Daily's delivery of one catalog event, signed, as an HTTP/1.1 request.
QByteArray requestBytes(const QList<TestEvent>& events, int index, quint16 port, qint64 nowMs)
{
    const TestEvent& event = events.at(index % events.size());
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    url.setPath(QString::fromLatin1(kPath));
    const DeliveryRequest request = DeliveryRequest::signedPost(url, event.body(eventId(index), nowMs),
        signedWithTheKnownSecret(index) ? kSecret : kOtherSecret, QString(), QByteArray::number(nowMs),
        TestEvent::userAgent());
    QByteArray bytes = "POST " + kPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto& [name, value] : request.headers)
        bytes += name + ": " + value + "\r\n";
    return bytes + "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n" + request.body;
}

// --mode client: the warm-up batch, "warm" on stdout, then (after a line on stdin: the runner has read the
// server's CPU time) the measured batch.
int runClient(quint16 port, int warmup, int requests, int connections, bool keepAlive)
{
    const QList<TestEvent> events = TestEvent::allSamples(EventCatalog::builtIn());
    if (events.isEmpty())
        return 2;
    const int total = warmup + requests;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    QList<QByteArray> bytes;
    bytes.reserve(total);
    for (int i = 0; i < total; ++i)
        bytes.append(requestBytes(events, i, port, nowMs));

    LoadClient client(bytes, port, connections, keepAlive);
    if (!client.run(0, warmup))
        return 2;
    // The runner reads the server's CPU time now, then says go.
    std::printf("warm\n");
    std::fflush(stdout);
    char line[16];
    if (!std::fgets(line, sizeof line, stdin))
        return 2;
    const qint64 cpuAtStart = cpuMsOfSelf();
    QElapsedTimer wall;
    wall.start();
    if (!client.run(warmup, total))
        return 2;
    const qint64 wallMs = wall.elapsed();
    const qint64 cpuMs = cpuMsOfSelf() - cpuAtStart;

    const QList<int> statuses = client.statuses();
    qint64 ok = 0;
    qint64 failed = 0;
    for (int i = 0; i < total; ++i)
        ++(statuses.at(i) == 200 ? ok : failed);
    QList<qint64> latencies = client.latenciesUs().mid(warmup);
    std::sort(latencies.begin(), latencies.end());
    std::printf("wall_ms=%lld\ncpu_ms=%lld\nok=%lld\nfailed=%lld\np50_us=%lld\np99_us=%lld\n",
        static_cast<long long>(wallMs), static_cast<long long>(cpuMs), static_cast<long long>(ok),
        static_cast<long long>(failed), static_cast<long long>(latencies.value(latencies.size() / 2)),
        static_cast<long long>(latencies.value(latencies.size() * 99 / 100)));
    std::fflush(stdout);
    return 0;
}

// ---- the runner ----

struct Figures
{
    qint64 wallMs = 0;
    qint64 clientCpuMs = 0;
    qint64 serverCpuMs = 0;
    qint64 serverPeakKb = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 p50Us = 0;
    qint64 p99Us = 0;
    qint64 databaseKb = -1; // the receiver's file and its WAL after the round
    bool verified = true; // the receiver's rows are the requests sent
};

struct Mode
{
    QString server; // the --mode of the server child
    bool keepAlive;
    const char* label;
    QList<Figures> runs;
    QString program = QCoreApplication::applicationFilePath(); // the server's executable

    QList<qint64> rates(int requests) const
    {
        QList<qint64> values;
        for (const Figures& f : runs)
            values.append(qint64(double(requests) * 1000.0 / double(std::max<qint64>(1, f.wallMs))));
        return values;
    }
    qint64 medianOf(qint64 Figures::*member) const
    {
        QList<qint64> values;
        for (const Figures& f : runs)
            values.append(f.*member);
        return median(values);
    }
};

QHash<QByteArray, qint64> keyValues(const QByteArray& output)
{
    QHash<QByteArray, qint64> values;
    const QList<QByteArray> lines = output.split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            values.insert(line.left(equals), line.mid(equals + 1).toLongLong());
    }
    return values;
}

bool startServer(QProcess& server, const QString& program, const QStringList& arguments, quint16* port)
{
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(program, arguments);
    if (!server.waitForStarted(kStartTimeoutMs))
        return false;
    QByteArray output;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < kStartTimeoutMs && server.waitForReadyRead(1000)) {
        output += server.readAllStandardOutput();
        if (output.contains('\n')) {
            *port = quint16(keyValues(output).value("port"));
            return *port != 0;
        }
    }
    return false;
}

// Every request sent is stored once, with its type, the verdict its signature deserves and status 200.
bool verifyStore(const QString& path, const QList<TestEvent>& events, int total)
{
    DeliveryStore store;
    QString problem;
    if (!store.open(path, &problem)) {
        std::fprintf(
            stderr, "bench-receiver: FAIL: the receiver's database cannot be opened: %s\n", qPrintable(problem));
        return false;
    }
    QList<bool> seen(total, false);
    qint64 wrong = 0;
    qint64 rows = 0;
    for (qint64 before = 0;;) {
        const QList<StoredDelivery> page = store.pageBefore(DeliveryFilter {}, before, kVerifyPageRows);
        if (!page.isEmpty())
            before = page.constLast().id;
        for (const StoredDelivery& d : page) {
            ++rows;
            bool ok = false;
            const int index = d.eventId.mid(int(std::strlen("bench-"))).toInt(&ok);
            const QString expected
                = DeliveryVerifier::name(signedWithTheKnownSecret(index) ? DeliveryVerifier::SignatureVerdict::Valid
                                                                         : DeliveryVerifier::SignatureVerdict::Invalid);
            if (!ok || index < 0 || index >= total || seen.at(index) || d.eventType != eventType(events, index)
                || d.signature != expected || d.status != 200 || d.target != kPath || d.bodySize <= 0) {
                if (++wrong <= 5)
                    std::fprintf(stderr, "bench-receiver: unexpected row: id %s, type %s, signature %s, status %d\n",
                        qPrintable(d.eventId), qPrintable(d.eventType), qPrintable(d.signature), d.status);
                continue;
            }
            seen[index] = true;
        }
        if (page.size() < kVerifyPageRows)
            break;
    }
    const qint64 missing = std::count(seen.cbegin(), seen.cend(), false);
    if (wrong == 0 && missing == 0 && rows == total)
        return true;
    std::fprintf(stderr,
        "bench-receiver: FAIL: %d requests sent, %lld rows stored, %lld of them unexpected, %lld requests missing\n",
        total, static_cast<long long>(rows), static_cast<long long>(wrong), static_cast<long long>(missing));
    return false;
}

bool runRound(
    Mode& mode, const QString& workDir, int round, const QStringList& load, const QList<TestEvent>& events, int total)
{
    QStringList serverArguments {QStringLiteral("--mode"), mode.server};
    const QString database = QStringLiteral("%1/round-%2.sqlite").arg(workDir).arg(round);
    const bool receiver = mode.server == QLatin1String("receiver");
    if (receiver)
        serverArguments << QStringLiteral("--database") << database;
    QProcess server;
    quint16 port = 0;
    if (!startServer(server, mode.program, serverArguments, &port)) {
        std::fprintf(stderr, "bench-receiver: the %s server did not start\n", qPrintable(mode.server));
        return false;
    }
    const qint64 serverPid = server.processId();

    QProcess client;
    client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList clientArguments {
        QStringLiteral("--mode"), QStringLiteral("client"), QStringLiteral("--port"), QString::number(port)};
    clientArguments += load;
    if (mode.keepAlive)
        clientArguments << QStringLiteral("--keep-alive");
    client.start(QCoreApplication::applicationFilePath(), clientArguments);
    QByteArray output;
    QElapsedTimer waited;
    waited.start();
    while (!output.contains("warm\n") && waited.elapsed() < kChildTimeoutMs && client.waitForReadyRead(1000))
        output += client.readAllStandardOutput();
    if (!output.contains("warm\n")) {
        std::fprintf(stderr, "bench-receiver: the client did not finish its warm-up\n");
        return false;
    }
    const qint64 serverCpuAtStart = cpuMsOf(serverPid);
    client.write("go\n");
    if (!client.waitForFinished(kChildTimeoutMs) || client.exitStatus() != QProcess::NormalExit
        || client.exitCode() != 0) {
        std::fprintf(stderr, "bench-receiver: the client failed\n");
        return false;
    }
    Figures f;
    f.serverCpuMs = cpuMsOf(serverPid) - serverCpuAtStart;
    f.serverPeakKb = statusKbOf(serverPid, "VmHWM");
    // No orderly shutdown: what the receiver acknowledged must already be on disk.
    server.kill();
    server.waitForFinished(kStartTimeoutMs);

    const QHash<QByteArray, qint64> values = keyValues(output + client.readAllStandardOutput());
    f.wallMs = values.value("wall_ms");
    f.clientCpuMs = values.value("cpu_ms");
    f.ok = values.value("ok");
    f.failed = values.value("failed", -1);
    f.p50Us = values.value("p50_us");
    f.p99Us = values.value("p99_us");
    if (receiver) {
        f.databaseKb = (QFileInfo(database).size() + QFileInfo(database + QStringLiteral("-wal")).size()) / 1024;
        f.verified = verifyStore(database, events, total);
        QFile::remove(database);
        QFile::remove(database + QStringLiteral("-wal"));
        QFile::remove(database + QStringLiteral("-shm"));
    }
    mode.runs.append(f);
    return true;
}

void printRow(const Mode& mode, int requests, int total)
{
    if (mode.runs.isEmpty())
        return;
    const QList<qint64> rates = mode.rates(requests);
    const qint64 answered = std::count_if(
        mode.runs.cbegin(), mode.runs.cend(), [total](const Figures& f) { return f.ok == total && f.failed == 0; });
    QList<qint64> serverUs;
    QList<qint64> clientShare;
    for (const Figures& f : mode.runs) {
        serverUs.append(f.serverCpuMs * 1000 / requests);
        clientShare.append(f.clientCpuMs * 100 / std::max<qint64>(1, f.wallMs));
    }
    std::printf("%-34s %7lld %7lld %7lld %8lld %7lld %7.2f %7.2f %8.1f %4lld/%lld\n", mode.label,
        static_cast<long long>(*std::min_element(rates.cbegin(), rates.cend())), static_cast<long long>(median(rates)),
        static_cast<long long>(*std::max_element(rates.cbegin(), rates.cend())),
        static_cast<long long>(median(serverUs)), static_cast<long long>(median(clientShare)),
        double(mode.medianOf(&Figures::p50Us)) / 1000.0, double(mode.medianOf(&Figures::p99Us)) / 1000.0,
        double(mode.medianOf(&Figures::serverPeakKb)) / 1024.0, static_cast<long long>(answered),
        static_cast<long long>(mode.runs.size()));
}

int runBenchmark(int rounds, int warmup, int requests, int connections, const QString& otherReceiver)
{
    const QList<TestEvent> events = TestEvent::allSamples(EventCatalog::builtIn());
    QTemporaryDir workDir;
    if (events.isEmpty() || !workDir.isValid()) {
        std::fprintf(stderr, "bench-receiver: no event catalog or no temporary directory\n");
        return 2;
    }
    const int total = warmup + requests;
    const QStringList load {QStringLiteral("--warmup"), QString::number(warmup), QStringLiteral("--requests"),
        QString::number(requests), QStringLiteral("--connections"), QString::number(connections)};

    Mode receiver {QStringLiteral("receiver"), false, "receiver: store + verify", {}};
    Mode gated {QStringLiteral("gated"), false, "    gate only, nothing stored (info)", {}};
    Mode bare {QStringLiteral("bare"), false, "bare QHttpServer, answers 200", {}};
    Mode bareKept {QStringLiteral("bare"), true, "    bare, kept-alive (info)", {}};
    QList<Mode*> order {&receiver, &gated, &bare, &bareKept};
    // The receiver of another build of this program (an earlier commit's), measured in the same run.
    Mode other {QStringLiteral("receiver"), false, "    receiver, --compare-with (info)", {}};
    other.program = otherReceiver;
    if (!otherReceiver.isEmpty())
        order.append(&other);

    double load0[3] = {};
    getloadavg(load0, 3);
    std::fprintf(stderr,
        "Receiver benchmark: %d rounds; each run %d warm-up + %d measured deliveries, %d connections in flight; "
        "load average %.2f\n",
        rounds, warmup, requests, connections, load0[0]);
    for (int round = 1; round <= rounds; ++round) {
        // Each round starts with another server, so none always runs first or last.
        std::rotate(order.begin(), order.begin() + 1, order.end());
        for (Mode* mode : std::as_const(order)) {
            if (!runRound(*mode, workDir.path(), round, load, events, total))
                return 2;
            const Figures& f = mode->runs.constLast();
            std::fprintf(stderr,
                "  round %d  %-34s %6lld/s  wall %5lld ms  server cpu %5lld ms  client cpu %5lld ms  ok %lld/%d%s\n",
                round, mode->label, static_cast<long long>(double(requests) * 1000.0 / std::max<qint64>(1, f.wallMs)),
                static_cast<long long>(f.wallMs), static_cast<long long>(f.serverCpuMs),
                static_cast<long long>(f.clientCpuMs), static_cast<long long>(f.ok), total,
                f.databaseKb >= 0 ? (f.verified ? "  stored and verified" : "  STORE CHECK FAILED") : "");
        }
    }

    double load1[3] = {};
    getloadavg(load1, 3);
    std::printf("\nDeliveries on loopback: %d measured per run (after %d warm-up), %d connections in flight, one "
                "request per connection\n",
        requests, warmup, connections);
    std::printf("machine: %ld cores, Qt %s; load average %.2f before, %.2f after; %d rounds\n\n",
        sysconf(_SC_NPROCESSORS_ONLN), qVersion(), load0[0], load1[0], rounds);
    std::printf("%-34s %7s %7s %7s %8s %7s %7s %7s %8s %6s\n", "server", "rate", "median", "max", "server", "client",
        "p50", "p99", "server", "all");
    std::printf("%-34s %7s %7s %7s %8s %7s %7s %7s %8s %6s\n", "", "min/s", "/s", "/s", "CPU us/r", "CPU %", "ms", "ms",
        "peak MiB", "200s");
    printRow(receiver, requests, total);
    printRow(other, requests, total);
    printRow(gated, requests, total);
    printRow(bare, requests, total);
    printRow(bareKept, requests, total);
    std::printf("\nrate: measured deliveries / wall time of the client. server CPU: the server process's CPU time per "
                "request;\nclient CPU: the client's CPU time as a share of the wall time (near 100 %%: the client is "
                "the limit).\np50, p99: latency of one request, connect to whole answer. peak: VmHWM of the server "
                "process.\n\n");

    int failures = 0;
    const bool stored = std::all_of(receiver.runs.cbegin(), receiver.runs.cend(),
        [total](const Figures& f) { return f.verified && f.ok == total && f.failed == 0; });
    std::printf("every delivery answered 200 and stored once with its type and verdict (%d per run, killed after): "
                "%s\n",
        total, stored ? "PASS" : "FAIL");
    failures += stored ? 0 : 1;
    const bool bareAnswered = std::all_of(
        bare.runs.cbegin(), bare.runs.cend(), [total](const Figures& f) { return f.ok == total && f.failed == 0; });
    if (!bareAnswered) {
        std::printf("FAIL: the bare server did not answer every request 200\n");
        ++failures;
    }
    const QList<qint64> receiverRates = receiver.rates(requests);
    const QList<qint64> bareRates = bare.rates(requests);
    const double ratio = double(median(receiverRates)) / double(std::max<qint64>(1, median(bareRates)));
    const bool ratePass = ratio >= kRateTarget;
    std::printf("receiver / bare rate:  %.2fx (target >= %.1fx)  %s\n", ratio, kRateTarget, ratePass ? "PASS" : "FAIL");
    std::printf("receiver / bare fastest rounds: %.2fx; server CPU per request: %.2fx  info\n",
        double(*std::max_element(receiverRates.cbegin(), receiverRates.cend()))
            / double(std::max<qint64>(1, *std::max_element(bareRates.cbegin(), bareRates.cend()))),
        double(receiver.medianOf(&Figures::serverCpuMs))
            / double(std::max<qint64>(1, bare.medianOf(&Figures::serverCpuMs))));
    std::printf("receiver database after a run: %.1f MiB (file and WAL)  info\n",
        double(receiver.medianOf(&Figures::databaseKb)) / 1024.0);
    failures += ratePass ? 0 : 1;
    if (failures > 0) {
        std::printf("%d FAIL\n", failures);
        return 1;
    }
    std::printf("all targets PASS\n");
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench-receiver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Deliveries per second stored and verified by the receiver, "
                                                    "beside a bare QHttpServer answering 200."));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Runs of each server (default 5)."),
        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption requestsOption(QStringLiteral("requests"),
        QStringLiteral("Measured deliveries per run (default 10000)."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"),
        QStringLiteral("Deliveries sent before the measured ones (default 500)."), QStringLiteral("N"),
        QStringLiteral("500"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"),
        QStringLiteral("Requests in flight at once (default 16)."), QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption compareOption(QStringLiteral("compare-with"),
        QStringLiteral("Also run the receiver of this bench-receiver executable (another build), for information."),
        QStringLiteral("PATH"));
    // Internal: how the runner starts its children.
    const QCommandLineOption modeOption(
        QStringLiteral("mode"), QStringLiteral("Child: receiver, gated, bare or client."), QStringLiteral("MODE"));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"), QStringLiteral("Child receiver: the database file."), QStringLiteral("PATH"));
    const QCommandLineOption portOption(
        QStringLiteral("port"), QStringLiteral("Child client: the server's port."), QStringLiteral("PORT"));
    const QCommandLineOption keepAliveOption(
        QStringLiteral("keep-alive"), QStringLiteral("Child client: reuse connections the server keeps open."));
    parser.addOptions({roundsOption, requestsOption, warmupOption, connectionsOption, compareOption, modeOption,
        databaseOption, portOption, keepAliveOption});
    parser.process(application);

    bool ok = false;
    const int rounds = parser.value(roundsOption).toInt(&ok);
    bool valid = ok && rounds >= 1;
    const int requests = parser.value(requestsOption).toInt(&ok);
    valid = valid && ok && requests >= 1;
    const int warmup = parser.value(warmupOption).toInt(&ok);
    valid = valid && ok && warmup >= 0;
    const int connections = parser.value(connectionsOption).toInt(&ok);
    valid = valid && ok && connections >= 1 && connections <= Limits::MaxConnectionsBeingRead;
    // Every run's rows must fit under the store's row limit, or the oldest would be dropped.
    valid = valid && qint64(warmup) + requests <= Limits::DefaultMaxStoredDeliveries;
    if (!valid) {
        std::fprintf(stderr,
            "bench-receiver: --rounds, --requests and --connections need positive numbers, --warmup a number from 0; "
            "at most %d connections and %lld deliveries per run\n",
            Limits::MaxConnectionsBeingRead, static_cast<long long>(Limits::DefaultMaxStoredDeliveries));
        return 2;
    }

    if (!parser.isSet(modeOption))
        return runBenchmark(rounds, warmup, requests, connections, parser.value(compareOption));
    const QString mode = parser.value(modeOption);
    if (mode == QLatin1String("receiver"))
        return runReceiver(parser.value(databaseOption));
    if (mode == QLatin1String("gated"))
        return runGated();
    if (mode == QLatin1String("bare"))
        return runBare();
    if (mode == QLatin1String("client"))
        return runClient(
            quint16(parser.value(portOption).toUInt()), warmup, requests, connections, parser.isSet(keepAliveOption));
    std::fprintf(stderr, "bench-receiver: unknown --mode\n");
    return 2;
}
