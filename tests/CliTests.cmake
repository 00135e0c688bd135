# The command line, included from tests/CMakeLists.txt.
#
#   tst_CliParser    arguments -> command or usage error, per verb, as a table; every verb's --help
#   tst_ExitCode     every ApiError kind -> its documented exit status
#   tst_CliOutput    tables, redaction and JSON as pure functions
#   tst_Cli          the built daily-webhooks-cli run as a process against an in-process sandbox (and a server
#                    answering 500, a dead port): every verb in both formats, exit codes, secrets never shown
#                    unless asked; domains verbs against a throw-away keychain, and --timeout against a Secret
#                    Service that never answers (support/with-hanging-keychain.sh, a D-Bus session per run)
#   tst_CliDeliveryCommands  receive and deliveries run as processes with their own data folder: lines and JSON,
#                    chosen answers, exit statuses, and kill -9 in the middle of a load (every delivery answered
#                    200 is in the database afterwards)
#   tst_CliManPage   every verb and option of --help is in the man page, which groff reads without warnings
#   tst_SecretsAudit a scripted session with distinctive secrets through every verb, plainly, with --verbose and
#                    with --json, the lab's too (receive, trigger, deliveries show/--curl/replay, verify); then every
#                    output and every file under the throw-away HOME (the deliveries database and its WAL also
#                    while receive runs) is searched for the secrets in every encoding they could leak in, with a
#                    positive control

dw_add_test(tst_CliParser LIBS dw_cli)
dw_add_test(tst_ExitCode LIBS dw_cli)
dw_add_test(tst_CliOutput LIBS dw_cli)

dw_add_test(tst_Cli LIBS dw_cli dw_sandbox dw_testsupport KEYRING)
target_compile_definitions(tst_Cli PRIVATE DW_CLI_PATH="$<TARGET_FILE:daily-webhooks-cli>"
    DW_HANGING_SECRET_SERVICE="$<TARGET_FILE:hanging-secret-service>"
    DW_WITH_HANGING_KEYCHAIN="${CMAKE_CURRENT_SOURCE_DIR}/support/with-hanging-keychain.sh")
add_dependencies(tst_Cli daily-webhooks-cli hanging-secret-service)
set_tests_properties(tst_Cli PROPERTIES TIMEOUT 300)

dw_add_test(tst_CliManPage LIBS dw_cli)
target_compile_definitions(tst_CliManPage PRIVATE DW_CLI_PATH="$<TARGET_FILE:daily-webhooks-cli>"
    DW_MAN_PAGE="${PROJECT_SOURCE_DIR}/packaging/daily-webhooks-cli.1")
add_dependencies(tst_CliManPage daily-webhooks-cli)

dw_add_test(tst_SecretsAudit LIBS dw_sandbox dw_testsupport KEYRING)
target_compile_definitions(tst_SecretsAudit PRIVATE DW_CLI_PATH="$<TARGET_FILE:daily-webhooks-cli>")
add_dependencies(tst_SecretsAudit daily-webhooks-cli)
set_tests_properties(tst_SecretsAudit PROPERTIES TIMEOUT 300)

dw_add_test(tst_CliDeliveryCommands LIBS dw_cli dw_receiver dw_testsupport)
target_compile_definitions(tst_CliDeliveryCommands PRIVATE DW_CLI_PATH="$<TARGET_FILE:daily-webhooks-cli>")
add_dependencies(tst_CliDeliveryCommands daily-webhooks-cli)
