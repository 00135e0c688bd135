// The History dialog over a real audit log (SQLite in a temporary folder, secrets in the in-memory store): entries
// newest first, Recreate for a whole earlier configuration, and entries the log had to cut marked "(cut)", whose
// Recreate is refused with the reason.

#include "AuditLog.h"
#include "HistoryDialog.h"
#include "Limits.h"
#include "SecretStore.h"
#include "WebhookDraft.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

Webhook webhookWith(const QString& url, const QStringList& eventTypes)
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
    o.insert(QStringLiteral("url"), url);
    o.insert(QStringLiteral("hmac"), QStringLiteral("aGlzdG9yeS1kaWFsb2ctdGVzdC1zZWNyZXQ="));
    o.insert(QStringLiteral("retryType"), QStringLiteral("circuit-breaker"));
    o.insert(QStringLiteral("eventTypes"), QJsonArray::fromStringList(eventTypes));
    o.insert(QStringLiteral("state"), QStringLiteral("ACTIVE"));
    return Webhook::fromJson(o);
}

} // namespace

class tst_HistoryDialog : public QObject
{
    Q_OBJECT

private:
    qint64 record(AuditLog& log, const Webhook& before)
    {
        qint64 id = 0;
        bool answered = false;
        log.record(AuditEntry::Action::Delete, QStringLiteral("p-1"), QStringLiteral("acme"), before, std::nullopt,
            this, [&](bool, qint64 entryId, const QString&) {
                id = entryId;
                answered = true;
            });
        if (!QTest::qWaitFor([&answered] { return answered; }, 10000))
            return 0;
        return id;
    }

private slots:
    void cutEntriesAreMarkedAndNotRecreated()
    {
        QTemporaryDir dir;
        SecretStore secrets(SecretStore::Backend::Memory, QStringLiteral("tst_HistoryDialog"));
        AuditLog log(&secrets);
        QVERIFY(log.open(dir.filePath(QStringLiteral("audit.sqlite"))));
        const qint64 whole = record(
            log, webhookWith(QStringLiteral("https://hooks.example.com/whole"), {QStringLiteral("meeting.ended")}));
        const QString hugeUrl = QStringLiteral("https://hooks.example.com/")
            + QString(Limits::MaxAuditStringLength * 4, QLatin1Char('x'));
        const qint64 cut = record(log, webhookWith(hugeUrl, {QStringLiteral("meeting.ended")}));
        QVERIFY(whole > 0 && cut > whole);

        HistoryDialog dialog(&log);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("entryTable"));
        auto* recreateButton = dialog.findChild<QPushButton*>(QStringLiteral("recreateButton"));
        auto* status = dialog.findChild<QLabel*>(QStringLiteral("statusLabel"));
        QCOMPARE(dialog.entryCount(), 2);
        // Newest first: the cut one, then the whole one.
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("delete (cut)"));
        QVERIFY(table->item(0, 1)->toolTip().contains(QString::number(Limits::MaxAuditStringLength)));
        QCOMPARE(table->item(0, 3)->text().size(), Limits::MaxAuditStringLength);
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("delete"));

        QList<WebhookDraft> requested;
        connect(&dialog, &HistoryDialog::recreateRequested, this,
            [&requested](const QString&, const WebhookDraft& draft) { requested << draft; });
        QVERIFY(dialog.selectEntry(cut));
        QVERIFY(!recreateButton->isEnabled());
        QVERIFY2(status->text().contains(QLatin1String("cannot be recreated")), qPrintable(status->text()));
        // Even when asked directly, the log refuses and the dialog says why: the reason is shown by the answer
        // that would have requested the recreation, so once it shows, nothing more can come.
        dialog.recreateSelected();
        QTRY_VERIFY(status->text().contains(QLatin1String("cut URL")));
        QCOMPARE(requested.count(), 0);

        QVERIFY(dialog.selectEntry(whole));
        QVERIFY(recreateButton->isEnabled());
        QVERIFY(status->text().isEmpty());
        QTest::mouseClick(recreateButton, Qt::LeftButton);
        QTRY_COMPARE(requested.count(), 1);
        QCOMPARE(requested.first().url, std::optional<QString>(QStringLiteral("https://hooks.example.com/whole")));
    }
};

QTEST_MAIN(tst_HistoryDialog)
#include "tst_HistoryDialog.moc"
