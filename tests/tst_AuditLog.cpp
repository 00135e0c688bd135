// The audit log with a real Secret Service (a throw-away gnome-keyring; see support/with-keyring.sh) and a SQLite
// file in a temporary folder: create, update and delete recorded in call order and read back, a deleted webhook
// recreated with its old HMAC secret, what happens when the keychain lost it, no secret in the database file,
// reopening, the schema version and its migration, databases the log must refuse, and values over the limits kept
// cut, marked, and never recreated.

#include "AuditLog.h"
#include "Limits.h"
#include "SecretStore.h"
#include "Signature.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

namespace {

constexpr int kWaitMs = 20000;

struct Recorded
{
    bool ok = false;
    qint64 id = 0;
    QString error;
};

struct Recreated
{
    std::optional<WebhookDraft> draft;
    QString error;
};

Webhook webhook(const QString& uuid, const QString& url, const QString& hmac, const QString& basicAuth,
    const QString& retryType, const QStringList& eventTypes, const QString& state = QStringLiteral("ACTIVE"))
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), uuid);
    o.insert(QStringLiteral("url"), url);
    o.insert(QStringLiteral("hmac"), hmac);
    o.insert(QStringLiteral("basicAuth"), basicAuth.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(basicAuth));
    o.insert(QStringLiteral("retryType"), retryType);
    o.insert(QStringLiteral("eventTypes"), QJsonArray::fromStringList(eventTypes));
    o.insert(QStringLiteral("state"), state);
    o.insert(QStringLiteral("failedCount"), 0);
    o.insert(QStringLiteral("domainId"), QStringLiteral("d-1")); // Daily's id of the domain, not the saved one's
    o.insert(QStringLiteral("createdAt"), QStringLiteral("2024-05-01T10:00:00.000Z"));
    o.insert(QStringLiteral("updatedAt"), QStringLiteral("2024-05-01T10:00:00.000Z"));
    return Webhook::fromJson(o);
}

// Runs `body` against a raw connection of its own to the database file, as another program would see it.
void withRawDatabase(const QString& path, const std::function<void(QSqlDatabase&)>& body)
{
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open())
            body(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class tst_AuditLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void schemaIsCreatedWithItsVersion();
    void recordsInCallOrderAndReadsBack();
    void filterAndLimit();
    void entriesOfTargetsThatAreNotSaved();
    void recreateRestoresTheOldSecret();
    void recreateWhenTheKeychainLostTheSecret();
    void recreateWhatCannotBeRecreated();
    void recreateReadsTheWebhookAsExportDoes();
    void databaseFileHoldsNoSecret();
    void reopeningKeepsEntries();
    void callbackNeedsItsContext();
    void failedWriteLeavesTheDatabaseIntact();
    void newerSchemaIsRefused();
    void notADatabaseIsRefused();
    void versionOneIsMigrated();
    void boundedValues_data();
    void boundedValues();
    void oversizedConfigurationIsCutAndMarked();
    void oversizedUuidAndSecretsAreNotKept();
    void webhookUrlOfEachChange_data();
    void webhookUrlOfEachChange();

private:
    Recorded record(AuditLog& log, AuditEntry::Action action, const std::optional<Webhook>& before,
        const std::optional<Webhook>& after, const QString& domainId = QStringLiteral("domain-1"),
        const QString& domainName = QStringLiteral("acme.daily.co"));
    Recreated recreate(AuditLog& log, qint64 id);
    QString dbPath() const { return m_dir->filePath(QStringLiteral("history/audit.sqlite")); }

    QString m_service;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SecretStore> m_secrets;
    // Fresh for every test, so a leak between tests cannot hide a secret.
    QString m_hmac1;
    QString m_hmac2;
    QString m_basic1;
    QString m_basic2;
    Webhook m_created;
    Webhook m_updated;
};

