#include "DomainStore.h"

#include "Limits.h"

#include <QMetaObject>
#include <QPointer>
#include <QSettings>
#include <QUuid>

#include <utility>

namespace {

// The group is named `profiles`, as in the first versions, so that the domains users saved then are still read.
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
    return url.isEmpty() ? DomainTarget::defaultBaseUrl() : url;
}

} // namespace

struct DomainStore::BulkRun
{
    QList<BulkEntry> entries;
    QUrl baseUrl;
    QPointer<QObject> context;
    BulkCallback callback;
    BulkProgress progress;
    QList<Result> results; // one per entry, filled in as they are answered
    QList<int> saved; // entries saved to the settings whose key is not yet sent, in order
    int next = 0; // the first entry not yet checked and saved
    int inFlight = 0;
    int done = 0;
    int reported = 0; // `done` as progress last said
    bool stopped = false; // a write timed out: nothing more is sent
};

DomainStore::DomainStore(SecretStore* secrets, QSettings* settings, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_ownSettings(settings ? nullptr : std::make_unique<QSettings>())
    , m_settings(settings ? settings : m_ownSettings.get())
{
    Q_ASSERT(m_secrets);
    load();
}

DomainStore::~DomainStore() = default;

void DomainStore::load()
{
    m_domains.clear();
    m_idByFoldedName.clear();
    const QStringList ids = m_settings->value(kOrder).toStringList();
    for (const QString& id : ids) {
        // A hand-edited or half-written file must not produce nameless, doubled or unreadable domains. Ids are
        // the UUIDs newId() makes: anything else could reach other settings keys or keychain entries.
        if (QUuid::fromString(id).isNull() || id.contains(QLatin1Char('/')) || indexOf(id) >= 0)
            continue;
        const QString stored = m_settings->value(nameKey(id)).toString();
        QString name = Domain::normalizedName(stored);
        if (!Domain::nameFormatProblem(name).isEmpty())
            name = Domain::repairedName(stored);
        if (name.isEmpty())
            continue;
        // Two names the same ignoring case (or once repaired) get a number, so each can still be chosen.
        for (int n = 2; m_idByFoldedName.contains(Domain::foldedName(name)); ++n) {
            const QString suffix = QStringLiteral(" (%1)").arg(n);
            const QString base = Domain::repairedName(stored.isEmpty() ? name : stored);
            name = Domain::normalizedName(base.left(Limits::MaxDomainNameLength - suffix.size())) + suffix;
        }
        Domain domain;
        domain.id = id;
        domain.name = name;
        // Only an http(s) URL with a host: the domain's key is sent there.
        const QUrl url(m_settings->value(baseUrlKey(id)).toString());
        domain.baseUrl = !url.isEmpty() && Domain::baseUrlProblem(url).isEmpty() ? url : DomainTarget::defaultBaseUrl();
        m_domains.append(domain);
        m_idByFoldedName.insert(Domain::foldedName(name), id);
    }
}

void DomainStore::save(const Domain& domain)
{
    m_settings->setValue(nameKey(domain.id), domain.name);
    m_settings->setValue(baseUrlKey(domain.id), domain.baseUrl.toString());
}

void DomainStore::saveOrder()
{
    QStringList ids;
    for (const Domain& domain : std::as_const(m_domains))
        ids.append(domain.id);
    if (ids.isEmpty())
        m_settings->remove(kOrder);
    else
        m_settings->setValue(kOrder, ids);
    m_settings->sync();
}

int DomainStore::indexOf(const QString& id) const
{
    for (int i = 0; i < m_domains.size(); ++i) {
        if (m_domains.at(i).id == id)
            return i;
    }
    return -1;
}

QStringList DomainStore::names() const
{
    QStringList names;
    for (const Domain& domain : m_domains)
        names.append(domain.name);
    return names;
}

std::optional<Domain> DomainStore::domain(const QString& id) const
{
    const int index = indexOf(id);
    if (index < 0)
        return std::nullopt;
    return m_domains.at(index);
}

std::optional<Domain> DomainStore::domainByName(const QString& name) const
{
    const auto id = m_idByFoldedName.constFind(Domain::foldedName(name));
    if (id == m_idByFoldedName.cend())
        return std::nullopt;
    return domain(*id);
}

void DomainStore::deliverLater(QObject* context, std::function<void()> call)
{
    if (context)
        QMetaObject::invokeMethod(context, std::move(call), Qt::QueuedConnection);
}

QString DomainStore::addProblem(const QString& name, const QUrl& baseUrl, const QString& key) const
{
    QString problem = Domain::nameFormatProblem(name);
    if (problem.isEmpty()) {
        const auto taken = m_idByFoldedName.constFind(Domain::foldedName(name));
        if (taken != m_idByFoldedName.cend())
            problem = Domain::nameTakenProblem(domain(*taken).value_or(Domain()).name);
    }
    if (problem.isEmpty())
        problem = Domain::apiKeyProblem(key);
    if (problem.isEmpty())
        problem = Domain::baseUrlProblem(baseUrl);
    return problem;
}

Domain DomainStore::append(const QString& name, const QUrl& baseUrl)
{
    Domain domain;
    domain.id = Domain::newId();
    domain.name = Domain::normalizedName(name);
    domain.baseUrl = effectiveBaseUrl(baseUrl);
    m_domains.append(domain);
    m_idByFoldedName.insert(Domain::foldedName(domain.name), domain.id);
    return domain;
}

void DomainStore::forget(const QString& id)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    m_idByFoldedName.remove(Domain::foldedName(m_domains.at(index).name));
    m_domains.removeAt(index);
    m_sessionKeys.remove(id);
    m_settings->remove(groupKey(id));
}

