# The Deliveries window benchmark, included from benchmarks/CMakeLists.txt: the window's event-loop stalls while
# it receives 1,000 signed deliveries a second from another process, beside its Receiver alone; its memory on
# 100,000 stored deliveries beside an empty store. Driven by run-deliveries-window-benchmark.sh.
qt_add_executable(bench-deliveries-window ${CMAKE_CURRENT_LIST_DIR}/bench_deliveries_window.cpp)
set_target_properties(bench-deliveries-window PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
# dw_gui for the real window; dw_testsupport for StallMeter, the tests' measure of a stall.
target_link_libraries(bench-deliveries-window PRIVATE dw_gui dw_receiver dw_core dw_testsupport Qt6::Sql
    dw_compile_policy)
