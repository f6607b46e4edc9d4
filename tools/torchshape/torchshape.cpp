//===- torchshape.cpp - The standalone torchshape command ----------------===//
//
//   torchshape file.cpp -- <compiler flags>
//   torchshape -p build [files...]
//
// Parses each translation unit with Clang, runs the engine over the user
// code, and prints the findings like clang does.  Exit status: 0 clean,
// 1 findings, 2 usage or parse errors.
//
//===----------------------------------------------------------------------===//
#include "torchshape/Analysis/Analyzer.h"
#include "torchshape/Diagnostics/CheckFilter.h"
#include "torchshape/Diagnostics/Finding.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tooling;
using namespace torchshape;

static llvm::cl::OptionCategory Category("torchshape options");

static llvm::cl::opt<std::string> Checks(
    "checks",
    llvm::cl::desc("Comma-separated globs of checks to run, clang-tidy style; a leading\n"
                   "'-' disables (e.g. '-*,torch-shape-view'). Default: torch-shape-*"),
    llvm::cl::init("torch-shape-*"), llvm::cl::cat(Category));

static llvm::cl::opt<bool> ListChecks("list-checks",
                                      llvm::cl::desc("List the enabled checks and exit"),
                                      llvm::cl::cat(Category));

static llvm::cl::opt<bool> ExplainGaps(
    "explain-gaps",
    llvm::cl::desc("Also list where tensor shapes became unknown, and why"),
    llvm::cl::cat(Category));

static llvm::cl::extrahelp MoreHelp(
    "\nExit status: 0 no findings, 1 findings, 2 usage or parse errors.\n"
    "Checks: torch-shape-view, torch-shape-layer, torch-shape-dim.\n");

namespace {

struct RunStats {
  unsigned Findings = 0;
  unsigned BrokenFiles = 0;
  unsigned Files = 0;
};

class ShapeConsumer : public ASTConsumer {
public:
  ShapeConsumer(CompilerInstance &CI, const CheckFilter &Filter, RunStats &Stats)
      : CI(CI), Filter(Filter), Stats(Stats) {}

  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    for (Decl *D : DG)
      TopLevel.push_back(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    ++Stats.Files;
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    if (Diags.hasErrorOccurred()) {
      ++Stats.BrokenFiles;
      llvm::errs() << "torchshape: error: "
                   << mainFileName(Ctx)
                   << " does not compile; no shape analysis was done for it\n";
      return;
    }
    std::vector<Decl *> User;
    for (Decl *D : TopLevel)
      if (isUserCode(Ctx, D->getLocation()))
        User.push_back(D);
    AnalysisResult R = analyze(Ctx, User);
    // Reported through Clang's own diagnostics engine: same format, colours,
    // source snippets and fix-it hints as the compiler's.
    unsigned WarnID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [%1]");
    unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    for (const Finding &F : R.Findings) {
      llvm::StringRef Name = checkName(F.Check);
      if (!Filter.isEnabled(Name))
        continue;
      ++Stats.Findings;
      {
        auto DB = Diags.Report(F.Loc, WarnID);
        DB << F.Message << Name;
        for (const FixIt &Fix : F.FixIts)
          DB << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
      }
      for (const Note &N : F.Notes) {
        auto DB = Diags.Report(N.Loc, NoteID);
        DB << N.Message;
        for (const FixIt &Fix : N.FixIts)
          DB << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
      }
    }
    if (ExplainGaps)
      printGaps(Ctx, R);
  }

private:
  CompilerInstance &CI;
  const CheckFilter &Filter;
  RunStats &Stats;
  std::vector<Decl *> TopLevel;

  static std::string mainFileName(ASTContext &Ctx) {
    const SourceManager &SM = Ctx.getSourceManager();
    if (auto FE = SM.getFileEntryRefForID(SM.getMainFileID()))
      return FE->getName().str();
    return "<input>";
  }

