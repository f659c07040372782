# Credentials, Accounts, Certificates, Blocked clients and Audit log pages
# (issue 5). Model tests fed with value snapshots; live page tests against a
# real core on loopback with real SMTP clients and a real upstream.
foreach(test TestCredentialsModel TestAccountsModel TestAuditModel)
  relaydesk_add_qtest(${test}
    SOURCES ${test}.cpp
    LIBS relaydesk_ui relaydesk_core
    LABELS ui gui security)
endforeach()
foreach(test TestAccountsPage TestCertificatesPage)
  relaydesk_add_qtest(${test}
    SOURCES ${test}.cpp
    LIBS relaydesk_ui relaydesk_core Qt6::Network
    LABELS ui gui security integration
    TIMEOUT 180)
endforeach()
relaydesk_add_qtest(TestAuditPage
  SOURCES TestAuditPage.cpp LogPagesFixture.h
  LIBS relaydesk_ui relaydesk_core Qt6::Network
  LABELS ui gui security integration
  TIMEOUT 180)

# Against a real Secret Service: gnome-keyring in a private D-Bus session,
# started by the auth tests' wrapper (registered by hand for the wrapper).
add_executable(TestCredentialsPage TestCredentialsPage.cpp)
target_link_libraries(TestCredentialsPage PRIVATE Qt6::Test relaydesk_ui relaydesk_core Qt6::Network)
target_include_directories(TestCredentialsPage PRIVATE ${PROJECT_SOURCE_DIR}/tests)
add_test(NAME TestCredentialsPage
  COMMAND ${PROJECT_SOURCE_DIR}/tests/core/auth/run-with-keyring.sh
          $<TARGET_FILE:TestCredentialsPage>)
set_tests_properties(TestCredentialsPage PROPERTIES LABELS "ui;gui;security;integration"
  TIMEOUT 180 ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

# No Secret Service at all: the banner, the explicit file-store choice.
relaydesk_add_qtest(TestCredentialsNoKeychain
  SOURCES TestCredentialsNoKeychain.cpp
  LIBS relaydesk_ui relaydesk_core
  LABELS ui gui security
  TIMEOUT 180)
