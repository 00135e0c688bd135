// Stores, reads and deletes a key through a real Secret Service (a throw-away gnome-keyring; see
// support/with-keyring.sh), exactly as the app does.

#include "SecretStore.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

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
        // Give the job time to finish; its callback must not run.
        QTest::qWait(1500);
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
