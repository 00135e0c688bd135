#pragma once

#include "BulkDomainParser.h"
#include "Domain.h"
#include "SecretStore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

// The domains the user works with. Names and base URLs live in QSettings under `profiles/` (an ordered id
// list in `profiles/order`, then `profiles/<id>/name` and `profiles/<id>/baseUrl`; the first versions' names,
// kept so that the domains saved then are still read); API keys live only in the keychain through SecretStore,
// under Domain::keyName(). Without a usable keychain a key is kept in this object's memory for the session and
// the caller is told so; it is never written anywhere else.
//
// Asynchronous results arrive on the store's thread, later (never inside the call), and only while the
// `context` passed with the call is alive; a null context means no callback.
//
// The settings are read once, at construction; names a hand-edited file holds that nameFormatProblem() refuses
// are repaired in memory (Domain::repairedName, made unique), and entries without a usable id or name are left
// out.
class DomainStore : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        Domain domain; // invalid (empty id) when the request was refused and no key is held anywhere
        bool keyInKeychain = false; // false: the key is held in memory until the app quits, or nowhere
        QString error; // the validation problem, or the keychain's own message; never contains the key
        // The keyring did not answer in time (SecretStore's timeout): this key's write, or, in a bulk run, an
        // earlier one, after which no more were sent.
        bool keychainTimedOut = false;

        bool added() const { return domain.isValid(); }
        bool ok() const { return added() && keyInKeychain && error.isEmpty(); }
    };
    using Callback = std::function<void(const Result&)>;
    using BulkCallback = std::function<void(const QList<Result>&)>;
    // done of total entries answered so far, in a bulk run.
    using BulkProgress = std::function<void(int done, int total)>;

    // How many keychain writes a bulk run keeps in flight. Measured against gnome-keyring (benchmarks/README.md):
    // it handles one write at a time, rewriting its keyring file for each, so 4 writes at once went no faster
    // than 1 and 8 or 16 went slower; and QtKeychain runs one job at a time per process anyway. One at a time
    // also means a write's timeout is spent waiting for the keyring, never in a queue behind other writes.
    static constexpr int DefaultBulkWritesInFlight = 1;
    // How many domains of a bulk run are saved to the settings at a time, ahead of their keys.
    static constexpr int BulkSaveBatch = 50;

    // `secrets` and `settings` are not owned and must outlive the store. Without `settings` the store opens
    // the application's own (from the organisation and application names).
    explicit DomainStore(SecretStore* secrets, QSettings* settings = nullptr, QObject* parent = nullptr);
    ~DomainStore() override;

    QList<Domain> domains() const { return m_domains; } // in the order they were added
    QStringList names() const;
    std::optional<Domain> domain(const QString& id) const;
    std::optional<Domain> domainByName(const QString& name) const; // ignoring case and surrounding spaces

    // Validates the name (Domain::nameProblem), the key and the base URL (empty means the default), saves the
    // domain at once and then writes the key to the keychain. If the keychain is unavailable or fails, the
    // domain is still added, the key is kept in memory for this session and the result says
    // keyInKeychain=false with the keychain's message.
    void add(const QString& name, const QUrl& baseUrl, const QString& apiKey, QObject* context, Callback callback);
    // Adds the entries in their order, each checked as add() checks it and against the names added before it;
    // one result per entry, in the same order. Domains are saved to the settings BulkSaveBatch at a time (one
    // write of the file and one domainsChanged() per batch), each batch before its keys go to the keychain,
    // which takes up to bulkWritesInFlight() writes at once. A key the keychain refuses is kept in memory, as
    // add() does. Once a write times out the keyring is taken to be locked: the writes already sent end as
    // they end, and the entries not yet sent are not added (keychainTimedOut, and an error saying so).
    // `progress` (optional) follows every answered entry, only while `context` is alive.
    void addBulk(const QList<BulkEntry>& entries, const QUrl& baseUrl, QObject* context, BulkCallback callback,
        BulkProgress progress = {});
    void setBulkWritesInFlight(int writes) { m_bulkWritesInFlight = qMax(1, writes); }
    int bulkWritesInFlight() const { return m_bulkWritesInFlight; }

    // The problem, or an empty string once renamed. The key stays where it is (it is tied to the id).
    QString rename(const QString& id, const QString& newName);
    QString setBaseUrl(const QString& id, const QUrl& baseUrl);

    // Forgets the domain at once, then deletes its keychain entry. The callback gets Ok when the entry is gone
    // (or never existed), else the keychain's error: the key may then remain in the keychain.
    void remove(const QString& id, QObject* context, SecretStore::Callback callback);

    // The key held in memory for this session if any, else the keychain's entry.
    void readKey(const QString& id, QObject* context, SecretStore::Callback callback);
    // Replaces the key, with the same keychain-or-memory rule as add(). result.domain is the domain whose key it is.
    void setKey(const QString& id, const QString& apiKey, QObject* context, Callback callback);

    // Whether the key for `id` is held in memory: the keychain refused it, or has not yet answered.
    bool hasSessionOnlyKey(const QString& id) const { return m_sessionKeys.contains(id); }

signals:
    void domainsChanged();
    // setKey() replaced the key of `id`: whoever kept a copy of the old one for the session drops it.
    void keyChanged(const QString& id);

private:
    struct BulkRun;

    void load();
    void save(const Domain& domain);
    void saveOrder();
    int indexOf(const QString& id) const;
    // The problem with adding `name`, `key` and `baseUrl` now, or an empty string.
    QString addProblem(const QString& name, const QUrl& baseUrl, const QString& key) const;
    // Appends a new domain in memory only; the caller saves it.
    Domain append(const QString& name, const QUrl& baseUrl);
    // Forgets a domain in memory and in the settings (without syncing them); the keychain is not touched.
    void forget(const QString& id);
    // Writes `key` to the keychain, holding it in memory meanwhile and afterwards if the keychain refuses it.
    void storeKey(const Domain& domain, const QString& key, QObject* context, Callback callback);
    void pumpBulk(const std::shared_ptr<BulkRun>& run);
    void admitBulk(const std::shared_ptr<BulkRun>& run);
    void sendBulk(const std::shared_ptr<BulkRun>& run);
    void stopBulk(const std::shared_ptr<BulkRun>& run);
    static void deliverLater(QObject* context, std::function<void()> call);
    void answerGone(QObject* context, SecretStore::Callback callback);

    SecretStore* m_secrets;
    std::unique_ptr<QSettings> m_ownSettings;
    QSettings* m_settings;
    QList<Domain> m_domains;
    QHash<QString, QString> m_idByFoldedName; // Domain::foldedName(name) -> id, for every domain
    QHash<QString, QString> m_sessionKeys; // domain id -> key the keychain did not (yet) take
    int m_bulkWritesInFlight = DefaultBulkWritesInFlight;
};
