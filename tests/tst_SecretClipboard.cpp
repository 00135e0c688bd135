// The clipboard secrets go through: marked for clipboard managers, cleared after the delay only while it still
// holds the secret, never with a delay of 0, cleared when the app quits, and line edits whose Copy and Cut (keys
// and context menu) go through it. The offscreen platform has a working in-process clipboard.

#include "SecretClipboard.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

// Distinctive, and never printed: comparisons go through QVERIFY, not QCOMPARE.
const QString kSecret = QStringLiteral("c2VjcmV0Q2xpcGJvYXJkVGVzdFNlY3JldDAxMjM0NTY=");

QClipboard* clipboard()
{
    return QGuiApplication::clipboard();
}

bool markedAsSecret()
{
    const QMimeData* mime = clipboard()->mimeData();
    return mime && mime->data(SecretClipboard::PasswordManagerHintMimeType) == QByteArrayLiteral("secret");
}

// The clipboard's timer is a coarse one, which may fire up to 5 % early, then rounded to whole milliseconds: 10 %
// leaves room for both and still tells the delay from a fraction of it.
qint64 earliestFiring(int delayMs)
{
    return delayMs * 90 / 100;
}

// When the clipboard last became empty, in ms from this clock's start; -1 while it has not.
class ClearClock : public QObject
{
public:
    ClearClock()
    {
        m_clock.start();
        connect(clipboard(), &QClipboard::dataChanged, this, [this] {
            if (clipboard()->text().isEmpty())
                m_clearedAfterMs = m_clock.elapsed();
        });
    }
    qint64 clearedAfterMs() const { return m_clearedAfterMs; }

private:
    QElapsedTimer m_clock;
    qint64 m_clearedAfterMs = -1;
};

// A zero-delay timer started now has fired: whatever was posted or deferred to the next turn has run before it.
bool turnOfTheEventLoopPassed()
{
    QObject context;
    bool fired = false;
    QTimer::singleShot(0, &context, [&fired] { fired = true; });
    return QTest::qWaitFor([&fired] { return fired; }, 5000);
}

// A timer armed now for `delayMs` would have fired, even a coarse one that fires up to 5 % late (and rounded).
bool deadlinePassed(int delayMs)
{
    QObject context;
    bool fired = false;
    QTimer::singleShot(delayMs * 110 / 100 + 1, Qt::PreciseTimer, &context, [&fired] { fired = true; });
    return QTest::qWaitFor([&fired] { return fired; }, delayMs + 5000);
}

} // namespace

class tst_SecretClipboard : public QObject
{
    Q_OBJECT

private slots:
    void init() { clipboard()->clear(); }

    void copyMarksTheTextAsASecret()
    {
        SecretClipboard secrets;
        QCOMPARE(SecretClipboard::PasswordManagerHintMimeType, QStringLiteral("x-kde-passwordManagerHint"));
        secrets.copy(kSecret);
        QVERIFY(clipboard()->text() == kSecret);
        QVERIFY(markedAsSecret());
        QVERIFY(secrets.isClearPending()); // the default delay is not 0
        // A plain copy made afterwards carries no mark.
        clipboard()->setText(QStringLiteral("plain"));
        QVERIFY(!markedAsSecret());
    }

    void clearedAfterTheDelay()
    {
        SecretClipboard secrets;
        secrets.setClearDelayMs(500);
        QSignalSpy cleared(&secrets, &SecretClipboard::cleared);
        const ClearClock clock;
        secrets.copy(kSecret);
        QVERIFY(clipboard()->text() == kSecret);
        QTRY_VERIFY_WITH_TIMEOUT(clipboard()->text().isEmpty(), 3000);
        QCOMPARE(cleared.count(), 1);
        QVERIFY(!secrets.isClearPending());
        // Not before its time: when the clipboard emptied is measured, not guessed at by waiting.
        QVERIFY2(clock.clearedAfterMs() >= earliestFiring(500), qPrintable(QString::number(clock.clearedAfterMs())));
    }

    void notClearedWhenTheUserCopiedSomethingElse()
    {
        SecretClipboard secrets;
        secrets.setClearDelayMs(100);
        QSignalSpy cleared(&secrets, &SecretClipboard::cleared);
        secrets.copy(kSecret);
        clipboard()->setText(QStringLiteral("the user's own text"));
        // Once no clear is pending, the timer either fired (and decided, in the same turn of the event loop) or was
        // stopped: nothing is left that could still clear.
        QTRY_VERIFY_WITH_TIMEOUT(!secrets.isClearPending(), 3000);
        QCOMPARE(clipboard()->text(), QStringLiteral("the user's own text"));
        QCOMPARE(cleared.count(), 0);
    }

    void copyingAgainRestartsTheDelay()
    {
        SecretClipboard secrets;
        secrets.setClearDelayMs(1000);
        secrets.copy(kSecret);
        QTest::qWait(600); // the user copies again a while later
        const ClearClock clock;
        secrets.copy(kSecret);
        QTRY_VERIFY_WITH_TIMEOUT(clipboard()->text().isEmpty(), 3000);
        // The full delay counted from the second copy, not what was left of the first one's.
        QVERIFY2(clock.clearedAfterMs() >= earliestFiring(1000), qPrintable(QString::number(clock.clearedAfterMs())));
    }

