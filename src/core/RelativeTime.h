#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

// "just now", "5 min ago", "3 h ago", "2 days ago": how long ago a moment was, for tables where the exact time
// sits in a tooltip.
class RelativeTime
{
    Q_DECLARE_TR_FUNCTIONS(RelativeTime)

public:
    static QString format(const QDateTime& then, const QDateTime& now);
};
