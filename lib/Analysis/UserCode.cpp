//===- UserCode.cpp - Which code is the user's ---------------------------===//
//
// LibTorch is usually included with -I, not -isystem, so "system header" is
// not enough: headers under the LibTorch and system prefixes are library code.
//
//===----------------------------------------------------------------------===//
#include "torchshape/Analysis/Analyzer.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace torchshape {

namespace {
bool isLibraryPath(llvm::StringRef Path) {
  static const char *const Prefixes[] = {"/usr/include/", "/usr/lib/", "/usr/local/include/",
                                         "/opt/"};
  for (const char *P : Prefixes)
    if (Path.starts_with(P))
      return true;
  // LibTorch unpacked anywhere (a libtorch zip, a pip wheel).
  return Path.contains("/torch/csrc/api/include/") || Path.contains("/include/ATen/") ||
         Path.contains("/include/c10/") || Path.contains("/include/torch/");
}
} // namespace

bool isUserCode(const clang::ASTContext &Ctx, clang::SourceLocation Loc) {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  if (Loc.isInvalid())
    return false;
  clang::SourceLocation L = SM.getExpansionLoc(Loc);
  if (SM.isInMainFile(L))
    return true;
  if (SM.isInSystemHeader(L))
    return false;
  clang::FileID FID = SM.getFileID(L);
  clang::OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return false;
  return !isLibraryPath(FE->getName());
}

} // namespace torchshape
