// daily-webhooks-cli's argument parsing as tables: what each valid command line means, the one sentence each bad
// one gets, and the help of every verb.

#include "CliCommand.h"
#include "CliParser.h"

#include <QTest>
#include <QVariantMap>

Q_DECLARE_METATYPE(CliCommand::Verb)

namespace {

QString optional(const std::optional<QString>& value)
{
    return value ? *value : QStringLiteral("<none>");
}

// A command as a flat map, so a table row can name only the fields it cares about.
QVariantMap describe(const CliCommand& c)
{
    QVariantMap m;
    m.insert(QStringLiteral("helpTopic"), c.helpTopic);
    m.insert(QStringLiteral("domain"), c.domain);
    m.insert(QStringLiteral("sandbox"), c.sandbox);
    m.insert(QStringLiteral("apiBase"), c.apiBase);
    m.insert(QStringLiteral("all"), c.all);
    m.insert(QStringLiteral("json"), c.json);
    m.insert(QStringLiteral("showSecrets"), c.showSecrets);
    m.insert(QStringLiteral("verbose"), c.verbose);
    m.insert(QStringLiteral("uuid"), c.uuid);
    m.insert(QStringLiteral("name"), c.name);
    m.insert(QStringLiteral("newName"), c.newName);
    m.insert(QStringLiteral("file"), c.file);
    m.insert(QStringLiteral("output"), c.output);
    m.insert(QStringLiteral("baseUrl"), c.baseUrl);
    m.insert(QStringLiteral("url"), optional(c.url));
    m.insert(QStringLiteral("retryType"), optional(c.retryType));
    m.insert(
        QStringLiteral("eventTypes"), c.eventTypes ? c.eventTypes->join(QLatin1Char('|')) : QStringLiteral("<none>"));
    m.insert(QStringLiteral("generateHmac"), c.generateHmac);
    m.insert(QStringLiteral("hmacFromStdin"), c.hmacFromStdin);
    m.insert(QStringLiteral("basicAuthFromStdin"), c.basicAuthFromStdin);
    m.insert(QStringLiteral("basicAuthUser"), c.basicAuthUser);
    m.insert(QStringLiteral("yes"), c.yes);
    m.insert(QStringLiteral("includeSecrets"), c.includeSecrets);
    m.insert(QStringLiteral("limit"), c.limit);
    m.insert(QStringLiteral("entryId"), c.entryId);
    m.insert(QStringLiteral("eventType"), c.eventType);
    m.insert(QStringLiteral("payloadFile"), c.payloadFile);
    m.insert(QStringLiteral("timeoutSeconds"), c.timeoutSeconds);
    m.insert(QStringLiteral("timestampHeader"), c.timestampHeader);
    m.insert(QStringLiteral("signatureHeader"), c.signatureHeader);
    m.insert(QStringLiteral("bodyFile"), c.bodyFile);
    m.insert(QStringLiteral("secretFromStdin"), c.secretFromStdin);
    m.insert(QStringLiteral("codeLanguage"), c.codeLanguage);
    m.insert(QStringLiteral("port"), c.port);
    m.insert(QStringLiteral("answerStatus"), c.answerStatus);
    m.insert(QStringLiteral("delayMs"), c.delayMs);
    m.insert(QStringLiteral("forwardTo"), c.forwardTo);
    m.insert(QStringLiteral("forwardAnswer200"), c.forwardAnswer200);
    m.insert(QStringLiteral("deliveryId"), c.deliveryId);
    m.insert(QStringLiteral("to"), c.to);
    m.insert(QStringLiteral("resign"), c.resign);
    m.insert(QStringLiteral("curl"), c.curl);
    return m;
}

QStringList args(const char* line)
{
    return QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

CliParser::Result parse(const QStringList& arguments)
{
    return CliParser::parse(QStringList {CliParser::ProgramName} + arguments);
}

const QVariant yes(true);

} // namespace

class tst_CliParser : public QObject
{
    Q_OBJECT

private slots:
    void valid_data()
    {
        using Verb = CliCommand::Verb;
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<Verb>("verb");
        QTest::addColumn<QVariantMap>("expected");

        const auto row = [](const char* name, const char* line, Verb verb, QVariantMap expected = {}) {
            QTest::newRow(name) << args(line) << verb << expected;
        };
        const auto s = [](const char* text) { return QVariant(QString::fromUtf8(text)); };

        row("list", "list", Verb::List, {{QStringLiteral("json"), false}, {QStringLiteral("domain"), s("")}});
        row("json before the verb", "--json list", Verb::List, {{QStringLiteral("json"), yes}});
        row("output options after the verb", "list --json --show-secrets --verbose", Verb::List,
            {{QStringLiteral("json"), yes}, {QStringLiteral("showSecrets"), yes}, {QStringLiteral("verbose"), yes}});
        row("list all", "list --all", Verb::List, {{QStringLiteral("all"), yes}});
        row("short domain before the verb", "-d prod list", Verb::List, {{QStringLiteral("domain"), s("prod")}});
        row("domain after the verb", "list --domain prod", Verb::List, {{QStringLiteral("domain"), s("prod")}});
        row("domain with =", "list --domain=prod", Verb::List, {{QStringLiteral("domain"), s("prod")}});
        row("the one after the verb wins", "-d a list -d b", Verb::List, {{QStringLiteral("domain"), s("b")}});
        row("sandbox", "--sandbox list", Verb::List, {{QStringLiteral("sandbox"), yes}});
        row("sandbox with a base", "list --sandbox --api-base http://127.0.0.1:9/v1", Verb::List,
            {{QStringLiteral("apiBase"), s("http://127.0.0.1:9/v1")}});
        row("get", "get 0b4e4c7c-5eaf-46fe-990b-a3752f5684f5", Verb::Get,
            {{QStringLiteral("uuid"), s("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5")}});
        row("create, minimal", "create --url https://e.com/h --event meeting.started", Verb::Create,
            {{QStringLiteral("url"), s("https://e.com/h")}, {QStringLiteral("eventTypes"), s("meeting.started")},
                {QStringLiteral("retryType"), s("<none>")}, {QStringLiteral("generateHmac"), false}});
        row("create, events repeated and comma-separated",
            "create --url https://e.com/h -e meeting.started,meeting.ended --event participant.joined, --event "
            "recording.error",
            Verb::Create,
            {{QStringLiteral("eventTypes"), s("meeting.started|meeting.ended|participant.joined|recording.error")}});
        row("create with = and every field",
            "create --url=https://e.com/h --event=meeting.started --retry-type exponential --generate-hmac "
            "--basic-auth-user alice",
            Verb::Create,
            {{QStringLiteral("url"), s("https://e.com/h")}, {QStringLiteral("retryType"), s("exponential")},
                {QStringLiteral("generateHmac"), yes}, {QStringLiteral("basicAuthUser"), s("alice")}});
        row("create reading secrets", "create --url https://e.com/h -e meeting.started --hmac-stdin --basic-auth-stdin",
            Verb::Create, {{QStringLiteral("hmacFromStdin"), yes}, {QStringLiteral("basicAuthFromStdin"), yes}});
        row("create keeps an unknown event for validation", "create --url https://e.com/h -e meeting.nope",
            Verb::Create, {{QStringLiteral("eventTypes"), s("meeting.nope")}});
        row("update one field", "update u-1 --url https://e.com/new", Verb::Update,
            {{QStringLiteral("uuid"), s("u-1")}, {QStringLiteral("url"), s("https://e.com/new")},
                {QStringLiteral("eventTypes"), s("<none>")}});
        row("update only the secret", "update u-1 --hmac-stdin", Verb::Update,
            {{QStringLiteral("hmacFromStdin"), yes}, {QStringLiteral("url"), s("<none>")}});
        row("update retry type", "update u-1 --retry-type circuit-breaker", Verb::Update,
            {{QStringLiteral("retryType"), s("circuit-breaker")}});
        row("reactivate", "reactivate u-1", Verb::Reactivate, {{QStringLiteral("uuid"), s("u-1")}});
        row("delete", "delete u-1", Verb::Delete, {{QStringLiteral("yes"), false}});
        row("delete --yes", "delete u-1 --yes", Verb::Delete, {{QStringLiteral("yes"), yes}});
        row("delete -y", "delete -y u-1", Verb::Delete, {{QStringLiteral("yes"), yes}});
        row("history", "history", Verb::History, {{QStringLiteral("limit"), 0}, {QStringLiteral("domain"), s("")}});
        row("history of a domain, limited", "-d prod history --limit 5 --json", Verb::History,
            {{QStringLiteral("limit"), 5}, {QStringLiteral("domain"), s("prod")}, {QStringLiteral("json"), yes}});
        row("history with =", "history --limit=1 --sandbox", Verb::History,
            {{QStringLiteral("limit"), 1}, {QStringLiteral("sandbox"), yes}});
        row("recreate", "recreate 42", Verb::Recreate,
            {{QStringLiteral("entryId"), 42}, {QStringLiteral("domain"), s("")}});
        row("recreate on another target", "recreate 7 --domain staging --json --show-secrets", Verb::Recreate,
            {{QStringLiteral("entryId"), 7}, {QStringLiteral("domain"), s("staging")}, {QStringLiteral("json"), yes},
                {QStringLiteral("showSecrets"), yes}});
        row("preflight", "preflight https://e.com/h --hmac-stdin", Verb::Preflight,
            {{QStringLiteral("url"), s("https://e.com/h")}, {QStringLiteral("hmacFromStdin"), yes}});
        row("verify with a body file", "verify --timestamp 1708526033 --signature abc= --body b.json --secret-stdin",
            Verb::Verify,
            {{QStringLiteral("timestampHeader"), s("1708526033")}, {QStringLiteral("signatureHeader"), s("abc=")},
                {QStringLiteral("bodyFile"), s("b.json")}, {QStringLiteral("secretFromStdin"), yes}});
        row("verify with the body after the secret",
            "verify --json --secret-stdin --body - --timestamp=1 --signature=x", Verb::Verify,
            {{QStringLiteral("bodyFile"), s("-")}, {QStringLiteral("json"), yes}});
        row("verify --code", "verify --code go", Verb::Verify,
            {{QStringLiteral("codeLanguage"), s("go")}, {QStringLiteral("secretFromStdin"), false}});
        row("trigger one type to a URL", "trigger meeting.started --url https://e.com/h --hmac-stdin --payload p.json",
            Verb::Trigger,
            {{QStringLiteral("eventType"), s("meeting.started")}, {QStringLiteral("url"), s("https://e.com/h")},
                {QStringLiteral("hmacFromStdin"), yes}, {QStringLiteral("payloadFile"), s("p.json")}});
        row("trigger all on a domain", "trigger --all -d prod --json", Verb::Trigger,
            {{QStringLiteral("all"), yes}, {QStringLiteral("domain"), s("prod")},
                {QStringLiteral("eventType"), s("")}});
        row("export to a file with secrets", "export --output f.json --include-secrets", Verb::Export,
            {{QStringLiteral("output"), s("f.json")}, {QStringLiteral("includeSecrets"), yes}});
        row("export all, short output", "export --all -o f.json", Verb::Export,
            {{QStringLiteral("all"), yes}, {QStringLiteral("output"), s("f.json")}});
        row("import into a domain", "import file.json --into prod", Verb::Import,
            {{QStringLiteral("file"), s("file.json")}, {QStringLiteral("domain"), s("prod")}});
        row("import from stdin to the sandbox", "import - --sandbox", Verb::Import,
            {{QStringLiteral("file"), s("-")}, {QStringLiteral("sandbox"), yes}});
        row("import into and domain agree", "import f --into prod -d prod", Verb::Import,
            {{QStringLiteral("domain"), s("prod")}});
        row("domains list", "domains list --json", Verb::DomainsList, {{QStringLiteral("json"), yes}});
        row("domains add", "domains add prod --base-url https://x.example/v1", Verb::DomainsAdd,
            {{QStringLiteral("name"), s("prod")}, {QStringLiteral("baseUrl"), s("https://x.example/v1")}});
        row("domains rename", "domains rename a b", Verb::DomainsRename,
            {{QStringLiteral("name"), s("a")}, {QStringLiteral("newName"), s("b")}});
        row("domains remove", "domains remove a", Verb::DomainsRemove, {{QStringLiteral("name"), s("a")}});
        row("domains import from stdin", "domains import -", Verb::DomainsImport, {{QStringLiteral("file"), s("-")}});
        row("domains set-key", "domains set-key a", Verb::DomainsSetKey, {{QStringLiteral("name"), s("a")}});
        row("json before domains", "--json domains list", Verb::DomainsList, {{QStringLiteral("json"), yes}});
        row("no timeout given", "domains add prod", Verb::DomainsAdd, {{QStringLiteral("timeoutSeconds"), 0}});
        row("timeout before the verb", "--timeout 5 domains add prod", Verb::DomainsAdd,
            {{QStringLiteral("timeoutSeconds"), 5}, {QStringLiteral("name"), s("prod")}});
        row("timeout after the verb", "list --timeout=90 -d prod", Verb::List,
            {{QStringLiteral("timeoutSeconds"), 90}});
        row("timeout with preflight", "preflight https://e.com/h --timeout 1", Verb::Preflight,
            {{QStringLiteral("timeoutSeconds"), 1}});
        row("the longest timeout", "--timeout 3600 domains list", Verb::DomainsList,
            {{QStringLiteral("timeoutSeconds"), 3600}});

        row("program help", "--help", Verb::Help, {{QStringLiteral("helpTopic"), s("")}});
        row("program help, short", "-h", Verb::Help, {{QStringLiteral("helpTopic"), s("")}});
        row("help verb", "help", Verb::Help, {{QStringLiteral("helpTopic"), s("")}});
        row("help of create", "help create", Verb::Help, {{QStringLiteral("helpTopic"), s("create")}});
        row("create --help", "create --help", Verb::Help, {{QStringLiteral("helpTopic"), s("create")}});
        row("--help before the verb", "--help create", Verb::Help, {{QStringLiteral("helpTopic"), s("create")}});
        row("help wins over missing arguments", "get --help", Verb::Help, {{QStringLiteral("helpTopic"), s("get")}});
        row("help wins over bad combinations", "create -h --generate-hmac --hmac-stdin", Verb::Help,
            {{QStringLiteral("helpTopic"), s("create")}});
        row("domains --help", "domains --help", Verb::Help, {{QStringLiteral("helpTopic"), s("domains")}});
        row("domains add --help", "domains add --help", Verb::Help, {{QStringLiteral("helpTopic"), s("domains add")}});
        row("help domains add", "help domains add", Verb::Help, {{QStringLiteral("helpTopic"), s("domains add")}});
        row("version", "--version", Verb::Version);
        row("receive", "receive", Verb::Receive,
            {{QStringLiteral("port"), 0}, {QStringLiteral("answerStatus"), 200}, {QStringLiteral("delayMs"), 0},
                {QStringLiteral("hmacFromStdin"), false}});
        row("receive with every option", "receive --port 8080 --answer 503 --delay 250 --hmac-stdin --json",
            Verb::Receive,
            {{QStringLiteral("port"), 8080}, {QStringLiteral("answerStatus"), 503}, {QStringLiteral("delayMs"), 250},
                {QStringLiteral("hmacFromStdin"), yes}, {QStringLiteral("json"), yes}});
        row("receive answering nothing", "receive --answer none", Verb::Receive, {{QStringLiteral("answerStatus"), 0}});
        row("receive forwarding", "receive --forward-to http://localhost:3000/webhooks", Verb::Receive,
            {{QStringLiteral("forwardTo"), s("http://localhost:3000/webhooks")},
                {QStringLiteral("forwardAnswer200"), false}});
        row("receive forwarding, answering 200", "receive --forward-to https://app.example/h --forward-answer 200",
            Verb::Receive,
            {{QStringLiteral("forwardTo"), s("https://app.example/h")}, {QStringLiteral("forwardAnswer200"), yes}});
        row("deliveries", "deliveries", Verb::Deliveries,
            {{QStringLiteral("limit"), 0}, {QStringLiteral("eventType"), s("")}});
        row("deliveries of a type, limited", "deliveries --limit 5 --type meeting.started --json", Verb::Deliveries,
            {{QStringLiteral("limit"), 5}, {QStringLiteral("eventType"), s("meeting.started")},
                {QStringLiteral("json"), yes}});
        row("deliveries show", "deliveries show 12", Verb::DeliveriesShow,
            {{QStringLiteral("deliveryId"), 12}, {QStringLiteral("curl"), false}, {QStringLiteral("to"), s("")}});
        row("deliveries show as JSON", "deliveries show 12 --json", Verb::DeliveriesShow,
            {{QStringLiteral("deliveryId"), 12}, {QStringLiteral("json"), yes}});
        row("deliveries show as curl", "deliveries show 3 --curl --to http://localhost:3000/webhooks",
            Verb::DeliveriesShow,
            {{QStringLiteral("deliveryId"), 3}, {QStringLiteral("curl"), yes},
                {QStringLiteral("to"), s("http://localhost:3000/webhooks")}});
        row("deliveries show --help", "deliveries show --help", Verb::Help,
            {{QStringLiteral("helpTopic"), s("deliveries show")}});
        row("help deliveries replay", "help deliveries replay", Verb::Help,
            {{QStringLiteral("helpTopic"), s("deliveries replay")}});
        row("deliveries --help is the list's", "deliveries --help", Verb::Help,
            {{QStringLiteral("helpTopic"), s("deliveries")}});
        row("deliveries replay as received", "deliveries replay 7 --to https://app.example/h", Verb::DeliveriesReplay,
            {{QStringLiteral("deliveryId"), 7}, {QStringLiteral("to"), s("https://app.example/h")},
                {QStringLiteral("resign"), false}, {QStringLiteral("hmacFromStdin"), false},
                {QStringLiteral("basicAuthFromStdin"), false}});
        row("deliveries replay re-signed with basic auth",
            "deliveries replay 7 --to http://127.0.0.1:3000/ --resign --hmac-stdin --basic-auth-stdin --json",
            Verb::DeliveriesReplay,
            {{QStringLiteral("deliveryId"), 7}, {QStringLiteral("to"), s("http://127.0.0.1:3000/")},
                {QStringLiteral("resign"), yes}, {QStringLiteral("hmacFromStdin"), yes},
                {QStringLiteral("basicAuthFromStdin"), yes}, {QStringLiteral("json"), yes}});
    }
    void valid()
    {
        QFETCH(QStringList, arguments);
        QFETCH(CliCommand::Verb, verb);
        QFETCH(QVariantMap, expected);

        const CliParser::Result result = parse(arguments);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(int(result.command.verb), int(verb));
        const QVariantMap actual = describe(result.command);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(actual.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(actual.value(it.key()).toString(), it.value().toString());
        }
    }

