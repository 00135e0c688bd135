#include "CliOutput.h"

#include "DisplayText.h"
#include "RelativeTime.h"
#include "WebhookFields.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

const QString CliOutput::Redacted = QStringLiteral("<redacted>");
const QString CliOutput::Attention = QStringLiteral("!");

namespace {

constexpr int kEventsCellWidth = 40;

QString number(double value)
{
    return QString::number(value, 'g', 15);
}

} // namespace

QString CliOutput::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& header : headers)
        widths << header.size();
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths.at(i), row.at(i).size());
    }
    const auto line = [&widths](const QStringList& cells) -> QString {
        QString out;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            out += i + 1 < widths.size() ? cell.leftJustified(widths.at(i) + 2) : cell;
        }
        // Cells left empty at the end would leave spaces that diff tools and tests trip over.
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        return out + QLatin1Char('\n');
    };
    QString out = line(headers);
    for (const QStringList& row : rows)
        out += line(row);
    return out;
}

QString CliOutput::keyValues(const QList<QStringList>& lines)
{
    qsizetype width = 0;
    for (const QStringList& line : lines)
        width = std::max(width, line.constFirst().size());
    QString out;
    for (const QStringList& line : lines)
        out += line.constFirst().leftJustified(width + 2) + line.constLast() + QLatin1Char('\n');
    return out;
}

QString CliOutput::deliveryHeadline(const DeliveryResult& r, const QString& url)
{
    if (r.failure != DeliveryResult::Failure::None)
        return tr("NO ANSWER: %1").arg(r.failureText);
    // One arg() call: a URL holds percent signs ("%2F") that a second call would fill in.
    const QString status = QString::number(r.httpStatus);
    if (r.accepted())
        return tr("OK: %1 answered %2 in %3 ms.").arg(url, status, QString::number(r.latencyMs));
    return tr("NOT ACCEPTED: %1 answered %2, and Daily counts only a 2xx as delivered.").arg(url, status);
}

QString CliOutput::deliveryStatus(const DeliveryResult& r)
{
    if (r.failure != DeliveryResult::Failure::None)
        return tr("no answer");
    return QString::number(r.httpStatus);
}

QString CliOutput::deliveryAnswer(const DeliveryResult& r, qsizetype maxLength)
{
    QString text = DisplayText::elided(QString::fromUtf8(r.answerBody).simplified(), maxLength);
    if (r.answerCut)
        text += tr(" [cut: %1]").arg(r.cutNote());
    return text;
}

QJsonObject CliOutput::deliveryResultJson(const DeliveryResult& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("accepted"), r.accepted());
    o.insert(QStringLiteral("httpStatus"), r.httpStatus);
    o.insert(QStringLiteral("latencyMs"), r.latencyMs);
    o.insert(QStringLiteral("answer"), QString::fromUtf8(r.answerBody));
    o.insert(QStringLiteral("answerBytesRead"), r.answerBytesRead);
    o.insert(QStringLiteral("answerCut"), r.answerCut);
    o.insert(QStringLiteral("redirectLocation"), r.redirectLocation);
    o.insert(QStringLiteral("failure"), DeliveryResult::failureName(r.failure));
    o.insert(QStringLiteral("failureText"), r.failureText);
    return o;
}

QString CliOutput::eventsCell(const QStringList& eventTypes)
{
    if (eventTypes.isEmpty())
        return QStringLiteral("-");
    const QString all = eventTypes.join(QLatin1Char(','));
    if (all.size() <= kEventsCellWidth || eventTypes.size() == 1)
        return all;
    // The full list is one `get` or `--json` away; the table stays readable.
    return tr("%1 +%2 more").arg(eventTypes.constFirst()).arg(eventTypes.size() - 1);
}

QString CliOutput::webhookTable(const QList<Row>& rows, const QDateTime& now)
{
    // The mark column keeps its width when no row is marked, so scripts and eyes find the columns in one place.
    const QStringList headers {QStringLiteral(" "), tr("DOMAIN"), tr("UUID"), tr("STATE"), tr("FAILED"),
        tr("LAST PUSH"), tr("RETRY"), tr("EVENTS"), tr("URL")};
    const QString dash = QStringLiteral("-");
    QList<QStringList> cells;
    for (const Row& row : rows) {
        if (!row.problem.isEmpty()) {
            cells << QStringList {Attention, row.domain, dash, tr("ERROR"), dash, dash, dash, dash, row.problem};
        } else if (!row.webhook) {
            cells << QStringList {QString(), row.domain, dash, dash, dash, dash, dash, dash, tr("(no webhook)")};
        } else {
            const Webhook& w = *row.webhook;
            cells << QStringList {w.isDelivering() ? QString() : Attention, row.domain, w.uuid,
                w.state.isEmpty() ? dash : w.state, number(w.failedCount),
                RelativeTime::format(w.lastMomentPushed, now), w.retryType.isEmpty() ? dash : w.retryType,
                eventsCell(w.eventTypes), w.url};
        }
    }
    return table(headers, cells);
}

