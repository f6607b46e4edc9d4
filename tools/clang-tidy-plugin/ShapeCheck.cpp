//===- ShapeCheck.cpp - Rendering engine findings as clang-tidy diags ----===//
#include "ShapeCheck.h"

#include "torchshape/Analysis/Analyzer.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

#include <memory>

using namespace clang;
using namespace clang::ast_matchers;

namespace torchshape {
namespace tidy {

namespace {
/// The engine's result for the translation unit being checked, shared by all
/// torch-shape-* checks so the analysis runs once.
struct SharedResult {
  const ASTContext *Ctx = nullptr;
  std::unique_ptr<AnalysisResult> Result;
};
SharedResult &shared() {
  static SharedResult S;
  return S;
}
} // namespace

ShapeCheck::ShapeCheck(CheckId Id, llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Id(Id), TidyContext(Context) {
  // The string forms of Options.get/store, parsed and worded as clang-tidy's
  // get<bool>/store<bool> do: those templates' symbols are mangled
  // differently by GCC (which builds this module) and Clang (which built
  // the host clang-tidy), so a call to them does not link.
  for (const CheckOptionInfo &O : allCheckOptions()) {
    if (O.Check != Id)
      continue;
    std::optional<llvm::StringRef> Value = Options.get(O.Name);
    if (!Value)
      continue;
    if (std::optional<bool> B = parseBoolOption(*Value))
      Settings.*O.Member = *B;
    else
      configurationDiag("invalid configuration value '%0' for option '%1'; expected a bool")
          << *Value << O.key();
  }
}

void ShapeCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  for (const CheckOptionInfo &O : allCheckOptions())
    if (O.Check == Id)
      Options.store(Opts, O.Name, Settings.*O.Member ? "true" : "false");
}

void ShapeCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ShapeCheck::onStartOfTranslationUnit() {
  shared().Ctx = nullptr;
  shared().Result.reset();
}

void ShapeCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  SharedResult &S = shared();
  if (S.Ctx != &Ctx || !S.Result) {
    std::vector<Decl *> TopLevel;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (isUserCode(Ctx, D->getLocation()))
        TopLevel.push_back(D);
    // The engine's limits (torch-shape.MaxCallDepth, ...): one analysis
    // serves every check, so they are read from the shared option map.
    AnalyzerOptions Opts;
    const auto &Map = TidyContext->getOptions().CheckOptions;
    for (const std::string &Problem : readAnalyzerOptions(
             [&](llvm::StringRef Key) -> std::optional<std::string> {
               auto It = Map.find(Key);
               if (It == Map.end())
                 return std::nullopt;
               return It->getValue().Value;
             },
             Opts))
      configurationDiag("%0") << Problem;
    S.Result = std::make_unique<AnalysisResult>(analyze(Ctx, TopLevel, Opts));
    S.Ctx = &Ctx;
  }
  for (const Finding &Found : S.Result->Findings) {
    if (Found.Check != Id)
      continue;
    Finding F = Found; // the result is shared with the other checks
    applyCheckOptions(F, Settings);
    {
      auto D = diag(F.Loc, "%0") << F.Message;
      for (const FixIt &Fix : F.FixIts)
        D << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
    }
    for (const Note &N : F.Notes) {
      auto D = diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Message;
      for (const FixIt &Fix : N.FixIts)
        D << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
    }
  }
}

} // namespace tidy
} // namespace torchshape
