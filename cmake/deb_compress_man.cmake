# CPack pre-build script: compresses the man pages in the staging folder with
# `gzip -9n` (no name or time stamp, so the package is reproducible), as Debian policy
# asks of packaged man pages. `cmake --install` leaves them uncompressed.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
file(GLOB_RECURSE pages "${CPACK_TEMPORARY_DIRECTORY}/*/share/man/man?/*.[1-9]")
foreach(page IN LISTS pages)
  execute_process(COMMAND gzip -9n "${page}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip -9n ${page} failed")
  endif()
endforeach()
