// Domains against a real Secret Service (a throw-away gnome-keyring; see support/with-keyring.sh): names and
// base URLs in a settings file of the test's own, keys in the keychain only, exactly as the app stores them.

#include "BulkDomainParser.h"
#include "DomainStore.h"
#include "Limits.h"
#include "SecretStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

namespace {

const QString kKeyA = QStringLiteral("dwtestkeyAAAA0123456789abcdef");
const QString kKeyB = QStringLiteral("dwtestkeyBBBB0123456789abcdef");
const QString kKeyC = QStringLiteral("dwtestkeyCCCC0123456789abcdef");

} // namespace

class tst_DomainStore : public QObject
{
    Q_OBJECT

private:
    // Runs one asynchronous call to its end and returns what the callback received.
    template<typename ResultType, typename Start>
    ResultType run(Start start)
    {
        std::optional<ResultType> received;
        start([&received](const ResultType& r) { received = r; });
        if (!QTest::qWaitFor([&] { return received.has_value(); }, 20000)) {
            QTest::qFail("no answer within 20 seconds", __FILE__, __LINE__);
            return {};
        }
        return *received;
    }
    DomainStore::Result add(DomainStore& store, const QString& name, const QString& key, const QUrl& url = {})
    {
        return run<DomainStore::Result>([&](auto cb) { store.add(name, url, key, this, cb); });
    }
    SecretStore::Result readKey(DomainStore& store, const QString& id)
    {
        return run<SecretStore::Result>([&](auto cb) { store.readKey(id, this, cb); });
    }
    SecretStore::Result removeDomain(DomainStore& store, const QString& id)
    {
        return run<SecretStore::Result>([&](auto cb) { store.remove(id, this, cb); });
    }
    SecretStore::Result readEntry(const QString& entry)
    {
        return run<SecretStore::Result>([&](auto cb) { m_secrets->read(entry, this, cb); });
    }
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("domains.conf")); }
    std::unique_ptr<QSettings> openSettings() const
    {
        return std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
    }
    QByteArray settingsBytes() const
    {
        QFile file(settingsPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QString m_service;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // A service name of this run only, so nothing collides with another test or a real entry.
        m_service = QStringLiteral("daily-webhooks-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_secrets = std::make_unique<SecretStore>(m_service);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void addReadRenameRemove()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        QSignalSpy changed(&store, &DomainStore::domainsChanged);
        QVERIFY(store.domains().isEmpty());

        const DomainStore::Result added = add(store, QStringLiteral("  Staging "), kKeyA);
        QVERIFY2(added.ok(), qPrintable(added.error));
        QVERIFY(added.keyInKeychain);
        QCOMPARE(added.domain.name, QStringLiteral("Staging"));
        QCOMPARE(added.domain.baseUrl, DomainTarget::defaultBaseUrl());
        QVERIFY(!QUuid::fromString(added.domain.id).isNull());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.domains(), QList<Domain> {added.domain});
        QCOMPARE(store.domain(added.domain.id), std::optional<Domain>(added.domain));
        QCOMPARE(store.domainByName(QStringLiteral("STAGING")), std::optional<Domain>(added.domain));
        QVERIFY(!store.domainByName(QStringLiteral("production")));
        QVERIFY(!store.hasSessionOnlyKey(added.domain.id));

        // The key is really in the keychain, under the id.
        const SecretStore::Result entry = readEntry(QStringLiteral("api-key/") + added.domain.id);
        QVERIFY2(entry.ok(), qPrintable(entry.error));
        QCOMPARE(entry.secret, kKeyA);
        const SecretStore::Result key = readKey(store, added.domain.id);
        QVERIFY2(key.ok(), qPrintable(key.error));
        QCOMPARE(key.secret, kKeyA);

        // Renaming leaves the key where it is.
        QCOMPARE(store.rename(added.domain.id, QStringLiteral("staging-eu")), QString());
        QCOMPARE(store.domain(added.domain.id)->name, QStringLiteral("staging-eu"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(readKey(store, added.domain.id).secret, kKeyA);
        // Its own name in another case is no conflict; a second domain's name is.
        QCOMPARE(store.rename(added.domain.id, QStringLiteral("Staging-EU")), QString());
        QCOMPARE(store.domain(added.domain.id)->name, QStringLiteral("Staging-EU"));
        const DomainStore::Result other = add(store, QStringLiteral("production"), kKeyB);
        QVERIFY(other.ok());
        QVERIFY(!store.rename(added.domain.id, QStringLiteral("PRODUCTION")).isEmpty());
        QVERIFY(!store.rename(added.domain.id, QStringLiteral("a,b")).isEmpty());
        QCOMPARE(store.domain(added.domain.id)->name, QStringLiteral("Staging-EU"));
        QVERIFY(!store.rename(QStringLiteral("no-such-id"), QStringLiteral("x")).isEmpty());

        // Removing forgets the domain and deletes its keychain entry; the other domain is untouched.
        const int before = changed.count();
        const SecretStore::Result removed = removeDomain(store, added.domain.id);
        QVERIFY2(removed.ok(), qPrintable(removed.error));
        QCOMPARE(changed.count(), before + 1);
        QCOMPARE(store.domains(), QList<Domain> {other.domain});
        QCOMPARE(readEntry(added.domain.keyName()).status, SecretStore::Result::Status::NotFound);
        QCOMPARE(readKey(store, added.domain.id).status, SecretStore::Result::Status::NotFound);
        QCOMPARE(readKey(store, other.domain.id).secret, kKeyB);
        QVERIFY(!settingsBytes().contains(added.domain.id.toUtf8()));

        QVERIFY(removeDomain(store, other.domain.id).ok());
        QVERIFY(store.domains().isEmpty());
        QCOMPARE(removeDomain(store, other.domain.id).status, SecretStore::Result::Status::NotFound);
    }

    void addRejectsBadInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QUrl>("baseUrl");

        const QUrl none;
        QTest::newRow("empty name") << QString() << kKeyB << none;
        QTest::newRow("name taken, other case") << QStringLiteral("EXISTING") << kKeyB << none;
        QTest::newRow("comma in name") << QStringLiteral("a,b") << kKeyB << none;
        QTest::newRow("line break in name") << QStringLiteral("a\nb") << kKeyB << none;
        QTest::newRow("empty key") << QStringLiteral("fresh") << QString() << none;
        QTest::newRow("key with a space") << QStringLiteral("fresh") << QStringLiteral("dwtestkey with space") << none;
        QTest::newRow("base URL without scheme")
            << QStringLiteral("fresh") << kKeyB << QUrl(QStringLiteral("api.daily.co/v1"));
    }

    void addRejectsBadInput()
    {
        QFETCH(QString, name);
        QFETCH(QString, key);
        QFETCH(QUrl, baseUrl);

        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        QVERIFY(add(store, QStringLiteral("existing"), kKeyA).ok());
        QSignalSpy changed(&store, &DomainStore::domainsChanged);

        const DomainStore::Result result = add(store, name, key, baseUrl);
        QVERIFY(!result.added());
        QVERIFY(!result.ok());
        QVERIFY(!result.error.isEmpty());
        if (!key.isEmpty())
            QVERIFY(!result.error.contains(key));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(store.domains().size(), 1);
        QVERIFY(removeDomain(store, store.domains().first().id).ok());
    }

    void persistsAcrossInstances()
    {
        const QUrl proxy(QStringLiteral("http://127.0.0.1:8787/v1"));
        QList<Domain> expected;
        {
            const auto settings = openSettings();
            DomainStore store(m_secrets.get(), settings.get());
            const DomainStore::Result a = add(store, QStringLiteral("staging"), kKeyA, proxy);
            const DomainStore::Result b = add(store, QStringLiteral("production"), kKeyB);
            const DomainStore::Result c = add(store, QStringLiteral("qa"), kKeyC);
            QVERIFY(a.ok() && b.ok() && c.ok());
            QCOMPARE(a.domain.baseUrl, proxy);
            QCOMPARE(store.rename(b.domain.id, QStringLiteral("Production EU")), QString());
            QCOMPARE(store.setBaseUrl(c.domain.id, proxy), QString());
            QVERIFY(!store.setBaseUrl(c.domain.id, QUrl(QStringLiteral("ftp://example.com"))).isEmpty());
            expected = store.domains();
        }
        QCOMPARE(expected.size(), 3);
        QCOMPARE(expected.at(1).name, QStringLiteral("Production EU"));
        QCOMPARE(expected.at(2).baseUrl, proxy);

        // A new store on the same file: same domains, same order, same ids; keys come from the keychain.
        const auto settings = openSettings();
        DomainStore reopened(m_secrets.get(), settings.get());
        QCOMPARE(reopened.domains(), expected);
        QCOMPARE(readKey(reopened, expected.at(0).id).secret, kKeyA);
        QCOMPARE(readKey(reopened, expected.at(1).id).secret, kKeyB);
        QVERIFY(removeDomain(reopened, expected.at(1).id).ok());

        const auto settingsAgain = openSettings();
        DomainStore third(m_secrets.get(), settingsAgain.get());
        QCOMPARE(third.domains(), (QList<Domain> {expected.at(0), expected.at(2)}));
        for (const Domain& domain : third.domains())
            QVERIFY(removeDomain(third, domain.id).ok());
        QVERIFY(third.domains().isEmpty());
    }

    void setKeyReplacesTheKey()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        const DomainStore::Result added = add(store, QStringLiteral("staging"), kKeyA);
        QVERIFY(added.ok());

        const DomainStore::Result replaced
            = run<DomainStore::Result>([&](auto cb) { store.setKey(added.domain.id, kKeyB, this, cb); });
        QVERIFY2(replaced.ok(), qPrintable(replaced.error));
        QCOMPARE(replaced.domain, added.domain);
        QCOMPARE(readKey(store, added.domain.id).secret, kKeyB);
        QCOMPARE(readEntry(added.domain.keyName()).secret, kKeyB);

        const DomainStore::Result empty
            = run<DomainStore::Result>([&](auto cb) { store.setKey(added.domain.id, QString(), this, cb); });
        QVERIFY(!empty.error.isEmpty());
        QVERIFY(!empty.added());
        const DomainStore::Result unknown
            = run<DomainStore::Result>([&](auto cb) { store.setKey(QStringLiteral("no-such-id"), kKeyC, this, cb); });
        QVERIFY(!unknown.error.isEmpty());
        QCOMPARE(readKey(store, added.domain.id).secret, kKeyB);
        QVERIFY(removeDomain(store, added.domain.id).ok());
    }

    void bulkAdd()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        QVERIFY(add(store, QStringLiteral("existing"), kKeyA).ok());

        const BulkDomainParser::Result parsed
            = BulkDomainParser::parse("name,key\r\nbulk-one, dwtestkeybulk1\r\n# skipped\r\nbulk-two,dwtestkeybulk2\r\n"
                                      "existing,dwtestkeybulk3\r\nbulk-three ,dwtestkeybulk4\r\n",
                store.names());
        QCOMPARE(parsed.entries.size(), 3);
        QCOMPARE(parsed.problems.size(), 1);

        // The store checks again: a name taken since the text was read, or twice in the list, is refused.
        QList<BulkEntry> entries = parsed.entries;
        QVERIFY(add(store, QStringLiteral("BULK-TWO"), kKeyB).ok());
        entries.append({99, QStringLiteral("Bulk-One"), QStringLiteral("dwtestkeybulk5")});

        const QUrl proxy(QStringLiteral("http://127.0.0.1:8787/v1"));
        const QList<DomainStore::Result> results
            = run<QList<DomainStore::Result>>([&](auto cb) { store.addBulk(entries, proxy, this, cb); });
        QCOMPARE(results.size(), 4);
        QVERIFY2(results.at(0).ok(), qPrintable(results.at(0).error));
        QVERIFY(!results.at(1).added());
        QVERIFY2(results.at(2).ok(), qPrintable(results.at(2).error));
        QVERIFY(!results.at(3).added());
        QCOMPARE(results.at(0).domain.name, QStringLiteral("bulk-one"));
        QCOMPARE(results.at(0).domain.baseUrl, proxy);
        QCOMPARE(results.at(2).domain.name, QStringLiteral("bulk-three"));
        QCOMPARE(store.names(),
            (QStringList {QStringLiteral("existing"), QStringLiteral("BULK-TWO"), QStringLiteral("bulk-one"),
                QStringLiteral("bulk-three")}));
        QCOMPARE(readKey(store, results.at(0).domain.id).secret, QStringLiteral("dwtestkeybulk1"));
        QCOMPARE(readKey(store, results.at(2).domain.id).secret, QStringLiteral("dwtestkeybulk4"));

        const QList<DomainStore::Result> none
            = run<QList<DomainStore::Result>>([&](auto cb) { store.addBulk({}, QUrl(), this, cb); });
        QVERIFY(none.isEmpty());

        for (const Domain& domain : store.domains())
            QVERIFY(removeDomain(store, domain.id).ok());
    }

    void bulkReportsProgressAndKeepsTheOrder()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        store.setBulkWritesInFlight(8);
        QCOMPARE(store.bulkWritesInFlight(), 8);
        QVERIFY(add(store, QStringLiteral("existing"), kKeyA).ok());

        // More than one batch, with refused entries in between: a taken name, one twice, a bad key.
        const int total = DomainStore::BulkSaveBatch + 12;
        QList<BulkEntry> entries;
        QStringList expected;
        for (int i = 0; i < total; ++i) {
            QString name = QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0'));
            QString key = QStringLiteral("dwtestkeyprogress%1").arg(i);
            if (i == 3)
                name = QStringLiteral("EXISTING");
            if (i == 40)
                name = QStringLiteral("Bulk-039");
            if (i == 55)
                key = QStringLiteral("dwtestkey with a space");
            entries.append({i + 1, name, key});
            expected << (i == 3 || i == 40 || i == 55 ? QString() : name);
        }

        QSignalSpy changed(&store, &DomainStore::domainsChanged);
        QList<QPair<int, int>> progress;
        QStringList savedAtFirstProgress;
        std::optional<QList<DomainStore::Result>> results;
        store.addBulk(
            entries, QUrl(), this, [&results](const QList<DomainStore::Result>& r) { results = r; },
            [&](int done, int all) {
                if (progress.isEmpty()) {
                    // The first key has been answered: its batch was saved to the file before it was sent.
                    QSettings reread(settingsPath(), QSettings::IniFormat);
                    savedAtFirstProgress = reread.value(QStringLiteral("profiles/order")).toStringList();
                }
                progress.append({done, all});
            });
        QVERIFY(progress.isEmpty()); // never inside the call
        QVERIFY(QTest::qWaitFor([&] { return results.has_value(); }, 60000));

        // Ordered, one step at a time or more, ending at the total; every answered entry counted.
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.constLast(), qMakePair(total, total));
        for (int i = 0; i < progress.size(); ++i) {
            QCOMPARE(progress.at(i).second, total);
            if (i > 0)
                QVERIFY(progress.at(i).first > progress.at(i - 1).first);
        }
        // Results in input order.
        QCOMPARE(results->size(), total);
        QStringList names;
        for (const DomainStore::Result& r : std::as_const(*results))
            names << r.domain.name;
        QCOMPARE(names, expected);
        for (int i : {3, 40, 55}) {
            QVERIFY(!results->at(i).added());
            QVERIFY(!results->at(i).error.isEmpty());
            QVERIFY(!results->at(i).keychainTimedOut);
        }
        QVERIFY(results->at(40).error.contains(QLatin1String("already named \"bulk-039\"")));
        for (int i = 0; i < total; ++i) {
            if (!expected.at(i).isEmpty())
                QVERIFY2(results->at(i).ok(), qPrintable(results->at(i).error));
        }
        QCOMPARE(readKey(store, results->at(0).domain.id).secret, QStringLiteral("dwtestkeyprogress0"));
        QCOMPARE(readEntry(results->at(total - 1).domain.keyName()).secret,
            QStringLiteral("dwtestkeyprogress%1").arg(total - 1));
        QCOMPARE(store.domains().size(), 1 + total - 3);

        // Saved a batch at a time, not once per domain.
        QVERIFY2(savedAtFirstProgress.size() >= 2, qPrintable(savedAtFirstProgress.join(QLatin1Char(','))));
        QVERIFY(savedAtFirstProgress.contains(results->at(0).domain.id));
        QVERIFY2(changed.size() >= 2 && changed.size() <= 4, qPrintable(QString::number(changed.size())));
        const auto reopenedSettings = openSettings();
        DomainStore reopened(m_secrets.get(), reopenedSettings.get());
        QCOMPARE(reopened.domains(), store.domains());

        for (const Domain& domain : store.domains())
            QVERIFY(removeDomain(store, domain.id).ok());
    }

    void bulkGoesOnWhenDomainsAreRemovedMeanwhile()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        // One batch and one domain more: every domain of the first batch that has not had its turn is removed.
        const int total = DomainStore::BulkSaveBatch + 1;
        QList<BulkEntry> entries;
        for (int i = 0; i < total; ++i)
            entries.append({i + 1, QStringLiteral("gone-%1").arg(i), QStringLiteral("dwtestkeygone%1").arg(i)});
        std::optional<QList<DomainStore::Result>> results;
        QStringList removed;
        store.addBulk(
            entries, QUrl(), this, [&results](const QList<DomainStore::Result>& r) { results = r; },
            [&](int done, int) {
                if (done != 1)
                    return;
                // The first key is stored and the second is being written; the rest of the batch waits.
                for (int i = 2; i < DomainStore::BulkSaveBatch; ++i) {
                    const std::optional<Domain> domain = store.domainByName(QStringLiteral("gone-%1").arg(i));
                    QVERIFY(domain);
                    removed << domain->keyName();
                    store.remove(domain->id, nullptr, {});
                }
            });
        QVERIFY(QTest::qWaitFor([&] { return results.has_value(); }, 30000));
        QVERIFY2(results->at(0).ok(), qPrintable(results->at(0).error));
        QVERIFY2(results->at(1).ok(), qPrintable(results->at(1).error));
        for (int i = 2; i < DomainStore::BulkSaveBatch; ++i) {
            QVERIFY(!results->at(i).added());
            QVERIFY2(results->at(i).error.contains(QLatin1String("removed")), qPrintable(results->at(i).error));
        }
        // The next batch was still saved and stored.
        QVERIFY2(results->at(total - 1).ok(), qPrintable(results->at(total - 1).error));
        QCOMPARE(
            readKey(store, results->at(total - 1).domain.id).secret, QStringLiteral("dwtestkeygone%1").arg(total - 1));
        QCOMPARE(store.names(),
            (QStringList {
                QStringLiteral("gone-0"), QStringLiteral("gone-1"), QStringLiteral("gone-%1").arg(total - 1)}));
        for (const QString& keyName : std::as_const(removed))
            QCOMPARE(readEntry(keyName).status, SecretStore::Result::Status::NotFound);
        for (const Domain& domain : store.domains())
            QVERIFY(removeDomain(store, domain.id).ok());
    }

    void bulkStopsAfterATimeout()
    {
        // Registered again with CTest against hanging-secret-service, a keyring that never answers.
        if (qEnvironmentVariableIsEmpty("DW_EXPECT_HANGING_KEYCHAIN"))
            QSKIP("runs only in the hanging-keychain CTest entry");
        SecretStore secrets(m_service);
        secrets.setTimeoutSeconds(1);
        const auto settings = openSettings();
        DomainStore store(&secrets, settings.get());
        store.setBulkWritesInFlight(3);
        QList<BulkEntry> entries;
        for (int i = 0; i < 20; ++i)
            entries.append({i + 1, QStringLiteral("hung-%1").arg(i), QStringLiteral("dwtestkeyhung%1").arg(i)});
        entries[5].key = QStringLiteral("refused key"); // refused before anything is sent, as always

        QElapsedTimer clock;
        clock.start();
        QList<int> done;
        std::optional<QList<DomainStore::Result>> results;
        store.addBulk(
            entries, QUrl(), this, [&results](const QList<DomainStore::Result>& r) { results = r; },
            [&done](int d, int) { done << d; });
        QVERIFY(QTest::qWaitFor([&] { return results.has_value(); }, 30000));
        // Three writes in flight, all timed out together: not twenty timeouts one after another.
        QVERIFY2(clock.elapsed() < 6000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(done.constLast(), 20);

        QStringList kept;
        for (int i = 0; i < 3; ++i) {
            const DomainStore::Result& r = results->at(i);
            QVERIFY(r.added());
            QVERIFY(!r.keyInKeychain);
            QVERIFY(r.keychainTimedOut);
            QCOMPARE(r.error, SecretStore::timedOutMessage(1));
            // Kept in memory, as any key the keychain did not take.
            QVERIFY(store.hasSessionOnlyKey(r.domain.id));
            kept << r.domain.id;
        }
        QVERIFY(!results->at(5).keychainTimedOut);
        QVERIFY(results->at(5).error.contains(QLatin1String("spaces")));
        for (int i = 3; i < 20; ++i) {
            if (i == 5)
                continue;
            const DomainStore::Result& r = results->at(i);
            QVERIFY(!r.added());
            QVERIFY(r.keychainTimedOut);
            QVERIFY2(r.error.contains(QLatin1String("stopped answering")), qPrintable(r.error));
            QVERIFY(!r.error.contains(QLatin1String("dwtestkey")));
        }
        // Only the domains whose keys were sent stay, in memory and in the settings.
        QStringList ids;
        for (const Domain& domain : store.domains())
            ids << domain.id;
        QCOMPARE(ids, kept);
        QSettings reread(settingsPath(), QSettings::IniFormat);
        // The group keeps the first versions' name, `profiles`, so that domains saved then are still read.
        QCOMPARE(reread.value(QStringLiteral("profiles/order")).toStringList(), kept);
        QCOMPARE(reread.childGroups(), QStringList {QStringLiteral("profiles")});
        reread.beginGroup(QStringLiteral("profiles"));
        QCOMPARE(reread.childGroups().size(), 3);
    }

    void loadRepairsATamperedFile()
    {
        const QString good = Domain::newId();
        const QString rlo = Domain::newId();
        const QString huge = Domain::newId();
        const QString controls = Domain::newId();
        const QString invisibleOnly = Domain::newId();
        const QString sameOnceRepaired = Domain::newId();
        const QString sameIgnoringCase = Domain::newId();
        const QString ftp = Domain::newId();
        {
            // What a hand-edited or hostile file can hold; QSettings writes it as it would read it back.
            const auto settings = openSettings();
            settings->setValue(QStringLiteral("profiles/order"),
                QStringList {good, rlo, QStringLiteral("../../api"), huge, controls, invisibleOnly, QString(),
                    sameOnceRepaired, good, sameIgnoringCase, ftp, QStringLiteral("not-a-uuid")});
            const auto name = [&](const QString& id, const QString& value) {
                settings->setValue(QStringLiteral("profiles/%1/name").arg(id), value);
            };
            name(good, QStringLiteral("staging"));
            name(rlo, QStringLiteral("gpj\u202Eexe.txt"));
            name(QStringLiteral("../../api"), QStringLiteral("escapes its group"));
            name(huge, QString(1024 * 1024, QLatin1Char('h')));
            name(controls, QStringLiteral("line\none\ttwo") + QChar(0x0000) + QChar(0x001B));
            name(invisibleOnly, QStringLiteral("\u200B\u2066\u00AD"));
            name(sameOnceRepaired, QStringLiteral("stag\u200Bing"));
            name(sameIgnoringCase, QStringLiteral("STAGING"));
            name(ftp, QStringLiteral("ftp"));
            name(QStringLiteral("not-a-uuid"), QStringLiteral("no uuid"));
            settings->setValue(
                QStringLiteral("profiles/%1/baseUrl").arg(good), QStringLiteral("http://127.0.0.1:1/v1"));
            settings->setValue(QStringLiteral("profiles/%1/baseUrl").arg(ftp), QStringLiteral("ftp://evil.example/v1"));
        }

        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        QStringList ids;
        QStringList names;
        for (const Domain& domain : store.domains()) {
            ids << domain.id;
            names << domain.name;
            QCOMPARE(Domain::nameFormatProblem(domain.name), QString());
        }
        QCOMPARE(ids, (QStringList {good, rlo, huge, controls, sameOnceRepaired, sameIgnoringCase, ftp}));
        QCOMPARE(names,
            (QStringList {QStringLiteral("staging"), QStringLiteral("gpjexe.txt"),
                QString(Limits::MaxDomainNameLength, QLatin1Char('h')), QStringLiteral("line one two"),
                QStringLiteral("staging (2)"), QStringLiteral("STAGING (3)"), QStringLiteral("ftp")}));
        QCOMPARE(store.domain(good)->baseUrl, QUrl(QStringLiteral("http://127.0.0.1:1/v1")));
        // The key of a domain goes to its base URL: only http(s) with a host is taken.
        QCOMPARE(store.domain(ftp)->baseUrl, DomainTarget::defaultBaseUrl());
        QCOMPARE(store.domainByName(QStringLiteral("staging (2)"))->id, sameOnceRepaired);
        // The store's own rules hold for what comes next.
        QVERIFY(!add(store, QStringLiteral("Staging"), kKeyA).added());
        QCOMPARE(store.rename(rlo, QStringLiteral("STAGING (3)")).isEmpty(), false);
        QCOMPARE(store.rename(rlo, QStringLiteral("renamed")), QString());
        QCOMPARE(store.domainByName(QStringLiteral("RENAMED"))->id, rlo);
        QVERIFY(!store.domainByName(QStringLiteral("gpjexe.txt")));
    }

    void settingsNeverContainTheKey()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        const DomainStore::Result a = add(store, QStringLiteral("staging"), kKeyA);
        QVERIFY(a.ok());
        QVERIFY(run<DomainStore::Result>([&](auto cb) { store.setKey(a.domain.id, kKeyB, this, cb); }).ok());
        const QList<DomainStore::Result> bulk = run<QList<DomainStore::Result>>([&](auto cb) {
            store.addBulk({{1, QStringLiteral("production"), kKeyC}}, QUrl(), this, cb);
        });
        QCOMPARE(bulk.size(), 1);
        QVERIFY(bulk.first().ok());
        settings->sync();

        const QByteArray bytes = settingsBytes();
        QVERIFY(bytes.contains("staging")); // it is the right file
        QVERIFY(bytes.contains(a.domain.id.toUtf8()));
        for (const QString& key : {kKeyA, kKeyB, kKeyC}) {
            QVERIFY(!bytes.contains(key.toUtf8()));
            QVERIFY(!bytes.contains(key.left(12).toUtf8()));
        }
        for (const Domain& domain : store.domains())
            QVERIFY(removeDomain(store, domain.id).ok());
    }

    void removeWhileTheKeyIsBeingWrittenLeavesNoEntry()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        std::optional<DomainStore::Result> added;
        store.add(
            QStringLiteral("short-lived"), QUrl(), kKeyA, this, [&added](const DomainStore::Result& r) { added = r; });
        QCOMPARE(store.domains().size(), 1); // saved at once, before the keychain answers
        const Domain domain = store.domains().first();
        QVERIFY(removeDomain(store, domain.id).ok());
        QVERIFY(QTest::qWaitFor([&] { return added.has_value(); }, 20000));
        QVERIFY(store.domains().isEmpty());
        QVERIFY(QTest::qWaitFor(
            [&] { return readEntry(domain.keyName()).status == SecretStore::Result::Status::NotFound; }, 10000));
    }

    void noCallbackAfterTheContextIsGone()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        bool called = false;
        auto* context = new QObject;
        store.add(
            QStringLiteral("orphan"), QUrl(), kKeyA, context, [&called](const DomainStore::Result&) { called = true; });
        store.add(QString(), QUrl(), kKeyA, context, [&called](const DomainStore::Result&) { called = true; });
        const QString id = store.domains().first().id;
        store.readKey(id, context, [&called](const SecretStore::Result&) { called = true; });
        delete context;
        // The keychain write still happens; only the callbacks must not run. The keychain runs its jobs one after
        // another, so once a later read has answered, the write has too, and so would its callback have.
        QVERIFY(QTest::qWaitFor([&] { return readEntry(QStringLiteral("api-key/") + id).ok(); }, 10000));
        QVERIFY(!called);
        QVERIFY(removeDomain(store, id).ok());
    }

    void unknownIdsAreNotFound()
    {
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());
        QCOMPARE(readKey(store, QStringLiteral("no-such-id")).status, SecretStore::Result::Status::NotFound);
        QCOMPARE(removeDomain(store, QStringLiteral("no-such-id")).status, SecretStore::Result::Status::NotFound);
        QVERIFY(!store.domain(QStringLiteral("no-such-id")));
    }

    void addWithoutKeychainKeepsKeyInMemory()
    {
        // Registered a second time with CTest, without any session bus. In the keyring run there is a keychain,
        // so this row does not apply.
        if (qEnvironmentVariableIsEmpty("DW_EXPECT_NO_KEYCHAIN"))
            QSKIP("runs only in the no-keychain CTest entry");
        const auto settings = openSettings();
        DomainStore store(m_secrets.get(), settings.get());

        const DomainStore::Result added = add(store, QStringLiteral("staging"), kKeyA);
        QVERIFY(added.added());
        QVERIFY(!added.keyInKeychain);
        QVERIFY(!added.ok());
        QVERIFY(!added.error.isEmpty()); // the keychain's own message
        QVERIFY(!added.error.contains(kKeyA));
        QVERIFY(store.hasSessionOnlyKey(added.domain.id));

        const SecretStore::Result key = readKey(store, added.domain.id);
        QVERIFY(key.ok());
        QCOMPARE(key.secret, kKeyA);

        // No plain-text fallback anywhere.
        settings->sync();
        QVERIFY(settingsBytes().contains("staging"));
        QVERIFY(!settingsBytes().contains(kKeyA.toUtf8()));

        // Without a keychain a domain can still be removed; its in-memory key goes with it.
        removeDomain(store, added.domain.id);
        QVERIFY(store.domains().isEmpty());
        QVERIFY(!store.hasSessionOnlyKey(added.domain.id));
    }
};

QTEST_GUILESS_MAIN(tst_DomainStore)
#include "tst_DomainStore.moc"
