// The rules for a domain: its name (unique ignoring case, one line, no comma), its API key (never quoted
// back) and its base URL, plus the stable id and the keychain entry derived from it.

#include "Domain.h"
#include "Limits.h"

#include <QTest>
#include <QUuid>

class tst_Domain : public QObject
{
    Q_OBJECT

private slots:
    void nameProblem_data();
    void nameProblem();
    void duplicateMessageNamesTheExistingDomain();
    void nameFormatProblemsNeverQuoteTheName_data();
    void nameFormatProblemsNeverQuoteTheName();
    void repairedName_data();
    void repairedName();
    void apiKeyProblem_data();
    void apiKeyProblem();
    void apiKeyProblemNeverQuotesTheKey_data();
    void apiKeyProblemNeverQuotesTheKey();
    void baseUrlProblem_data();
    void baseUrlProblem();
    void defaults();
    void idAndKeyName();
};

void tst_Domain::nameProblem_data()
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

    // Length: counted in characters (code points), after trimming.
    const QString atLimit(Limits::MaxDomainNameLength, QLatin1Char('a'));
    QTest::newRow("at the length limit") << atLimit << none << true;
    QTest::newRow("at the length limit with spaces around")
        << (QStringLiteral("   ") + atLimit + QStringLiteral("  ")) << none << true;
    QTest::newRow("one over the length limit") << (atLimit + QLatin1Char('a')) << none << false;
    QTest::newRow("1 MB name") << QString(1024 * 1024, QLatin1Char('n')) << none << false;
    QString emoji;
    for (int i = 0; i < Limits::MaxDomainNameLength; ++i)
        emoji += QStringLiteral("\U0001F600");
    QTest::newRow("emoji up to the limit (two UTF-16 units each)") << emoji << none << true;
    QTest::newRow("emoji one over the limit") << (emoji + QStringLiteral("\U0001F600")) << none << false;

    // Scripts, marks and right-to-left letters are names like any other; only the controls are refused.
    QTest::newRow("combining accent") << QStringLiteral("cafe\u0301") << none << true;
    QTest::newRow("Arabic letters") << QStringLiteral("\u0625\u0646\u062A\u0627\u062C") << none << true;
    QTest::newRow("Hebrew letters") << QStringLiteral("\u05D9\u05D9\u05E6\u05D5\u05E8") << none << true;
    QTest::newRow("CJK") << QStringLiteral("\u672C\u756A") << none << true;

    const auto with = [](char32_t c) -> QString {
        // Not QString::fromUcs4(), which takes U+FEFF for a byte order mark and drops it.
        const QString ch = QChar::requiresSurrogates(c)
            ? QString(QChar(QChar::highSurrogate(c))) + QChar(QChar::lowSurrogate(c))
            : QString(QChar(char16_t(c)));
        return QStringLiteral("acme") + ch + QStringLiteral("eu");
    };
    QTest::newRow("NUL") << with(0x0000) << none << false;
    QTest::newRow("escape") << with(0x001B) << none << false;
    QTest::newRow("DEL") << with(0x007F) << none << false;
    QTest::newRow("C1 control (next line)") << with(0x0085) << none << false;
    QTest::newRow("C1 control (CSI)") << with(0x009B) << none << false;
    QTest::newRow("paragraph separator") << with(0x2029) << none << false;
    // Bidirectional embeddings, overrides, isolates and marks.
    for (const char32_t c :
        {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}) {
        QTest::addRow("bidi control U+%04X", unsigned(c)) << with(c) << none << false;
    }
    QTest::newRow("right-to-left override at the end") << QStringLiteral("txt.exe\u202E") << none << false;
    // The rest of category Cf: invisible, and a way to make two names that look the same differ.
    QTest::newRow("zero-width space") << with(0x200B) << none << false;
    QTest::newRow("zero-width non-joiner") << with(0x200C) << none << false;
    QTest::newRow("zero-width joiner") << with(0x200D) << none << false;
    QTest::newRow("word joiner") << with(0x2060) << none << false;
    QTest::newRow("soft hyphen") << with(0x00AD) << none << false;
    QTest::newRow("byte order mark inside") << with(0xFEFF) << none << false;
    QTest::newRow("interlinear annotation") << with(0xFFF9) << none << false;
    QTest::newRow("tag character") << with(0xE0041) << none << false;
    QTest::newRow("duplicate hidden by a zero-width space") << QStringLiteral("stag\u200Bing") << some << false;
    // Not characters at all.
    QTest::newRow("lone high surrogate") << (QStringLiteral("acme") + QChar(0xD800)) << none << false;
    QTest::newRow("lone low surrogate") << (QChar(0xDC00) + QStringLiteral("acme")) << none << false;
    QTest::newRow("private use") << with(0xE000) << none << false;
    QTest::newRow("unassigned") << with(0x0378) << none << false;
    QTest::newRow("noncharacter U+FFFF") << with(0xFFFF) << none << false;
}

