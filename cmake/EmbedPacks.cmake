# The default rule packs are validated and encoded at build time by ruptag_packc (an
# invalid pack fails the build) and embedded in the binary as byte arrays, so ruptag
# works from any directory and starts without parsing YAML.
function(ruptag_embed_packs)
  cmake_parse_arguments(ARG "" "OUTPUT;RULES_DIR;PACKC" "" ${ARGN})
  file(GLOB languages RELATIVE ${ARG_RULES_DIR} ${ARG_RULES_DIR}/*)
  list(SORT languages)
  set(pack_files "")
  foreach(language IN LISTS languages)
    if(NOT IS_DIRECTORY ${ARG_RULES_DIR}/${language})
      continue()
    endif()
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${ARG_RULES_DIR}/${language}/*.yaml ${ARG_RULES_DIR}/${language}/*.yml)
    set(pack ${CMAKE_CURRENT_BINARY_DIR}/generated/packs/${language})
    add_custom_command(
      OUTPUT ${pack}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/generated/packs
      COMMAND ${ARG_PACKC} rules/${language} ${pack}
      WORKING_DIRECTORY ${ARG_RULES_DIR}/..
      DEPENDS ${sources} ${ARG_PACKC}
      COMMENT "Checking and encoding the ${language} rule pack"
      VERBATIM)
    list(APPEND pack_files ${pack})
  endforeach()
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} "-DFILES=${pack_files}" -DOUTPUT=${ARG_OUTPUT}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_packs.cmake
    DEPENDS ${pack_files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_packs.cmake
    COMMENT "Embedding rule packs"
    VERBATIM)
endfunction()
