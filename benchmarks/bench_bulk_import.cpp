// The bulk import benchmark behind run-bulk-import-benchmark.sh: adding 2,000 domains, each with its API key in
// the keychain, against a real Secret Service (gnome-keyring). One process measures one way of doing it, in a
// D-Bus session and keyring of its own (the runner starts each inside `dbus-run-session` with
// tests/support/with-keyring.sh), so no run inherits another's keychain entries:
//
//   --mode app            the app's path: DomainStore::addBulk(), --in-flight writes at a time;
//   --mode one-at-a-time  the path the app took before: DomainStore::add() per domain, each after the last one's
//                         key was written (each saves the settings file and emits domainsChanged());
//   --mode keychain       the floor through QtKeychain: bare SecretStore::write() calls, one after the other,
//                         no settings at all;
//   --mode secret-service the Secret Service itself, without QtKeychain (which runs one job at a time per
//                         process): CreateItem calls over D-Bus, --in-flight at a time, with the attributes
//                         QtKeychain gives its items, to see whether the keyring takes several writes at once;
//   --mode memory-app, --mode memory-one-at-a-time
//                         the first two with SecretStore's memory backend: what the store costs on its own.
//
// Prints `key=value` lines: wall_ms, ok, failed, first_ms and last_ms (the time of the first and of the last
// tenth of the domains: the growth per domain), cpu_ms (this process), keyring_cpu_ms (the process that owns
// org.freedesktop.secrets, from /proc, over the same span). Exit 0 when every domain went in, 1 when some did not,
// 2 when the benchmark could not run.

#include "BulkDomainParser.h"
#include "DomainStore.h"
#include "SecretStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <functional>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

namespace {

// The Secret Service's (oayays): session, parameters, value, content type.
struct Secret
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};

QDBusArgument& operator<<(QDBusArgument& argument, const Secret& secret)
{
    argument.beginStructure();
    argument << secret.session << secret.parameters << secret.value << secret.contentType;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, Secret& secret)
{
    argument.beginStructure();
    argument >> secret.session >> secret.parameters >> secret.value >> secret.contentType;
    argument.endStructure();
    return argument;
}

} // namespace

Q_DECLARE_METATYPE(Secret)

