#include "DomainStates.h"

#include "DomainStore.h"

#include <QSet>

DomainStates::DomainStates(QObject* parent)
    : QObject(parent)
{ }

std::optional<DomainState> DomainStates::state(const QString& domainId) const
{
    const auto found = m_index.constFind(domainId);
    if (found == m_index.cend())
        return std::nullopt;
    return m_states.at(*found);
}

void DomainStates::setState(const DomainState& state)
{
    const auto found = m_index.constFind(state.domainId);
    if (found == m_index.cend()) {
        m_index.insert(state.domainId, int(m_states.size()));
        m_states.append(state);
    } else {
        m_states[*found] = state;
    }
    emit stateChanged(state);
}

void DomainStates::remove(const QString& domainId)
{
    const auto found = m_index.constFind(domainId);
    if (found == m_index.cend())
        return;
    const int position = *found;
    m_states.removeAt(position);
    m_index.remove(domainId);
    for (auto it = m_index.begin(); it != m_index.end(); ++it) {
        if (*it > position)
            --*it;
    }
    emit removed(domainId);
}

void DomainStates::follow(DomainStore* store)
{
    disconnect(m_following);
    if (!store)
        return;
    m_following = connect(store, &DomainStore::domainsChanged, this, [this, store] { syncWith(*store); });
    syncWith(*store);
}

void DomainStates::syncWith(const DomainStore& store)
{
    const QList<Domain> domains = store.domains();
    QSet<QString> ids;
    ids.reserve(domains.size());
    for (const Domain& domain : domains) {
        ids.insert(domain.id);
        const auto found = m_index.constFind(domain.id);
        if (found == m_index.cend()) {
            DomainState state;
            state.domainId = domain.id;
            state.domainName = domain.name;
            setState(state);
        } else if (m_states.at(*found).domainName != domain.name) {
            DomainState renamed = m_states.at(*found);
            renamed.domainName = domain.name;
            setState(renamed);
        }
    }
    QStringList gone;
    for (const DomainState& state : std::as_const(m_states)) {
        if (!ids.contains(state.domainId))
            gone.append(state.domainId);
    }
    for (const QString& id : std::as_const(gone))
        remove(id);
}
