// Bulk input of domains as `name,key` lines: the shapes an operator pastes or exports from a spreadsheet,
// every problem with its line number, and problems that never repeat a key.

#include "BulkDomainParser.h"

#include <QTest>

#include <cstddef>

namespace {

// "line|name|key" per entry, to compare whole results in one QCOMPARE.
QStringList describe(const QList<BulkEntry>& entries)
{
    QStringList out;
    for (const BulkEntry& e : entries)
        out.append(QString::number(e.line) + QLatin1Char('|') + e.name + QLatin1Char('|') + e.key);
    return out;
}

QList<int> linesOf(const QList<BulkProblem>& problems)
{
    QList<int> lines;
    for (const BulkProblem& p : problems)
        lines.append(p.line);
    return lines;
}

QString entry(int line, const char* name, const char* key)
{
    return QString::number(line) + QLatin1Char('|') + QString::fromUtf8(name) + QLatin1Char('|') + QLatin1String(key);
}

// Every byte of a literal, NULs included.
template<std::size_t N>
QByteArray raw(const char (&bytes)[N])
{
    return QByteArray(bytes, qsizetype(N - 1));
}

} // namespace

class tst_BulkDomainParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void problemsNeverContainKeys_data();
    void problemsNeverContainKeys();
    void problemsSayWhatToDo();
    void problemsNeverQuoteARefusedName_data();
    void problemsNeverQuoteARefusedName();
};