QString CliOutput::webhookDetails(const Webhook& webhook, bool showSecrets, const QDateTime& now)
{
    QList<QStringList> lines;
    for (const QString& field : Webhook::fieldNames()) {
        QString text;
        const QJsonValue raw = webhook.rawValue(field);
        switch (webhook.fieldStatus(field)) {
        case Webhook::FieldStatus::Missing:
            text = tr("not sent by Daily");
            break;
        case Webhook::FieldStatus::Null:
            text = tr("none");
            break;
        case Webhook::FieldStatus::WrongType:
            text = tr("unexpected value: %1")
                       .arg(QString::fromUtf8(QJsonDocument(QJsonArray {raw}).toJson(QJsonDocument::Compact))
                                .mid(1)
                                .chopped(1));
            break;
        case Webhook::FieldStatus::Present:
            if (WebhookFields::isSecret(field)) {
                text = showSecrets ? raw.toString() : raw.toString().isEmpty() ? tr("none") : Redacted;
            } else if (field == WebhookFields::EventTypes) {
                text = webhook.eventTypes.join(QStringLiteral(", "));
            } else if (field == WebhookFields::LastMomentPushed) {
                text = raw.isString() ? raw.toString() : Webhook::formatTimestamp(webhook.lastMomentPushed);
                text += QStringLiteral(" (") + RelativeTime::format(webhook.lastMomentPushed, now) + QLatin1Char(')');
            } else if (raw.isDouble()) {
                text = number(raw.toDouble());
            } else {
                text = raw.toString();
            }
            break;
        }
        lines << QStringList {field, text};
    }
    QString out;
    qsizetype width = 0;
    for (const QStringList& line : std::as_const(lines))
        width = std::max(width, line.constFirst().size());
    for (const QStringList& line : std::as_const(lines))
        out += line.constFirst().leftJustified(width + 2) + line.constLast() + QLatin1Char('\n');
    return out;
}

QJsonObject CliOutput::webhookJson(const Webhook& webhook, bool showSecrets)
{
    const QJsonObject object = webhook.raw().isEmpty() ? webhook.toJson() : webhook.raw();
    return showSecrets ? object : redacted(object).toObject();
}

QJsonValue CliOutput::redacted(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& item : value.toArray())
            array.append(redacted(item));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (WebhookFields::isSecret(it.key()) && !it.value().isNull())
            it.value() = Redacted;
        else
            it.value() = redacted(it.value());
    }
    return object;
}

QJsonObject CliOutput::errorJson(const ApiError& error)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), ApiError::kindName(error.kind));
    o.insert(QStringLiteral("message"), error.message);
    o.insert(QStringLiteral("hint"), hintFor(error));
    if (error.httpStatus > 0)
        o.insert(QStringLiteral("httpStatus"), error.httpStatus);
    if (!error.dailyError.isEmpty())
        o.insert(QStringLiteral("dailyError"), error.dailyError);
    if (!error.dailyInfo.isEmpty())
        o.insert(QStringLiteral("dailyInfo"), error.dailyInfo);
    return o;
}

QByteArray CliOutput::toJson(const QJsonValue& value)
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    // A bare scalar is not a JSON document in Qt; wrap and unwrap it.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2) + '\n';
}

QString CliOutput::hintFor(const ApiError& error)
{
    using Kind = ApiError::Kind;
    switch (error.kind) {
    case Kind::MissingApiKey:
        return tr("Pass --domain NAME, set DAILY_API_KEY, or use --sandbox.");
    case Kind::AuthenticationFailed:
        return tr("Check the key: it must be this domain's API key from the Developers page of the Daily dashboard "
                  "(replace a saved one with \"daily-webhooks-cli domains set-key NAME\").");
    case Kind::NotFound:
        return tr("Check the uuid with \"daily-webhooks-cli list\"; the webhook may have been deleted, or the API "
                  "base URL may be wrong.");
    case Kind::InvalidResponse:
        return tr("Check that the API base URL (--api-base, DAILY_API_BASE or the domain's) points at Daily's API, "
                  "not at a web page or a proxy's login page.");
    case Kind::HostNotFound:
    case Kind::ConnectionRefused:
    case Kind::Network:
        return tr("Check the internet connection, any proxy, and the API base URL.");
    case Kind::Redirected:
        return tr("Check the API base URL (--api-base, DAILY_API_BASE or the saved domain's): Daily's API does not "
                  "redirect, so something else answered.");
    case Kind::UnsafeBaseUrl:
        return tr("Nothing was sent. Use an https:// API base URL (--api-base, DAILY_API_BASE or \"domains add "
                  "--base-url\").");
    case Kind::InvalidApiKey:
        return tr("Nothing was sent. Replace the key with \"daily-webhooks-cli domains set-key NAME\", or correct "
                  "DAILY_API_KEY.");
    case Kind::Validation:
        return tr("Correct the value and try again.");
    case Kind::RequestRejected:
        return error.dailyError == QLatin1String("json-parsing-error")
            ? tr("This is a bug in Daily Webhooks; please report it with the output of --verbose.")
            : tr("Run again with --verbose to see Daily's answer.");
    default:
        return error.hint;
    }
}

QString CliOutput::errorSentence(const ApiError& error)
{
    const QString hint = hintFor(error);
    return hint.isEmpty() ? error.message : error.message + QLatin1Char(' ') + hint;
}

QString CliOutput::details(const ApiError& error)
{
    ApiError shown = error;
    const QJsonDocument body = QJsonDocument::fromJson(error.rawBody);
    if (body.isObject())
        shown.rawBody = QJsonDocument(redacted(body.object()).toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        shown.rawBody = QJsonDocument(redacted(body.array()).toArray()).toJson(QJsonDocument::Compact);
    return shown.details();
}
