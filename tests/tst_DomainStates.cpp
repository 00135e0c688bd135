// The core store of every domain's state: order, replacement in place, removal, and following a DomainStore as
// domains are added, renamed and removed.

#include "DomainStates.h"
#include "DomainStore.h"
#include "SecretStore.h"

#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

DomainState stateOf(const QString& id, const QString& name, DomainState::Status status = DomainState::Status::Loaded)
{
    DomainState state;
    state.domainId = id;
    state.domainName = name;
    state.status = status;
    return state;
}

QStringList idsOf(const DomainStates& states)
{
    QStringList ids;
    for (const DomainState& state : states.states())
        ids << state.domainId;
    return ids;
}

} // namespace

class tst_DomainStates : public QObject
{
    Q_OBJECT

private slots:
    void setStateAddsInOrderAndReplacesInPlace()
    {
        DomainStates states;
        QSignalSpy changed(&states, &DomainStates::stateChanged);
        states.setState(stateOf(QStringLiteral("a"), QStringLiteral("alpha")));
        states.setState(stateOf(QStringLiteral("b"), QStringLiteral("beta")));
        states.setState(stateOf(QStringLiteral("a"), QStringLiteral("alpha"), DomainState::Status::Failed));
        QCOMPARE(idsOf(states), (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(changed.last().first().value<DomainState>().status, DomainState::Status::Failed);
        QCOMPARE(states.state(QStringLiteral("a"))->status, DomainState::Status::Failed);
        QVERIFY(!states.state(QStringLiteral("c")).has_value());
        QCOMPARE(states.count(), 2);
    }

    void removeForgetsAndKeepsTheOthersFindable()
    {
        DomainStates states;
        for (const char* id : {"a", "b", "c"})
            states.setState(stateOf(QString::fromLatin1(id), QString::fromLatin1(id).toUpper()));
        QSignalSpy removed(&states, &DomainStates::removed);
        states.remove(QStringLiteral("a"));
        states.remove(QStringLiteral("nowhere"));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().toString(), QStringLiteral("a"));
        QVERIFY(!states.contains(QStringLiteral("a")));
        // The ones after it moved up, and are still found and replaced where they are.
        QCOMPARE(states.state(QStringLiteral("c"))->domainName, QStringLiteral("C"));
        states.setState(stateOf(QStringLiteral("c"), QStringLiteral("C2")));
        QCOMPARE(idsOf(states), (QStringList {QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(states.states().last().domainName, QStringLiteral("C2"));
    }

    void followsTheDomainStore()
    {
        QTemporaryDir dir;
        SecretStore secrets(SecretStore::Backend::Memory, QStringLiteral("tst-domain-states"));
        QSettings settings(dir.filePath(QStringLiteral("domains.ini")), QSettings::IniFormat);
        DomainStore store(&secrets, &settings);
        bool added = false;
        store.add(QStringLiteral("first"), {}, QStringLiteral("key-first"), this,
            [&added](const DomainStore::Result& r) { added = r.added(); });
        QTRY_VERIFY(added);
        const QString first = store.domainByName(QStringLiteral("first"))->id;

        // The domains saved already are there at once, not loaded yet.
        DomainStates states;
        states.follow(&store);
        QCOMPARE(idsOf(states), QStringList {first});
        QCOMPARE(states.state(first)->status, DomainState::Status::NotLoaded);
        QCOMPARE(states.state(first)->domainName, QStringLiteral("first"));

        // A new domain appears; a renamed one keeps what was learned about it.
        DomainState loaded = stateOf(first, QStringLiteral("first"));
        QJsonObject webhook {{QStringLiteral("uuid"), QStringLiteral("u-1")}};
        loaded.webhooks = {Webhook::fromJson(webhook)};
        states.setState(loaded);
        added = false;
        store.add(QStringLiteral("second"), {}, QStringLiteral("key-second"), this,
            [&added](const DomainStore::Result& r) { added = r.added(); });
        QTRY_VERIFY(added);
        const QString second = store.domainByName(QStringLiteral("second"))->id;
        QCOMPARE(idsOf(states), (QStringList {first, second}));
        QCOMPARE(store.rename(first, QStringLiteral("renamed")), QString());
        QCOMPARE(states.state(first)->domainName, QStringLiteral("renamed"));
        QCOMPARE(states.state(first)->status, DomainState::Status::Loaded);
        QCOMPARE(states.state(first)->webhooks.size(), 1);

        // A removed domain goes, and says so.
        QSignalSpy removed(&states, &DomainStates::removed);
        bool gone = false;
        store.remove(first, this, [&gone](const SecretStore::Result&) { gone = true; });
        QTRY_VERIFY(gone);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(idsOf(states), QStringList {second});

        // Following stops with a null store.
        states.follow(nullptr);
        added = false;
        store.add(QStringLiteral("third"), {}, QStringLiteral("key-third"), this,
            [&added](const DomainStore::Result& r) { added = r.added(); });
        QTRY_VERIFY(added);
        QCOMPARE(idsOf(states), QStringList {second});
    }
};

QTEST_GUILESS_MAIN(tst_DomainStates)
#include "tst_DomainStates.moc"
