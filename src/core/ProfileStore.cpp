#include "ProfileStore.h"

#include <QMetaObject>
#include <QPointer>
#include <QSettings>

#include <utility>

namespace {

const QString kOrder = QStringLiteral("profiles/order");

QString nameKey(const QString& id)
{
    return QStringLiteral("profiles/") + id + QStringLiteral("/name");
}

QString baseUrlKey(const QString& id)
{
    return QStringLiteral("profiles/") + id + QStringLiteral("/baseUrl");
}

QString groupKey(const QString& id)
{
    return QStringLiteral("profiles/") + id;
}

QUrl effectiveBaseUrl(const QUrl& url)
{
    return url.isEmpty() ? ApiTarget::defaultBaseUrl() : url;
}

} // namespace

struct ProfileStore::BulkRun
{
    QList<BulkEntry> entries;
    QUrl baseUrl;
    QPointer<QObject> context;
    BulkCallback callback;
    QList<Result> results;
};

ProfileStore::ProfileStore(SecretStore* secrets, QSettings* settings, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_ownSettings(settings ? nullptr : std::make_unique<QSettings>())
    , m_settings(settings ? settings : m_ownSettings.get())
{
    Q_ASSERT(m_secrets);
    load();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::load()
{
    m_profiles.clear();
    const QStringList ids = m_settings->value(kOrder).toStringList();
    for (const QString& id : ids) {
        // A hand-edited or half-written file must not produce nameless or doubled domains.
        const QString name = Profile::normalizedName(m_settings->value(nameKey(id)).toString());
        if (id.isEmpty() || name.isEmpty() || indexOf(id) >= 0)
            continue;
        Profile profile;
        profile.id = id;
        profile.name = name;
        const QUrl url(m_settings->value(baseUrlKey(id)).toString());
        profile.baseUrl = url.isValid() && !url.isEmpty() ? url : ApiTarget::defaultBaseUrl();
        m_profiles.append(profile);
    }
}

void ProfileStore::save(const Profile& profile)
{
    m_settings->setValue(nameKey(profile.id), profile.name);
    m_settings->setValue(baseUrlKey(profile.id), profile.baseUrl.toString());
}

void ProfileStore::saveOrder()
{
    QStringList ids;
    for (const Profile& profile : std::as_const(m_profiles))
        ids.append(profile.id);
    if (ids.isEmpty())
        m_settings->remove(kOrder);
    else
        m_settings->setValue(kOrder, ids);
    m_settings->sync();
}

int ProfileStore::indexOf(const QString& id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

QStringList ProfileStore::names() const
{
    QStringList names;
    for (const Profile& profile : m_profiles)
        names.append(profile.name);
    return names;
}

std::optional<Profile> ProfileStore::profile(const QString& id) const
{
    const int index = indexOf(id);
    if (index < 0)
        return std::nullopt;
    return m_profiles.at(index);
}

std::optional<Profile> ProfileStore::profileByName(const QString& name) const
{
    const QString wanted = Profile::normalizedName(name);
    for (const Profile& profile : m_profiles) {
        if (profile.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return profile;
    }
    return std::nullopt;
}

void ProfileStore::deliverLater(QObject* context, std::function<void()> call)
{
    if (context)
        QMetaObject::invokeMethod(context, std::move(call), Qt::QueuedConnection);
}

void ProfileStore::add(
    const QString& name, const QUrl& baseUrl, const QString& apiKey, QObject* context, Callback callback)
{
    QString problem = Profile::nameProblem(name, names());
    if (problem.isEmpty())
        problem = Profile::apiKeyProblem(apiKey);
    if (problem.isEmpty())
        problem = Profile::baseUrlProblem(baseUrl);
    if (!problem.isEmpty()) {
        Result result;
        result.error = problem;
        deliverLater(context, [callback = std::move(callback), result] { callback(result); });
        return;
    }

    Profile profile;
    profile.id = Profile::newId();
    profile.name = Profile::normalizedName(name);
    profile.baseUrl = effectiveBaseUrl(baseUrl);
    m_profiles.append(profile);
    save(profile);
    saveOrder();
    // The key is in memory from here on, so whoever reacts to profilesChanged() can already read it.
    storeKey(profile, apiKey.trimmed(), context, std::move(callback));
    emit profilesChanged();
}

void ProfileStore::storeKey(const Profile& profile, const QString& key, QObject* context, Callback callback)
{
    // Held in memory while the keychain works, so a readKey() in between already finds it.
    m_sessionKeys.insert(profile.id, key);
    QPointer<QObject> guard(context);
    m_secrets->write(profile.keyName(), key, this,
        [this, profile, key, guard, callback = std::move(callback)](const SecretStore::Result& written) {
            Result result;
            result.profile = profile;
            result.keyInKeychain = written.ok();
            if (written.ok()) {
                // A later setKey() may have replaced the key meanwhile; only drop the copy this call made.
                if (m_sessionKeys.value(profile.id) == key)
                    m_sessionKeys.remove(profile.id);
            } else {
                // No plain-text fallback: the key stays in memory until the app quits.
                result.error = written.error.isEmpty() ? tr("The keychain did not store the API key.") : written.error;
            }
            if (indexOf(profile.id) < 0) {
                // Removed while the keychain was writing: do not leave an orphaned entry behind.
                m_sessionKeys.remove(profile.id);
                if (written.ok())
                    m_secrets->remove(profile.keyName(), this, [](const SecretStore::Result&) {});
            }
            if (guard)
                callback(result);
        });
}

void ProfileStore::addBulk(
    const QList<BulkEntry>& entries, const QUrl& baseUrl, QObject* context, BulkCallback callback)
{
    auto run = std::make_shared<BulkRun>();
    run->entries = entries;
    run->baseUrl = baseUrl;
    run->context = context;
    run->callback = std::move(callback);
    if (entries.isEmpty()) {
        deliverLater(context, [run] { run->callback(run->results); });
        return;
    }
    addNext(run);
}

void ProfileStore::addNext(const std::shared_ptr<BulkRun>& run)
{
    const BulkEntry& entry = run->entries.at(run->results.size());
    // The store is the context: the run goes on (the user asked for these domains) even if the caller's
    // window closes; only the final report then has nobody to go to.
    add(entry.name, run->baseUrl, entry.key, this, [this, run](const Result& result) {
        run->results.append(result);
        if (run->results.size() < run->entries.size())
            addNext(run);
        else if (run->context)
            run->callback(run->results);
    });
}

QString ProfileStore::rename(const QString& id, const QString& newName)
{
    const int index = indexOf(id);
    if (index < 0)
        return tr("This domain no longer exists.");
    QStringList others = names();
    others.removeAt(index);
    const QString problem = Profile::nameProblem(newName, others);
    if (!problem.isEmpty())
        return problem;
    const QString name = Profile::normalizedName(newName);
    if (m_profiles.at(index).name == name)
        return {};
    m_profiles[index].name = name;
    save(m_profiles.at(index));
    m_settings->sync();
    emit profilesChanged();
    return {};
}

QString ProfileStore::setBaseUrl(const QString& id, const QUrl& baseUrl)
{
    const int index = indexOf(id);
    if (index < 0)
        return tr("This domain no longer exists.");
    const QString problem = Profile::baseUrlProblem(baseUrl);
    if (!problem.isEmpty())
        return problem;
    const QUrl url = effectiveBaseUrl(baseUrl);
    if (m_profiles.at(index).baseUrl == url)
        return {};
    m_profiles[index].baseUrl = url;
    save(m_profiles.at(index));
    m_settings->sync();
    emit profilesChanged();
    return {};
}

// The answer to a call about a domain that was removed meanwhile.
void ProfileStore::answerGone(QObject* context, SecretStore::Callback callback)
{
    SecretStore::Result result;
    result.status = SecretStore::Result::Status::NotFound;
    result.error = tr("This domain no longer exists.");
    deliverLater(context, [callback = std::move(callback), result] { callback(result); });
}

void ProfileStore::remove(const QString& id, QObject* context, SecretStore::Callback callback)
{
    const int index = indexOf(id);
    if (index < 0)
        return answerGone(context, std::move(callback));
    const Profile profile = m_profiles.takeAt(index);
    m_sessionKeys.remove(id);
    m_settings->remove(groupKey(id));
    saveOrder();
    emit profilesChanged();

    QPointer<QObject> guard(context);
    m_secrets->remove(
        profile.keyName(), this, [guard, callback = std::move(callback)](const SecretStore::Result& removed) {
            if (!guard)
                return;
            // Nothing to delete is as good as deleted: the key may never have reached the keychain.
            callback(removed.status == SecretStore::Result::Status::NotFound ? SecretStore::Result() : removed);
        });
}

void ProfileStore::readKey(const QString& id, QObject* context, SecretStore::Callback callback)
{
    const int index = indexOf(id);
    if (index < 0)
        return answerGone(context, std::move(callback));
    const auto inMemory = m_sessionKeys.constFind(id);
    if (inMemory != m_sessionKeys.constEnd()) {
        SecretStore::Result result;
        result.secret = inMemory.value();
        deliverLater(context, [callback = std::move(callback), result] { callback(result); });
        return;
    }
    QPointer<QObject> guard(context);
    m_secrets->read(
        m_profiles.at(index).keyName(), this, [guard, callback = std::move(callback)](const SecretStore::Result& read) {
            if (guard)
                callback(read);
        });
}

void ProfileStore::setKey(const QString& id, const QString& apiKey, QObject* context, Callback callback)
{
    const int index = indexOf(id);
    QString problem = index < 0 ? tr("This domain no longer exists.") : Profile::apiKeyProblem(apiKey);
    if (!problem.isEmpty()) {
        Result result;
        result.error = problem;
        deliverLater(context, [callback = std::move(callback), result] { callback(result); });
        return;
    }
    storeKey(m_profiles.at(index), apiKey.trimmed(), context, std::move(callback));
}
