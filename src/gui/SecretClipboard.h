#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

class QLineEdit;

// Every copy of a secret (an HMAC secret, a basic auth credential, a curl command with the API key) goes through
// here. The text goes on the clipboard marked the way password managers mark theirs (the MIME type
// x-kde-passwordManagerHint = "secret", which clipboard histories such as Klipper honour by not keeping it), and
// is taken off again after a delay, but only while the clipboard still holds exactly that text: whatever the user
// copied since is never touched. A pending clear also runs when this object goes away (the app quits), so the
// secret is not handed to a clipboard manager on exit; with a delay of 0 nothing is ever cleared.
class SecretClipboard : public QObject
{
    Q_OBJECT

public:
    static const QString PasswordManagerHintMimeType; // "x-kde-passwordManagerHint"

    explicit SecretClipboard(QObject* parent = nullptr);
    ~SecretClipboard() override;

    // 0 = never cleared. Applies to the next copy and to a clear already pending.
    void setClearDelayMs(int ms);
    int clearDelayMs() const { return m_clearDelayMs; }

    void copy(const QString& secret);
    // " It is cleared from the clipboard in N s." (with a leading space), or nothing when it is never cleared: for
    // the message that confirms a copy.
    QString clearNote() const;
    // True while the clipboard holds what copy() put there last and a clear is still due.
    bool isClearPending() const { return m_timer.isActive(); }
    // Clears the clipboard now if it still holds the last copied secret; anything else stays.
    void clearIfUnchanged();

    // Routes Copy and Cut of a line edit that may show a secret (keyboard shortcuts and its context menu) through
    // copy(). A masked edit copies nothing, as QLineEdit never does.
    void guard(QLineEdit* edit);
    void unguard(QLineEdit* edit);

signals:
    // The clipboard was emptied because it still held the secret.
    void cleared();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void copySelection(QLineEdit* edit, bool cut);
    void restartTimer();

    QTimer m_timer;
    int m_clearDelayMs;
    // A digest of the last secret, enough to recognise it on the clipboard without keeping it in memory.
    QByteArray m_digest;
};
