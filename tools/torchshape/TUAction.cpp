//===- TUAction.cpp - Analyse one file of the run ------------------------===//
#include "TUAction.h"

#include "LibraryBodies.h"

#include "Config.h"
#include "Nolint.h"
#include "PchCache.h"
#include "SafeWrite.h"

#include "torchshape/Analysis/Analyzer.h"
#include "torchshape/Analysis/ShapeRecord.h"
#include "torchshape/Diagnostics/CheckFilter.h"
#include "torchshape/Diagnostics/CheckOptions.h"
#include "torchshape/Diagnostics/Finding.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace clang;
using namespace clang::tooling;

namespace torchshape {
namespace cli {

namespace {

unsigned utf16Units(llvm::StringRef Bytes) {
  unsigned N = 0;
  for (unsigned char C : Bytes) {
    if ((C & 0xC0) == 0x80)
      continue; // continuation byte
    N += (C & 0xF8) == 0xF0 ? 2 : 1; // 4-byte sequences are surrogate pairs
  }
  return N;
}

/// A file location (macro locations: where the user sees them, as Clang's
/// own diagnostics do) as plain data.
Place placeOf(const SourceManager &SM, SourceLocation Loc) {
  Place P;
  if (Loc.isInvalid())
    return P;
  Loc = SM.getFileLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  auto FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return P;
  P.File = FE->getName().str();
  P.Offset = Offset;
  P.Line = SM.getLineNumber(FID, Offset);
  P.Column = SM.getColumnNumber(FID, Offset);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (!Invalid && P.Column >= 1 && Offset <= Buffer.size())
    P.Utf16Column = utf16Units(Buffer.substr(Offset - (P.Column - 1), P.Column - 1)) + 1;
  else
    P.Utf16Column = P.Column;
  return P;
}

/// The text of the line that holds Loc (macro locations: where the user
/// sees them), without its line break.
std::string lineText(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid())
    return "";
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return "";
  size_t Begin = Buffer.rfind('\n', Offset); // the last break before Offset
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  size_t End = Buffer.find_first_of("\r\n", Offset);
  return Buffer.slice(Begin, End).str();
}

std::vector<Edit> editsOf(const SourceManager &SM, const LangOptions &LO,
                          const std::vector<FixIt> &Fixes,
                          std::map<std::string, std::string> &Hashes) {
  std::vector<Edit> Out;
  for (const FixIt &F : Fixes) {
    CharSourceRange R = Lexer::makeFileCharRange(F.Range, SM, LO);
    if (R.isInvalid())
      continue;
    Edit E{placeOf(SM, R.getBegin()), placeOf(SM, R.getEnd()), F.Replacement};
    if (!E.Begin.valid() || E.Begin.File != E.End.File || E.End.Offset < E.Begin.Offset)
      continue;
    if (!Hashes.count(E.Begin.File))
      Hashes[E.Begin.File] =
          contentHash(SM.getBufferData(SM.getDecomposedLoc(R.getBegin()).first));
    Out.push_back(std::move(E));
  }
  return Out;
}

class ShapeConsumer : public ASTConsumer {
public:
  ShapeConsumer(CompilerInstance &CI, const TUOptions &Opts, FileReport &R, raw_ostream &Err,
                bool &OwnErrors, const PchLineMap &PchLines)
      : CI(CI), Opts(Opts), Filter(Opts.Checks), AsErrors(Opts.WarningsAsErrors), R(R), Err(Err),
        OwnErrors(OwnErrors), PchLines(PchLines), HeaderFilter(Opts.HeaderFilter),
        ExcludeHeaderFilter(Opts.ExcludeHeaderFilter) {}

