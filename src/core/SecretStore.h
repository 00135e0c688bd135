#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

// The only code that touches the OS keychain (through QtKeychain's asynchronous jobs). Errors are surfaced,
// never papered over: without a keychain the caller is told so and decides to keep a key in memory only.
//
// A keyring that is locked shows its unlock prompt and answers only once the user typed the password, which
// may be never (no one at the screen, or a script). With a timeout set, a job that has not answered in time
// answers TimedOut instead; the keychain's own answer, if it ever comes, is then dropped. QtKeychain runs one
// job at a time per process, so once a job hangs, the ones after it wait behind it and time out too.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        enum class Status {
            Ok,
            NotFound,
            Unavailable,
            Failed,
            TimedOut, // no answer within timeoutSeconds(): probably locked, waiting for its password
        };
        Status status = Status::Ok;
        QString secret; // read() only
        QString error; // the keychain's own message when status is not Ok, or timedOutMessage()

        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Result&)>;

    static const QString DefaultService;

    // Keychain: the OS keychain through QtKeychain. Memory: a map that lives as long as this object, for
    // throw-away values such as the sandbox's demo keys, which must not end up in the user's keychain.
    enum class Backend { Keychain, Memory };

    explicit SecretStore(const QString& service = DefaultService, QObject* parent = nullptr);
    SecretStore(Backend backend, const QString& service, QObject* parent = nullptr);

    QString service() const { return m_service; }
    Backend backend() const { return m_backend; }

    // How long each keychain job may take, counted from the call; 0 (the default) waits as long as the keychain
    // does. Applies to the calls made after it is set.
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = qMax(0, seconds); }
    int timeoutSeconds() const { return m_timeoutSeconds; }
    // The error of a TimedOut result: what happened and what to do about it.
    static QString timedOutMessage(int seconds);

    // Callbacks run on the caller's thread, and only while `context` is alive; a null context means no callback.
    void read(const QString& key, QObject* context, Callback callback);
    void write(const QString& key, const QString& secret, QObject* context, Callback callback);
    void remove(const QString& key, QObject* context, Callback callback);

private:
    void answerFromMemory(QObject* context, Callback callback, Result result);
    template<typename JobType, typename Extract>
    void startJob(JobType* job, QObject* context, Callback callback, Extract extract);

    QString m_service;
    Backend m_backend = Backend::Keychain;
    int m_timeoutSeconds = 0;
    QHash<QString, QString> m_memory;
};
