# Install layout and the Debian package.
#
#   <prefix>/bin/torchshape                          the command
#   <prefix>/bin/torchshape-diff                     findings on the lines of a diff only
#   <prefix>/bin/torch-tidy                          clang-tidy 19 with the checks built in
#   <prefix>/bin/torchshape-lsp                      the language server (docs/editors.md)
#   <prefix>/lib/torchshape/libTorchShapeTidyModule.so   the clang-tidy 19 module (--load)
#   <prefix>/share/doc/torchshape/README.md, docs/   the documentation (the README's
#                                                    links into docs/ keep working)
#
# The targets' own install() rules live next to them (tools/*/CMakeLists.txt);
# this file adds the docs and the CPack settings: `cpack -G DEB` in the build
# directory builds a .deb that installs under /usr.
include(GNUInstallDirs)

install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md")

set(TORCHSHAPE_PACKAGE_MAINTAINER "torchshape developers <torchshape@localhost>" CACHE STRING
    "Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME "torchshape")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "torchshape developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "static analyzer for tensor shape bugs in LibTorch (PyTorch C++) code")
set(CPACK_PACKAGE_DESCRIPTION
    "torchshape follows tensor sizes through LibTorch C++ code with Clang 19 and reports
view/reshape, layer and dimension mismatches that are proven before the program
runs. It ships the torchshape command (text, JSON and SARIF output, whole-project
parallel runs, NOLINT, fixes), torchshape-lsp (a language server: findings, shape
hints and hovers in any LSP editor), torch-tidy (clang-tidy 19 with the checks
built in) and a module for clang-tidy-19 --load.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TORCHSHAPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
# Shared-library dependencies (libclang-cpp19, libllvm19, libstdc++6, ...)
# computed by dpkg-shlibdeps.  The tools also read headers at run time:
# Clang's built-in ones (stddef.h, ...) from libclang-common-19-dev, and the
# C++ standard library's, which every LibTorch header includes (<cassert>)
# and which Clang's driver finds through the GCC installation that
# libstdc++-12-dev brings (clang-19 depends on it for the same reason).  On a
# fresh Debian 12 nothing else pulls them in: without it the seed example
# stops at "'cassert' file not found" (scripts/test-deb-fresh-debian.sh).
# torchshape-diff is a python3 script.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libclang-common-19-dev, libstdc++-12-dev | libstdc++-dev, python3")
# LibTorch's headers are what the checks are for, but a project may use
# another LibTorch (the pytorch.org archive): recommended, which apt installs
# by default.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libtorch-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "clang-tidy-19")
if(TORCHSHAPE_DOCS_URL)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${TORCHSHAPE_DOCS_URL}")
endif()
set(CPACK_GENERATOR "DEB")
include(CPack)