  // The PCH is loaded by now, and nothing parsed yet.
  void Initialize(ASTContext &) override { mapPchLines(CI, PchLines); }

  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    for (Decl *D : DG)
      TopLevel.push_back(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    if (Diags.hasErrorOccurred()) {
      R.State = FileReport::Status::Broken;
      Err << "torchshape: error: " << mainFileName(Ctx)
          << " does not compile; no shape analysis was done for it\n";
      return;
    }
    // With a cached PCH the declarations of the precompiled headers are not
    // handed to HandleTopLevelDecl: take the user's among them (a project
    // header that the file includes first) from the PCH.
    std::vector<Decl *> User;
    if (R.Pch != PchUse::None)
      User = userDeclsInPch(CI, PchLines);
    for (Decl *D : TopLevel)
      if (isUserCode(Ctx, D->getLocation()) && !(R.Pch != PchUse::None && D->isFromASTFile()))
        User.push_back(D);
    // --summary, --annotate: the engine records what it learns on the way.
    AnalyzerOptions Analysis = Opts.Analysis;
    std::unique_ptr<ShapeRecorder> Recorder;
    if (Opts.RecordShapes) {
      Recorder = std::make_unique<ShapeRecorder>();
      Analysis.Observer = Recorder.get();
    }
    AnalysisResult Result = analyze(Ctx, User, Analysis);
    if (Result.Crashed) {
      R.State = FileReport::Status::Crashed;
      Err << "torchshape: error: the shape analysis of " << mainFileName(Ctx)
          << " crashed; no findings for it (please report this, with the file)\n";
      return;
    }
    R.FunctionsAnalyzed += Result.FunctionsAnalyzed;
    R.FunctionsIncomplete += Result.FunctionsIncomplete;

    SourceManager &SM = Ctx.getSourceManager();
    if (Recorder)
      R.Shapes = resolveShapes(SM, Recorder->finish(SM), Result.Gaps, Opts.WithSource);
    for (const Gap &G : Result.Gaps)
      if (G.CutShort)
        R.CutShort.push_back({placeOf(SM, G.Loc), G.Reason, G.Detail});
    NolintFilter Nolint(SM);
    std::vector<const Finding *> Kept;
    for (Finding &F : Result.Findings) {
      llvm::StringRef Name = checkName(F.Check);
      if (!Filter.contains(Name))
        continue;
      // ClangTidyDiagnosticConsumer's order: NOLINT, then non-user code,
      // then the line filter, each counted.
      if (Nolint.suppressed(Name, F.Loc)) {
        ++R.SuppressedNolint;
        continue;
      }
      Shown S;
      S.add(*this, SM, F.Loc);
      for (const Note &N : F.Notes)
        S.add(*this, SM, N.Loc);
      if (!S.UserCode) {
        ++R.SuppressedNonUserCode;
        continue;
      }
      if (!S.Lines) {
        ++R.SuppressedLineFilter;
        continue;
      }
      applyCheckOptions(F, Opts.Options);
      Kept.push_back(&F);
    }

    // Findings: rendered like the compiler's (text), or recorded.
    // Warnings must stay warnings whatever -w/-Werror the compile command has.
    bool SavedIgnore = Diags.getIgnoreAllWarnings();
    bool SavedWerror = Diags.getWarningsAsErrors();
    Diags.setIgnoreAllWarnings(false);
    Diags.setWarningsAsErrors(false);
    unsigned WarnID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [%1]");
    unsigned ErrorID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0 [%1]");
    unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    const LangOptions &LO = Ctx.getLangOpts();
    for (const Finding *F : Kept) {
      llvm::StringRef Name = checkName(F->Check);
      bool AsError = AsErrors.contains(Name);
      FindingRecord Rec{Name.str(), AsError, placeOf(SM, F->Loc), F->Message, {},
                        editsOf(SM, LO, F->FixIts, R.AnalysedHash)};
      Rec.AsError = AsError;
      Rec.LineText = lineText(SM, F->Loc);
      OwnErrors |= AsError; // the tool's error, not the compiler's
      for (const Note &N : F->Notes)
        Rec.Notes.push_back({placeOf(SM, N.Loc), N.Message, editsOf(SM, LO, N.FixIts, R.AnalysedHash)});
      if (Opts.Format == OutputFormat::Text) {
        // Each finding with its own include stack, so that it reads whole
        // when the same finding of an earlier file is taken out of the run.
        if (DiagnosticConsumer *Client = Diags.getClient()) {
          Client->EndSourceFile();
          Client->BeginSourceFile(LO, &CI.getPreprocessor());
        }
        Err.flush();
        Rec.TextBegin = R.Stderr.size();
        {
          auto DB = Diags.Report(F->Loc, AsError ? ErrorID : WarnID);
          DB << F->Message << (AsError ? Name.str() + ",-warnings-as-errors" : Name.str());
          for (const FixIt &Fix : F->FixIts)
            DB << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
        }
        for (const Note &N : F->Notes) {
          auto DB = Diags.Report(N.Loc, NoteID);
          DB << N.Message;
          for (const FixIt &Fix : N.FixIts)
            DB << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
        }
        Err.flush();
        Rec.TextEnd = R.Stderr.size();
      }
      R.Findings.push_back(std::move(Rec));
    }
    // Unmatched NOLINTBEGIN/NOLINTEND, as clang-tidy reports them (errors:
    // only the header and line filters apply).
    for (const NolintFilter::Error &E : Nolint.takeErrors()) {
      Place P = placeOf(SM, E.Loc);
      Shown S;
      S.add(*this, SM, E.Loc);
      if (!S.UserCode || !S.Lines)
        continue;
      R.Findings.push_back({"clang-tidy-nolint", true, P, E.Message, {}, {}});
      OwnErrors = true;
      if (Opts.Format == OutputFormat::Text)
        Diags.Report(E.Loc, ErrorID) << E.Message << "clang-tidy-nolint";
    }
    Diags.setIgnoreAllWarnings(SavedIgnore);
    Diags.setWarningsAsErrors(SavedWerror);

    if (Opts.ExplainGaps)
      printGaps(SM, Result);
  }

private:
  CompilerInstance &CI;
  const TUOptions &Opts;
  Globs Filter, AsErrors;
  FileReport &R;
  raw_ostream &Err;
  bool &OwnErrors;
  const PchLineMap &PchLines;
  // As clang-tidy builds them: an empty or invalid regex matches nothing.
  llvm::Regex HeaderFilter, ExcludeHeaderFilter;
  std::vector<Decl *> TopLevel;

