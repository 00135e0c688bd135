// Bulk input of domains as `name,key` lines: the shapes an operator pastes or exports from a spreadsheet,
// every problem with its line number, and problems that never repeat a key.

#include "BulkDomainParser.h"

#include <QTest>

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
    return QString::number(line) + QLatin1Char('|') + QLatin1String(name) + QLatin1Char('|') + QLatin1String(key);
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
};

void tst_BulkDomainParser::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QList<int>>("problemLines");

    const QStringList none;
    const QList<int> noProblems;

    QTest::newRow("one line") << QStringLiteral("staging,key1") << none << QStringList {entry(1, "staging", "key1")}
                              << noProblems;
    QTest::newRow("several lines, final newline")
        << QStringLiteral("staging,key1\nproduction,key2\n") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << noProblems;
    QTest::newRow("spaces around fields")
        << QStringLiteral("  staging  ,  key1  \n\tproduction eu\t,key2") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production eu", "key2")} << noProblems;
    QTest::newRow("Windows line endings")
        << QStringLiteral("staging,key1\r\nproduction,key2\r\n") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << noProblems;
    QTest::newRow("old Mac line endings")
        << QStringLiteral("staging,key1\rproduction,key2") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << noProblems;
    QTest::newRow("blank lines and comments keep line numbers")
        << QStringLiteral("# our domains\n\n   \nstaging,key1\n  # production follows\nproduction,key2") << none
        << QStringList {entry(4, "staging", "key1"), entry(6, "production", "key2")} << noProblems;
    QTest::newRow("header line") << QStringLiteral("name,key\nstaging,key1") << none
                                 << QStringList {entry(2, "staging", "key1")} << noProblems;
    QTest::newRow("header with spaces and capitals after a comment")
        << QStringLiteral("# exported\r\n Name , KEY \r\nstaging,key1") << none
        << QStringList {entry(3, "staging", "key1")} << noProblems;
    QTest::newRow("header only first: a later name,key line is a domain")
        << QStringLiteral("staging,key1\nname,key") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "name", "key")} << noProblems;
    QTest::newRow("byte order mark") << (QString(QChar(0xFEFF)) + QStringLiteral("staging,key1")) << none
                                     << QStringList {entry(1, "staging", "key1")} << noProblems;
    QTest::newRow("empty text") << QString() << none << QStringList() << noProblems;
    QTest::newRow("only comments") << QStringLiteral("# nothing yet\n\n") << none << QStringList() << noProblems;

    QTest::newRow("missing comma") << QStringLiteral("staging,key1\nproduction key2") << none
                                   << QStringList {entry(1, "staging", "key1")} << QList<int> {2};
    QTest::newRow("empty name") << QStringLiteral(" ,key1\nproduction,key2") << none
                                << QStringList {entry(2, "production", "key2")} << QList<int> {1};
    QTest::newRow("empty key") << QStringLiteral("staging,\nproduction,  ") << none << QStringList()
                               << QList<int> {1, 2};
    QTest::newRow("more than one comma") << QStringLiteral("staging,key1,extra") << none << QStringList()
                                         << QList<int> {1};
    QTest::newRow("space inside the key") << QStringLiteral("staging,key 1") << none << QStringList() << QList<int> {1};
    QTest::newRow("tab inside the name") << QStringLiteral("stag\ting,key1") << none << QStringList() << QList<int> {1};
    QTest::newRow("duplicate in the input, other case")
        << QStringLiteral("staging,key1\nproduction,key2\nSTAGING,key3") << none
        << QStringList {entry(1, "staging", "key1"), entry(2, "production", "key2")} << QList<int> {3};
    QTest::newRow("name already used") << QStringLiteral("staging,key1\nproduction,key2")
                                       << QStringList {QStringLiteral("Production")}
                                       << QStringList {entry(1, "staging", "key1")} << QList<int> {2};
    QTest::newRow("every problem at once, good lines kept")
        << QStringLiteral("name,key\nnocomma\n,key2\nqa,\nqa,key4\nQA,key5\nold,key6\nnew,key7")
        << QStringList {QStringLiteral("old")} << QStringList {entry(5, "qa", "key4"), entry(8, "new", "key7")}
        << QList<int> {2, 3, 4, 6, 7};
}

void tst_BulkDomainParser::parse()
{
    QFETCH(QString, text);
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
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("existing");

    const QStringList none;
    QTest::newRow("a bare key without a comma") << QStringLiteral("SECRETKEYabc123") << none;
    QTest::newRow("empty name") << QStringLiteral(",SECRETKEYabc123") << none;
    QTest::newRow("key with a space") << QStringLiteral("staging,SECRETKEY abc123") << none;
    QTest::newRow("key with a comma") << QStringLiteral("staging,SECRETKEY,abc123") << none;
    QTest::newRow("duplicate") << QStringLiteral("staging,SECRETKEYone\nstaging,SECRETKEYtwo") << none;
    QTest::newRow("name already used") << QStringLiteral("staging,SECRETKEYabc123")
                                       << QStringList {QStringLiteral("staging")};
}

void tst_BulkDomainParser::problemsNeverContainKeys()
{
    QFETCH(QString, text);
    QFETCH(QStringList, existing);

    const BulkDomainParser::Result result = BulkDomainParser::parse(text, existing);
    QVERIFY(!result.problems.isEmpty());
    for (const BulkProblem& p : result.problems)
        QVERIFY2(!p.problem.contains(QStringLiteral("SECRETKEY")), qPrintable(p.problem));
}

void tst_BulkDomainParser::problemsSayWhatToDo()
{
    const BulkDomainParser::Result result = BulkDomainParser::parse(
        QStringLiteral("nocomma\nstaging,key1\nStaging,key2\nprod,key3"), {QStringLiteral("prod")});
    QCOMPARE(result.problems.size(), 3);
    QVERIFY2(
        result.problems.at(0).problem.contains(QStringLiteral("comma")), qPrintable(result.problems.at(0).problem));
    // The duplicate names the line it first appeared on, so it can be found in a long paste.
    QVERIFY2(
        result.problems.at(1).problem.contains(QStringLiteral("line 2")), qPrintable(result.problems.at(1).problem));
    QVERIFY2(
        result.problems.at(2).problem.contains(QStringLiteral("\"prod\"")), qPrintable(result.problems.at(2).problem));
}

QTEST_GUILESS_MAIN(tst_BulkDomainParser)
#include "tst_BulkDomainParser.moc"
