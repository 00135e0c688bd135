#pragma once

#include "DomainState.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class DomainStore;

// What the app last learned about every domain (domainId -> DomainState), in the order the domains arrived: the
// one store that the refresher's answers and the operations' results are written to, and that views observe (the
// window's table follows it). Following a DomainStore, it keeps one state per saved domain: a new domain appears
// NotLoaded, a renamed one changes its name and keeps its webhooks, a removed one goes.
class DomainStates : public QObject
{
    Q_OBJECT

public:
    explicit DomainStates(QObject* parent = nullptr);

    QList<DomainState> states() const { return m_states; }
    std::optional<DomainState> state(const QString& domainId) const;
    bool contains(const QString& domainId) const { return m_index.contains(domainId); }
    int count() const { return int(m_states.size()); }

    // Adds the state, or replaces the one of its domain in place; then stateChanged().
    void setState(const DomainState& state);
    // Forgets a domain; removed() when it was known.
    void remove(const QString& domainId);

    // Keeps the states in line with `store` from now on, starting at once. A null store stops following.
    void follow(DomainStore* store);

signals:
    void stateChanged(const DomainState& state);
    void removed(const QString& domainId);

private:
    void syncWith(const DomainStore& store);

    QList<DomainState> m_states;
    QHash<QString, int> m_index; // domainId -> position in m_states
    QMetaObject::Connection m_following;
};
