#pragma once

#include "SessionConfig.h"

#include <QDialog>
#include <QUrl>

#include <memory>

class AppSettings;
class SecretStore;
namespace Ui {
class SettingsDialog;
}

// API key (to the keychain only) and API base URL. A stored key is never shown back: typing replaces it.
// Without a usable keychain the dialog says so and the key is kept in memory for this session only.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(
        SecretStore* secrets, AppSettings* settings, const SessionConfig& current, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void accept() override;

signals:
    // The new target. `key` is empty when the user left it unchanged; `notice` tells what happened to it.
    void applied(const QUrl& baseUrl, const QString& key, SessionConfig::KeySource source, const QString& notice);
    void keyForgotten();

private:
    QString baseUrlProblem() const;
    void setBusy(bool busy);
    void forgetKey();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    SecretStore* m_secrets;
    AppSettings* m_settings;
    SessionConfig m_current;
};
