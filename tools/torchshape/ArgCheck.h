//===- ArgCheck.h - Unknown options are errors, never --help -------------===//
//
// LLVM's option parser makes every one-letter option a grouping one, so an
// unknown `--header-filter=...` is read as the group `-h -e -a ...` and runs
// `-h` (--help) at its first letter: help on stdout, exit 0, no analysis.
// The arguments are checked here first, against the options registered
// once the parser has run, so that any unknown option is a usage error.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_ARGCHECK_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_ARGCHECK_H

#include <string>

namespace torchshape {
namespace cli {

/// The first argument (response files expanded) that names no registered
/// option, with a suggestion, as "Unknown command line argument '--x'. ...";
/// empty when every option is known.  Call after the parser registered its
/// options (CommonOptionsParser registers -p and --extra-arg on first use).
std::string unknownOption(int argc, const char **argv);

} // namespace cli
} // namespace torchshape

#endif
