# Settings page (issue 4, page 7): the form against a real core and real
# scripted upstreams (tests/fixtures/upstream/upstream.py). The INI writer's
# own tests are tests/core/config/TestConfigWriter.
relaydesk_add_qtest(TestSettingsPage
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestSettingsPage.cpp
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui config integration
  TIMEOUT 300)
