//===- TorchTidy.cpp - clang-tidy 19 with the torch-shape checks built in -===//
//
// `torch-tidy` is clang-tidy (its whole main, all of its checks) with
// torchshape's module compiled in, for editors and scripts that let users
// choose the clang-tidy binary but not pass --load.  Its only other
// difference: torch-shape-* is part of the default checks, so
// `torch-tidy file.cpp -- <flags>` runs them with no configuration.  A
// .clang-tidy file or --checks still decide, as in clang-tidy.
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/tool/ClangTidyMain.h"

namespace {

class TorchTidyDefaults : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &) override {}
  clang::tidy::ClangTidyOptions getModuleOptions() override {
    clang::tidy::ClangTidyOptions Options;
    Options.Checks = "torch-shape-*";
    return Options;
  }
};

clang::tidy::ClangTidyModuleRegistry::Add<TorchTidyDefaults>
    Defaults("torch-tidy-defaults", "Enables the torch-shape-* checks by default.");

} // namespace

int main(int argc, const char **argv) { return clang::tidy::clangTidyMain(argc, argv); }
