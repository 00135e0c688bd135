// The rules for a domain: its name (unique ignoring case, one line, no comma), its API key (never quoted
// back) and its base URL, plus the stable id and the keychain entry derived from it.

#include "Profile.h"

#include <QTest>
#include <QUuid>

class tst_Profile : public QObject
{
    Q_OBJECT

private slots:
    void nameProblem_data();
    void nameProblem();
    void duplicateMessageNamesTheExistingDomain();
    void apiKeyProblem_data();
    void apiKeyProblem();
    void apiKeyProblemNeverQuotesTheKey();
    void baseUrlProblem_data();
    void baseUrlProblem();
    void defaults();
    void idAndKeyName();
};

void tst_Profile::nameProblem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<bool>("accepted");

    const QStringList none;
    const QStringList some {QStringLiteral("staging"), QStringLiteral("Production EU")};
    QTest::newRow("plain name") << QStringLiteral("staging") << none << true;
    QTest::newRow("spaces around are trimmed") << QStringLiteral("  staging  ") << none << true;
    QTest::newRow("spaces inside") << QStringLiteral("production eu west") << none << true;
    QTest::newRow("dots and dashes") << QStringLiteral("acme-video.daily.co") << none << true;
    QTest::newRow("non-latin") << QStringLiteral("Übung – Ärzte") << none << true;
    QTest::newRow("new name among others") << QStringLiteral("development") << some << true;
    QTest::newRow("empty") << QString() << none << false;
    QTest::newRow("spaces only") << QStringLiteral("   ") << none << false;
    QTest::newRow("comma") << QStringLiteral("acme,eu") << none << false;
    QTest::newRow("line feed") << QStringLiteral("acme\neu") << none << false;
    QTest::newRow("carriage return") << QStringLiteral("acme\reu") << none << false;
    QTest::newRow("tab") << QStringLiteral("acme\teu") << none << false;
    QTest::newRow("unicode line separator")
        << (QStringLiteral("acme") + QChar(0x2028) + QStringLiteral("eu")) << none << false;
    QTest::newRow("duplicate, same case") << QStringLiteral("staging") << some << false;
    QTest::newRow("duplicate, other case") << QStringLiteral("STAGING") << some << false;
    QTest::newRow("duplicate, mixed case with spaces") << QStringLiteral(" production eu ") << some << false;
    QTest::newRow("duplicate of an untrimmed existing name")
        << QStringLiteral("qa") << QStringList {QStringLiteral(" QA ")} << false;
    QTest::newRow("duplicate, non-latin case")
        << QStringLiteral("ärzte") << QStringList {QStringLiteral("ÄRZTE")} << false;
    QTest::newRow("prefix of an existing name is fine") << QStringLiteral("stag") << some << true;
}

void tst_Profile::nameProblem()
{
    QFETCH(QString, name);
    QFETCH(QStringList, existing);
    QFETCH(bool, accepted);

    const QString problem = Profile::nameProblem(name, existing);
    QCOMPARE(problem.isEmpty(), accepted);
    if (!accepted) {
        // A plain sentence a person can act on.
        QVERIFY(problem.at(0).isUpper());
        QVERIFY(problem.endsWith(QLatin1Char('.')));
    }
}

void tst_Profile::duplicateMessageNamesTheExistingDomain()
{
    const QString problem = Profile::nameProblem(QStringLiteral("STAGING"), {QStringLiteral("Staging")});
    QVERIFY2(problem.contains(QStringLiteral("\"Staging\"")), qPrintable(problem));
}

void tst_Profile::apiKeyProblem_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("typical key") << QStringLiteral("0123456789abcdef0123456789abcdef") << true;
    QTest::newRow("spaces around are trimmed") << QStringLiteral("  abc123  ") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("spaces only") << QStringLiteral("   ") << false;
    QTest::newRow("space inside") << QStringLiteral("abc 123") << false;
    QTest::newRow("line break inside") << QStringLiteral("abc\n123") << false;
    QTest::newRow("tab inside") << QStringLiteral("abc\t123") << false;
}

void tst_Profile::apiKeyProblem()
{
    QFETCH(QString, key);
    QFETCH(bool, accepted);
    QCOMPARE(Profile::apiKeyProblem(key).isEmpty(), accepted);
}

void tst_Profile::apiKeyProblemNeverQuotesTheKey()
{
    const QString key = QStringLiteral("sk_SECRET part");
    const QString problem = Profile::apiKeyProblem(key);
    QVERIFY(!problem.isEmpty());
    QVERIFY(!problem.contains(QStringLiteral("SECRET")));
}

void tst_Profile::baseUrlProblem_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("empty means the default") << QUrl() << true;
    QTest::newRow("Daily") << ApiTarget::defaultBaseUrl() << true;
    QTest::newRow("local stand-in") << QUrl(QStringLiteral("http://127.0.0.1:8787/v1")) << true;
    QTest::newRow("no scheme") << QUrl(QStringLiteral("api.daily.co/v1")) << false;
    QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://api.daily.co/v1")) << false;
    QTest::newRow("no host") << QUrl(QStringLiteral("https:///v1")) << false;
}

void tst_Profile::baseUrlProblem()
{
    QFETCH(QUrl, url);
    QFETCH(bool, accepted);
    QCOMPARE(Profile::baseUrlProblem(url).isEmpty(), accepted);
}

void tst_Profile::defaults()
{
    const Profile profile;
    QVERIFY(!profile.isValid());
    QCOMPARE(profile.baseUrl, ApiTarget::defaultBaseUrl());
    QCOMPARE(Profile::normalizedName(QStringLiteral("  staging \t")), QStringLiteral("staging"));
}

void tst_Profile::idAndKeyName()
{
    Profile profile;
    profile.id = Profile::newId();
    QVERIFY(profile.isValid());
    QVERIFY(!profile.id.contains(QLatin1Char('{')));
    QVERIFY(!QUuid::fromString(profile.id).isNull());
    QVERIFY(Profile::newId() != profile.id);
    QCOMPARE(profile.keyName(), QStringLiteral("api-key/") + profile.id);

    // The keychain entry follows the id, never the name, so a rename leaves the key where it is.
    Profile renamed = profile;
    renamed.name = QStringLiteral("another name");
    QCOMPARE(renamed.keyName(), profile.keyName());
    QVERIFY(renamed != profile);
}

QTEST_GUILESS_MAIN(tst_Profile)
#include "tst_Profile.moc"
