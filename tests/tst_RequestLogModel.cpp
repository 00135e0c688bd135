// The request log as a table, checked with QAbstractItemModelTester and QSignalSpy: rows follow the log as it grows,
// drops its oldest entries and is cleared; every column's text, the failed statuses in red, and no key anywhere.

#include "RequestLog.h"
#include "RequestLogModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

namespace {

// Distinctive, so a cell that shows it is found.
const QByteArray kApiKey = QByteArrayLiteral("sk_reqlogmodel_0123456789abcdef");

RequestLogEntry entry(const QString& path, int status, qint64 durationMs = 12, const QString& errorKind = QString())
{
    RequestLogEntry e;
    e.at = QDateTime(QDate(2026, 11, 29), QTime(10, 5, 7, 123), Qt::UTC);
    e.domainName = QStringLiteral("acme.daily.co");
    e.domainId = QStringLiteral("domain-1");
    e.request.method = QByteArrayLiteral("GET");
    e.request.url = QUrl(QStringLiteral("https://api.daily.co/v1") + path);
    e.request.headers = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + kApiKey}};
    e.httpStatus = status;
    e.durationMs = durationMs;
    e.errorKind = errorKind;
    return e;
}

} // namespace

class tst_RequestLogModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheLog()
    {
        RequestLog log(3);
        RequestLogModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(RequestLogModel::ColumnCount));

        // Each call that ends is one row at the end.
        for (int i = 0; i < 3; ++i) {
            log.append(entry(QStringLiteral("/webhooks/%1").arg(i), 200));
            QCOMPARE(inserted.size(), i + 1);
            QCOMPARE(inserted.last().at(1).toInt(), i);
            QCOMPARE(inserted.last().at(2).toInt(), i);
        }
        QCOMPARE(model.rowCount(), 3);

        // A full log drops its oldest row before the new one is added at the end.
        log.append(entry(QStringLiteral("/webhooks/3"), 200));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(removed.first().at(2).toInt(), 0);
        QCOMPARE(inserted.size(), 4);
        QCOMPARE(inserted.last().at(1).toInt(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, RequestLogModel::PathColumn).data().toString(), QStringLiteral("/v1/webhooks/1"));
        QCOMPARE(model.index(2, RequestLogModel::PathColumn).data().toString(), QStringLiteral("/v1/webhooks/3"));
        QCOMPARE(reset.size(), 0);

        log.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        log.append(entry(QStringLiteral("/webhooks"), 200));
        QCOMPARE(model.rowCount(), 1);
    }

    void columns_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorKind");
        QTest::addColumn<QString>("shownStatus");
        QTest::addColumn<bool>("red");

        QTest::newRow("200") << 200 << QString() << QStringLiteral("200") << false;
        QTest::newRow("302 is not a failure of its own")
            << 302 << QStringLiteral("redirected") << QStringLiteral("302") << false;
        QTest::newRow("400") << 400 << QStringLiteral("validation") << QStringLiteral("400") << true;
        QTest::newRow("429") << 429 << QStringLiteral("rate-limited") << QStringLiteral("429") << true;
        QTest::newRow("503") << 503 << QStringLiteral("server-error") << QStringLiteral("503") << true;
        QTest::newRow("no answer shows the error kind")
            << 0 << QStringLiteral("timeout") << QStringLiteral("timeout") << true;
    }

    void columns()
    {
        QFETCH(int, status);
        QFETCH(QString, errorKind);
        QFETCH(QString, shownStatus);
        QFETCH(bool, red);

        RequestLog log;
        RequestLogModel model(&log);
        const RequestLogEntry e = entry(QStringLiteral("/webhooks/abc"), status, 87, errorKind);
        log.append(e);
        auto cell = [&model](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };

        QCOMPARE(
            cell(RequestLogModel::TimeColumn).toString(), e.at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
        QVERIFY(!cell(RequestLogModel::TimeColumn, Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(cell(RequestLogModel::DomainColumn).toString(), QStringLiteral("acme.daily.co"));
        QCOMPARE(cell(RequestLogModel::MethodColumn).toString(), QStringLiteral("GET"));
        QCOMPARE(cell(RequestLogModel::PathColumn).toString(), QStringLiteral("/v1/webhooks/abc"));
        QCOMPARE(cell(RequestLogModel::StatusColumn).toString(), shownStatus);
        QCOMPARE(cell(RequestLogModel::DurationColumn).toString(), QStringLiteral("87 ms"));
        QCOMPARE(cell(RequestLogModel::StatusColumn, Qt::AccessibleTextRole).toString(), shownStatus);
        QCOMPARE(cell(RequestLogModel::StatusColumn, Qt::ToolTipRole).toString(), errorKind);

        const QVariant colour = cell(RequestLogModel::StatusColumn, Qt::ForegroundRole);
        QCOMPARE(colour.isValid(), red);
        if (red)
            QCOMPARE(colour.value<QColor>().name(), QStringLiteral("#c62828"));
        // Only the status is coloured.
        QVERIFY(!cell(RequestLogModel::PathColumn, Qt::ForegroundRole).isValid());
    }

    void noCellShowsTheKey()
    {
        RequestLog log;
        RequestLogModel model(&log);
        log.append(entry(QStringLiteral("/webhooks"), 200));
        log.append(entry(QStringLiteral("/webhooks/x"), 0, 5, QStringLiteral("connection-refused")));
        for (int row = 0; row < model.rowCount(); ++row) {
            for (int column = 0; column < model.columnCount(); ++column) {
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)}) {
                    const QString text = model.index(row, column).data(role).toString();
                    QVERIFY2(!text.contains(QString::fromLatin1(kApiKey)), "a cell shows the API key");
                }
            }
        }
    }

    void headers()
    {
        RequestLog log;
        RequestLogModel model(&log);
        const QStringList expected {QStringLiteral("Time"), QStringLiteral("Domain"), QStringLiteral("Method"),
            QStringLiteral("Path"), QStringLiteral("Status"), QStringLiteral("Duration")};
        QStringList shown;
        for (int column = 0; column < model.columnCount(); ++column)
            shown << model.headerData(column, Qt::Horizontal).toString();
        QCOMPARE(shown, expected);
    }
};

QTEST_GUILESS_MAIN(tst_RequestLogModel)
#include "tst_RequestLogModel.moc"