void tst_AuditLog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "the Qt SQLite driver is missing");
    m_service = QStringLiteral("daily-webhooks-audit-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void tst_AuditLog::init()
{
    // A connection removed while still in use, or a query on a closed one, is a bug even when the test passes.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QSql")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = std::make_unique<SecretStore>(m_service);
    m_hmac1 = Signature::generateSecret();
    m_hmac2 = Signature::generateSecret();
    m_basic1 = WebhookDraft::basicAuthFromCredentials(QStringLiteral("first"), QUuid::createUuid().toString());
    m_basic2 = WebhookDraft::basicAuthFromCredentials(QStringLiteral("second"), QUuid::createUuid().toString());
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_created = webhook(uuid, QStringLiteral("https://hooks.example.com/daily"), m_hmac1, m_basic1,
        QStringLiteral("circuit-breaker"), {QStringLiteral("meeting.started")});
    m_updated = webhook(uuid, QStringLiteral("https://hooks.example.com/daily/v2"), m_hmac2, m_basic2,
        QStringLiteral("exponential"),
        {QStringLiteral("meeting.started"), QStringLiteral("recording.ready-to-download")});
}

void tst_AuditLog::cleanup()
{
    m_secrets.reset();
    m_dir.reset();
}

Recorded tst_AuditLog::record(AuditLog& log, AuditEntry::Action action, const std::optional<Webhook>& before,
    const std::optional<Webhook>& after, const QString& domainId, const QString& domainName)
{
    std::optional<Recorded> result;
    log.record(action, domainId, domainName, before, after, this, [&result](bool ok, qint64 id, const QString& error) {
        result = Recorded {ok, id, error};
    });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kWaitMs))
        return {false, 0, QStringLiteral("no answer")};
    return *result;
}

Recreated tst_AuditLog::recreate(AuditLog& log, qint64 id)
{
    std::optional<Recreated> result;
    log.recreateDraft(id, this, [&result](const std::optional<WebhookDraft>& draft, const QString& error) {
        result = Recreated {draft, error};
    });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kWaitMs))
        return {std::nullopt, QStringLiteral("no answer")};
    return *result;
}

