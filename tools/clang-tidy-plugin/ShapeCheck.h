//===- ShapeCheck.h - One torch-shape-* check on top of the engine -------===//
//
// Every torch-shape-* check is an instance of ShapeCheck bound to its
// CheckId.  The engine runs once per translation unit, whichever checks are
// enabled; each check then reports the findings that carry its id, as its
// options (Checks.def, CheckOptions in .clang-tidy) ask.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_CLANGTIDYPLUGIN_SHAPECHECK_H
#define TORCHSHAPE_TOOLS_CLANGTIDYPLUGIN_SHAPECHECK_H

#include "torchshape/Diagnostics/CheckOptions.h"
#include "torchshape/Diagnostics/Finding.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace torchshape {
namespace tidy {

class ShapeCheck : public clang::tidy::ClangTidyCheck {
public:
  ShapeCheck(CheckId Id, llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus17;
  }

private:
  CheckId Id;
  /// Only this check's options are read; the others keep their defaults.
  CheckOptions Settings;
  clang::tidy::ClangTidyContext *TidyContext;
};

} // namespace tidy
} // namespace torchshape

#endif
