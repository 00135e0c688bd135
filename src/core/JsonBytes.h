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
};
