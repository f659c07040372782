# Queue page, its model and the message detail (issue 4). Labels: ui gui.
relaydesk_add_qtest(TestQueueModel
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestQueueModel.cpp
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui
  TIMEOUT 300)
relaydesk_add_qtest(TestQueuePage
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestQueuePage.cpp
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui
  TIMEOUT 180)
relaydesk_add_qtest(TestMessageDetail
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestMessageDetail.cpp
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui
  TIMEOUT 180)