namespace {

const QString kSecrets = QStringLiteral("org.freedesktop.secrets");

qint64 cpuMsOfSelf()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// User and system time of a process, from /proc/PID/stat fields 14 and 15; -1 when unreadable.
qint64 cpuMsOf(uint pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid == 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces; the fields after it are counted from its closing parenthesis.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

uint keyringPid()
{
    QDBusConnectionInterface* bus = QDBusConnection::sessionBus().interface();
    return bus ? bus->servicePid(kSecrets).value() : 0;
}

// What Daily's keys look like: 64 hex digits.
QString fakeKey()
{
    QString key;
    for (int i = 0; i < 8; ++i)
        key += QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return key;
}

// Remembers when the first and the last tenth of the domains ended, and prints the figures at the end.
class Measurement
{
public:
    explicit Measurement(int total)
        : m_total(total)
        , m_tenth(qMax(1, total / 10))
    { }

    void start()
    {
        m_keyringPid = keyringPid();
        m_keyringCpuStart = cpuMsOf(m_keyringPid);
        m_cpuStart = cpuMsOfSelf();
        m_clock.start();
    }
    // `done` domains have been answered so far.
    void progress(int done)
    {
        if (m_firstMs < 0 && done >= m_tenth)
            m_firstMs = m_clock.elapsed();
        if (m_lastStartMs < 0 && done >= m_total - m_tenth)
            m_lastStartMs = m_clock.elapsed();
    }
    int print(int ok, int failed) const
    {
        const qint64 wall = m_clock.elapsed();
        const qint64 keyringCpu = cpuMsOf(m_keyringPid);
        std::printf("wall_ms=%lld\nok=%d\nfailed=%d\nfirst_ms=%lld\nlast_ms=%lld\ncpu_ms=%lld\nkeyring_cpu_ms=%lld\n",
            wall, ok, failed, m_firstMs, wall - m_lastStartMs, cpuMsOfSelf() - m_cpuStart,
            m_keyringCpuStart < 0 || keyringCpu < 0 ? -1LL : keyringCpu - m_keyringCpuStart);
        std::fflush(stdout);
        return failed == 0 && ok == m_total ? 0 : 1;
    }

private:
    int m_total;
    int m_tenth;
    qint64 m_firstMs = -1;
    qint64 m_lastStartMs = -1;
    qint64 m_cpuStart = 0;
    qint64 m_keyringCpuStart = -1;
    uint m_keyringPid = 0;
    QElapsedTimer m_clock;
};

using Done = std::function<void(int ok, int failed)>;

// The app's path: one addBulk() call.
void runApp(DomainStore* store, const QList<BulkEntry>& entries, int inFlight, Measurement* measure, Done done)
{
    store->setBulkWritesInFlight(inFlight);
    measure->start();
    store->addBulk(
        entries, QUrl(), QCoreApplication::instance(),
        [done](const QList<DomainStore::Result>& results) {
            int ok = 0;
            for (const DomainStore::Result& r : results)
                ok += r.ok() ? 1 : 0;
            done(ok, int(results.size()) - ok);
        },
        [measure](int answered, int) { measure->progress(answered); });
}

// Runs `step(index, next)` for each index in turn; `next(ok)` goes on to the following one.
void oneAfterAnother(
    int total, Measurement* measure, Done done, std::function<void(int, std::function<void(bool)>)> step)
{
    struct State
    {
        int ok = 0;
        int failed = 0;
    };
    auto state = std::make_shared<State>();
    auto next = std::make_shared<std::function<void(int)>>();
    *next = [=](int index) {
        if (index == total) {
            done(state->ok, state->failed);
            *next = nullptr; // breaks the cycle of the shared function
            return;
        }
        step(index, [=](bool ok) {
            ++(ok ? state->ok : state->failed);
            measure->progress(index + 1);
            (*next)(index + 1);
        });
    };
    measure->start();
    (*next)(0);
}

// CreateItem straight to the Secret Service, `inFlight` at a time, in a plain (unencrypted) session: the keys are
// made up for the benchmark. Returns false when the service cannot be used at all.
bool runSecretService(
    const QString& service, const QList<BulkEntry>& entries, int inFlight, Measurement* measure, Done done)
{
    qDBusRegisterMetaType<Secret>();
    qDBusRegisterMetaType<QMap<QString, QString>>();
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusMessage open = QDBusMessage::createMethodCall(kSecrets, QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("OpenSession"));
    open << QStringLiteral("plain") << QVariant::fromValue(QDBusVariant(QString()));
    const QDBusMessage opened = bus.call(open);
    if (opened.type() != QDBusMessage::ReplyMessage || opened.arguments().size() < 2) {
        std::fprintf(stderr, "bench-bulk-import: OpenSession failed: %s\n", qPrintable(opened.errorMessage()));
        return false;
    }
    const QDBusObjectPath session = qvariant_cast<QDBusObjectPath>(opened.arguments().at(1));

    struct State
    {
        int next = 0;
        int running = 0;
        int ok = 0;
        int failed = 0;
    };
    auto state = std::make_shared<State>();
    auto pump = std::make_shared<std::function<void()>>();
    *pump = [=]() {
        while (state->running < inFlight && state->next < entries.size()) {
            const BulkEntry& entry = entries.at(state->next++);
            ++state->running;
            // The attributes and label QtKeychain's libsecret backend gives an entry of `service`.
            const QMap<QString, QString> attributes {
                {QStringLiteral("user"), QStringLiteral("api-key/") + Domain::newId()},
                {QStringLiteral("server"), service}, {QStringLiteral("type"), QStringLiteral("plaintext")},
                {QStringLiteral("xdg:schema"), QStringLiteral("org.qt.keychain")}};
            QVariantMap properties;
            properties.insert(QStringLiteral("org.freedesktop.Secret.Item.Label"), service);
            properties.insert(
                QStringLiteral("org.freedesktop.Secret.Item.Attributes"), QVariant::fromValue(attributes));
            QDBusMessage create
                = QDBusMessage::createMethodCall(kSecrets, QStringLiteral("/org/freedesktop/secrets/aliases/default"),
                    QStringLiteral("org.freedesktop.Secret.Collection"), QStringLiteral("CreateItem"));
            const Secret secret {session, QByteArray(), entry.key.toUtf8(), QStringLiteral("text/plain")};
            create << properties << QVariant::fromValue(secret) << true;
            auto* watcher = new QDBusPendingCallWatcher(
                QDBusConnection::sessionBus().asyncCall(create, 10 * 60 * 1000), QCoreApplication::instance());
            QObject::connect(watcher, &QDBusPendingCallWatcher::finished, QCoreApplication::instance(),
                [=](QDBusPendingCallWatcher* finished) {
                    finished->deleteLater();
                    if (finished->isError())
                        std::fprintf(stderr, "bench-bulk-import: %s\n", qPrintable(finished->error().message()));
                    ++(finished->isError() ? state->failed : state->ok);
                    --state->running;
                    const int answered = state->ok + state->failed;
                    measure->progress(answered);
                    if (answered == entries.size()) {
                        done(state->ok, state->failed);
                        *pump = nullptr;
                        return;
                    }
                    (*pump)();
                });
        }
    };
    measure->start();
    (*pump)();
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Adds many domains with their keys and prints the figures."));
    parser.addHelpOption();
    const QCommandLineOption modeOption(QStringLiteral("mode"),
        QStringLiteral("app, one-at-a-time, keychain, secret-service, memory-app or memory-one-at-a-time."),
        QStringLiteral("MODE"));
    const QCommandLineOption domainsOption(QStringLiteral("domains"), QStringLiteral("How many domains (2000)."),
        QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption inFlightOption(QStringLiteral("in-flight"),
        QStringLiteral("Writes at a time, for app and secret-service (app: the app's default)."), QStringLiteral("N"));
    parser.addOptions({modeOption, domainsOption, inFlightOption});
    parser.process(app);

    const QString mode = parser.value(modeOption);
    const int total = parser.value(domainsOption).toInt();
    const int inFlight
        = parser.isSet(inFlightOption) ? parser.value(inFlightOption).toInt() : DomainStore::DefaultBulkWritesInFlight;
    const bool memory = mode.startsWith(QLatin1String("memory-"));
    if (total <= 0 || inFlight <= 0) {
        std::fprintf(stderr, "bench-bulk-import: --domains and --in-flight need numbers above 0\n");
        return 2;
    }
    if (!memory && qEnvironmentVariableIsEmpty("GNOME_KEYRING_CONTROL")) {
        // Thousands of entries must never land in someone's real keychain.
        std::fprintf(stderr, "bench-bulk-import: run me inside dbus-run-session with tests/support/with-keyring.sh\n");
        return 2;
    }

    QList<BulkEntry> entries;
    for (int i = 0; i < total; ++i)
        entries.append({i + 1, QStringLiteral("bench-%1").arg(i + 1, 5, 10, QLatin1Char('0')), fakeKey()});

    const QString service
        = QStringLiteral("daily-webhooks-bench-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    SecretStore secrets(memory ? SecretStore::Backend::Memory : SecretStore::Backend::Keychain, service);
    DomainStore store(&secrets, &settings);
    Measurement measure(total);

    int status = 2;
    const Done done = [&](int ok, int failed) {
        status = measure.print(ok, failed);
        QCoreApplication::exit(status);
    };
    const auto run = [&] {
        if (mode == QLatin1String("app") || mode == QLatin1String("memory-app")) {
            runApp(&store, entries, inFlight, &measure, done);
        } else if (mode == QLatin1String("one-at-a-time") || mode == QLatin1String("memory-one-at-a-time")) {
            oneAfterAnother(total, &measure, done, [&](int index, std::function<void(bool)> next) {
                store.add(entries.at(index).name, QUrl(), entries.at(index).key, QCoreApplication::instance(),
                    [next](const DomainStore::Result& result) { next(result.ok()); });
            });
        } else if (mode == QLatin1String("keychain")) {
            oneAfterAnother(total, &measure, done, [&](int index, std::function<void(bool)> next) {
                secrets.write(QStringLiteral("api-key/") + Domain::newId(), entries.at(index).key,
                    QCoreApplication::instance(), [next](const SecretStore::Result& result) { next(result.ok()); });
            });
        } else if (mode != QLatin1String("secret-service")
            || !runSecretService(service, entries, inFlight, &measure, done)) {
            std::fprintf(stderr, "bench-bulk-import: no such mode: %s\n", qPrintable(mode));
            QCoreApplication::exit(2);
        }
    };
    // The keyring is started by the bus on the first call; that start is not part of any figure.
    QTimer::singleShot(0, &app, [&] {
        if (memory)
            return run();
        secrets.read(QStringLiteral("warm-up"), &app, [&](const SecretStore::Result&) { run(); });
    });
    app.exec();
    return status;
}