void tst_AuditLog::schemaIsCreatedWithItsVersion()
{
    AuditLog log(m_secrets.get());
    QString error;
    QVERIFY2(log.open(dbPath(), &error), qPrintable(error)); // the folder is created too
    QVERIFY(log.isOpen());
    QCOMPARE(log.path(), dbPath());
    QCOMPARE(log.storedSchemaVersion(), AuditLog::SchemaVersion);
    log.close();
    QVERIFY(!log.isOpen());
    QCOMPARE(log.storedSchemaVersion(), -1);

    QCOMPARE(
        QFile::permissions(dbPath()) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    int version = -1;
    QStringList columns;
    withRawDatabase(dbPath(), [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
            version = query.value(0).toInt();
        if (query.exec(QStringLiteral("PRAGMA table_info(audit_entries)"))) {
            while (query.next())
                columns << query.value(1).toString();
        }
    });
    QCOMPARE(version, AuditLog::SchemaVersion);
    // profile_id holds the saved domain's id under the first versions' name, which existing logs have.
    QCOMPARE(columns,
        QStringList({QStringLiteral("id"), QStringLiteral("at"), QStringLiteral("profile_id"),
            QStringLiteral("domain_name"), QStringLiteral("action"), QStringLiteral("webhook_uuid"),
            QStringLiteral("before_json"), QStringLiteral("after_json"), QStringLiteral("secret_ref"),
            QStringLiteral("before_truncated"), QStringLiteral("after_truncated")}));
}

void tst_AuditLog::recordsInCallOrderAndReadsBack()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    QList<qint64> signalled;
    connect(&log, &AuditLog::entryRecorded, this, [&signalled](qint64 id) { signalled << id; });

    // Three changes in a row without waiting: the ones with secrets wait for the keychain, and still the entries
    // come out in the order of the calls.
    const QDateTime started = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QList<Recorded> results;
    const auto collect = [&results](bool ok, qint64 id, const QString& error) { results << Recorded {ok, id, error}; };
    log.record(AuditEntry::Action::Create, QStringLiteral("domain-1"), QStringLiteral("acme.daily.co"), std::nullopt,
        m_created, this, collect);
    log.record(AuditEntry::Action::Update, QStringLiteral("domain-1"), QStringLiteral("acme.daily.co"), m_created,
        m_updated, this, collect);
    log.record(AuditEntry::Action::Delete, QStringLiteral("domain-1"), QStringLiteral("acme.daily.co"), m_updated,
        std::nullopt, this, collect);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 3, kWaitMs);
    for (const Recorded& r : results)
        QVERIFY2(r.ok && r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(results.at(0).id < results.at(1).id && results.at(1).id < results.at(2).id);
    QCOMPARE(signalled, QList<qint64>({results.at(0).id, results.at(1).id, results.at(2).id}));

    const QList<AuditEntry> entries = log.entries();
    QCOMPARE(entries.size(), 3);
    // Newest first.
    const AuditEntry& deleted = entries.at(0);
    const AuditEntry& updated = entries.at(1);
    const AuditEntry& created = entries.at(2);
    QCOMPARE(deleted.id, results.at(2).id);
    QCOMPARE(deleted.action, AuditEntry::Action::Delete);
    QCOMPARE(updated.action, AuditEntry::Action::Update);
    QCOMPARE(created.action, AuditEntry::Action::Create);
    for (const AuditEntry& e : entries) {
        QCOMPARE(e.domainId, QStringLiteral("domain-1"));
        QCOMPARE(e.domainName, QStringLiteral("acme.daily.co"));
        QCOMPARE(e.webhookUuid, m_created.uuid);
        QVERIFY(e.at >= started && e.at <= QDateTime::currentDateTimeUtc());
        QCOMPARE(e.at.timeSpec(), Qt::UTC);
        for (const auto& configuration : {e.before, e.after}) {
            if (!configuration)
                continue;
            QVERIFY(!configuration->contains(QStringLiteral("hmac")));
            QVERIFY(!configuration->contains(QStringLiteral("basicAuth")));
        }
    }

    QVERIFY(!created.before);
    QVERIFY(created.after);
    QCOMPARE(created.after->value(QStringLiteral("url")).toString(), m_created.url);
    QCOMPARE(created.after->value(QStringLiteral("retryType")).toString(), QStringLiteral("circuit-breaker"));
    QCOMPARE(created.after->value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
    QVERIFY(created.secretRef.isEmpty()); // nothing came before a create

    QCOMPARE(updated.before, std::optional<QJsonObject>(AuditLog::configurationOf(m_created)));
    QCOMPARE(updated.after, std::optional<QJsonObject>(AuditLog::configurationOf(m_updated)));
    QVERIFY(updated.secretRef.startsWith(AuditLog::SecretRefPrefix));

    QCOMPARE(deleted.before, std::optional<QJsonObject>(AuditLog::configurationOf(m_updated)));
    QVERIFY(!deleted.after);
    QVERIFY(deleted.secretRef.startsWith(AuditLog::SecretRefPrefix));
    QVERIFY(deleted.secretRef != updated.secretRef);

    const std::optional<AuditEntry> one = log.entry(updated.id);
    QVERIFY(one);
    QCOMPARE(one->id, updated.id);
    QCOMPARE(one->secretRef, updated.secretRef);
    QCOMPARE(one->at, updated.at);
    QVERIFY(!log.entry(deleted.id + 100));

    // What the keychain holds under the reference: the "before" secrets, nothing else.
    std::optional<SecretStore::Result> stored;
    m_secrets->read(deleted.secretRef, this, [&stored](const SecretStore::Result& r) { stored = r; });
    QVERIFY(QTest::qWaitFor([&] { return stored.has_value(); }, kWaitMs));
    QVERIFY2(stored->ok(), qPrintable(stored->error));
    QVERIFY(stored->secret.contains(m_hmac2) && stored->secret.contains(m_basic2));
    QVERIFY(!stored->secret.contains(m_hmac1));
}

void tst_AuditLog::filterAndLimit()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created, QStringLiteral("p1")).ok);
    QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created, QStringLiteral("p2")).ok);
    const Recorded last = record(log, AuditEntry::Action::Reactivate, m_created, m_updated, QStringLiteral("p1"));
    QVERIFY2(last.ok, qPrintable(last.error));

    QCOMPARE(log.entries().size(), 3);
    QCOMPARE(log.entries(QStringLiteral("p1")).size(), 2);
    QCOMPARE(log.entries(QStringLiteral("p2")).size(), 1);
    QCOMPARE(log.entries(QStringLiteral("nobody")).size(), 0);
    const QList<AuditEntry> newest = log.entries(QStringLiteral("p1"), 1);
    QCOMPARE(newest.size(), 1);
    QCOMPARE(newest.constFirst().id, last.id);
    QCOMPARE(newest.constFirst().action, AuditEntry::Action::Reactivate);
    QCOMPARE(log.entries(std::nullopt, 0).size(), 3); // no limit
}

