#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// One invocation of daily-webhooks-cli as CliParser understood it: the verb, where to talk to, how to print,
// and the verb's own arguments. A plain value; it never holds a secret, because secrets arrive on stdin only.
struct CliCommand
{
    enum class Verb {
        Help,
        Version,
        DomainsList,
        DomainsAdd,
        DomainsRename,
        DomainsRemove,
        DomainsImport,
        DomainsSetKey,
        List,
        Get,
        Create,
        Update,
        Reactivate,
        Delete,
        History,
        Recreate,
        Preflight,
        Export,
        Import,
        Verify,
        Trigger,
        Receive,
        Deliveries,
        DeliveriesShow,
        DeliveriesReplay,
    };

    Verb verb = Verb::Help;
    QString helpTopic; // Help: empty for the program, else a verb such as "create" or "domains add"

    // Where to talk to. At most one of domain and sandbox; apiBase only with the environment's key or the sandbox.
    QString domain; // --domain NAME (and import's --into NAME)
    bool sandbox = false;
    QString apiBase; // --api-base URL, checked to be an absolute http(s) URL
    bool all = false; // list/export: every saved domain

    bool json = false;
    bool showSecrets = false;
    bool verbose = false;
    int timeoutSeconds = 0; // --timeout SECONDS; 0 when not given (CliRunner then takes the settings' timeout)

    QString uuid;
    QString name; // domains add/rename/remove/set-key
    QString newName; // domains rename
    QString file; // import, domains import: a path or "-" for stdin
    QString output; // export --output
    QString baseUrl; // domains add/import --base-url
    std::optional<QString> url; // create, update, preflight
    std::optional<QString> retryType;
    std::optional<QStringList> eventTypes; // repeated and comma-separated --event values, in order
    bool generateHmac = false;
    bool hmacFromStdin = false;
    bool basicAuthFromStdin = false; // the stored credential itself, e.g. base64("user:password")
    QString basicAuthUser; // --basic-auth-user: the password follows on stdin
    bool yes = false;
    bool includeSecrets = false;
    int limit = 0; // history --limit N: the N newest entries; 0 for every one
    qint64 entryId = 0; // recreate ID: an audit log entry
    QString eventType; // trigger TYPE (empty with --all); deliveries --type T
    QString payloadFile; // trigger --payload FILE: a path or "-" for stdin

    // verify: the two headers as received, where the body comes from (a path, or "-" for stdin after the secret's
    // line), the secret from stdin; or, with --code, the language whose verification code to print.
    QString timestampHeader;
    QString signatureHeader;
    QString bodyFile;
    bool secretFromStdin = false;
    QString codeLanguage;

    // receive and deliveries
    int port = 0; // receive --port N; 0: a free port
    int answerStatus = 200; // receive --answer STATUS; 0 for "none": close without answering
    int delayMs = 0; // receive --delay MS
    QString forwardTo; // receive --forward-to URL: empty for no forwarding
    bool forwardAnswer200 = false; // receive --forward-answer 200 (else "app": the app's status)

    // deliveries show and replay: the stored row's ID, where to (--to URL), how
    qint64 deliveryId = 0;
    QString to; // replay: where it goes; show --curl: the base URL of the command
    bool resign = false; // replay --resign: a fresh timestamp and a signature made with --hmac-stdin's secret
    bool curl = false; // show --curl: a curl command instead of the delivery

    // Basic auth comes from stdin: the credential itself, or the password for --basic-auth-user.
    bool basicAuthFromInput() const { return basicAuthFromStdin || !basicAuthUser.isEmpty(); }
};
