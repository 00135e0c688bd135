#include "EventCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

const EventCatalog& EventCatalog::builtIn()
{
    static const EventCatalog catalog = [] {
        Q_INIT_RESOURCE(core);
        QFile file(QStringLiteral(":/daily-webhooks/event-catalog.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("The event catalog resource is missing from this build");
        QString error;
        EventCatalog parsed = fromJson(file.readAll(), &error);
        if (parsed.isEmpty())
            qFatal("The built-in event catalog is broken: %s", qPrintable(error));
        return parsed;
    }();
    return catalog;
}

EventCatalog EventCatalog::fromJson(const QByteArray& json, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return EventCatalog();
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return fail(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                 : QStringLiteral("the catalog is not a JSON object"));

    EventCatalog catalog;
    const QJsonObject root = document.object();
    const QJsonArray families = root.value(QStringLiteral("families")).toArray();
    for (const QJsonValue& value : families) {
        const QJsonObject o = value.toObject();
        Family family {o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("title")).toString()};
        if (family.id.isEmpty())
            return fail(QStringLiteral("a family without an id"));
        catalog.m_families.append(family);
    }
    const QJsonArray events = root.value(QStringLiteral("events")).toArray();
    for (const QJsonValue& value : events) {
        const QJsonObject o = value.toObject();
        Event event {o.value(QStringLiteral("type")).toString(), o.value(QStringLiteral("family")).toString(),
            o.value(QStringLiteral("description")).toString(), o.value(QStringLiteral("sample")).toObject()};
        if (event.type.isEmpty())
            return fail(QStringLiteral("an event without a type"));
        if (catalog.m_index.contains(event.type))
            return fail(QStringLiteral("event %1 listed twice").arg(event.type));
        const bool knownFamily = std::any_of(catalog.m_families.cbegin(), catalog.m_families.cend(),
            [&](const Family& f) { return f.id == event.family; });
        if (!knownFamily)
            return fail(QStringLiteral("event %1 has an unknown family %2").arg(event.type, event.family));
        catalog.m_index.insert(event.type, int(catalog.m_events.size()));
        catalog.m_events.append(event);
    }
    if (catalog.m_events.isEmpty())
        return fail(QStringLiteral("no events"));
    return catalog;
}

QList<EventCatalog::Event> EventCatalog::eventsOfFamily(const QString& familyId) const
{
    QList<Event> result;
    for (const Event& event : m_events) {
        if (event.family == familyId)
            result.append(event);
    }
    return result;
}

QStringList EventCatalog::types() const
{
    QStringList result;
    result.reserve(m_events.size());
    for (const Event& event : m_events)
        result.append(event.type);
    return result;
}

const EventCatalog::Event* EventCatalog::event(const QString& type) const
{
    const auto it = m_index.constFind(type);
    return it == m_index.cend() ? nullptr : &m_events.at(*it);
}
