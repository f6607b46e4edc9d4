//===- Nolint.cpp - NOLINT comments, decided by clang-tidy's own code ----===//
#include "Nolint.h"

#include "clang-tidy/NoLintDirectiveHandler.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"

namespace torchshape {
namespace cli {

namespace {
/// NoLintDirectiveHandler decides on a clang::Diagnostic in flight, so each
/// question is asked by reporting a warning at the location into a private
/// DiagnosticsEngine whose only client is this probe.
class Probe : public clang::DiagnosticConsumer {
public:
  llvm::StringRef Check;
  bool Suppressed = false;
  llvm::SmallVector<clang::tooling::Diagnostic, 2> Errors;
  clang::tidy::NoLintDirectiveHandler Handler;

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    Suppressed = Handler.shouldSuppress(Level, Info, Check, Errors, /*AllowIO=*/true,
                                        /*EnableNoLintBlocks=*/true);
  }
};
} // namespace

struct NolintFilter::Impl {
  clang::SourceManager &SM;
  Probe P;
  clang::DiagnosticsEngine Engine;
  unsigned WarningID;
  size_t ErrorsTaken = 0;

  explicit Impl(clang::SourceManager &SM)
      : SM(SM), Engine(new clang::DiagnosticIDs(), new clang::DiagnosticOptions(), &P,
                       /*ShouldOwnClient=*/false) {
    Engine.setSourceManager(&SM);
    WarningID = Engine.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0");
  }
};

NolintFilter::NolintFilter(clang::SourceManager &SM) : P(std::make_unique<Impl>(SM)) {}
NolintFilter::~NolintFilter() = default;

bool NolintFilter::suppressed(llvm::StringRef Check, clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  P->P.Check = Check;
  P->P.Suppressed = false;
  P->Engine.Report(Loc, P->WarningID) << "probe";
  return P->P.Suppressed;
}

std::vector<NolintFilter::Error> NolintFilter::takeErrors() {
  std::vector<Error> Out;
  for (const clang::tooling::Diagnostic &D : P->P.Errors) {
    // The handler records file + offset; map them back into this TU.
    auto File = P->SM.getFileManager().getOptionalFileRef(D.Message.FilePath);
    clang::SourceLocation Loc;
    if (File) {
      clang::FileID FID = P->SM.translateFile(*File);
      if (FID.isValid())
        Loc = P->SM.getComposedLoc(FID, D.Message.FileOffset);
    }
    Out.push_back({Loc, D.Message.Message});
  }
  P->P.Errors.clear();
  return Out;
}

} // namespace cli
} // namespace torchshape
