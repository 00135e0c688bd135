#include "UserPrompts.h"

#include <QApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSystemTrayIcon>

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
    // Without a notification area there is no desktop notification to click: ask in the window instead.
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        auto* tray = new QSystemTrayIcon(QApplication::windowIcon(), parent);
        tray->show();
        QObject::connect(tray, &QSystemTrayIcon::messageClicked, tray, [tray, action] {
            if (action)
                action();
            tray->deleteLater();
        });
        tray->showMessage(title, text, QSystemTrayIcon::Warning, 15000);
        return;
    }
    // Never modal: a watch that found a FAILED webhook must not stop the window until someone answers.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Close, parent);
    box->setObjectName(QStringLiteral("healthNotification"));
    QPushButton* act = box->addButton(actionLabel, QMessageBox::AcceptRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [act, action](QAbstractButton* clicked) {
        if (clicked == act && action)
            action();
    });
    box->show();
}
