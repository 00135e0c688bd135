#include "SecretClipboard.h"

#include "Limits.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>

const QString SecretClipboard::PasswordManagerHintMimeType = QStringLiteral("x-kde-passwordManagerHint");

namespace {

QByteArray digestOf(const QString& text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

// An action of QLineEdit's standard context menu: newer Qt names them ("edit-copy"); Qt 6.4 does not, but ends
// their text with the key sequence, exactly as built here.
bool isStandardAction(const QAction* action, const QString& name, QKeySequence::StandardKey key)
{
    if (action->objectName() == name)
        return true;
    const QString shortcut = QKeySequence(key).toString(QKeySequence::NativeText);
    return !shortcut.isEmpty() && action->text().endsWith(QLatin1Char('\t') + shortcut);
}

} // namespace

SecretClipboard::SecretClipboard(QObject* parent)
    : QObject(parent)
    , m_clearDelayMs(Limits::DefaultClipboardClearSeconds * 1000)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SecretClipboard::clearIfUnchanged);
    // Quitting brings a pending clear forward: on X11 the clipboard's contents may otherwise be handed to a
    // clipboard manager as the app exits, and outlive it.
    if (QCoreApplication::instance()) {
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, [this] {
            if (m_timer.isActive())
                clearIfUnchanged();
        });
    }
}

SecretClipboard::~SecretClipboard()
{
    if (m_timer.isActive())
        clearIfUnchanged();
}

void SecretClipboard::setClearDelayMs(int ms)
{
    m_clearDelayMs = qMax(0, ms);
    if (m_timer.isActive())
        restartTimer();
}

void SecretClipboard::restartTimer()
{
    if (m_clearDelayMs > 0)
        m_timer.start(m_clearDelayMs);
    else
        m_timer.stop();
}

void SecretClipboard::copy(const QString& secret)
{
    if (secret.isEmpty())
        return;
    auto* mime = new QMimeData;
    mime->setText(secret);
    mime->setData(PasswordManagerHintMimeType, QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_digest = digestOf(secret);
    restartTimer();
}

QString SecretClipboard::clearNote() const
{
    if (m_clearDelayMs <= 0)
        return {};
    return QLatin1Char(' ') + tr("It is cleared from the clipboard in %n s.", nullptr, qMax(1, m_clearDelayMs / 1000));
}

void SecretClipboard::clearIfUnchanged()
{
    m_timer.stop();
    if (m_digest.isEmpty())
        return;
    QClipboard* clipboard = QGuiApplication::clipboard();
    bool clearedAny = false;
    for (QClipboard::Mode mode : {QClipboard::Clipboard, QClipboard::Selection}) {
        if (mode == QClipboard::Selection && !clipboard->supportsSelection())
            continue;
        const QString text = clipboard->text(mode);
        if (!text.isEmpty() && digestOf(text) == m_digest) {
            clipboard->clear(mode);
            clearedAny = true;
        }
    }
    m_digest.clear();
    if (clearedAny)
        emit cleared();
}

void SecretClipboard::guard(QLineEdit* edit)
{
    edit->installEventFilter(this);
}

void SecretClipboard::unguard(QLineEdit* edit)
{
    edit->removeEventFilter(this);
}

void SecretClipboard::copySelection(QLineEdit* edit, bool cut)
{
    // QLineEdit itself copies nothing from a masked field; neither does this.
    if (edit->echoMode() != QLineEdit::Normal || !edit->hasSelectedText())
        return;
    copy(edit->selectedText());
    if (cut && !edit->isReadOnly())
        edit->del();
}

bool SecretClipboard::eventFilter(QObject* watched, QEvent* event)
{
    auto* edit = qobject_cast<QLineEdit*>(watched);
    if (!edit)
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool copying = key->matches(QKeySequence::Copy);
        const bool cutting = key->matches(QKeySequence::Cut);
        if (copying || cutting) {
            copySelection(edit, cutting);
            return true;
        }
    } else if (event->type() == QEvent::ContextMenu) {
        // The line edit's own menu, with Copy and Cut sent here instead of to QLineEdit::copy() and cut().
        QMenu* menu = edit->createStandardContextMenu();
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (QAction* action : menu->actions()) {
            const bool cut = isStandardAction(action, QStringLiteral("edit-cut"), QKeySequence::Cut);
            if (!cut && !isStandardAction(action, QStringLiteral("edit-copy"), QKeySequence::Copy))
                continue;
            QObject::disconnect(action, &QAction::triggered, edit, nullptr);
            connect(action, &QAction::triggered, this, [this, edit, cut] { copySelection(edit, cut); });
        }
        menu->popup(static_cast<QContextMenuEvent*>(event)->globalPos());
        return true;
    }
    return QObject::eventFilter(watched, event);
}
