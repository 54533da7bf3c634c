# `cpack -G DEB` in the build folder: ruptag_VERSION_ARCH.deb with the files of
# cmake/InstallRules.cmake under /usr, laid out as Debian wants them (the man page
# gzipped, the zsh completion in vendor-completions, packaging/changelog as
# changelog.gz: cmake/deb_layout.cmake), and the dependencies dpkg-shlibdeps finds in
# the binary (with the static build: only libc6).
set(RUPTAG_PACKAGE_MAINTAINER "ruptag maintainers <maintainers@users.noreply.r-seed-b3a45f46.example>"
  CACHE STRING "Maintainer field of the Debian package: a name and an e-mail address")

set(CPACK_PACKAGE_NAME ruptag)
set(CPACK_PACKAGE_VENDOR "ruptag maintainers")
set(CPACK_PACKAGE_CONTACT "${RUPTAG_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "find alliance-rupture markers and repairs in psychotherapy transcripts")
# Lines of at most 79 characters: dpkg shows them indented by one space.
set(CPACK_PACKAGE_DESCRIPTION
  "ruptag reads psychotherapy session transcripts (plain text, WebVTT, SRT),
finds the markers of alliance ruptures in what the patient says (the
withdrawal and confrontation markers of the Rupture Resolution Rating
System), recognises the therapist's repair interventions, tells whether each
rupture was addressed and resolved, and prints an annotated report with the
repairs a therapist could try. Rules are YAML; the Dutch and English rule
packs are built in.

Reports are text, HTML, JSON, JSON Lines or CSV (3RS coding sheets);
`ruptag eval` measures agreement with human coders (kappa, AC1, ICC).")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_GENERATOR DEB)
# `cpack --config build/CPackSourceConfig.cmake`: the source tree without Git's files
# and the build folders at its top. The patterns are regular expressions on full paths;
# CPack writes them into CPackSourceConfig.cmake without escaping, hence the doubled
# backslashes.
set(CPACK_SOURCE_GENERATOR TGZ)
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\\\\\1" source_regex "${PROJECT_SOURCE_DIR}")
set(CPACK_SOURCE_IGNORE_FILES
  "^${source_regex}/\\\\.git" "^${source_regex}/build[^/]*/" "/__pycache__/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RUPTAG_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/deb_layout.cmake)
set(CPACK_RUPTAG_CHANGELOG ${PROJECT_SOURCE_DIR}/packaging/changelog)  # read by deb_layout.cmake

find_program(RUPTAG_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(RUPTAG_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  # The static build needs only the C library (readelf -d build/ruptag: libc.so.6,
  # libm.so.6, ld-linux), at least the version it was built with (the static libstdc++
  # of Debian 12 calls arc4random, new in glibc 2.36).
  execute_process(COMMAND getconf GNU_LIBC_VERSION OUTPUT_VARIABLE glibc)
  string(REGEX MATCH "[0-9]+\\.[0-9]+" glibc "${glibc}")
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= ${glibc})")
  if(NOT RUPTAG_STATIC_LIBS)
    message(WARNING "dpkg-shlibdeps not found (apt-get install dpkg-dev): the Debian package "
      "will depend on libc6 only, but this build links yaml-cpp, RE2 and utf8proc dynamically")
  endif()
endif()

include(CPack)
