//===- TorchShapeTidyModule.cpp - The torch-shape-* clang-tidy module ----===//
#include "ShapeCheck.h"

#include "torchshape/Diagnostics/Finding.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/Basic/Version.h"

#include <cstdio>
#include <cstdlib>

namespace torchshape {
namespace tidy {

class TorchShapeModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &C : allChecks()) {
      CheckId Id = C.Id;
      Factories.registerCheckFactory(
          C.Name, [Id](llvm::StringRef Name, clang::tidy::ClangTidyContext *Context) {
            return std::make_unique<ShapeCheck>(Id, Name, Context);
          });
    }
  }
};

namespace {
/// A plugin built against one clang-tidy loads into others and then silently
/// does nothing (the AST types differ).  Refuse loudly instead.
struct HostVersionGuard {
  HostVersionGuard() {
    std::string Host = clang::getClangFullVersion();
    std::string Want = "version " CLANG_VERSION_MAJOR_STRING ".";
    if (Host.find(Want) == std::string::npos) {
      std::fprintf(stderr,
                   "error: torchshape's clang-tidy module was built for clang-tidy %s, "
                   "but it was loaded into a different clang-tidy (%s); run it with "
                   "clang-tidy-%s or use the `torchshape` command\n",
                   CLANG_VERSION_MAJOR_STRING, Host.c_str(), CLANG_VERSION_MAJOR_STRING);
      std::_Exit(2);
    }
  }
} Guard;
} // namespace

static clang::tidy::ClangTidyModuleRegistry::Add<TorchShapeModule>
    X("torch-shape-module", "Tensor shape checks for LibTorch code.");

} // namespace tidy
} // namespace torchshape
