# Saved domains, bulk add and webhook export/import, included from tests/CMakeLists.txt.
#
#   tst_Domain             the rules for domain names, API keys and base URLs
#   tst_BulkDomainParser   pasted or imported `name,key` lines: tolerated shapes and every problem
#   tst_WebhookExport      export -> import round trips exactly; secrets only when asked; every import error
#   tst_DomainStore        domains in QSettings and keys in a real Secret Service (throw-away gnome-keyring)

dw_add_test(tst_Domain LIBS dw_core)
dw_add_test(tst_BulkDomainParser LIBS dw_core)
dw_add_test(tst_WebhookExport LIBS dw_core)
dw_add_test(tst_DomainStore LIBS dw_core KEYRING)
# The same binary without any session bus: add() must keep the key in memory and say the keychain refused it.
add_test(NAME tst_DomainStore_noKeychain COMMAND tst_DomainStore addWithoutKeychainKeepsKeyInMemory)
set_tests_properties(tst_DomainStore_noKeychain PROPERTIES
    ENVIRONMENT "DW_EXPECT_NO_KEYCHAIN=1;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/dw-test-bus;QT_QPA_PLATFORM=offscreen"
    TIMEOUT 60)
# The same binary against a Secret Service that never answers: a bulk add stops at the first timeout.
dw_add_hanging_keychain_test(tst_DomainStore_hangingKeychain tst_DomainStore bulkStopsAfterATimeout)
