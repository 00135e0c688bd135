// The one rule for API base URLs (where the API key goes) and the rule for webhook URLs, as tables.

#include "UrlPolicy.h"

#include <QTest>

class tst_UrlPolicy : public QObject
{
    Q_OBJECT

private slots:
    void isLoopbackHost_data();
    void isLoopbackHost();
    void apiBaseProblem_data();
    void apiBaseProblem();
    void apiBaseProblemSaysWhy();
    void webhookUrlNote_data();
    void webhookUrlNote();
    void credentialsPointToBasicAuth();
    void forwardUrlProblem_data();
    void forwardUrlProblem();
    void wireForm_data();
    void wireForm();
};

void tst_UrlPolicy::isLoopbackHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");

    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST") << true;
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.255.0.9 (all of 127/8)") << QStringLiteral("127.255.0.9") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
    QTest::newRow("localhost look-alike") << QStringLiteral("localhost.example.com") << false;
    QTest::newRow("127.0.0.1 look-alike") << QStringLiteral("127.0.0.1.example.com") << false;
    QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
    QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_UrlPolicy::isLoopbackHost()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(UrlPolicy::isLoopbackHost(host), loopback);
}

void tst_UrlPolicy::apiBaseProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("Daily") << QStringLiteral("https://api.daily.co/v1") << true;
    QTest::newRow("Daily, trailing slash") << QStringLiteral("https://api.daily.co/v1/") << true;
    QTest::newRow("https staging proxy with port") << QStringLiteral("https://proxy.example:8443/daily/v1") << true;
    QTest::newRow("http sandbox on 127.0.0.1") << QStringLiteral("http://127.0.0.1:8787/v1") << true;
    QTest::newRow("http on localhost") << QStringLiteral("http://localhost:8787/v1") << true;
    QTest::newRow("http on [::1]") << QStringLiteral("http://[::1]:8787/v1") << true;
    QTest::newRow("http to a remote host") << QStringLiteral("http://api.daily.co/v1") << false;
    QTest::newRow("http to a LAN address") << QStringLiteral("http://192.168.1.10/v1") << false;
    QTest::newRow("http to a localhost look-alike") << QStringLiteral("http://localhost.evil.example/v1") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://api.daily.co/v1") << false;
    QTest::newRow("no scheme") << QStringLiteral("api.daily.co/v1") << false;
    QTest::newRow("relative") << QStringLiteral("/v1") << false;
    QTest::newRow("no host") << QStringLiteral("https:///v1") << false;
    QTest::newRow("credentials") << QStringLiteral("https://user:pw@api.daily.co/v1") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("not a URL") << QStringLiteral("https://exa mple.com/v1") << false;
}

void tst_UrlPolicy::apiBaseProblem()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    QCOMPARE(UrlPolicy::apiBaseProblem(url).isEmpty(), accepted);
    if (!url.isEmpty())
        QCOMPARE(UrlPolicy::apiBaseProblem(QUrl(url, QUrl::StrictMode)).isEmpty(), accepted);
}

void tst_UrlPolicy::apiBaseProblemSaysWhy()
{
    const QString problem = UrlPolicy::apiBaseProblem(QStringLiteral("http://api.daily.co/v1"));
    QVERIFY2(problem.contains(QLatin1String("https://")), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("unencrypted")), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("localhost")), qPrintable(problem));
}

void tst_UrlPolicy::webhookUrlNote_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("hasNote");

    QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080/hook") << true;
    QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/hook") << true;
    QTest::newRow("http [::1]") << QStringLiteral("http://[::1]/hook") << true;
    QTest::newRow("https") << QStringLiteral("https://example.com/hook") << false;
    QTest::newRow("https localhost") << QStringLiteral("https://localhost/hook") << false;
    QTest::newRow("http non-loopback is a problem, not a note") << QStringLiteral("http://example.com/hook") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_UrlPolicy::webhookUrlNote()
{
    QFETCH(QString, url);
    QFETCH(bool, hasNote);

    QCOMPARE(!UrlPolicy::webhookUrlNote(url).isEmpty(), hasNote);
    if (hasNote)
        QVERIFY(UrlPolicy::webhookUrlProblem(url).isEmpty());
}

void tst_UrlPolicy::credentialsPointToBasicAuth()
{
    const QString problem = UrlPolicy::webhookUrlProblem(QStringLiteral("https://alice:s3cret@example.com/hook"));
    QVERIFY2(problem.contains(QLatin1String("Basic auth")), qPrintable(problem));
    QVERIFY2(!problem.contains(QLatin1String("s3cret")), qPrintable(problem));
}

void tst_UrlPolicy::forwardUrlProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("refused");
    QTest::newRow("http localhost with a path") << QStringLiteral("http://localhost:3000/webhooks") << false;
    QTest::newRow("https elsewhere") << QStringLiteral("https://app.example/hooks") << false;
    QTest::newRow("http elsewhere") << QStringLiteral("http://example.com/hooks") << true;
    QTest::newRow("credentials") << QStringLiteral("http://u:p@localhost:3000/") << true;
    QTest::newRow("a query") << QStringLiteral("http://localhost:3000/h?a=1") << true;
    QTest::newRow("an empty query") << QStringLiteral("http://localhost:3000/h?") << true;
    QTest::newRow("a fragment") << QStringLiteral("http://localhost:3000/h#x") << true;
}

void tst_UrlPolicy::forwardUrlProblem()
{
    QFETCH(QString, url);
    QFETCH(bool, refused);
    QCOMPARE(!UrlPolicy::forwardUrlProblem(url).isEmpty(), refused);
}

void tst_UrlPolicy::wireForm_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("wire");

    QTest::newRow("ASCII stays as typed")
        << QStringLiteral("https://example.com/a%20b?x=1#f") << QStringLiteral("https://example.com/a%20b?x=1#f");
    QTest::newRow("IDN host in punycode")
        << QStringLiteral("https://b\u00fccher.example/hook") << QStringLiteral("https://xn--bcher-kva.example/hook");
    QTest::newRow("non-ASCII path percent-encoded")
        << QStringLiteral("https://example.com/caf\u00e9") << QStringLiteral("https://example.com/caf%C3%A9");
}

void tst_UrlPolicy::wireForm()
{
    QFETCH(QString, url);
    QFETCH(QString, wire);
    QCOMPARE(UrlPolicy::wireForm(url), wire);
}

QTEST_GUILESS_MAIN(tst_UrlPolicy)
#include "tst_UrlPolicy.moc"
