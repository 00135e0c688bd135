// The Settings dialog against a real settings file (Qt's test location): each field starts from the stored value,
// Save stores what was entered, Cancel stores nothing; above all the clipboard delay for copied secrets.

#include "ApiTarget.h"
#include "AppSettings.h"
#include "Limits.h"
#include "SettingsDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never the user's settings
        QCoreApplication::setOrganizationName(QStringLiteral("DailyWebhooksTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_SettingsDialog"));
    }

    void init() { QSettings().clear(); }

    void defaultsWithoutStoredValues()
    {
        AppSettings settings;
        QCOMPARE(settings.clipboardClearSeconds(), Limits::DefaultClipboardClearSeconds);
        SettingsDialog dialog(&settings);
        QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("clipboardClearSpin"))->value(),
            Limits::DefaultClipboardClearSeconds);
    }

    void clipboardDelayRoundTrip_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ten seconds") << 10 << QStringLiteral("10 s");
        QTest::newRow("two minutes") << 120 << QStringLiteral("120 s");
        QTest::newRow("zero is never") << 0 << QStringLiteral("never");
    }

    void clipboardDelayRoundTrip()
    {
        QFETCH(int, seconds);
        QFETCH(QString, shown);
        {
            AppSettings settings;
            SettingsDialog dialog(&settings);
            auto* spin = dialog.findChild<QSpinBox*>(QStringLiteral("clipboardClearSpin"));
            QVERIFY(spin);
            spin->setValue(seconds);
            QCOMPARE(spin->text(), shown);
            dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            settings.sync();
        }
        // A new facade reads the file again, as the next start does.
        AppSettings reread;
        QCOMPARE(reread.clipboardClearSeconds(), seconds);
        SettingsDialog again(&reread);
        QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("clipboardClearSpin"))->value(), seconds);
    }

    void cancelStoresNothing()
    {
        AppSettings settings;
        settings.setClipboardClearSeconds(45);
        SettingsDialog dialog(&settings);
        auto* spin = dialog.findChild<QSpinBox*>(QStringLiteral("clipboardClearSpin"));
        QCOMPARE(spin->value(), 45);
        spin->setValue(5);
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(settings.clipboardClearSeconds(), 45);
    }

    void otherFieldsRoundTrip()
    {
        AppSettings settings;
        {
            SettingsDialog dialog(&settings);
            dialog.findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"))
                ->setText(QStringLiteral("http://127.0.0.1:9/v1"));
            dialog.findChild<QSpinBox*>(QStringLiteral("timeoutSpin"))->setValue(42);
            dialog.accept();
        }
        QCOMPARE(settings.apiBaseUrl(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QCOMPARE(settings.requestTimeoutSeconds(), 42);
    }

    void plainHttpBaseIsRefusedAndTheReasonFitsOnScreen()
    {
        AppSettings settings;
        SettingsDialog dialog(&settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* edit = dialog.findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
        auto* problem = dialog.findChild<QLabel*>(QStringLiteral("baseUrlProblemLabel"));
        auto* save = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("http://api.example.com/v1"));
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QLatin1String("unencrypted")), qPrintable(problem->text()));
        QVERIFY(!save->isEnabled());
        // The dialog grew with the reason's lines: nothing of it is cut off.
        QTRY_VERIFY2(problem->height() >= problem->heightForWidth(problem->width()),
            qPrintable(
                QStringLiteral("%1 < %2").arg(problem->height()).arg(problem->heightForWidth(problem->width()))));
        dialog.accept();
        QCOMPARE(settings.apiBaseUrl(), ApiTarget::defaultBaseUrl());

        edit->setText(QStringLiteral("http://localhost:8787/v1"));
        QVERIFY(!problem->isVisible());
        QVERIFY(save->isEnabled());
    }

    void nonsenseInTheFileFallsBackToTheDefault()
    {
        QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), QStringLiteral("soon"));
        QCOMPARE(AppSettings().clipboardClearSeconds(), Limits::DefaultClipboardClearSeconds);
        QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), -5);
        QCOMPARE(AppSettings().clipboardClearSeconds(), Limits::DefaultClipboardClearSeconds);
    }
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_SettingsDialog.moc"
