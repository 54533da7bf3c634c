# Embeds every file under rules/ into the binary as byte arrays, so the ruptag
# binary works from any directory without the rules/ folder beside it.
function(ruptag_embed_packs)
  cmake_parse_arguments(ARG "" "OUTPUT;RULES_DIR" "" ${ARGN})
  file(GLOB_RECURSE pack_files CONFIGURE_DEPENDS
       RELATIVE ${ARG_RULES_DIR} ${ARG_RULES_DIR}/*.yaml)
  list(SORT pack_files)
  set(abs_files "")
  foreach(f IN LISTS pack_files)
    list(APPEND abs_files ${ARG_RULES_DIR}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DRULES_DIR=${ARG_RULES_DIR} -DOUTPUT=${ARG_OUTPUT}
            "-DFILES=${pack_files}" -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_packs.cmake
    DEPENDS ${abs_files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_packs.cmake
    COMMENT "Embedding rule packs"
    VERBATIM)
endfunction()
