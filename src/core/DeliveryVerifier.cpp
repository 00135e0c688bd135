#include "DeliveryVerifier.h"

#include "Signature.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <utility>

namespace {

const std::array<std::pair<DeliveryVerifier::SignatureVerdict, const char*>, 5> kSignatureNames {{
    {DeliveryVerifier::SignatureVerdict::Valid, "valid"},
    {DeliveryVerifier::SignatureVerdict::Invalid, "invalid"},
    {DeliveryVerifier::SignatureVerdict::HeadersMissing, "headers-missing"},
    {DeliveryVerifier::SignatureVerdict::TimestampOutsideTolerance, "timestamp-outside-tolerance"},
    {DeliveryVerifier::SignatureVerdict::NoSecretKnown, "no-secret-known"},
}};

const std::array<std::pair<DeliveryVerifier::BasicAuthVerdict, const char*>, 4> kBasicAuthNames {{
    {DeliveryVerifier::BasicAuthVerdict::Valid, "valid"},
    {DeliveryVerifier::BasicAuthVerdict::Missing, "missing"},
    {DeliveryVerifier::BasicAuthVerdict::Wrong, "wrong"},
    {DeliveryVerifier::BasicAuthVerdict::NotExpected, "not-expected"},
}};

template<typename Names, typename Verdict>
QString nameIn(const Names& names, Verdict verdict)
{
    for (const auto& [v, n] : names) {
        if (v == verdict)
            return QString::fromLatin1(n);
    }
    return {};
}

template<typename Verdict, typename Names>
std::optional<Verdict> verdictIn(const Names& names, const QString& name)
{
    for (const auto& [v, n] : names) {
        if (name == QLatin1String(n))
            return v;
    }
    return std::nullopt;
}

} // namespace

void DeliveryVerifier::setCandidates(const QList<Candidate>& candidates)
{
    m_candidates = candidates;
}

QList<DeliveryVerifier::Candidate> DeliveryVerifier::candidates() const
{
    return m_candidates;
}

void DeliveryVerifier::setExpectedBasicAuth(const QString& value)
{
    m_expectedBasicAuth = value;
}

void DeliveryVerifier::setToleranceSeconds(int seconds)
{
    m_toleranceSeconds = seconds;
}

int DeliveryVerifier::toleranceSeconds() const
{
    return m_toleranceSeconds;
}

DeliveryVerifier::Verdicts DeliveryVerifier::verify(
    const HttpHeaders::List& headers, const QByteArray& body, const QDateTime& receivedAt) const
{
    Verdicts verdicts;
    verdicts.signature = signatureVerdict(HttpHeaders::value(headers, "X-Webhook-Timestamp"),
        HttpHeaders::value(headers, "X-Webhook-Signature"), body, receivedAt, &verdicts.matchedLabel);
    verdicts.basicAuth = basicAuthVerdict(HttpHeaders::value(headers, "Authorization"));
    // Parsed once for the ping, the type and the id: the receiver judges every request it gets here.
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        verdicts.ping = isPingObject(object);
        verdicts.eventType = object.value(QLatin1String("type")).toString();
        verdicts.eventId = object.value(QLatin1String("id")).toString();
    }
    return verdicts;
}

DeliveryVerifier::SignatureVerdict DeliveryVerifier::signatureVerdict(const QByteArray& timestamp,
    const QByteArray& signature, const QByteArray& body, const QDateTime& receivedAt, QString* matchedLabel) const
{
    if (timestamp.isEmpty() || signature.isEmpty())
        return SignatureVerdict::HeadersMissing;
    if (m_candidates.isEmpty())
        return SignatureVerdict::NoSecretKnown;

    // The MAC of every candidate is computed and compared, so the time taken does not tell which one matched.
    const QByteArray given
        = Signature::isValidBase64(QString::fromLatin1(signature)) ? QByteArray::fromBase64(signature) : QByteArray();
    qsizetype matched = -1;
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        const QByteArray expected
            = QByteArray::fromBase64(Signature::sign(m_candidates.at(i).secretBase64, timestamp, body));
        const bool equal = !expected.isEmpty() && Signature::constantTimeEquals(expected, given);
        if (equal && matched < 0)
            matched = i;
    }
    if (matched < 0)
        return SignatureVerdict::Invalid;
    if (matchedLabel)
        *matchedLabel = m_candidates.at(matched).label;

    const QDateTime signedAt = Signature::timestampToDateTime(timestamp);
    if (!signedAt.isValid() || qAbs(signedAt.msecsTo(receivedAt)) > qint64(m_toleranceSeconds) * 1000)
        return SignatureVerdict::TimestampOutsideTolerance;
    return SignatureVerdict::Valid;
}

