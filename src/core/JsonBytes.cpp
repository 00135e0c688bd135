#include "JsonBytes.h"

QByteArray JsonBytes::compacted(const QByteArray& json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
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
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == '"')
            inString = true;
        out += c;
    }
    return out;
}

QByteArray JsonBytes::indented(const QByteArray& json, int indent)
{
    const QByteArray compact = compacted(json);
    QByteArray out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    const auto newline = [&out, &depth, indent] {
        out += '\n';
        out += QByteArray(qsizetype(depth) * indent, ' ');
    };
    bool inString = false;
    bool escaped = false;
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
            const char close = c == '{' ? '}' : ']';
            if (i + 1 < compact.size() && compact.at(i + 1) == close) {
                out += close;
                ++i;
                break;
            }
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}
