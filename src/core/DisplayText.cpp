#include "DisplayText.h"

#include <optional>

namespace {

bool isShown(char32_t code, const QString& allowedControls)
{
    switch (QChar::category(code)) {
    case QChar::Other_Control:
        return code <= 0xffff && allowedControls.contains(QChar(char16_t(code)));
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

// The length of the UTF-8 sequence a lead byte starts; 0 for a byte that starts none.
int sequenceLength(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead & 0xe0) == 0xc0)
        return 2;
    if ((lead & 0xf0) == 0xe0)
        return 3;
    if ((lead & 0xf8) == 0xf0)
        return 4;
    return 0;
}

// The code point of the well-formed sequence at `at`, or nothing (overlong forms, surrogates and truncated
// sequences included, since fromUtf8 would not give the same bytes back).
std::optional<char32_t> codePointAt(const QByteArray& bytes, qsizetype at, int* length)
{
    const auto lead = static_cast<unsigned char>(bytes.at(at));
    *length = sequenceLength(lead);
    if (*length == 1)
        return char32_t(lead);
    if (*length == 0 || at + *length > bytes.size())
        return std::nullopt;
    const QByteArray sequence = bytes.mid(at, *length);
    const QString text = QString::fromUtf8(sequence);
    if (text.toUtf8() != sequence || text.isEmpty())
        return std::nullopt;
    return text.size() == 2 ? QChar::surrogateToUcs4(text.at(0), text.at(1)) : char32_t(text.at(0).unicode());
}

} // namespace

QString DisplayText::elided(const QString& text, qsizetype maxLength)
{
    if (text.size() <= maxLength)
        return text;
    qsizetype cut = qMax<qsizetype>(maxLength - 1, 0);
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + QChar(0x2026);
}

bool DisplayText::isPlainText(const QByteArray& bytes, const QString& allowedControls)
{
    int length = 0;
    for (qsizetype at = 0; at < bytes.size(); at += length) {
        const std::optional<char32_t> code = codePointAt(bytes, at, &length);
        if (!code || !isShown(*code, allowedControls))
            return false;
    }
    return true;
}

QString DisplayText::escaped(const QByteArray& bytes, const QString& allowedControls)
{
    QString text;
    text.reserve(bytes.size());
    int length = 0;
    for (qsizetype at = 0; at < bytes.size(); at += length) {
        const std::optional<char32_t> code = codePointAt(bytes, at, &length);
        if (code && *code == '\\') {
            text += QStringLiteral("\\\\");
        } else if (code && isShown(*code, allowedControls)) {
            text += QString::fromUtf8(bytes.mid(at, length));
        } else {
            length = 1;
            text += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(bytes.at(at)), 2, 16, QLatin1Char('0'));
        }
    }
    return text;
}
