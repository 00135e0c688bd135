# The local receiver of deliveries (src/receiver), included from tests/CMakeLists.txt.
#
#   tst_DeliveryStore  the SQLite store on a real file: rows whole, many rows in one commit or none, pages newest
#                      first with filters and counts (deep ones through an index of ids), the row limit, WAL,
#                      commits seen by another connection, a database left by a killed program
#   tst_Receiver       real HTTP on 127.0.0.1: the ping, every row stored before its answer, chosen answers and
#                      delays (the event loop keeps running), 413, malformed heads, concurrent load with verdicts

dw_add_test(tst_DeliveryStore LIBS dw_receiver)
dw_add_test(tst_Receiver LIBS dw_receiver dw_testsupport)
