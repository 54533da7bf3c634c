# The user-facing strings of the reports, one YAML file per language in ui/, are read and
# checked at build time by ruptag_uic (a file it cannot read fails the build) and compiled
# into the binary as a generated source. A new language is a new file in ui/: the glob
# picks it up when CMake runs again (which a build does by itself, through
# CONFIGURE_DEPENDS).
function(ruptag_embed_ui)
  cmake_parse_arguments(ARG "" "OUTPUT;SOURCE_DIR;UIC" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS RELATIVE ${ARG_SOURCE_DIR} ${ARG_SOURCE_DIR}/ui/*.yaml)
  list(SORT files)
  set(paths "")
  foreach(f IN LISTS files)
    list(APPEND paths ${ARG_SOURCE_DIR}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/generated
    COMMAND ${ARG_UIC} ${ARG_OUTPUT}.tmp ${files}
    COMMAND ${CMAKE_COMMAND} -E rename ${ARG_OUTPUT}.tmp ${ARG_OUTPUT}
    WORKING_DIRECTORY ${ARG_SOURCE_DIR}
    DEPENDS ${paths} ${ARG_UIC}
    COMMENT "Checking and embedding the UI strings (ui/*.yaml)"
    VERBATIM)
endfunction()
