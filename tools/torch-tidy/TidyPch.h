//===- TidyPch.h - torch-tidy's precompiled-header cache front end -------===//
//
// A file that includes <torch/torch.h> costs clang-tidy about 15 CPU-seconds,
// nearly all of it parsing LibTorch's headers.  Before clang-tidy runs,
// torch-tidy reads the command line as clang-tidy will, asks the CLI's
// PchCache (tools/torchshape/PchCache.h) for a PCH of each file's leading
// #includes under the exact compile command clang-tidy will use (the
// database's, --extra-arg(-before), the .clang-tidy ExtraArgs(Before)), and
// runs clang-tidy once, unchanged, on a copy of the compilation database in
// which each command also says `-include-pch <entry>`.  One run, so the
// output (order, "Suppressed ..." lines, --export-fixes, --fix) is the one a
// run without the cache gives.  Clang validates the PCH as usual (headers,
// flags): a mismatch is a loud error, never a silently different result.
//
// Whatever clang-tidy does without analysing (--help, --version,
// --list-checks, --dump-config, --explain-config, --verify-config), a command
// line it would refuse, and anything the cache cannot stand in for exactly
// (a response file, --vfsoverlay, a file with no compile command) run as
// plain clang-tidy.  --no-cache (taken out before clang-tidy sees it) or
// TORCHSHAPE_NO_CACHE=1 turn the cache off; TORCHSHAPE_CACHE_DIR moves it.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCH_TIDY_TIDYPCH_H
#define TORCHSHAPE_TOOLS_TORCH_TIDY_TIDYPCH_H

namespace torchshape {
namespace tidy {

/// clang::tidy::clangTidyMain(argc, argv), with the files' PCHs from the
/// cache when it can stand in exactly; returns its exit status.
int clangTidyMainWithCache(int argc, const char **argv);

} // namespace tidy
} // namespace torchshape

#endif