void tst_AuditLog::entriesOfTargetsThatAreNotSaved()
{
    // The sandbox's and DAILY_API_KEY's entries share the empty domain id; the recorded name tells them apart,
    // and the limit counts only the target's own entries.
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    const QString sandbox = QStringLiteral("sandbox");
    const QString env = QStringLiteral("env:api.daily.co");
    QList<qint64> sandboxIds;
    for (const QString& name : {sandbox, env, sandbox, env, env, sandbox}) {
        const Recorded r = record(log, AuditEntry::Action::Create, std::nullopt, m_created, QStringLiteral(""), name);
        QVERIFY2(r.ok, qPrintable(r.error));
        if (name == sandbox)
            sandboxIds.prepend(r.id); // newest first
    }
    QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created, QStringLiteral("p1"), sandbox).ok);

    const auto ids = [](const QList<AuditEntry>& entries) {
        QList<qint64> list;
        for (const AuditEntry& e : entries)
            list << e.id;
        return list;
    };
    QCOMPARE(ids(log.entriesOf(QString(), sandbox, 0)), sandboxIds);
    QCOMPARE(ids(log.entriesOf(QString(), sandbox, 2)), sandboxIds.mid(0, 2));
    QCOMPARE(log.entriesOf(QString(), env, 0).size(), 3);
    QCOMPARE(log.entriesOf(QString(), QStringLiteral("env:other.example.com"), 0).size(), 0);
    // A saved domain's entries are found by its id, whatever name they were recorded under.
    QCOMPARE(log.entriesOf(QStringLiteral("p1"), QString(), 0).size(), 1);
    QCOMPARE(log.entriesOf(QStringLiteral("p1"), env, 5).size(), 1);
}

void tst_AuditLog::recreateRestoresTheOldSecret()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    const Recorded update = record(log, AuditEntry::Action::Update, m_created, m_updated);
    const Recorded deletion = record(log, AuditEntry::Action::Delete, m_updated, std::nullopt);
    QVERIFY(update.ok && deletion.ok);

    // The deleted webhook comes back with the secret its receiver already knows.
    const Recreated deleted = recreate(log, deletion.id);
    QVERIFY2(deleted.error.isEmpty(), qPrintable(deleted.error));
    QVERIFY(deleted.draft);
    QCOMPARE(deleted.draft->url, std::optional<QString>(m_updated.url));
    QCOMPARE(deleted.draft->retryType, std::optional<QString>(QStringLiteral("exponential")));
    QCOMPARE(deleted.draft->eventTypes, std::optional<QStringList>(m_updated.eventTypes));
    QVERIFY(deleted.draft->hmac == m_hmac2); // compared without printing the secret on failure
    QVERIFY(deleted.draft->basicAuth == m_basic2);

    // An update can be undone too: the configuration before it, with the secrets it had then.
    const Recreated beforeUpdate = recreate(log, update.id);
    QVERIFY2(beforeUpdate.error.isEmpty(), qPrintable(beforeUpdate.error));
    QVERIFY(beforeUpdate.draft);
    QCOMPARE(beforeUpdate.draft->url, std::optional<QString>(m_created.url));
    QVERIFY(beforeUpdate.draft->hmac == m_hmac1);
    QVERIFY(beforeUpdate.draft->basicAuth == m_basic1);

    // A configuration without basic auth recreates without it, and without complaint.
    const Webhook plain = webhook(QStringLiteral("u-2"), QStringLiteral("https://hooks.example.com/plain"), m_hmac1,
        QString(), QStringLiteral("circuit-breaker"), {QStringLiteral("meeting.ended")});
    const Recorded plainDeletion = record(log, AuditEntry::Action::Delete, plain, std::nullopt);
    QVERIFY(plainDeletion.ok);
    const Recreated plainDraft = recreate(log, plainDeletion.id);
    QVERIFY2(plainDraft.error.isEmpty(), qPrintable(plainDraft.error));
    QVERIFY(plainDraft.draft && plainDraft.draft->hmac == m_hmac1);
    QVERIFY(!plainDraft.draft->basicAuth);
}

void tst_AuditLog::recreateWhenTheKeychainLostTheSecret()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    const Recorded deletion = record(log, AuditEntry::Action::Delete, m_updated, std::nullopt);
    QVERIFY(deletion.ok);
    const QString ref = log.entry(deletion.id)->secretRef;
    std::optional<SecretStore::Result> removed;
    m_secrets->remove(ref, this, [&removed](const SecretStore::Result& r) { removed = r; });
    QVERIFY(QTest::qWaitFor([&] { return removed.has_value(); }, kWaitMs));
    QVERIFY(removed->ok());

    const Recreated result = recreate(log, deletion.id);
    QVERIFY(result.draft); // the caller decides whether a draft without its old secret is good enough
    QCOMPARE(result.draft->url, std::optional<QString>(m_updated.url));
    QVERIFY(!result.draft->hmac);
    QVERIFY(!result.draft->basicAuth);
    QVERIFY2(result.error.contains(QStringLiteral("keychain does not hold")), qPrintable(result.error));
}