    void neverClearedWithZero()
    {
        auto secrets = std::make_unique<SecretClipboard>();
        secrets->setClearDelayMs(0);
        QSignalSpy cleared(secrets.get(), &SecretClipboard::cleared);
        secrets->copy(kSecret);
        QVERIFY(markedAsSecret());
        QVERIFY(!secrets->isClearPending());
        // Nothing is armed; even a clear deferred to the next turn of the event loop would have come by now.
        QVERIFY(turnOfTheEventLoopPassed());
        QVERIFY(clipboard()->text() == kSecret);
        // Not on quit either: 0 means the user wants it to stay.
        secrets.reset();
        QVERIFY(clipboard()->text() == kSecret);
        QCOMPARE(cleared.count(), 0);
    }

    void zeroStopsAPendingClear()
    {
        SecretClipboard secrets;
        secrets.setClearDelayMs(100);
        secrets.copy(kSecret);
        secrets.setClearDelayMs(0);
        QVERIFY(!secrets.isClearPending());
        // Until after the moment the stopped clear would have come.
        QVERIFY(deadlinePassed(100));
        QVERIFY(clipboard()->text() == kSecret);
    }

    void quittingClearsAPendingSecret()
    {
        auto secrets = std::make_unique<SecretClipboard>();
        secrets->setClearDelayMs(60 * 1000);
        secrets->copy(kSecret);
        secrets.reset(); // what quitting does: the main window and its clipboard go away
        QVERIFY(clipboard()->text().isEmpty());

        // ...but not what the user copied since.
        secrets = std::make_unique<SecretClipboard>();
        secrets->setClearDelayMs(60 * 1000);
        secrets->copy(kSecret);
        clipboard()->setText(QStringLiteral("copied later"));
        secrets.reset();
        QCOMPARE(clipboard()->text(), QStringLiteral("copied later"));

        // The application's aboutToQuit does the same while the object is still alive.
        SecretClipboard alive;
        alive.setClearDelayMs(60 * 1000);
        alive.copy(kSecret);
        QVERIFY(QMetaObject::invokeMethod(qApp, "aboutToQuit", Qt::DirectConnection));
        QVERIFY(clipboard()->text().isEmpty());
    }

    void guardedLineEditCopiesThroughIt()
    {
        SecretClipboard secrets;
        QLineEdit edit;
        secrets.guard(&edit);
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        edit.setText(kSecret);

        // Masked: nothing is copied, as QLineEdit never copies a password field.
        edit.setEchoMode(QLineEdit::Password);
        edit.selectAll();
        clipboard()->setText(QStringLiteral("before"));
        QTest::keySequence(&edit, QKeySequence::Copy);
        QCOMPARE(clipboard()->text(), QStringLiteral("before"));

        // Shown: Ctrl+C copies the selection, marked as a secret.
        edit.setEchoMode(QLineEdit::Normal);
        edit.selectAll();
        QTest::keySequence(&edit, QKeySequence::Copy);
        QVERIFY(clipboard()->text() == kSecret);
        QVERIFY(markedAsSecret());
        QVERIFY(secrets.isClearPending());

        // Cut: marked too, and the selection is gone from the field.
        clipboard()->clear();
        edit.setSelection(0, 8);
        QTest::keySequence(&edit, QKeySequence::Cut);
        QVERIFY(clipboard()->text() == kSecret.left(8));
        QVERIFY(markedAsSecret());
        QVERIFY(edit.text() == kSecret.mid(8));

        // Unguarded, the line edit copies as usual (proves the guard is what made the difference).
        secrets.unguard(&edit);
        edit.selectAll();
        QTest::keySequence(&edit, QKeySequence::Copy);
        QVERIFY(clipboard()->text() == kSecret.mid(8));
        QVERIFY(!markedAsSecret());
    }

    void guardedContextMenuCopiesThroughIt()
    {
        SecretClipboard secrets;
        QLineEdit edit;
        secrets.guard(&edit);
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        edit.setText(kSecret);
        edit.selectAll();

        QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(4, 4), edit.mapToGlobal(QPoint(4, 4)));
        QApplication::sendEvent(&edit, &event);
        auto* menu = edit.findChild<QMenu*>();
        QVERIFY(menu);
        // The menu's Copy, found the way a person finds it: by its label.
        QAction* copy = nullptr;
        for (QAction* action : menu->actions()) {
            if (action->text().remove(QLatin1Char('&')).startsWith(QLatin1String("Copy")))
                copy = action;
        }
        QVERIFY(copy);
        QVERIFY(copy->isEnabled());
        copy->trigger();
        menu->close();
        QVERIFY(clipboard()->text() == kSecret);
        QVERIFY(markedAsSecret());
    }
};

QTEST_MAIN(tst_SecretClipboard)
#include "tst_SecretClipboard.moc"
