#include "AuditLog.h"

#include "Limits.h"
#include "SecretStore.h"
#include "WebhookFields.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

const QString AuditLog::SecretRefPrefix = QStringLiteral("audit/");

namespace {

const QString kDriver = QStringLiteral("QSQLITE");

// Step n brings the schema from version n to n + 1. Never edit a released step; append a new one.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps {
        {
            // AUTOINCREMENT: ids of deleted rows are never handed out again, so an id always means one change.
            // profile_id (and its index): the saved domain's id (Domain::id), named as in the first versions' logs.
            QStringLiteral("CREATE TABLE audit_entries ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "at TEXT NOT NULL, "
                           "profile_id TEXT NOT NULL, "
                           "domain_name TEXT NOT NULL, "
                           "action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'reactivate')), "
                           "webhook_uuid TEXT NOT NULL, "
                           "before_json TEXT, "
                           "after_json TEXT, "
                           "secret_ref TEXT)"),
            QStringLiteral("CREATE INDEX audit_entries_by_profile ON audit_entries (profile_id, id)"),
        },
        {
            // Whether a configuration was kept cut to the limits (entries written before were never cut).
            QStringLiteral("ALTER TABLE audit_entries ADD COLUMN before_truncated INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE audit_entries ADD COLUMN after_truncated INTEGER NOT NULL DEFAULT 0"),
        },
    };
    return steps;
}

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("daily-webhooks-audit-%1").arg(counter.fetchAndAddRelaxed(1));
}

QVariant jsonOrNull(const std::optional<QJsonObject>& object)
{
    if (!object)
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(*object).toJson(QJsonDocument::Compact));
}

std::optional<QJsonObject> jsonFrom(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

const QString kSelectEntries
    = QStringLiteral("SELECT id, at, profile_id, domain_name, action, webhook_uuid, before_json, after_json, "
                     "secret_ref, before_truncated, after_truncated FROM audit_entries");

// The current row of a query over kSelectEntries.
AuditEntry entryFrom(const QSqlQuery& query)
{
    AuditEntry e;
    e.id = query.value(0).toLongLong();
    e.at = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    e.domainId = query.value(2).toString();
    e.domainName = query.value(3).toString();
    // The CHECK constraint admits only known names; a newer schema would have been refused at open().
    e.action = AuditEntry::actionFromName(query.value(4).toString()).value_or(AuditEntry::Action::Update);
    e.webhookUuid = query.value(5).toString();
    e.before = jsonFrom(query.value(6));
    e.after = jsonFrom(query.value(7));
    e.secretRef = query.value(8).toString();
    e.beforeTruncated = query.value(9).toInt() != 0;
    e.afterTruncated = query.value(10).toInt() != 0;
    return e;
}

// `text` cut to at most `length` characters, never between the two halves of a surrogate pair.
QString cut(const QString& text, int length, bool* truncated)
{
    if (text.size() <= length)
        return text;
    *truncated = true;
    QString kept = text.left(length);
    if (!kept.isEmpty() && kept.back().isHighSurrogate())
        kept.chop(1);
    return kept;
}

// The secrets of `webhook` for the keychain ({hmac, basicAuth}, an empty string for one not set), or nothing when it
// has none. Secrets over the string limit are not kept at all (cut, they would be other secrets): `truncated` says
// so.
QString secretsJsonOf(const std::optional<Webhook>& webhook, bool* truncated)
{
    if (!webhook)
        return {};
    const QJsonObject whole = webhook->toJson();
    QJsonObject secrets;
    bool any = false;
    for (const QString& field : WebhookFields::secret()) {
        const QString value = whole.value(field).toString(); // null (no basic auth) reads as empty
        if (value.size() > Limits::MaxAuditStringLength) {
            *truncated = true;
            return {};
        }
        any = any || !value.isEmpty();
        secrets.insert(field, value);
    }
    if (!any)
        return {};
    return QString::fromUtf8(QJsonDocument(secrets).toJson(QJsonDocument::Compact));
}

} // namespace

AuditLog::AuditLog(SecretStore* secrets, QObject* parent)
    : AuditHistory(parent)
    , m_secrets(secrets)
    , m_connectionName(nextConnectionName())
{
    Q_ASSERT(m_secrets);
}

AuditLog::~AuditLog()
{
    close();
}

bool AuditLog::open(const QString& path, QString* error)
{
    close();
    QString why = openConnection(path);
    if (why.isEmpty())
        migrate(&why);
    if (why.isEmpty())
        return true;
    if (error)
        *error = why;
    close();
    return false;
}

QString AuditLog::openConnection(const QString& path)
{
    if (!QSqlDatabase::isDriverAvailable(kDriver))
        return tr("The SQLite driver of Qt is not installed (package libqt6sql6-sqlite).");
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return tr("Could not create the folder %1.").arg(info.absolutePath());

    QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, m_connectionName);
    db.setDatabaseName(path);
    // Another instance of the app may be writing; wait for it briefly instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=1000"));
    m_path = path;
    if (!db.open())
        return tr("Could not open the audit log %1: %2").arg(path, db.lastError().text());
    // No secrets are in it, but URLs and the history of a domain are nobody else's business.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

