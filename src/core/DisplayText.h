#pragma once

#include "Limits.h"

#include <QString>

// Text from a server or a file, cut to a length a person can read and a widget can lay out: a 4 MB URL in a
// table cell would stall the window for seconds while the style measures it to elide it.
class DisplayText
{
public:
    // `text` unchanged when it fits, otherwise its start and an ellipsis; never splits a surrogate pair.
    static QString elided(const QString& text, qsizetype maxLength = Limits::MaxDisplayedTextLength);
};
