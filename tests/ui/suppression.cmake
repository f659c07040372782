# The Bounces page's suppression list and bounce classification (issue 6):
# models, and the tabs against a real core with a real upstream.
relaydesk_add_qtest(TestSuppression
  SOURCES TestSuppression.cpp LogPagesFixture.h
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui bounce
  TIMEOUT 180)