DeliveryVerifier::BasicAuthVerdict DeliveryVerifier::basicAuthVerdict(const QByteArray& authorization) const
{
    if (m_expectedBasicAuth.isEmpty())
        return BasicAuthVerdict::NotExpected;
    if (authorization.isEmpty())
        return BasicAuthVerdict::Missing;
    // The scheme name is case-insensitive (RFC 9110 §11.1); the value goes out verbatim, as Daily sends it.
    const QByteArray scheme = "basic ";
    if (authorization.size() < scheme.size() || authorization.left(scheme.size()).toLower() != scheme)
        return BasicAuthVerdict::Wrong;
    const QByteArray value = authorization.mid(scheme.size());
    return Signature::constantTimeEquals(value, m_expectedBasicAuth.toUtf8()) ? BasicAuthVerdict::Valid
                                                                              : BasicAuthVerdict::Wrong;
}

bool DeliveryVerifier::isPing(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isObject() && isPingObject(document.object());
}

bool DeliveryVerifier::isPingObject(const QJsonObject& object)
{
    return object.value(QLatin1String("test")).toString() == QLatin1String("test")
        && !object.contains(QLatin1String("type"));
}

QString DeliveryVerifier::name(SignatureVerdict verdict)
{
    return nameIn(kSignatureNames, verdict);
}

QString DeliveryVerifier::name(BasicAuthVerdict verdict)
{
    return nameIn(kBasicAuthNames, verdict);
}

std::optional<DeliveryVerifier::SignatureVerdict> DeliveryVerifier::signatureVerdictNamed(const QString& name)
{
    return verdictIn<SignatureVerdict>(kSignatureNames, name);
}

std::optional<DeliveryVerifier::BasicAuthVerdict> DeliveryVerifier::basicAuthVerdictNamed(const QString& name)
{
    return verdictIn<BasicAuthVerdict>(kBasicAuthNames, name);
}

QString DeliveryVerifier::describe(SignatureVerdict verdict)
{
    switch (verdict) {
    case SignatureVerdict::Valid:
        return QCoreApplication::translate("DeliveryVerifier", "The signature is valid.");
    case SignatureVerdict::Invalid:
        return QCoreApplication::translate("DeliveryVerifier", "The signature matches none of the known secrets.");
    case SignatureVerdict::HeadersMissing:
        return QCoreApplication::translate(
            "DeliveryVerifier", "X-Webhook-Signature or X-Webhook-Timestamp is missing.");
    case SignatureVerdict::TimestampOutsideTolerance:
        return QCoreApplication::translate(
            "DeliveryVerifier", "The signature is right but X-Webhook-Timestamp is too far from the arrival time.");
    case SignatureVerdict::NoSecretKnown:
        return QCoreApplication::translate("DeliveryVerifier", "No secret is known to check the signature with.");
    }
    return {};
}

QString DeliveryVerifier::describe(BasicAuthVerdict verdict)
{
    switch (verdict) {
    case BasicAuthVerdict::Valid:
        return QCoreApplication::translate("DeliveryVerifier", "The basic auth is the expected one.");
    case BasicAuthVerdict::Missing:
        return QCoreApplication::translate(
            "DeliveryVerifier", "Basic auth was expected; no Authorization header came.");
    case BasicAuthVerdict::Wrong:
        return QCoreApplication::translate(
            "DeliveryVerifier", "The Authorization header is not the expected basic auth.");
    case BasicAuthVerdict::NotExpected:
        return QCoreApplication::translate("DeliveryVerifier", "No basic auth is expected.");
    }
    return {};
}
