// The basic-auth dialog: what it builds from a user name and a password (base64 of "user:password", computed here
// without the product's code), and when it refuses, with the reason shown and OK disabled.

#include "BasicAuthDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

namespace {

struct Dialog
{
    BasicAuthDialog dialog;
    QLineEdit* user = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
    QLineEdit* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    QLabel* problem = dialog.findChild<QLabel*>(QStringLiteral("problemLabel"));
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);

    bool complete() const { return user && password && problem && ok; }
};

} // namespace

class tst_BasicAuthDialog : public QObject
{
    Q_OBJECT

private slots:
    void credential_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");

        QTest::newRow("plain") << QStringLiteral("hook") << QStringLiteral("s3cret");
        QTest::newRow("a colon in the password is kept") << QStringLiteral("hook") << QStringLiteral("a:b:c");
        QTest::newRow("an empty password") << QStringLiteral("hook") << QString();
        QTest::newRow("spaces are kept as typed") << QStringLiteral(" hook ") << QStringLiteral(" pw ");
        QTest::newRow("non-ASCII travels as UTF-8") << QStringLiteral("usér") << QStringLiteral("pässwörd✓");
    }

    void credential()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);

        Dialog d;
        QVERIFY(d.complete());
        d.dialog.show();
        // Set rather than typed: QTest types ASCII only.
        d.user->setText(user);
        d.password->setText(password);
        QCOMPARE(d.password->echoMode(), QLineEdit::Password);
        QVERIFY(d.ok->isEnabled());
        QVERIFY(d.problem->isHidden());
        QTest::mouseClick(d.ok, Qt::LeftButton);
        QCOMPARE(d.dialog.result(), int(QDialog::Accepted));
        // RFC 7617: base64 of the UTF-8 of user ":" password, what Daily sends after "Basic ".
        QCOMPARE(d.dialog.credential(), QString::fromLatin1((user + QLatin1Char(':') + password).toUtf8().toBase64()));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("problemShown"); // nothing typed yet is not worth a warning
        QTest::addColumn<QString>("problem");

        QTest::newRow("no user name") << QString() << false << QString();
        QTest::newRow("a colon in the user name")
            << QStringLiteral("ho:ok") << true << QStringLiteral("A user name for basic auth cannot contain a colon.");
    }

    void refusals()
    {
        QFETCH(QString, user);
        QFETCH(bool, problemShown);
        QFETCH(QString, problem);

        Dialog d;
        QVERIFY(d.complete());
        d.dialog.show();
        QTest::keyClicks(d.user, user);
        QTest::keyClicks(d.password, QStringLiteral("pw"));
        QVERIFY(!d.ok->isEnabled());
        QCOMPARE(d.problem->isVisible(), problemShown);
        if (problemShown)
            QVERIFY2(d.problem->text().contains(problem), qPrintable(d.problem->text()));
        // Enter, or accept() called directly, does not close it either.
        d.dialog.accept();
        QVERIFY(d.dialog.isVisible());
        QCOMPARE(d.dialog.result(), int(QDialog::Rejected));

        // Fixing the name takes the warning away and lets it close.
        d.user->setText(QStringLiteral("hook"));
        QVERIFY(d.problem->isHidden());
        QVERIFY(d.ok->isEnabled());
        d.dialog.accept();
        QCOMPARE(d.dialog.result(), int(QDialog::Accepted));
    }

    void cancelIsRejected()
    {
        Dialog d;
        QVERIFY(d.complete());
        d.dialog.show();
        QTest::keyClicks(d.user, QStringLiteral("hook"));
        d.dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(d.dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(tst_BasicAuthDialog)
#include "tst_BasicAuthDialog.moc"