void tst_AuditLog::recreateWhatCannotBeRecreated()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    const Recorded creation = record(log, AuditEntry::Action::Create, std::nullopt, m_created);
    QVERIFY(creation.ok);

    const Recreated fromCreate = recreate(log, creation.id);
    QVERIFY(!fromCreate.draft);
    QVERIFY2(fromCreate.error.contains(QStringLiteral("no earlier configuration")), qPrintable(fromCreate.error));

    const Recreated unknown = recreate(log, creation.id + 42);
    QVERIFY(!unknown.draft);
    QVERIFY(!unknown.error.isEmpty());
}

void tst_AuditLog::recreateReadsTheWebhookAsExportDoes()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    // A webhook without a retry type (the older API) or event types: what it did not have is left out of the
    // draft, as export leaves it out, instead of being sent empty ("eventTypes": [] is refused by the checks).
    const Webhook bare = webhook(
        QStringLiteral("u-3"), QStringLiteral("https://hooks.example.com/bare"), m_hmac1, m_basic1, QString(), {});
    const Recorded deletion = record(log, AuditEntry::Action::Delete, bare, std::nullopt);
    QVERIFY(deletion.ok);

    const Recreated result = recreate(log, deletion.id);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(result.draft);
    QCOMPARE(result.draft->url, std::optional<QString>(bare.url));
    QVERIFY(!result.draft->retryType);
    QVERIFY(!result.draft->eventTypes);
    // Compared without printing the secrets on failure.
    QVERIFY(result.draft->toJsonBytes() == WebhookDraft::fromWebhook(bare, true).toJsonBytes());
    QVERIFY(result.draft->hmac == m_hmac1 && result.draft->basicAuth == m_basic1);
}

void tst_AuditLog::databaseFileHoldsNoSecret()
{
    {
        AuditLog log(m_secrets.get());
        QVERIFY(log.open(dbPath()));
        QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created).ok);
        QVERIFY(record(log, AuditEntry::Action::Update, m_created, m_updated).ok);
        QVERIFY(record(log, AuditEntry::Action::Reactivate, m_updated, m_updated).ok);
        QVERIFY(record(log, AuditEntry::Action::Delete, m_updated, std::nullopt).ok);
    }
    // Every file SQLite left in the folder (the database and any journal), byte for byte.
    const QDir folder = QFileInfo(dbPath()).dir();
    const QStringList files = folder.entryList(QDir::Files);
    QVERIFY(files.contains(QStringLiteral("audit.sqlite")));
    QByteArray all;
    for (const QString& name : files) {
        QFile file(folder.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        all += file.readAll();
    }
    QVERIFY(all.contains(m_updated.url.toUtf8())); // the configurations are there...
    for (const QString& secret : {m_hmac1, m_hmac2, m_basic1, m_basic2}) {
        QVERIFY(!all.contains(secret.toUtf8())); // ...their secrets are not
        QVERIFY(!all.contains(QByteArray::fromBase64(secret.toUtf8())));
    }
}

void tst_AuditLog::reopeningKeepsEntries()
{
    qint64 id = 0;
    {
        AuditLog log(m_secrets.get());
        QVERIFY(log.open(dbPath()));
        QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created).ok);
        id = record(log, AuditEntry::Action::Delete, m_created, std::nullopt).id;
        QVERIFY(id > 0);
    }
    AuditLog reopened(m_secrets.get());
    QString error;
    QVERIFY2(reopened.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(reopened.storedSchemaVersion(), AuditLog::SchemaVersion);
    QCOMPARE(reopened.entries().size(), 2);
    QCOMPARE(reopened.entries().constFirst().id, id);
    const Recreated draft = recreate(reopened, id);
    QVERIFY2(draft.error.isEmpty(), qPrintable(draft.error));
    QVERIFY(draft.draft && draft.draft->hmac == m_hmac1);

    // Ids keep counting after a reopen.
    const Recorded next = record(reopened, AuditEntry::Action::Create, std::nullopt, m_created);
    QVERIFY(next.id > id);
}

void tst_AuditLog::callbackNeedsItsContext()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    auto* context = new QObject(this);
    bool called = false;
    log.record(AuditEntry::Action::Delete, QStringLiteral("p"), QStringLiteral("d"), m_updated, std::nullopt, context,
        [&called](bool, qint64, const QString&) { called = true; });
    delete context;
    // The entry is recorded all the same: history must not depend on whether a window is still open. Records are
    // written one after the other, so once a later one has answered, the first one's answer was due long ago.
    QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created).ok);
    QCOMPARE(log.entries().size(), 2);
    QVERIFY(!called);
    QCOMPARE(log.entries().constLast().action, AuditEntry::Action::Delete); // newest first
    QVERIFY(!log.entries().constLast().secretRef.isEmpty());
}

