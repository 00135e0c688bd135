// The clipboard secrets go through: marked for clipboard managers, cleared after the delay only while it still
// holds the secret, never with a delay of 0, cleared when the app quits, and line edits whose Copy and Cut (keys
// and context menu) go through it. The offscreen platform has a working in-process clipboard.

#include "SecretClipboard.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

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
        secrets.copy(kSecret);
        QVERIFY(clipboard()->text() == kSecret);
        QTest::qWait(100);
        QVERIFY(clipboard()->text() == kSecret); // not before its time
        QTRY_VERIFY_WITH_TIMEOUT(clipboard()->text().isEmpty(), 3000);
        QCOMPARE(cleared.count(), 1);
        QVERIFY(!secrets.isClearPending());
    }

    void notClearedWhenTheUserCopiedSomethingElse()
    {
        SecretClipboard secrets;
        secrets.setClearDelayMs(100);
        QSignalSpy cleared(&secrets, &SecretClipboard::cleared);
        secrets.copy(kSecret);
        clipboard()->setText(QStringLiteral("the user's own text"));
        QTRY_VERIFY_WITH_TIMEOUT(!secrets.isClearPending(), 3000);
        QTest::qWait(100);
        QCOMPARE(clipboard()->text(), QStringLiteral("the user's own text"));
        QCOMPARE(cleared.count(), 0);
    }

    void copyingAgainRestartsTheDelay()
    {
        SecretClipboard secrets;
        secrets.setClearDelayMs(1000);
        secrets.copy(kSecret);
        QTest::qWait(600);
        secrets.copy(kSecret);
        QTest::qWait(600); // 1200 ms after the first copy, 600 after the second
        QVERIFY(clipboard()->text() == kSecret);
        QTRY_VERIFY_WITH_TIMEOUT(clipboard()->text().isEmpty(), 3000);
    }

    void neverClearedWithZero()
    {
        auto secrets = std::make_unique<SecretClipboard>();
        secrets->setClearDelayMs(0);
        QSignalSpy cleared(secrets.get(), &SecretClipboard::cleared);
        secrets->copy(kSecret);
        QVERIFY(markedAsSecret());
        QVERIFY(!secrets->isClearPending());
        QTest::qWait(300);
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
        QTest::qWait(300);
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
