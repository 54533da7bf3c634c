# Every dependency comes from a Debian package (.ci/setup installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
# RE2 and utf8proc ship only pkg-config files on Debian.
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)

# Static archives where Debian ships them, and the C++ runtime linked in: a process
# that maps fewer shared libraries starts faster (start-up is most of tagging one
# short transcript). fmt ships no archive and is used header-only then.
option(RUPTAG_STATIC_LIBS "Link yaml-cpp, RE2, utf8proc and libstdc++ statically" ON)

function(ruptag_library name shared archive)
  add_library(ruptag::${name} INTERFACE IMPORTED)
  find_library(RUPTAG_${name}_ARCHIVE NAMES ${archive})
  if(RUPTAG_STATIC_LIBS AND RUPTAG_${name}_ARCHIVE)
    get_target_property(includes ${shared} INTERFACE_INCLUDE_DIRECTORIES)
    if(includes)
      target_include_directories(ruptag::${name} INTERFACE ${includes})
    endif()
    target_link_libraries(ruptag::${name} INTERFACE ${RUPTAG_${name}_ARCHIVE} Threads::Threads)
  else()
    target_link_libraries(ruptag::${name} INTERFACE ${shared})
  endif()
endfunction()

ruptag_library(yaml yaml-cpp libyaml-cpp.a)
ruptag_library(re2 PkgConfig::RE2 libre2.a)
ruptag_library(utf8proc PkgConfig::UTF8PROC libutf8proc.a)
if(RUPTAG_STATIC_LIBS)
  add_library(ruptag::fmt ALIAS fmt::fmt-header-only)
  add_link_options($<$<CXX_COMPILER_ID:GNU>:-static-libstdc++> $<$<CXX_COMPILER_ID:GNU>:-static-libgcc>)
else()
  add_library(ruptag::fmt ALIAS fmt::fmt)
endif()
