# The ordinary build's side of the fuzz targets (tests/fuzz/FuzzTargets.cmake): each target's source, built with
# ReplayMain.cpp instead of libFuzzer, runs every file of corpus/<name>/ and regressions/<name>/ as a CTest test,
# so an input that once crashed stays a test. Included from tests/CMakeLists.txt.

set(DW_FUZZ_SOURCE_DIR ${CMAKE_CURRENT_LIST_DIR})

# The driver's main(), compiled once for every replay program.
add_library(dw_fuzz_replay STATIC ${DW_FUZZ_SOURCE_DIR}/ReplayMain.cpp)
set_target_properties(dw_fuzz_replay PROPERTIES AUTOMOC OFF AUTOUIC OFF)
target_link_libraries(dw_fuzz_replay PUBLIC Qt6::Core dw_compile_policy)

function(dw_fuzz_target name)
    cmake_parse_arguments(ARG "" "MAX_LEN;DICT" "LIBS" ${ARGN})
    qt_add_executable(fuzz_replay_${name} ${DW_FUZZ_SOURCE_DIR}/fuzz_${name}.cpp)
    set_target_properties(fuzz_replay_${name} PROPERTIES
        MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF AUTOMOC OFF AUTOUIC OFF)
    target_link_libraries(fuzz_replay_${name} PRIVATE dw_fuzz_replay dw_compile_policy ${ARG_LIBS})
    add_dependencies(check fuzz_replay_${name})
    add_test(NAME fuzz_replay_${name} COMMAND fuzz_replay_${name}
        ${DW_FUZZ_SOURCE_DIR}/corpus/${name} ${DW_FUZZ_SOURCE_DIR}/regressions/${name})
    set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz TIMEOUT 180)
endfunction()

include(${DW_FUZZ_SOURCE_DIR}/FuzzTargets.cmake)
