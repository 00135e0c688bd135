# The sandbox (embedded stand-in for Daily's API), included from tests/CMakeLists.txt.
#
#   tst_SandboxServer       raw HTTP against the sandbox: auth, validation, lifecycle, the signed ping, rate limit
#   tst_DailyClientSandbox  core's DailyClient against the sandbox: what the server received, every error kind
#   tst_SandboxValidator    the schema check as a table: accepted bodies, each problem's Joi-style text, their order,
#                           long input clipped

dw_add_test(tst_SandboxServer LIBS dw_sandbox dw_testsupport)
dw_add_test(tst_DailyClientSandbox LIBS dw_sandbox dw_core dw_testsupport)
dw_add_test(tst_SandboxValidator LIBS dw_sandbox)
