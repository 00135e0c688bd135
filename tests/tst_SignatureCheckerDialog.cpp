// The signature checker window driven by its widgets: the reference vector (reference/daily-api.md §3) is valid,
// a signature keyed with the secret's text is named as that mistake, pasted header lines fill both fields, a
// body opened from a file counts byte for byte (CRLF that typed text cannot hold), the secret appears in no
// result, and "Copy verification code" puts the Python function on the clipboard.

#include "Limits.h"
#include "ReferenceSignature.h"
#include "ScriptedPrompts.h"
#include "SignatureCheckerDialog.h"
#include "StallMeter.h"
#include "VerificationCode.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

// reference/daily-api.md §3, "Test vectors".
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QByteArray kBody = QByteArrayLiteral(
    "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"met-sta-f2aa1ade-ff80-464c-b46e-50ffa577d48d-"
    "1708526032\",\"payload\":{\"start_ts\":1708526032.672,\"meeting_id\":\"f2aa1ade-ff80-464c-b46e-50ffa577d48d\","
    "\"room\":\"TrPmUX1DzjSwDaAFDfNj\"},\"event_ts\":1708526033.049}");
const QString kMilliseconds = QStringLiteral("1708526033049");
const QString kSignatureMilliseconds = QStringLiteral("97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=");

template<typename T>
T* child(QWidget* parent, const char* name)
{
    auto* widget = parent->findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no child named %s", name);
    return widget;
}

QString verdictOf(QWidget* dialog)
{
    return child<QLabel>(dialog, "verdictLabel")->text();
}

// Every text the window shows outside the secret's own field.
QStringList shownTexts(QWidget* dialog)
{
    QStringList texts;
    for (const QLabel* label : dialog->findChildren<QLabel*>())
        texts << label->text() << label->toolTip() << label->accessibleDescription();
    for (const QLineEdit* edit : dialog->findChildren<QLineEdit*>()) {
        if (edit->objectName() != QLatin1String("secretEdit"))
            texts << edit->text();
    }
    for (const QPlainTextEdit* edit : dialog->findChildren<QPlainTextEdit*>())
        texts << edit->toPlainText();
    return texts;
}

// The object names focus visits from `from` on, pressing Tab `count` times, as a keyboard user moves.
QStringList tabOrder(QWidget* from, int count)
{
    QStringList names;
    from->setFocus();
    for (int i = 0; i < count; ++i) {
        QWidget* focused = QApplication::focusWidget();
        names << (focused ? focused->objectName() : QString());
        QTest::keyClick(focused, Qt::Key_Tab);
    }
    return names;
}

} // namespace