void tst_Domain::nameProblem()
{
    QFETCH(QString, name);
    QFETCH(QStringList, existing);
    QFETCH(bool, accepted);

    const QString problem = Domain::nameProblem(name, existing);
    QCOMPARE(problem.isEmpty(), accepted);
    if (!accepted) {
        // A plain sentence a person can act on.
        QVERIFY(problem.at(0).isUpper());
        QVERIFY(problem.endsWith(QLatin1Char('.')));
    }
}

void tst_Domain::duplicateMessageNamesTheExistingDomain()
{
    const QString problem = Domain::nameProblem(QStringLiteral("STAGING"), {QStringLiteral("Staging")});
    QVERIFY2(problem.contains(QStringLiteral("\"Staging\"")), qPrintable(problem));
}

void tst_Domain::nameFormatProblemsNeverQuoteTheName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("says");
    QTest::newRow("too long") << (QStringLiteral("HOSTILE") + QString(300, QLatin1Char('x')))
                              << QStringLiteral("at most %1 characters").arg(Limits::MaxDomainNameLength);
    QTest::newRow("right-to-left override")
        << QStringLiteral("HOSTILE\u202Eexe.txt") << QStringLiteral("invisible formatting characters");
    QTest::newRow("NUL") << (QStringLiteral("HOSTILE") + QChar(0x0000) + QLatin1Char('x'))
                         << QStringLiteral("control characters");
    QTest::newRow("lone surrogate") << (QStringLiteral("HOSTILE") + QChar(0xDBFF)) << QStringLiteral("surrogate");
}

void tst_Domain::nameFormatProblemsNeverQuoteTheName()
{
    QFETCH(QString, name);
    QFETCH(QString, says);
    const QString problem = Domain::nameFormatProblem(name);
    QVERIFY2(problem.contains(says), qPrintable(problem));
    QVERIFY(!problem.contains(QLatin1String("HOSTILE")));
    QCOMPARE(Domain::nameProblem(name, {QStringLiteral("other")}), problem);
}

void tst_Domain::repairedName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("repaired");

    const QString atLimit(Limits::MaxDomainNameLength, QLatin1Char('a'));
    QTest::newRow("a good name stays") << QStringLiteral("Production EU") << QStringLiteral("Production EU");
    QTest::newRow("right-to-left override dropped") << QStringLiteral("abc\u202Edef") << QStringLiteral("abcdef");
    QTest::newRow("every invisible character dropped")
        << QStringLiteral("\u200Bst\u200Dag\u00ADing\u2066") << QStringLiteral("staging");
    QTest::newRow("tab and line breaks become spaces") << QStringLiteral("a\tb\nc\r\nd") << QStringLiteral("a b c  d");
    QTest::newRow("comma becomes a space") << QStringLiteral("acme,eu") << QStringLiteral("acme eu");
    QTest::newRow("NUL becomes a space, ends trimmed")
        << (QChar(0x0000) + QStringLiteral("qa") + QChar(0x0000)) << QStringLiteral("qa");
    QTest::newRow("lone surrogate dropped") << (QStringLiteral("qa") + QChar(0xD800)) << QStringLiteral("qa");
    QTest::newRow("cut to the limit") << (atLimit + QStringLiteral("bbbb")) << atLimit;
    QTest::newRow("leading spaces do not count") << (QStringLiteral("    ") + atLimit + QLatin1Char('b')) << atLimit;
    QTest::newRow("emoji not split at the limit")
        << (QString(Limits::MaxDomainNameLength - 1, QLatin1Char('a')) + QStringLiteral("\U0001F600\U0001F600"))
        << (QString(Limits::MaxDomainNameLength - 1, QLatin1Char('a')) + QStringLiteral("\U0001F600"));
    QTest::newRow("1 MB") << QString(1024 * 1024, QLatin1Char('a')) << atLimit;
    QTest::newRow("nothing usable") << QStringLiteral("\u202E\u200B \t") << QString();
}

void tst_Domain::repairedName()
{
    QFETCH(QString, name);
    QFETCH(QString, repaired);
    const QString result = Domain::repairedName(name);
    QCOMPARE(result, repaired);
    if (!result.isEmpty())
        QCOMPARE(Domain::nameFormatProblem(result), QString());
}