void DomainStore::add(
    const QString& name, const QUrl& baseUrl, const QString& apiKey, QObject* context, Callback callback)
{
    const QString problem = addProblem(name, baseUrl, apiKey);
    if (!problem.isEmpty()) {
        Result result;
        result.error = problem;
        deliverLater(context, [callback = std::move(callback), result] { callback(result); });
        return;
    }

    const Domain domain = append(name, baseUrl);
    save(domain);
    saveOrder();
    // The key is in memory from here on, so whoever reacts to domainsChanged() can already read it.
    storeKey(domain, apiKey.trimmed(), context, std::move(callback));
    emit domainsChanged();
}

void DomainStore::storeKey(const Domain& domain, const QString& key, QObject* context, Callback callback)
{
    // Held in memory while the keychain works, so a readKey() in between already finds it.
    m_sessionKeys.insert(domain.id, key);
    QPointer<QObject> guard(context);
    m_secrets->write(domain.keyName(), key, this,
        [this, domain, key, guard, callback = std::move(callback)](const SecretStore::Result& written) {
            Result result;
            result.domain = domain;
            result.keyInKeychain = written.ok();
            result.keychainTimedOut = written.status == SecretStore::Result::Status::TimedOut;
            if (written.ok()) {
                // A later setKey() may have replaced the key meanwhile; only drop the copy this call made.
                if (m_sessionKeys.value(domain.id) == key)
                    m_sessionKeys.remove(domain.id);
            } else {
                // No plain-text fallback: the key stays in memory until the app quits.
                result.error = written.error.isEmpty() ? tr("The keychain did not store the API key.") : written.error;
            }
            if (indexOf(domain.id) < 0) {
                // Removed while the keychain was writing: do not leave an orphaned entry behind.
                m_sessionKeys.remove(domain.id);
                if (written.ok())
                    m_secrets->remove(domain.keyName(), this, [](const SecretStore::Result&) {});
            }
            if (guard)
                callback(result);
        });
}

void DomainStore::addBulk(const QList<BulkEntry>& entries, const QUrl& baseUrl, QObject* context, BulkCallback callback,
    BulkProgress progress)
{
    auto run = std::make_shared<BulkRun>();
    run->entries = entries;
    run->baseUrl = baseUrl;
    run->context = context;
    run->callback = std::move(callback);
    run->progress = std::move(progress);
    run->results.resize(entries.size());
    // Started from the event loop, so that neither progress nor the result ever comes inside this call.
    QMetaObject::invokeMethod(
        this, [this, run] { pumpBulk(run); }, Qt::QueuedConnection);
}

// Saves the next batch of entries (those that pass add()'s checks) to the settings: one write of the file and
// one domainsChanged() for the batch, and always before the keys of the batch reach the keychain, so that an
// interrupted run never leaves a keychain entry no domain points to.
void DomainStore::admitBulk(const std::shared_ptr<BulkRun>& run)
{
    bool added = false;
    while (run->saved.size() < BulkSaveBatch && run->next < run->entries.size()) {
        const int index = run->next++;
        const BulkEntry& entry = run->entries.at(index);
        const QString problem = addProblem(entry.name, run->baseUrl, entry.key);
        if (!problem.isEmpty()) {
            run->results[index].error = problem;
            ++run->done;
            continue;
        }
        const Domain domain = append(entry.name, run->baseUrl);
        save(domain);
        // Held in memory from here on, so whoever reacts to domainsChanged() can already read it.
        m_sessionKeys.insert(domain.id, entry.key.trimmed());
        run->results[index].domain = domain;
        run->saved.append(index);
        added = true;
    }
    if (added) {
        saveOrder();
        emit domainsChanged();
    }
}

// After a timeout: the entries saved but not yet sent, and those not yet saved, are not added.
void DomainStore::stopBulk(const std::shared_ptr<BulkRun>& run)
{
    const QString problem = tr("Not added: the keyring had stopped answering before its turn; unlock it and add this "
                               "domain again.");
    QList<int> notSent = run->saved;
    for (const int index : std::as_const(run->saved))
        forget(run->results.at(index).domain.id);
    if (!run->saved.isEmpty()) {
        run->saved.clear();
        saveOrder();
        emit domainsChanged();
    }
    for (; run->next < run->entries.size(); ++run->next)
        notSent.append(run->next);
    for (const int index : std::as_const(notSent)) {
        Result result;
        result.error = problem;
        result.keychainTimedOut = true;
        run->results[index] = result;
        ++run->done;
    }
}

