#include "SecretStore.h"

#include "AppIdentity.h"

#include <qt6keychain/keychain.h>

#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

const QString SecretStore::DefaultService = AppIdentity::keychainService();

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

} // namespace

QString SecretStore::timedOutMessage(int seconds)
{
    const QString within = seconds == 1 ? tr("1 second") : tr("%1 seconds").arg(seconds);
    return tr("The keyring did not answer within %1; it is probably locked and waiting for its password. Unlock it "
              "and try again.")
        .arg(within);
}

// Runs `callback` once: with the job's answer, or with TimedOut when the timeout comes first; and only while
// `context` exists. QtKeychain deletes the job itself once it has answered.
template<typename JobType, typename Extract>
void SecretStore::startJob(JobType* job, QObject* context, Callback callback, Extract extract)
{
    struct Pending
    {
        bool answered = false;
        Callback callback;
    };
    auto pending = std::make_shared<Pending>();
    pending->callback = std::move(callback);
    // Taken out before the call, so whatever the callback does (even start another job) finds it answered.
    const auto answer = [pending](const Result& result) {
        if (pending->answered)
            return;
        pending->answered = true;
        const Callback call = std::move(pending->callback);
        call(result);
    };

    job->setAutoDelete(true);
    if (!context) {
        // Nobody to answer: the job still runs, and neither its answer nor a timeout calls anything.
        job->start();
        return;
    }
    QObject::connect(job, &QKeychain::Job::finished, context, [answer, extract](QKeychain::Job* finished) {
        Result result = resultOf(finished);
        if (result.ok())
            extract(static_cast<JobType*>(finished), &result);
        answer(result);
    });
    if (m_timeoutSeconds > 0) {
        const int seconds = m_timeoutSeconds;
        // Precise: a coarse timer may fire 5 % early, and "did not answer within N seconds" must be true.
        QTimer::singleShot(std::chrono::seconds(seconds), Qt::PreciseTimer, context, [answer, seconds] {
            Result result;
            result.status = Result::Status::TimedOut;
            result.error = timedOutMessage(seconds);
            answer(result);
        });
    }
    job->start();
}

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
    // Jobs have no parent: one the keychain never answered must outlive this store, because the keychain
    // backend keeps a pointer to it for its late answer.
    auto* job = new QKeychain::ReadPasswordJob(m_service);
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
    auto* job = new QKeychain::WritePasswordJob(m_service);
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
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    startJob(job, context, std::move(callback), [](QKeychain::DeletePasswordJob*, Result*) {});
}
