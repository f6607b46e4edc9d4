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

#include "torchshape/Analysis/Analyzer.h"
#include "torchshape/Diagnostics/Finding.h"

#include "llvm/ADT/STLFunctionalExtras.h"

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

/// Limits of the engine itself, shared by every torch-shape-* check (the
/// analysis runs once for all): `torch-shape.<Name>` under CheckOptions, read
/// by the clang-tidy module and the CLI alike (the CLI's --max-call-depth and
/// --max-steps override them).
struct AnalyzerOptionInfo {
  llvm::StringRef Name; // "MaxCallDepth"
  unsigned AnalyzerOptions::*Member;
  llvm::StringRef Summary;
  /// "torch-shape.MaxCallDepth".
  std::string key() const;
};
const std::vector<AnalyzerOptionInfo> &allAnalyzerOptions();

/// Sets Opts from the values Lookup finds by key; returns what is wrong with
/// the values that are no positive integer (those keep their default).
std::vector<std::string>
readAnalyzerOptions(llvm::function_ref<std::optional<std::string>(llvm::StringRef Key)> Lookup,
                    AnalyzerOptions &Opts);

/// Makes a finding of any check say what its check's options ask for.
void applyCheckOptions(Finding &F, const CheckOptions &Options);

} // namespace torchshape

#endif
