#pragma once

#include <QDialog>

#include <memory>

class AppSettings;
namespace Ui {
class SettingsDialog;
}

// Preferences that are not secrets: the API base URL new domains start with, the request timeout, how long a
// copied secret stays on the clipboard, and the Deliveries window's receiver (port, deliveries kept, timestamp
// tolerance).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void accept() override;

private:
    QString baseUrlProblem() const;

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AppSettings* m_settings;
};
