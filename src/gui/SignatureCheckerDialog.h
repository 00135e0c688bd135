#pragma once

#include <QByteArray>
#include <QDialog>
#include <QTimer>

#include <memory>
#include <optional>

class SecretClipboard;
class SignatureDiagnosis;
class UserPrompts;
namespace Ui {
class SignatureCheckerDialog;
}

// The signature checker: the two headers (typed, or taken from pasted header lines by SignatureHeaders), the raw
// body (typed or pasted, or a file's exact bytes, shown read-only and only their start when long) and the secret go to
// SignatureDiagnosis as they are entered; the verdict, the expected and the received signature, the failing step with
// its explanation and the next step come back. The diagnosis runs on a worker thread (redoing every usual mistake over
// a body of up to 1 MiB takes about half a second), one at a time, and only the latest inputs' verdict is shown. The
// secret stays masked in its field unless shown, is copied only through the SecretClipboard and appears in no result.
// "Copy verification code" puts VerificationCode's function for the chosen language on the clipboard (code, not a
// secret).
class SignatureCheckerDialog : public QDialog
{
    Q_OBJECT

public:
    // `prompts` asks for the body's file; without it the dialog offers no file.
    explicit SignatureCheckerDialog(UserPrompts* prompts = nullptr, QWidget* parent = nullptr);
    ~SignatureCheckerDialog() override;

    void setSecretClipboard(SecretClipboard* clipboard);
    // The body bytes the check uses: a file's exactly, or the text as typed in UTF-8 with LF line ends.
    QByteArray body() const;
    // Whether the verdict shown is for what the fields hold now (a check is due shortly after each change, and
    // takes a moment).
    bool isUpToDate() const { return !m_pending.isActive() && !m_running && !m_dirty; }

public slots:
    // Checks what the fields hold now (it also runs by itself a moment after each change).
    void check();
    void copyVerificationCode();
    void openBodyFile();
    // Lets go of a file's body: the field is empty and editable again.
    void clearBodyFile();

private:
    void headersPasted();
    void showDiagnosis(const SignatureDiagnosis& d);
    void scheduleCheck();
    void updateBodyNote();

    std::unique_ptr<Ui::SignatureCheckerDialog> m_ui;
    UserPrompts* m_prompts;
    SecretClipboard* m_secretClipboard = nullptr;
    QTimer m_pending;
    // The body as read from a file, until cleared.
    std::optional<QByteArray> m_fileBody;
    QString m_fileName;
    bool m_running = false; // a diagnosis is being computed
    bool m_dirty = false; // and the inputs changed since it started
};