void tst_Domain::apiKeyProblem_data()
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

    QTest::newRow("every printable ASCII character")
        << QStringLiteral("!\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~") << true;
    QTest::newRow("at the length limit") << QString(Limits::MaxApiKeyLength, QLatin1Char('k')) << true;
    QTest::newRow("one over the length limit") << QString(Limits::MaxApiKeyLength + 1, QLatin1Char('k')) << false;
    QTest::newRow("1 MB key") << QString(1024 * 1024, QLatin1Char('k')) << false;
    QTest::newRow("CR LF at the end is trimmed") << QStringLiteral("abc123\r\n") << true;
    QTest::newRow("CR inside") << QStringLiteral("abc\r123") << false;
    QTest::newRow("CR LF inside (a second header)") << QStringLiteral("abc\r\nX-Injected: 1") << false;
    QTest::newRow("NUL inside") << (QStringLiteral("abc") + QChar(0x0000) + QStringLiteral("123")) << false;
    QTest::newRow("escape inside") << (QStringLiteral("abc") + QChar(0x001B) + QStringLiteral("[2J")) << false;
    QTest::newRow("DEL inside") << (QStringLiteral("abc") + QChar(0x007F) + QStringLiteral("123")) << false;
    QTest::newRow("non-breaking space inside") << QStringLiteral("abc\u00A0123") << false;
    QTest::newRow("letter beyond ASCII") << QStringLiteral("abc\u00E9123") << false;
    QTest::newRow("right-to-left override") << QStringLiteral("abc\u202E123") << false;
    QTest::newRow("zero-width space") << QStringLiteral("abc\u200B123") << false;
    QTest::newRow("fullwidth letters") << QStringLiteral("\uFF41\uFF42\uFF43") << false;
}

void tst_Domain::apiKeyProblem()
{
    QFETCH(QString, key);
    QFETCH(bool, accepted);
    QCOMPARE(Domain::apiKeyProblem(key).isEmpty(), accepted);
}

void tst_Domain::apiKeyProblemNeverQuotesTheKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("space") << QStringLiteral("sk_SECRET part");
    QTest::newRow("too long") << (QStringLiteral("sk_SECRET") + QString(Limits::MaxApiKeyLength, QLatin1Char('x')));
    QTest::newRow("line break") << QStringLiteral("sk_SECRET\nX-Injected: 1");
    QTest::newRow("beyond ASCII") << QStringLiteral("sk_SECRET\u00E9");
}

void tst_Domain::apiKeyProblemNeverQuotesTheKey()
{
    QFETCH(QString, key);
    const QString problem = Domain::apiKeyProblem(key);
    QVERIFY(!problem.isEmpty());
    QVERIFY(!problem.contains(QStringLiteral("SECRET")));
    // A plain sentence a person can act on.
    QVERIFY(problem.at(0).isUpper());
    QVERIFY(problem.endsWith(QLatin1Char('.')));
}

void tst_Domain::baseUrlProblem_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("empty means the default") << QUrl() << true;
    QTest::newRow("Daily") << DomainTarget::defaultBaseUrl() << true;
    QTest::newRow("local stand-in") << QUrl(QStringLiteral("http://127.0.0.1:8787/v1")) << true;
    QTest::newRow("no scheme") << QUrl(QStringLiteral("api.daily.co/v1")) << false;
    QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://api.daily.co/v1")) << false;
    QTest::newRow("no host") << QUrl(QStringLiteral("https:///v1")) << false;
}

void tst_Domain::baseUrlProblem()
{
    QFETCH(QUrl, url);
    QFETCH(bool, accepted);
    QCOMPARE(Domain::baseUrlProblem(url).isEmpty(), accepted);
}

void tst_Domain::defaults()
{
    const Domain domain;
    QVERIFY(!domain.isValid());
    QCOMPARE(domain.baseUrl, DomainTarget::defaultBaseUrl());
    QCOMPARE(Domain::normalizedName(QStringLiteral("  staging \t")), QStringLiteral("staging"));
}

void tst_Domain::idAndKeyName()
{
    Domain domain;
    domain.id = Domain::newId();
    QVERIFY(domain.isValid());
    QVERIFY(!domain.id.contains(QLatin1Char('{')));
    QVERIFY(!QUuid::fromString(domain.id).isNull());
    QVERIFY(Domain::newId() != domain.id);
    QCOMPARE(domain.keyName(), QStringLiteral("api-key/") + domain.id);

    // The keychain entry follows the id, never the name, so a rename leaves the key where it is.
    Domain renamed = domain;
    renamed.name = QStringLiteral("another name");
    QCOMPARE(renamed.keyName(), domain.keyName());
    QVERIFY(renamed != domain);
}

QTEST_GUILESS_MAIN(tst_Domain)
#include "tst_Domain.moc"