void tst_BulkDomainParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QList<int>>("problemLines");

    const QStringList none;
    const QList<int> noProblems;

    QTest::newRow("one line") << QByteArray("staging,key1") << none << QStringList {entry(1, "staging", "key1")}
                              << noProblems;
    QTest::newRow("several lines, final newline")
        << QByteArray("staging,key1\nproduction,key2\n") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << noProblems;
    QTest::newRow("spaces around fields")
        << QByteArray("  staging  ,  key1  \n\tproduction eu\t,key2") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production eu", "key2")} << noProblems;
    QTest::newRow("Windows line endings")
        << QByteArray("staging,key1\r\nproduction,key2\r\n") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << noProblems;
    QTest::newRow("old Mac line endings")
        << QByteArray("staging,key1\rproduction,key2") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << noProblems;
    QTest::newRow("blank lines and comments keep line numbers")
        << QByteArray("# our domains\n\n   \nstaging,key1\n  # production follows\nproduction,key2") << none
        << QStringList {entry(4, "staging", "key1"), entry(6, "production", "key2")} << noProblems;
    QTest::newRow("header line") << QByteArray("name,key\nstaging,key1") << none
                                 << QStringList {entry(2, "staging", "key1")} << noProblems;
    QTest::newRow("header with spaces and capitals after a comment")
        << QByteArray("# exported\r\n Name , KEY \r\nstaging,key1") << none << QStringList {entry(3, "staging", "key1")}
        << noProblems;
    QTest::newRow("header only first: a later name,key line is a domain")
        << QByteArray("staging,key1\nname,key") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "name", "key")} << noProblems;
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBFstaging,key1") << none
                                     << QStringList {entry(1, "staging", "key1")} << noProblems;
    QTest::newRow("empty text") << QByteArray() << none << QStringList() << noProblems;
    QTest::newRow("only comments") << QByteArray("# nothing yet\n\n") << none << QStringList() << noProblems;

    QTest::newRow("missing comma") << QByteArray("staging,key1\nproduction key2") << none
                                   << QStringList {entry(1, "staging", "key1")} << QList<int> {2};
    QTest::newRow("empty name") << QByteArray(" ,key1\nproduction,key2") << none
                                << QStringList {entry(2, "production", "key2")} << QList<int> {1};
    QTest::newRow("empty key") << QByteArray("staging,\nproduction,  ") << none << QStringList() << QList<int> {1, 2};
    QTest::newRow("more than one comma") << QByteArray("staging,key1,extra") << none << QStringList() << QList<int> {1};
    QTest::newRow("space inside the key") << QByteArray("staging,key 1") << none << QStringList() << QList<int> {1};
    QTest::newRow("tab inside the name") << QByteArray("stag\ting,key1") << none << QStringList() << QList<int> {1};
    QTest::newRow("duplicate in the input, other case")
        << QByteArray("staging,key1\nproduction,key2\nSTAGING,key3") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << QList<int> {3};
    QTest::newRow("name already used") << QByteArray("staging,key1\nproduction,key2")
                                       << QStringList {QStringLiteral("Production")}
                                       << QStringList {entry(1, "staging", "key1")} << QList<int> {2};
    QTest::newRow("every problem at once, good lines kept")
        << QByteArray("name,key\nnocomma\n,key2\nqa,\nqa,key4\nQA,key5\nold,key6\nnew,key7")
        << QStringList {QStringLiteral("old")} << QStringList {entry(5, "qa", "key4"), entry(8, "new", "key7")}
        << QList<int> {2, 3, 4, 6, 7};

    // Input that is not text: refused line by line, with its number, while the other lines go through.
    QTest::newRow("invalid UTF-8 on line 3, lines 1, 2 and 4 added")
        << QByteArray("alpha,key1\nbeta,key2\ngam\xFFma,key3\ndelta,key4") << none
        << QStringList {entry(1, "alpha", "key1"), entry(2, "beta", "key2"), entry(4, "delta", "key4")}
        << QList<int> {3};
    QTest::newRow("NUL inside a line") << raw("alpha,key1\nbe\0ta,key2\ngamma,key3") << none
                                       << QStringList {entry(1, "alpha", "key1"), entry(3, "gamma", "key3")}
                                       << QList<int> {2};
    QTest::newRow("binary file (a PNG header), then a good line")
        << raw("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\nalpha,key1") << none << QStringList {entry(5, "alpha", "key1")}
        << QList<int> {1, 2, 3, 4};
    QTest::newRow("overlong UTF-8") << QByteArray("a\xC0\xAF,key1\nbeta,key2") << none
                                    << QStringList {entry(2, "beta", "key2")} << QList<int> {1};
    QTest::newRow("UTF-8 of a surrogate")
        << QByteArray("a\xED\xA0\x80,key1") << none << QStringList() << QList<int> {1};
    QTest::newRow("cut in the middle of a character") << QByteArray("alpha,key1\nbeta\xE2\x80,key2") << none
                                                      << QStringList {entry(1, "alpha", "key1")} << QList<int> {2};
    QTest::newRow("terminal escape sequence")
        << QByteArray("alpha\x1B[31m,key1") << none << QStringList() << QList<int> {1};
    QTest::newRow("DEL") << QByteArray("alpha\x7F,key1") << none << QStringList() << QList<int> {1};
    QTest::newRow("Latin-1 comment is not UTF-8")
        << QByteArray("# \xC4rzte\nalpha,key1") << none << QStringList {entry(2, "alpha", "key1")} << QList<int> {1};
    QTest::newRow("UTF-8 name") << QByteArray("\xC3\x84rzte,key1") << none
                                << QStringList {entry(1, "\xC3\x84rzte", "key1")} << noProblems;
    QTest::newRow("right-to-left override in a name") << QByteArray("evil\xE2\x80\xAEtxt.exe,key1\nbeta,key2") << none
                                                      << QStringList {entry(2, "beta", "key2")} << QList<int> {1};
    QTest::newRow("zero-width space hiding a duplicate") << QByteArray("staging,key1\nstag\xE2\x80\x8Bing,key2") << none
                                                         << QStringList {entry(1, "staging", "key1")} << QList<int> {2};
    QTest::newRow("1 MB name") << (QByteArray(1024 * 1024, 'n') + ",key1\nbeta,key2") << none
                               << QStringList {entry(2, "beta", "key2")} << QList<int> {1};
    QTest::newRow("1 MB key") << ("alpha," + QByteArray(1024 * 1024, 'k') + "\nbeta,key2") << none
                              << QStringList {entry(2, "beta", "key2")} << QList<int> {1};
    QTest::newRow("non-breaking space inside a key") << QByteArray("alpha,ab\xC2\xA0"
                                                                   "cd")
                                                     << none << QStringList() << QList<int> {1};
    QTest::newRow("letter beyond ASCII in a key")
        << QByteArray("alpha,k\xC3\xA9y") << none << QStringList() << QList<int> {1};
    // CR ends a line (old Mac files), so it can never be part of a key: the rest is a line of its own.
    QTest::newRow("CR inside a key ends the line")
        << QByteArray("alpha,ab\rcd") << none << QStringList {entry(1, "alpha", "ab")} << QList<int> {2};
}

