//===- ShapeCheck.cpp - Rendering engine findings as clang-tidy diags ----===//
#include "ShapeCheck.h"

#include "torchshape/Analysis/Analyzer.h"

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
    : ClangTidyCheck(Name, Context), Id(Id) {}

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
    S.Result = std::make_unique<AnalysisResult>(analyze(Ctx, TopLevel));
    S.Ctx = &Ctx;
  }
  for (const Finding &F : S.Result->Findings) {
    if (F.Check != Id)
      continue;
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
