// The domains dialog driven as a person would: type a name and key, paste or import "name,key" lines, rename,
// replace a key and remove, with the keychain in memory and the questions answered in code. Keys must never be
// shown back, neither in the table nor in the status line.

#include "Domain.h"
#include "DomainStore.h"
#include "DomainsDialog.h"
#include "ScriptedPrompts.h"
#include "SecretStore.h"

#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

namespace {

const QUrl kDefaultBaseUrl(QStringLiteral("https://api.example.test/v1"));

// One dialog over its own settings file and an in-memory keychain.
struct Fixture
{
    QTemporaryDir dir;
    QSettings settings {dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    SecretStore secrets {SecretStore::Backend::Memory, QStringLiteral("tst_DomainsDialog")};
    DomainStore domains {&secrets, &settings};
    ScriptedPrompts prompts;
    QObject context; // receives the store's answers the test waits for itself
    std::optional<DomainsDialog> dialog;

    explicit Fixture(const QStringList& seeded = {})
    {
        if (!dir.isValid())
            qFatal("no temporary directory");
        int added = 0;
        for (const QString& name : seeded) {
            domains.add(
                name, QUrl(), QStringLiteral("key_") + name, &context, [&added](const DomainStore::Result& result) {
                    if (result.ok())
                        ++added;
                });
        }
        if (!QTest::qWaitFor([&] { return added == seeded.size(); }, 5000))
            qFatal("domains were not seeded");
        dialog.emplace(&domains, &prompts, kDefaultBaseUrl);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(&*dialog))
            qFatal("dialog not shown");
    }

    template<typename T>
    T* child(const char* name)
    {
        auto* widget = dialog->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("no child named %s", name);
        return widget;
    }

    QTableWidget* table() { return child<QTableWidget>("domainTable"); }
    QLineEdit* nameEdit() { return child<QLineEdit>("nameEdit"); }
    QLineEdit* keyEdit() { return child<QLineEdit>("keyEdit"); }
    QPlainTextEdit* bulkEdit() { return child<QPlainTextEdit>("bulkEdit"); }
    QLabel* status() { return child<QLabel>("statusLabel"); }
    QPushButton* button(const char* name) { return child<QPushButton>(name); }

    void click(const char* name) { QTest::mouseClick(button(name), Qt::LeftButton); }

    QString cell(int row, int column)
    {
        const QTableWidgetItem* item = table()->item(row, column);
        return item ? item->text() : QString();
    }

    QStringList namesInTable()
    {
        QStringList names;
        for (int row = 0; row < table()->rowCount(); ++row)
            names << cell(row, 0);
        return names;
    }

    // Clicks the row whose name column reads `name`.
    bool selectRow(const QString& name)
    {
        QTableWidget* t = table();
        for (int row = 0; row < t->rowCount(); ++row) {
            if (cell(row, 0) == name) {
                const QRect rect = t->visualItemRect(t->item(row, 0));
                QTest::mouseClick(t->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
                return t->selectedItems().size() == t->columnCount() && t->selectedItems().first()->row() == row;
            }
        }
        return false;
    }

    // Every piece of text the dialog shows about the domains: each cell and the status line.
    QString shownText()
    {
        QStringList texts {status()->text()};
        for (int row = 0; row < table()->rowCount(); ++row) {
            for (int column = 0; column < table()->columnCount(); ++column)
                texts << cell(row, column);
        }
        return texts.join(QLatin1Char('\n'));
    }

    // The key the store holds for `name`: from memory or from the (in-memory) keychain.
    std::optional<QString> keyOf(const QString& name)
    {
        const auto domain = domains.domainByName(name);
        if (!domain)
            return std::nullopt;
        std::optional<SecretStore::Result> answer;
        domains.readKey(domain->id, &context, [&answer](const SecretStore::Result& result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000) || !answer->ok())
            return std::nullopt;
        return answer->secret;
    }

    // Whether the keychain itself still holds an entry under `keyName`.
    bool keychainHas(const QString& keyName)
    {
        std::optional<SecretStore::Result> answer;
        secrets.read(keyName, &context, [&answer](const SecretStore::Result& result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
            qFatal("the keychain did not answer");
        return answer->ok();
    }

    bool rowButtonsEnabled()
    {
        return button("renameButton")->isEnabled() && button("replaceKeyButton")->isEnabled()
            && button("removeButton")->isEnabled();
    }
    bool rowButtonsDisabled()
    {
        return !button("renameButton")->isEnabled() && !button("replaceKeyButton")->isEnabled()
            && !button("removeButton")->isEnabled();
    }
};

} // namespace

class tst_DomainsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultState()
    {
        Fixture f;
        QCOMPARE(f.table()->rowCount(), 0);
        QCOMPARE(f.table()->columnCount(), 3);
        QVERIFY(f.rowButtonsDisabled());
        QCOMPARE(f.child<QLineEdit>("baseUrlEdit")->text(), kDefaultBaseUrl.toString());
        QVERIFY(f.nameEdit()->text().isEmpty());
        QVERIFY(f.keyEdit()->text().isEmpty());
        QCOMPARE(f.keyEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(f.bulkEdit()->toPlainText().isEmpty());
        QVERIFY(f.status()->isHidden());
        QVERIFY(f.dialog->statusText().isEmpty());
        QVERIFY(f.child<QGroupBox>("addGroup")->isEnabled());
        QVERIFY(f.child<QGroupBox>("bulkGroup")->isEnabled());
    }

    void seededDomainsAreListed()
    {
        Fixture f({QStringLiteral("staging"), QStringLiteral("production")});
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("staging"), QStringLiteral("production")}));
        QCOMPARE(f.cell(0, 1), QStringLiteral("https://api.daily.co/v1"));
        QCOMPARE(f.cell(0, 2), QStringLiteral("in the keychain"));
        QVERIFY(!f.shownText().contains(QLatin1String("key_")));
        QVERIFY(f.rowButtonsDisabled());
        QVERIFY(f.selectRow(QStringLiteral("production")));
        QVERIFY(f.rowButtonsEnabled());
    }

