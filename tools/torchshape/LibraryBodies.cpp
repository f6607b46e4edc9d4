//===- LibraryBodies.cpp - Parse without the bodies of library functions -===//
#include "LibraryBodies.h"

#include "torchshape/Analysis/Analyzer.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/MultiplexConsumer.h"

namespace torchshape {
namespace cli {

namespace {
class LibraryBodySkipper : public clang::ASTConsumer {
public:
  void Initialize(clang::ASTContext &C) override { Ctx = &C; }

  bool shouldSkipFunctionBody(clang::Decl *D) override {
    return Ctx && !isUserCode(*Ctx, D->getLocation());
  }

private:
  clang::ASTContext *Ctx = nullptr;
};
} // namespace

std::unique_ptr<clang::ASTConsumer>
skippingLibraryBodies(clang::CompilerInstance &CI, std::unique_ptr<clang::ASTConsumer> Consumer) {
  CI.getFrontendOpts().SkipFunctionBodies = true;
  std::vector<std::unique_ptr<clang::ASTConsumer>> Both;
  Both.push_back(std::move(Consumer));
  // MultiplexConsumer skips a body only if every consumer agrees; the
  // default answer of a consumer is yes.
  Both.push_back(std::make_unique<LibraryBodySkipper>());
  return std::make_unique<clang::MultiplexConsumer>(std::move(Both));
}

} // namespace cli
} // namespace torchshape
