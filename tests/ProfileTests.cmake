# Domains (profiles), bulk add and webhook export/import, included from tests/CMakeLists.txt.
#
#   tst_Profile            the rules for domain names, API keys and base URLs
#   tst_BulkDomainParser   pasted or imported `name,key` lines: tolerated shapes and every problem
#   tst_WebhookExport      export -> import round trips exactly; secrets only when asked; every import error
#   tst_ProfileStore       profiles in QSettings and keys in a real Secret Service (throw-away gnome-keyring)

dw_add_test(tst_Profile LIBS dw_core)
dw_add_test(tst_BulkDomainParser LIBS dw_core)
dw_add_test(tst_WebhookExport LIBS dw_core)
dw_add_test(tst_ProfileStore LIBS dw_core KEYRING)
# The same binary without any session bus: add() must keep the key in memory and say the keychain refused it.
add_test(NAME tst_ProfileStore_noKeychain COMMAND tst_ProfileStore addWithoutKeychainKeepsKeyInMemory)
set_tests_properties(tst_ProfileStore_noKeychain PROPERTIES
    ENVIRONMENT "DW_EXPECT_NO_KEYCHAIN=1;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/dw-test-bus;QT_QPA_PLATFORM=offscreen"
    TIMEOUT 60)
# The same binary against a Secret Service that never answers: a bulk add stops at the first timeout.
dw_add_hanging_keychain_test(tst_ProfileStore_hangingKeychain tst_ProfileStore bulkStopsAfterATimeout)
