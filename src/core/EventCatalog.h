#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The 32 webhook event types Daily documents, their families, meanings and a sample delivery each.
// Loaded from a JSON resource so the form, the sandbox and the test-event sender share one list.
class EventCatalog
{
public:
    struct Family
    {
        QString id;
        QString title;
    };
    struct Event
    {
        QString type;
        QString family;
        QString description;
        QJsonObject sample;
    };

    // The catalog compiled into the program.
    static const EventCatalog& builtIn();
    // Parses a catalog document; returns an empty catalog and sets *error on failure.
    static EventCatalog fromJson(const QByteArray& json, QString* error = nullptr);

    bool isEmpty() const { return m_events.isEmpty(); }
    int size() const { return int(m_events.size()); }
    const QList<Family>& families() const { return m_families; }
    const QList<Event>& events() const { return m_events; }
    QList<Event> eventsOfFamily(const QString& familyId) const;
    QStringList types() const;
    bool contains(const QString& type) const { return m_index.contains(type); }
    // nullptr when the type is unknown.
    const Event* event(const QString& type) const;

private:
    QList<Family> m_families;
    QList<Event> m_events;
    QHash<QString, int> m_index;
};
