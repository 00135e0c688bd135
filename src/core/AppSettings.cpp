#include "AppSettings.h"

#include "DomainTarget.h"
#include "Limits.h"

namespace {
const QString kApiBaseUrl = QStringLiteral("api/baseUrl");
const QString kRequestTimeout = QStringLiteral("api/requestTimeoutSeconds");
const QString kClipboardClear = QStringLiteral("security/clipboardClearSeconds");
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
constexpr int kDefaultTimeoutSeconds = 30;
} // namespace

AppSettings::AppSettings() = default;

QUrl AppSettings::apiBaseUrl() const
{
    const QUrl url(m_settings.value(kApiBaseUrl).toString());
    return url.isValid() && !url.isEmpty() ? url : DomainTarget::defaultBaseUrl();
}

void AppSettings::setApiBaseUrl(const QUrl& url)
{
    if (url == DomainTarget::defaultBaseUrl())
        m_settings.remove(kApiBaseUrl);
    else
        m_settings.setValue(kApiBaseUrl, url.toString());
}

int AppSettings::requestTimeoutSeconds() const
{
    const int seconds = m_settings.value(kRequestTimeout, kDefaultTimeoutSeconds).toInt();
    return seconds > 0 ? seconds : kDefaultTimeoutSeconds;
}

void AppSettings::setRequestTimeoutSeconds(int seconds)
{
    m_settings.setValue(kRequestTimeout, seconds);
}

int AppSettings::clipboardClearSeconds() const
{
    bool ok = false;
    const int seconds = m_settings.value(kClipboardClear, Limits::DefaultClipboardClearSeconds).toInt(&ok);
    return ok && seconds >= 0 ? seconds : Limits::DefaultClipboardClearSeconds;
}

void AppSettings::setClipboardClearSeconds(int seconds)
{
    m_settings.setValue(kClipboardClear, qMax(0, seconds));
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kWindowGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kWindowGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(kWindowState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& state)
{
    m_settings.setValue(kWindowState, state);
}
