#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

// The only code that touches the OS keychain (through QtKeychain's asynchronous jobs). Errors are surfaced,
// never papered over: without a keychain the caller is told so and decides to keep a key in memory only.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        enum class Status { Ok, NotFound, Unavailable, Failed };
        Status status = Status::Ok;
        QString secret; // read() only
        QString error; // the keychain's own message when status is not Ok

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

    // Callbacks run on the caller's thread, and only while `context` is alive.
    void read(const QString& key, QObject* context, Callback callback);
    void write(const QString& key, const QString& secret, QObject* context, Callback callback);
    void remove(const QString& key, QObject* context, Callback callback);

private:
    void answerFromMemory(QObject* context, Callback callback, Result result);

    QString m_service;
    Backend m_backend = Backend::Keychain;
    QHash<QString, QString> m_memory;
};
