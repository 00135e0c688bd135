// The request-log pane as a person uses it: rows appear as calls end, Copy as curl is enabled by a selection and
// copies the selected call with the key and secrets redacted, or, with the box ticked for that one copy, with them,
// through the secret clipboard (marked for password managers, cleared later); Clear empties the log.

#include "RequestLog.h"
#include "RequestLogPane.h"
#include "SecretClipboard.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace {

// Distinctive, and never printed: comparisons with it go through QVERIFY.
const QByteArray kApiKey = QByteArrayLiteral("sk_reqlogpane_0123456789abcdef");
const QByteArray kHmac = QByteArrayLiteral("cmVxbG9ncGFuZS1obWFjLXNlY3JldC0wMTIzNDU2Nzg5");

RequestLogEntry createEntry(const QString& domain)
{
    RequestLogEntry e;
    e.at = QDateTime::currentDateTimeUtc();
    e.domainName = domain;
    e.domainId = QStringLiteral("id-") + domain;
    e.request.method = QByteArrayLiteral("POST");
    e.request.url = QUrl(QStringLiteral("https://api.daily.co/v1/webhooks"));
    e.request.headers = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + kApiKey},
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    e.request.body = QByteArrayLiteral("{\"hmac\":\"") + kHmac + QByteArrayLiteral("\",\"url\":\"https://x.test/h\"}");
    e.httpStatus = 200;
    e.durationMs = 40;
    return e;
}

bool markedAsSecret()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    return mime && mime->data(SecretClipboard::PasswordManagerHintMimeType) == QByteArrayLiteral("secret");
}

struct Pane
{
    RequestLog log;
    RequestLogPane pane;
    QTableView* table = pane.findChild<QTableView*>(QStringLiteral("table"));
    QPushButton* copyButton = pane.findChild<QPushButton*>(QStringLiteral("copyCurlButton"));
    QPushButton* clearButton = pane.findChild<QPushButton*>(QStringLiteral("clearButton"));
    QCheckBox* reveal = pane.findChild<QCheckBox*>(QStringLiteral("revealCheck"));

    Pane()
    {
        pane.setLog(&log);
        pane.show();
    }
    bool complete() const { return table && copyButton && clearButton && reveal; }
    void select(int row) { table->selectRow(row); }
};

} // namespace

class tst_RequestLogPane : public QObject
{
    Q_OBJECT

private slots:
    void init() { QApplication::clipboard()->clear(); }

    void copyNeedsASelection()
    {
        Pane p;
        QVERIFY(p.complete());
        p.log.append(createEntry(QStringLiteral("staging")));
        QCOMPARE(p.table->model()->rowCount(), 1);
        QVERIFY(!p.copyButton->isEnabled());
        QSignalSpy copied(&p.pane, &RequestLogPane::copied);
        p.pane.copySelectedAsCurl();
        QCOMPARE(copied.size(), 0);
        QVERIFY(QApplication::clipboard()->text().isEmpty());

        p.select(0);
        QVERIFY(p.copyButton->isEnabled());
        p.table->clearSelection();
        QVERIFY(!p.copyButton->isEnabled());
        QVERIFY(p.pane.curlFor(5).isEmpty());
        QVERIFY(p.pane.curlFor(-1).isEmpty());
    }

    void copiesTheSelectedCallRedacted()
    {
        Pane p;
        QVERIFY(p.complete());
        p.log.append(createEntry(QStringLiteral("staging")));
        p.log.append(createEntry(QStringLiteral("production")));
        p.select(1);
        QSignalSpy copied(&p.pane, &RequestLogPane::copied);
        QTest::mouseClick(p.copyButton, Qt::LeftButton);

        const QString curl = QApplication::clipboard()->text();
        QCOMPARE(curl, RequestLog::toCurl(p.log.entry(1).request, false));
        QVERIFY(curl.startsWith(QLatin1String("curl -X POST 'https://api.daily.co/v1/webhooks'")));
        QVERIFY(curl.contains(RequestLog::RedactedApiKey));
        QVERIFY2(!curl.contains(QString::fromLatin1(kApiKey)), "the key was copied without asking");
        QVERIFY2(!curl.contains(QString::fromLatin1(kHmac)), "the HMAC secret was copied without asking");
        QVERIFY(!markedAsSecret());
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.first().first().toString(),
            QStringLiteral("Request copied as curl (API key and secrets redacted)."));
    }

    void revealingIsForOneCopyThroughTheSecretClipboard()
    {
        Pane p;
        QVERIFY(p.complete());
        SecretClipboard secrets;
        secrets.setClearDelayMs(60 * 1000);
        p.pane.setSecretClipboard(&secrets);
        p.log.append(createEntry(QStringLiteral("staging")));
        p.select(0);
        QSignalSpy copied(&p.pane, &RequestLogPane::copied);

        p.reveal->setChecked(true);
        QTest::mouseClick(p.copyButton, Qt::LeftButton);
        const QString curl = QApplication::clipboard()->text();
        QVERIFY2(curl == RequestLog::toCurl(p.log.entry(0).request, true), "not the revealed command");
        QVERIFY2(curl.contains(QString::fromLatin1(kApiKey)), "the key is missing although asked for");
        QVERIFY(markedAsSecret());
        QVERIFY(secrets.isClearPending());
        QCOMPARE(copied.size(), 1);
        QVERIFY(
            copied.first().first().toString().startsWith(QLatin1String("Request copied as curl, with the API key.")));
        QVERIFY(copied.first().first().toString().endsWith(secrets.clearNote()));
        QVERIFY(!p.reveal->isChecked());

        // The next copy is redacted again.
        QTest::mouseClick(p.copyButton, Qt::LeftButton);
        QVERIFY(!QApplication::clipboard()->text().contains(QString::fromLatin1(kApiKey)));
        QVERIFY(!markedAsSecret());
    }

    void doubleClickCopiesToo()
    {
        Pane p;
        QVERIFY(p.complete());
        p.log.append(createEntry(QStringLiteral("staging")));
        p.select(0);
        QSignalSpy copied(&p.pane, &RequestLogPane::copied);
        const QRect cell = p.table->visualRect(p.table->model()->index(0, 0));
        // As a person does: the first click of the two presses the cell.
        QTest::mouseClick(p.table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
        QTest::mouseDClick(p.table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
        QVERIFY(copied.size() >= 1);
        QCOMPARE(QApplication::clipboard()->text(), RequestLog::toCurl(p.log.entry(0).request, false));
    }

    void clearEmptiesTheLog()
    {
        Pane p;
        QVERIFY(p.complete());
        p.log.append(createEntry(QStringLiteral("staging")));
        p.log.append(createEntry(QStringLiteral("production")));
        p.select(0);
        QTest::mouseClick(p.clearButton, Qt::LeftButton);
        QCOMPARE(p.log.count(), 0);
        QCOMPARE(p.table->model()->rowCount(), 0);
        QVERIFY(!p.copyButton->isEnabled());
    }
};

QTEST_MAIN(tst_RequestLogPane)
#include "tst_RequestLogPane.moc"
