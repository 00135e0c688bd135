# The desktop app's start: the mode a run works in, and the composition root that builds it.

# StartupMode: sandbox, DAILY_API_KEY or saved domains from the options; the refusals and their sentences.
dw_add_test(tst_StartupMode LIBS dw_app)
# AppComposition: what each mode builds, nothing of a sandbox or DAILY_API_KEY run in the user's keychain or
# domains, start() refreshing by itself, and the executable's refusals (exit 2, the same sentences on stderr).
dw_add_test(tst_AppComposition LIBS dw_app)
target_compile_definitions(tst_AppComposition PRIVATE DW_APP_PATH="$<TARGET_FILE:daily-webhooks>")
add_dependencies(tst_AppComposition daily-webhooks)