    void invalid_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("help");

        const auto row = [](const char* name, const QStringList& arguments, const char* problem, const char* help) {
            QTest::newRow(name) << arguments << QString::fromUtf8(problem) << QString::fromUtf8(help);
        };
        row("nothing", {}, "no command given", "daily-webhooks-cli --help");
        row("unknown verb", args("frobnicate"), "there is no command \"frobnicate\"", "daily-webhooks-cli --help");
        row("unknown option before the verb", args("--bogus list"), "unknown option 'bogus'",
            "daily-webhooks-cli --help");
        row("timeout of zero", args("--timeout 0 domains list"),
            "domains list: --timeout needs a whole number of seconds from 1 to 3600, not \"0\"",
            "daily-webhooks-cli domains list --help");
        row("timeout that is not a number", args("list --timeout soon"),
            "list: --timeout needs a whole number of seconds from 1 to 3600, not \"soon\"",
            "daily-webhooks-cli list --help");
        row("negative timeout", args("domains add x --timeout -5"),
            "domains add: --timeout needs a whole number of seconds from 1 to 3600, not \"-5\"",
            "daily-webhooks-cli domains add --help");
        row("timeout beyond an hour", args("domains import - --timeout 3601"),
            "domains import: --timeout needs a whole number of seconds from 1 to 3600, not \"3601\"",
            "daily-webhooks-cli domains import --help");
        row("timeout without a value", args("domains list --timeout"), "domains list: missing value after '--timeout'",
            "daily-webhooks-cli domains list --help");
        row("unknown option", args("list --bogus"), "list: unknown option 'bogus'", "daily-webhooks-cli list --help");
        row("list takes no argument", args("list extra"), "list takes no arguments, but got \"extra\"",
            "daily-webhooks-cli list --help");
        row("get without uuid", args("get"), "get needs UUID", "daily-webhooks-cli get --help");
        row("get with two", args("get a b"), "get got an extra argument \"b\"", "daily-webhooks-cli get --help");
        row("uuid with a slash", args("get ../rooms"), "\"../rooms\" is not a webhook uuid",
            "daily-webhooks-cli get --help");
        row("create without url", args("create --event meeting.started"), "create needs --url URL",
            "daily-webhooks-cli create --help");
        row("create without events", args("create --url https://e.com/h"), "create needs at least one --event TYPE",
            "daily-webhooks-cli create --help");
        row("create with an empty event", args("create --url https://e.com/h --event ,"),
            "create: --event needs an event type", "daily-webhooks-cli create --help");
        row("option without its value", args("create --event meeting.started --url"),
            "create: missing value after '--url'", "daily-webhooks-cli create --help");
        row("generate and stdin", args("create --url https://e.com/h -e meeting.started --generate-hmac --hmac-stdin"),
            "create: choose either --generate-hmac or --hmac-stdin", "daily-webhooks-cli create --help");
        row("two kinds of basic auth",
            args("create --url https://e.com/h -e meeting.started --basic-auth-stdin --basic-auth-user bob"),
            "create: choose either --basic-auth-stdin or --basic-auth-user", "daily-webhooks-cli create --help");
        row("update with nothing", args("update u-1"), "update needs at least one field to change",
            "daily-webhooks-cli update --help");
        row("domain and sandbox", args("list --domain a --sandbox"), "list: choose either --domain or --sandbox",
            "daily-webhooks-cli list --help");
        row("all and sandbox", args("list --all --sandbox"), "list: --all already means every saved domain",
            "daily-webhooks-cli list --help");
        row("all and domain", args("export --all -d prod"), "export: --all already means every saved domain",
            "daily-webhooks-cli export --help");
        row("api base with a domain", args("list --domain a --api-base https://x.example/v1"),
            "a saved domain has its own base URL", "daily-webhooks-cli list --help");
        row("api base not a URL", args("list --api-base notaurl"),
            "list: --api-base notaurl: the API base URL must be an absolute https:// URL",
            "daily-webhooks-cli list --help");
        row("api base not http", args("--api-base ftp://x.example/v1 list"),
            "the API base URL must start with https://", "daily-webhooks-cli list --help");
        // The key would cross the network in clear.
        row("api base plain http to a remote host", args("list --api-base http://api.daily.co/v1"),
            "must use https://: over plain http:// the API key would cross the network unencrypted",
            "daily-webhooks-cli list --help");
        row("empty domain", QStringList {QStringLiteral("list"), QStringLiteral("--domain"), QStringLiteral(" ")},
            "list: the domain name is empty", "daily-webhooks-cli list --help");
        row("domains alone", args("domains"), "domains needs a command", "daily-webhooks-cli domains --help");
        row("unknown domains verb", args("domains frob"), "there is no command \"domains frob\"",
            "daily-webhooks-cli --help");
        row("domains option first", args("domains --json list"), "domains needs a command before its options",
            "daily-webhooks-cli domains --help");
        row("domains verbs take no target", args("domains list --sandbox"), "unknown option 'sandbox'",
            "daily-webhooks-cli domains list --help");
        row("target before a domains verb", args("--sandbox domains list"), "domains list does not take --sandbox",
            "daily-webhooks-cli domains list --help");
        row("show-secrets means nothing to export", args("--show-secrets export"),
            "export does not take --show-secrets", "daily-webhooks-cli export --help");
        row("receive port out of range", args("receive --port 70000"),
            "receive: --port needs a port number from 0 to 65535, not \"70000\"", "daily-webhooks-cli receive --help");
        row("receive answer 302", args("receive --answer 302"),
            "receive: --answer needs 200, a status from 400 to 599 or \"none\", not \"302\"",
            "daily-webhooks-cli receive --help");
        row("receive answer a word", args("receive --answer ok"), "not \"ok\"", "daily-webhooks-cli receive --help");
        row("receive delay too long", args("receive --delay 60001"),
            "receive: --delay needs a number of milliseconds from 0 to 60000, not \"60001\"",
            "daily-webhooks-cli receive --help");
        row("receive delay negative", args("receive --delay -5"), "not \"-5\"", "daily-webhooks-cli receive --help");
        row("receive forward to plain http elsewhere", args("receive --forward-to http://example.com/h"),
            "receive: --forward-to: Daily only delivers to https:// URLs", "daily-webhooks-cli receive --help");
        row("receive forward URL with a query", args("receive --forward-to http://localhost:3000/h?a=1"),
            "receive: --forward-to: Leave the query and fragment out", "daily-webhooks-cli receive --help");
        row("receive forward with a chosen answer", args("receive --forward-to http://localhost:3000/ --answer 503"),
            "receive: --answer and --forward-to exclude each other", "daily-webhooks-cli receive --help");
        row("receive forward answer without forward", args("receive --forward-answer 200"),
            "receive: --forward-answer needs --forward-to URL", "daily-webhooks-cli receive --help");
        row("receive forward answer a status", args("receive --forward-to http://localhost:3000/ --forward-answer 204"),
            "receive: --forward-answer needs app or 200, not \"204\"", "daily-webhooks-cli receive --help");
        row("receive takes no target", args("receive --sandbox"), "unknown option 'sandbox'",
            "daily-webhooks-cli receive --help");
        row("deliveries limit zero", args("deliveries --limit 0"), "deliveries: --limit needs a whole number above 0",
            "daily-webhooks-cli deliveries --help");
        row("deliveries takes no argument", args("deliveries 3"), "deliveries takes no arguments, but got \"3\"",
            "daily-webhooks-cli deliveries --help");
        row("deliveries show without an id", args("deliveries show"), "deliveries show needs ID",
            "daily-webhooks-cli deliveries show --help");
        row("deliveries show with a word", args("deliveries show abc"),
            "\"abc\" is not a delivery ID; \"deliveries\" lists them", "daily-webhooks-cli deliveries show --help");
        row("deliveries show with zero", args("deliveries show 0"), "\"0\" is not a delivery ID",
            "daily-webhooks-cli deliveries show --help");
        row("deliveries show curl without a URL", args("deliveries show 1 --curl"),
            "deliveries show: --curl needs --to URL", "daily-webhooks-cli deliveries show --help");
        row("deliveries show a URL without curl", args("deliveries show 1 --to http://localhost:3000/"),
            "deliveries show: --to goes with --curl", "daily-webhooks-cli deliveries show --help");
        row("deliveries show curl as JSON", args("deliveries show 1 --curl --to http://localhost:3000/ --json"),
            "deliveries show: choose either --curl or --json", "daily-webhooks-cli deliveries show --help");
        row("deliveries show curl to plain http elsewhere", args("deliveries show 1 --curl --to http://e.com/h"),
            "deliveries show: --to http://e.com/h: Daily only delivers to https:// URLs",
            "daily-webhooks-cli deliveries show --help");
        row("deliveries replay without --to", args("deliveries replay 1"),
            "deliveries replay needs --to URL, where to send the delivery",
            "daily-webhooks-cli deliveries replay --help");
        row("deliveries replay to a URL with a query", args("deliveries replay 1 --to https://app.example/h?a=1"),
            "deliveries replay: --to https://app.example/h?a=1: Leave the query and fragment out",
            "daily-webhooks-cli deliveries replay --help");
        row("deliveries replay re-signed without a secret", args("deliveries replay 1 --to https://a.example --resign"),
            "--resign needs --hmac-stdin", "daily-webhooks-cli deliveries replay --help");
        row("deliveries replay with a secret but not re-signed",
            args("deliveries replay 1 --to https://a.example --hmac-stdin"),
            "deliveries replay: --hmac-stdin goes with --resign", "daily-webhooks-cli deliveries replay --help");
        row("deliveries replay never takes the secret as an argument",
            args("deliveries replay 1 --to https://a.example --resign --hmac s3cretvalue"), "unknown option 'hmac'",
            "daily-webhooks-cli deliveries replay --help");
        row("deliveries replay with two ids", args("deliveries replay 1 2 --to https://a.example"),
            "deliveries replay got an extra argument \"2\"", "daily-webhooks-cli deliveries replay --help");
        row("deliveries replay takes no target", args("deliveries replay 1 --to https://a.example --sandbox"),
            "unknown option 'sandbox'", "daily-webhooks-cli deliveries replay --help");
        row("history takes no argument", args("history 3"), "history takes no arguments, but got \"3\"",
            "daily-webhooks-cli history --help");
        row("history limit zero", args("history --limit 0"), "history: --limit needs a whole number above 0",
            "daily-webhooks-cli history --help");
        row("history limit not a number", args("history --limit many"), "not \"many\"",
            "daily-webhooks-cli history --help");
        row("history limit without a value", args("history --limit"), "history: missing value after '--limit'",
            "daily-webhooks-cli history --help");
        row("history takes no --show-secrets", args("history --show-secrets"), "unknown option 'show-secrets'",
            "daily-webhooks-cli history --help");
        row("history of two targets", args("history -d a --sandbox"), "history: choose either --domain or --sandbox",
            "daily-webhooks-cli history --help");
        row("recreate without id", args("recreate"), "recreate needs ID", "daily-webhooks-cli recreate --help");
        row("recreate with a word", args("recreate abc"), "\"abc\" is not an audit log entry ID",
            "daily-webhooks-cli recreate --help");
        row("recreate with zero", args("recreate 0"), "\"0\" is not an audit log entry ID",
            "daily-webhooks-cli recreate --help");
        row("recreate with a negative id", args("recreate -- -3"), "\"-3\" is not an audit log entry ID",
            "daily-webhooks-cli recreate --help");
        row("recreate with two", args("recreate 1 2"), "recreate got an extra argument \"2\"",
            "daily-webhooks-cli recreate --help");
        row("recreate takes no --limit", args("recreate 1 --limit 2"), "unknown option 'limit'",
            "daily-webhooks-cli recreate --help");
        row("verify without a body", args("verify --timestamp 1 --signature x --secret-stdin"),
            "the secret takes stdin, so give the body with --body FILE", "daily-webhooks-cli verify --help");
        row("verify without --secret-stdin", args("verify --timestamp 1 --signature x --body b.json"),
            "verify needs --secret-stdin", "daily-webhooks-cli verify --help");
        row("verify without a timestamp", args("verify --signature x --body b.json --secret-stdin"),
            "verify needs --timestamp T", "daily-webhooks-cli verify --help");
        row("verify without a signature", args("verify --timestamp 1 --body b.json --secret-stdin"),
            "verify needs --signature S", "daily-webhooks-cli verify --help");
        row("verify never takes the secret as an argument", args("verify --secret abc"), "unknown option 'secret'",
            "daily-webhooks-cli verify --help");
        row("verify --code with a check", args("verify --code node --timestamp 1"), "--code prints code only",
            "daily-webhooks-cli verify --help");
        row("verify --code in another language", args("verify --code ruby"), "--code takes node, python or go",
            "daily-webhooks-cli verify --help");
        row("verify needs no target", args("verify --code go --sandbox"), "unknown option 'sandbox'",
            "daily-webhooks-cli verify --help");
        row("trigger without a type", args("trigger --url https://e.com/h"), "trigger needs TYPE",
            "daily-webhooks-cli trigger --help");
        row("trigger with two types", args("trigger a.b c.d"), "trigger got an extra argument \"c.d\"",
            "daily-webhooks-cli trigger --help");
        row("trigger all with a payload", args("trigger --all --payload p.json"), "does not go with --all",
            "daily-webhooks-cli trigger --help");
        row("trigger with the payload and a secret on stdin", args("trigger a.b --payload - --hmac-stdin"),
            "stdin cannot carry both", "daily-webhooks-cli trigger --help");
        row("trigger to plain http beyond this machine", args("trigger a.b --url http://e.com/h"),
            "trigger: --url http://e.com/h:", "daily-webhooks-cli trigger --help");
        row("preflight without url", args("preflight"), "preflight needs URL", "daily-webhooks-cli preflight --help");
        row("preflight with a bad url", args("preflight example.com/h"), "is not an absolute http",
            "daily-webhooks-cli preflight --help");
        row("preflight needs no target", args("preflight https://e.com/h --sandbox"), "unknown option 'sandbox'",
            "daily-webhooks-cli preflight --help");
        row("import into two domains", args("import f --into a --domain b"),
            "import: --into and --domain name different domains", "daily-webhooks-cli import --help");
        row("import without a file", args("import"), "import needs FILE|-", "daily-webhooks-cli import --help");
        row("rename with one name", args("domains rename a"), "domains rename needs OLD NEW",
            "daily-webhooks-cli domains rename --help");
        row("domains add with a bad base url", args("domains add x --base-url ftp://x.example"),
            "the API base URL must start with https://", "daily-webhooks-cli domains add --help");
        row("domains add with a plain http base url", args("domains add x --base-url http://10.0.0.5/v1"),
            "the API key would cross the network unencrypted", "daily-webhooks-cli domains add --help");
        row("help about nothing", args("help nope"), "there is no command \"nope\"", "daily-webhooks-cli --help");
        row("delete takes no --all", args("delete u-1 --all"), "unknown option 'all'",
            "daily-webhooks-cli delete --help");
        row("export output without a file", args("export --output"), "export: missing value after '--output'",
            "daily-webhooks-cli export --help");
        // Secrets have no option, so nobody is tempted to put one where the shell history keeps it.
        row("no hmac option", args("create --url https://e.com/h -e meeting.started --hmac s3cretvalue"),
            "unknown option 'hmac'", "daily-webhooks-cli create --help");
        row("no key option", args("domains add prod --key k3yvalue"), "unknown option 'key'",
            "daily-webhooks-cli domains add --help");
        row("no basic auth option", args("update u-1 --basic-auth dXNlcjpwYXNz"), "unknown option 'basic-auth'",
            "daily-webhooks-cli update --help");
    }
    void invalid()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, problem);
        QFETCH(QString, help);

        const CliParser::Result result = parse(arguments);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(problem), qPrintable(result.error));
        // One sentence that names the help to read next.
        QVERIFY2(
            result.error.contains(QStringLiteral("(see \"") + help + QStringLiteral("\").")), qPrintable(result.error));
        QVERIFY2(!result.error.contains(QLatin1Char('\n')), qPrintable(result.error));
        QVERIFY(result.error.endsWith(QLatin1Char('.')));
        // A value given to an option that does not exist is never repeated.
        QVERIFY(!result.error.contains(QLatin1String("s3cretvalue")));
        QVERIFY(!result.error.contains(QLatin1String("k3yvalue")));
        QVERIFY(!result.error.contains(QLatin1String("dXNlcjpwYXNz")));
    }

    void everyVerbHasHelp_data()
    {
        QTest::addColumn<QString>("verb");
        for (const QString& verb : CliParser::verbNames())
            QTest::newRow(qPrintable(verb)) << verb;
        QTest::newRow("domains") << QStringLiteral("domains");
    }
    void everyVerbHasHelp()
    {
        QFETCH(QString, verb);
        const QString help = CliParser::helpFor(verb);
        QVERIFY(help.startsWith(QStringLiteral("Usage: daily-webhooks-cli ") + verb));
        QVERIFY(help.endsWith(QLatin1Char('\n')));
        if (verb != QLatin1String("domains")) {
            QVERIFY2(help.contains(QLatin1String("--help")), qPrintable(help));
            QVERIFY2(help.contains(QLatin1String("Exit status")), qPrintable(help));
            // Every command waits for the keychain (or Daily), so every command takes --timeout.
            QVERIFY2(help.contains(QLatin1String("--timeout SECONDS")), qPrintable(help));
            QVERIFY2(help.contains(QLatin1String("9 keychain timeout")), qPrintable(help));
        }
        const CliParser::Result viaHelp = parse(QStringList {QStringLiteral("help")} + verb.split(QLatin1Char(' ')));
        QVERIFY2(viaHelp.ok(), qPrintable(viaHelp.error));
        QCOMPARE(viaHelp.command.helpTopic, verb);
        for (const QString& line : help.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 79, qPrintable(line));
    }

    void programHelpListsEveryVerb()
    {
        const QString help = CliParser::programHelp();
        for (const QString& verb : CliParser::verbNames())
            QVERIFY2(help.contains(QStringLiteral("\n  ") + verb + QLatin1Char(' ')), qPrintable(verb));
        for (const char* text : {"DAILY_API_KEY", "DAILY_API_BASE", "DAILY_SANDBOX_URL", "--sandbox", "--domain",
                 "--api-base", "--json", "--show-secrets", "--verbose", "--version", "--timeout SECONDS"})
            QVERIFY2(help.contains(QLatin1String(text)), text);
        for (int code = 0; code <= 8; ++code)
            QVERIFY2(help.contains(QStringLiteral("\n  %1 ").arg(code)), qPrintable(QString::number(code)));
        for (const QString& line : help.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 79, qPrintable(line));
        QCOMPARE(CliParser::helpFor(QString()), help);
        QVERIFY(CliParser::helpFor(QStringLiteral("nope")).isEmpty());
    }

    void versionIsTheProjectVersion()
    {
        QCOMPARE(CliParser::versionText(), QStringLiteral("daily-webhooks-cli " DW_VERSION "\n"));
    }
};

QTEST_GUILESS_MAIN(tst_CliParser)
#include "tst_CliParser.moc"
