#include "UserPrompts.h"

#include "DesktopNotifier.h"

#include <QApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

bool UserPrompts::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Cancel, parent);
    QPushButton* accept = box.addButton(acceptLabel, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

bool UserPrompts::askText(QWidget* parent, const QString& title, const QString& label, QString* text)
{
    bool ok = false;
    const QString answer = QInputDialog::getText(parent, title, label, QLineEdit::Normal, *text, &ok);
    if (ok)
        *text = answer;
    return ok;
}

QString UserPrompts::openFileName(QWidget* parent, const QString& title, const QString& filter)
{
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
}

QString UserPrompts::saveFileName(
    QWidget* parent, const QString& title, const QString& suggestedName, const QString& filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggestedName, filter);
}

void UserPrompts::notify(QWidget* parent, const QString& title, const QString& text, const QString& actionLabel,
    std::function<void()> action)
{
    // A desktop notification with the action as a button; without a notification server, a message in the window
    // instead. Never modal: a watch that found a FAILED webhook must not stop the window until someone answers.
    auto* notifier = parent->findChild<DesktopNotifier*>(QString(), Qt::FindDirectChildrenOnly);
    if (!notifier)
        notifier = new DesktopNotifier(parent);
    QPointer<QWidget> guard(parent);
    notifier->notify(title, text, actionLabel, action, [guard, title, text, actionLabel, action] {
        if (!guard)
            return;
        auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Close, guard);
        box->setObjectName(QStringLiteral("healthNotification"));
        QPushButton* act = box->addButton(actionLabel, QMessageBox::AcceptRole);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::NonModal);
        QObject::connect(box, &QMessageBox::buttonClicked, box, [act, action](QAbstractButton* clicked) {
            if (clicked == act && action)
                action();
        });
        box->show();
    });
}
