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

class ShapeObserver;

struct AnalyzerOptions {
  /// Calls followed into user functions and modules, nested.  Past it the
  /// call's result is unknown, with a gap ("call depth limit").
  unsigned MaxCallDepth = 16;
  /// Evaluation steps per analysed function (with what it calls).  Past it
  /// the function's analysis stops, with a gap ("analysis budget exhausted").
  unsigned MaxSteps = 2000000;
  /// Nested expressions and statements (across calls) the interpreter follows
  /// before the rest is unknown, with a gap ("expression too deep"): bounds
  /// its recursion, and so its stack, whatever the input.
  unsigned MaxNesting = 1500;
  /// Loop iterations unrolled per analysed function; further loops are
  /// analysed once for any number of iterations (nested loops would
  /// otherwise multiply their trip counts).
  unsigned MaxUnrolledTrips = 4096;
  /// Sees every value bound, module called and module built (ShapeObserver.h);
  /// null (the default) costs nothing.
  ShapeObserver *Observer = nullptr;
};

/// Where tracking of a tensor's shape was lost, and why (for --explain-gaps).
struct Gap {
  clang::SourceLocation Loc;
  std::string Reason; // "unmodelled call", "opaque function", ...
  std::string Detail; // the callee or construct
  /// The analysis of the enclosing function stopped short here (budget,
  /// call depth, nesting), rather than losing one value.
  bool CutShort = false;
};

struct AnalysisResult {
  std::vector<Finding> Findings;
  std::vector<Gap> Gaps;
  unsigned FunctionsAnalyzed = 0;
  /// Functions whose analysis was cut short (budget, call depth, nesting):
  /// a bug there may have been missed.  Their gaps say where.
  unsigned FunctionsIncomplete = 0;
  bool BudgetExhausted = false;
  /// The analysis crashed and the front end recovered (see
  /// runOnAnalysisStack): nothing above holds for this translation unit.
  bool Crashed = false;
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