void tst_AuditLog::failedWriteLeavesTheDatabaseIntact()
{
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created).ok);

    // Another program holds the write lock for longer than the log waits: the write must fail cleanly.
    Recorded failed;
    withRawDatabase(dbPath(), [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        failed = record(log, AuditEntry::Action::Delete, m_created, std::nullopt);
        QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
    });
    QVERIFY(!failed.ok);
    QCOMPARE(failed.id, qint64(0));
    QVERIFY(!failed.error.isEmpty());

    QCOMPARE(log.entries().size(), 1);
    QString integrity;
    withRawDatabase(dbPath(), [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next())
            integrity = query.value(0).toString();
    });
    QCOMPARE(integrity, QStringLiteral("ok"));
    // And the log goes on working.
    const Recorded after = record(log, AuditEntry::Action::Delete, m_created, std::nullopt);
    QVERIFY2(after.ok, qPrintable(after.error));
    QCOMPARE(log.entries().size(), 2);
}

void tst_AuditLog::newerSchemaIsRefused()
{
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    withRawDatabase(dbPath(), [](QSqlDatabase& db) {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
    });
    AuditLog log(m_secrets.get());
    QString error;
    QVERIFY(!log.open(dbPath(), &error));
    QVERIFY(!log.isOpen());
    QVERIFY2(error.contains(QStringLiteral("newer version")), qPrintable(error));
    const Recorded r = record(log, AuditEntry::Action::Create, std::nullopt, m_created);
    QVERIFY(!r.ok);
}

void tst_AuditLog::notADatabaseIsRefused()
{
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    AuditLog log(m_secrets.get());
    QString error;
    QVERIFY(!log.open(dbPath(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!log.isOpen());
}

void tst_AuditLog::versionOneIsMigrated()
{
    // A database as the first release wrote it, with one delete whose secrets the keychain never had.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    withRawDatabase(dbPath(), [](QSqlDatabase& db) {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
            "CREATE TABLE audit_entries (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, profile_id TEXT NOT "
            "NULL, domain_name TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', "
            "'reactivate')), webhook_uuid TEXT NOT NULL, before_json TEXT, after_json TEXT, secret_ref TEXT)")));
        QVERIFY(query.exec(QStringLiteral("CREATE INDEX audit_entries_by_profile ON audit_entries (profile_id, id)")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO audit_entries (at, profile_id, domain_name, action, webhook_uuid, before_json) VALUES "
            "('2024-05-01T10:00:00.000Z', 'p', 'acme.daily.co', 'delete', 'u-1', "
            "'{\"url\":\"https://hooks.example.com/old\",\"eventTypes\":[\"meeting.ended\"]}')")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
    });

    AuditLog log(m_secrets.get());
    QString error;
    QVERIFY2(log.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(log.storedSchemaVersion(), 2);
    const QList<AuditEntry> entries = log.entries();
    QCOMPARE(entries.size(), 1);
    QVERIFY(!entries.first().isTruncated());
    QVERIFY(entries.first().isRecreatable());
    const Recreated draft = recreate(log, entries.first().id);
    QVERIFY2(draft.draft && draft.error.isEmpty(), qPrintable(draft.error));
    QCOMPARE(draft.draft->url, std::optional<QString>(QStringLiteral("https://hooks.example.com/old")));
    // And it records as the new schema does.
    QVERIFY(record(log, AuditEntry::Action::Create, std::nullopt, m_created).ok);
    QCOMPARE(log.entries().size(), 2);
}

