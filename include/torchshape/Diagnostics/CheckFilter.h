//===- CheckFilter.h - clang-tidy style check globs ----------------------===//
//
// "-*,torch-shape-view" style lists: comma-separated globs with `*`, a
// leading `-` negates, the last matching glob wins.  Same semantics as
// clang-tidy's --checks, so users can share one string between both tools.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_DIAGNOSTICS_CHECKFILTER_H
#define TORCHSHAPE_DIAGNOSTICS_CHECKFILTER_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace torchshape {

class CheckFilter {
public:
  explicit CheckFilter(llvm::StringRef Globs);
  bool isEnabled(llvm::StringRef CheckName) const;

private:
  struct Glob {
    bool Positive;
    std::string Pattern;
  };
  std::vector<Glob> Globs;
};

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text);

} // namespace torchshape

#endif
