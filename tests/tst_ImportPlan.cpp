// Where each configuration of an export file goes on import, decided once for the window and the command line:
// the chosen domain or the one each entry names (ignoring case and surrounding spaces), never two configurations
// to one domain, and the problem of each entry that cannot go anywhere.

#include "ImportPlan.h"

#include <QTest>

namespace {

Domain domain(const QString& id, const QString& name)
{
    Domain d;
    d.id = id;
    d.name = name;
    return d;
}

WebhookExport::Entry entry(const QString& domainName, const QString& url)
{
    WebhookExport::Entry e;
    e.domain = domainName;
    e.draft.url = url;
    return e;
}

} // namespace

class tst_ImportPlan : public QObject
{
    Q_OBJECT

private slots:
    void make_data()
    {
        QTest::addColumn<QStringList>("fileDomains"); // the domain each entry of the file names
        QTest::addColumn<QString>("into");
        // One word a step: the saved domain's id it goes to, "missing:<name>" or "taken:<name>".
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("each to the domain it names")
            << QStringList {QStringLiteral("staging"), QStringLiteral("production")} << QString()
            << QStringList {QStringLiteral("id-staging"), QStringLiteral("id-production")};
        QTest::newRow("names compared ignoring case and spaces") << QStringList {
            QStringLiteral("  PRODUCTION ")} << QString() << QStringList {QStringLiteral("id-production")};
        QTest::newRow("a name no domain has")
            << QStringList {QStringLiteral("qa"), QStringLiteral("staging")} << QString()
            << QStringList {QStringLiteral("missing:qa"), QStringLiteral("id-staging")};
        QTest::newRow("two entries naming one domain: the first goes")
            << QStringList {QStringLiteral("staging"), QStringLiteral("Staging")} << QString()
            << QStringList {QStringLiteral("id-staging"), QStringLiteral("taken:staging")};
        QTest::newRow("into one domain: the first entry goes, the others would replace it")
            << QStringList {QStringLiteral("staging"), QStringLiteral("qa"), QStringLiteral("production")}
            << QStringLiteral("production")
            << QStringList {QStringLiteral("id-production"), QStringLiteral("taken:production"),
                   QStringLiteral("taken:production")};
        QTest::newRow("into a domain named in another case, with spaces")
            << QStringList {QStringLiteral("staging")} << QStringLiteral(" Production  ")
            << QStringList {QStringLiteral("id-production")};
        QTest::newRow("into a domain that is not saved")
            << QStringList {QStringLiteral("staging")} << QStringLiteral("qa")
            << QStringList {QStringLiteral("missing:qa")};
        QTest::newRow("a blank into means the file's names")
            << QStringList {QStringLiteral("staging")} << QStringLiteral("   ")
            << QStringList {QStringLiteral("id-staging")};
        QTest::newRow("an entry without a domain name")
            << QStringList {QString()} << QString() << QStringList {QStringLiteral("missing:")};
        QTest::newRow("an empty file") << QStringList() << QString() << QStringList();
    }
    void make()
    {
        QFETCH(QStringList, fileDomains);
        QFETCH(QString, into);
        QFETCH(QStringList, expected);

        const QList<Domain> saved {domain(QStringLiteral("id-staging"), QStringLiteral("staging")),
            domain(QStringLiteral("id-production"), QStringLiteral("production"))};
        QList<WebhookExport::Entry> entries;
        for (int i = 0; i < fileDomains.size(); ++i)
            entries << entry(fileDomains.at(i), QStringLiteral("https://example.com/hook-%1").arg(i));

        const QList<ImportPlan::Step> steps = ImportPlan::make(entries, saved, into);
        QStringList got;
        for (int i = 0; i < steps.size(); ++i) {
            const ImportPlan::Step& step = steps.at(i);
            // Each step carries its own entry, in file order.
            QCOMPARE(step.entry.draft.url, entries.at(i).draft.url);
            QCOMPARE(step.domain.has_value(), step.problem == ImportPlan::Step::Problem::None);
            switch (step.problem) {
            case ImportPlan::Step::Problem::None:
                QCOMPARE(step.domainName, step.domain->name);
                got << step.domain->id;
                break;
            case ImportPlan::Step::Problem::NoSuchDomain:
                got << QStringLiteral("missing:") + step.domainName.trimmed();
                break;
            case ImportPlan::Step::Problem::DomainTaken:
                got << QStringLiteral("taken:") + step.domainName;
                break;
            }
        }
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(tst_ImportPlan)
#include "tst_ImportPlan.moc"
