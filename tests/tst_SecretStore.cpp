// Stores, reads and deletes a key through a real Secret Service (a throw-away gnome-keyring; see
// support/with-keyring.sh), exactly as the app does. The timeout's tests run in CTest entries of their own,
// against a Secret Service that never answers or answers late (support/with-hanging-keychain.sh).

#include "SecretStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <chrono>
#include <memory>
#include <optional>

namespace {
const QString kKey = QStringLiteral("api-key/test");
}

class tst_SecretStore : public QObject
{
    Q_OBJECT

private:
    // Runs one keychain job to its end and returns what the callback received.
    template<typename Start>
    SecretStore::Result run(Start start)
    {
        std::optional<SecretStore::Result> received;
        start([&received](const SecretStore::Result& r) { received = r; });
        if (!QTest::qWaitFor([&] { return received.has_value(); }, 20000))
            return {SecretStore::Result::Status::Failed, {}, QStringLiteral("no answer from the keychain")};
        return *received;
    }

    QString m_service;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // A service name of this run only, so nothing collides with another test or a real entry.
        m_service = QStringLiteral("daily-webhooks-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void storeReadDelete()
    {
        SecretStore store(m_service);
        const QString secret = QStringLiteral("sk_test_0123456789abcdef");

        const SecretStore::Result written = run([&](auto cb) { store.write(kKey, secret, this, cb); });
        QVERIFY2(written.ok(), qPrintable(written.error));

        const SecretStore::Result read = run([&](auto cb) { store.read(kKey, this, cb); });
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.secret, secret);

        const SecretStore::Result removed = run([&](auto cb) { store.remove(kKey, this, cb); });
        QVERIFY2(removed.ok(), qPrintable(removed.error));

        const SecretStore::Result after = run([&](auto cb) { store.read(kKey, this, cb); });
        QCOMPARE(after.status, SecretStore::Result::Status::NotFound);
        QVERIFY(after.secret.isEmpty());
    }

    void overwriteReplacesTheKey()
    {
        SecretStore store(m_service);
        const QString key = QStringLiteral("api-key/overwrite");
        QVERIFY(run([&](auto cb) { store.write(key, QStringLiteral("first"), this, cb); }).ok());
        QVERIFY(run([&](auto cb) { store.write(key, QStringLiteral("second"), this, cb); }).ok());
        QCOMPARE(run([&](auto cb) { store.read(key, this, cb); }).secret, QStringLiteral("second"));
        QVERIFY(run([&](auto cb) { store.remove(key, this, cb); }).ok());
    }

    void readingAMissingKeyIsNotFound()
    {
        SecretStore store(m_service);
        const SecretStore::Result r = run([&](auto cb) { store.read(QStringLiteral("api-key/absent"), this, cb); });
        QCOMPARE(r.status, SecretStore::Result::Status::NotFound);
    }

    void noCallbackAfterTheContextIsGone()
    {
        SecretStore store(m_service);
        bool called = false;
        auto* context = new QObject;
        store.read(kKey, context, [&called](const SecretStore::Result&) { called = true; });
        delete context;
        // The keychain runs jobs one after another: once a later one has answered, the first has finished too, and
        // its callback did not run.
        QCOMPARE(run([&](auto cb) { store.read(kKey, this, cb); }).status, SecretStore::Result::Status::NotFound);
        QVERIFY(!called);
    }

    void memoryBackendNeverTouchesTheKeychain()
    {
        SecretStore memory(SecretStore::Backend::Memory, m_service);
        QVERIFY(run([&](auto cb) { memory.write(QStringLiteral("k"), QStringLiteral("v"), this, cb); }).ok());
        QCOMPARE(run([&](auto cb) { memory.read(QStringLiteral("k"), this, cb); }).secret, QStringLiteral("v"));
        // The keychain behind the same service name knows nothing of it.
        SecretStore keychain(m_service);
        QCOMPARE(run([&](auto cb) { keychain.read(QStringLiteral("k"), this, cb); }).status,
            SecretStore::Result::Status::NotFound);
        QVERIFY(run([&](auto cb) { memory.remove(QStringLiteral("k"), this, cb); }).ok());
        QCOMPARE(run([&](auto cb) { memory.read(QStringLiteral("k"), this, cb); }).status,
            SecretStore::Result::Status::NotFound);
        // Answers come later, never inside the call.
        bool called = false;
        memory.read(QStringLiteral("k"), this, [&called](const SecretStore::Result&) { called = true; });
        QVERIFY(!called);
        QTRY_VERIFY(called);
    }

