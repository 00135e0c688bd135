# The bulk import benchmark, included from benchmarks/CMakeLists.txt: 2,000 domains with their keys, the app's
# DomainStore::addBulk() beside the path it replaced, bare QtKeychain writes and the Secret Service itself, each
# on a throw-away gnome-keyring. Driven by run-bulk-import-benchmark.sh.
qt_add_executable(bench-bulk-import ${CMAKE_CURRENT_LIST_DIR}/bench_bulk_import.cpp)
set_target_properties(bench-bulk-import PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
# Qt D-Bus for the Secret Service without QtKeychain, to see whether the keyring takes several writes at once.
target_link_libraries(bench-bulk-import PRIVATE dw_core Qt6::DBus dw_compile_policy)
