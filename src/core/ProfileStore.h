#pragma once

#include "BulkDomainParser.h"
#include "Profile.h"
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
// list in `profiles/order`, then `profiles/<id>/name` and `profiles/<id>/baseUrl`); API keys live only in
// the keychain through SecretStore, under Profile::keyName(). Without a usable keychain a key is kept in
// this object's memory for the session and the caller is told so; it is never written anywhere else.
//
// Asynchronous results arrive on the store's thread, later (never inside the call), and only while the
// `context` passed with the call is alive; a null context means no callback.
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        Profile profile; // invalid (empty id) when the request was refused and no key is held anywhere
        bool keyInKeychain = false; // false: the key is held in memory until the app quits, or nowhere
        QString error; // the validation problem, or the keychain's own message; never contains the key

        bool added() const { return profile.isValid(); }
        bool ok() const { return added() && keyInKeychain && error.isEmpty(); }
    };
    using Callback = std::function<void(const Result&)>;
    using BulkCallback = std::function<void(const QList<Result>&)>;

    // `secrets` and `settings` are not owned and must outlive the store. Without `settings` the store opens
    // the application's own (from the organisation and application names).
    explicit ProfileStore(SecretStore* secrets, QSettings* settings = nullptr, QObject* parent = nullptr);
    ~ProfileStore() override;

    QList<Profile> profiles() const { return m_profiles; } // in the order they were added
    QStringList names() const;
    std::optional<Profile> profile(const QString& id) const;
    std::optional<Profile> profileByName(const QString& name) const; // ignoring case and surrounding spaces

    // Validates the name (Profile::nameProblem), the key and the base URL (empty means the default), saves the
    // profile at once and then writes the key to the keychain. If the keychain is unavailable or fails, the
    // profile is still added, the key is kept in memory for this session and the result says
    // keyInKeychain=false with the keychain's message.
    void add(const QString& name, const QUrl& baseUrl, const QString& apiKey, QObject* context, Callback callback);
    // Adds the entries one after another (each checked against the names added before it); one result per
    // entry, in the same order.
    void addBulk(const QList<BulkEntry>& entries, const QUrl& baseUrl, QObject* context, BulkCallback callback);

    // The problem, or an empty string once renamed. The key stays where it is (it is tied to the id).
    QString rename(const QString& id, const QString& newName);
    QString setBaseUrl(const QString& id, const QUrl& baseUrl);

    // Forgets the profile at once, then deletes its keychain entry. The callback gets Ok when the entry is gone
    // (or never existed), else the keychain's error: the key may then remain in the keychain.
    void remove(const QString& id, QObject* context, SecretStore::Callback callback);

    // The key held in memory for this session if any, else the keychain's entry.
    void readKey(const QString& id, QObject* context, SecretStore::Callback callback);
    // Replaces the key, with the same keychain-or-memory rule as add(). result.profile is the profile.
    void setKey(const QString& id, const QString& apiKey, QObject* context, Callback callback);

    // Whether the key for `id` is held in memory: the keychain refused it, or has not yet answered.
    bool hasSessionOnlyKey(const QString& id) const { return m_sessionKeys.contains(id); }

signals:
    void profilesChanged();

private:
    struct BulkRun;

    void load();
    void save(const Profile& profile);
    void saveOrder();
    int indexOf(const QString& id) const;
    // Writes `key` to the keychain, holding it in memory meanwhile and afterwards if the keychain refuses it.
    void storeKey(const Profile& profile, const QString& key, QObject* context, Callback callback);
    void addNext(const std::shared_ptr<BulkRun>& run);
    static void deliverLater(QObject* context, std::function<void()> call);
    void answerGone(QObject* context, SecretStore::Callback callback);

    SecretStore* m_secrets;
    std::unique_ptr<QSettings> m_ownSettings;
    QSettings* m_settings;
    QList<Profile> m_profiles;
    QHash<QString, QString> m_sessionKeys; // profile id -> key the keychain did not (yet) take
};
