# Refreshing many domains at once, included from tests/CMakeLists.txt.
#
#   tst_RateLimiter       the per-key limiter as a table of explicit times, and a simulation with random latencies
#                         showing that no window at the server ever holds more than the limit
#   tst_DomainRefresher   DomainRefresher against the sandbox: many domains, wrong keys, dead and hanging servers,
#                         shared keys, 429s with backoff, concurrency, joining, cancel, event-loop stalls
#   tst_DomainStates      the core store of every domain's state: order, replacement, removal, following the saved
#                         domains as they are added, renamed and removed
#   tst_WebhookOperations the operations layer against an in-process sandbox, verb by verb: the result, the domain's
#                         state and the audit entry; keys trimmed, checked and kept for the session; a reactivation
#                         that does not take is an error; import from a fresh list; refreshes of every domain through
#                         the refresher (429 backoff); audit failures reported with the change kept

dw_add_test(tst_RateLimiter LIBS dw_core)
dw_add_test(tst_DomainRefresher LIBS dw_sandbox dw_core dw_testsupport)
dw_add_test(tst_DomainStates LIBS dw_core)
dw_add_test(tst_WebhookOperations LIBS dw_core dw_sandbox)