    void addOneDomain()
    {
        Fixture f;
        const QString key = QStringLiteral("sk_live_SECRET_one");
        QTest::keyClicks(f.nameEdit(), QStringLiteral("  production "));
        QTest::keyClicks(f.keyEdit(), key);
        QSignalSpy changed(&f.domains, &DomainStore::domainsChanged);
        f.click("addButton");

        QCOMPARE(changed.size(), 1); // saved at once; the keychain answers later
        QTRY_VERIFY(f.status()->text().startsWith(QLatin1String("Added production")));
        QVERIFY(f.status()->isVisible());
        QVERIFY(f.status()->text().contains(QLatin1String("in the keychain")));
        QVERIFY(!f.status()->text().startsWith(QStringLiteral("⚠")));
        QCOMPARE(f.dialog->statusText(), f.status()->text());
        QVERIFY(f.child<QGroupBox>("addGroup")->isEnabled());

        QCOMPARE(f.table()->rowCount(), 1);
        QCOMPARE(f.cell(0, 0), QStringLiteral("production"));
        QCOMPARE(f.cell(0, 1), kDefaultBaseUrl.toString());
        QCOMPARE(f.cell(0, 2), QStringLiteral("in the keychain"));
        QVERIFY(f.nameEdit()->text().isEmpty());
        QVERIFY(f.keyEdit()->text().isEmpty());
        QVERIFY(!f.shownText().contains(key));
        QVERIFY(!f.shownText().contains(QLatin1String("SECRET")));

        const auto stored = f.domains.domainByName(QStringLiteral("production"));
        QVERIFY(stored);
        QCOMPARE(stored->baseUrl, kDefaultBaseUrl);
        QVERIFY(!f.domains.hasSessionOnlyKey(stored->id));
        QCOMPARE(f.keyOf(QStringLiteral("production")), std::optional<QString>(key));
        // Only the name and URL reach the settings file.
        f.settings.sync();
        QFile file(f.settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("production"));
        QVERIFY(!saved.contains("SECRET"));
    }

