# Sanitizer and fuzzing builds (issue 5, "Hardening evidence").
#
# RELAYDESK_SANITIZE: a list of sanitizers for the whole build, e.g.
#   cmake -B build-asan -DRELAYDESK_SANITIZE="address;undefined"
# Every target (core, GUI, daemon, tests) is compiled and linked with them,
# so the whole CTest suite runs under ASan+UBSan. UBSan findings abort the
# test (-fno-sanitize-recover) instead of scrolling past in the log.
#
# RELAYDESK_FUZZ: libFuzzer harnesses in tests/fuzz (targets fuzz_<name>,
# CTest label "fuzz"). Needs clang:
#   CC=clang CXX=clang++ cmake -B build-fuzz -DRELAYDESK_FUZZ=ON
# All code is compiled with coverage instrumentation plus ASan+UBSan
# (-fsanitize=fuzzer-no-link,...) so the fuzzers see into the core libraries;
# only the harness executables link the libFuzzer driver. Without the option
# the same harnesses are built against a small replay main and run over the
# seed corpus and the saved crash inputs as ordinary tests (label security).

set(RELAYDESK_SANITIZE "" CACHE STRING
    "Sanitizers for the whole build, e.g. address;undefined (empty: none)")
option(RELAYDESK_FUZZ "Build the libFuzzer harnesses (clang only)" OFF)

set(relaydesk_sanitize_flags "")
if(RELAYDESK_SANITIZE)
  list(JOIN RELAYDESK_SANITIZE "," relaydesk_sanitizers)
  list(APPEND relaydesk_sanitize_flags -fsanitize=${relaydesk_sanitizers}
       -fno-omit-frame-pointer)
  if("undefined" IN_LIST RELAYDESK_SANITIZE)
    list(APPEND relaydesk_sanitize_flags -fno-sanitize-recover=undefined)
  endif()
endif()

if(RELAYDESK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RELAYDESK_FUZZ needs clang: configure a separate build directory "
                        "with CC=clang CXX=clang++")
  endif()
  if(NOT BUILD_TESTING)
    message(FATAL_ERROR "RELAYDESK_FUZZ needs BUILD_TESTING (the harnesses live in tests/fuzz)")
  endif()
  # Coverage instrumentation everywhere; the driver is linked into the
  # fuzz_<name> executables only (tests/fuzz/CMakeLists.txt).
  list(APPEND relaydesk_sanitize_flags -fsanitize=fuzzer-no-link,address,undefined
       -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  # The harnesses use the libFuzzer entry point; the normal build gives
  # them a replay main instead.
  set(RELAYDESK_FUZZ_LINK_FLAGS -fsanitize=fuzzer,address,undefined)
endif()

if(relaydesk_sanitize_flags)
  list(REMOVE_DUPLICATES relaydesk_sanitize_flags)
  add_compile_options(${relaydesk_sanitize_flags})
  # Linking needs the runtimes; fuzzer-no-link adds nothing at link time.
  set(relaydesk_link_flags ${relaydesk_sanitize_flags})
  list(TRANSFORM relaydesk_link_flags REPLACE "fuzzer-no-link," "")
  add_link_options(${relaydesk_link_flags})
  message(STATUS "RelayDesk sanitizer flags: ${relaydesk_sanitize_flags}")
endif()
