// Which changes between two refreshes the health watch reports.

#include "HealthTransition.h"

#include <QJsonObject>
#include <QTest>

namespace {

Webhook hook(const QString& uuid, const QString& state)
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), uuid);
    o.insert(QStringLiteral("url"), QString(QStringLiteral("https://example.com/") + uuid));
    o.insert(QStringLiteral("state"), state);
    return Webhook::fromJson(o);
}

DomainState state(DomainState::Status status, const QList<Webhook>& webhooks)
{
    DomainState s;
    s.domainId = QStringLiteral("p");
    s.domainName = QStringLiteral("production");
    s.status = status;
    s.webhooks = webhooks;
    return s;
}

} // namespace

class tst_HealthTransition : public QObject
{
    Q_OBJECT

private slots:
    void between_data()
    {
        using S = DomainState::Status;
        QTest::addColumn<DomainState>("before");
        QTest::addColumn<DomainState>("after");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("kind");
        QTest::newRow("active stays active")
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))})
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))}) << 0 << -1;
        QTest::newRow("active turns failed") << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))})
                                             << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("FAILED"))})
                                             << 1 << int(HealthTransition::Kind::StoppedDelivering);
        QTest::newRow("active turns inactive")
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))})
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("INACTIVE"))}) << 1
            << int(HealthTransition::Kind::StoppedDelivering);
        QTest::newRow("active disappears") << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))})
                                           << state(S::Loaded, {}) << 1 << int(HealthTransition::Kind::Disappeared);
        QTest::newRow("failed stays failed: already reported")
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("FAILED"))})
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("FAILED"))}) << 0 << -1;
        QTest::newRow("a failed refresh says nothing")
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))}) << state(S::Failed, {}) << 0
            << -1;
        QTest::newRow("replaced by a new webhook")
            << state(S::Loaded, {hook(QStringLiteral("a"), QStringLiteral("ACTIVE"))})
            << state(S::Loaded, {hook(QStringLiteral("b"), QStringLiteral("ACTIVE"))}) << 1
            << int(HealthTransition::Kind::Disappeared);
    }

    void between()
    {
        QFETCH(DomainState, before);
        QFETCH(DomainState, after);
        QFETCH(int, count);
        QFETCH(int, kind);
        const QList<HealthTransition> found = HealthTransition::between(before, after);
        QCOMPARE(found.size(), count);
        if (count > 0) {
            QCOMPARE(int(found.first().kind), kind);
            QCOMPARE(found.first().domainName, QStringLiteral("production"));
            QCOMPARE(found.first().url, QStringLiteral("https://example.com/a"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_HealthTransition)
#include "tst_HealthTransition.moc"