void tst_AuditLog::boundedValues_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QJsonValue>("kept");
    QTest::addColumn<bool>("truncated");
    const int max = Limits::MaxAuditStringLength;
    const QString atLimit(max, QLatin1Char('a'));
    QStringList items;
    for (int i = 0; i < Limits::MaxAuditListItems + 1; ++i)
        items << QStringLiteral("event.%1").arg(i);
    const QStringList allowed = items.mid(0, Limits::MaxAuditListItems);
    // U+1F600 is two UTF-16 units; one starting at the last kept position must go whole.
    const QString pairAtTheEdge = QString(max - 1, QLatin1Char('b')) + QString::fromUcs4(U"\U0001F600");

    QTest::newRow("short string") << QJsonValue(QStringLiteral("https://e.com/h"))
                                  << QJsonValue(QStringLiteral("https://e.com/h")) << false;
    QTest::newRow("string at the limit") << QJsonValue(atLimit) << QJsonValue(atLimit) << false;
    QTest::newRow("string over the limit")
        << QJsonValue(atLimit + QStringLiteral("tail")) << QJsonValue(atLimit) << true;
    QTest::newRow("surrogate pair at the edge")
        << QJsonValue(pairAtTheEdge) << QJsonValue(QString(max - 1, QLatin1Char('b'))) << true;
    QTest::newRow("list at the limit") << QJsonValue(QJsonArray::fromStringList(allowed))
                                       << QJsonValue(QJsonArray::fromStringList(allowed)) << false;
    QTest::newRow("list over the limit") << QJsonValue(QJsonArray::fromStringList(items))
                                         << QJsonValue(QJsonArray::fromStringList(allowed)) << true;
    QTest::newRow("string inside a list")
        << QJsonValue(QJsonArray {QString(atLimit + QStringLiteral("x"))}) << QJsonValue(QJsonArray {atLimit}) << true;
    QTest::newRow("nested object") << QJsonValue(
        QJsonObject {{QStringLiteral("k"), QString(atLimit + QStringLiteral("x"))}})
                                   << QJsonValue(QJsonObject {{QStringLiteral("k"), atLimit}}) << true;
    QTest::newRow("numbers and null stay") << QJsonValue(QJsonArray {1.5, QJsonValue(), true})
                                           << QJsonValue(QJsonArray {1.5, QJsonValue(), true}) << false;
}

void tst_AuditLog::boundedValues()
{
    QFETCH(QJsonValue, value);
    QFETCH(QJsonValue, kept);
    QFETCH(bool, truncated);
    bool cut = false;
    QVERIFY(AuditLog::bounded(value, &cut) == kept);
    QCOMPARE(cut, truncated);
}

void tst_AuditLog::oversizedConfigurationIsCutAndMarked()
{
    // What a broken or hostile server could answer: a 4 MB URL and 500 event types.
    const QString hugeUrl = QStringLiteral("https://hooks.example.com/") + QString(4 * 1024 * 1024, QLatin1Char('x'));
    QStringList manyEvents;
    for (int i = 0; i < 500; ++i)
        manyEvents << QStringLiteral("meeting.event-%1").arg(i);
    const Webhook huge
        = webhook(m_created.uuid, hugeUrl, m_hmac1, m_basic1, QStringLiteral("circuit-breaker"), manyEvents);

    qint64 updateId = 0;
    qint64 deleteId = 0;
    qint64 wholeId = 0;
    {
        AuditLog log(m_secrets.get());
        QVERIFY(log.open(dbPath()));
        const Recorded update = record(log, AuditEntry::Action::Update, huge, huge);
        QVERIFY2(update.ok, qPrintable(update.error));
        const Recorded deletion = record(log, AuditEntry::Action::Delete, huge, std::nullopt);
        QVERIFY2(deletion.ok, qPrintable(deletion.error));
        // Cut "after" only: the configuration before is whole and can still be recreated.
        const Recorded whole = record(log, AuditEntry::Action::Update, m_created, huge);
        QVERIFY2(whole.ok, qPrintable(whole.error));
        updateId = update.id;
        deleteId = deletion.id;
        wholeId = whole.id;
    }

    // The database and its journals stay small: three entries of at most a few configurations' worth of limits.
    qint64 bytes = 0;
    const QDir folder = QFileInfo(dbPath()).dir();
    for (const QFileInfo& file : folder.entryInfoList(QDir::Files))
        bytes += file.size();
    QVERIFY2(bytes < 256 * 1024, qPrintable(QStringLiteral("%1 bytes").arg(bytes)));

    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));
    const std::optional<AuditEntry> update = log.entry(updateId);
    QVERIFY(update);
    QVERIFY(update->beforeTruncated && update->afterTruncated && update->isTruncated());
    const QString keptUrl = update->after->value(QStringLiteral("url")).toString();
    QCOMPARE(keptUrl.size(), Limits::MaxAuditStringLength);
    QVERIFY(hugeUrl.startsWith(keptUrl));
    QCOMPARE(update->before->value(QStringLiteral("eventTypes")).toArray().size(), Limits::MaxAuditListItems);
    QCOMPARE(update->after->value(QStringLiteral("eventTypes")).toArray().first().toString(),
        QStringLiteral("meeting.event-0"));
    QVERIFY(update->secretRef.isEmpty()); // never recreated, so its secrets are not kept

    // Recreate refuses a cut configuration, and says why.
    for (qint64 id : {updateId, deleteId}) {
        const Recreated refused = recreate(log, id);
        QVERIFY(!refused.draft);
        QVERIFY2(refused.error.contains(QLatin1String("cannot be recreated"))
                && refused.error.contains(QLatin1String("cut URL")),
            qPrintable(refused.error));
    }
    const std::optional<AuditEntry> whole = log.entry(wholeId);
    QVERIFY(whole && !whole->beforeTruncated && whole->afterTruncated);
    QVERIFY(whole->isRecreatable());
    const Recreated recreated = recreate(log, wholeId);
    QVERIFY2(recreated.draft && recreated.error.isEmpty(), qPrintable(recreated.error));
    QVERIFY(recreated.draft->hmac == m_hmac1);

    // Whole entries are not marked.
    const Recorded normal = record(log, AuditEntry::Action::Delete, m_updated, std::nullopt);
    QVERIFY(normal.ok);
    QVERIFY(!log.entry(normal.id)->isTruncated());
}

