# Widgets, the keychain and the main window driven as a person would, all headless.

dw_add_test(tst_SecretStore LIBS dw_core KEYRING)
# The same binary without any session bus: the keychain must report itself missing.
add_test(NAME tst_SecretStore_noKeychain COMMAND tst_SecretStore missingKeychainIsReported)
set_tests_properties(tst_SecretStore_noKeychain PROPERTIES
    ENVIRONMENT "DW_EXPECT_NO_KEYCHAIN=1;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/dw-test-bus;QT_QPA_PLATFORM=offscreen"
    TIMEOUT 60)

# The same binary against a Secret Service that never answers (a locked keyring waiting for its password),
# then against one that answers late: timeouts, and late answers dropped safely.
dw_add_hanging_keychain_test(tst_SecretStore_hangingKeychain tst_SecretStore timeoutWhenTheKeychainNeverAnswers)
dw_add_hanging_keychain_test(tst_SecretStore_lateKeychain tst_SecretStore lateAnswerAfterTheTimeoutIsDropped)
set_property(TEST tst_SecretStore_lateKeychain APPEND PROPERTY ENVIRONMENT "HANGING_SECRET_SERVICE_REPLY_AFTER=2")

# The main window on an in-process sandbox, built by the app's composition root (SandboxWorld), for the window's
# tests and the screenshot tour; ScriptedPrompts answers a window's or dialog's questions in code.
qt_add_library(dw_guitestsupport STATIC support/SandboxWorld.cpp support/SandboxWorld.h
    support/ScriptedPrompts.cpp support/ScriptedPrompts.h)
target_include_directories(dw_guitestsupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(dw_guitestsupport PUBLIC dw_app Qt6::Test dw_compile_policy)

dw_add_test(tst_WebhookForm LIBS dw_gui)
# SecretClipboard: the password-manager mark, clearing after a delay only while it still holds the secret, never
# with 0, on quit; line edits whose Copy and Cut go through it.
dw_add_test(tst_SecretClipboard LIBS dw_gui)
# The Settings dialog: every field shows the stored value and saves what was entered; the base URL rule as typed;
# the receiver's values out of range read as their defaults.
dw_add_test(tst_SettingsDialog LIBS dw_gui)
dw_add_test(tst_WebhookDetailPane LIBS dw_gui)
dw_add_test(tst_WebhookTableModel LIBS dw_gui)
# The request log as a table (QAbstractItemModelTester, QSignalSpy): rows follow the log, red failures, no key.
dw_add_test(tst_RequestLogModel LIBS dw_gui)
# The request-log pane: Copy as curl redacted, or revealed for one copy through the secret clipboard; Clear.
dw_add_test(tst_RequestLogPane LIBS dw_gui)
# ColumnFitter: a column widened for rows that arrive or grow, narrowed after removals, capped; a change of one row
# measures that row only, a sort measures nothing (ResizeToContents re-measured the whole column each time).
dw_add_test(tst_ColumnFitter LIBS dw_gui)
# The basic-auth dialog: base64 of "user:password", and the refusals with OK disabled.
dw_add_test(tst_BasicAuthDialog LIBS dw_gui)
# The error panel: sentence, next step, details shown, hidden and copied; plain messages; dismiss.
dw_add_test(tst_ErrorPanel LIBS dw_gui)
dw_add_test(tst_DomainsDialog LIBS dw_gui dw_guitestsupport)
# The History dialog over a real SQLite audit log: entries cut to the limits say so and are not recreated.
dw_add_test(tst_HistoryDialog LIBS dw_gui)
dw_add_test(tst_DesktopNotifier LIBS dw_gui KEYRING)
# The test-event window against a real server on 127.0.0.1: one event signed as Daily signs it (ReferenceSignature),
# status, latency and answer shown; Send off with the reason for a payload that is not JSON, a bad URL or secret;
# one of each in 32 rows; cancel; a refused connection and a redirect as sentences.
dw_add_test(tst_TestEventDialog LIBS dw_gui dw_testsupport)
# The signature checker window: the reference vector valid, the secret used as text named, pasted headers, a body
# file byte for byte, the secret in no result, the Python verification code on the clipboard.
dw_add_test(tst_SignatureCheckerDialog LIBS dw_gui dw_guitestsupport dw_testsupport)
dw_add_test(tst_MainWindow LIBS dw_guitestsupport dw_testsupport)
# The Deliveries window with its real receiver on a free port and a real store: deliveries sent over HTTP appear
# listed and in detail, known and added secrets make them valid, filters, chosen answers, forwards, Start and Stop,
# a taken port, rows of the CLI.
dw_add_test(tst_DeliveriesWindow LIBS dw_gui dw_testsupport)
# The Replay dialog: a stored row replayed byte for byte as received (Authorization given back or left out), re-signed
# verifying with the new secret, a bad URL or secret and an unreplayable row keeping Send off with the reason, a
# refused connection as a sentence with the fields kept.
dw_add_test(tst_DeliveryReplayDialog LIBS dw_gui dw_testsupport)

# Not a test: the program behind packaging/screenshots/take-screenshots.sh.
qt_add_executable(screenshot-tour support/screenshot-tour.cpp)
target_link_libraries(screenshot-tour PRIVATE dw_guitestsupport dw_compile_policy)
