# The receiver benchmarks, included from benchmarks/CMakeLists.txt; run-receiver-benchmark.sh runs both.
# bench-receiver: deliveries per second stored and verified by the Receiver beside a bare QHttpServer answering 200,
# servers and client each in a process of their own.
qt_add_executable(bench-receiver ${CMAKE_CURRENT_LIST_DIR}/bench_receiver.cpp)
set_target_properties(bench-receiver PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
target_link_libraries(bench-receiver PRIVATE dw_receiver dw_core Qt6::HttpServer dw_compile_policy)
# bench-delivery-store: memory and query times of a store of 100,000 realistic deliveries beside an empty store.
qt_add_executable(bench-delivery-store ${CMAKE_CURRENT_LIST_DIR}/bench_delivery_store.cpp)
set_target_properties(bench-delivery-store PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
target_link_libraries(bench-delivery-store PRIVATE dw_receiver dw_core dw_compile_policy)