  static void printGaps(ASTContext &Ctx, const AnalysisResult &R) {
    const SourceManager &SM = Ctx.getSourceManager();
    std::map<std::string, unsigned> PerReason;
    for (const Gap &G : R.Gaps) {
      PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(G.Loc));
      llvm::outs() << (P.isValid() ? P.getFilename() : "?") << ":"
                   << (P.isValid() ? P.getLine() : 0) << ":" << (P.isValid() ? P.getColumn() : 0)
                   << ": gap: " << G.Reason << ": " << G.Detail << "\n";
      ++PerReason[G.Reason];
    }
    llvm::outs() << "gaps: " << R.Gaps.size() << " in " << R.FunctionsAnalyzed << " functions";
    for (const auto &[Reason, N] : PerReason)
      llvm::outs() << "; " << Reason << ": " << N;
    llvm::outs() << "\n";
  }
};

class ShapeAction : public ASTFrontendAction {
public:
  ShapeAction(const CheckFilter &Filter, RunStats &Stats) : Filter(Filter), Stats(Stats) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<ShapeConsumer>(CI, Filter, Stats);
  }

private:
  const CheckFilter &Filter;
  RunStats &Stats;
};

class ShapeActionFactory : public FrontendActionFactory {
public:
  ShapeActionFactory(const CheckFilter &Filter, RunStats &Stats) : Filter(Filter), Stats(Stats) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ShapeAction>(Filter, Stats);
  }

private:
  const CheckFilter &Filter;
  RunStats &Stats;
};

/// The value of -p, as CommonOptionsParser reads it.
std::string buildPathFromArgs(int argc, const char **argv) {
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef A = argv[I];
    if (A == "--")
      break;
    if ((A == "-p" || A == "--p") && I + 1 < argc)
      return argv[I + 1];
    if (A.consume_front("-p=") || A.consume_front("--p="))
      return A.str();
  }
  return "";
}

} // namespace

int main(int argc, const char **argv) {
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "torchshape " << TORCHSHAPE_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  auto Parser = CommonOptionsParser::create(argc, argv, Category, llvm::cl::ZeroOrMore,
                                            "torchshape: finds tensor shape bugs in LibTorch code\n");
  if (!Parser) {
    llvm::errs() << "torchshape: error: " << llvm::toString(Parser.takeError()) << "\n";
    return 2;
  }
  CheckFilter Filter(Checks);
  if (ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const CheckInfo &C : allChecks())
      if (Filter.isEnabled(C.Name))
        llvm::outs() << "    " << C.Name << "\n";
    return 0;
  }
  std::vector<std::string> Files = Parser->getSourcePathList();
  // With no files, CommonOptionsParser loads no database: every file of the
  // database named by -p is the input.
  std::unique_ptr<CompilationDatabase> WholeProject;
  if (Files.empty()) {
    std::string BuildPath = buildPathFromArgs(argc, argv);
    std::string Error;
    if (!BuildPath.empty())
      WholeProject = CompilationDatabase::autoDetectFromDirectory(BuildPath, Error);
    if (!WholeProject) {
      llvm::errs() << "torchshape: error: no input files (give files, or -p <build dir> with "
                      "a compile_commands.json)"
                   << (Error.empty() ? "" : ": " + Error) << "\n";
      return 2;
    }
    Files = WholeProject->getAllFiles();
    if (Files.empty()) {
      llvm::errs() << "torchshape: error: the compilation database in " << BuildPath
                   << " lists no files\n";
      return 2;
    }
  }
  ClangTool Tool(WholeProject ? *WholeProject : Parser->getCompilations(), Files);
  // Clang's own headers (stddef.h, ...) from the LLVM the tool was built with,
  // wherever the torchshape binary itself lives.
  Tool.appendArgumentsAdjuster(
      [](const CommandLineArguments &Args, StringRef) {
        for (const std::string &A : Args)
          if (llvm::StringRef(A).starts_with("-resource-dir"))
            return Args;
        CommandLineArguments R = Args;
        R.insert(R.begin() + (R.empty() ? 0 : 1),
                 "-resource-dir=" TORCHSHAPE_CLANG_RESOURCE_DIR);
        return R;
      });
  RunStats Stats;
  ShapeActionFactory Factory(Filter, Stats);
  int RC = Tool.run(&Factory);
  if (RC != 0 || Stats.BrokenFiles > 0)
    return 2;
  return Stats.Findings > 0 ? 1 : 0;
}
