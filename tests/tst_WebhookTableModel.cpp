// The table of all webhooks across domains, checked with QAbstractItemModelTester and QSignalSpy.

#include "DomainStates.h"
#include "WebhookTableModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTest>

namespace {

Webhook webhook(const QString& uuid, const QString& state, double failed = 0)
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), uuid);
    o.insert(QStringLiteral("url"), QString(QStringLiteral("https://example.com/") + uuid));
    o.insert(QStringLiteral("state"), state);
    o.insert(QStringLiteral("failedCount"), failed);
    o.insert(QStringLiteral("retryType"), QStringLiteral("circuit-breaker"));
    o.insert(QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started")});
    o.insert(QStringLiteral("lastMomentPushed"), QStringLiteral("2026-11-29T10:00:00.000Z"));
    return Webhook::fromJson(o);
}

DomainState loaded(const QString& id, const QString& name, const QList<Webhook>& webhooks)
{
    DomainState s;
    s.domainId = id;
    s.domainName = name;
    s.status = DomainState::Status::Loaded;
    s.webhooks = webhooks;
    return s;
}

DomainState failed(const QString& id, const QString& name)
{
    DomainState s;
    s.domainId = id;
    s.domainName = name;
    s.status = DomainState::Status::Failed;
    s.error = ApiError::fromHttp(401, R"({"error":"authentication-error","info":"bad key"})");
    return s;
}

// The colours rows are drawn in: red for FAILED and for a refresh that failed, amber for a webhook that is not
// delivering for another reason.
const QString kFailedColour = QStringLiteral("#c62828");
const QString kWarningColour = QStringLiteral("#b26a00");
const QString kPlaceholderColour = QStringLiteral("placeholder");
constexpr int kNoIcon = -1;

// One domain in the situation a row of the table names: a webhook in `situation` (a state of Daily's), or one
// of the status rows.
DomainState domainIn(const QString& situation)
{
    if (situation == QLatin1String("refresh failed"))
        return failed(QStringLiteral("d"), QStringLiteral("prod"));
    if (situation == QLatin1String("no webhook"))
        return loaded(QStringLiteral("d"), QStringLiteral("prod"), {});
    if (situation == QLatin1String("loading")) {
        DomainState s;
        s.domainId = QStringLiteral("d");
        s.domainName = QStringLiteral("prod");
        s.status = DomainState::Status::Loading;
        return s;
    }
    return loaded(QStringLiteral("d"), QStringLiteral("prod"), {webhook(QStringLiteral("u"), situation, 2)});
}

QImage imageOf(const QIcon& icon)
{
    return icon.pixmap(16, 16).toImage().convertToFormat(QImage::Format_ARGB32);
}

QImage standardImage(int pixmap)
{
    return imageOf(QApplication::style()->standardIcon(QStyle::StandardPixmap(pixmap)));
}

} // namespace

class tst_WebhookTableModel : public QObject
{
    Q_OBJECT

private slots:
    void followsTheDomainStatesItObserves()
    {
        DomainStates states;
        states.setState(loaded(QStringLiteral("a"), QStringLiteral("staging"), {}));
        WebhookTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.observe(&states);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowKind(0), WebhookTableModel::RowKind::NoWebhook);

        // Every write to the store shows, and the model's rows follow the store's order.
        states.setState(failed(QStringLiteral("b"), QStringLiteral("broken")));
        states.setState(loaded(QStringLiteral("a"), QStringLiteral("staging"),
            {webhook(QStringLiteral("u1"), QStringLiteral("ACTIVE")),
                webhook(QStringLiteral("u2"), QStringLiteral("FAILED"))}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.webhookAt(1)->uuid, QStringLiteral("u2"));
        QCOMPARE(model.rowKind(2), WebhookTableModel::RowKind::Failed);
        QCOMPARE(model.domain(QStringLiteral("a"))->webhooks.size(), 2);
        states.remove(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.domainIdAt(0), QStringLiteral("b"));
        QVERIFY(!model.domain(QStringLiteral("a")).has_value());
    }

