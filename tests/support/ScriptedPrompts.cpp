#include "ScriptedPrompts.h"

bool ScriptedPrompts::confirm(QWidget*, const QString&, const QString& text, const QString&)
{
    confirmations << text;
    return confirmAnswer;
}

bool ScriptedPrompts::askText(QWidget*, const QString&, const QString&, QString* text)
{
    askedWith << *text;
    if (askAnswer)
        *text = textAnswer;
    return askAnswer;
}

QString ScriptedPrompts::openFileName(QWidget*, const QString&, const QString&)
{
    ++fileQuestions;
    return fileName;
}

QString ScriptedPrompts::saveFileName(QWidget*, const QString&, const QString&, const QString&)
{
    ++fileQuestions;
    return fileName;
}

void ScriptedPrompts::notify(
    QWidget*, const QString& title, const QString& text, const QString&, std::function<void()> action)
{
    notifications.append({title, text, std::move(action)});
}
