// The Settings dialog against a real settings file (Qt's test location): each field starts from the stored value,
// Save stores what was entered, Cancel stores nothing; above all the clipboard delay for copied secrets, and the
// rule for the API base URL (https, or http on this computer only; no credentials) as it is typed, and the
// receiver's port, deliveries kept and timestamp tolerance, checked when read.

#include "AppSettings.h"
#include "DomainTarget.h"
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
        QCOMPARE(settings.apiBaseUrl(), DomainTarget::defaultBaseUrl());

        edit->setText(QStringLiteral("http://localhost:8787/v1"));
        QVERIFY(!problem->isVisible());
        QVERIFY(save->isEnabled());
    }

    void baseUrlRule_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("stored"); // when accepted

        QTest::newRow("Daily's https URL")
            << QStringLiteral("https://api.daily.co/v1") << true << QStringLiteral("https://api.daily.co/v1");
        QTest::newRow("plain http on 127.0.0.1")
            << QStringLiteral("http://127.0.0.1:8787/v1") << true << QStringLiteral("http://127.0.0.1:8787/v1");
        QTest::newRow("plain http on localhost")
            << QStringLiteral("http://localhost:8787/v1") << true << QStringLiteral("http://localhost:8787/v1");
        QTest::newRow("plain http on ::1")
            << QStringLiteral("http://[::1]:8787/v1") << true << QStringLiteral("http://[::1]:8787/v1");
        QTest::newRow("spaces around are dropped") << QStringLiteral("  https://proxy.example.test/v1  ") << true
                                                   << QStringLiteral("https://proxy.example.test/v1");
        QTest::newRow("empty means Daily's default") << QString() << true << QStringLiteral("https://api.daily.co/v1");
        QTest::newRow("plain http to another host: the key would cross the network")
            << QStringLiteral("http://api.daily.co/v1") << false << QString();
        QTest::newRow("plain http to a private address")
            << QStringLiteral("http://192.168.1.10/v1") << false << QString();
        QTest::newRow("a user name and password in it")
            << QStringLiteral("https://u:p@api.daily.co/v1") << false << QString();
        QTest::newRow("another scheme") << QStringLiteral("ftp://api.daily.co/v1") << false << QString();
        QTest::newRow("not a URL") << QStringLiteral("api daily co") << false << QString();
        QTest::newRow("no host") << QStringLiteral("https:///v1") << false << QString();
    }

    // The rule of UrlPolicy for the URL that receives the API key, enforced as it is typed: the reason shows, Save
    // is disabled, and accepting anyway stores nothing.
    void baseUrlRule()
    {
        QFETCH(QString, typed);
        QFETCH(bool, accepted);
        QFETCH(QString, stored);

        const QUrl before(QStringLiteral("https://before.example.test/v1"));
        AppSettings settings;
        settings.setApiBaseUrl(before);
        SettingsDialog dialog(&settings);
        dialog.show();
        auto* edit = dialog.findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
        auto* problem = dialog.findChild<QLabel*>(QStringLiteral("baseUrlProblemLabel"));
        QPushButton* save = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
        QVERIFY(edit && problem && save);
        QVERIFY(problem->isHidden());

        edit->clear();
        QTest::keyClicks(edit, typed);
        QCOMPARE(save->isEnabled(), accepted);
        QCOMPARE(problem->isVisible(), !accepted);
        if (!accepted)
            QVERIFY2(problem->text().startsWith(QStringLiteral("⚠ ")) && problem->text().size() > 10,
                qPrintable(problem->text()));

        dialog.accept();
        QCOMPARE(dialog.result(), int(accepted ? QDialog::Accepted : QDialog::Rejected));
        QCOMPARE(settings.apiBaseUrl(), accepted ? QUrl(stored) : before);
    }

    void receiverDefaults()
    {
        AppSettings settings;
        QCOMPARE(settings.receiverPort(), 8790);
        QCOMPARE(settings.maxStoredDeliveries(), Limits::DefaultMaxStoredDeliveries);
        QCOMPARE(settings.signatureToleranceSeconds(), Limits::DefaultSignatureToleranceSeconds);
        SettingsDialog dialog(&settings);
        QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("receiverPortSpin"))->value(), 8790);
        QCOMPARE(
            dialog.findChild<QSpinBox*>(QStringLiteral("maxStoredSpin"))->value(), Limits::DefaultMaxStoredDeliveries);
        QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("toleranceSpin"))->value(),
            Limits::DefaultSignatureToleranceSeconds);
    }

    void receiverFieldsRoundTrip()
    {
        {
            AppSettings settings;
            SettingsDialog dialog(&settings);
            dialog.show();
            auto* port = dialog.findChild<QSpinBox*>(QStringLiteral("receiverPortSpin"));
            auto* kept = dialog.findChild<QSpinBox*>(QStringLiteral("maxStoredSpin"));
            auto* tolerance = dialog.findChild<QSpinBox*>(QStringLiteral("toleranceSpin"));
            QVERIFY(port && kept && tolerance);
            port->selectAll();
            QTest::keyClicks(port, QStringLiteral("9100"));
            kept->setValue(5000);
            tolerance->setValue(90);
            // The spin boxes hold the bounds of Limits.
            kept->setValue(Limits::MaxStoredDeliveries + 1);
            QCOMPARE(kept->value(), Limits::MaxStoredDeliveries);
            kept->setValue(5000);
            tolerance->setValue(Limits::MaxSignatureToleranceSeconds + 1);
            QCOMPARE(tolerance->value(), Limits::MaxSignatureToleranceSeconds);
            tolerance->setValue(90);
            dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
            settings.sync();
        }
        AppSettings reread;
        QCOMPARE(reread.receiverPort(), 9100);
        QCOMPARE(reread.maxStoredDeliveries(), 5000);
        QCOMPARE(reread.signatureToleranceSeconds(), 90);
        SettingsDialog again(&reread);
        QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("receiverPortSpin"))->value(), 9100);
        QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("maxStoredSpin"))->value(), 5000);
        QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("toleranceSpin"))->value(), 90);
    }

    // A hand-edited or damaged settings file never reaches the receiver: each value out of range reads as the
    // default.
    void receiverValuesAreCheckedOnLoad_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("stored");
        QTest::addColumn<int>("read");

        const QString port = QStringLiteral("receiver/port");
        const QString kept = QStringLiteral("receiver/maxStoredDeliveries");
        const QString tolerance = QStringLiteral("receiver/signatureToleranceSeconds");
        QTest::newRow("a port") << port << QVariant(9000) << 9000;
        QTest::newRow("port 0") << port << QVariant(0) << 8790;
        QTest::newRow("port beyond 65535") << port << QVariant(70000) << 8790;
        QTest::newRow("a port that is no number") << port << QVariant(QStringLiteral("http")) << 8790;
        QTest::newRow("a limit") << kept << QVariant(2500) << 2500;
        QTest::newRow("fewer than the least kept")
            << kept << QVariant(Limits::MinStoredDeliveries - 1) << Limits::DefaultMaxStoredDeliveries;
        QTest::newRow("more than the most kept")
            << kept << QVariant(qint64(Limits::MaxStoredDeliveries) + 1) << Limits::DefaultMaxStoredDeliveries;
        QTest::newRow("beyond an int") << kept << QVariant(QStringLiteral("99999999999999"))
                                       << Limits::DefaultMaxStoredDeliveries;
        QTest::newRow("a tolerance") << tolerance << QVariant(60) << 60;
        QTest::newRow("no tolerance") << tolerance << QVariant(0) << Limits::DefaultSignatureToleranceSeconds;
        QTest::newRow("a negative tolerance")
            << tolerance << QVariant(-300) << Limits::DefaultSignatureToleranceSeconds;
        QTest::newRow("more than a day") << tolerance << QVariant(Limits::MaxSignatureToleranceSeconds + 1)
                                         << Limits::DefaultSignatureToleranceSeconds;
    }
    void receiverValuesAreCheckedOnLoad()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, stored);
        QFETCH(int, read);
        QSettings().setValue(key, stored);
        const AppSettings settings;
        const int value = key.endsWith(QLatin1String("port")) ? settings.receiverPort()
            : key.endsWith(QLatin1String("Deliveries"))       ? settings.maxStoredDeliveries()
                                                              : settings.signatureToleranceSeconds();
        QCOMPARE(value, read);
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
