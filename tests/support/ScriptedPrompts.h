#pragma once

#include "UserPrompts.h"

#include <QList>
#include <QStringList>

// Answers every question of a window or dialog in code, as a test scripted it, and remembers what was asked.
class ScriptedPrompts : public UserPrompts
{
public:
    struct Notification
    {
        QString title;
        QString text;
        std::function<void()> action;
    };

    // confirm() answers confirmAnswer and records the question's text.
    bool confirmAnswer = true;
    QStringList confirmations;
    // askText() records the text offered, then answers textAnswer (or cancels when askAnswer is false).
    bool askAnswer = true;
    QString textAnswer;
    QStringList askedWith;
    // Both file questions answer fileName; fileQuestions counts them.
    QString fileName;
    int fileQuestions = 0;
    QList<Notification> notifications;

    bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel) override;
    bool askText(QWidget* parent, const QString& title, const QString& label, QString* text) override;
    QString openFileName(QWidget* parent, const QString& title, const QString& filter) override;
    QString saveFileName(
        QWidget* parent, const QString& title, const QString& suggestedName, const QString& filter) override;
    void notify(QWidget* parent, const QString& title, const QString& text, const QString& actionLabel,
        std::function<void()> action) override;
};
