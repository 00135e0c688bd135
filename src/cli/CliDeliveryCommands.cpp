#include "CliDeliveryCommands.h"

#include "AppIdentity.h"
#include "CliConsole.h"
#include "CliInput.h"
#include "CliOutput.h"
#include "CliParser.h"
#include "DeliveryCurl.h"
#include "DeliveryReplay.h"
#include "DeliverySender.h"
#include "DisplayText.h"
#include "PendingDelivery.h"
#include "Receiver.h"
#include "Signature.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSocketNotifier>

#include <csignal>

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr int kDefaultListed = 20;

// SIGINT and SIGTERM reach the event loop through a pipe: a signal handler may only write(2).
int g_stopPipe[2] = {-1, -1};

void onStopSignal(int)
{
    const char byte = 's';
    [[maybe_unused]] const ssize_t written = ::write(g_stopPipe[1], &byte, 1);
}

bool catchStopSignals()
{
    if (g_stopPipe[0] < 0 && ::pipe2(g_stopPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

QString typeCell(const StoredDelivery& d)
{
    if (d.ping)
        return QStringLiteral("ping");
    return d.eventType.isEmpty() ? QStringLiteral("-") : d.eventType;
}

QString statusCell(int status)
{
    return status == Receiver::NoAnswer ? QStringLiteral("none") : QString::number(status);
}

QString signatureCell(const StoredDelivery& d)
{
    if (d.signature.isEmpty())
        return QStringLiteral("-");
    return d.matchedSecret.isEmpty() ? d.signature
                                     : d.signature + QStringLiteral(" (") + d.matchedSecret + QLatin1Char(')');
}

QJsonObject forwardJson(const StoredDelivery& d)
{
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {
        {QStringLiteral("url"), d.forwardUrl},
        {QStringLiteral("status"), d.forwardStatus == 0 ? QJsonValue() : QJsonValue(d.forwardStatus)},
        {QStringLiteral("latency_ms"), d.forwardLatencyMs},
        {QStringLiteral("failure"), orNull(d.forwardFailure)},
        {QStringLiteral("problem"), orNull(d.forwardProblem)},
    };
}

QString timeCell(const StoredDelivery& d)
{
    return d.receivedAt.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

CliDeliveryCommands::CliDeliveryCommands(QObject* parent)
    : QObject(parent)
{ }

CliDeliveryCommands::~CliDeliveryCommands() = default;

void CliDeliveryCommands::run(const CliCommand& command, Done done)
{
    m_command = command;
    m_done = std::move(done);
    switch (command.verb) {
    case CliCommand::Verb::Receive:
        return receive();
    case CliCommand::Verb::DeliveriesShow:
        return show();
    case CliCommand::Verb::DeliveriesReplay:
        return replay();
    default:
        return list();
    }
}

QString CliDeliveryCommands::line(const StoredDelivery& d)
{
    QString text = timeCell(d) + QStringLiteral("  ")
        + (d.method.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(d.method)) + QStringLiteral("  ")
        + (d.target.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(d.target)) + QStringLiteral("  ")
        + typeCell(d) + QStringLiteral("  signature: ") + signatureCell(d) + QStringLiteral("  basic auth: ")
        + (d.basicAuth.isEmpty() ? QStringLiteral("-") : d.basicAuth) + QStringLiteral("  answered: ")
        + statusCell(d.status);
    if (!d.problem.isEmpty())
        text += QStringLiteral("  (") + d.problem + QLatin1Char(')');
    if (d.forwarded()) {
        if (!d.forwardFailure.isEmpty())
            text += QStringLiteral("  forward failed: ") + d.forwardProblem;
        else if (d.forwardStatus != 0)
            text += QStringLiteral("  app: %1 in %2 ms").arg(d.forwardStatus).arg(d.forwardLatencyMs);
        else
            text += QStringLiteral("  app: no result recorded");
    }
    return text + QLatin1Char('\n');
}

QJsonObject CliDeliveryCommands::json(const StoredDelivery& d)
{
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {
        {QStringLiteral("id"), d.id},
        {QStringLiteral("received_at"), timeCell(d)},
        {QStringLiteral("remote_address"), d.remoteAddress},
        {QStringLiteral("method"), orNull(QString::fromLatin1(d.method))},
        {QStringLiteral("path"), orNull(QString::fromLatin1(d.target))},
        {QStringLiteral("type"), orNull(d.eventType)},
        {QStringLiteral("event_id"), orNull(d.eventId)},
        {QStringLiteral("ping"), d.ping},
        {QStringLiteral("signature"), orNull(d.signature)},
        {QStringLiteral("matched_secret"), orNull(d.matchedSecret)},
        {QStringLiteral("basic_auth"), orNull(d.basicAuth)},
        {QStringLiteral("status"), d.status == Receiver::NoAnswer ? QJsonValue() : QJsonValue(d.status)},
        {QStringLiteral("body_size"), d.bodySize},
        {QStringLiteral("problem"), orNull(d.problem)},
        {QStringLiteral("forward"), d.forwarded() ? QJsonValue(forwardJson(d)) : QJsonValue()},
    };
}

QString CliDeliveryCommands::details(const StoredDelivery& d)
{
    // Newlines and tabs of a body are shown; anything else that is not text is escaped (see DisplayText).
    const QString lines = QStringLiteral("\n\t");
    QString out
        = tr("Delivery %1, received %2 from %3").arg(d.id).arg(timeCell(d), d.remoteAddress) + QStringLiteral("\n\n");
    QList<QStringList> fields;
    fields << QStringList {tr("type"), typeCell(d)};
    if (!d.eventId.isEmpty())
        fields << QStringList {tr("event id"), d.eventId};
    fields << QStringList {tr("signature"), signatureCell(d)};
    fields << QStringList {tr("basic auth"), d.basicAuth.isEmpty() ? QStringLiteral("-") : d.basicAuth};
    fields << QStringList {tr("answered"), statusCell(d.status)};
    if (!d.problem.isEmpty())
        fields << QStringList {tr("problem"), d.problem};
    if (d.forwarded()) {
        QString forward = d.forwardUrl + QStringLiteral(": ");
        if (!d.forwardFailure.isEmpty())
            forward += tr("no answer (%1)").arg(d.forwardProblem);
        else if (d.forwardStatus != 0)
            forward += tr("%1 in %2 ms").arg(d.forwardStatus).arg(d.forwardLatencyMs);
        else
            forward += tr("no result recorded");
        fields << QStringList {tr("forwarded to"), forward};
    }
    const bool bodyRead = !d.method.isEmpty() && d.problem.isEmpty() && d.body.size() == d.bodySize;
    const bool plainBody = DisplayText::isPlainText(d.body, lines);
    QString body;
    if (!bodyRead)
        body = tr("not read (%1 bytes announced): the request was refused first").arg(d.bodySize);
    else if (d.body.isEmpty())
        body = tr("none");
    else if (plainBody)
        body = tr("%1 bytes").arg(d.body.size());
    else
        body = tr("%1 bytes, not all printable text: shown with \\xNN escapes (and \\\\ for a backslash); "
                  "--json has them exactly")
                   .arg(d.body.size());
    fields << QStringList {tr("body"), body};
    out += CliOutput::keyValues(fields) + QLatin1Char('\n');

    if (d.method.isEmpty()) {
        out += tr("The request line could not be read; what arrived of the head:") + QLatin1Char('\n');
    } else {
        out += DisplayText::escaped(d.method + ' ' + d.target) + QLatin1Char('\n');
    }
    for (const QByteArray& line : d.headers.split('\n')) {
        const QByteArray field = line.endsWith('\r') ? line.chopped(1) : line;
        if (!field.isEmpty())
            out += DisplayText::escaped(field) + QLatin1Char('\n');
    }
    if (!d.body.isEmpty()) {
        const QString text = plainBody ? QString::fromUtf8(d.body) : DisplayText::escaped(d.body, lines);
        out += QLatin1Char('\n') + text + (text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n"));
    }
    return out;
}

QJsonObject CliDeliveryCommands::detailsJson(const StoredDelivery& d)
{
    QJsonObject o = json(d);
    QJsonArray headers;
    for (const auto& [name, value] : d.headerList())
        headers.append(QJsonObject {
            {QStringLiteral("name"), QString::fromUtf8(name)}, {QStringLiteral("value"), QString::fromUtf8(value)}});
    o.insert(QStringLiteral("headers"), headers);
    const bool utf8 = QString::fromUtf8(d.body).toUtf8() == d.body;
    o.insert(QStringLiteral("body"), utf8 ? QJsonValue(QString::fromUtf8(d.body)) : QJsonValue());
    o.insert(QStringLiteral("body_base64"), QString::fromLatin1(d.body.toBase64()));
    return o;
}

std::optional<StoredDelivery> CliDeliveryCommands::load()
{
    const QString path = AppIdentity::deliveryStorePath();
    const QString unknown = tr("No delivery has ID %1; \"%2 deliveries\" lists the stored ones.")
                                .arg(m_command.deliveryId)
                                .arg(CliParser::ProgramName);
    // Nothing received yet: no such delivery, and reading does not create the database.
    if (!QFileInfo::exists(path)) {
        fail(ExitCode::Usage, unknown);
        return std::nullopt;
    }
    QString error;
    if (!m_store.open(path, &error)) {
        fail(ExitCode::Failure, error);
        return std::nullopt;
    }
    std::optional<StoredDelivery> delivery = m_store.byId(m_command.deliveryId);
    if (!delivery)
        fail(ExitCode::Usage, unknown);
    return delivery;
}

void CliDeliveryCommands::show()
{
    const std::optional<StoredDelivery> delivery = load();
    if (!delivery)
        return;
    if (m_command.curl) {
        QString problem;
        const QString command = DeliveryCurl::command(*delivery, QUrl(m_command.to, QUrl::StrictMode), {}, &problem);
        if (command.isEmpty())
            return fail(ExitCode::Validation, problem);
        CliConsole::out(command);
    } else if (m_command.json) {
        CliConsole::outBytes(CliOutput::toJson(detailsJson(*delivery)));
    } else {
        CliConsole::out(details(*delivery));
    }
    finish(ExitCode::Ok);
}

void CliDeliveryCommands::replay()
{
    const std::optional<StoredDelivery> delivery = load();
    if (!delivery)
        return;
    // One line each, in this order, as for trigger: the HMAC secret, then the basic auth credential.
    QString secret;
    if (m_command.hmacFromStdin) {
        const std::optional<QString> line = CliInput::readLine(tr("HMAC secret (base64): "), true);
        if (!line)
            return fail(ExitCode::Usage, tr("stdin ended before the HMAC secret; pipe it in or type it when asked."));
        secret = line->trimmed();
        if (!Signature::isValidBase64(secret))
            return fail(ExitCode::Validation, tr("The HMAC secret is not base64, as Daily's secrets are."));
    }
    QByteArray authorization;
    if (m_command.basicAuthFromStdin) {
        const std::optional<QString> line = CliInput::readLine(tr("Basic auth credential: "), true);
        if (!line)
            return fail(ExitCode::Usage, tr("stdin ended before the basic auth credential."));
        const QByteArray credential = line->toUtf8();
        // It goes into a header line written byte for byte: a control character could end the line early.
        const bool control = std::any_of(credential.cbegin(), credential.cend(),
            [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
        if (credential.isEmpty() || control)
            return fail(ExitCode::Validation,
                tr("The basic auth credential is empty or holds a control character, which a header cannot carry."));
        authorization = QByteArrayLiteral("Basic ") + credential;
    }

    const QUrl url(m_command.to, QUrl::StrictMode);
    const DeliveryReplay::Result replay = m_command.resign
        ? DeliveryReplay::resigned(*delivery, url, secret, authorization)
        : DeliveryReplay::asReceived(*delivery, url, authorization);
    if (!replay.ok())
        return fail(ExitCode::Validation, replay.problem);
    if (replay.authorization == DeliveryReplay::Authorization::Dropped)
        CliConsole::warning(
            DeliveryReplay::authorizationText(replay.authorization) + tr(" Give it with --basic-auth-stdin."));

    m_network = std::make_unique<QNetworkAccessManager>();
    m_sender = std::make_unique<DeliverySender>(m_network.get());
    if (m_timeoutMs > 0)
        m_sender->setTimeoutMs(m_timeoutMs);
    PendingDelivery* pending = m_sender->send(replay.request);
    const StoredDelivery row = *delivery;
    connect(pending, &PendingDelivery::finished, this, [this, row, replay](const DeliveryResult& result) {
        printReplay(row, replay, result);
        finish(exitCodeFor(result));
    });
}

void CliDeliveryCommands::printReplay(
    const StoredDelivery& d, const DeliveryReplay::Result& replay, const DeliveryResult& r)
{
    const QString url = DeliveryReplay::targetUrl(replay.request);
    const QByteArray timestamp = replay.request.header("X-Webhook-Timestamp");
    if (m_command.json) {
        QJsonObject o = CliOutput::deliveryResultJson(r);
        o.insert(QStringLiteral("delivery"), d.id);
        o.insert(QStringLiteral("url"), url);
        o.insert(QStringLiteral("method"), QString::fromLatin1(replay.request.method));
        o.insert(QStringLiteral("resigned"), m_command.resign);
        o.insert(QStringLiteral("timestamp"),
            timestamp.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(timestamp)));
        o.insert(QStringLiteral("authorization"), DeliveryReplay::authorizationName(replay.authorization));
        return CliConsole::outBytes(CliOutput::toJson(o));
    }
    QList<QStringList> lines;
    lines << QStringList {tr("delivery"), QStringLiteral("%1 (%2)").arg(d.id).arg(typeCell(d))};
    lines << QStringList {tr("url"), url};
    lines << QStringList {tr("signature"),
        m_command.resign
            ? tr("re-signed with the secret from stdin, X-Webhook-Timestamp %1").arg(QString::fromLatin1(timestamp))
            : tr("as received")};
    if (replay.authorization != DeliveryReplay::Authorization::None)
        lines << QStringList {tr("authorization"), DeliveryReplay::authorizationName(replay.authorization)};
    lines << QStringList {tr("status"), CliOutput::deliveryStatus(r)};
    lines << QStringList {tr("latency"), tr("%1 ms").arg(r.latencyMs)};
    if (!r.redirectLocation.isEmpty())
        lines << QStringList {tr("redirects to"), tr("%1 (not followed)").arg(r.redirectLocation)};
    if (r.failure == DeliveryResult::Failure::None)
        lines << QStringList {tr("answer"), CliOutput::deliveryAnswer(r, Limits::MaxShownBodyBytes)};
    CliConsole::out(CliOutput::deliveryHeadline(r, url) + QStringLiteral("\n\n") + CliOutput::keyValues(lines));
}

void CliDeliveryCommands::receive()
{
    DeliveryVerifier verifier;
    if (m_command.hmacFromStdin) {
        const std::optional<QString> secret = CliInput::readLine(tr("HMAC secret (base64): "), true);
        if (!secret)
            return fail(ExitCode::Usage, tr("stdin ended before the HMAC secret; pipe it in or type it when asked."));
        if (!Signature::isValidBase64(secret->trimmed()))
            return fail(ExitCode::Validation, tr("The HMAC secret is not valid base64."));
        verifier.setCandidates({{QStringLiteral("--hmac-stdin"), secret->trimmed()}});
    }

    QString error;
    const QString path = AppIdentity::deliveryStorePath();
    if (!m_store.open(path, &error))
        return fail(ExitCode::Failure, error);

    if (!catchStopSignals())
        return fail(ExitCode::Failure, tr("Could not catch SIGINT and SIGTERM to stop cleanly."));
    m_stopNotifier = new QSocketNotifier(g_stopPipe[0], QSocketNotifier::Read, this);
    connect(m_stopNotifier, &QSocketNotifier::activated, this, [this] {
        char bytes[16];
        while (::read(g_stopPipe[0], bytes, sizeof bytes) > 0) { }
        stop();
    });

    m_receiver = std::make_unique<Receiver>(&m_store);
    m_receiver->setVerifier(verifier);
    m_receiver->setAnswerStatus(m_command.answerStatus);
    m_receiver->setDelayMs(m_command.delayMs);
    if (!m_command.forwardTo.isEmpty()) {
        m_receiver->setForwardUrl(QUrl(m_command.forwardTo, QUrl::StrictMode));
        m_receiver->setForwardAnswer(
            m_command.forwardAnswer200 ? Receiver::ForwardAnswer::Always200 : Receiver::ForwardAnswer::AppStatus);
    }
    const auto print = [this](const StoredDelivery& delivery) {
        if (m_command.json)
            CliConsole::outBytes(QJsonDocument(json(delivery)).toJson(QJsonDocument::Compact) + '\n');
        else
            CliConsole::out(line(delivery));
    };
    // A forwarded request is printed once, with the app's answer.
    connect(m_receiver.get(), &Receiver::stored, this, [print](const StoredDelivery& delivery) {
        if (!delivery.forwarded())
            print(delivery);
    });
    connect(m_receiver.get(), &Receiver::forwarded, this, print);
    connect(m_receiver.get(), &Receiver::storeFailed, this, [](const QString& problem) {
        CliConsole::error(tr("A request was not stored (answered 500): %1").arg(problem));
    });
    if (!m_receiver->listen(QHostAddress::LocalHost, quint16(m_command.port), &error))
        return fail(ExitCode::Failure, error);

    CliConsole::err(tr("Receiving on http://127.0.0.1:%1/ (any path), storing in %2; Ctrl-C stops.\n")
                        .arg(m_receiver->port())
                        .arg(path));
    if (!m_command.forwardTo.isEmpty())
        CliConsole::err(tr("Forwarding each delivery to %1.\n").arg(m_command.forwardTo));
    if (!m_command.hmacFromStdin)
        CliConsole::err(tr("No HMAC secret given (--hmac-stdin): signatures are not checked.\n"));
}

void CliDeliveryCommands::stop()
{
    m_receiver.reset();
    m_store.close();
    finish(ExitCode::Ok);
}

void CliDeliveryCommands::list()
{
    const QString path = AppIdentity::deliveryStorePath();
    QList<StoredDelivery> rows;
    // Nothing received yet: nothing to list, and listing does not create the database.
    if (QFileInfo::exists(path)) {
        QString error;
        if (!m_store.open(path, &error))
            return fail(ExitCode::Failure, error);
        DeliveryFilter filter;
        filter.eventType = m_command.eventType;
        rows = m_store.pageBefore(filter, 0, m_command.limit > 0 ? m_command.limit : kDefaultListed);
    }
    if (m_command.json) {
        QJsonArray array;
        for (const StoredDelivery& d : std::as_const(rows))
            array.append(json(d));
        CliConsole::outBytes(CliOutput::toJson(array));
    } else if (rows.isEmpty()) {
        CliConsole::out(tr("No deliveries are stored.\n"));
    } else {
        QList<QStringList> table;
        for (const StoredDelivery& d : std::as_const(rows)) {
            table << QStringList {QString::number(d.id), timeCell(d), typeCell(d),
                d.eventId.isEmpty() ? QStringLiteral("-") : d.eventId, signatureCell(d),
                d.basicAuth.isEmpty() ? QStringLiteral("-") : d.basicAuth, statusCell(d.status),
                QString::fromLatin1(d.method) + QLatin1Char(' ') + QString::fromLatin1(d.target)};
        }
        CliConsole::out(CliOutput::table({tr("ID"), tr("RECEIVED (UTC)"), tr("TYPE"), tr("EVENT ID"), tr("SIGNATURE"),
                                             tr("BASIC AUTH"), tr("ANSWERED"), tr("REQUEST")},
            table));
    }
    finish(ExitCode::Ok);
}

void CliDeliveryCommands::finish(ExitCode code)
{
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(code);
}

void CliDeliveryCommands::fail(ExitCode code, const QString& sentence)
{
    CliConsole::error(sentence);
    finish(code);
}
