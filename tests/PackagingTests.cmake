# Packaging and style checks, included from tests/CMakeLists.txt (enable_testing() is already on).
#
#   packaging_desktop_file  desktop-file-validate on the launcher entry (any error, warning or hint fails)
#   packaging_metainfo      appstreamcli validate --no-net on the AppStream metadata
#   format_check            clang-format --dry-run --Werror over src/, tests/ and benchmarks/
#   layer_check             every #include under src/ against the dependency rule of docs/ARCHITECTURE.md
#
# A missing tool never skips a check: the test is still defined, prints what to install and fails.

set(_dw_packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(_dw_app_id ${DW_APP_ID}) # the top-level CMakeLists.txt's

# A stand-in test command for a tool that is not installed: prints a message and exits non-zero.
set(_dw_missing_tool_script ${CMAKE_CURRENT_BINARY_DIR}/dw-missing-tool.cmake)
file(WRITE ${_dw_missing_tool_script}
    "message(FATAL_ERROR \"\${TOOL} was not found when the project was configured. \"\n"
    "    \"Install \${PACKAGE} (packaging/install-deps.sh does it), then re-run cmake.\")\n")

function(_dw_add_tool_test name tool_var tool package)
    find_program(${tool_var} ${tool})
    if(${tool_var})
        add_test(NAME ${name} COMMAND ${${tool_var}} ${ARGN})
    else()
        message(WARNING "${tool} not found: test '${name}' will fail until ${package} is installed")
        add_test(NAME ${name}
            COMMAND ${CMAKE_COMMAND} -DTOOL=${tool} -DPACKAGE=${package} -P ${_dw_missing_tool_script})
    endif()
    set_tests_properties(${name} PROPERTIES LABELS packaging)
endfunction()

_dw_add_tool_test(packaging_desktop_file DW_DESKTOP_FILE_VALIDATE desktop-file-validate desktop-file-utils
    ${_dw_packaging_dir}/${_dw_app_id}.desktop)
# desktop-file-validate exits 0 on hints; the launcher entry must produce no output at all.
set_tests_properties(packaging_desktop_file PROPERTIES FAIL_REGULAR_EXPRESSION ": (error|warning|hint): ")

_dw_add_tool_test(packaging_metainfo DW_APPSTREAMCLI appstreamcli appstream
    validate --no-net ${_dw_packaging_dir}/${_dw_app_id}.metainfo.xml)

add_test(NAME format_check
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/support/check-format.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(format_check PROPERTIES LABELS format)

# Qt Widgets' own include directory, so the check knows a widget header by name.
get_target_property(_dw_widgets_includes Qt6::Widgets INTERFACE_INCLUDE_DIRECTORIES)
list(FILTER _dw_widgets_includes INCLUDE REGEX "/QtWidgets$")
add_test(NAME layer_check
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/support/check-layers.sh ${PROJECT_SOURCE_DIR} "${_dw_widgets_includes}")
set_tests_properties(layer_check PROPERTIES LABELS layers)
