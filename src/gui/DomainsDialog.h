#pragma once

#include <QDialog>
#include <QUrl>

#include <memory>

class DomainStore;
class UserPrompts;
namespace Ui {
class DomainsDialog;
}

// Add, rename, re-key and remove domains, one at a time or many at once from "name,key" lines. Keys go to the
// keychain through DomainStore and are never shown back.
class DomainsDialog : public QDialog
{
    Q_OBJECT

public:
    DomainsDialog(DomainStore* domains, UserPrompts* prompts, const QUrl& defaultBaseUrl, QWidget* parent = nullptr);
    ~DomainsDialog() override;

    QString statusText() const;
    // For the sandbox's domains, whose keys live in memory by design and vanish when the app quits.
    void setKeysEphemeral(bool ephemeral);

private:
    void reload();
    QString selectedId() const;
    void addOne();
    // `input`: name,key lines as bytes; `fromBox` when they are the box's text, which is cleared on success.
    void addMany(const QByteArray& input, bool fromBox);
    void renameSelected();
    void replaceKeyOfSelected();
    void removeSelected();
    void setStatus(const QString& text, bool problem = false);
    void setBusy(bool busy);

    std::unique_ptr<Ui::DomainsDialog> m_ui;
    DomainStore* m_domains;
    UserPrompts* m_prompts;
    QUrl m_defaultBaseUrl;
    bool m_keysEphemeral = false;
};
