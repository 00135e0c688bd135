# Unit tests of the core library, included from tests/CMakeLists.txt.
#
#   tst_Webhook        parsing Daily's webhook object (current and legacy shapes, bad input) and toJson
#   tst_WebhookFields  Daily's field names written once: the names, the writable and the secret fields
#   tst_WebhookDraft   validation of what the user sends, the request body, changedFrom, basic auth, and the one
#                      reading of JSON into a draft (fromJson: types, nulls, unknown fields), fromWebhook, appliedTo
#   tst_UrlPolicy      the rules for API base URLs (https, http on loopback only) and webhook URLs; wire form
#   tst_Signature      Daily's delivery signature against the reference test vectors, base64 rules
#   tst_SignatureDiagnosis  the signature checker: the reference vectors both ways, one row per failing step
#   tst_SignatureHeaders  the checker's "paste headers": both headers found in raw lines, curl, JSON, Python, Ruby and
#                      CGI dumps, in any case; prose and other headers are not taken for them
#   tst_DeliveryRequest  the one builder of what Daily sends a webhook URL (ping, events), against those vectors
#   tst_DeliveryVerifier  the verdicts on a received request as tables: signature against candidate secrets (the
#                      reference vectors, seconds and ms, tolerance), basic auth, event type, id and ping from any body
#   tst_KnownWebhookSecrets  the secrets a local receiver checks with: the known webhooks whose URL points at its
#                      port (a table), labelled by domain, then the user's own
#   tst_EventCatalog   the built-in catalog of 32 event types and the catalog parser's errors
#   tst_TestEvent      test events of all 32 types: compact body, key order, fresh id and event_ts, a given
#                      payload, the signature checked with ReferenceSignature
#   tst_JsonBytes      JSON without whitespace between tokens, or indented for reading; strings, key order and
#                      numbers kept
#   tst_JsonBytes      JSON without whitespace between tokens, strings, key order and numbers kept
#   tst_DisplayText    elision, and bytes from a stranger judged plain text or escaped (controls, bidi, bad UTF-8)
#   tst_DeliverySender sending a delivery to a real loopback server: exact bytes, status, latency, answer cut,
#                      redirect not followed, refused, timeout, URL rule; exact answers in every framing, and those
#                      whose framing breaks the rules (a head beyond the bound, a bad length or chunk size) failing
#   tst_TestEventBatch "send one of each": all 32 types, one outcome each, signed, cancel
#   tst_ApiError       mapping of HTTP statuses, Daily's {error, info} bodies and network errors
#   tst_ApiRequest     pure request building: method, URL, headers, body
#   tst_HttpHeaders    the one lookup of header fields by name (any case, first wins) and their count
#   tst_HttpRequestGate  the gate in front of the sandbox's and the receiver's HTTP servers: request-head parser and
#                      framing rules as tables, whole requests only, screen before body, Expect, read buffers,
#                      connection bound (in front of a plain QHttpServer, which the test links itself)
#   tst_ImportPlan     where each configuration of an export file goes on import: named or chosen domain, one each
#   tst_DailyClient    the client against an exact-byte server: success, every error kind, timeout, cancel

dw_add_test(tst_Webhook LIBS dw_core)
dw_add_test(tst_WebhookFields LIBS dw_core)
dw_add_test(tst_WebhookDraft LIBS dw_core)
dw_add_test(tst_UrlPolicy LIBS dw_core)
dw_add_test(tst_Signature LIBS dw_core)
dw_add_test(tst_SignatureDiagnosis LIBS dw_core dw_testsupport)
dw_add_test(tst_SignatureHeaders LIBS dw_core)
dw_add_test(tst_DeliveryRequest LIBS dw_core)
dw_add_test(tst_DeliveryVerifier LIBS dw_core dw_testsupport)
dw_add_test(tst_KnownWebhookSecrets LIBS dw_core)
dw_add_test(tst_EventCatalog LIBS dw_core)
dw_add_test(tst_TestEvent LIBS dw_core dw_testsupport)
dw_add_test(tst_JsonBytes LIBS dw_core)
dw_add_test(tst_DisplayText LIBS dw_core)
dw_add_test(tst_DeliverySender LIBS dw_core dw_testsupport)
dw_add_test(tst_TestEventBatch LIBS dw_core dw_testsupport)
dw_add_test(tst_ApiError LIBS dw_core)
dw_add_test(tst_ApiRequest LIBS dw_core dw_testsupport)
dw_add_test(tst_HttpHeaders LIBS dw_core)
dw_add_test(tst_HttpRequestGate LIBS dw_core Qt6::HttpServer dw_testsupport)
dw_add_test(tst_ImportPlan LIBS dw_core)
dw_add_test(tst_RelativeTime LIBS dw_core)
dw_add_test(tst_HealthTransition LIBS dw_core)
dw_add_test(tst_DailyClient LIBS dw_core dw_testsupport)
# AppIdentity: the packaged desktop entry and AppStream metadata carry the code's id, names and binary.
dw_add_test(tst_AppIdentity LIBS dw_core)
target_compile_definitions(tst_AppIdentity PRIVATE DW_PACKAGING_DIR="${PROJECT_SOURCE_DIR}/packaging")
