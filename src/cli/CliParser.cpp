#include "CliParser.h"

#include "Domain.h"
#include "Limits.h"
#include "SandboxDefaults.h"
#include "UrlPolicy.h"
#include "VerificationCode.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

const QString CliParser::ProgramName = QStringLiteral("daily-webhooks-cli");

namespace {

using Verb = CliCommand::Verb;

// Help text is read in terminals; 79 columns fit the narrowest.
constexpr int kHelpWidth = 79;
constexpr int kOptionColumn = 26;

struct OptionSpec
{
    QString name;
    QString shortName; // empty when there is none
    QString valueName; // empty for a flag
    QString description;
};

struct VerbSpec
{
    Verb verb;
    QString name; // as typed: "list", "domains add"
    QString arguments; // the synopsis after the name
    QString summary; // one line for the program's help
    QString description;
    QList<OptionSpec> options;
    int positional = 0; // exact number of positional arguments; -1 when the verb checks them itself
    bool target = false; // takes --domain, --sandbox, --api-base
    bool showSecrets = false; // prints webhooks, so --show-secrets means something
};

QString tr(const char* text)
{
    return QCoreApplication::translate("CliParser", text);
}

const QList<OptionSpec>& targetOptions()
{
    static const QList<OptionSpec> options {
        {QStringLiteral("domain"), QStringLiteral("d"), QStringLiteral("NAME"),
            tr("A saved domain (see \"domains list\"); its API key comes from the keychain.")},
        {QStringLiteral("sandbox"), {}, {},
            tr("The local sandbox (daily-webhooks-sandbox) at DAILY_SANDBOX_URL or %1.")
                .arg(SandboxDefaults::apiBaseUrl().toString())},
        {QStringLiteral("api-base"), {}, QStringLiteral("URL"),
            tr("API base URL for DAILY_API_KEY or --sandbox; overrides DAILY_API_BASE and DAILY_SANDBOX_URL.")},
    };
    return options;
}

const OptionSpec& showSecretsOption()
{
    static const OptionSpec option {QStringLiteral("show-secrets"), {}, {},
        tr("Show HMAC secrets and basic auth credentials instead of <redacted>.")};
    return option;
}

const QList<OptionSpec>& outputOptions()
{
    static const QList<OptionSpec> options {
        {QStringLiteral("json"), {}, {}, tr("Print JSON for machines instead of tables for people.")},
        {QStringLiteral("verbose"), {}, {},
            tr("Print each API call and, on failure, the details: HTTP status, Daily's error and the body.")},
        {QStringLiteral("help"), QStringLiteral("h"), {}, tr("Show this help.")},
    };
    return options;
}

// Not an output option, but like them it may stand anywhere and applies to every command.
const OptionSpec& timeoutOption()
{
    static const OptionSpec option {QStringLiteral("timeout"), {}, QStringLiteral("SECONDS"),
        tr("Give up on an API request or on the keychain after SECONDS, as when a locked keyring waits for its "
           "password (default: the request timeout in the app's settings, 30 s).")};
    return option;
}

const OptionSpec& versionOption()
{
    static const OptionSpec option {QStringLiteral("version"), {}, {}, tr("Show the version.")};
    return option;
}

QList<OptionSpec> secretInputOptions(bool withGenerate)
{
    QList<OptionSpec> options;
    if (withGenerate) {
        options << OptionSpec {QStringLiteral("generate-hmac"), {}, {},
            tr("Generate the HMAC secret here (base64 of 32 random bytes) instead of letting Daily create one.")};
    }
    options << OptionSpec {QStringLiteral("hmac-stdin"), {}, {},
        tr("Read the base64 HMAC secret from stdin (one line; without echo on a terminal).")};
    options << OptionSpec {QStringLiteral("basic-auth-stdin"), {}, {},
        tr("Read the basic auth credential Daily sends verbatim, e.g. base64 of user:password, from stdin.")};
    options << OptionSpec {QStringLiteral("basic-auth-user"), {}, QStringLiteral("USER"),
        tr("Build basic auth from USER and a password read from stdin.")};
    return options;
}

QList<OptionSpec> webhookFieldOptions()
{
    return {
        {QStringLiteral("url"), {}, QStringLiteral("URL"),
            tr("Where Daily sends events: https://, or http:// on this machine only.")},
        {QStringLiteral("event"), QStringLiteral("e"), QStringLiteral("TYPE"),
            tr("An event type, e.g. meeting.started; repeat it or separate types with commas.")},
        {QStringLiteral("retry-type"), {}, QStringLiteral("TYPE"), tr("circuit-breaker (default) or exponential.")},
    };
}

const QList<VerbSpec>& verbs()
{
    static const QList<VerbSpec> table = [] {
        QList<VerbSpec> v;
        v.append({Verb::List, QStringLiteral("list"), QStringLiteral("[--all]"),
            tr("List the webhooks of a domain, or of every saved domain."),
            tr("Lists the webhooks of the selected domain: state, consecutive failures, the last push, retry type, "
               "event types and URL. Rows of webhooks that do not deliver (FAILED or any state but ACTIVE) are "
               "marked with !. With --all, lists every saved domain, one row per domain, asking them side by "
               "side as the desktop app refreshes: each API key under Daily's rate limit, resting and asking "
               "again after a 429."),
            {{QStringLiteral("all"), {}, {}, tr("Every saved domain instead of one.")}}, 0, true, true});
        v.append({Verb::Get, QStringLiteral("get"), QStringLiteral("UUID"), tr("Show one webhook with every field."),
            tr("Shows every field Daily returns for the webhook UUID."), {}, 1, true, true});
        {
            QList<OptionSpec> options = webhookFieldOptions();
            options << secretInputOptions(true);
            v.append({Verb::Create, QStringLiteral("create"), QStringLiteral("--url URL --event TYPE... [options]"),
                tr("Create the domain's webhook."),
                tr("Creates the domain's webhook (Daily allows one per domain). Daily first POSTs "
                   "{\"test\":\"test\"} to the URL, signed with the webhook's HMAC secret, and saves the webhook "
                   "only if the URL answers 200 within a few seconds; run \"preflight\" to check that beforehand. "
                   "Secrets are read from stdin, one per line, in this order: the HMAC secret, then the basic auth "
                   "credential or password."),
                options, 0, true, true});
        }
        {
            QList<OptionSpec> options = webhookFieldOptions();
            options << secretInputOptions(true);
            v.append({Verb::Update, QStringLiteral("update"), QStringLiteral("UUID [options]"),
                tr("Change some fields of a webhook."),
                tr("Sends only the fields given; the others stay as they are. Daily pings the URL again, and a "
                   "successful update also turns a FAILED webhook back on. Secrets are read from stdin as for "
                   "create."),
                options, 1, true, true});
        }
        v.append({Verb::Reactivate, QStringLiteral("reactivate"), QStringLiteral("UUID"),
            tr("Turn a FAILED webhook back on."),
            tr("Reads the webhook, then updates it with its own URL: Daily pings the URL and, on a 200, sets the "
               "webhook ACTIVE again. Prints the state before and after."),
            {}, 1, true, true});
        v.append({Verb::Delete, QStringLiteral("delete"), QStringLiteral("UUID [--yes]"), tr("Delete a webhook."),
            tr("Deletes the webhook after asking on the terminal. Without a terminal on stdin, --yes is required. "
               "The audit log keeps its configuration, and the keychain its secrets, so \"recreate\" can bring it "
               "back."),
            {{QStringLiteral("yes"), QStringLiteral("y"), {}, tr("Do not ask.")}}, 1, true, true});
        v.append({Verb::History, QStringLiteral("history"), QStringLiteral("[--limit N]"),
            tr("List the changes the audit log recorded, newest first."),
            tr("Lists the creates, updates, deletes and reactivations recorded in the audit log, newest first: the "
               "entry's ID (for \"recreate\"), when it happened, the change, the domain, the URL and the webhook's "
               "uuid. With a target selected, only that domain's changes; without one, every domain's. The log "
               "holds no secrets, so none are printed."),
            {{QStringLiteral("limit"), {}, QStringLiteral("N"), tr("Only the N newest entries.")}}, 0, true, false});
        v.append({Verb::Recreate, QStringLiteral("recreate"), QStringLiteral("ID"),
            tr("Create a deleted or replaced webhook again from the audit log."),
            tr("Creates the configuration an audit log entry replaced or deleted (see \"history\" for the IDs), "
               "with its old HMAC secret and basic auth from the keychain, on the entry's saved domain or on the "
               "selected target. If the keychain no longer holds them, the webhook is created without them and "
               "Daily makes a new HMAC secret. The recreation is recorded as a create."),
            {}, 1, true, true});
        v.append({Verb::Preflight, QStringLiteral("preflight"), QStringLiteral("URL [options]"),
            tr("Send the URL the ping Daily sends, and judge the answer."),
            tr("Sends the signed {\"test\":\"test\"} POST Daily sends before it saves a webhook, over HTTP/1.1 "
               "without following redirects, and judges the answer as Daily would: HTTP 200 within 8 seconds. "
               "Exits 0 when Daily would accept the URL and 4 when it would not. Needs no domain."),
            secretInputOptions(false), 1, false, false});
        v.append({Verb::Export, QStringLiteral("export"), QStringLiteral("[--all] [--output FILE] [--include-secrets]"),
            tr("Write webhook configurations as a JSON file."),
            tr("Writes the configuration of the domain's webhook (URL, retry type, event types) in the Daily "
               "Webhooks export format, to stdout or a file. Secrets are left out unless --include-secrets."),
            {{QStringLiteral("all"), {}, {}, tr("Every saved domain instead of one.")},
                {QStringLiteral("output"), QStringLiteral("o"), QStringLiteral("FILE"),
                    tr("Write to FILE (mode 0600 with secrets) instead of stdout.")},
                {QStringLiteral("include-secrets"), {}, {},
                    tr("Include HMAC secrets and basic auth credentials in plain text.")}},
            0, true, false});
        v.append({Verb::Import, QStringLiteral("import"), QStringLiteral("FILE|- [--into NAME]"),
            tr("Create or update webhooks from an export file."),
            tr("Sends each webhook of the file to the saved domain it names, or every one of them to the selected "
               "target (--into, --domain, --sandbox or DAILY_API_KEY). A domain that already has its webhook gets "
               "it updated to the file's configuration; one without gets it created. Reports each entry."),
            {{QStringLiteral("into"), {}, QStringLiteral("NAME"),
                tr("Send every webhook to this saved domain (the same as --domain).")}},
            1, true, false});

        v.append({Verb::Verify, QStringLiteral("verify"), QStringLiteral("--timestamp T --signature S [options]"),
            tr("Check a delivery's signature and name the step that fails."),
            tr("Checks X-Webhook-Signature against the timestamp, the raw body and the webhook's HMAC secret as "
               "Daily signs them, and prints the verdict with the expected and the received signature. When they "
               "differ it names the failing step, found by reproducing the received signature with the usual "
               "mistakes: the secret used as text instead of base64-decoded, the timestamp in seconds vs "
               "milliseconds, the body re-serialised (whitespace, key order, line endings), hex or a sha256= "
               "prefix, the two headers swapped; if none reproduces it, it is the signature of another body or "
               "secret. The secret is read from stdin (one line), so the body comes from FILE, or with --body - "
               "from the rest of stdin after the secret's line, byte for byte. Exits 0 when valid and 4 when not. "
               "--code prints a complete verification function for node, python or go instead."),
            {{QStringLiteral("timestamp"), {}, QStringLiteral("T"),
                 tr("The X-Webhook-Timestamp value exactly as received (seconds or milliseconds).")},
                {QStringLiteral("signature"), {}, QStringLiteral("S"), tr("The X-Webhook-Signature value.")},
                {QStringLiteral("body"), {}, QStringLiteral("FILE"),
                    tr("The raw body as received; - reads it from stdin after the secret's line.")},
                {QStringLiteral("secret-stdin"), {}, {},
                    tr("Read the webhook's base64 HMAC secret from stdin (one line; without echo on a terminal).")},
                {QStringLiteral("code"), {}, QStringLiteral("LANGUAGE"),
                    tr("Print the verification code for node, python or go, and nothing else.")}},
            0, false, false});

        v.append({Verb::Trigger, QStringLiteral("trigger"), QStringLiteral("TYPE|--all [options]"),
            tr("Send a signed test event of one type, or one of each, to a webhook URL."),
            tr("Sends the event catalog's sample of TYPE (e.g. meeting.started) as Daily delivers it: compact JSON "
               "{version, type, id, payload, event_ts} with a fresh id and event_ts, signed with X-Webhook-Timestamp "
               "(milliseconds) and X-Webhook-Signature, and Basic auth when set. With a domain (--domain, --sandbox "
               "or DAILY_API_KEY) it goes to that domain's webhook, with its URL, HMAC secret and basic auth; "
               "--url sends it elsewhere. With --url alone it is signed only with a secret from --hmac-stdin, and "
               "says when it went out unsigned. Redirects are not followed. Prints the status, the latency and the "
               "start of the answer. With --all, sends every type, four at a time, and prints one row each. Exits 0 "
               "when every answer is a 2xx, 10 when an answer is not, 5 when no answer came."),
            {{QStringLiteral("all"), {}, {}, tr("Send one event of each of the 32 types instead of one.")},
                {QStringLiteral("url"), {}, QStringLiteral("URL"),
                    tr("Send to URL (https://, or http:// on this machine only) instead of the webhook's URL.")},
                {QStringLiteral("payload"), {}, QStringLiteral("FILE"),
                    tr("The payload object to send instead of the sample, from FILE or - for stdin; sent with its "
                       "keys and numbers as written, without whitespace.")},
                {QStringLiteral("hmac-stdin"), {}, {},
                    tr("Sign with a base64 HMAC secret read from stdin (one line) instead of the webhook's.")},
                {QStringLiteral("basic-auth-stdin"), {}, {},
                    tr("Send a basic auth credential read from stdin (after the HMAC secret) instead of the "
                       "webhook's.")}},
            -1, true, false});
        v.append({Verb::Receive, QStringLiteral("receive"), QStringLiteral("[--port N] [--forward-to URL] [options]"),
            tr("Receive webhook deliveries on this machine, store and check each one."),
            tr("Listens on 127.0.0.1 until stopped (Ctrl-C, SIGTERM) and stores every request in the deliveries "
               "database the desktop app shares, before answering it, with its verdicts: the signature, checked "
               "with the secret given by --hmac-stdin (and within 5 minutes of X-Webhook-Timestamp), and basic "
               "auth. Prints one line per request: time, method, path, event type, signature and basic-auth "
               "verdicts, the status answered. Daily's verification ping {\"test\":\"test\"} is always answered "
               "200 at once, so a webhook can be created pointing here (through a tunnel). With --forward-to, each "
               "stored request (but the ping) is then passed on to URL byte for byte: the same method, body and "
               "header fields (signature and Authorization included, hop-by-hop fields left out), its path and query "
               "appended to URL's path exactly (a request for / adds only its query); the app's status, latency and "
               "the start of its answer are stored beside it, and the request is answered with the app's status and "
               "body (502 when the app gives no answer within 15 seconds), or 200 with --forward-answer 200."),
            {{QStringLiteral("port"), {}, QStringLiteral("N"),
                 tr("Listen on port N of 127.0.0.1 (default: a free port, printed when listening).")},
                {QStringLiteral("answer"), {}, QStringLiteral("STATUS"),
                    tr("Answer 200 (default), any 4xx or 5xx, or \"none\": close without answering.")},
                {QStringLiteral("delay"), {}, QStringLiteral("MS"),
                    tr("Wait MS milliseconds (at most %1) before answering.").arg(Limits::MaxReceiverDelayMs)},
                {QStringLiteral("forward-to"), {}, QStringLiteral("URL"),
                    tr("Pass each delivery on to URL (http:// on this machine, or https://; no query).")},
                {QStringLiteral("forward-answer"), {}, QStringLiteral("app|200"),
                    tr("With --forward-to: answer with the app's status (app, the default) or always 200.")},
                {QStringLiteral("hmac-stdin"), {}, {},
                    tr("Read the base64 HMAC secret that signatures are checked with from stdin (one line).")}},
            0, false, false});
        v.append({Verb::Deliveries, QStringLiteral("deliveries"), QStringLiteral("[--limit N] [--type T]"),
            tr("List the stored deliveries, newest first."),
            tr("Lists what \"receive\" (or the desktop app's receiver) stored, newest first: the row's ID, when it "
               "arrived, the event type and id from the body, the signature and basic-auth verdicts, the status "
               "answered, method and path. \"deliveries show ID\" prints one whole, \"deliveries replay ID\" sends "
               "it again."),
            {{QStringLiteral("limit"), {}, QStringLiteral("N"), tr("Only the N newest deliveries (default 20).")},
                {QStringLiteral("type"), {}, QStringLiteral("T"),
                    tr("Only deliveries of event type T, e.g. meeting.started.")}},
            0, false, false});

        v.append({Verb::DeliveriesShow, QStringLiteral("deliveries show"), QStringLiteral("ID [--curl --to URL]"),
            tr("Print one stored delivery whole, or as a curl command."),
            tr("Prints the stored delivery ID (see \"deliveries\"): when and from where it arrived, its verdicts and "
               "answer, then the request as received: the request line, every header field in its order (the value "
               "of Authorization as [redacted]: the store never keeps it) and the body. Bytes of the body that are "
               "not printable text are shown as \\xNN; --json carries the body exactly, in base64. With --curl, "
               "prints instead a curl command for sh that sends the delivery to URL exactly as \"deliveries "
               "replay\" would: its path and query appended to URL's path, the header fields in their order, the "
               "body's bytes; Authorization stays the placeholder [redacted] to fill in."),
            {{QStringLiteral("curl"), {}, {}, tr("Print a curl command that sends the delivery again.")},
                {QStringLiteral("to"), {}, QStringLiteral("URL"),
                    tr("With --curl: the URL the command sends to (https://, or http:// on this machine; no query); "
                       "required.")}},
            1, false, false});
        v.append({Verb::DeliveriesReplay, QStringLiteral("deliveries replay"), QStringLiteral("ID --to URL [options]"),
            tr("Send a stored delivery again to a URL, as received or re-signed."),
            tr("Sends the stored delivery ID (see \"deliveries\") to URL as it arrived: the same method, header "
               "fields in their order and body bytes, its path and query appended to URL's path exactly (a "
               "delivery to / adds only its query), hop-by-hop fields left out, over HTTP/1.1 without following "
               "redirects. The signature headers go as received, so they are valid only for the old secret and "
               "within the endpoint's tolerance; --resign writes a fresh X-Webhook-Timestamp (milliseconds) and an "
               "X-Webhook-Signature made with the secret from --hmac-stdin instead. The store keeps Authorization "
               "redacted, so it is left out (with a warning) unless --basic-auth-stdin gives the credential back "
               "(sent as Authorization: Basic CREDENTIAL). Secrets are read from stdin, one line each, the HMAC "
               "secret first, and never printed. A malformed request, or one refused before its body was read, "
               "cannot be replayed. Prints the status, the latency and the start of the answer. Exits 0 for a 2xx, "
               "10 for another answer, 5 when none came; 2 when no delivery has the ID; 4 for a delivery that cannot "
               "be replayed or a secret that is not base64."),
            {{QStringLiteral("to"), {}, QStringLiteral("URL"),
                 tr("Where to send it: https://, or http:// on this machine only; no query.")},
                {QStringLiteral("resign"), {}, {},
                    tr("Sign it afresh (timestamp now) with the secret from --hmac-stdin.")},
                {QStringLiteral("hmac-stdin"), {}, {},
                    tr("With --resign: read the base64 HMAC secret to sign with from stdin (one line).")},
                {QStringLiteral("basic-auth-stdin"), {}, {},
                    tr("Read the basic auth credential from stdin (after the HMAC secret) and send it as "
                       "Authorization: Basic CREDENTIAL in the stored one's place.")}},
            1, false, false});

        const OptionSpec baseUrl {QStringLiteral("base-url"), {}, QStringLiteral("URL"),
            tr("The domain's API base URL (default https://api.daily.co/v1).")};
        v.append({Verb::DomainsList, QStringLiteral("domains list"), {}, tr("List the saved domains."),
            tr("Lists the saved domains with their API base URL and whether the keychain holds their key. "
               "Never shows a key."),
            {}, 0, false, false});
        v.append({Verb::DomainsAdd, QStringLiteral("domains add"), QStringLiteral("NAME [--base-url URL]"),
            tr("Save a domain; its API key is read from stdin."),
            tr("Saves a domain under NAME and its API key in the keychain. The key is read from stdin (one line; "
               "without echo on a terminal), never from the command line. Without a working keychain nothing is "
               "saved; use DAILY_API_KEY then."),
            {baseUrl}, 1, false, false});
        v.append({Verb::DomainsRename, QStringLiteral("domains rename"), QStringLiteral("OLD NEW"),
            tr("Rename a saved domain."), tr("Renames a saved domain; its key stays where it is."), {}, 2, false,
            false});
        v.append({Verb::DomainsRemove, QStringLiteral("domains remove"), QStringLiteral("NAME"),
            tr("Forget a saved domain and its API key."),
            tr("Forgets a saved domain and deletes its API key from the keychain. Its webhook at Daily stays."), {}, 1,
            false, false});
        v.append({Verb::DomainsImport, QStringLiteral("domains import"), QStringLiteral("FILE|- [--base-url URL]"),
            tr("Save many domains from name,key lines."),
            tr("Saves one domain per line of name,key (a header line, blank lines and # comments are fine). Lines "
               "with a problem are reported by number, without their key, and the others are saved."),
            {baseUrl}, 1, false, false});
        v.append({Verb::DomainsSetKey, QStringLiteral("domains set-key"), QStringLiteral("NAME"),
            tr("Replace a saved domain's API key; it is read from stdin."),
            tr("Replaces the API key of a saved domain. The key is read from stdin as for \"domains add\"."), {}, 1,
            false, false});
        return v;
    }();
    return table;
}

const VerbSpec* findVerb(const QString& name)
{
    for (const VerbSpec& spec : verbs()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

QList<OptionSpec> optionsOf(const VerbSpec& spec)
{
    QList<OptionSpec> options = spec.options;
    if (spec.target)
        options << targetOptions();
    if (spec.showSecrets)
        options << showSecretsOption();
    options << outputOptions() << timeoutOption();
    return options;
}

QCommandLineOption toOption(const OptionSpec& spec)
{
    QStringList names {spec.name};
    if (!spec.shortName.isEmpty())
        names.prepend(spec.shortName);
    if (spec.valueName.isEmpty())
        return QCommandLineOption(names, spec.description);
    return QCommandLineOption(names, spec.description, spec.valueName);
}

QString wrapped(const QString& text, int indent, int firstColumn)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString out;
    int column = firstColumn;
    bool lineStart = true;
    for (const QString& word : words) {
        if (!lineStart && column + 1 + word.size() > kHelpWidth) {
            out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            column = indent;
            lineStart = true;
        }
        if (!lineStart) {
            out += QLatin1Char(' ');
            ++column;
        }
        out += word;
        column += int(word.size());
        lineStart = false;
    }
    return out;
}

QString optionLines(const QList<OptionSpec>& options, bool environment = false)
{
    QString out;
    for (const OptionSpec& option : options) {
        QString left = QStringLiteral("  ");
        if (!option.shortName.isEmpty())
            left += QLatin1Char('-') + option.shortName + QStringLiteral(", ");
        left += (environment ? QString() : QStringLiteral("--")) + option.name;
        if (!option.valueName.isEmpty())
            left += QLatin1Char(' ') + option.valueName;
        if (left.size() + 2 > kOptionColumn)
            left += QLatin1Char('\n') + QString(kOptionColumn, QLatin1Char(' '));
        else
            left = left.leftJustified(kOptionColumn);
        out += left + wrapped(option.description, kOptionColumn, kOptionColumn) + QLatin1Char('\n');
    }
    return out;
}

QString environmentText()
{
    return optionLines(
        {
            {QStringLiteral("DAILY_API_KEY"), {}, {},
                tr("The API key to use when neither --domain nor --sandbox is given.")},
            {QStringLiteral("DAILY_API_BASE"), {}, {}, tr("The API base URL for DAILY_API_KEY.")},
            {QStringLiteral("DAILY_SANDBOX_URL"), {}, {},
                tr("Where --sandbox looks (default %1).").arg(SandboxDefaults::apiBaseUrl().toString())},
        },
        true);
}

QString exitStatusText()
{
    return optionLines(
        {
            {QStringLiteral("0"), {}, {}, tr("Done.")},
            {QStringLiteral("1"), {}, {}, tr("Unexpected failure: the keychain, a file, a declined confirmation.")},
            {QStringLiteral("2"), {}, {}, tr("Usage: wrong arguments, or a saved domain that does not exist.")},
            {QStringLiteral("3"), {}, {}, tr("API key: none selected or stored, or Daily rejected it (401, 403).")},
            {QStringLiteral("4"), {}, {},
                tr("Validation: the input is not acceptable, or Daily refused it (the failed ping included).")},
            {QStringLiteral("5"), {}, {}, tr("Network: DNS, connection refused, TLS, timeout.")},
            {QStringLiteral("6"), {}, {},
                tr("Daily-side: HTTP 5xx, 429, an answer that is not Daily's JSON, or a reactivation Daily accepted "
                   "that left the webhook not ACTIVE.")},
            {QStringLiteral("7"), {}, {}, tr("Not found: Daily has no such webhook (404).")},
            {QStringLiteral("8"), {}, {},
                tr("Redirect: the API answered with a redirect, which is never followed; nothing was sent there.")},
            {QStringLiteral("9"), {}, {},
                tr("Keychain timeout: the keyring did not answer within --timeout; unlock it and try again.")},
            {QStringLiteral("10"), {}, {},
                tr("Not accepted: the endpoint trigger or deliveries replay sent to answered, but not with a 2xx (a "
                   "redirect included).")},
        },
        true);
}

QString verbHelp(const VerbSpec& spec)
{
    QString out = tr("Usage: %1 %2").arg(CliParser::ProgramName, spec.name);
    if (!spec.arguments.isEmpty())
        out += QLatin1Char(' ') + spec.arguments;
    out += QStringLiteral("\n\n") + wrapped(spec.description, 0, 0) + QStringLiteral("\n");
    if (!spec.options.isEmpty())
        out += QStringLiteral("\n") + tr("Options:") + QLatin1Char('\n') + optionLines(spec.options);
    if (spec.target) {
        out += QStringLiteral("\n") + tr("Target (one of; else DAILY_API_KEY from the environment):")
            + QLatin1Char('\n') + optionLines(targetOptions());
    }
    QList<OptionSpec> output;
    if (spec.showSecrets)
        output << showSecretsOption();
    output << outputOptions();
    out += QStringLiteral("\n") + tr("Output:") + QLatin1Char('\n') + optionLines(output);
    out += QStringLiteral("\n") + tr("Waiting:") + QLatin1Char('\n') + optionLines({timeoutOption()});
    out += QStringLiteral("\n")
        + wrapped(tr("Exit status: 0 done, 1 unexpected, 2 usage, 3 API key, 4 validation, 5 network, 6 Daily-side, 7 "
                     "not found, 8 redirect, 9 keychain timeout, 10 not accepted; see \"%1 --help\".")
                      .arg(CliParser::ProgramName),
            0, 0)
        + QLatin1Char('\n');
    return out;
}

QString domainsHelp()
{
    QString out = tr("Usage: %1 domains COMMAND [arguments]").arg(CliParser::ProgramName) + QStringLiteral("\n\n");
    out += wrapped(tr("Manages the saved domains: names and API base URLs in the settings the desktop app shares, API "
                      "keys in the keychain only."),
               0, 0)
        + QStringLiteral("\n\n") + tr("Commands:") + QLatin1Char('\n');
    for (const VerbSpec& spec : verbs()) {
        if (spec.name.startsWith(QLatin1String("domains ")))
            out += QStringLiteral("  ") + spec.name.leftJustified(kOptionColumn - 2)
                + wrapped(spec.summary, kOptionColumn, kOptionColumn) + QLatin1Char('\n');
    }
    out += QStringLiteral("\n")
        + tr("Run \"%1 domains COMMAND --help\" for the options of one.").arg(CliParser::ProgramName)
        + QLatin1Char('\n');
    return out;
}

// QCommandLineParser's messages are sentences ("Unknown option 'x'."); they become the start of ours.
QString withoutFinalPeriod(QString text)
{
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text.at(0).toLower();
    return text;
}

CliParser::Result failure(const QString& problem, const QString& topic = QString())
{
    CliParser::Result result;
    const QString command
        = topic.isEmpty() ? CliParser::ProgramName : CliParser::ProgramName + QLatin1Char(' ') + topic;
    const QString help = command + QStringLiteral(" --help");
    result.error = tr("%1 (see \"%2\").").arg(problem, help);
    return result;
}

CliParser::Result helpResult(const QString& topic)
{
    CliParser::Result result;
    result.command.verb = Verb::Help;
    result.command.helpTopic = topic;
    return result;
}

bool isUuidLike(const QString& text)
{
    // Daily's uuids are hex and dashes; anything else cannot name a webhook and would only produce an odd URL.
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
    return pattern.match(text).hasMatch();
}

// preflight may ping any http(s) URL: finding out what a URL answers is its job.
QString httpUrlProblem(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tr("\"%1\" is not an absolute http:// or https:// URL").arg(text);
    return {};
}

} // namespace

QStringList CliParser::verbNames()
{
    QStringList names;
    for (const VerbSpec& spec : verbs())
        names << spec.name;
    return names;
}

QString CliParser::versionText()
{
    return ProgramName + QLatin1Char(' ') + QStringLiteral(DW_VERSION) + QLatin1Char('\n');
}

QString CliParser::programHelp()
{
    QString out = tr("Usage: %1 [options] COMMAND [arguments]").arg(ProgramName) + QStringLiteral("\n\n");
    out += wrapped(tr("Manages the webhooks of Daily (daily.co) video domains: the same domains, keychain and "
                      "audit log as the Daily Webhooks desktop app, for scripts and the shell. Secrets (API keys, "
                      "HMAC secrets, basic auth) are read from stdin, never from the command line, and are "
                      "redacted in output unless --show-secrets is given."),
               0, 0)
        + QStringLiteral("\n\n");
    out += tr("Commands:") + QLatin1Char('\n');
    for (const VerbSpec& spec : verbs()) {
        out += QStringLiteral("  ") + spec.name.leftJustified(kOptionColumn - 2)
            + wrapped(spec.summary, kOptionColumn, kOptionColumn) + QLatin1Char('\n');
    }
    out += QStringLiteral("  ") + QStringLiteral("help [COMMAND]").leftJustified(kOptionColumn - 2)
        + tr("Show the help of a command.") + QLatin1Char('\n');
    out += QStringLiteral("\n") + tr("Target (for commands that call Daily; one of):") + QLatin1Char('\n')
        + optionLines(targetOptions());
    out += QStringLiteral("\n") + tr("Output:") + QLatin1Char('\n')
        + optionLines(QList<OptionSpec> {showSecretsOption()} + outputOptions() + QList<OptionSpec> {versionOption()});
    out += QStringLiteral("\n") + tr("Waiting:") + QLatin1Char('\n') + optionLines({timeoutOption()});
    out += QStringLiteral("\n") + tr("Environment:") + QLatin1Char('\n') + environmentText();
    out += QStringLiteral("\n") + tr("Exit status:") + QLatin1Char('\n') + exitStatusText();
    out += QStringLiteral("\n")
        + wrapped(tr("Run \"%1 COMMAND --help\" for the options of a command, and see daily-webhooks-cli(1).")
                      .arg(ProgramName),
            0, 0)
        + QLatin1Char('\n');
    return out;
}

QString CliParser::helpFor(const QString& topic)
{
    if (topic.isEmpty())
        return programHelp();
    if (topic == QLatin1String("domains"))
        return domainsHelp();
    const VerbSpec* spec = findVerb(topic);
    return spec ? verbHelp(*spec) : QString();
}

CliParser::Result CliParser::parse(const QStringList& arguments)
{
    const QString program = arguments.value(0, ProgramName);

    // First pass: the options that may stand before the verb, up to the verb itself.
    QCommandLineParser global;
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    QList<OptionSpec> globalSpecs = targetOptions();
    globalSpecs << showSecretsOption() << outputOptions() << timeoutOption() << versionOption();
    for (const OptionSpec& spec : std::as_const(globalSpecs))
        global.addOption(toOption(spec));
    if (!global.parse(arguments))
        return failure(withoutFinalPeriod(global.errorText()));

    QStringList rest = global.positionalArguments();
    if (rest.isEmpty()) {
        if (global.isSet(QStringLiteral("help")))
            return helpResult(QString());
        if (global.isSet(QStringLiteral("version"))) {
            Result result;
            result.command.verb = Verb::Version;
            return result;
        }
        return failure(tr("no command given"));
    }

    QString verbName = rest.takeFirst();
    if (verbName == QLatin1String("help")) {
        const QString topic = rest.join(QLatin1Char(' '));
        if (helpFor(topic).isEmpty())
            return failure(tr("there is no command \"%1\"").arg(topic));
        return helpResult(topic);
    }
    if (verbName == QLatin1String("domains")) {
        if (rest.isEmpty()) {
            if (global.isSet(QStringLiteral("help")))
                return helpResult(QStringLiteral("domains"));
            return failure(
                tr("domains needs a command: list, add, rename, remove, import or set-key"), QStringLiteral("domains"));
        }
        const QString sub = rest.constFirst();
        if (sub.startsWith(QLatin1Char('-'))) {
            if (sub == QLatin1String("-h") || sub == QLatin1String("--help"))
                return helpResult(QStringLiteral("domains"));
            return failure(tr("domains needs a command before its options"), QStringLiteral("domains"));
        }
        verbName += QLatin1Char(' ') + rest.takeFirst();
    }

    // deliveries lists; "deliveries show" and "deliveries replay" are verbs of their own.
    if (verbName == QLatin1String("deliveries") && !rest.isEmpty()
        && (rest.constFirst() == QLatin1String("show") || rest.constFirst() == QLatin1String("replay")))
        verbName += QLatin1Char(' ') + rest.takeFirst();

    const VerbSpec* spec = findVerb(verbName);
    if (!spec)
        return failure(tr("there is no command \"%1\"").arg(verbName));
    if (global.isSet(QStringLiteral("help")))
        return helpResult(spec->name);

    // Second pass: the verb's own options, plus the global ones again so they may follow the verb.
    QCommandLineParser local;
    const QList<OptionSpec> specs = optionsOf(*spec);
    for (const OptionSpec& option : specs)
        local.addOption(toOption(option));
    if (!local.parse(QStringList {program} + rest))
        return failure(spec->name + QStringLiteral(": ") + withoutFinalPeriod(local.errorText()), spec->name);
    if (local.isSet(QStringLiteral("help")))
        return helpResult(spec->name);

    // A global option before the verb must still be one this verb takes.
    for (const OptionSpec& option : std::as_const(globalSpecs)) {
        if (!global.isSet(option.name))
            continue;
        const bool taken = std::any_of(
            specs.cbegin(), specs.cend(), [&option](const OptionSpec& s) { return s.name == option.name; });
        if (!taken)
            return failure(tr("%1 does not take --%2").arg(spec->name, option.name), spec->name);
    }
    // QCommandLineParser warns about names it was not given, so only the verb's own options are asked about.
    QSet<QString> known;
    for (const OptionSpec& option : specs)
        known.insert(option.name);
    const auto isSet = [&](const QString& name) { return known.contains(name) && local.isSet(name); };
    QSet<QString> knownBefore;
    for (const OptionSpec& option : std::as_const(globalSpecs))
        knownBefore.insert(option.name);
    const auto isSetBefore
        = [&](const QString& name) { return known.contains(name) && knownBefore.contains(name) && global.isSet(name); };
    // The value given after the verb wins over one given before it.
    const auto value = [&](const QString& name) -> QString {
        if (isSet(name))
            return local.value(name);
        return isSetBefore(name) ? global.value(name) : QString();
    };
    const auto isSetAnywhere = [&](const QString& name) { return isSet(name) || isSetBefore(name); };

    const QStringList positional = local.positionalArguments();
    if (spec->positional >= 0 && positional.size() != spec->positional) {
        if (spec->positional == 0)
            return failure(tr("%1 takes no arguments, but got \"%2\"").arg(spec->name, positional.first()), spec->name);
        if (positional.size() < spec->positional)
            return failure(
                tr("%1 needs %2").arg(spec->name, spec->arguments.section(QLatin1Char(' '), 0, spec->positional - 1)),
                spec->name);
        return failure(
            tr("%1 got an extra argument \"%2\"").arg(spec->name, positional.at(spec->positional)), spec->name);
    }

    Result result;
    CliCommand& c = result.command;
    c.verb = spec->verb;
    c.json = isSetAnywhere(QStringLiteral("json"));
    c.verbose = isSetAnywhere(QStringLiteral("verbose"));
    c.showSecrets = isSetAnywhere(QStringLiteral("show-secrets"));
    c.domain = value(QStringLiteral("domain"));
    c.sandbox = isSetAnywhere(QStringLiteral("sandbox"));
    c.apiBase = value(QStringLiteral("api-base"));
    c.all = isSetAnywhere(QStringLiteral("all"));
    c.yes = isSetAnywhere(QStringLiteral("yes"));
    c.includeSecrets = isSetAnywhere(QStringLiteral("include-secrets"));
    c.output = value(QStringLiteral("output"));
    c.baseUrl = value(QStringLiteral("base-url"));
    c.generateHmac = isSetAnywhere(QStringLiteral("generate-hmac"));
    c.hmacFromStdin = isSetAnywhere(QStringLiteral("hmac-stdin"));
    c.basicAuthFromStdin = isSetAnywhere(QStringLiteral("basic-auth-stdin"));
    c.basicAuthUser = value(QStringLiteral("basic-auth-user"));
    if (isSetAnywhere(QStringLiteral("url")))
        c.url = value(QStringLiteral("url"));
    if (isSetAnywhere(QStringLiteral("retry-type")))
        c.retryType = value(QStringLiteral("retry-type"));
    if (isSetAnywhere(QStringLiteral("event"))) {
        QStringList types;
        const QStringList values = local.values(QStringLiteral("event"));
        for (const QString& v : values) {
            const QStringList parts = v.split(QLatin1Char(','));
            for (const QString& part : parts) {
                if (!part.trimmed().isEmpty())
                    types << part.trimmed();
            }
        }
        if (types.isEmpty())
            return failure(tr("%1: --event needs an event type such as meeting.started").arg(spec->name), spec->name);
        c.eventTypes = types;
    }

    const QString name = spec->name;
    switch (c.verb) {
    case Verb::Get:
    case Verb::Update:
    case Verb::Reactivate:
    case Verb::Delete:
        c.uuid = positional.at(0);
        if (!isUuidLike(c.uuid))
            return failure(tr("\"%1\" is not a webhook uuid").arg(c.uuid), name);
        break;
    case Verb::Recreate: {
        bool isNumber = false;
        c.entryId = positional.at(0).toLongLong(&isNumber);
        if (!isNumber || c.entryId <= 0)
            return failure(
                tr("\"%1\" is not an audit log entry ID; \"history\" lists them").arg(positional.at(0)), name);
        break;
    }
    case Verb::Preflight:
        c.url = positional.at(0);
        if (const QString problem = httpUrlProblem(*c.url); !problem.isEmpty())
            return failure(tr("preflight: %1").arg(problem), name);
        break;
    case Verb::Import:
    case Verb::DomainsImport:
        c.file = positional.at(0);
        break;
    case Verb::Trigger:
        if (c.all && !positional.isEmpty())
            return failure(tr("trigger: --all sends every type, so leave out \"%1\"").arg(positional.first()), name);
        if (!c.all && positional.size() != 1)
            return failure(positional.isEmpty() ? tr("trigger needs TYPE, such as meeting.started, or --all")
                                                : tr("trigger got an extra argument \"%1\"").arg(positional.at(1)),
                name);
        if (!c.all)
            c.eventType = positional.at(0);
        c.payloadFile = value(QStringLiteral("payload"));
        if (c.all && isSetAnywhere(QStringLiteral("payload")))
            return failure(tr("trigger: --payload replaces one type's sample, so it does not go with --all"), name);
        if (isSetAnywhere(QStringLiteral("payload")) && c.payloadFile.isEmpty())
            return failure(tr("trigger: --payload needs a file name, or - for stdin"), name);
        if (c.payloadFile == QLatin1String("-") && (c.hmacFromStdin || c.basicAuthFromStdin))
            return failure(tr("trigger: stdin cannot carry both the payload and a secret"), name);
        if (c.url) {
            if (const QString problem = UrlPolicy::webhookUrlProblem(*c.url); !problem.isEmpty())
                return failure(tr("trigger: --url %1: %2").arg(*c.url, withoutFinalPeriod(problem)), name);
        }
        break;
    case Verb::DomainsAdd:
    case Verb::DomainsRemove:
    case Verb::DomainsSetKey:
        c.name = positional.at(0);
        break;
    case Verb::DomainsRename:
        c.name = positional.at(0);
        c.newName = positional.at(1);
        break;
    default:
        break;
    }

    if (c.verb == Verb::Import && isSetAnywhere(QStringLiteral("into"))) {
        const QString into = value(QStringLiteral("into"));
        if (!c.domain.isEmpty() && c.domain != into)
            return failure(tr("import: --into and --domain name different domains"), name);
        c.domain = into;
    }
    if (isSetAnywhere(QStringLiteral("domain")) || isSetAnywhere(QStringLiteral("into"))) {
        if (c.domain.trimmed().isEmpty())
            return failure(tr("%1: the domain name is empty").arg(name), name);
    }
    if (!c.domain.isEmpty() && c.sandbox)
        return failure(tr("%1: choose either --domain or --sandbox").arg(name), name);
    // trigger's --all means every event type, not every domain.
    if (c.all && c.verb != Verb::Trigger && (!c.domain.isEmpty() || c.sandbox || !c.apiBase.isEmpty()))
        return failure(
            tr("%1: --all already means every saved domain; leave out --domain, --sandbox and --api-base").arg(name),
            name);
    if (!c.apiBase.isEmpty()) {
        if (!c.domain.isEmpty())
            return failure(
                tr("%1: a saved domain has its own base URL, so --api-base goes with DAILY_API_KEY or --sandbox only")
                    .arg(name),
                name);
        if (const QString problem = UrlPolicy::apiBaseProblem(c.apiBase); !problem.isEmpty())
            return failure(tr("%1: --api-base %2: %3").arg(name, c.apiBase, withoutFinalPeriod(problem)), name);
    }
    if (!c.baseUrl.isEmpty()) {
        if (const QString problem = Domain::baseUrlProblem(QUrl(c.baseUrl, QUrl::StrictMode)); !problem.isEmpty())
            return failure(tr("%1: %2").arg(name, withoutFinalPeriod(problem)), name);
    }
    if (c.generateHmac && c.hmacFromStdin)
        return failure(tr("%1: choose either --generate-hmac or --hmac-stdin").arg(name), name);
    if (c.basicAuthFromStdin && isSetAnywhere(QStringLiteral("basic-auth-user")))
        return failure(tr("%1: choose either --basic-auth-stdin or --basic-auth-user").arg(name), name);
    if (isSetAnywhere(QStringLiteral("basic-auth-user")) && c.basicAuthUser.isEmpty())
        return failure(tr("%1: --basic-auth-user needs a user name").arg(name), name);
    if (isSetAnywhere(QStringLiteral("limit"))) {
        bool isNumber = false;
        c.limit = value(QStringLiteral("limit")).toInt(&isNumber);
        if (!isNumber || c.limit <= 0)
            return failure(
                tr("%1: --limit needs a whole number above 0, not \"%2\"").arg(name, value(QStringLiteral("limit"))),
                name);
    }
    if (isSetAnywhere(QStringLiteral("timeout"))) {
        bool isNumber = false;
        c.timeoutSeconds = value(QStringLiteral("timeout")).toInt(&isNumber);
        if (!isNumber || c.timeoutSeconds <= 0 || c.timeoutSeconds > Limits::MaxTimeoutSeconds)
            return failure(tr("%1: --timeout needs a whole number of seconds from 1 to %2, not \"%3\"")
                               .arg(name)
                               .arg(Limits::MaxTimeoutSeconds)
                               .arg(value(QStringLiteral("timeout"))),
                name);
    }
    if (c.output.isEmpty() && isSetAnywhere(QStringLiteral("output")))
        return failure(tr("%1: --output needs a file name").arg(name), name);

    if (c.verb == Verb::Verify) {
        c.timestampHeader = value(QStringLiteral("timestamp"));
        c.signatureHeader = value(QStringLiteral("signature"));
        c.bodyFile = value(QStringLiteral("body"));
        c.secretFromStdin = isSetAnywhere(QStringLiteral("secret-stdin"));
        c.codeLanguage = value(QStringLiteral("code"));
        const bool checking = isSetAnywhere(QStringLiteral("timestamp")) || isSetAnywhere(QStringLiteral("signature"))
            || isSetAnywhere(QStringLiteral("body")) || c.secretFromStdin;
        if (isSetAnywhere(QStringLiteral("code"))) {
            if (checking)
                return failure(tr("verify: --code prints code only; leave out the other verify options"), name);
            if (!VerificationCode::fromName(c.codeLanguage))
                return failure(tr("verify: --code takes node, python or go, not \"%1\"").arg(c.codeLanguage), name);
        } else {
            if (!isSetAnywhere(QStringLiteral("timestamp")))
                return failure(tr("verify needs --timestamp T, the X-Webhook-Timestamp value"), name);
            if (!isSetAnywhere(QStringLiteral("signature")))
                return failure(tr("verify needs --signature S, the X-Webhook-Signature value"), name);
            if (!c.secretFromStdin)
                return failure(
                    tr("verify needs --secret-stdin: the secret is read from stdin, never from the command line"),
                    name);
            if (c.bodyFile.isEmpty())
                return failure(tr("verify: the secret takes stdin, so give the body with --body FILE, or with --body "
                                  "- after the secret's line on stdin"),
                    name);
        }
    }
    if (c.verb == Verb::Receive) {
        bool isNumber = true;
        if (isSetAnywhere(QStringLiteral("port"))) {
            c.port = value(QStringLiteral("port")).toInt(&isNumber);
            if (!isNumber || c.port < 0 || c.port > 65535)
                return failure(tr("receive: --port needs a port number from 0 to 65535, not \"%1\"")
                                   .arg(value(QStringLiteral("port"))),
                    name);
        }
        if (isSetAnywhere(QStringLiteral("answer"))) {
            const QString answer = value(QStringLiteral("answer"));
            c.answerStatus = answer == QLatin1String("none") ? 0 : answer.toInt(&isNumber);
            if (!isNumber
                || (c.answerStatus != 0 && c.answerStatus != 200 && (c.answerStatus < 400 || c.answerStatus > 599)))
                return failure(
                    tr("receive: --answer needs 200, a status from 400 to 599 or \"none\", not \"%1\"").arg(answer),
                    name);
        }
        if (isSetAnywhere(QStringLiteral("delay"))) {
            c.delayMs = value(QStringLiteral("delay")).toInt(&isNumber);
            if (!isNumber || c.delayMs < 0 || c.delayMs > Limits::MaxReceiverDelayMs)
                return failure(tr("receive: --delay needs a number of milliseconds from 0 to %1, not \"%2\"")
                                   .arg(Limits::MaxReceiverDelayMs)
                                   .arg(value(QStringLiteral("delay"))),
                    name);
        }
        if (isSetAnywhere(QStringLiteral("forward-to"))) {
            c.forwardTo = value(QStringLiteral("forward-to"));
            const QString problem = UrlPolicy::forwardUrlProblem(c.forwardTo);
            if (!problem.isEmpty())
                return failure(tr("receive: --forward-to: %1").arg(problem), name);
            if (isSetAnywhere(QStringLiteral("answer")))
                return failure(tr("receive: --answer and --forward-to exclude each other; the answer is the app's "
                                  "(or 200 with --forward-answer 200)"),
                    name);
        }
        if (isSetAnywhere(QStringLiteral("forward-answer"))) {
            const QString answer = value(QStringLiteral("forward-answer"));
            if (c.forwardTo.isEmpty())
                return failure(tr("receive: --forward-answer needs --forward-to URL"), name);
            if (answer != QLatin1String("app") && answer != QLatin1String("200"))
                return failure(tr("receive: --forward-answer needs app or 200, not \"%1\"").arg(answer), name);
            c.forwardAnswer200 = answer == QLatin1String("200");
        }
    }
    if (c.verb == Verb::DeliveriesShow || c.verb == Verb::DeliveriesReplay) {
        bool isNumber = false;
        c.deliveryId = positional.at(0).toLongLong(&isNumber);
        if (!isNumber || c.deliveryId <= 0)
            return failure(tr("\"%1\" is not a delivery ID; \"deliveries\" lists them").arg(positional.at(0)), name);
        c.to = value(QStringLiteral("to"));
        if (isSetAnywhere(QStringLiteral("to"))) {
            if (QString problem = UrlPolicy::forwardUrlProblem(c.to); !problem.isEmpty()) {
                if (problem.endsWith(QLatin1Char('.')))
                    problem.chop(1);
                return failure(tr("%1: --to %2: %3").arg(name, c.to, problem), name);
            }
        }
    }
    if (c.verb == Verb::DeliveriesShow) {
        c.curl = isSetAnywhere(QStringLiteral("curl"));
        if (c.curl && c.to.isEmpty())
            return failure(tr("deliveries show: --curl needs --to URL, the URL the command sends to, such as "
                              "http://localhost:3000/webhooks"),
                name);
        if (!c.curl && !c.to.isEmpty())
            return failure(tr("deliveries show: --to goes with --curl"), name);
        if (c.curl && c.json)
            return failure(tr("deliveries show: choose either --curl or --json"), name);
    }
    if (c.verb == Verb::DeliveriesReplay) {
        c.resign = isSetAnywhere(QStringLiteral("resign"));
        if (c.to.isEmpty())
            return failure(tr("deliveries replay needs --to URL, where to send the delivery"), name);
        if (c.resign && !c.hmacFromStdin)
            return failure(tr("deliveries replay: --resign needs --hmac-stdin, the secret to sign with (read from "
                              "stdin, never from the command line)"),
                name);
        if (!c.resign && c.hmacFromStdin)
            return failure(tr("deliveries replay: --hmac-stdin goes with --resign"), name);
    }
    if (c.verb == Verb::Deliveries) {
        c.eventType = value(QStringLiteral("type"));
        if (isSetAnywhere(QStringLiteral("type")) && c.eventType.isEmpty())
            return failure(tr("deliveries: --type needs an event type such as meeting.started"), name);
    }

    if (c.verb == Verb::Create) {
        if (!c.url)
            return failure(tr("create needs --url URL"), name);
        if (!c.eventTypes)
            return failure(tr("create needs at least one --event TYPE"), name);
    }
    if (c.verb == Verb::Update && !c.url && !c.eventTypes && !c.retryType && !c.generateHmac && !c.hmacFromStdin
        && !c.basicAuthFromInput()) {
        return failure(tr("update needs at least one field to change, such as --url or --event"), name);
    }
    return result;
}
