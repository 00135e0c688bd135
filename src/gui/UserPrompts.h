#pragma once

#include <QString>

#include <functional>

class QWidget;

// Everything that stops and asks the user, or talks to the desktop, behind one seam: the app uses the real
// dialogs and notifications; tests answer them in code.
class UserPrompts
{
public:
    virtual ~UserPrompts() = default;

    // A yes/no question; `acceptLabel` names the action ("Delete"), so the buttons say what happens.
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel);
    // A line of text; returns false when the user cancelled.
    virtual bool askText(QWidget* parent, const QString& title, const QString& label, QString* text);
    virtual QString openFileName(QWidget* parent, const QString& title, const QString& filter);
    virtual QString saveFileName(
        QWidget* parent, const QString& title, const QString& suggestedName, const QString& filter);
    // A desktop notification; `action` runs when the user picks `actionLabel` in it or in the fallback dialog.
    virtual void notify(QWidget* parent, const QString& title, const QString& text, const QString& actionLabel,
        std::function<void()> action);
};
