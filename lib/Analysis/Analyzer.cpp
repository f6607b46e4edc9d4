//===- Analyzer.cpp - Which functions to analyse, and the session --------===//
#include "Interpreter.h"
#include "AnalysisStack.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

#include <cstdlib>

using namespace clang;

namespace torchshape {

void Session::addFinding(Finding F, const std::vector<CallFrame> &Stack) {
  if (!isUserCode(Ctx, F.Loc))
    return;
  // One finding per check and place.  The one proven with the fewest
  // assumptions wins: a function analysed on its own (valid for every caller)
  // over one reached through a particular call.
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Key = checkName(F.Check).str() + "@" +
                    std::to_string(SM.getExpansionLoc(F.Loc).getRawEncoding());
  for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
    F.Notes.push_back(Note{It->CallLoc, It->Description, {}});
  F.CallDepth = Stack.size();
  auto [It, New] = Seen.try_emplace(Key, Result.Findings.size());
  if (New) {
    Result.Findings.push_back(std::move(F));
    return;
  }
  if (F.CallDepth < Result.Findings[It->second].CallDepth)
    Result.Findings[It->second] = std::move(F);
}

void Session::addGap(SourceLocation Loc, std::string Reason, std::string Detail) {
  if (Reason == "opaque function" || Reason == "recursion" || Reason == "call depth limit" ||
      Reason == "unstructured control flow" || Reason == "modules of a container not known here")
    ++NotFollowed;
  if (!isUserCode(Ctx, Loc))
    return;
  std::string Key = std::to_string(Loc.getRawEncoding()) + Reason + Detail;
  if (!SeenGaps.insert(Key).second)
    return;
  Result.Gaps.push_back(Gap{Loc, std::move(Reason), std::move(Detail)});
}

void Session::addCutShortGap(SourceLocation Loc, std::string Reason, std::string Detail) {
  CutShort = true;
  ++NotFollowed;
  size_t Before = Result.Gaps.size();
  addGap(Loc, std::move(Reason), std::move(Detail));
  if (Result.Gaps.size() > Before)
    Result.Gaps.back().CutShort = true;
}

void Session::budgetGap(SourceLocation Loc) {
  Result.BudgetExhausted = true;
  addCutShortGap(Loc, "analysis budget exhausted",
         "more than " + std::to_string(Opts.MaxSteps) +
             " evaluation steps in this function; the rest of it is not analysed");
}

void Session::tooDeep(SourceLocation Loc) {
  addCutShortGap(Loc, "expression too deep",
         "nested more than " + std::to_string(Opts.MaxNesting) +
             " levels (with the calls that lead here); it is not analysed further");
}

namespace {

/// Collects the function definitions of user code, looking into namespaces
/// and classes.  Templates are skipped: only their instantiations have types.
void collectFunctions(const ASTContext &Ctx, const Decl *D,
                      std::vector<const FunctionDecl *> &Out) {
  if (!D || D->isInvalidDecl() || !isUserCode(Ctx, D->getLocation()))
    return;
  if (const auto *NS = dyn_cast<NamespaceDecl>(D)) {
    for (const Decl *Child : NS->decls())
      collectFunctions(Ctx, Child, Out);
    return;
  }
  if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
    for (const Decl *Child : LS->decls())
      collectFunctions(Ctx, Child, Out);
    return;
  }
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
    if (!RD->isThisDeclarationADefinition() || RD->isDependentContext())
      return;
    for (const Decl *Child : RD->decls())
      collectFunctions(Ctx, Child, Out);
    return;
  }
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isTemplated() && !isa<CXXConstructorDecl>(FD) && !isa<CXXDestructorDecl>(FD))
      Out.push_back(FD);
  }
}

} // namespace

namespace {
AnalysisResult analyzeOnThisThread(ASTContext &Ctx, llvm::ArrayRef<Decl *> TopLevel,
                                   const AnalyzerOptions &Opts) {
  Session S(Ctx, Opts);
  std::vector<const FunctionDecl *> Functions;
  for (const Decl *D : TopLevel)
    collectFunctions(Ctx, D, Functions);
  for (const FunctionDecl *FD : Functions) {
    S.CurrentRoot = FD;
    if (S.Obs)
      S.Obs->beginRoot(FD);
    Value This;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
      if (MD->isStatic())
        ;
      else if (isUserModuleClass(MD->getParent()) || isPlainUserClass(Ctx, MD->getParent()))
        // Analysed on its own, the module is built from its constructor with
        // unknown arguments.
        This = Interpreter::constructUserModule(S, MD->getParent(), {}, SourceLocation(), {},
                                                  /*SymbolicArgs=*/true);
    }
    // A mode lost in another root's calls concerns that root's modules.
    S.AnyModeUnknown = false;
    S.startFunction();
    Interpreter I(S, FD, This, {});
    S.Active.push_back(FD);
    I.run({});
    S.Active.pop_back();
    ++S.Result.FunctionsAnalyzed;
    if (S.CutShort)
      ++S.Result.FunctionsIncomplete;
  }
  // A loop followed iteration by iteration where it was called is not a
  // gap of the program, only of the analysis of its function on its own.
  llvm::erase_if(S.Result.Gaps, [&](const Gap &G) {
    return G.Reason == LoopGapReason && S.UnrolledLoops.count(G.Loc.getRawEncoding());
  });
  const SourceManager &SM = Ctx.getSourceManager();
  std::stable_sort(S.Result.Findings.begin(), S.Result.Findings.end(),
                   [&](const Finding &A, const Finding &B) {
                     return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A.Loc),
                                                         SM.getExpansionLoc(B.Loc));
                   });
  return S.Result;
}
} // namespace

/// Test-only: TORCHSHAPE_TEST_CRASH="<suffix>" makes the analysis of a main
/// file whose name ends with it crash, so that the tests can see a crash
/// contained (test/lit/robustness/crash-contained.test).
static void crashIfTestAsks(const ASTContext &Ctx) {
  const char *Suffix = std::getenv("TORCHSHAPE_TEST_CRASH");
  if (!Suffix || !*Suffix)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    if (Main->getName().ends_with(Suffix)) {
      volatile int *Null = nullptr;
      *Null = 1;
    }
}

AnalysisResult analyze(ASTContext &Ctx, llvm::ArrayRef<Decl *> TopLevel,
                       const AnalyzerOptions &Opts) {
  // The interpreter recurses with the code's nesting (bounded by
  // MaxNesting): it runs on a stack of known size, whatever the front end's
  // thread has (clang-tidy's main thread, a worker of the CLI).
  AnalysisResult Result;
  bool Completed = runOnAnalysisStack([&] {
    crashIfTestAsks(Ctx);
    Result = analyzeOnThisThread(Ctx, TopLevel, Opts);
  });
  if (!Completed) {
    Result = AnalysisResult();
    Result.Crashed = true;
  }
  return Result;
}

} // namespace torchshape