  /// ClangTidyDiagnosticConsumer::checkFilters: a warning is shown when its
  /// location or one of its notes' is user code (the main file, or a header
  /// that --header-filter matches and --exclude-header-filter does not;
  /// system headers only with --system-headers), and likewise passes the
  /// line filter.
  struct Shown {
    bool UserCode = false, Lines = false;
    void add(const ShapeConsumer &C, const SourceManager &SM, SourceLocation Loc) {
      if (Loc.isInvalid()) {
        UserCode = Lines = true;
        return;
      }
      if (!C.Opts.SystemHeaders && (SM.isInSystemHeader(Loc) || SM.isInSystemMacro(Loc)))
        return;
      FileID FID = SM.getDecomposedExpansionLoc(Loc).first;
      auto FE = SM.getFileEntryRefForID(FID);
      if (!FE) { // -D on the command line: clang-tidy keeps these
        UserCode = Lines = true;
        return;
      }
      llvm::StringRef Name = FE->getName();
      UserCode = UserCode || SM.isInMainFile(Loc) ||
                 (C.HeaderFilter.match(Name) && !C.ExcludeHeaderFilter.match(Name));
      Lines = Lines || !C.Opts.Lines || C.Opts.Lines->passes(Name, SM.getExpansionLineNumber(Loc));
    }
  };

  static std::string mainFileName(ASTContext &Ctx) {
    const SourceManager &SM = Ctx.getSourceManager();
    if (auto FE = SM.getFileEntryRefForID(SM.getMainFileID()))
      return FE->getName().str();
    return "<input>";
  }

  void printGaps(const SourceManager &SM, const AnalysisResult &Result) {
    llvm::raw_string_ostream OS(R.Stdout);
    std::map<std::string, unsigned> PerReason;
    for (const Gap &G : Result.Gaps) {
      PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(G.Loc));
      OS << (P.isValid() ? P.getFilename() : "?") << ":" << (P.isValid() ? P.getLine() : 0)
         << ":" << (P.isValid() ? P.getColumn() : 0) << ": gap: " << G.Reason << ": "
         << G.Detail << "\n";
      ++PerReason[G.Reason];
    }
    OS << "gaps: " << Result.Gaps.size() << " in " << Result.FunctionsAnalyzed << " functions";
    for (const auto &[Reason, N] : PerReason)
      OS << "; " << Reason << ": " << N;
    OS << "\n";
  }
};

class ShapeAction : public ASTFrontendAction {
public:
  ShapeAction(const TUOptions &Opts, FileReport &R, raw_ostream &Err, bool &OwnErrors,
              const PchLineMap &Lines)
      : Opts(Opts), R(R), Err(Err), OwnErrors(OwnErrors), Lines(Lines) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    auto Consumer = std::make_unique<ShapeConsumer>(CI, Opts, R, Err, OwnErrors, Lines);
    if (Opts.ParseLibraryBodies)
      return Consumer;
    return skippingLibraryBodies(CI, std::move(Consumer));
  }

private:
  const TUOptions &Opts;
  FileReport &R;
  raw_ostream &Err;
  bool &OwnErrors;
  const PchLineMap &Lines;
};

