#include "CliDeliveryCommands.h"

#include "AppIdentity.h"
#include "CliConsole.h"
#include "CliInput.h"
#include "CliOutput.h"
#include "CliParser.h"
#include "Receiver.h"
#include "Signature.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
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
    if (command.verb == CliCommand::Verb::Receive)
        receive();
    else
        list();
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
