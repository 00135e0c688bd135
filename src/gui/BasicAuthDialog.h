#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class BasicAuthDialog;
}

// Builds the basic auth credential Daily stores from a user name and a password: base64("user:password").
class BasicAuthDialog : public QDialog
{
    Q_OBJECT

public:
    explicit BasicAuthDialog(QWidget* parent = nullptr);
    ~BasicAuthDialog() override;

    QString credential() const;
    void accept() override;

private:
    QString problem() const;

    std::unique_ptr<Ui::BasicAuthDialog> m_ui;
};
