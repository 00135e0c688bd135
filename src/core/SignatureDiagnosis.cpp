#include "SignatureDiagnosis.h"

#include "JsonBytes.h"
#include "Signature.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>

namespace {

using Step = SignatureDiagnosis::Step;

constexpr int kMacBytes = 32;

QString tr(const char* text)
{
    return QCoreApplication::translate("SignatureDiagnosis", text);
}

QByteArray rawMac(const QByteArray& key, const QByteArray& timestamp, const QByteArray& body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(timestamp);
    mac.addData(".", 1);
    mac.addData(body);
    return mac.result();
}

// A signature as written by someone: its MAC bytes and the ways its writing departs from Daily's.
struct ReadSignature
{
    QByteArray mac;
    QList<Step> formatSteps;
};

std::optional<ReadSignature> readSignature(QByteArray text)
{
    ReadSignature read;
    for (const QByteArray& prefix : {QByteArrayLiteral("sha256="), QByteArrayLiteral("v1=")}) {
        if (text.size() > prefix.size() && text.left(prefix.size()).toLower() == prefix) {
            text = text.mid(prefix.size());
            read.formatSteps << Step::SignaturePrefix;
            break;
        }
    }
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{64}\\z"));
    if (hex.match(QString::fromLatin1(text)).hasMatch()) {
        read.mac = QByteArray::fromHex(text);
        read.formatSteps << Step::HexDigest;
        return read;
    }
    if (Signature::isValidBase64(QString::fromLatin1(text))) {
        read.mac = QByteArray::fromBase64(text);
    } else {
        static const QRegularExpression variant(QStringLiteral("^[A-Za-z0-9+/_-]+=*\\z"));
        if (!variant.match(QString::fromLatin1(text)).hasMatch())
            return std::nullopt;
        const auto decoded = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        const auto plain = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
        if (decoded && decoded.decoded.size() == kMacBytes)
            read.mac = *decoded;
        else if (plain && plain.decoded.size() == kMacBytes)
            read.mac = *plain;
        else
            return std::nullopt;
        read.formatSteps << Step::Base64Variant;
    }
    if (read.mac.size() != kMacBytes)
        return std::nullopt;
    return read;
}

bool isTimestampLike(const QByteArray& text)
{
    static const QRegularExpression number(QStringLiteral("^[0-9]{1,18}(\\.[0-9]+)?\\z"));
    return number.match(QString::fromLatin1(text)).hasMatch();
}

struct Candidate
{
    Step step;
    QByteArray timestamp;
    QByteArray body;
    QString what;
};

// The header's timestamp ×1000 and ÷1000 (cut, rounded and with its decimals), as people convert s and ms.
QList<Candidate> timestampCandidates(const QByteArray& timestamp, const QByteArray& body)
{
    QList<Candidate> out;
    static const QRegularExpression whole(QStringLiteral("^[0-9]{1,15}\\z"));
    static const QRegularExpression fraction(QStringLiteral("^([0-9]{1,15})\\.([0-9]+)\\z"));
    const QString text = QString::fromLatin1(timestamp);
    const auto add = [&](Step step, const QByteArray& signedTimestamp) {
        if (signedTimestamp != timestamp)
            out << Candidate {
                step, signedTimestamp, body, tr("timestamp %1").arg(QString::fromLatin1(signedTimestamp))};
    };
    if (whole.match(text).hasMatch()) {
        const qint64 value = timestamp.toLongLong();
        add(Step::TimestampTimesThousand, QByteArray::number(value * 1000));
        const qint64 cut = value / 1000;
        const qint64 rest = value % 1000;
        add(Step::TimestampDividedByThousand, QByteArray::number(cut));
        if (rest >= 500)
            add(Step::TimestampDividedByThousand, QByteArray::number(cut + 1));
        if (rest != 0) {
            QByteArray decimals = QByteArray::number(rest).rightJustified(3, '0');
            while (decimals.endsWith('0'))
                decimals.chop(1);
            add(Step::TimestampDividedByThousand, QByteArray::number(cut) + '.' + decimals);
        }
    } else if (const auto match = fraction.match(text); match.hasMatch()) {
        const qint64 seconds = match.captured(1).toLongLong();
        const QString digits = match.captured(2);
        const qint64 ms = digits.left(3).leftJustified(3, QLatin1Char('0')).toLongLong();
        add(Step::TimestampTimesThousand, QByteArray::number(seconds * 1000 + ms));
        if (digits.size() > 3 && digits.at(3) >= QLatin1Char('5'))
            add(Step::TimestampTimesThousand, QByteArray::number(seconds * 1000 + ms + 1));
    }
    return out;
}

// Writes minified JSON again as common serialisers do: `itemSeparator` after commas and `keySeparator` after
// colons on one line, or, with `indent` > 0, one member per line as JSON.stringify(x, null, indent) and Python's
// json.dumps(x, indent=indent) do.
QByteArray laidOut(
    const QByteArray& compact, const QByteArray& itemSeparator, const QByteArray& keySeparator, int indent)
{
    QByteArray out;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newline = [&] { out += '\n' + QByteArray(depth * indent, ' '); };
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            out += c;
            const char next = i + 1 < compact.size() ? compact.at(i + 1) : '\0';
            if (next == '}' || next == ']') {
                out += next;
                ++i;
                break;
            }
            ++depth;
            if (indent > 0)
                newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            if (indent > 0)
                newline();
            out += c;
            break;
        case ',':
            out += ',';
            if (indent > 0)
                newline();
            else
                out += itemSeparator;
            break;
        case ':':
            out += ':' + keySeparator;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QList<Candidate> bodyCandidates(const QByteArray& timestamp, const QByteArray& body)
{
    QList<Candidate> out;
    const auto add = [&](Step step, const QByteArray& signedBody, const QString& what) {
        if (signedBody == body)
            return;
        for (const Candidate& c : std::as_const(out)) {
            if (c.body == signedBody)
                return;
        }
        out << Candidate {step, timestamp, signedBody, what};
    };

    // The smallest change first: a body that differs only in its line endings is not a re-serialised one.
    if (body.endsWith("\r\n"))
        add(Step::BodyLineEndingChanged, body.chopped(2), tr("without the final line break"));
    else if (body.endsWith('\n'))
        add(Step::BodyLineEndingChanged, body.chopped(1), tr("without the final newline"));
    add(Step::BodyLineEndingChanged, body + '\n', tr("with a final newline"));
    if (body.contains("\r\n"))
        add(Step::BodyLineEndingChanged, QByteArray(body).replace("\r\n", "\n"), tr("with LF line endings"));
    else if (body.contains('\n'))
        add(Step::BodyLineEndingChanged, QByteArray(body).replace("\n", "\r\n"), tr("with CRLF line endings"));

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        struct Layout
        {
            QByteArray item;
            QByteArray key;
            int indent;
            QString what;
        };
        const QList<Layout> layouts {
            {{}, {}, 0, tr("compact")},
            {" ", " ", 0, tr("with a space after each comma and colon")},
            {{}, " ", 2, tr("indented by 2")},
            {{}, " ", 4, tr("indented by 4")},
        };
        const QByteArray kept = JsonBytes::compacted(body);
        for (const Layout& l : layouts)
            add(Step::BodyWhitespaceChanged, laidOut(kept, l.item, l.key, l.indent), l.what);
        // QJsonDocument keeps objects with their keys sorted, as many serialisers do when asked.
        const QByteArray sorted = document.toJson(QJsonDocument::Compact);
        for (const Layout& l : layouts)
            add(Step::BodyKeysReordered, laidOut(sorted, l.item, l.key, l.indent), tr("keys sorted, %1").arg(l.what));
    }

    return out;
}

} // namespace

