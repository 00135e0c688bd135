#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// The signature checker: given the two headers of a delivery, its raw body and the webhook's secret, says whether
// the signature is Daily's (reference/daily-api.md §3) and, when it is not, which step of the recipe the signer
// (or the person checking) got wrong. It finds the step by redoing the usual mistakes one at a time and keeping
// the one that reproduces the received signature: a guess that reproduces 256 bits is not a guess. A plain value,
// computed by a pure function; nothing here is kept or logged, and the secret never appears in what it says.
class SignatureDiagnosis
{
public:
    enum class Verdict {
        Valid,
        Invalid,
        InputProblem, // something needed is missing or cannot be what Daily sends
    };

    // Where the received signature departs from the recipe. Format steps (prefix, hex, base64 variant) may come
    // together with one content step, as in "sha256=<hex>"; content steps come one at a time.
    enum class Step {
        // inputs
        MissingTimestamp,
        MissingSignature,
        MissingBody,
        MissingSecret,
        SecretNotBase64,
        SignatureUnreadable, // neither base64 nor hex of a 32-byte MAC
        // format of the signature
        SignaturePrefix, // "sha256=" or "v1=" in front
        HexDigest, // hex instead of base64
        Base64Variant, // URL-safe alphabet or padding left out
        // content of the signature
        SecretUsedAsText, // the secret's characters as the key, not its base64-decoded bytes
        TimestampTimesThousand, // signed with the header's timestamp ×1000 (seconds read as milliseconds)
        TimestampDividedByThousand, // signed with it ÷1000 (milliseconds turned into seconds)
        BodyWhitespaceChanged, // the JSON re-serialised, key order kept, other whitespace
        BodyKeysReordered, // the JSON re-serialised with its keys sorted
        BodyLineEndingChanged, // a final newline added or removed, or CRLF for LF
        HeadersSwapped, // the timestamp given as the signature and the signature as the timestamp
        Unexplained, // nothing tried reproduces it: another body, another secret, or more than one mistake
    };

    struct Input
    {
        QByteArray timestamp; // X-Webhook-Timestamp as received
        QByteArray signature; // X-Webhook-Signature as received
        QByteArray body; // the raw body bytes
        QString secret; // the webhook's hmac: base64 text
    };

    static SignatureDiagnosis of(const Input& input);

    Verdict verdict = Verdict::InputProblem;
    QList<Step> steps; // empty when valid
    QByteArray expected; // Daily's signature of these inputs (standard base64); empty when it cannot be computed
    QByteArray received; // the signature header as given, surrounding whitespace removed
    // What the reproducing mistake used, when that helps to see it: the timestamp signed, the body form.
    QString reproducedWith;

    bool isValid() const { return verdict == Verdict::Valid; }
    // The step to fix first: the content step when there is one (in "sha256=<hex>" of the text-keyed MAC, the
    // text key), else the first; nullopt when valid.
    std::optional<Step> failingStep() const;
    // One sentence per step, then what to do about it; plain text for a window or a terminal.
    QString explanation() const;
    QString nextStep() const;

    static QString verdictName(Verdict verdict); // "valid", "invalid", "input-problem"
    static QString stepName(Step step); // "secret-used-as-text", … for --json and scripts
    static QString describe(Step step);
};
