# The local receiver of deliveries (src/receiver), included from tests/CMakeLists.txt.
#
#   tst_DeliveryStore  the SQLite store on a real file: rows whole, many in one commit or none, keyset pages (newest first, and rows newer than a
#                      known one) with filters and counts, the row limit, WAL, commits seen by another connection, a
#                      database left by a killed program, Authorization redacted, in a head that could not be read too
#   tst_DeliveryListModel  the Deliveries list over a real store: pages as the view asks, filters, new rows on top
#                      without a reset only when they match, forwards in place, rows of another program, the count
#   tst_Receiver       real HTTP on 127.0.0.1: the ping, every row stored before its answer, chosen answers and
#                      delays (the event loop keeps running), 413, malformed heads, concurrent load with verdicts
#   tst_DeliveryReplay stored rows replayed to an ExactServer: as received (bytes, fields in order, path and query
#                      exact, Authorization given back or left out) and re-signed (verifies with the new secret
#                      only); malformed and refused rows, URLs outside the rule and secrets that are not base64
#   tst_DeliveryCurl   "Copy as curl" commands run by sh and bash with curl against an ExactServer: what arrives is
#                      the stored delivery and what a replay sends, byte for byte, whatever the body, headers and
#                      target hold (quotes, $(), NUL, CR, bytes that are not UTF-8), and nothing in them runs

dw_add_test(tst_DeliveryStore LIBS dw_receiver)
dw_add_test(tst_DeliveryListModel LIBS dw_receiver)
dw_add_test(tst_Receiver LIBS dw_receiver dw_testsupport)
dw_add_test(tst_DeliveryReplay LIBS dw_receiver dw_testsupport)
dw_add_test(tst_DeliveryCurl LIBS dw_receiver dw_testsupport)
