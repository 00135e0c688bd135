#include "UrlPolicy.h"

#include "DomainTarget.h"
#include "Limits.h"

#include <QHostAddress>

namespace {

bool isAscii(const QString& text)
{
    for (const QChar ch : text) {
        if (ch.unicode() > 0x7f)
            return false;
    }
    return true;
}

} // namespace

bool UrlPolicy::isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

QString UrlPolicy::apiBaseProblem(const QUrl& url)
{
    const QString example = DomainTarget::defaultBaseUrl().toString();
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return tr("The API base URL must be an absolute https:// URL, such as %1.").arg(example);
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("The API base URL must start with https://, such as %1.").arg(example);
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return tr("The API base URL must use https://: over plain http:// the API key would cross the network "
                  "unencrypted. Plain http:// is allowed only for this computer (localhost, 127.0.0.1, ::1).");
    if (!url.userInfo().isEmpty())
        return tr("The API base URL must not contain a user name or password; the API key is the only credential.");
    if (url.toString().size() > Limits::MaxWebhookUrlLength)
        return tr("The API base URL is longer than %1 characters.").arg(Limits::MaxWebhookUrlLength);
    return {};
}

QString UrlPolicy::apiBaseProblem(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("The API base URL is empty.");
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return tr("The API base URL is not a valid URL.");
    return apiBaseProblem(url);
}

QString UrlPolicy::webhookUrlProblem(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the URL Daily should send events to.");
    if (trimmed != text)
        return tr("Remove the spaces around the URL.");
    if (text.size() > Limits::MaxWebhookUrlLength)
        return tr("The URL is longer than %1 characters.").arg(Limits::MaxWebhookUrlLength);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return tr("This is not a valid URL.");
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty() || url.isRelative())
        return tr("Use an absolute URL that starts with https://.");
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("Daily sends webhooks over HTTPS; use an https:// URL.");
    if (url.host().isEmpty())
        return tr("The URL needs a host name.");
    if (!url.userInfo().isEmpty())
        return tr("Leave the user name and password out of the URL and put them in Basic auth: Daily sends that with "
                  "every delivery, and a URL is shown and stored in the clear.");
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return tr("Daily only delivers to https:// URLs; plain http:// is accepted for this machine (localhost) only.");
    return {};
}

QString UrlPolicy::forwardUrlProblem(const QString& text)
{
    const QString problem = webhookUrlProblem(text);
    if (!problem.isEmpty())
        return problem;
    const QUrl url(text, QUrl::StrictMode);
    if (url.hasQuery() || url.hasFragment())
        return tr("Leave the query and fragment out of the URL: each delivery's own path and query are appended to "
                  "its path.");
    return {};
}

QString UrlPolicy::webhookUrlNote(const QString& text)
{
    if (!webhookUrlProblem(text).isEmpty())
        return {};
    const QUrl url(text);
    if (url.scheme().toLower() == QLatin1String("http"))
        return tr("Plain http:// on this machine: fine for the sandbox and a local receiver; the real Daily "
                  "cannot reach it.");
    return {};
}

QString UrlPolicy::wireForm(const QString& url)
{
    if (isAscii(url))
        return url;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return url;
    return QString::fromLatin1(parsed.toEncoded(QUrl::FullyEncoded));
}
