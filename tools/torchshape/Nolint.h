//===- Nolint.h - NOLINT comments, decided by clang-tidy's own code ------===//
//
// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND, each with an optional
// (check-glob, ...) list, mean for the CLI exactly what they mean to
// clang-tidy: the decision is made by clang-tidy's NoLintDirectiveHandler
// (linked from libclangTidy), including the macro-expansion walk and the
// [clang-tidy-nolint] errors for unmatched NOLINTBEGIN/NOLINTEND.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_NOLINT_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_NOLINT_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace torchshape {
namespace cli {

class NolintFilter {
public:
  explicit NolintFilter(clang::SourceManager &SM);
  ~NolintFilter();

  /// Whether a warning of check Check at Loc is suppressed.
  bool suppressed(llvm::StringRef Check, clang::SourceLocation Loc);

  /// An unmatched NOLINTBEGIN or NOLINTEND met while deciding.
  struct Error {
    clang::SourceLocation Loc;
    std::string Message;
  };
  std::vector<Error> takeErrors();

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace cli
} // namespace torchshape

#endif
