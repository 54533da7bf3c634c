# Sanitizer and fuzzing builds (see .ci/sanitize and docs/reliability.md).
#
#   -DRUPTAG_SANITIZE=address,undefined   every target built with these sanitizers;
#                                         the first error aborts (no recovery)
#   -DRUPTAG_FUZZ=ON                      (clang only) coverage instrumentation for
#                                         libFuzzer, and the fuzz targets of tests/fuzz
#
# The Debian static archives (yaml-cpp, RE2, utf8proc) are not instrumented; ASan and
# UBSan still check every call into them from our code, and their memory.
set(RUPTAG_SANITIZE "" CACHE STRING "Comma-separated sanitizers for every target (address,undefined)")
option(RUPTAG_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only)" OFF)

if(RUPTAG_SANITIZE)
  add_compile_options(-fsanitize=${RUPTAG_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${RUPTAG_SANITIZE} -fno-sanitize-recover=all)
endif()

if(RUPTAG_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RUPTAG_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
