//===- TorchTidy.cpp - clang-tidy 19 with the torch-shape checks built in -===//
//
// `torch-tidy` is clang-tidy (its whole main, all of its checks) with
// torchshape's module compiled in, for editors and scripts that let users
// choose the clang-tidy binary but not pass --load.  Its only other
// difference: with no configuration at all (no --checks, --config or
// --config-file, and no .clang-tidy file above the current directory or the
// files), it runs the torch-shape-* checks only, not clang-tidy's default
// clang-analyzer-*.  A .clang-tidy file or --checks decide as in clang-tidy.
//
// clang-tidy's defaults are merged after every module's options, so a
// module cannot turn them off; the default is given as --checks instead,
// which clang-tidy appends to its defaults: "...,-*,torch-shape-*".
//
// And it keeps precompiled headers of the files' leading #includes in the
// CLI's cache (TidyPch.h): a file that includes <torch/torch.h> then costs a
// fraction of the parse.  --no-cache turns that off.
//
//===----------------------------------------------------------------------===//
#include "TidyPch.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace {

/// Whether a .clang-tidy file is in Path's directory or above, as
/// clang-tidy's FileOptionsProvider looks for one.
bool hasConfigAbove(llvm::StringRef Path, bool IsDir) {
  llvm::SmallString<256> Dir(Path);
  llvm::sys::fs::make_absolute(Dir);
  if (!IsDir)
    llvm::sys::path::remove_filename(Dir);
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Config(D);
    llvm::sys::path::append(Config, ".clang-tidy");
    if (llvm::sys::fs::exists(Config))
      return true;
  }
  return false;
}

/// No --checks, --config or --config-file before "--", and no .clang-tidy
/// for the current directory or any file named on the command line.
bool unconfigured(int argc, const char **argv) {
  if (hasConfigAbove(".", /*IsDir=*/true))
    return false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef A = argv[I];
    if (A == "--")
      break;
    llvm::StringRef Name = A.ltrim('-');
    if (A.starts_with("-") && (Name.starts_with("checks") || Name.starts_with("config")))
      return false;
    if (!A.starts_with("-") && llvm::sys::fs::exists(A) && hasConfigAbove(A, false))
      return false;
  }
  return true;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "torch-tidy: clang-tidy " << LLVM_VERSION_STRING << " with the torch-shape-* checks of "
       << "torchshape " << TORCHSHAPE_VERSION << " built in\n";
  });
  std::vector<const char *> Args(argv, argv + argc);
  if (unconfigured(argc, argv))
    Args.insert(Args.begin() + 1, "--checks=-*,torch-shape-*");
  return torchshape::tidy::clangTidyMainWithCache(static_cast<int>(Args.size()), Args.data());
}
