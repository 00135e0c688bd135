# Pre-flight check, request log and audit log, included from tests/CMakeLists.txt.
#
#   tst_PreflightCheck  the signed {"test":"test"} ping against exact-byte servers: 200, 500, redirect, a hang past
#                       the time limit, refused, TLS problems, unsigned; the verdicts as a table
#   tst_RequestLog      redaction and curl rendering as tables, shell quoting through bash, and the log attached
#                       to a DailyClient against the sandbox
#   tst_AuditLog        the SQLite audit log with a real Secret Service: record, read back, recreate a deleted
#                       webhook with its old secret, no secret in the database file, reopening, schema version and
#                       migration, values over the limits kept cut and marked (a 4 MB URL keeps the file small),
#                       recreate refusing a cut configuration

dw_add_test(tst_PreflightCheck LIBS dw_core dw_testsupport)
dw_add_test(tst_RequestLog LIBS dw_core dw_sandbox dw_testsupport)
dw_add_test(tst_AuditLog LIBS dw_core KEYRING)