void AuditLog::close()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_path.clear();
}

bool AuditLog::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

int AuditLog::storedSchemaVersion() const
{
    if (!isOpen())
        return -1;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool AuditLog::migrate(QString* error)
{
    const int stored = storedSchemaVersion();
    if (stored < 0) {
        *error = tr("The audit log %1 is not a database this app can read.").arg(m_path);
        return false;
    }
    if (stored > SchemaVersion) {
        *error = tr("The audit log %1 was written by a newer version of the app (schema %2; this one knows %3).")
                     .arg(m_path)
                     .arg(stored)
                     .arg(SchemaVersion);
        return false;
    }
    if (stored == SchemaVersion)
        return true;

    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    const auto failed = [&query, error] {
        *error = tr("Could not update the audit log: %1").arg(query.lastError().text());
        query.exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    // IMMEDIATE takes the write lock at once, so two instances starting together cannot both run a step; the
    // version is read again under the lock. SQLite keeps user_version in the file header, inside the
    // transaction: a failed step leaves the old schema and the old version together.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = tr("Could not update the audit log: %1").arg(query.lastError().text());
        return false;
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return failed();
    const int current = query.value(0).toInt();
    query.finish();
    for (int version = current; version < SchemaVersion; ++version) {
        for (const QString& statement : migrations().at(version)) {
            if (!query.exec(statement))
                return failed();
        }
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion))
        || !query.exec(QStringLiteral("COMMIT")))
        return failed();
    return true;
}

QJsonValue AuditLog::bounded(const QJsonValue& value, bool* truncated)
{
    switch (value.type()) {
    case QJsonValue::String:
        return cut(value.toString(), Limits::MaxAuditStringLength, truncated);
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.size() > Limits::MaxAuditListItems)
            *truncated = true;
        QJsonArray kept;
        for (qsizetype i = 0; i < array.size() && i < Limits::MaxAuditListItems; ++i)
            kept.append(bounded(array.at(i), truncated));
        return kept;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QJsonObject kept;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            kept.insert(it.key(), bounded(it.value(), truncated));
        return kept;
    }
    default:
        return value;
    }
}

QJsonObject AuditLog::configurationOf(const Webhook& webhook, bool* truncated)
{
    QJsonObject configuration = webhook.toJson();
    for (const QString& field : WebhookFields::secret())
        configuration.remove(field);
    bool wasCut = false;
    configuration = bounded(configuration, &wasCut).toObject();
    if (truncated && wasCut)
        *truncated = true;
    return configuration;
}

void AuditLog::record(AuditEntry::Action action, const QString& domainId, const QString& domainName,
    const std::optional<Webhook>& before, const std::optional<Webhook>& after, QObject* context,
    RecordCallback callback)
{
    PendingRecord pending;
    pending.entry.at = QDateTime::currentDateTimeUtc();
    pending.entry.domainId = domainId;
    // A domain's name is bounded where it is saved; labels of other targets (a host name) are bounded here.
    bool unused = false;
    pending.entry.domainName = cut(domainName, Limits::MaxDomainNameLength, &unused);
    pending.entry.action = action;
    if (after && !after->uuid.isEmpty())
        pending.entry.webhookUuid = cut(after->uuid, Limits::MaxAuditUuidLength, &pending.entry.afterTruncated);
    else if (before)
        pending.entry.webhookUuid = cut(before->uuid, Limits::MaxAuditUuidLength, &pending.entry.beforeTruncated);
    if (before)
        pending.entry.before = configurationOf(*before, &pending.entry.beforeTruncated);
    if (after)
        pending.entry.after = configurationOf(*after, &pending.entry.afterTruncated);
    pending.secretsJson = secretsJsonOf(before, &pending.entry.beforeTruncated);
    // A cut configuration is never recreated, so its secrets would only sit in the keychain.
    if (pending.entry.beforeTruncated)
        pending.secretsJson.clear();
    pending.context = context;
    pending.callback = std::move(callback);
    m_queue.append(std::move(pending));
    processNextRecord();
}

void AuditLog::processNextRecord()
{
    if (m_recording || m_queue.isEmpty())
        return;
    m_recording = true;
    PendingRecord pending = m_queue.takeFirst();
    // Without an open database the write fails anyway; keep the secrets out of the keychain then.
    if (pending.secretsJson.isEmpty() || !isOpen()) {
        // Even without a keychain job the callback comes from the event loop, never from inside record().
        QTimer::singleShot(0, this, [this, pending] { finishRecord(pending, QString()); });
        return;
    }
    // Written before the row, under a name of its own, so no id has to be known in advance. The row keeps the
    // name even if the write failed: recreating then says the keychain lacks the secrets, instead of silently
    // offering a draft without them.
    pending.entry.secretRef = SecretRefPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_secrets->write(pending.entry.secretRef, pending.secretsJson, this,
        [this, pending](const SecretStore::Result& r) { finishRecord(pending, r.ok() ? QString() : r.error); });
}

