#include "AppSettings.h"

#include "DomainTarget.h"
#include "Limits.h"

namespace {
const QString kApiBaseUrl = QStringLiteral("api/baseUrl");
const QString kRequestTimeout = QStringLiteral("api/requestTimeoutSeconds");
const QString kClipboardClear = QStringLiteral("security/clipboardClearSeconds");
const QString kReceiverPort = QStringLiteral("receiver/port");
const QString kMaxStoredDeliveries = QStringLiteral("receiver/maxStoredDeliveries");
const QString kSignatureTolerance = QStringLiteral("receiver/signatureToleranceSeconds");
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
constexpr int kDefaultTimeoutSeconds = 30;

// The stored integer when it is one within [minimum, maximum], else `fallback`: a hand-edited or damaged file never
// reaches the receiver.
int boundedInt(const QSettings& settings, const QString& key, int minimum, int maximum, int fallback)
{
    bool ok = false;
    const qlonglong value = settings.value(key, fallback).toLongLong(&ok);
    return ok && value >= minimum && value <= maximum ? int(value) : fallback;
}
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

int AppSettings::receiverPort() const
{
    return boundedInt(m_settings, kReceiverPort, 1, 65535, DefaultReceiverPort);
}

void AppSettings::setReceiverPort(int port)
{
    m_settings.setValue(kReceiverPort, qBound(1, port, 65535));
}

int AppSettings::maxStoredDeliveries() const
{
    return boundedInt(m_settings, kMaxStoredDeliveries, Limits::MinStoredDeliveries, Limits::MaxStoredDeliveries,
        Limits::DefaultMaxStoredDeliveries);
}

void AppSettings::setMaxStoredDeliveries(int rows)
{
    m_settings.setValue(kMaxStoredDeliveries, qBound(Limits::MinStoredDeliveries, rows, Limits::MaxStoredDeliveries));
}

int AppSettings::signatureToleranceSeconds() const
{
    return boundedInt(m_settings, kSignatureTolerance, 1, Limits::MaxSignatureToleranceSeconds,
        Limits::DefaultSignatureToleranceSeconds);
}

void AppSettings::setSignatureToleranceSeconds(int seconds)
{
    m_settings.setValue(kSignatureTolerance, qBound(1, seconds, Limits::MaxSignatureToleranceSeconds));
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