SignatureDiagnosis SignatureDiagnosis::of(const Input& input)
{
    SignatureDiagnosis d;
    const QByteArray timestamp = input.timestamp.trimmed();
    const QByteArray body = input.body;
    const QString secret = input.secret.trimmed();
    d.received = input.signature.trimmed();

    if (timestamp.isEmpty())
        d.steps << Step::MissingTimestamp;
    if (d.received.isEmpty())
        d.steps << Step::MissingSignature;
    if (body.isEmpty())
        d.steps << Step::MissingBody;
    if (secret.isEmpty())
        d.steps << Step::MissingSecret;
    else if (!Signature::isValidBase64(secret))
        d.steps << Step::SecretNotBase64;
    if (!d.steps.isEmpty()) {
        d.verdict = Verdict::InputProblem;
        return d;
    }

    const QByteArray key = QByteArray::fromBase64(secret.toLatin1());
    d.expected = Signature::sign(secret, timestamp, body);
    const auto read = readSignature(d.received);

    // Daily's timestamp is a number and its signature is not: the other way round, the fields were swapped.
    if (!isTimestampLike(timestamp) && isTimestampLike(d.received)) {
        if (const auto swapped = readSignature(timestamp)) {
            const QByteArray mac = rawMac(key, d.received, body);
            d.verdict = Verdict::Invalid;
            d.steps << Step::HeadersSwapped;
            if (Signature::constantTimeEquals(mac, swapped->mac)) {
                d.expected = mac.toBase64();
                d.steps << swapped->formatSteps;
            } else {
                d.steps << Step::Unexplained;
            }
            return d;
        }
    }
    if (!read) {
        d.verdict = Verdict::InputProblem;
        d.steps << Step::SignatureUnreadable;
        return d;
    }

    d.verdict = Verdict::Invalid;
    if (Signature::constantTimeEquals(QByteArray::fromBase64(d.expected), read->mac)) {
        if (read->formatSteps.isEmpty())
            d.verdict = Verdict::Valid;
        d.steps = read->formatSteps;
        return d;
    }

    QList<Candidate> candidates;
    candidates << Candidate {Step::SecretUsedAsText, timestamp, body, tr("the secret's text as the key")};
    candidates << timestampCandidates(timestamp, body);
    candidates << bodyCandidates(timestamp, body);
    for (const Candidate& c : std::as_const(candidates)) {
        const QByteArray candidateKey = c.step == Step::SecretUsedAsText ? secret.toUtf8() : key;
        if (Signature::constantTimeEquals(rawMac(candidateKey, c.timestamp, c.body), read->mac)) {
            d.steps = read->formatSteps;
            d.steps << c.step;
            d.reproducedWith = c.what;
            return d;
        }
    }
    d.steps = read->formatSteps;
    d.steps << Step::Unexplained;
    return d;
}

