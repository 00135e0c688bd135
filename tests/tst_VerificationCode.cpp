#include "ReferenceSignature.h"
#include "VerificationCode.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using Language = VerificationCode::Language;

class tst_VerificationCode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(ReferenceSignature::matchesTheFixedVectors()); }
    void eachLanguageIsTheFileCiRuns_data();
    void eachLanguageIsTheFileCiRuns();
    void namesRoundTrip();
    void vectorsAgreeWithTheReference();
};

void tst_VerificationCode::eachLanguageIsTheFileCiRuns_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("function");
    QTest::newRow("node") << int(Language::Node) << QStringLiteral("verify.js") << QStringLiteral("verifyDailyWebhook");
    QTest::newRow("python") << int(Language::Python) << QStringLiteral("verify.py")
                            << QStringLiteral("def verify_daily_webhook(");
    QTest::newRow("go") << int(Language::Go) << QStringLiteral("verify.go")
                        << QStringLiteral("func VerifyDailyWebhook(");
}

void tst_VerificationCode::eachLanguageIsTheFileCiRuns()
{
    QFETCH(int, language);
    QFETCH(QString, file);
    QFETCH(QString, function);
    QFile source(QStringLiteral(DW_RESOURCES_DIR "/verify/") + file);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QString code = VerificationCode::of(Language(language));
    QCOMPARE(code, QString::fromUtf8(source.readAll()));
    QVERIFY(code.contains(function));
}

void tst_VerificationCode::namesRoundTrip()
{
    QCOMPARE(VerificationCode::languages().size(), 3);
    for (const Language language : VerificationCode::languages()) {
        QCOMPARE(VerificationCode::fromName(VerificationCode::name(language)), language);
        QVERIFY(!VerificationCode::title(language).isEmpty());
    }
    QCOMPARE(VerificationCode::fromName(QStringLiteral("Python")), Language::Python);
    QVERIFY(!VerificationCode::fromName(QStringLiteral("ruby")));
}

// The cases the snippets are run against must themselves be right: each signature-only case agrees with the
// reference computation, and the reference's fixed vectors are among them.
void tst_VerificationCode::vectorsAgreeWithTheReference()
{
    QFile file(QStringLiteral(DW_VECTORS_FILE));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
    QVERIFY(cases.size() >= 3);
    QSet<QString> signatures;
    for (const QJsonValue& value : cases) {
        const QJsonObject c = value.toObject();
        const QString signature = c.value(QStringLiteral("signature")).toString();
        const QByteArray computed = ReferenceSignature::of(c.value(QStringLiteral("secret")).toString(),
            c.value(QStringLiteral("timestamp")).toString().toUtf8(),
            c.value(QStringLiteral("body")).toString().toUtf8());
        const bool signatureMatches = !signature.isEmpty() && computed == signature.toUtf8();
        if (c.value(QStringLiteral("toleranceSeconds")).toDouble() == 0)
            QVERIFY2(signatureMatches == c.value(QStringLiteral("valid")).toBool(),
                qPrintable(c.value(QStringLiteral("name")).toString()));
        else
            QVERIFY2(signatureMatches, qPrintable(c.value(QStringLiteral("name")).toString()));
        if (c.value(QStringLiteral("valid")).toBool())
            signatures.insert(signature);
    }
    QVERIFY(signatures.contains(QStringLiteral("h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c=")));
    QVERIFY(signatures.contains(QStringLiteral("97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=")));
    QVERIFY(signatures.contains(QStringLiteral("ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4=")));
}

QTEST_GUILESS_MAIN(tst_VerificationCode)
#include "tst_VerificationCode.moc"
