# CPack pre-build script: Debian's conventions in the staging folder of the package.
# - The man page and packaging/changelog (as share/doc/ruptag/changelog) compressed
#   with `gzip -9n` (no name or time stamp: reproducible), as Debian policy asks.
# - The zsh completion in share/zsh/vendor-completions, the folder of packaged zsh
#   completions on Debian's fpath (Debian's zsh looks in /usr/local/share/zsh/site-functions
#   but not in /usr/share/zsh/site-functions).
# `cmake --install` keeps the upstream layout: man pages uncompressed, share/zsh/site-functions.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()

file(GLOB docs "${CPACK_TEMPORARY_DIRECTORY}/*/share/doc/${CPACK_PACKAGE_NAME}")
if(NOT docs)
  message(FATAL_ERROR "no share/doc/${CPACK_PACKAGE_NAME} under ${CPACK_TEMPORARY_DIRECTORY}")
endif()
file(COPY_FILE "${CPACK_RUPTAG_CHANGELOG}" "${docs}/changelog")

file(GLOB_RECURSE pages "${CPACK_TEMPORARY_DIRECTORY}/*/share/man/man?/*.[1-9]")
foreach(file IN LISTS pages ITEMS "${docs}/changelog")
  execute_process(COMMAND gzip -9n "${file}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip -9n ${file} failed")
  endif()
endforeach()

file(GLOB_RECURSE zsh_functions "${CPACK_TEMPORARY_DIRECTORY}/*/share/zsh/site-functions/*")
foreach(function IN LISTS zsh_functions)
  get_filename_component(site_functions "${function}" DIRECTORY)
  get_filename_component(name "${function}" NAME)
  file(MAKE_DIRECTORY "${site_functions}/../vendor-completions")
  file(RENAME "${function}" "${site_functions}/../vendor-completions/${name}")
  file(GLOB left "${site_functions}/*")
  if(NOT left)
    file(REMOVE_RECURSE "${site_functions}")
  endif()
endforeach()
