//===- CheckOptions.h - The checks' options, one meaning for every front end
//
// The options are declared in Checks.def.  Each front end reads their values
// its own way (the clang-tidy module through ClangTidyCheck::Options, the
// CLI from .clang-tidy files) and hands them here, so an option does the
// same thing whichever tool reads it.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_DIAGNOSTICS_CHECKOPTIONS_H
#define TORCHSHAPE_DIAGNOSTICS_CHECKOPTIONS_H

#include "torchshape/Diagnostics/Finding.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace torchshape {

/// The value of every option; a default-constructed one holds the defaults.
struct CheckOptions {
#define TORCHSHAPE_CHECK_OPTION(Check, Member, Name, Default, Summary) bool Member = Default;
#include "torchshape/Checks.def"
};

struct CheckOptionInfo {
  CheckId Check;
  llvm::StringRef Name; // local name: "EmitFixIts"
  bool Default;
  llvm::StringRef Summary;
  bool CheckOptions::*Member;
  /// The key under CheckOptions: "torch-shape-layer.EmitFixIts".
  std::string key() const;
};

/// All options, in the order of Checks.def.
const std::vector<CheckOptionInfo> &allCheckOptions();

/// A boolean option's value as clang-tidy reads it: YAML's true/false
/// spellings, or an integer (non-zero is true); nullopt if neither.
std::optional<bool> parseBoolOption(llvm::StringRef Value);

/// Makes a finding of any check say what its check's options ask for.
void applyCheckOptions(Finding &F, const CheckOptions &Options);

} // namespace torchshape

#endif