void DomainStore::pumpBulk(const std::shared_ptr<BulkRun>& run)
{
    // Goes round again only when a whole batch was answered without the keychain (every domain of it removed
    // meanwhile), so that the next batch still gets saved.
    do {
        if (run->stopped)
            stopBulk(run); // nothing left to stop the second time
        else if (run->saved.size() < m_bulkWritesInFlight)
            admitBulk(run);
        sendBulk(run);
    } while (!run->stopped && run->inFlight == 0 && run->saved.isEmpty() && run->next < run->entries.size());

    if (run->done != run->reported && run->context && run->progress) {
        run->reported = run->done;
        run->progress(run->done, int(run->entries.size()));
    }
    if (run->inFlight > 0 || !run->saved.isEmpty() || run->next < run->entries.size())
        return;
    if (run->context && run->callback) {
        const BulkCallback callback = std::move(run->callback);
        run->callback = nullptr;
        callback(run->results);
    }
}

void DomainStore::sendBulk(const std::shared_ptr<BulkRun>& run)
{
    while (!run->stopped && run->inFlight < m_bulkWritesInFlight && !run->saved.isEmpty()) {
        const int index = run->saved.takeFirst();
        const Domain domain = run->results.at(index).domain;
        if (indexOf(domain.id) < 0) {
            // Removed (say, from the domains window) before its turn: its key goes nowhere.
            run->results[index] = Result();
            run->results[index].error = tr("This domain was removed before its key was stored.");
            ++run->done;
            continue;
        }
        const QString key = m_sessionKeys.value(domain.id);
        ++run->inFlight;
        // The store is the context: the run goes on (the user asked for these domains) even if the caller's
        // window closes; only the reports then have nobody to go to.
        storeKey(domain, key, this, [this, run, index](const Result& result) {
            --run->inFlight;
            run->results[index] = result;
            ++run->done;
            // QtKeychain runs one job at a time: behind a job that hangs, every later one would wait as well.
            if (result.keychainTimedOut)
                run->stopped = true;
            pumpBulk(run);
        });
    }
}

QString DomainStore::rename(const QString& id, const QString& newName)
{
    const int index = indexOf(id);
    if (index < 0)
        return tr("This domain no longer exists.");
    QStringList others = names();
    others.removeAt(index);
    const QString problem = Domain::nameProblem(newName, others);
    if (!problem.isEmpty())
        return problem;
    const QString name = Domain::normalizedName(newName);
    if (m_domains.at(index).name == name)
        return {};
    m_idByFoldedName.remove(Domain::foldedName(m_domains.at(index).name));
    m_idByFoldedName.insert(Domain::foldedName(name), id);
    m_domains[index].name = name;
    save(m_domains.at(index));
    m_settings->sync();
    emit domainsChanged();
    return {};
}

QString DomainStore::setBaseUrl(const QString& id, const QUrl& baseUrl)
{
    const int index = indexOf(id);
    if (index < 0)
        return tr("This domain no longer exists.");
    const QString problem = Domain::baseUrlProblem(baseUrl);
    if (!problem.isEmpty())
        return problem;
    const QUrl url = effectiveBaseUrl(baseUrl);
    if (m_domains.at(index).baseUrl == url)
        return {};
    m_domains[index].baseUrl = url;
    save(m_domains.at(index));
    m_settings->sync();
    emit domainsChanged();
    return {};
}

// The answer to a call about a domain that was removed meanwhile.
void DomainStore::answerGone(QObject* context, SecretStore::Callback callback)
{
    SecretStore::Result result;
    result.status = SecretStore::Result::Status::NotFound;
    result.error = tr("This domain no longer exists.");
    deliverLater(context, [callback = std::move(callback), result] { callback(result); });
}

void DomainStore::remove(const QString& id, QObject* context, SecretStore::Callback callback)
{
    const int index = indexOf(id);
    if (index < 0)
        return answerGone(context, std::move(callback));
    const Domain domain = m_domains.at(index);
    forget(id);
    saveOrder();
    emit domainsChanged();

    QPointer<QObject> guard(context);
    m_secrets->remove(
        domain.keyName(), this, [guard, callback = std::move(callback)](const SecretStore::Result& removed) {
            if (!guard)
                return;
            // Nothing to delete is as good as deleted: the key may never have reached the keychain.
            callback(removed.status == SecretStore::Result::Status::NotFound ? SecretStore::Result() : removed);
        });
}

void DomainStore::readKey(const QString& id, QObject* context, SecretStore::Callback callback)
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
        m_domains.at(index).keyName(), this, [guard, callback = std::move(callback)](const SecretStore::Result& read) {
            if (guard)
                callback(read);
        });
}

void DomainStore::setKey(const QString& id, const QString& apiKey, QObject* context, Callback callback)
{
    const int index = indexOf(id);
    QString problem = index < 0 ? tr("This domain no longer exists.") : Domain::apiKeyProblem(apiKey);
    if (!problem.isEmpty()) {
        Result result;
        result.error = problem;
        deliverLater(context, [callback = std::move(callback), result] { callback(result); });
        return;
    }
    storeKey(m_domains.at(index), apiKey.trimmed(), context, std::move(callback));
    emit keyChanged(id);
}