void tst_BulkDomainParser::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, existing);
    QFETCH(QStringList, entries);
    QFETCH(QList<int>, problemLines);

    const BulkDomainParser::Result result = BulkDomainParser::parse(text, existing);
    QCOMPARE(describe(result.entries), entries);
    QCOMPARE(linesOf(result.problems), problemLines);
    QCOMPARE(result.ok(), problemLines.isEmpty());
    for (const BulkProblem& p : result.problems)
        QVERIFY2(p.problem.startsWith(QStringLiteral("Line %1: ").arg(p.line)), qPrintable(p.problem));
}

void tst_BulkDomainParser::problemsNeverContainKeys_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("existing");

    const QStringList none;
    QTest::newRow("a bare key without a comma") << QByteArray("SECRETKEYabc123") << none;
    QTest::newRow("empty name") << QByteArray(",SECRETKEYabc123") << none;
    QTest::newRow("key with a space") << QByteArray("staging,SECRETKEY abc123") << none;
    QTest::newRow("key with a comma") << QByteArray("staging,SECRETKEY,abc123") << none;
    QTest::newRow("duplicate") << QByteArray("staging,SECRETKEYone\nstaging,SECRETKEYtwo") << none;
    QTest::newRow("name already used") << QByteArray("staging,SECRETKEYabc123")
                                       << QStringList {QStringLiteral("staging")};
    QTest::newRow("NUL in the key") << raw("staging,SECRETKEY\0abc123") << none;
    QTest::newRow("invalid UTF-8 in the key") << QByteArray("staging,SECRETKEY\xFF"
                                                            "abc123")
                                              << none;
    QTest::newRow("1 MB key") << ("staging,SECRETKEY" + QByteArray(1024 * 1024, 'k')) << none;
    QTest::newRow("key beyond ASCII") << QByteArray("staging,SECRETKEY\xC3\xA9") << none;
}

void tst_BulkDomainParser::problemsNeverContainKeys()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, existing);

    const BulkDomainParser::Result result = BulkDomainParser::parse(text, existing);
    QVERIFY(!result.problems.isEmpty());
    for (const BulkProblem& p : result.problems)
        QVERIFY2(!p.problem.contains(QStringLiteral("SECRETKEY")), qPrintable(p.problem));
}

void tst_BulkDomainParser::problemsSayWhatToDo()
{
    const BulkDomainParser::Result result
        = BulkDomainParser::parse("nocomma\nstaging,key1\nStaging,key2\nprod,key3", {QStringLiteral("prod")});
    QCOMPARE(result.problems.size(), 3);
    QVERIFY2(
        result.problems.at(0).problem.contains(QStringLiteral("comma")), qPrintable(result.problems.at(0).problem));
    // The duplicate names the line it first appeared on, so it can be found in a long paste.
    QVERIFY2(
        result.problems.at(1).problem.contains(QStringLiteral("line 2")), qPrintable(result.problems.at(1).problem));
    QVERIFY2(
        result.problems.at(2).problem.contains(QStringLiteral("\"prod\"")), qPrintable(result.problems.at(2).problem));
}

void tst_BulkDomainParser::problemsNeverQuoteARefusedName_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("too long") << ("HOSTILE" + QByteArray(1024, 'x') + ",key1");
    QTest::newRow("right-to-left override") << QByteArray("HOSTILE\xE2\x80\xAE"
                                                          "exe.txt,key1");
    QTest::newRow("twice, with an override") << QByteArray("HOSTILE\xE2\x80\xAE,key1\nHOSTILE\xE2\x80\xAE,key2");
    QTest::newRow("NUL") << raw("HOSTILE\0,key1");
    QTest::newRow("invalid UTF-8") << QByteArray("HOSTILE\xFF,key1");
}

void tst_BulkDomainParser::problemsNeverQuoteARefusedName()
{
    QFETCH(QByteArray, text);
    const BulkDomainParser::Result result = BulkDomainParser::parse(text);
    QVERIFY(result.entries.isEmpty());
    QVERIFY(!result.problems.isEmpty());
    for (const BulkProblem& p : result.problems)
        QVERIFY2(!p.problem.contains(QLatin1String("HOSTILE")), qPrintable(p.problem));
}

QTEST_GUILESS_MAIN(tst_BulkDomainParser)
#include "tst_BulkDomainParser.moc"
