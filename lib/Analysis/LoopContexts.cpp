//===- LoopContexts.cpp - Loops followed in the context of their call ----===//
//
// A loop is unrolled when what it iterates over is known where it runs: a
// `for` whose bound is a constructor argument of this instance (`for (i = 0;
// i < num_stages; ++i)` in `Backbone(4, 16)`, see tryUnroll), a range-for
// over a std::vector or braced list known here (`for (int64_t h : hidden)`),
// or over a module container whose modules are known (`for (auto &conv :
// convs)`, `for (const auto &m : *layers)`).  Every other loop is analysed
// once for any number of iterations, and when that forgets values the
// analysis knew, a gap says which and why.
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace torchshape {

namespace {

/// The elements a range-for visits, when they are all known: a list value
/// (std::vector, braced list) or a module container's children.
std::optional<std::vector<Value>> knownElements(const Value &Range) {
  if (Range.isIntList() || Range.Kind == ValueKind::List)
    return Range.Elems;
  if (Range.isModule() &&
      (Range.Module->Kind == "ModuleList" || Range.Module->Kind == "Sequential")) {
    // A child pushed in a loop analysed once stands for an unknown number of
    // modules.  Sequential iterates AnyModule values, which are not followed.
    if (Range.Module->Kind == "Sequential")
      return std::nullopt;
    for (const Value &Child : Range.Module->Children)
      if (!Child.isModule())
        return std::nullopt;
    return Range.Module->Children;
  }
  return std::nullopt;
}

/// Whether a loop body may end the loop before its last iteration.
bool mayLeaveEarly(const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitBreakStmt(BreakStmt *) { return !(Found = true); }
    bool VisitReturnStmt(ReturnStmt *) { return !(Found = true); }
    bool VisitGotoStmt(GotoStmt *) { return !(Found = true); }
    bool VisitCXXThrowExpr(CXXThrowExpr *) { return !(Found = true); }
    bool VisitCallExpr(CallExpr *C) {
      const FunctionDecl *FD = C->getDirectCallee();
      if (!FD || FD->isNoReturn())
        Found = true;
      return !Found;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

} // namespace

void Interpreter::runSummarised(const Stmt *Body, llvm::ArrayRef<const Stmt *> Parts,
                                const VarDecl *LV, const std::vector<Value> &Elems) {
  // Whatever the loop may change is unknown on entry to every iteration and
  // after the loop; the body then runs once per element (each stands for
  // some iterations), in a copy.  Vectors it only grows keep a summary.
  PushLog Log = startPushLog(Body);
  for (const Stmt *P : Parts)
    havocAssignedIn(P);
  havocAssignedIn(Body);
  Env Saved = E;
  PushLog *OuterLog = CurPushLog;
  CurPushLog = &Log;
  LoopExits *Outer = CurLoop;
  CurLoop = nullptr; // break/continue end a pass; nothing to join
  ++S.SummarisedLoops;
  ++S.Conditional;
  for (const Value &Elem : Elems) {
    E = Saved;
    if (LV)
      E.Vars[LV] = Elem;
    for (const Stmt *P : Parts)
      if (const auto *Ex = dyn_cast_or_null<Expr>(P))
        eval(Ex);
    exec(Body);
  }
  --S.Conditional;
  --S.SummarisedLoops;
  CurLoop = Outer;
  CurPushLog = OuterLog;
  E = Saved;
  finishPushLog(Log);
}

void Interpreter::execRangeFor(const CXXForRangeStmt *FR) {
  exec(FR->getInit());
  const Expr *Range = FR->getRangeInit();
  Value RangeV = Range ? eval(Range) : Value::unknown();
  bool BudgetSpent = false;
  if (auto Elems = knownElements(RangeV)) {
    // Nested unrolled loops multiply: each takes its trips from the
    // function's budget (AnalyzerOptions::MaxUnrolledTrips).
    BudgetSpent = S.UnrolledTrips + Elems->size() > S.Opts.MaxUnrolledTrips;
    if (Elems->size() <= MaxUnrolledTrips && !BudgetSpent) {
      S.UnrolledTrips += Elems->size();
      unrollOver(FR, *Elems);
      return;
    }
  }
  std::vector<Value> Batches;
  Value Element = Range ? batchOfLoader(Range, RangeV, &Batches) : Value::unknown();
  if (!Batches.empty() && !mayLeaveEarly(FR->getBody())) {
    runSummarised(FR->getBody(), {}, FR->getLoopVariable(), Batches);
    return;
  }
  if (Element.isUnknown() && RangeV.Kind == ValueKind::Unknown && !RangeV.Summary.empty())
    Element = RangeV.Summary.front(); // every element has this shape
  std::string Why = "what it iterates over is not known here";
  if (BudgetSpent)
    Why = "the function's budget of unrolled iterations is spent";
  else if (auto Elems = knownElements(RangeV))
    Why = "it runs more than " + std::to_string(MaxUnrolledTrips) +
          " times (the unrolling limit)";
  if (Element.isUnknown() || !FR->getLoopVariable())
    reportForgottenByLoop(FR, FR->getBody(), {}, Why);
  runSummarised(FR->getBody(), {}, FR->getLoopVariable(), {Element});
}

void Interpreter::runIteration(const Stmt *Body, std::vector<Env> &Breaks) {
  // `continue` paths rejoin at the end of the iteration; `break` paths
  // leave the loop and are joined after it.
  LoopExits Exits;
  LoopExits *Outer = CurLoop;
  CurLoop = &Exits;
  exec(Body);
  CurLoop = Outer;
  for (const Env &C : Exits.Continues)
    E = join(E, C);
  Breaks.insert(Breaks.end(), Exits.Breaks.begin(), Exits.Breaks.end());
}

void Interpreter::unrollOver(const CXXForRangeStmt *FR, const std::vector<Value> &Elems) {
  const VarDecl *LV = FR->getLoopVariable();
  S.UnrolledLoops.insert(FR->getBeginLoc().getRawEncoding());
  std::vector<Env> Breaks;
  for (const Value &Elem : Elems) {
    if (E.Dead)
      break;
    if (LV)
      E.Vars[LV] = Elem;
    runIteration(FR->getBody(), Breaks);
  }
  for (const Env &B : Breaks)
    E = join(E, B);
  // Writing through a reference loop variable (`for (auto &t : ts) t = ...`)
  // changes the container, which is not followed element by element.
  if (LV && LV->getType()->isReferenceType() &&
      !LV->getType().getNonReferenceType().isConstQualified() &&
      assignedIn(FR->getBody()).count(LV))
    if (const ValueDecl *Place = placeOf(FR->getRangeInit()))
      havoc(Place);
  if (LV)
    E.Vars.erase(LV);
}

void Interpreter::reportForgottenByLoop(const Stmt *Loop, const Stmt *Body,
                                        llvm::ArrayRef<const Stmt *> Parts, llvm::StringRef Why) {
  llvm::SmallPtrSet<const ValueDecl *, 8> Changed = assignedIn(Body);
  for (const Stmt *P : Parts)
    for (const ValueDecl *D : assignedIn(P))
      Changed.insert(D);
  // The loop's own counter (`for (int64_t i = 0; ...)`) ends with the loop.
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    if (const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : Init->decls())
        if (const auto *VD = dyn_cast<ValueDecl>(D))
          Changed.erase(VD);
  std::vector<std::string> Names;
  for (const ValueDecl *D : Changed) {
    auto It = E.Vars.find(D);
    bool Known = It != E.Vars.end() && !It->second.isUnknown();
    if (!Known && isa<FieldDecl>(D) && This.isModule()) {
      auto FI = This.Module->Fields.find(cast<FieldDecl>(D));
      Known = FI != This.Module->Fields.end() && !FI->second.isUnknown();
    }
    if (Known && D->getIdentifier())
      Names.push_back("`" + D->getNameAsString() + "`");
  }
  if (Names.empty())
    return;
  std::sort(Names.begin(), Names.end());
  std::string List;
  for (size_t I = 0; I < Names.size() && I < 4; ++I)
    List += (I ? ", " : "") + Names[I];
  if (Names.size() > 4)
    List += ", …";
  S.addGap(Loop->getBeginLoc(), LoopGapReason,
           (Why + "; forgets " + List).str());
}

} // namespace torchshape