void tst_AuditLog::oversizedUuidAndSecretsAreNotKept()
{
    const QString hugeUuid(100000, QLatin1Char('u'));
    const QString hugeHmac = QString(Limits::MaxAuditStringLength + 4, QLatin1Char('A'));
    const Webhook odd = webhook(hugeUuid, QStringLiteral("https://hooks.example.com/odd"), hugeHmac, QString(),
        QStringLiteral("circuit-breaker"), {QStringLiteral("meeting.started")});
    const Webhook oddSecretOnly = webhook(m_created.uuid, QStringLiteral("https://hooks.example.com/odd"), hugeHmac,
        QString(), QStringLiteral("circuit-breaker"), {QStringLiteral("meeting.started")});
    AuditLog log(m_secrets.get());
    QVERIFY(log.open(dbPath()));

    const Recorded created = record(log, AuditEntry::Action::Create, std::nullopt, odd);
    QVERIFY2(created.ok, qPrintable(created.error));
    const std::optional<AuditEntry> entry = log.entry(created.id);
    QCOMPARE(entry->webhookUuid.size(), Limits::MaxAuditUuidLength);
    QVERIFY(entry->afterTruncated);
    QVERIFY(!entry->beforeTruncated);

    // A secret over the limit would be another secret if cut: it is not kept, and the entry says so.
    const Recorded deleted = record(log, AuditEntry::Action::Delete, oddSecretOnly, std::nullopt);
    QVERIFY2(deleted.ok, qPrintable(deleted.error));
    const std::optional<AuditEntry> gone = log.entry(deleted.id);
    QVERIFY(gone->beforeTruncated);
    QVERIFY(gone->secretRef.isEmpty());
    QCOMPARE(gone->before->value(QStringLiteral("url")).toString(), QStringLiteral("https://hooks.example.com/odd"));
    QVERIFY(!recreate(log, deleted.id).draft);
}

void tst_AuditLog::webhookUrlOfEachChange_data()
{
    QTest::addColumn<std::optional<QJsonObject>>("before");
    QTest::addColumn<std::optional<QJsonObject>>("after");
    QTest::addColumn<QString>("url");

    const QJsonObject old {{QStringLiteral("url"), QStringLiteral("https://old.example.com/hook")}};
    const QJsonObject now {{QStringLiteral("url"), QStringLiteral("https://new.example.com/hook")}};
    const QJsonObject noUrl {{QStringLiteral("retryType"), QStringLiteral("exponential")}};
    using Config = std::optional<QJsonObject>;
    QTest::newRow("create: the new configuration's")
        << Config() << Config(now) << now.value(QStringLiteral("url")).toString();
    QTest::newRow("update: after the change")
        << Config(old) << Config(now) << now.value(QStringLiteral("url")).toString();
    QTest::newRow("delete: the deleted one's")
        << Config(old) << Config() << old.value(QStringLiteral("url")).toString();
    QTest::newRow("after without a URL") << Config(old) << Config(noUrl) << QString();
    QTest::newRow("nothing recorded") << Config() << Config() << QString();
}

void tst_AuditLog::webhookUrlOfEachChange()
{
    QFETCH(std::optional<QJsonObject>, before);
    QFETCH(std::optional<QJsonObject>, after);
    QFETCH(QString, url);

    AuditEntry entry;
    entry.before = before;
    entry.after = after;
    QCOMPARE(entry.webhookUrl(), url);
}

QTEST_GUILESS_MAIN(tst_AuditLog)
#include "tst_AuditLog.moc"