void AuditLog::finishRecord(PendingRecord pending, const QString& keychainError)
{
    QString error;
    const qint64 id = insert(pending.entry, &error);
    if (id == 0 && !pending.entry.secretRef.isEmpty() && keychainError.isEmpty()) {
        // The row is not there, so nothing refers to the secrets: take them back out of the keychain.
        m_secrets->remove(pending.entry.secretRef, this, [](const SecretStore::Result&) {});
    }
    if (id != 0 && !keychainError.isEmpty()) {
        error = tr("The change was recorded, but its secrets could not be kept in the keychain (%1), so it cannot "
                   "be undone with its old HMAC secret.")
                    .arg(keychainError);
    }
    if (id != 0)
        emit entryRecorded(id);
    if (pending.callback && pending.context)
        pending.callback(id != 0 && error.isEmpty(), id, error);
    m_recording = false;
    processNextRecord();
}

qint64 AuditLog::insert(const AuditEntry& entry, QString* error)
{
    if (!isOpen()) {
        *error = tr("The audit log is not open.");
        return 0;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        *error = tr("Could not write the audit log: %1").arg(db.lastError().text());
        return 0;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO audit_entries (at, profile_id, domain_name, action, webhook_uuid, "
                                 "before_json, after_json, secret_ref, before_truncated, after_truncated) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.at.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(entry.domainId);
    query.addBindValue(entry.domainName);
    query.addBindValue(AuditEntry::actionName(entry.action));
    query.addBindValue(entry.webhookUuid);
    query.addBindValue(jsonOrNull(entry.before));
    query.addBindValue(jsonOrNull(entry.after));
    query.addBindValue(entry.secretRef.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : entry.secretRef);
    query.addBindValue(entry.beforeTruncated ? 1 : 0);
    query.addBindValue(entry.afterTruncated ? 1 : 0);
    if (!query.exec()) {
        *error = tr("Could not write the audit log: %1").arg(query.lastError().text());
        db.rollback();
        return 0;
    }
    const qint64 id = query.lastInsertId().toLongLong();
    if (!db.commit()) {
        *error = tr("Could not write the audit log: %1").arg(db.lastError().text());
        db.rollback();
        return 0;
    }
    return id;
}

QList<AuditEntry> AuditLog::entries(const std::optional<QString>& domainId, int limit) const
{
    QList<AuditEntry> result;
    if (!isOpen())
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(kSelectEntries + (domainId ? QStringLiteral(" WHERE profile_id = ?") : QString())
        + QStringLiteral(" ORDER BY id DESC LIMIT ?"));
    if (domainId)
        query.addBindValue(*domainId);
    query.addBindValue(limit > 0 ? limit : -1);
    if (!query.exec())
        return result;
    while (query.next())
        result.append(entryFrom(query));
    return result;
}

std::optional<AuditEntry> AuditLog::entry(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(kSelectEntries + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return entryFrom(query);
}

void AuditLog::recreateDraft(qint64 id, QObject* context, DraftCallback callback)
{
    QPointer<QObject> guard(context);
    const auto reply = [this, guard, callback](const std::optional<WebhookDraft>& draft, const QString& error) {
        QTimer::singleShot(0, this, [guard, callback, draft, error] {
            if (guard && callback)
                callback(draft, error);
        });
    };
    const std::optional<AuditEntry> found = entry(id);
    if (!found) {
        reply(std::nullopt, tr("The audit log has no entry %1.").arg(id));
        return;
    }
    if (const QString why = whyNotRecreatable(*found); !why.isEmpty()) {
        reply(std::nullopt, why);
        return;
    }

    // The configuration as it was recorded, read the way export reads a webhook; its secrets come from the keychain.
    const QJsonObject before = *found->before;
    const WebhookDraft draft = WebhookDraft::fromWebhook(Webhook::fromJson(before), false);
    if (found->secretRef.isEmpty()) {
        reply(draft, QString());
        return;
    }
    const QString secretRef = found->secretRef;
    m_secrets->read(secretRef, this, [reply, draft, before, secretRef](const SecretStore::Result& r) {
        if (!r.ok()) {
            const QString why = r.status == SecretStore::Result::Status::NotFound
                ? tr("The keychain does not hold the old HMAC secret and basic auth (%1); without them Daily "
                     "will create a new secret.")
                      .arg(secretRef)
                : tr("The old HMAC secret and basic auth could not be read from the keychain: %1").arg(r.error);
            reply(draft, why);
            return;
        }
        const QJsonObject secrets = QJsonDocument::fromJson(r.secret.toUtf8()).object();
        QJsonObject whole = before;
        for (const QString& field : WebhookFields::secret()) {
            if (secrets.contains(field))
                whole.insert(field, secrets.value(field));
        }
        reply(WebhookDraft::fromWebhook(Webhook::fromJson(whole), true),
            secrets.isEmpty()
                ? tr("The keychain entry %1 is not in the expected form; the draft has no secrets.").arg(secretRef)
                : QString());
    });
}
