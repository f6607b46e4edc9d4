//===- CheckFilter.cpp - clang-tidy style check globs --------------------===//
#include "torchshape/Diagnostics/CheckFilter.h"

#include "llvm/ADT/SmallVector.h"

namespace torchshape {

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text) {
  if (Pattern.empty())
    return Text.empty();
  if (Pattern.front() == '*') {
    for (size_t I = 0; I <= Text.size(); ++I)
      if (globMatch(Pattern.drop_front(), Text.drop_front(I)))
        return true;
    return false;
  }
  return !Text.empty() && Pattern.front() == Text.front() &&
         globMatch(Pattern.drop_front(), Text.drop_front());
}

CheckFilter::CheckFilter(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ',', -1, false);
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    if (P.empty())
      continue;
    bool Positive = !P.consume_front("-");
    Globs.push_back({Positive, P.trim().str()});
  }
}

bool CheckFilter::isEnabled(llvm::StringRef CheckName) const {
  bool Enabled = false;
  for (const Glob &G : Globs)
    if (globMatch(G.Pattern, CheckName))
      Enabled = G.Positive;
  return Enabled;
}

} // namespace torchshape
