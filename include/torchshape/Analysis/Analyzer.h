//===- Analyzer.h - Entry point of the shape-flow engine -----------------===//
//
// Runs the analysis over the user code of one translation unit and returns
// the findings.  Front ends (the clang-tidy module, the CLI) call this once
// per translation unit, whichever checks are enabled, then filter.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_ANALYSIS_ANALYZER_H
#define TORCHSHAPE_ANALYSIS_ANALYZER_H

#include "torchshape/Diagnostics/Finding.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace torchshape {

struct AnalyzerOptions {
  /// Calls followed into user functions and modules, nested.
  unsigned MaxCallDepth = 8;
  /// Expressions evaluated per translation unit before giving up silently.
  unsigned MaxSteps = 2000000;
};

/// Where tracking of a tensor's shape was lost, and why (for --explain-gaps).
struct Gap {
  clang::SourceLocation Loc;
  std::string Reason; // "unmodelled call", "opaque function", ...
  std::string Detail; // the callee or construct
};

struct AnalysisResult {
  std::vector<Finding> Findings;
  std::vector<Gap> Gaps;
  unsigned FunctionsAnalyzed = 0;
  bool BudgetExhausted = false;
};

/// Analyses every function defined in user code among TopLevel (namespaces
/// and classes are searched), plus what those functions reach.  TopLevel
/// typically holds the declarations of the main file.
AnalysisResult analyze(clang::ASTContext &Ctx, llvm::ArrayRef<clang::Decl *> TopLevel,
                       const AnalyzerOptions &Opts = {});

/// Whether a location is in user code: the main file or a header of the
/// project, not LibTorch, the standard library or another system header.
bool isUserCode(const clang::ASTContext &Ctx, clang::SourceLocation Loc);

} // namespace torchshape

#endif