    void answerBeforeTheTimeoutIsTheOnlyAnswer()
    {
        if (!qEnvironmentVariableIsEmpty("DW_EXPECT_NO_KEYCHAIN")
            || !qEnvironmentVariableIsEmpty("DW_EXPECT_HANGING_KEYCHAIN"))
            QSKIP("needs the throw-away keychain");
        SecretStore store(m_service);
        store.setTimeoutSeconds(1);
        QCOMPARE(store.timeoutSeconds(), 1);
        int answers = 0;
        std::optional<SecretStore::Result> received;
        store.write(QStringLiteral("api-key/timely"), QStringLiteral("v"), this, [&](const SecretStore::Result& r) {
            ++answers;
            received = r;
        });
        // A timer of the same length started after the job's: when it fires, the job's timer has fired too.
        bool timeoutPassed = false;
        QTimer::singleShot(std::chrono::seconds(1), Qt::PreciseTimer, this, [&timeoutPassed] { timeoutPassed = true; });
        QVERIFY(QTest::qWaitFor([&] { return received.has_value(); }, 20000));
        QVERIFY2(received->ok(), qPrintable(received->error));
        // The timer of an answered job says nothing later.
        QVERIFY(QTest::qWaitFor([&] { return timeoutPassed; }, 5000));
        QCOMPARE(answers, 1);
        QVERIFY(run([&](auto cb) { store.remove(QStringLiteral("api-key/timely"), this, cb); }).ok());
    }

    void timeoutWhenTheKeychainNeverAnswers()
    {
        // Registered again with CTest against hanging-secret-service, which never answers: a locked keyring
        // waiting for its password.
        if (qEnvironmentVariableIsEmpty("DW_EXPECT_HANGING_KEYCHAIN")
            || !qEnvironmentVariableIsEmpty("HANGING_SECRET_SERVICE_REPLY_AFTER"))
            QSKIP("runs only in the hanging-keychain CTest entry");
        SecretStore store(m_service);
        QCOMPARE(store.timeoutSeconds(), 0);

        // Without a timeout, nothing answers (checked below, after three timeouts of later jobs have passed).
        std::optional<SecretStore::Result> waiting;
        store.read(kKey, this, [&waiting](const SecretStore::Result& r) { waiting = r; });

        store.setTimeoutSeconds(1);
        const QString expected = SecretStore::timedOutMessage(1);
        QVERIFY2(expected.contains(QLatin1String("within 1 second;")), qPrintable(expected));
        QVERIFY(expected.contains(QLatin1String("Unlock it and try again.")));
        QCOMPARE(SecretStore::timedOutMessage(30).contains(QLatin1String("within 30 seconds;")), true);
        QElapsedTimer clock;
        clock.start();
        const SecretStore::Result written = run([&](auto cb) { store.write(kKey, QStringLiteral("x"), this, cb); });
        QCOMPARE(written.status, SecretStore::Result::Status::TimedOut);
        QVERIFY(!written.ok());
        QCOMPARE(written.error, expected);
        QVERIFY2(clock.elapsed() >= 900 && clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));

        // Read and remove wait behind the job that hangs, and time out just the same.
        QCOMPARE(run([&](auto cb) { store.read(kKey, this, cb); }).status, SecretStore::Result::Status::TimedOut);
        QCOMPARE(run([&](auto cb) { store.remove(kKey, this, cb); }).status, SecretStore::Result::Status::TimedOut);
        QVERIFY2(!waiting.has_value(), "a job started without a timeout answered on its own");
        // The memory backend has nothing to wait for.
        SecretStore memory(SecretStore::Backend::Memory, m_service);
        memory.setTimeoutSeconds(1);
        QVERIFY(run([&](auto cb) { memory.write(kKey, QStringLiteral("x"), this, cb); }).ok());
        QVERIFY(waiting == std::nullopt || waiting->status != SecretStore::Result::Status::Ok);
    }

    void lateAnswerAfterTheTimeoutIsDropped()
    {
        // Registered again with CTest against hanging-secret-service answering every call after a few seconds.
        if (qEnvironmentVariableIsEmpty("HANGING_SECRET_SERVICE_REPLY_AFTER"))
            QSKIP("runs only in the late-keychain CTest entry");
        auto store = std::make_unique<SecretStore>(m_service);
        store->setTimeoutSeconds(1);
        int answers = 0;
        std::optional<SecretStore::Result> first;
        store->write(kKey, QStringLiteral("x"), this, [&](const SecretStore::Result& r) {
            ++answers;
            first = r;
        });
        QVERIFY(QTest::qWaitFor([&] { return first.has_value(); }, 10000));
        QCOMPARE(first->status, SecretStore::Result::Status::TimedOut);
        // The store goes away while its job still waits for the keychain; the job must not.
        store.reset();

        // A job queues behind the one still waiting, so its answer can only come after the late one arrived.
        SecretStore after(m_service);
        const SecretStore::Result next = run([&](auto cb) { after.read(kKey, this, cb); });
        QCOMPARE(next.status, SecretStore::Result::Status::Failed);
        QVERIFY2(next.error.contains(QLatin1String("answered late")), qPrintable(next.error));
        QCOMPARE(answers, 1);
    }

    void missingKeychainIsReported()
    {
        // Registered a second time with CTest, without any session bus: the error must be surfaced as such,
        // never a silent plain-text fallback. In the keyring run there is a keychain, so this row does not apply.
        if (qEnvironmentVariableIsEmpty("DW_EXPECT_NO_KEYCHAIN"))
            QSKIP("runs only in the no-keychain CTest entry");
        SecretStore store(m_service);
        const SecretStore::Result r = run([&](auto cb) { store.write(kKey, QStringLiteral("x"), this, cb); });
        QVERIFY(!r.ok());
        QVERIFY(
            r.status == SecretStore::Result::Status::Unavailable || r.status == SecretStore::Result::Status::Failed);
        QVERIFY(!r.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_SecretStore.moc"
