# The verification code users copy (resources/verify/), included from tests/CMakeLists.txt.
#
#   tst_VerificationCode   the core accessor returns each file as it is on disk; tests/verify/vectors.json agrees
#                          with the reference computation and holds the reference's fixed vectors
#   verify_code_python     verify.py against tests/verify/vectors.json, with python3 (always installed)
#   verify_code_node       verify.js against the same cases, with Node.js; reported "Skipped" without it
#   verify_code_go         verify.go against the same cases with `go test`; reported "Skipped" without Go, which
#                          packaging/install-deps.sh does not install (about 330 MB)
#   *_catches_a_wrong_vector  the same runs with one expected answer flipped, which must fail (WILL_FAIL)

dw_add_test(tst_VerificationCode LIBS dw_core dw_testsupport)
target_compile_definitions(tst_VerificationCode PRIVATE DW_RESOURCES_DIR="${PROJECT_SOURCE_DIR}/resources"
    DW_VECTORS_FILE="${CMAKE_CURRENT_SOURCE_DIR}/verify/vectors.json")

find_program(DW_PYTHON3 python3 REQUIRED)
set(_dw_verify_dir ${CMAKE_CURRENT_SOURCE_DIR}/verify)
set(_dw_snippets ${PROJECT_SOURCE_DIR}/resources/verify)

add_test(NAME verify_code_python
    COMMAND ${DW_PYTHON3} ${_dw_verify_dir}/check_verify.py ${_dw_snippets}/verify.py ${_dw_verify_dir}/vectors.json)
add_test(NAME verify_code_python_catches_a_wrong_vector
    COMMAND ${DW_PYTHON3} ${_dw_verify_dir}/check_verify.py ${_dw_snippets}/verify.py ${_dw_verify_dir}/vectors.json
        --plant-wrong-vector)
add_test(NAME verify_code_node
    COMMAND ${_dw_verify_dir}/run-node-check.sh ${_dw_verify_dir}/check-verify.js ${_dw_snippets}/verify.js
        ${_dw_verify_dir}/vectors.json)
add_test(NAME verify_code_node_catches_a_wrong_vector
    COMMAND ${_dw_verify_dir}/run-node-check.sh ${_dw_verify_dir}/check-verify.js ${_dw_snippets}/verify.js
        ${_dw_verify_dir}/vectors.json --plant-wrong-vector)
add_test(NAME verify_code_go
    COMMAND ${_dw_verify_dir}/run-go-check.sh ${_dw_snippets}/verify.go ${_dw_verify_dir}/vectors_test.go
        ${_dw_verify_dir}/vectors.json)
set_tests_properties(verify_code_python_catches_a_wrong_vector verify_code_node_catches_a_wrong_vector
    PROPERTIES WILL_FAIL TRUE)
set_tests_properties(verify_code_node verify_code_node_catches_a_wrong_vector verify_code_go
    PROPERTIES SKIP_RETURN_CODE 77)
set_tests_properties(verify_code_python verify_code_python_catches_a_wrong_vector verify_code_node
    verify_code_node_catches_a_wrong_vector verify_code_go PROPERTIES TIMEOUT 120)