    void rowsForEveryKindOfDomain()
    {
        WebhookTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDomains({loaded(QStringLiteral("a"), QStringLiteral("staging"),
                              {webhook(QStringLiteral("u1"), QStringLiteral("ACTIVE"))}),
            loaded(QStringLiteral("b"), QStringLiteral("empty"), {}),
            failed(QStringLiteral("c"), QStringLiteral("broken"))});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(WebhookTableModel::ColumnCount));
        QCOMPARE(model.rowKind(0), WebhookTableModel::RowKind::Webhook);
        QCOMPARE(model.rowKind(1), WebhookTableModel::RowKind::NoWebhook);
        QCOMPARE(model.rowKind(2), WebhookTableModel::RowKind::Failed);
        QCOMPARE(model.index(0, WebhookTableModel::DomainColumn).data().toString(), QStringLiteral("staging"));
        QCOMPARE(
            model.index(0, WebhookTableModel::UrlColumn).data().toString(), QStringLiteral("https://example.com/u1"));
        QVERIFY(model.index(1, WebhookTableModel::UrlColumn).data().toString().contains(QLatin1String("Create")));
        QVERIFY(model.index(2, WebhookTableModel::UrlColumn).data().toString().contains(QLatin1String("API key")));
        QCOMPARE(model.index(2, WebhookTableModel::StateColumn).data().toString(), QStringLiteral("Error"));
        QCOMPARE(model.webhookAt(0)->uuid, QStringLiteral("u1"));
        QVERIFY(!model.webhookAt(1).has_value());
        QCOMPARE(model.domainIdAt(2), QStringLiteral("c"));
    }

    void failedStateStandsOutInTextColourAndIcon()
    {
        WebhookTableModel model;
        model.setDomains({loaded(QStringLiteral("a"), QStringLiteral("prod"),
                              {webhook(QStringLiteral("u1"), QStringLiteral("FAILED"), 3)}),
            loaded(
                QStringLiteral("b"), QStringLiteral("ok"), {webhook(QStringLiteral("u2"), QStringLiteral("ACTIVE"))})});
        const QModelIndex failedState = model.index(0, WebhookTableModel::StateColumn);
        const QModelIndex activeState = model.index(1, WebhookTableModel::StateColumn);
        QCOMPARE(failedState.data().toString(), QStringLiteral("FAILED"));
        QVERIFY(failedState.data(WebhookTableModel::AttentionRole).toBool());
        QVERIFY(!activeState.data(WebhookTableModel::AttentionRole).toBool());
        QVERIFY(failedState.data(Qt::ForegroundRole).isValid());
        QVERIFY(!activeState.data(Qt::ForegroundRole).isValid());
        QVERIFY(failedState.data(Qt::DecorationRole).isValid());
        QVERIFY(failedState.data(Qt::ToolTipRole).toString().contains(QLatin1String("Reactivate")));
        QCOMPARE(model.index(0, WebhookTableModel::FailedCountColumn).data().toString(), QStringLiteral("3"));
    }

    void everySituationIsDrawnExactly_data()
    {
        QTest::addColumn<QString>("situation");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("foreground"); // a colour's name, kPlaceholderColour, or empty for none
        QTest::addColumn<int>("icon"); // a QStyle::StandardPixmap, or kNoIcon
        QTest::addColumn<bool>("bold");
        QTest::addColumn<bool>("italic");

        const int state = WebhookTableModel::StateColumn;
        const int url = WebhookTableModel::UrlColumn;
        QTest::newRow("ACTIVE: plain, with the check mark")
            << QStringLiteral("ACTIVE") << state << QString() << int(QStyle::SP_DialogApplyButton) << false << false;
        QTest::newRow("FAILED: the failed colour and icon, bold")
            << QStringLiteral("FAILED") << state << kFailedColour << int(QStyle::SP_MessageBoxCritical) << true
            << false;
        QTest::newRow("INACTIVE: the warning colour and icon, bold")
            << QStringLiteral("INACTIVE") << state << kWarningColour << int(QStyle::SP_MessageBoxWarning) << true
            << false;
        QTest::newRow("a state Daily has not documented: a warning")
            << QStringLiteral("PAUSED") << state << kWarningColour << int(QStyle::SP_MessageBoxWarning) << true
            << false;
        QTest::newRow("no state at all: a warning")
            << QString() << state << kWarningColour << int(QStyle::SP_MessageBoxWarning) << true << false;
        QTest::newRow("FAILED, URL column: plain")
            << QStringLiteral("FAILED") << url << QString() << kNoIcon << false << false;
        QTest::newRow("refresh failed: the failed colour, the warning icon")
            << QStringLiteral("refresh failed") << state << kFailedColour << int(QStyle::SP_MessageBoxWarning) << false
            << false;
        QTest::newRow("refresh failed, URL column: the reason in the failed colour")
            << QStringLiteral("refresh failed") << url << kFailedColour << kNoIcon << false << false;
        QTest::newRow("no webhook, URL column: placeholder colour, italic")
            << QStringLiteral("no webhook") << url << kPlaceholderColour << kNoIcon << false << true;
        QTest::newRow("no webhook, state column: plain")
            << QStringLiteral("no webhook") << state << QString() << kNoIcon << false << false;
        QTest::newRow("loading: plain") << QStringLiteral("loading") << state << QString() << kNoIcon << false << false;
    }

    void everySituationIsDrawnExactly()
    {
        QFETCH(QString, situation);
        QFETCH(int, column);
        QFETCH(QString, foreground);
        QFETCH(int, icon);
        QFETCH(bool, bold);
        QFETCH(bool, italic);

        // The three icons must look different, or comparing them would prove nothing.
        const QImage critical = standardImage(QStyle::SP_MessageBoxCritical);
        const QImage warning = standardImage(QStyle::SP_MessageBoxWarning);
        const QImage check = standardImage(QStyle::SP_DialogApplyButton);
        QVERIFY(!critical.isNull() && critical != warning && warning != check && critical != check);

        WebhookTableModel model;
        model.setDomains({domainIn(situation)});
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex index = model.index(0, column);

        const QVariant colour = index.data(Qt::ForegroundRole);
        if (foreground.isEmpty()) {
            QVERIFY2(!colour.isValid(), qPrintable(colour.value<QColor>().name()));
        } else {
            const QColor expected = foreground == kPlaceholderColour
                ? QApplication::palette().color(QPalette::PlaceholderText)
                : QColor(foreground);
            QCOMPARE(colour.value<QColor>().name(), expected.name());
        }

        const QVariant decoration = index.data(Qt::DecorationRole);
        if (icon == kNoIcon) {
            QVERIFY(!decoration.isValid());
        } else {
            QVERIFY(decoration.canConvert<QIcon>());
            QVERIFY2(imageOf(decoration.value<QIcon>()) == standardImage(icon), "another icon than expected");
        }

        const QVariant font = index.data(Qt::FontRole);
        QCOMPARE(font.isValid() && font.value<QFont>().bold(), bold);
        QCOMPARE(font.isValid() && font.value<QFont>().italic(), italic);
    }

    void lastPushIsRelativeWithTheExactTimeInTheTooltip()
    {
        WebhookTableModel model;
        model.setClock([] { return QDateTime::fromString(QStringLiteral("2026-11-29T10:05:00Z"), Qt::ISODate); });
        model.setDomains({loaded(
            QStringLiteral("a"), QStringLiteral("prod"), {webhook(QStringLiteral("u1"), QStringLiteral("ACTIVE"))})});
        const QModelIndex push = model.index(0, WebhookTableModel::LastPushColumn);
        QCOMPARE(push.data().toString(), QStringLiteral("5 min ago"));
        QVERIFY(push.data(Qt::ToolTipRole).toString().contains(QLatin1String("2026-11-29T10:00:00.000Z")));
    }

    void updatingADomainInsertsRemovesAndChangesOnlyItsRows()
    {
        WebhookTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DomainState loading;
        loading.domainId = QStringLiteral("a");
        loading.domainName = QStringLiteral("staging");
        loading.status = DomainState::Status::Loading;
        model.setDomains({loading, loaded(QStringLiteral("b"), QStringLiteral("prod"), {})});

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // Loading → two webhooks (Daily's list is an array): one row changes, one is inserted.
        model.updateDomain(loaded(QStringLiteral("a"), QStringLiteral("staging"),
            {webhook(QStringLiteral("u1"), QStringLiteral("ACTIVE")),
                webhook(QStringLiteral("u2"), QStringLiteral("ACTIVE"))}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 1);
        QCOMPARE(inserted.first().at(2).toInt(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(2, WebhookTableModel::DomainColumn).data().toString(), QStringLiteral("prod"));

        // State change ACTIVE → FAILED: same row count, only dataChanged.
        inserted.clear();
        changed.clear();
        model.updateDomain(loaded(QStringLiteral("a"), QStringLiteral("staging"),
            {webhook(QStringLiteral("u1"), QStringLiteral("FAILED"), 3),
                webhook(QStringLiteral("u2"), QStringLiteral("ACTIVE"))}));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, WebhookTableModel::StateColumn).data().toString(), QStringLiteral("FAILED"));

        // The webhooks are deleted: back to one "no webhook" row.
        model.updateDomain(loaded(QStringLiteral("a"), QStringLiteral("staging"), {}));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowKind(0), WebhookTableModel::RowKind::NoWebhook);

        // A new domain is appended; removing one takes its rows away.
        model.updateDomain(failed(QStringLiteral("c"), QStringLiteral("customer-42")));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        model.removeDomain(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.domainIdAt(0), QStringLiteral("b"));
        QCOMPARE(reset.count(), 0);
    }

    void sortsAndFiltersThroughAProxy()
    {
        WebhookTableModel model;
        model.setDomains({loaded(QStringLiteral("a"), QStringLiteral("zeta"),
                              {webhook(QStringLiteral("u1"), QStringLiteral("ACTIVE"), 0)}),
            loaded(QStringLiteral("b"), QStringLiteral("alpha"),
                {webhook(QStringLiteral("u2"), QStringLiteral("FAILED"), 7)}),
            loaded(QStringLiteral("c"), QStringLiteral("mid"),
                {webhook(QStringLiteral("u3"), QStringLiteral("ACTIVE"), 2)})});
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(WebhookTableModel::SortRole);
        proxy.sort(WebhookTableModel::FailedCountColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, WebhookTableModel::DomainColumn).data().toString(), QStringLiteral("alpha"));
        QCOMPARE(proxy.index(2, WebhookTableModel::DomainColumn).data().toString(), QStringLiteral("zeta"));
        proxy.sort(WebhookTableModel::DomainColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, WebhookTableModel::DomainColumn).data().toString(), QStringLiteral("alpha"));
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setFilterFixedString(QStringLiteral("failed"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, WebhookTableModel::DomainColumn).data().toString(), QStringLiteral("alpha"));
    }
};

QTEST_MAIN(tst_WebhookTableModel)
#include "tst_WebhookTableModel.moc"
