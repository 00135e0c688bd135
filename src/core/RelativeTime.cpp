#include "RelativeTime.h"

#include <QLocale>

#include <algorithm>

QString RelativeTime::format(const QDateTime& then, const QDateTime& now)
{
    if (!then.isValid())
        return tr("never");
    const qint64 seconds = then.secsTo(now);
    if (seconds < -60)
        return tr("in the future");
    if (seconds < 45)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(std::max<qint64>(1, (seconds + 30) / 60)));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    if (seconds < 86400 * 60)
        return tr("%n day(s) ago", nullptr, int(seconds / 86400));
    return QLocale().toString(then.toLocalTime().date(), QLocale::ShortFormat);
}
