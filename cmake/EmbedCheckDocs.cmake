# cmake -DDOCS_DIR=<docs/checks> -DOUT=<file> -P EmbedCheckDocs.cmake
#
# Writes the check pages (docs/checks/*.md) as C++ initialisers,
#   {"torch-shape-view", R"tsdoc(<markdown>)tsdoc"},
# for the SARIF writer's rule help: the help travels inside the binary, and
# an installed torchshape never reads the source tree.  The file is only
# rewritten when its content changes.
file(GLOB Docs "${DOCS_DIR}/*.md")
list(SORT Docs)
set(Out "// Generated from docs/checks/*.md by cmake/EmbedCheckDocs.cmake.\n")
foreach(Doc IN LISTS Docs)
  get_filename_component(Name "${Doc}" NAME_WE)
  file(READ "${Doc}" Text)
  string(FIND "${Text}" ")tsdoc" Clash)
  if(NOT Clash EQUAL -1)
    message(FATAL_ERROR "${Doc} contains \")tsdoc\", the raw string's end")
  endif()
  string(APPEND Out "{\"${Name}\", R\"tsdoc(${Text})tsdoc\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "${Out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
