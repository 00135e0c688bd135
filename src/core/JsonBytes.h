#pragma once

#include <QByteArray>

// JSON handled as the bytes that were sent or signed, where parsing and writing it again would change them (key
// order, number spelling): what a signature is made over.
class JsonBytes
{
public:
    // `json` without the whitespace between its tokens, every other byte (strings, key order, numbers) kept;
    // assumes valid JSON.
    static QByteArray compacted(const QByteArray& json);
    // `json` laid out for reading: one member or element per line, indented by `indent` spaces a level, ": "
    // after keys, empty objects and arrays as {} and []; strings, key order and numbers kept as they are (parsing
    // and writing it again would sort the keys and may respell numbers). Assumes valid JSON.
    static QByteArray indented(const QByteArray& json, int indent = 4);
};
