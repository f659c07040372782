# Delivery log, Bounces and Devices pages (issue 4): model tests fed with
# value snapshots, and live widget tests against a real core with a real
# upstream (tests/fixtures/upstream) and a real SMTP client on loopback.
foreach(test TestDeliveryLogModel TestBouncesModels TestDevicesModel TestKeyedRowsModel)
  relaydesk_add_qtest(${test}
    SOURCES ${test}.cpp
    LIBS relaydesk_ui relaydesk_core
    LABELS ui gui)
endforeach()
foreach(test TestDeliveryLogPage TestBouncesPage TestDevicesPage)
  relaydesk_add_qtest(${test}
    SOURCES ${test}.cpp LogPagesFixture.h
    LIBS relaydesk_ui relaydesk_core Qt6::Network
    LABELS ui gui integration
    TIMEOUT 180)
endforeach()