class tst_SignatureCheckerDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(ReferenceSignature::matchesTheFixedVectors());
        QCOMPARE(ReferenceSignature::of(kSecret, kMilliseconds.toLatin1(), kBody), kSignatureMilliseconds.toLatin1());
    }

    void defaultState()
    {
        SignatureCheckerDialog dialog;
        dialog.show();
        QVERIFY(verdictOf(&dialog).startsWith(QLatin1String("Fill in")));
        QVERIFY(child<QWidget>(&dialog, "detailsWidget")->isHidden());
        QCOMPARE(child<QLineEdit>(&dialog, "secretEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(child<QWidget>(&dialog, "openBodyButton")->isHidden()); // no way to ask for a file
        auto* languages = child<QComboBox>(&dialog, "languageCombo");
        QCOMPARE(languages->count(), 3);
        QVERIFY(languages->findText(QStringLiteral("Python")) >= 0);
        QVERIFY(child<QLabel>(&dialog, "bodyNoteLabel")->text().contains(QLatin1String("byte for byte")));
        for (const char* name : {"headersEdit", "timestampEdit", "signatureEdit", "bodyEdit", "secretEdit"}) {
            bool labelled = false;
            for (const QLabel* label : dialog.findChildren<QLabel*>())
                labelled = labelled || label->buddy() == child<QWidget>(&dialog, name);
            QVERIFY2(labelled, name);
            QVERIFY2(!child<QWidget>(&dialog, name)->accessibleName().isEmpty(), name);
        }
    }

    void tabFollowsTheForm()
    {
        ScriptedPrompts prompts;
        SignatureCheckerDialog dialog(&prompts);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        child<QLineEdit>(&dialog, "timestampEdit")->setText(kMilliseconds);
        dialog.check();
        QTRY_VERIFY(dialog.isUpToDate());
        // The inputs top to bottom, the results, then the verification code.
        const QStringList expected {QStringLiteral("headersEdit"), QStringLiteral("timestampEdit"),
            QStringLiteral("signatureEdit"), QStringLiteral("bodyEdit"), QStringLiteral("openBodyButton"),
            QStringLiteral("secretEdit"), QStringLiteral("secretRevealButton"), QStringLiteral("expectedValue"),
            QStringLiteral("receivedValue"), QStringLiteral("languageCombo"), QStringLiteral("copyCodeButton")};
        QCOMPARE(tabOrder(child<QWidget>(&dialog, "headersEdit"), int(expected.size())), expected);
    }

    void theReferenceVectorIsValid()
    {
        SignatureCheckerDialog dialog;
        dialog.show();
        child<QLineEdit>(&dialog, "timestampEdit")->setText(kMilliseconds);
        child<QLineEdit>(&dialog, "signatureEdit")->setText(kSignatureMilliseconds);
        child<QPlainTextEdit>(&dialog, "bodyEdit")->setPlainText(QString::fromUtf8(kBody));
        // The secret typed as a person types it; the verdict follows by itself.
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), kSecret);
        QTRY_VERIFY(dialog.isUpToDate());
        QVERIFY2(verdictOf(&dialog).startsWith(QStringLiteral("✔ Valid")), qPrintable(verdictOf(&dialog)));
        QCOMPARE(dialog.body(), kBody);
        QCOMPARE(child<QLineEdit>(&dialog, "expectedValue")->text(), kSignatureMilliseconds);
        QCOMPARE(child<QLineEdit>(&dialog, "receivedValue")->text(), kSignatureMilliseconds);
        QVERIFY(!child<QWidget>(&dialog, "detailsWidget")->isHidden());
        QVERIFY(
            child<QLabel>(&dialog, "bodyNoteLabel")->text().startsWith(QStringLiteral("%1 byte").arg(kBody.size())));
        for (const QString& text : shownTexts(&dialog))
            QVERIFY2(!text.contains(kSecret), qPrintable(text));

        // Show reveals the secret in its own field only.
        QTest::mouseClick(child<QToolButton>(&dialog, "secretRevealButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(&dialog, "secretEdit")->echoMode(), QLineEdit::Normal);
    }

    void theSecretUsedAsTextIsNamed()
    {
        SignatureCheckerDialog dialog;
        dialog.show();
        // HMAC keyed with the secret's characters, as code that forgets to decode it computes.
        const QByteArray wrong
            = ReferenceSignature::of(QString::fromLatin1(kSecret.toUtf8().toBase64()), kMilliseconds.toLatin1(), kBody);
        child<QLineEdit>(&dialog, "timestampEdit")->setText(kMilliseconds);
        child<QLineEdit>(&dialog, "signatureEdit")->setText(QString::fromLatin1(wrong));
        child<QPlainTextEdit>(&dialog, "bodyEdit")->setPlainText(QString::fromUtf8(kBody));
        child<QLineEdit>(&dialog, "secretEdit")->setText(kSecret);
        dialog.check();
        QTRY_VERIFY(dialog.isUpToDate());
        QVERIFY2(verdictOf(&dialog).startsWith(QStringLiteral("✘ Not valid")), qPrintable(verdictOf(&dialog)));
        QVERIFY(child<QLabel>(&dialog, "explanationValue")
                    ->text()
                    .startsWith(QLatin1String("The secret's text was used as the HMAC key")));
        QCOMPARE(child<QLabel>(&dialog, "stepValue")->text(), QStringLiteral("secret-used-as-text"));
        QCOMPARE(child<QLineEdit>(&dialog, "expectedValue")->text(), kSignatureMilliseconds);
        QCOMPARE(child<QLineEdit>(&dialog, "receivedValue")->text(), QString::fromLatin1(wrong));
        QVERIFY(child<QLabel>(&dialog, "explanationValue")->text().contains(QLatin1String("base64-decoded")));
        QVERIFY(!child<QLabel>(&dialog, "nextStepValue")->text().isEmpty());
        for (const QString& text : shownTexts(&dialog))
            QVERIFY2(!text.contains(kSecret), qPrintable(text));
    }

    void missingInputsAreNamed()
    {
        SignatureCheckerDialog dialog;
        child<QLineEdit>(&dialog, "timestampEdit")->setText(kMilliseconds);
        child<QPlainTextEdit>(&dialog, "bodyEdit")->setPlainText(QString::fromUtf8(kBody));
        child<QLineEdit>(&dialog, "secretEdit")->setText(kSecret);
        dialog.check();
        QTRY_VERIFY(dialog.isUpToDate());
        QVERIFY2(verdictOf(&dialog).startsWith(QStringLiteral("⚠ Cannot check yet")), qPrintable(verdictOf(&dialog)));
        QVERIFY(child<QLabel>(&dialog, "explanationValue")
                    ->text()
                    .contains(QLatin1String("X-Webhook-Signature value is missing")));
        QCOMPARE(child<QLabel>(&dialog, "stepValue")->text(), QStringLiteral("missing-signature"));
    }

    void pastedHeadersFillBothFields()
    {
        SignatureCheckerDialog dialog;
        dialog.show();
        QGuiApplication::clipboard()->setText(QStringLiteral("POST /webhooks HTTP/1.1\r\nHost: localhost:3000\r\n"
                                                             "content-type: application/json\r\n"
                                                             "x-webhook-signature: %1\r\nx-webhook-timestamp: %2\r\n")
                                                  .arg(kSignatureMilliseconds, kMilliseconds));
        auto* headers = child<QPlainTextEdit>(&dialog, "headersEdit");
        headers->setFocus();
        QTest::keyClick(headers, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(child<QLineEdit>(&dialog, "timestampEdit")->text(), kMilliseconds);
        QCOMPARE(child<QLineEdit>(&dialog, "signatureEdit")->text(), kSignatureMilliseconds);
        auto* status = child<QLabel>(&dialog, "headersStatusLabel");
        QVERIFY(!status->isHidden());
        QVERIFY(status->text().startsWith(QLatin1String("Found X-Webhook-Timestamp and X-Webhook-Signature")));

        child<QPlainTextEdit>(&dialog, "bodyEdit")->setPlainText(QString::fromUtf8(kBody));
        child<QLineEdit>(&dialog, "secretEdit")->setText(kSecret);
        QTRY_VERIFY(verdictOf(&dialog).startsWith(QStringLiteral("✔ Valid")));

        headers->setPlainText(QStringLiteral("Content-Type: application/json"));
        QVERIFY(status->text().startsWith(QLatin1String("No X-Webhook-Timestamp or X-Webhook-Signature")));
        QCOMPARE(child<QLineEdit>(&dialog, "timestampEdit")->text(), kMilliseconds); // nothing found, nothing lost
    }

    void aBodyFromAFileCountsByteForByte()
    {
        // A body with CRLF line ends: a text field cannot hold it, a file can.
        const QByteArray crlfBody = QByteArrayLiteral("{\"test\":\r\n\"test\"}\r\n");
        const QByteArray signature = ReferenceSignature::of(kSecret, kMilliseconds.toLatin1(), crlfBody);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("delivery.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(crlfBody);
        file.close();

        ScriptedPrompts prompts;
        prompts.fileName = file.fileName();
        SignatureCheckerDialog dialog(&prompts);
        dialog.show();
        child<QLineEdit>(&dialog, "timestampEdit")->setText(kMilliseconds);
        child<QLineEdit>(&dialog, "signatureEdit")->setText(QString::fromLatin1(signature));
        child<QLineEdit>(&dialog, "secretEdit")->setText(kSecret);
        auto* open = child<QPushButton>(&dialog, "openBodyButton");
        QVERIFY(!open->isHidden());
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(prompts.fileQuestions, 1);
        QCOMPARE(dialog.body(), crlfBody);
        QTRY_VERIFY(dialog.isUpToDate());
        QVERIFY2(verdictOf(&dialog).startsWith(QStringLiteral("✔ Valid")), qPrintable(verdictOf(&dialog)));
        QVERIFY(child<QLabel>(&dialog, "bodyNoteLabel")->text().contains(QLatin1String("delivery.json")));

        QVERIFY(child<QPlainTextEdit>(&dialog, "bodyEdit")->isReadOnly());

        // Clear lets go of the file; the same text typed has LF line ends and no longer matches.
        auto* clear = child<QPushButton>(&dialog, "clearBodyButton");
        QVERIFY(!clear->isHidden());
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(clear->isHidden());
        auto* body = child<QPlainTextEdit>(&dialog, "bodyEdit");
        QVERIFY(!body->isReadOnly());
        QVERIFY(dialog.body().isEmpty());
        QTest::keyClicks(body, QStringLiteral("{\"test\":"));
        QTest::keyClick(body, Qt::Key_Return);
        QTest::keyClicks(body, QStringLiteral("\"test\"}"));
        QTest::keyClick(body, Qt::Key_Return);
        QCOMPARE(dialog.body(), QByteArrayLiteral("{\"test\":\n\"test\"}\n"));
        QTRY_VERIFY(dialog.isUpToDate());
        QVERIFY(verdictOf(&dialog).startsWith(QStringLiteral("✘ Not valid")));
        QCOMPARE(child<QLabel>(&dialog, "stepValue")->text(), QStringLiteral("body-line-ending-changed"));
    }

    void aLargeBodyIsCheckedWithoutFreezingTheWindow()
    {
        // Redoing every usual mistake over a body of the largest size a receiver accepts takes a while: not on the
        // window's thread.
        QByteArray large
            = "{\"payload\":{\"a\":\"" + QByteArray(Limits::MaxRequestBodyBytes - 40, 'x') + "\",\"b\":[1,2]}}";
        QVERIFY(large.size() <= Limits::MaxRequestBodyBytes);
        ScriptedPrompts prompts;
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("large.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(large);
        file.close();
        prompts.fileName = file.fileName();
        SignatureCheckerDialog dialog(&prompts);
        dialog.show();
        child<QLineEdit>(&dialog, "timestampEdit")->setText(kMilliseconds);
        child<QLineEdit>(&dialog, "signatureEdit")->setText(kSignatureMilliseconds);
        child<QLineEdit>(&dialog, "secretEdit")->setText(kSecret);
        QTest::mouseClick(child<QPushButton>(&dialog, "openBodyButton"), Qt::LeftButton);
        QCOMPARE(dialog.body(), large);
        QCOMPARE(child<QPlainTextEdit>(&dialog, "bodyEdit")->toPlainText().size(), Limits::MaxShownBodyBytes);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isUpToDate(), 30000);

        StallMeter stalls;
        stalls.start();
        dialog.check();
        QVERIFY(!dialog.isUpToDate());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isUpToDate(), 30000);
        QTRY_VERIFY(stalls.ticks() > 3);
        stalls.stop();
        QVERIFY2(stalls.longestMs() < 50, qPrintable(QString::number(stalls.longestMs())));
        QVERIFY2(verdictOf(&dialog).startsWith(QStringLiteral("✘ Not valid")), qPrintable(verdictOf(&dialog)));
    }

    void copyVerificationCodePutsTheFunctionOnTheClipboard()
    {
        SignatureCheckerDialog dialog;
        dialog.show();
        QGuiApplication::clipboard()->clear();
        auto* languages = child<QComboBox>(&dialog, "languageCombo");
        languages->setCurrentIndex(languages->findText(QStringLiteral("Python")));
        QTest::mouseClick(child<QPushButton>(&dialog, "copyCodeButton"), Qt::LeftButton);
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied, VerificationCode::of(VerificationCode::Language::Python));
        QVERIFY(copied.contains(QLatin1String("def ")));
        QVERIFY(copied.contains(QLatin1String("hmac.compare_digest")));
        QVERIFY(child<QLabel>(&dialog, "copyStatusLabel")->text().startsWith(QLatin1String("The Python function")));
    }
};

QTEST_MAIN(tst_SignatureCheckerDialog)
#include "tst_SignatureCheckerDialog.moc"
