#pragma once

#include "Limits.h"

#include <QByteArray>
#include <QString>

// Text from a server or a file, cut to a length a person can read and a widget can lay out (a 4 MB URL in a
// table cell would stall the window for seconds while the style measures it to elide it), and bytes from a
// stranger made safe to show.
class DisplayText
{
public:
    // `text` unchanged when it fits, otherwise its start and an ellipsis; never splits a surrogate pair.
    static QString elided(const QString& text, qsizetype maxLength = Limits::MaxDisplayedTextLength);

    // Whether `bytes` can be shown, pasted or printed to a terminal as they are: valid UTF-8 without control
    // characters (but those in `allowedControls`, such as "\n"), format characters (a bidirectional override makes
    // text read otherwise than it is) or line and paragraph separators. Bytes from a stranger (a delivery's body
    // or header) that are not plain text could move a terminal's cursor or retitle its window.
    static bool isPlainText(const QByteArray& bytes, const QString& allowedControls = {});
    // `bytes` with every byte of what isPlainText refuses written as \xNN and each backslash as \\, so that the
    // result is plain text and the bytes can be read back from it.
    static QString escaped(const QByteArray& bytes, const QString& allowedControls = {});
};