std::optional<SignatureDiagnosis::Step> SignatureDiagnosis::failingStep() const
{
    if (steps.isEmpty())
        return std::nullopt;
    return verdict == Verdict::Invalid ? steps.constLast() : steps.constFirst();
}

QString SignatureDiagnosis::explanation() const
{
    if (verdict == Verdict::Valid)
        return tr("The signature is valid: it is Daily's signature of this timestamp and body with this secret.");
    QStringList sentences;
    for (const Step step : steps)
        sentences << describe(step);
    if (!reproducedWith.isEmpty())
        sentences << tr("Reproduced with: %1.").arg(reproducedWith);
    return sentences.join(QLatin1Char(' '));
}

QString SignatureDiagnosis::nextStep() const
{
    if (verdict == Verdict::Valid)
        return {};
    if (verdict == Verdict::InputProblem)
        return tr("Give the X-Webhook-Timestamp and X-Webhook-Signature values and the raw body exactly as "
                  "received, and the webhook's hmac secret as Daily shows it.");
    if (steps.contains(Step::Unexplained))
        return tr("Check that the secret is the webhook's current hmac (an update with a new one replaces it) and "
                  "that the body is the raw bytes of this very delivery, taken before any JSON parsing, logging or "
                  "copying through a tool that reformats it.");
    return tr("Sign (or check) exactly as Daily does: base64(HMAC-SHA256(base64-decoded secret, timestamp header "
              "+ \".\" + raw body)); the verification code for Node, Python and Go does so.");
}

QString SignatureDiagnosis::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Valid:
        return QStringLiteral("valid");
    case Verdict::Invalid:
        return QStringLiteral("invalid");
    case Verdict::InputProblem:
        return QStringLiteral("input-problem");
    }
    return {};
}

