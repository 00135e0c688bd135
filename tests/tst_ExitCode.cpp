// Every kind of API failure, and every keychain answer, maps to the exit status the man page documents, so
// scripts can rely on it.

#include "ApiError.h"
#include "ExitCode.h"

#include <QTest>

class tst_ExitCode : public QObject
{
    Q_OBJECT

private slots:
    void kindToExitCode_data()
    {
        using Kind = ApiError::Kind;
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<ExitCode>("code");
        QTest::newRow("none is success") << Kind::None << ExitCode::Ok;
        QTest::newRow("missing key is auth") << Kind::MissingApiKey << ExitCode::Auth;
        QTest::newRow("401 is auth") << Kind::AuthenticationFailed << ExitCode::Auth;
        QTest::newRow("403 is auth") << Kind::Forbidden << ExitCode::Auth;
        QTest::newRow("failed ping is validation") << Kind::VerificationFailed << ExitCode::Validation;
        QTest::newRow("field error is validation") << Kind::Validation << ExitCode::Validation;
        QTest::newRow("second webhook is validation") << Kind::OneWebhookPerDomain << ExitCode::Validation;
        QTest::newRow("other 4xx is validation") << Kind::RequestRejected << ExitCode::Validation;
        QTest::newRow("404 is not found") << Kind::NotFound << ExitCode::NotFound;
        QTest::newRow("429 is Daily-side") << Kind::RateLimited << ExitCode::DailySide;
        QTest::newRow("5xx is Daily-side") << Kind::ServerError << ExitCode::DailySide;
        QTest::newRow("not Daily's JSON is Daily-side") << Kind::InvalidResponse << ExitCode::DailySide;
        QTest::newRow("DNS is network") << Kind::HostNotFound << ExitCode::Network;
        QTest::newRow("refused is network") << Kind::ConnectionRefused << ExitCode::Network;
        QTest::newRow("TLS is network") << Kind::Tls << ExitCode::Network;
        QTest::newRow("other network error") << Kind::Network << ExitCode::Network;
        QTest::newRow("timeout is network") << Kind::Timeout << ExitCode::Network;
        QTest::newRow("cancelled is network") << Kind::Cancelled << ExitCode::Network;
        QTest::newRow("a redirect has its own status") << Kind::Redirected << ExitCode::Redirect;
        QTest::newRow("an answer over the limit is Daily-side") << Kind::AnswerTooLarge << ExitCode::DailySide;
        QTest::newRow("an answer cut short is network") << Kind::AnswerIncomplete << ExitCode::Network;
        QTest::newRow("a forbidden base URL is usage") << Kind::UnsafeBaseUrl << ExitCode::Usage;
        QTest::newRow("a key a header cannot carry is auth") << Kind::InvalidApiKey << ExitCode::Auth;
        QTest::newRow("a reactivation that did not take is Daily-side")
            << Kind::StillNotDelivering << ExitCode::DailySide;
    }
    void kindToExitCode()
    {
        QFETCH(ApiError::Kind, kind);
        QFETCH(ExitCode, code);
        QCOMPARE(exitCodeFor(kind), code);
    }

    void keyProblemToExitCode_data()
    {
        using Kind = KeyProblem::Kind;
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<ExitCode>("code");
        QTest::newRow("no problem is success") << Kind::None << ExitCode::Ok;
        QTest::newRow("a domain that is gone is usage") << Kind::UnknownDomain << ExitCode::Usage;
        QTest::newRow("no key stored is auth") << Kind::NoKey << ExitCode::Auth;
        QTest::newRow("a key a header cannot carry is auth") << Kind::UnusableKey << ExitCode::Auth;
        QTest::newRow("a keychain that refused is auth") << Kind::KeychainFailed << ExitCode::Auth;
        QTest::newRow("no answer in time is its own status") << Kind::KeychainTimedOut << ExitCode::KeychainTimeout;
    }
    void keyProblemToExitCode()
    {
        QFETCH(KeyProblem::Kind, kind);
        QFETCH(ExitCode, code);
        QCOMPARE(exitCodeFor(kind), code);
    }

    void deliveryToExitCode_data()
    {
        using Failure = DeliveryResult::Failure;
        QTest::addColumn<int>("status");
        QTest::addColumn<Failure>("failure");
        QTest::addColumn<ExitCode>("code");
        QTest::newRow("200 is success") << 200 << Failure::None << ExitCode::Ok;
        QTest::newRow("204 is success") << 204 << Failure::None << ExitCode::Ok;
        QTest::newRow("a redirect is not accepted") << 302 << Failure::None << ExitCode::NotAccepted;
        QTest::newRow("500 is not accepted") << 500 << Failure::None << ExitCode::NotAccepted;
        QTest::newRow("no answer is network") << 0 << Failure::ConnectionRefused << ExitCode::Network;
        QTest::newRow("a timeout is network") << 0 << Failure::Timeout << ExitCode::Network;
        QTest::newRow("a refused URL is validation") << 0 << Failure::UrlRefused << ExitCode::Validation;
    }
    void deliveryToExitCode()
    {
        QFETCH(int, status);
        QFETCH(DeliveryResult::Failure, failure);
        QFETCH(ExitCode, code);
        DeliveryResult result;
        result.httpStatus = status;
        result.failure = failure;
        QCOMPARE(exitCodeFor(result), code);
    }

    void numbersAreThePublishedOnes()
    {
        // Scripts hard-code these numbers; the man page and --help list them.
        QCOMPARE(int(ExitCode::Ok), 0);
        QCOMPARE(int(ExitCode::Failure), 1);
        QCOMPARE(int(ExitCode::Usage), 2);
        QCOMPARE(int(ExitCode::Auth), 3);
        QCOMPARE(int(ExitCode::Validation), 4);
        QCOMPARE(int(ExitCode::Network), 5);
        QCOMPARE(int(ExitCode::DailySide), 6);
        QCOMPARE(int(ExitCode::NotFound), 7);
        QCOMPARE(int(ExitCode::Redirect), 8);
        QCOMPARE(int(ExitCode::KeychainTimeout), 9);
        QCOMPARE(int(ExitCode::NotAccepted), 10);
    }

    void everyKindIsCovered()
    {
        // The table above names each kind once; a kind added to ApiError must be added there too.
        const int last = int(ApiError::Kind::Cancelled);
        for (int k = 0; k <= last; ++k) {
            const ExitCode code = exitCodeFor(ApiError::Kind(k));
            // Usage only for a base URL the user gave: that is a wrong argument, not a failure of the API.
            const bool usageAllowed = ApiError::Kind(k) == ApiError::Kind::UnsafeBaseUrl;
            QVERIFY2(code != ExitCode::Failure && (usageAllowed || code != ExitCode::Usage),
                qPrintable(ApiError::kindName(ApiError::Kind(k))));
        }
        QCOMPARE(last + 1, 24);
    }
};

QTEST_GUILESS_MAIN(tst_ExitCode)
#include "tst_ExitCode.moc"
