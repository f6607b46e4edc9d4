//===- Finding.cpp - Check registry and location wording -----------------===//
#include "torchshape/Diagnostics/Finding.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

namespace torchshape {

const std::vector<CheckInfo> &allChecks() {
  static const std::vector<CheckInfo> Checks = {
#define TORCHSHAPE_CHECK(Id, Name, Summary) {CheckId::Id, Name, Summary},
#include "torchshape/Checks.def"
  };
  return Checks;
}

llvm::StringRef checkName(CheckId Id) {
  return allChecks()[static_cast<size_t>(Id)].Name;
}

std::string describeLine(const clang::SourceManager &SM, clang::SourceLocation Loc,
                         clang::SourceLocation Relative) {
  if (Loc.isInvalid())
    return "an unknown place";
  clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return "an unknown place";
  std::string Line = "line " + std::to_string(P.getLine());
  if (Relative.isValid()) {
    clang::PresumedLoc R = SM.getPresumedLoc(SM.getExpansionLoc(Relative));
    if (R.isValid() && llvm::StringRef(R.getFilename()) != P.getFilename())
      return llvm::sys::path::filename(P.getFilename()).str() + ":" +
             std::to_string(P.getLine());
  }
  return Line;
}

} // namespace torchshape
