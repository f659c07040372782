# The GUI shell (issue 4): overview with chart and route health, tray and
# notifications, single instance. TestMainWindow is registered in
# CMakeLists.txt.
relaydesk_add_qtest(TestOverview
  SOURCES TestOverview.cpp
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui
  TIMEOUT 180)
relaydesk_add_qtest(TestTray
  SOURCES TestTray.cpp
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui
  TIMEOUT 180)
relaydesk_add_qtest(TestSingleInstance
  SOURCES TestSingleInstance.cpp
  LIBS relaydesk_ui Qt6::Network
  LABELS ui gui)
