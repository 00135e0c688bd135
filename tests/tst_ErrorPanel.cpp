// The error panel: a failed request as one sentence and the next step, the raw answer one click away (shown,
// hidden, copied), a plain message without details, and dismissing it.

#include "ApiError.h"
#include "ErrorPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>
#include <QToolButton>

namespace {

struct Panel
{
    QWidget window;
    ErrorPanel* panel = new ErrorPanel(&window);
    QLabel* message = panel->findChild<QLabel*>(QStringLiteral("messageLabel"));
    QLabel* hint = panel->findChild<QLabel*>(QStringLiteral("hintLabel"));
    QToolButton* detailsButton = panel->findChild<QToolButton*>(QStringLiteral("detailsButton"));
    QToolButton* copyButton = panel->findChild<QToolButton*>(QStringLiteral("copyDetailsButton"));
    QToolButton* dismissButton = panel->findChild<QToolButton*>(QStringLiteral("dismissButton"));
    QPlainTextEdit* detailsEdit = panel->findChild<QPlainTextEdit*>(QStringLiteral("detailsEdit"));

    Panel() { window.show(); }
    bool complete() const { return message && hint && detailsButton && copyButton && dismissButton && detailsEdit; }
};

ApiError verificationFailed()
{
    return ApiError::fromHttp(400,
        QByteArrayLiteral("{\"error\":\"invalid-request-error\","
                          "\"info\":\"non-200 status code returned from webhook endpoint, recvd 503\"}"));
}

} // namespace

class tst_ErrorPanel : public QObject
{
    Q_OBJECT

private slots:
    void hiddenUntilThereIsAnError()
    {
        Panel p;
        QVERIFY(p.complete());
        QVERIFY(p.panel->isHidden());
        QVERIFY(p.panel->message().isEmpty());
    }

    void showsTheSentenceTheStepAndTheDetailsOnRequest()
    {
        Panel p;
        QVERIFY(p.complete());
        const ApiError error = verificationFailed();
        p.panel->showError(error);
        QVERIFY(p.panel->isVisible());
        QCOMPARE(p.panel->message(), QStringLiteral("⚠ ") + error.message);
        QCOMPARE(p.hint->text(), error.hint);
        QVERIFY(!error.hint.isEmpty());
        QCOMPARE(p.panel->accessibleDescription(), error.message + QLatin1Char(' ') + error.hint);

        // The raw answer is one click away, not in the way.
        QCOMPARE(p.panel->details(), error.details());
        QVERIFY(p.panel->details().contains(QLatin1String("HTTP status: 400")));
        QVERIFY(p.panel->details().contains(QLatin1String("recvd 503")));
        QVERIFY(p.detailsButton->isVisible());
        QVERIFY(p.detailsEdit->isHidden());
        QTest::mouseClick(p.detailsButton, Qt::LeftButton);
        QVERIFY(p.detailsEdit->isVisible());
        QCOMPARE(p.detailsButton->text(), QStringLiteral("Hide &details"));
        QTest::mouseClick(p.detailsButton, Qt::LeftButton);
        QVERIFY(p.detailsEdit->isHidden());
        QCOMPARE(p.detailsButton->text(), QStringLiteral("Show &details"));

        QApplication::clipboard()->clear();
        QTest::mouseClick(p.copyButton, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), error.details());
    }

    void aNewErrorFoldsTheDetailsAgain()
    {
        Panel p;
        QVERIFY(p.complete());
        p.panel->showError(verificationFailed());
        QTest::mouseClick(p.detailsButton, Qt::LeftButton);
        QVERIFY(p.detailsEdit->isVisible());
        const ApiError other = ApiError::fromHttp(401, QByteArray());
        p.panel->showError(other);
        QVERIFY(p.detailsEdit->isHidden());
        QCOMPARE(p.panel->details(), other.details());
        QCOMPARE(p.panel->message(), QStringLiteral("⚠ ") + other.message);
    }

    void aPlainMessageHasNoDetails()
    {
        Panel p;
        QVERIFY(p.complete());
        p.panel->showError(verificationFailed());
        QTest::mouseClick(p.detailsButton, Qt::LeftButton);
        p.panel->showMessage(QStringLiteral("The keychain is locked."), QStringLiteral("Unlock it and try again."));
        QVERIFY(p.panel->isVisible());
        QCOMPARE(p.panel->message(), QStringLiteral("⚠ The keychain is locked."));
        QCOMPARE(p.hint->text(), QStringLiteral("Unlock it and try again."));
        QVERIFY(p.panel->details().isEmpty());
        QVERIFY(p.detailsButton->isHidden());
        QVERIFY(p.copyButton->isHidden());
        QVERIFY(p.detailsEdit->isHidden());
    }

    void dismissClearsAndHides()
    {
        Panel p;
        QVERIFY(p.complete());
        p.panel->showError(verificationFailed());
        QTest::mouseClick(p.dismissButton, Qt::LeftButton);
        QVERIFY(p.panel->isHidden());
        QVERIFY(p.panel->message().isEmpty());
        QVERIFY(p.panel->details().isEmpty());
        QVERIFY(p.hint->text().isEmpty());
        // Shown again, it starts folded.
        p.panel->showError(verificationFailed());
        QVERIFY(p.detailsEdit->isHidden());
    }
};

QTEST_MAIN(tst_ErrorPanel)
#include "tst_ErrorPanel.moc"
