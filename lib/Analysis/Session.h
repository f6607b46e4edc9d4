//===- Session.h - Per-translation-unit state of the analysis ------------===//
#ifndef TORCHSHAPE_LIB_ANALYSIS_SESSION_H
#define TORCHSHAPE_LIB_ANALYSIS_SESSION_H

#include "torchshape/Analysis/Analyzer.h"
#include "torchshape/Analysis/ShapeObserver.h"
#include "torchshape/Shape/Value.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <optional>
#include <set>

namespace clang {
class ASTContext;
class FunctionDecl;
class CXXRecordDecl;
class SourceManager;
} // namespace clang

namespace torchshape {

/// The gap reason of a loop analysed once for any number of iterations.
inline constexpr const char *LoopGapReason = "loop analysed once for any number of iterations";

/// A call the analysis followed: where, from which function, and with what.
struct CallFrame {
  clang::SourceLocation CallLoc;
  std::string Description; // "in the call of `forward` from `main`, with x = [1, 3, 64, 64]"
};

/// State shared by every interpreter working on one translation unit:
/// findings (deduplicated), budgets, memo tables, gaps.
class Session {
public:
  Session(clang::ASTContext &Ctx, const AnalyzerOptions &Opts)
      : Ctx(Ctx), Opts(Opts), Obs(Opts.Observer) {}

  clang::ASTContext &Ctx;
  const AnalyzerOptions &Opts;
  AnalysisResult Result;

  /// The observer of what the analysis learns (null: none), the root
  /// function being analysed, and for it: parts of the code the analysis
  /// did not follow (opaque user code, cut-short analyses), counted so that
  /// a module's construction knows whether it saw all its registrations;
  /// the branch and loop nesting where the current construction started.
  ShapeObserver *Obs = nullptr;
  const clang::FunctionDecl *CurrentRoot = nullptr;
  unsigned NotFollowed = 0;
  unsigned ConstructionConditional = 0, ConstructionLoops = 0;

  void addFinding(Finding F, const std::vector<CallFrame> &Stack);
  void addGap(clang::SourceLocation Loc, std::string Reason, std::string Detail);
  /// A gap where the current function's analysis was cut short (CutShort).
  void addCutShortGap(clang::SourceLocation Loc, std::string Reason, std::string Detail);

  /// Counts one evaluation step at Loc; false once the budget is spent (the
  /// first time, with a gap there).
  bool step(clang::SourceLocation Loc) {
    if (++Steps <= Opts.MaxSteps)
      return true;
    if (Steps == Opts.MaxSteps + 1)
      budgetGap(Loc);
    return false;
  }
  void budgetGap(clang::SourceLocation Loc);

  /// Starts the analysis of one function of the translation unit: budgets
  /// are per function, so that one heavy function does not starve the rest.
  void startFunction() {
    Steps = 0;
    UnrolledTrips = 0;
    CutShort = false;
  }
  /// Set when the current function's analysis was cut short.
  bool CutShort = false;

  /// Nesting of eval/exec, across calls (AnalyzerOptions::MaxNesting).
  unsigned Nesting = 0;
  /// Loop iterations unrolled in the current function.
  unsigned UnrolledTrips = 0;

  /// Functions currently being interpreted (recursion is cut off).
  std::vector<const clang::FunctionDecl *> Active;

  /// What a user call returned, and what it left in its reference parameters.
  struct CallResult {
    Value Result;
    std::vector<std::optional<Value>> OutParams;
  };
  /// Memoised call results by (function, this, arguments, state epochs).
  std::map<std::string, CallResult> CallMemo;
  /// Counts changes to objects that calls may read (a container grown, a
  /// field set outside its constructor): part of the call memo key.
  unsigned StateEpoch = 0;
  /// Loops unrolled in some call context: their "analysed once" gaps from
  /// contexts that know less (a function analysed on its own) are dropped.
  std::set<unsigned> UnrolledLoops;
  /// Memoised module constructions by (class, arguments).
  std::map<std::string, Value> ModuleMemo;
  /// Functions containing constructs the interpreter does not follow (goto).
  llvm::DenseMap<const clang::FunctionDecl *, bool> Unstructured;
  /// Functions that may change the shape of tensors they are given.
  llvm::DenseMap<const clang::FunctionDecl *, bool> ReshapesArguments;

  unsigned freshId() { return ++NextId; }

  /// Loops (and switches) analysed once for any number of iterations, being
  /// walked now: a container grown inside one has an unknown length.
  unsigned SummarisedLoops = 0;
  /// Code being walked that may or may not run (a branch, a loop body, a
  /// try block): a module's mode set there is unknown afterwards.
  unsigned Conditional = 0;
  /// Counts changes of module modes: part of the call memo key, so a call
  /// that changes a mode is analysed again, and changes it again.
  unsigned ModeEpoch = 0;
  /// Set once a mode may have changed on a module the analysis cannot name
  /// (`net.ptr()->eval()`, a module handed to unseen code as an unknown
  /// value): from then on every module's mode is unknown.
  bool AnyModeUnknown = false;

  /// One level of eval/exec nesting, for its lifetime.
  class NestingGuard {
  public:
    explicit NestingGuard(Session &S) : S(S) { ++S.Nesting; }
    ~NestingGuard() { --S.Nesting; }
    NestingGuard(const NestingGuard &) = delete;
    NestingGuard &operator=(const NestingGuard &) = delete;
    /// Past the bound: the caller gives up on its node (tooDeep()).
    bool tooDeep() const { return S.Nesting > S.Opts.MaxNesting; }

  private:
    Session &S;
  };
  /// The gap for a node nested too deeply (once per place).
  void tooDeep(clang::SourceLocation Loc);

private:
  unsigned Steps = 0;
  unsigned NextId = 0;
  std::map<std::string, size_t> Seen; // check@location -> finding index
  std::set<std::string> SeenGaps;
};

} // namespace torchshape

#endif