/// FrontendActionFactory::runInvocation, except that Clang's diagnostics and
/// its "N warnings generated." line go to the file's buffer, not to stderr.
class ShapeActionFactory : public FrontendActionFactory {
public:
  ShapeActionFactory(const TUOptions &Opts, FileReport &R, llvm::raw_string_ostream &Err,
                     bool &OwnErrors)
      : Opts(Opts), R(R), Err(Err), OwnErrors(OwnErrors) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ShapeAction>(Opts, R, Err, OwnErrors, PchLines);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *) override {
    // Colours as the compile command decides (terminal, -fcolor-diagnostics),
    // unless --use-color (or UseColor in .clang-tidy) says.
    if (Opts.UseColor)
      Invocation->getDiagnosticOpts().ShowColors = *Opts.UseColor;
    Err.enable_colors(Invocation->getDiagnosticOpts().ShowColors);
    TextDiagnosticPrinter Printer(Err, &Invocation->getDiagnosticOpts());
    if (Opts.Cache)
      R.Pch = Opts.Cache->prepare(*Invocation, *Files, PCHContainerOps, PchLines);
    CompilerInstance Compiler(std::move(PCHContainerOps));
    Compiler.setInvocation(std::move(Invocation));
    Compiler.setFileManager(Files);
    std::unique_ptr<FrontendAction> Action(create());
    Compiler.createDiagnostics(&Printer, /*ShouldOwnClient=*/false);
    if (!Compiler.hasDiagnostics())
      return false;
    if (Opts.Quiet)
      Compiler.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
    else
      Compiler.setVerboseOutputStream(Err);
    Compiler.createSourceManager(*Files);
    const bool Success = Compiler.ExecuteAction(*Action);
    Files->clearStatCache();
    return Success;
  }

private:
  const TUOptions &Opts;
  FileReport &R;
  llvm::raw_string_ostream &Err;
  bool &OwnErrors;
  PchLineMap PchLines;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fileSystemFor(llvm::StringRef VfsOverlay,
                                                              std::string *Error) {
  // A physical file system of its own: ClangTool sets the working directory
  // of each compile command on it, which on the process-wide one would be a
  // chdir racing with the other threads.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Real = llvm::vfs::createPhysicalFileSystem();
  if (VfsOverlay.empty())
    return Real;
  auto Buffer = Real->getBufferForFile(VfsOverlay);
  if (!Buffer) {
    if (Error)
      *Error = Buffer.getError().message();
    return nullptr;
  }
  auto V = llvm::vfs::getVFSFromYAML(
      std::move(*Buffer), [](const llvm::SMDiagnostic &, void *) {}, VfsOverlay, nullptr, Real);
  if (!V) {
    if (Error)
      *Error = "not a valid overlay file";
    return nullptr;
  }
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Real);
  Overlay->pushOverlay(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(V.release()));
  return Overlay;
}

FileReport analyseFile(const CompilationDatabase &DB, const std::string &File,
                       const TUOptions &Opts) {
  FileReport R;
  R.File = File;
  std::vector<CompileCommand> Cmds = DB.getCompileCommands(File);
  if (!Cmds.empty()) {
    // A fixed database (flags after --) says "."; clang-tidy reports the
    // absolute directory.
    llvm::SmallString<256> Dir(Cmds.front().Directory);
    llvm::sys::fs::make_absolute(Dir);
    llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
    R.BuildDir = std::string(Dir);
  }
  llvm::raw_string_ostream Err(R.Stderr);
  // A file system of its own: ClangTool sets the working directory of each
  // compile command on it, which on the process-wide one would be a chdir
  // racing with the other threads.
  // The caller checked that the overlay reads.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = fileSystemFor(Opts.VfsOverlay);
  if (!FS)
    FS = llvm::vfs::createPhysicalFileSystem();
  ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  if (Opts.Contents)
    Tool.mapVirtualFile(File, *Opts.Contents);
  // Clang's own headers (stddef.h, ...) from the LLVM the tool was built with.
  Tool.appendArgumentsAdjuster([](const CommandLineArguments &Args, StringRef) {
    for (const std::string &A : Args)
      if (llvm::StringRef(A).starts_with("-resource-dir"))
        return Args;
    CommandLineArguments Out = Args;
    Out.insert(Out.begin() + (Out.empty() ? 0 : 1),
               "-resource-dir=" TORCHSHAPE_CLANG_RESOURCE_DIR);
    return Out;
  });
  // The driver's own errors (unknown flags, missing file) have no source
  // location: a printer without language options renders them.
  TextDiagnosticPrinter DriverPrinter(Err, new DiagnosticOptions());
  Tool.setDiagnosticConsumer(&DriverPrinter);
  bool OwnErrors = false;
  ShapeActionFactory Factory(Opts, R, Err, OwnErrors);
  int RC = Tool.run(&Factory);
  if (RC != 0 && !OwnErrors && R.State != FileReport::Status::Broken &&
      R.State != FileReport::Status::Crashed) {
    R.State = FileReport::Status::Broken;
    Err << "torchshape: error: " << File << " does not compile; no shape analysis was done for it\n";
  }
  Err.flush();
  return R;
}

} // namespace cli
} // namespace torchshape
