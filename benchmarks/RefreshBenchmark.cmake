# The refresh benchmark, included from benchmarks/CMakeLists.txt: the main window's refresh of 1,000 sandbox domains
# beside a plain QNetworkAccessManager loop and a sequential curl loop. Driven by run-refresh-benchmark.sh.
qt_add_executable(bench-refresh ${CMAKE_CURRENT_LIST_DIR}/bench_refresh.cpp)
set_target_properties(bench-refresh PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
# dw_app for the real main window, built by the app's composition root: the window whose refresh is measured.
target_link_libraries(bench-refresh PRIVATE dw_app dw_core dw_compile_policy)
# The sandbox runs in a process of its own, so its work does not count against the client being measured.
add_dependencies(bench-refresh daily-webhooks-sandbox)
target_compile_definitions(bench-refresh PRIVATE DW_SANDBOX_PATH="$<TARGET_FILE:daily-webhooks-sandbox>")
# The window icon the app sets at start-up (AppComposition::applyIdentity), from the same file the app embeds.
qt_add_resources(bench-refresh bench_refresh_icons
    PREFIX /daily-webhooks
    BASE ${PROJECT_SOURCE_DIR}/resources
    FILES ${PROJECT_SOURCE_DIR}/resources/icons/daily-webhooks.svg)
