# Every fuzz target, one line each: dw_fuzz_target(<name> MAX_LEN <bytes> [DICT <file>] LIBS <libraries...>).
# fuzz_<name>.cpp holds its LLVMFuzzerTestOneInput, corpus/<name>/ its seeds and regressions/<name>/ the inputs that
# once failed. The fuzz build (DW_FUZZ, tests/fuzz/CMakeLists.txt) makes a libFuzzer program of each; the ordinary
# build (FuzzReplay.cmake) replays its corpus and regressions as a CTest test.

dw_fuzz_target(webhook_json MAX_LEN 16384 DICT json.dict LIBS dw_core)
dw_fuzz_target(api_error MAX_LEN 4096 DICT api_error.dict LIBS dw_core)
dw_fuzz_target(webhook_export MAX_LEN 16384 DICT json.dict LIBS dw_core)
dw_fuzz_target(bulk_domains MAX_LEN 4096 DICT bulk_domains.dict LIBS dw_core)
dw_fuzz_target(signature MAX_LEN 4096 DICT signature.dict LIBS dw_core)
dw_fuzz_target(sandbox_request MAX_LEN 8192 DICT json.dict LIBS dw_sandbox)
dw_fuzz_target(request_head MAX_LEN 8192 LIBS dw_core)
dw_fuzz_target(delivery_answer MAX_LEN 98304 DICT http_answer.dict LIBS dw_core)