QString SignatureDiagnosis::stepName(Step step)
{
    switch (step) {
    case Step::MissingTimestamp:
        return QStringLiteral("missing-timestamp");
    case Step::MissingSignature:
        return QStringLiteral("missing-signature");
    case Step::MissingBody:
        return QStringLiteral("missing-body");
    case Step::MissingSecret:
        return QStringLiteral("missing-secret");
    case Step::SecretNotBase64:
        return QStringLiteral("secret-not-base64");
    case Step::SignatureUnreadable:
        return QStringLiteral("signature-unreadable");
    case Step::SignaturePrefix:
        return QStringLiteral("signature-prefix");
    case Step::HexDigest:
        return QStringLiteral("hex-digest");
    case Step::Base64Variant:
        return QStringLiteral("base64-variant");
    case Step::SecretUsedAsText:
        return QStringLiteral("secret-used-as-text");
    case Step::TimestampTimesThousand:
        return QStringLiteral("timestamp-times-1000");
    case Step::TimestampDividedByThousand:
        return QStringLiteral("timestamp-divided-by-1000");
    case Step::BodyWhitespaceChanged:
        return QStringLiteral("body-whitespace-changed");
    case Step::BodyKeysReordered:
        return QStringLiteral("body-keys-reordered");
    case Step::BodyLineEndingChanged:
        return QStringLiteral("body-line-ending-changed");
    case Step::HeadersSwapped:
        return QStringLiteral("headers-swapped");
    case Step::Unexplained:
        return QStringLiteral("unexplained");
    }
    return {};
}

QString SignatureDiagnosis::describe(Step step)
{
    switch (step) {
    case Step::MissingTimestamp:
        return tr("The X-Webhook-Timestamp value is missing.");
    case Step::MissingSignature:
        return tr("The X-Webhook-Signature value is missing.");
    case Step::MissingBody:
        return tr("The body is empty: Daily signs the raw body bytes, so give them exactly as received.");
    case Step::MissingSecret:
        return tr("The secret is missing.");
    case Step::SecretNotBase64:
        return tr("The secret is not base64: Daily's hmac secrets are standard base64 (44 characters for 32 "
                  "bytes).");
    case Step::SignatureUnreadable:
        return tr("The signature is neither base64 nor hex of a 32-byte HMAC-SHA256.");
    case Step::SignaturePrefix:
        return tr("The signature has a prefix (sha256= or v1=): Daily's header is the bare base64.");
    case Step::HexDigest:
        return tr("The signature is written in hex: Daily's is the standard base64 of the MAC.");
    case Step::Base64Variant:
        return tr("The signature is URL-safe or unpadded base64: Daily's is standard base64 with padding.");
    case Step::SecretUsedAsText:
        return tr("The secret's text was used as the HMAC key: the key is the secret base64-decoded.");
    case Step::TimestampTimesThousand:
        return tr("It was signed with the timestamp multiplied by 1000 (seconds taken for milliseconds): sign "
                  "the X-Webhook-Timestamp value exactly as received.");
    case Step::TimestampDividedByThousand:
        return tr("It was signed with the timestamp divided by 1000 (milliseconds turned into seconds): sign the "
                  "X-Webhook-Timestamp value exactly as received.");
    case Step::BodyWhitespaceChanged:
        return tr("It is the signature of the body parsed and written again with other whitespace: sign the raw "
                  "body bytes as received, before any JSON parsing.");
    case Step::BodyKeysReordered:
        return tr("It is the signature of the body parsed and written again with its keys sorted: sign the raw "
                  "body bytes as received, before any JSON parsing.");
    case Step::BodyLineEndingChanged:
        return tr("It is the signature of the body with other line endings (a final newline added or removed, or "
                  "CRLF for LF): a body saved by an editor often gains a final newline.");
    case Step::HeadersSwapped:
        return tr("The timestamp and the signature are swapped: the signature field holds the timestamp and the "
                  "timestamp field the signature.");
    case Step::Unexplained:
        return tr("None of the usual mistakes reproduces it: it is the signature of another body, or made with "
                  "another secret, or of more than one mistake at once; which of these cannot be told from the "
                  "signature alone.");
    }
    return {};
}
