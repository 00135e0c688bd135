#pragma once

#include <QFrame>

#include <memory>

class ApiError;
namespace Ui {
class ErrorPanel;
}

// Shows a failed request as one clear sentence and the next step, with the raw answer (HTTP status, Daily's
// {error, info}, the body) one click away.
class ErrorPanel : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorPanel(QWidget* parent = nullptr);
    ~ErrorPanel() override;

    void showError(const ApiError& error);
    void showMessage(const QString& message, const QString& hint);
    void clear();

    QString message() const;
    QString details() const;

private:
    std::unique_ptr<Ui::ErrorPanel> m_ui;
};
