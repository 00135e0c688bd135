#include "SecretStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

const QString SecretStore::DefaultService = QStringLiteral("io.github.dailywebhooks.DailyWebhooks");
const QString SecretStore::ApiKeyName = QStringLiteral("api-key/default");

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

void SecretStore::read(const QString& key, QObject* context, Callback callback)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    startJob(
        job, context, std::move(callback), [](QKeychain::ReadPasswordJob* j, Result* r) { r->secret = j->textData(); });
}

void SecretStore::write(const QString& key, const QString& secret, QObject* context, Callback callback)
{
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    startJob(job, context, std::move(callback), [](QKeychain::WritePasswordJob*, Result*) {});
}

void SecretStore::remove(const QString& key, QObject* context, Callback callback)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    startJob(job, context, std::move(callback), [](QKeychain::DeletePasswordJob*, Result*) {});
}
