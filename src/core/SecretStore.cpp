#include "SecretStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

const QString SecretStore::DefaultService = QStringLiteral("io.github.dailywebhooks.DailyWebhooks");

namespace {

SecretStore::Result resultOf(const QKeychain::Job* job)
{
    using Status = SecretStore::Result::Status;
    SecretStore::Result result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.status = Status::Ok;
        break;
    case QKeychain::EntryNotFound:
        result.status = Status::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        result.status = Status::Unavailable;
        break;
    default:
        result.status = Status::Failed;
        break;
    }
    if (result.status != Status::Ok)
        result.error = job->errorString();
    return result;
}

// Runs `callback` when `job` ends, only if `context` still exists. QtKeychain deletes the job itself.
template<typename JobType, typename Extract>
void startJob(JobType* job, QObject* context, SecretStore::Callback callback, Extract extract)
{
    job->setAutoDelete(true);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [job, guard, callback = std::move(callback), extract](QKeychain::Job*) {
            if (!guard)
                return;
            SecretStore::Result result = resultOf(job);
            if (result.ok())
                extract(job, &result);
            callback(result);
        });
    job->start();
}

} // namespace

SecretStore::SecretStore(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{ }

SecretStore::SecretStore(Backend backend, const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_backend(backend)
{ }

// Memory answers arrive later too, as the keychain's do, so callers never see a callback inside their call.
void SecretStore::answerFromMemory(QObject* context, Callback callback, Result result)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        this,
        [guard, callback = std::move(callback), result] {
            if (guard)
                callback(result);
        },
        Qt::QueuedConnection);
}

void SecretStore::read(const QString& key, QObject* context, Callback callback)
{
    if (m_backend == Backend::Memory) {
        const auto it = m_memory.constFind(key);
        Result result;
        result.status = it == m_memory.cend() ? Result::Status::NotFound : Result::Status::Ok;
        result.secret = it == m_memory.cend() ? QString() : *it;
        answerFromMemory(context, std::move(callback), result);
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    startJob(
        job, context, std::move(callback), [](QKeychain::ReadPasswordJob* j, Result* r) { r->secret = j->textData(); });
}

void SecretStore::write(const QString& key, const QString& secret, QObject* context, Callback callback)
{
    if (m_backend == Backend::Memory) {
        m_memory.insert(key, secret);
        answerFromMemory(context, std::move(callback), Result {});
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    startJob(job, context, std::move(callback), [](QKeychain::WritePasswordJob*, Result*) {});
}

void SecretStore::remove(const QString& key, QObject* context, Callback callback)
{
    if (m_backend == Backend::Memory) {
        Result result;
        result.status = m_memory.remove(key) > 0 ? Result::Status::Ok : Result::Status::NotFound;
        answerFromMemory(context, std::move(callback), result);
        return;
    }
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    startJob(job, context, std::move(callback), [](QKeychain::DeletePasswordJob*, Result*) {});
}
