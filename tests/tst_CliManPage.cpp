// The man page installed with daily-webhooks-cli documents what the program offers: every verb and every option
// its --help lists, the environment and the exit statuses; and groff reads it without a warning.

#include "CliParser.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

namespace {

// The man page's text with troff's escaped hyphens made plain, so it can be searched for option names.
QString manText()
{
    QFile file(QStringLiteral(DW_MAN_PAGE));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).replace(QStringLiteral("\\-"), QStringLiteral("-"));
}

QString helpOf(const QStringList& arguments)
{
    QProcess process;
    // No server in this test, so waiting blocks nothing that has to answer.
    process.start(QStringLiteral(DW_CLI_PATH), arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

QStringList optionsIn(const QString& help)
{
    static const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z][a-z-]*"));
    QStringList names;
    auto it = option.globalMatch(help);
    while (it.hasNext()) {
        const QString name = it.next().captured(0);
        if (!names.contains(name))
            names << name;
    }
    return names;
}

} // namespace

class tst_CliManPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(!manText().isEmpty(), DW_MAN_PAGE); }

    void everyVerbIsDocumented_data()
    {
        QTest::addColumn<QString>("verb");
        for (const QString& verb : CliParser::verbNames())
            QTest::newRow(qPrintable(verb)) << verb;
        QTest::newRow("help") << QStringLiteral("help");
    }
    void everyVerbIsDocumented()
    {
        QFETCH(QString, verb);
        const QString man = manText();
        // Each verb has its own subsection, whose title starts with the verb as typed.
        const QRegularExpression section(QStringLiteral("^\\.SS %1( |$)").arg(QRegularExpression::escape(verb)),
            QRegularExpression::MultilineOption);
        QVERIFY2(section.match(man).hasMatch(), qPrintable(verb));
        const QString programHelp = helpOf({QStringLiteral("--help")});
        QVERIFY2(programHelp.contains(QStringLiteral("\n  ") + verb + QLatin1Char(' ')), qPrintable(verb));
    }

    void everyOptionIsDocumented_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("program") << QStringList {QStringLiteral("--help")};
        for (const QString& verb : CliParser::verbNames())
            QTest::newRow(qPrintable(verb)) << (verb.split(QLatin1Char(' ')) << QStringLiteral("--help"));
    }
    void everyOptionIsDocumented()
    {
        QFETCH(QStringList, arguments);
        const QString help = helpOf(arguments);
        QVERIFY(!help.isEmpty());
        // The built program prints the help the parser composes.
        const QString topic = arguments.mid(0, arguments.size() - 1).join(QLatin1Char(' '));
        QCOMPARE(help, CliParser::helpFor(topic));
        const QStringList options = optionsIn(help);
        QVERIFY(options.contains(QStringLiteral("--help")));
        const QString man = manText();
        for (const QString& option : options)
            QVERIFY2(
                man.contains(option), qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + option));
    }

    void environmentAndExitStatusAreDocumented()
    {
        const QString man = manText();
        for (const char* variable : {"DAILY_API_KEY", "DAILY_API_BASE", "DAILY_SANDBOX_URL"})
            QVERIFY2(man.contains(QStringLiteral(".B %1\n").arg(QLatin1String(variable))), variable);
        const qsizetype exitStatus = man.indexOf(QLatin1String("\n.SH EXIT STATUS\n"));
        QVERIFY(exitStatus > 0);
        const QString section = man.mid(exitStatus, man.indexOf(QLatin1String("\n.SH "), exitStatus + 1) - exitStatus);
        for (int code = 0; code <= 10; ++code)
            QVERIFY2(section.contains(QStringLiteral("\n.B %1\n").arg(code)), qPrintable(QString::number(code)));
        for (const char* heading : {"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ENVIRONMENT", "FILES", "EXAMPLES"})
            QVERIFY2(man.contains(QStringLiteral("\n.SH %1\n").arg(QLatin1String(heading))), heading);
    }

    void groffReadsItWithoutWarnings()
    {
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty())
            QSKIP("groff is not installed (Debian package groff-base)");
        QProcess process;
        process.start(
            groff, {QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"), QStringLiteral(DW_MAN_PAGE)});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    }
};

QTEST_GUILESS_MAIN(tst_CliManPage)
#include "tst_CliManPage.moc"