    void keyColumnFollowsTheKeychainAnswer()
    {
        // The table is redrawn whenever the domains change, also while the keychain is still writing a new key
        // (say, behind its unlock prompt): the row then reads "in memory". Once the keychain has taken the key,
        // the row must say so, not keep the in-between state.
        Fixture f({QStringLiteral("staging")});
        QTest::keyClicks(f.nameEdit(), QStringLiteral("production"));
        QTest::keyClicks(f.keyEdit(), QStringLiteral("sk_prod"));
        f.click("addButton");
        QVERIFY(!f.child<QGroupBox>("addGroup")->isEnabled()); // the keychain has not answered yet
        QVERIFY(f.selectRow(QStringLiteral("staging")));
        f.prompts.textAnswer = QStringLiteral("qa");
        f.click("renameButton");
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("qa"), QStringLiteral("production")}));
        QCOMPARE(f.cell(1, 2), QStringLiteral("in memory until you quit"));

        QTRY_VERIFY(f.status()->text().startsWith(QLatin1String("Added production")));
        QVERIFY(!f.domains.hasSessionOnlyKey(f.domains.domainByName(QStringLiteral("production"))->id));
        QCOMPARE(f.cell(1, 2), QStringLiteral("in the keychain"));
    }

    void addWithOwnBaseUrl()
    {
        Fixture f;
        auto* baseUrl = f.child<QLineEdit>("baseUrlEdit");
        baseUrl->selectAll();
        QTest::keyClicks(baseUrl, QStringLiteral("https://eu.example.test/v1"));
        QTest::keyClicks(f.nameEdit(), QStringLiteral("europe"));
        QTest::keyClicks(f.keyEdit(), QStringLiteral("sk_eu"));
        f.click("addButton");
        QTRY_COMPARE(f.table()->rowCount(), 1);
        QCOMPARE(f.cell(0, 1), QStringLiteral("https://eu.example.test/v1"));
        QTRY_VERIFY(f.keyEdit()->text().isEmpty());
    }

    void badNameKeepsWhatWasTyped_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << "Enter a name for the domain.";
        QTest::newRow("blank") << "   "
                               << "Enter a name for the domain.";
        QTest::newRow("same name, other case") << "PRODUCTION"
                                               << "Another domain is already named \"production\"";
        QTest::newRow("comma") << "a,b"
                               << "cannot contain a comma";
    }

    void badNameKeepsWhatWasTyped()
    {
        QFETCH(QString, name);
        QFETCH(QString, says);
        Fixture f({QStringLiteral("production")});
        const QString key = QStringLiteral("sk_live_SECRET_two");
        QTest::keyClicks(f.nameEdit(), name);
        QTest::keyClicks(f.keyEdit(), key);
        QSignalSpy changed(&f.domains, &DomainStore::domainsChanged);
        f.click("addButton");

        QTRY_VERIFY(f.status()->isVisible());
        QVERIFY2(f.status()->text().startsWith(QStringLiteral("⚠ ")), qPrintable(f.status()->text()));
        QVERIFY2(f.status()->text().contains(says), qPrintable(f.status()->text()));
        QVERIFY(!f.shownText().contains(key));
        QCOMPARE(f.nameEdit()->text(), name);
        QCOMPARE(f.keyEdit()->text(), key);
        QVERIFY(f.child<QGroupBox>("addGroup")->isEnabled());
        QCOMPARE(changed.size(), 0);
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("production")}));
        QCOMPARE(f.domains.domains().size(), 1);
    }

    void missingKeyKeepsWhatWasTyped()
    {
        Fixture f;
        QTest::keyClicks(f.nameEdit(), QStringLiteral("staging"));
        f.click("addButton");
        QTRY_VERIFY(f.status()->text().contains(QLatin1String("Enter the domain's API key")));
        QCOMPARE(f.nameEdit()->text(), QStringLiteral("staging"));
        QCOMPARE(f.table()->rowCount(), 0);
    }

    void bulkAddReportsTheBadLine()
    {
        Fixture f;
        QPlainTextEdit* bulk = f.bulkEdit();
        const QStringList lines {QStringLiteral("alpha,sk_SECRET_a"), QStringLiteral("beta, sk_SECRET_b"),
            QStringLiteral("sk_SECRET_bare_key"), QStringLiteral("gamma ,sk_SECRET_c")};
        bulk->setFocus();
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(bulk, Qt::Key_Return);
            QTest::keyClicks(bulk, lines.at(i));
        }
        const QString typed = bulk->toPlainText();
        QCOMPARE(typed, lines.join(QLatin1Char('\n')));
        f.click("bulkAddButton");

        QTRY_VERIFY(f.status()->text().contains(QLatin1String("Added 3 domain(s).")));
        const QString status = f.status()->text();
        QVERIFY2(status.startsWith(QStringLiteral("⚠ ")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("Line 3: There is no comma")), qPrintable(status));
        QVERIFY(!status.contains(QLatin1String("Line 1")));
        QVERIFY(!status.contains(QLatin1String("SECRET")));
        QCOMPARE(
            f.namesInTable(), QStringList({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(f.cell(row, 1), kDefaultBaseUrl.toString());
            QCOMPARE(f.cell(row, 2), QStringLiteral("in the keychain"));
        }
        QVERIFY(!f.shownText().contains(QLatin1String("SECRET")));
        QCOMPARE(bulk->toPlainText(), typed); // one line failed: the text stays to be corrected
        QVERIFY(f.child<QGroupBox>("bulkGroup")->isEnabled());
        QCOMPARE(f.keyOf(QStringLiteral("beta")), std::optional<QString>(QStringLiteral("sk_SECRET_b")));
    }

    void bulkAddOfGoodLinesClearsTheBox()
    {
        Fixture f({QStringLiteral("alpha")});
        f.bulkEdit()->setFocus();
        QTest::keyClicks(f.bulkEdit(), QStringLiteral("beta,sk_b"));
        QTest::keyClick(f.bulkEdit(), Qt::Key_Return);
        QTest::keyClicks(f.bulkEdit(), QStringLiteral("gamma,sk_c"));
        f.click("bulkAddButton");
        QTRY_COMPARE(f.status()->text(), QStringLiteral("Added 2 domain(s)."));
        QVERIFY(f.bulkEdit()->toPlainText().isEmpty());
        QCOMPARE(
            f.namesInTable(), QStringList({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
    }

    void bulkAddOfNothingUsable()
    {
        Fixture f({QStringLiteral("alpha")});
        f.click("bulkAddButton");
        QTRY_VERIFY(f.status()->text().contains(QLatin1String("Nothing to add")));

        QTest::keyClicks(f.bulkEdit(), QStringLiteral("ALPHA,sk_SECRET_x"));
        f.click("bulkAddButton");
        QTRY_VERIFY(f.status()->text().contains(QLatin1String("Line 1: Another domain is already named")));
        QVERIFY(!f.status()->text().contains(QLatin1String("SECRET")));
        QCOMPARE(f.bulkEdit()->toPlainText(), QStringLiteral("ALPHA,sk_SECRET_x"));
        QCOMPARE(f.table()->rowCount(), 1);
    }

    void importFromFile()
    {
        Fixture f({QStringLiteral("existing")});
        const QString path = f.dir.filePath(QStringLiteral("domains.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(
                "\xEF\xBB\xBFname,key\r\n# the team's domains\r\nfirst,sk_SECRET_f\r\n\r\nsecond,sk_SECRET_s\r\n");
        }
        // Something typed in the box beforehand is not what the file adds, and must survive the import.
        QTest::keyClicks(f.bulkEdit(), QStringLiteral("typed,sk_typed"));

        // Cancelled: nothing happens.
        f.prompts.fileName.clear();
        f.click("bulkImportButton");
        QCOMPARE(f.prompts.fileQuestions, 1);
        QVERIFY(f.status()->isHidden());

        f.prompts.fileName = path;
        f.click("bulkImportButton");
        QCOMPARE(f.prompts.fileQuestions, 2);
        QTRY_COMPARE(f.status()->text(), QStringLiteral("Added 2 domain(s)."));
        QCOMPARE(f.namesInTable(),
            QStringList({QStringLiteral("existing"), QStringLiteral("first"), QStringLiteral("second")}));
        QVERIFY(!f.shownText().contains(QLatin1String("SECRET")));
        QCOMPARE(f.keyOf(QStringLiteral("second")), std::optional<QString>(QStringLiteral("sk_SECRET_s")));
        QCOMPARE(f.bulkEdit()->toPlainText(), QStringLiteral("typed,sk_typed"));
        QVERIFY(!f.domains.domainByName(QStringLiteral("typed")));
    }

    void bulkAddShowsProgressWhileItRuns()
    {
        Fixture f({QStringLiteral("existing")});
        auto* bar = f.child<QProgressBar>("bulkProgress");
        QVERIFY(bar->isHidden());

        const int total = 300;
        const QString path = f.dir.filePath(QStringLiteral("many.csv"));
        QStringList expected {QStringLiteral("existing")};
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < total; ++i) {
                const QString name = QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0'));
                file.write(QStringLiteral("%1,sk_SECRET_%2\n").arg(name).arg(i).toUtf8());
                expected << name;
            }
            file.write("EXISTING,sk_SECRET_dup\n");
        }

        QList<int> values;
        bool hiddenAtAChange = false;
        connect(bar, &QProgressBar::valueChanged, &f.context, [&](int value) {
            values << value;
            hiddenAtAChange = hiddenAtAChange || bar->isHidden();
        });
        // Counts the turns of the event loop while the bar is up: the window keeps answering.
        int turns = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, &f.context, [&] {
            if (bar->isVisible())
                ++turns;
        });
        ticker.start();

        f.prompts.fileName = path;
        f.click("bulkImportButton");
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->minimum(), 0);
        QCOMPARE(bar->maximum(), total);
        QCOMPARE(bar->value(), 0);
        QVERIFY(!f.child<QGroupBox>("bulkGroup")->isEnabled());

        QTRY_VERIFY_WITH_TIMEOUT(bar->isHidden(), 30000);
        ticker.stop();
        QVERIFY2(values.size() >= 10, qPrintable(QString::number(values.size())));
        QCOMPARE(values.constLast(), total);
        for (int i = 1; i < values.size(); ++i)
            QVERIFY(values.at(i) > values.at(i - 1));
        QVERIFY(!hiddenAtAChange);
        QVERIFY2(turns >= 10, qPrintable(QString::number(turns)));

        // The result: every domain in order, each key in the keychain, the refused line named by its number.
        QVERIFY(f.child<QGroupBox>("bulkGroup")->isEnabled());
        QCOMPARE(f.namesInTable(), expected);
        for (int row = 0; row < f.table()->rowCount(); ++row)
            QCOMPARE(f.cell(row, 2), QStringLiteral("in the keychain"));
        QCOMPARE(f.status()->text(),
            QStringLiteral("⚠ Added %1 domain(s).\nLine %2: Another domain is already named \"existing\"; names must "
                           "differ, ignoring case.")
                .arg(total)
                .arg(total + 1));
        QVERIFY(!f.shownText().contains(QLatin1String("SECRET")));
        QCOMPARE(f.keyOf(QStringLiteral("bulk-299")), std::optional<QString>(QStringLiteral("sk_SECRET_299")));
    }

    void importOfABinaryFileReportsItsLines()
    {
        Fixture f;
        const QString path = f.dir.filePath(QStringLiteral("mixed.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            static const char bytes[]
                = "first,sk_SECRET_1\nsec\xFFond,sk_SECRET_2\nthird,sk_SECRET_3\nfou\0rth,sk_SECRET_4\n";
            file.write(bytes, sizeof(bytes) - 1);
        }
        f.prompts.fileName = path;
        f.click("bulkImportButton");
        QTRY_VERIFY(f.status()->text().contains(QLatin1String("Added 2 domain(s).")));
        const QString status = f.status()->text();
        QVERIFY2(status.contains(QLatin1String("Line 2: The line is not valid UTF-8")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("Line 4: The line holds control characters")), qPrintable(status));
        QVERIFY(!status.contains(QLatin1String("SECRET")));
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("first"), QStringLiteral("third")}));
    }

    void importOfAMissingFile()
    {
        Fixture f;
        f.prompts.fileName = f.dir.filePath(QStringLiteral("nope.csv"));
        f.click("bulkImportButton");
        QTRY_VERIFY(f.status()->text().startsWith(QStringLiteral("⚠ Could not read")));
        QVERIFY(f.status()->text().contains(QLatin1String("nope.csv")));
        QCOMPARE(f.table()->rowCount(), 0);
    }

    void rename()
    {
        Fixture f({QStringLiteral("staging"), QStringLiteral("production")});
        const QString id = f.domains.domainByName(QStringLiteral("staging"))->id;
        QVERIFY(f.selectRow(QStringLiteral("staging")));

        // Cancelled: nothing changes.
        f.prompts.askAnswer = false;
        f.click("renameButton");
        QCOMPARE(f.prompts.askedWith, QStringList({QStringLiteral("staging")}));
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("staging"), QStringLiteral("production")}));

        // Taken, in another case: refused, and said so.
        f.prompts.askAnswer = true;
        f.prompts.textAnswer = QStringLiteral("Production");
        f.click("renameButton");
        QVERIFY(f.status()->text().startsWith(QStringLiteral("⚠ Another domain is already named")));
        QCOMPARE(f.domains.domain(id)->name, QStringLiteral("staging"));

        QSignalSpy changed(&f.domains, &DomainStore::domainsChanged);
        f.prompts.textAnswer = QStringLiteral(" qa ");
        f.click("renameButton");
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.status()->text(), QStringLiteral("Renamed to qa."));
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("qa"), QStringLiteral("production")}));
        QCOMPARE(f.domains.domain(id)->name, QStringLiteral("qa"));
        // Still selected after the reload, and the key stays with the domain.
        QVERIFY(f.rowButtonsEnabled());
        QCOMPARE(f.table()->selectedItems().first()->row(), 0);
        QCOMPARE(f.keyOf(QStringLiteral("qa")), std::optional<QString>(QStringLiteral("key_staging")));
        // Persisted: a fresh store over the same settings sees the new name.
        DomainStore reread(&f.secrets, &f.settings);
        QCOMPARE(reread.domain(id)->name, QStringLiteral("qa"));
    }

    void replaceKey()
    {
        Fixture f({QStringLiteral("staging"), QStringLiteral("production")});
        QVERIFY(f.selectRow(QStringLiteral("production")));

        // Nothing typed yet: the dialog says where to type it.
        f.click("replaceKeyButton");
        QVERIFY(f.status()->text().contains(QLatin1String("Type the new API key of production")));
        QCOMPARE(f.keyOf(QStringLiteral("production")), std::optional<QString>(QStringLiteral("key_production")));

        const QString key = QStringLiteral("sk_live_SECRET_new");
        QTest::keyClicks(f.keyEdit(), key);
        f.click("replaceKeyButton");
        QTRY_COMPARE(f.status()->text(), QStringLiteral("Key of production replaced."));
        QVERIFY(f.keyEdit()->text().isEmpty());
        QVERIFY(!f.shownText().contains(key));
        QCOMPARE(f.cell(1, 2), QStringLiteral("in the keychain"));
        QCOMPARE(f.keyOf(QStringLiteral("production")), std::optional<QString>(key));
        QCOMPARE(f.keyOf(QStringLiteral("staging")), std::optional<QString>(QStringLiteral("key_staging")));
        QCOMPARE(f.domains.domains().size(), 2);

        // A key with a space is refused and stays in the field.
        QTest::keyClicks(f.keyEdit(), QStringLiteral("two words"));
        f.click("replaceKeyButton");
        QTRY_VERIFY(f.status()->text().contains(QLatin1String("must not contain spaces")));
        QCOMPARE(f.keyEdit()->text(), QStringLiteral("two words"));
        QCOMPARE(f.keyOf(QStringLiteral("production")), std::optional<QString>(key));
    }

    void remove()
    {
        Fixture f({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")});
        const Domain beta = *f.domains.domainByName(QStringLiteral("beta"));
        QVERIFY(f.keychainHas(beta.keyName()));
        QVERIFY(f.selectRow(QStringLiteral("beta")));

        // Answered no: the row stays.
        f.prompts.confirmAnswer = false;
        f.click("removeButton");
        QCOMPARE(f.prompts.confirmations.size(), 1);
        QVERIFY(f.prompts.confirmations.first().contains(QLatin1String("beta")));
        QCOMPARE(
            f.namesInTable(), QStringList({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
        QVERIFY(f.domains.domain(beta.id));
        QVERIFY(f.rowButtonsEnabled());

        // Answered yes: gone from the table, the store, the settings and the keychain.
        QSignalSpy changed(&f.domains, &DomainStore::domainsChanged);
        f.prompts.confirmAnswer = true;
        f.click("removeButton");
        QCOMPARE(f.prompts.confirmations.size(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.namesInTable(), QStringList({QStringLiteral("alpha"), QStringLiteral("gamma")}));
        QVERIFY(!f.domains.domain(beta.id));
        QTRY_COMPARE(f.status()->text(), QStringLiteral("Removed beta."));
        QVERIFY(!f.keychainHas(beta.keyName()));
        QVERIFY(!DomainStore(&f.secrets, &f.settings).domain(beta.id));
        // The removed row's selection does not slide onto its neighbour.
        QVERIFY(f.table()->selectedItems().isEmpty());
        QVERIFY(f.rowButtonsDisabled());
        QCOMPARE(f.keyOf(QStringLiteral("gamma")), std::optional<QString>(QStringLiteral("key_gamma")));
    }

    void removeTheLastDomain()
    {
        Fixture f({QStringLiteral("only")});
        QVERIFY(f.selectRow(QStringLiteral("only")));
        f.click("removeButton");
        QCOMPARE(f.table()->rowCount(), 0);
        QVERIFY(f.rowButtonsDisabled());
        QTRY_COMPARE(f.status()->text(), QStringLiteral("Removed only."));
        QVERIFY(f.domains.domains().isEmpty());
    }
};

QTEST_MAIN(tst_DomainsDialog)
#include "tst_DomainsDialog.moc"
