//===- PchCache.cpp - Precompiled headers for the leading #includes -------===//
#include "PchCache.h"

#include "LibraryBodies.h"
#include "torchshape/Analysis/Analyzer.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Serialization/ASTReader.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>
#include <vector>

using namespace clang;

namespace torchshape {
namespace cli {

namespace {

// 2: PCHs without the bodies of library functions (LibraryBodies.h); a
// new format gives new keys, so older binaries never share an entry.
// 3: the PCH's modification time is recorded next to its hash.
// 4: system headers are recorded by their directories; whether the PCH
// holds user headers is recorded.
const char *const FormatLine = "torchshape-pch 4";

/// The leading #include lines of the preamble (with the #define and #undef
/// lines among them), as the text of a header, up to and including the
/// first include that names a library or project header (a quoted name, or
/// one with a '/': <torch/torch.h>, "model.h") -- where the parse cost is,
/// and what the files of one project share; the standard headers after it
/// are mostly in it already.  Empty when there is none.  A conditional, a
/// line continuation or a string ends the block.  A quoted name found next
/// to the main file is written as an absolute path (the generated header
/// lives elsewhere); MainDir is that directory.
/// IncludeOffsets: for each line of the header, the offset in the main
/// file of the name its #include line includes (0 for a #define line).
std::string leadingIncludes(llvm::StringRef Buffer, const LangOptions &LO,
                            llvm::StringRef MainDir, llvm::vfs::FileSystem &FS,
                            std::vector<unsigned> &IncludeOffsets) {
  PreambleBounds Bounds = Lexer::ComputePreamble(Buffer, LO);
  llvm::StringRef Preamble = Buffer.take_front(Bounds.Size);
  std::string Header;
  std::vector<std::pair<std::string, unsigned>> Pending; // #defines not yet followed by an include
  unsigned LineNo = 0;
  bool InComment = false;
  while (!Preamble.empty()) {
    auto [Line, Rest] = Preamble.split('\n');
    ++LineNo;
    Preamble = Rest;
    // Comments out; stop at what a line-based reading cannot follow.
    std::string Code;
    bool Stop = false;
    for (size_t I = 0; I < Line.size(); ++I) {
      char C = Line[I];
      if (InComment) {
        if (C == '*' && I + 1 < Line.size() && Line[I + 1] == '/') {
          InComment = false;
          ++I;
          Code += ' ';
        }
        continue;
      }
      if (C == '/' && I + 1 < Line.size() && Line[I + 1] == '/')
        break;
      if (C == '/' && I + 1 < Line.size() && Line[I + 1] == '*') {
        InComment = true;
        ++I;
        continue;
      }
      if (C == '\'' || (C == '"' && !llvm::StringRef(Code).ltrim().starts_with("#"))) {
        Stop = true;
        break;
      }
      Code += C;
    }
    llvm::StringRef T = llvm::StringRef(Code).trim();
    if (Stop || T.ends_with("\\"))
      break;
    if (T.empty())
      continue;
    if (!T.consume_front("#"))
      break;
    T = T.ltrim();
    if (T.consume_front("include")) {
      T = T.ltrim();
      bool Angled = T.starts_with("<") && T.ends_with(">") && T.count('>') == 1;
      bool Quoted = T.size() > 2 && T.starts_with("\"") && T.ends_with("\"") && T.count('"') == 2;
      if (!Angled && !Quoted)
        break;
      llvm::StringRef Name = T.drop_front().drop_back();
      std::string Spelled = T.str();
      if (Quoted && !llvm::sys::path::is_absolute(Name)) {
        llvm::SmallString<256> Beside(MainDir);
        llvm::sys::path::append(Beside, Name);
        if (FS.exists(Beside))
          Spelled = "\"" + std::string(Beside) + "\"";
      }
      for (const auto &[Text, At] : Pending) {
        Header += Text;
        IncludeOffsets.push_back(At);
      }
      Pending.clear();
      // As written (when nothing was rewritten or stripped): a note that
      // quotes the line shows the same text.
      Header += (Spelled == T.str() && Line.rtrim("\r").trim() == llvm::StringRef(Code).trim()
                     ? Line.rtrim("\r").trim().str()
                                                                 : "#include " + Spelled) +
                "\n";
      size_t Directive = Line.find("include");
      size_t NameAt = Line.find_first_of(Angled ? "<" : "\"", Directive);
      IncludeOffsets.push_back(unsigned(Line.data() - Buffer.data() + NameAt));
      if (Quoted || Name.contains('/'))
        break;
    } else if (T.starts_with("define ") || T.starts_with("undef ") ||
               T.starts_with("define\t") || T.starts_with("undef\t")) {
      Pending.push_back({"#" + T.str() + "\n", 0});
    } else if (T.starts_with("pragma") && T.drop_front(6).trim() == "once") {
      continue;
    } else {
      break;
    }
  }
  return Header;
}

std::string hexHash(llvm::StringRef Text) {
  std::array<uint8_t, 32> H = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text));
  return llvm::toHex(llvm::ArrayRef<uint8_t>(H).take_front(12), /*LowerCase=*/true);
}

/// The -cc1 options of the parse, without those that only name the main
/// file, its outputs and how diagnostics look on a terminal.
std::string optionsKey(const CompilerInvocation &Inv) {
  CompilerInvocation K(Inv);
  K.getFrontendOpts().Inputs.clear();
  K.getFrontendOpts().OutputFile.clear();
  K.getFrontendOpts().ProgramAction = frontend::ParseSyntaxOnly;
  K.getDependencyOutputOpts() = DependencyOutputOptions();
  K.getCodeGenOpts().MainFileName.clear();
  K.getCodeGenOpts().DebugCompilationDir.clear();
  K.getCodeGenOpts().CoverageCompilationDir.clear();
  K.getDiagnosticOpts().ShowColors = false;
  K.getDiagnosticOpts().MessageLength = 0;
  K.getPreprocessorOpts().ImplicitPCHInclude.clear();
  std::string Out;
  for (const std::string &A : K.getCC1CommandLine())
    Out += A + "\n";
  return Out;
}

struct Dep {
  std::string Path;
  uint64_t Size = 0;
  int64_t MTime = 0; // nanoseconds since the epoch
};

bool statDep(llvm::StringRef Path, Dep &D) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St) || !llvm::sys::fs::is_regular_file(St))
    return false;
  D.Path = Path.str();
  D.Size = St.getSize();
  D.MTime = std::chrono::duration_cast<std::chrono::nanoseconds>(
                St.getLastModificationTime().time_since_epoch())
                .count();
  return true;
}

/// A directory's modification time (nanoseconds since the epoch), or
/// false when it is not a directory.
bool statDir(llvm::StringRef Path, int64_t &MTime) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St) || !llvm::sys::fs::is_directory(St))
    return false;
  MTime = std::chrono::duration_cast<std::chrono::nanoseconds>(
              St.getLastModificationTime().time_since_epoch())
              .count();
  return true;
}

/// A cache entry as its .deps file records it.
struct Entry {
  bool Usable = false;  // a PCH (false: "not cacheable", remembered)
  std::string PchName;  // file name in the cache directory
  uint64_t PchSize = 0;
  std::string PchHash;
  int64_t PchMTime = 0; // when PchHash was known to hold
  std::vector<unsigned> UserFiles; // file IDs in the PCH
  std::vector<Dep> Deps;                             // user headers
  std::vector<std::pair<std::string, int64_t>> Dirs; // of system headers
  // The headers the generated header includes itself: their file ID in the
  // PCH, and the line of the generated header that includes them.
  std::vector<std::pair<unsigned, unsigned>> Includes;
};

std::string hashFile(llvm::StringRef Path, uint64_t &Size) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buf)
    return "";
  Size = (*Buf)->getBufferSize();
  return llvm::utohexstr(llvm::xxh3_64bits((*Buf)->getBuffer()), /*LowerCase=*/true);
}

/// The .deps record's "pch NAME SIZE HASH MTIME" line.
bool parsePchLine(llvm::StringRef Line, Entry &E) {
  llvm::SmallVector<llvm::StringRef, 5> F;
  Line.split(F, ' ');
  if (F.size() != 5 || F[0] != "pch" || F[1].contains('/') || F[2].getAsInteger(10, E.PchSize) ||
      F[4].getAsInteger(10, E.PchMTime))
    return false;
  E.Usable = true;
  E.PchName = F[1].str();
  E.PchHash = F[3].str();
  return true;
}

std::string serialize(const Entry &E) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << FormatLine << "\n";
  if (E.Usable)
    OS << "pch " << E.PchName << " " << E.PchSize << " " << E.PchHash << " " << E.PchMTime
       << "\n";
  else
    OS << "none\n";
  for (unsigned ID : E.UserFiles)
    OS << "user " << ID << "\n";
  for (const auto &[ID, Line] : E.Includes)
    OS << "inc " << ID << " " << Line << "\n";
  for (const Dep &D : E.Deps)
    OS << "dep " << D.Size << " " << D.MTime << " " << D.Path << "\n";
  for (const auto &[Path, MTime] : E.Dirs)
    OS << "dir " << MTime << " " << Path << "\n";
  return S;
}

/// Reads and checks an entry: well formed, every header unchanged, the PCH
/// whole.  False for anything else (the caller rebuilds).
bool readValid(llvm::StringRef Dir, llvm::StringRef DepsPath, Entry &E) {
  auto Buf = llvm::MemoryBuffer::getFile(DepsPath, /*IsText=*/true);
  if (!Buf)
    return false;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  if (Lines.size() < 2 || Lines[0] != FormatLine)
    return false;
  llvm::StringRef Head = Lines[1];
  if (Head == "none")
    E.Usable = false;
  else if (!parsePchLine(Head, E))
    return false;
  for (llvm::StringRef L : llvm::ArrayRef(Lines).drop_front(2)) {
    Dep D;
    if (L.consume_front("user ")) {
      unsigned ID = 0;
      if (L.getAsInteger(10, ID))
        return false;
      E.UserFiles.push_back(ID);
      continue;
    }
    if (L.consume_front("dir ")) {
      auto [TimeText, Path] = L.split(' ');
      int64_t Recorded = 0, Now = 0;
      if (TimeText.getAsInteger(10, Recorded) || Path.empty() || !statDir(Path, Now) ||
          Now != Recorded)
        return false;
      E.Dirs.push_back({Path.str(), Recorded});
      continue;
    }
    if (L.consume_front("inc ")) {
      unsigned ID = 0, Line = 0;
      auto [IDText, LineText] = L.split(' ');
      if (IDText.getAsInteger(10, ID) || LineText.getAsInteger(10, Line))
        return false;
      E.Includes.push_back({ID, Line});
      continue;
    }
    if (!L.consume_front("dep "))
      return false;
    auto [SizeText, Rest] = L.split(' ');
    auto [TimeText, Path] = Rest.split(' ');
    if (SizeText.getAsInteger(10, D.Size) || TimeText.getAsInteger(10, D.MTime) || Path.empty())
      return false;
    Dep Now;
    if (!statDep(Path, Now) || Now.Size != D.Size || Now.MTime != D.MTime)
      return false;
    D.Path = Path.str();
    E.Deps.push_back(std::move(D));
  }
  if (E.Usable) {
    llvm::SmallString<256> Pch(Dir);
    llvm::sys::path::append(Pch, E.PchName);
    // Hashing the PCH (about 80 MB) on every use cost a warm run about a
    // tenth of its CPU time: it is hashed again only when it was written
    // after it was hashed.
    Dep Now;
    if (!statDep(Pch, Now) || Now.Size != E.PchSize)
      return false;
    uint64_t Size = 0;
    if (Now.MTime != E.PchMTime && hashFile(Pch, Size) != E.PchHash)
      return false;
  }
  return true;
}

/// Writes Text to Path through a temporary file in the same directory.
std::error_code writeAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Tmp;
  int FD;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Path + "-%%%%%%%%.tmp", FD, Tmp))
    return EC;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      llvm::sys::fs::remove(Tmp);
      return EC;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Path)) {
    llvm::sys::fs::remove(Tmp);
    return EC;
  }
  return {};
}

void touch(llvm::StringRef Path) {
  int FD;
  if (llvm::sys::fs::openFileForReadWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                          llvm::sys::fs::OF_None))
    return;
  llvm::sys::fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);
}

/// GeneratePCHAction that, before the preprocessor goes away, lists the
/// headers the PCH read and says whether it may stand in for the file's
/// leading includes.
class CollectingPCHAction : public GeneratePCHAction {
public:
  explicit CollectingPCHAction(bool ParseLibraryBodies) : ParseLibraryBodies(ParseLibraryBodies) {}

  std::vector<std::string> Files;       // found through user include paths
  std::set<std::string> SystemDirs;     // of those found through system paths
  std::vector<unsigned> UserFiles;      // isUserCode holds for them (IDs)
  std::vector<std::pair<unsigned, unsigned>> Includes; // as Entry::Includes
  std::string Refusal; // why this PCH must not be used; empty: it may

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef InFile) override {
    std::unique_ptr<ASTConsumer> Writer = GeneratePCHAction::CreateASTConsumer(CI, InFile);
    if (!Writer || ParseLibraryBodies)
      return Writer;
    return skippingLibraryBodies(CI, std::move(Writer));
  }

  void EndSourceFileAction() override {
    CompilerInstance &CI = getCompilerInstance();
    SourceManager &SM = CI.getSourceManager();
    HeaderSearch &HS = CI.getPreprocessor().getHeaderSearchInfo();
    FileID Main = SM.getMainFileID();
    llvm::SmallString<256> Cwd;
    if (auto C = SM.getFileManager().getVirtualFileSystem().getCurrentWorkingDirectory())
      Cwd = *C;
    std::set<std::string> Seen;
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
      if (!E.isFile())
        continue;
      const SrcMgr::FileInfo &FI = E.getFile();
      OptionalFileEntryRef FE = FI.getContentCache().OrigEntry;
      if (!FE)
        continue;
      FileID FID = SM.getFileID(SourceLocation::getFromRawEncoding(E.getOffset()));
      if (FID == Main)
        continue;
      llvm::SmallString<256> P(FE->getName());
      if (!llvm::sys::path::is_absolute(P))
        llvm::sys::fs::make_absolute(Cwd, P);
      llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
      if (Seen.insert(std::string(P)).second) {
        if (SrcMgr::isSystem(FI.getFileCharacteristic()))
          SystemDirs.insert(llvm::sys::path::parent_path(P).str());
        else
          Files.push_back(std::string(P));
        if (isUserCode(CI.getASTContext(), SM.getLocForStartOfFile(FID)))
          UserFiles.push_back(FID.getHashValue());
      }
      SourceLocation IncludedAt = FI.getIncludeLoc();
      if (IncludedAt.isValid() && SM.getFileID(IncludedAt) == Main) {
        // The ID the PCH gives the file is its index here (ASTWriter
        // writes the local entries in order).
        Includes.push_back({FID.getHashValue(), SM.getSpellingLineNumber(IncludedAt)});
        if (Refusal.empty() && !HS.isFileMultipleIncludeGuarded(*FE))
          Refusal = std::string(P) + " has no include guard";
      }
    }
    GeneratePCHAction::EndSourceFileAction();
  }

private:
  bool ParseLibraryBodies;
};

} // namespace

std::string PchCache::defaultDir() {
  llvm::SmallString<256> P;
  if (auto Env = llvm::sys::Process::GetEnv("TORCHSHAPE_CACHE_DIR"); Env && !Env->empty())
    return *Env;
  if (auto Xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
      Xdg && llvm::sys::path::is_absolute(*Xdg)) {
    P = *Xdg;
  } else {
    if (!llvm::sys::path::home_directory(P))
      return "";
    llvm::sys::path::append(P, ".cache");
  }
  llvm::sys::path::append(P, "torchshape");
  return std::string(P);
}

std::shared_ptr<std::mutex> PchCache::lockFor(const std::string &Key) {
  std::lock_guard<std::mutex> L(M);
  auto &P = KeyLocks[Key];
  if (!P)
    P = std::make_shared<std::mutex>();
  return P;
}

void PchCache::setBuilding(const std::string &Key, std::string Text) {
  {
    std::lock_guard<std::mutex> L(M);
    if (Text.empty())
      Building.erase(Key);
    else
      Building[Key] = std::move(Text);
  }
  if (OnActivity)
    OnActivity();
}

std::string PchCache::activity() const {
  std::lock_guard<std::mutex> L(M);
  return Building.empty() ? "" : Building.begin()->second;
}

bool PchCache::disabled() {
  std::lock_guard<std::mutex> L(M);
  return Disabled;
}

void PchCache::disable(llvm::StringRef Why) {
  std::lock_guard<std::mutex> L(M);
  if (Disabled)
    return;
  Disabled = true;
  llvm::errs() << "torchshape: warning: cannot use the precompiled-header cache " << S.Dir
               << " (" << Why << "); files are parsed without it (--no-cache: no cache)\n";
  llvm::errs().flush();
}

PchUse PchCache::prepare(CompilerInvocation &Inv, FileManager &Files,
                         std::shared_ptr<PCHContainerOperations> Ops, PchLineMap &Map) {
  if (S.Dir.empty())
    return PchUse::None;
  PreprocessorOptions &PPO = Inv.getPreprocessorOpts();
  FrontendOptions &FO = Inv.getFrontendOpts();
  if (S.ReplaceCommandPch)
    PPO.ImplicitPCHInclude.clear();
  if (!PPO.ImplicitPCHInclude.empty() || !PPO.Includes.empty() || FO.Inputs.size() != 1 ||
      !FO.Inputs[0].isFile() || FO.Inputs[0].getKind().isHeader() ||
      FO.Inputs[0].getKind().getFormat() != InputKind::Source)
    return PchUse::None;
  auto Main = Files.getBufferForFile(FO.Inputs[0].getFile());
  if (!Main)
    return PchUse::None;
  llvm::SmallString<256> MainDir(FO.Inputs[0].getFile());
  Files.getVirtualFileSystem().makeAbsolute(MainDir);
  llvm::sys::path::remove_filename(MainDir);
  std::vector<unsigned> IncludeOffsets;
  std::string Header = leadingIncludes((*Main)->getBuffer(), Inv.getLangOpts(), MainDir,
                                       Files.getVirtualFileSystem(), IncludeOffsets);
  if (Header.empty())
    return PchUse::None;
  // Headers found through a relative -I are named relative to it in
  // diagnostics, but a PCH records absolute names: such a file is parsed
  // whole.  With absolute paths the working directory is not part of the key.
  for (const HeaderSearchOptions::Entry &I : Inv.getHeaderSearchOpts().UserEntries)
    if (!llvm::sys::path::is_absolute(I.Path))
      return PchUse::None;
  std::string Key = hexHash(std::string(FormatLine) + "\n" + getClangFullVersion() + "\n" +
                            Header + "\n" + optionsKey(Inv) +
                            (S.ParseLibraryBodies ? "library bodies\n" : ""));

  llvm::SmallString<256> DepsPath(S.Dir), HeaderPath(S.Dir);
  llvm::sys::path::append(DepsPath, Key + ".deps");
  llvm::sys::path::append(HeaderPath, Key + ".h");
  auto Use = [&](const Entry &E) {
    llvm::SmallString<256> Pch(S.Dir);
    llvm::sys::path::append(Pch, E.PchName);
    PPO.ImplicitPCHInclude = std::string(Pch);
    // Checked above, as Clang would (and more: the PCH's own hash); the
    // generated header may be rewritten by a racing process.
    PPO.DisablePCHOrModuleValidation = DisableValidationForModuleKind::PCH;
    Map.UserFiles = E.UserFiles;
    Map.Includes.clear();
    for (const auto &[LocalID, HeaderLine] : E.Includes)
      if (HeaderLine >= 1 && HeaderLine <= IncludeOffsets.size() &&
          IncludeOffsets[HeaderLine - 1] != 0)
        Map.Includes.push_back({LocalID, IncludeOffsets[HeaderLine - 1]});
  };

  std::shared_ptr<std::mutex> KeyLock = lockFor(Key);
  std::lock_guard<std::mutex> Held(*KeyLock);
  {
    Entry E;
    if (readValid(S.Dir, DepsPath, E)) {
      touch(DepsPath);
      if (!E.Usable)
        return PchUse::None;
      Use(E);
      return PchUse::Hit;
    }
  }
  if (disabled())
    return PchUse::None;
  if (std::error_code EC = llvm::sys::fs::create_directories(S.Dir)) {
    disable(EC.message());
    return PchUse::None;
  }
  // The generated header first: it also proves the directory writable
  // before a parse of many seconds.
  if (std::error_code EC = writeAtomically(HeaderPath, Header)) {
    disable(EC.message());
    return PchUse::None;
  }
  llvm::SmallString<256> TmpPch;
  {
    int FD;
    if (std::error_code EC =
            llvm::sys::fs::createUniqueFile(S.Dir + "/" + Key + "-%%%%%%%%.tmp", FD, TmpPch)) {
      disable(EC.message());
      return PchUse::None;
    }
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }

  std::string Shown = llvm::StringRef(Header).rtrim().str();
  std::replace(Shown.begin(), Shown.end(), '\n', ' ');
  setBuilding(Key, "precompiling " + Shown + " (once)");

  auto PInv = std::make_shared<CompilerInvocation>(Inv);
  FrontendOptions &PFO = PInv->getFrontendOpts();
  PFO.Inputs = {FrontendInputFile(HeaderPath, FO.Inputs[0].getKind().getHeader())};
  PFO.ProgramAction = frontend::GeneratePCH;
  PFO.OutputFile = std::string(TmpPch);
  PInv->getLangOpts().PCHInstantiateTemplates = true;
  PInv->getDependencyOutputOpts() = DependencyOutputOptions();
  PInv->getCodeGenOpts().MainFileName = std::string(HeaderPath);
  PInv->getDiagnosticOpts().ShowColors = false;

  std::string DiagText;
  llvm::raw_string_ostream DiagOS(DiagText);
  TextDiagnosticPrinter Printer(DiagOS, &PInv->getDiagnosticOpts());
  CompilerInstance CI(std::move(Ops));
  CI.setInvocation(PInv);
  CI.createDiagnostics(&Printer, /*ShouldOwnClient=*/false);
  CI.createFileManager(Files.getVirtualFileSystemPtr());
  CI.createSourceManager(CI.getFileManager());
  // Not "N warnings generated." on stderr: the file's own parse reports.
  CI.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
  CollectingPCHAction Action(S.ParseLibraryBodies);
  bool Built = CI.ExecuteAction(Action) && !CI.getDiagnostics().hasErrorOccurred();
  setBuilding(Key, "");

  Entry E;
  E.Includes = Action.Includes;
  E.UserFiles = Action.UserFiles;
  for (const std::string &F : Action.Files) {
    Dep D;
    if (statDep(F, D))
      E.Deps.push_back(std::move(D));
  }
  for (const std::string &Dir : Action.SystemDirs) {
    int64_t MTime = 0;
    if (statDir(Dir, MTime))
      E.Dirs.push_back({Dir, MTime});
  }
  if (!Built) {
    // The file's own parse reports what is wrong; nothing is remembered,
    // so that a fix is picked up.
    llvm::sys::fs::remove(TmpPch);
    return PchUse::None;
  }
  if (Action.Refusal.empty()) {
    E.PchHash = hashFile(TmpPch, E.PchSize);
    if (E.PchHash.empty()) {
      llvm::sys::fs::remove(TmpPch);
      disable("cannot read back " + std::string(TmpPch));
      return PchUse::None;
    }
    // Named by its contents: a racing writer of the same key never
    // replaces the PCH another process's .deps describes.
    E.Usable = true;
    E.PchName = Key + "-" + E.PchHash + ".pch";
    llvm::SmallString<256> Final(S.Dir);
    llvm::sys::path::append(Final, E.PchName);
    if (std::error_code EC = llvm::sys::fs::rename(TmpPch, Final)) {
      llvm::sys::fs::remove(TmpPch);
      disable(EC.message());
      return PchUse::None;
    }
    Dep Written;
    if (statDep(Final, Written))
      E.PchMTime = Written.MTime;
  } else {
    llvm::sys::fs::remove(TmpPch);
  }
  if (std::error_code EC = writeAtomically(DepsPath, serialize(E))) {
    disable(EC.message());
    return PchUse::None;
  }
  evict();
  if (!E.Usable)
    return PchUse::None;
  Use(E);
  return PchUse::Built;
}

void mapPchLines(CompilerInstance &CI, const PchLineMap &Map) {
  if (Map.Includes.empty() || !CI.hasSourceManager())
    return;
  IntrusiveRefCntPtr<ASTReader> Reader = CI.getASTReader();
  if (!Reader || Reader->getModuleManager().size() == 0)
    return;
  serialization::ModuleFile &F = Reader->getModuleManager().getPrimaryModule();
  SourceManager &SM = CI.getSourceManager();
  SourceLocation MainStart = SM.getLocForStartOfFile(SM.getMainFileID());
  for (const auto &[LocalID, Offset] : Map.Includes) {
    int ID = F.SLocEntryBaseID + int(LocalID) - 1; // ASTReader::TranslateFileID
    if (LocalID == 0 || LocalID > F.LocalNumSLocEntries || ID >= -1 ||
        unsigned(-ID - 2) >= SM.loaded_sloc_entry_size())
      continue; // a record that does not fit this PCH
    bool Invalid = false;
    SrcMgr::SLocEntry &Entry = SM.getLoadedSLocEntry(unsigned(-ID - 2), &Invalid);
    if (Invalid || !Entry.isFile())
      continue;
    const SrcMgr::FileInfo &Old = Entry.getFile();
    FileID FID = SM.getFileID(SourceLocation::getFromRawEncoding(Entry.getOffset()));
    unsigned Created = SM.getNumCreatedFIDsForFileID(FID);
    SrcMgr::FileInfo New =
        SrcMgr::FileInfo::get(MainStart.getLocWithOffset(Offset),
                              const_cast<SrcMgr::ContentCache &>(Old.getContentCache()),
                              Old.getFileCharacteristic(), Old.getName());
    if (Old.hasLineDirectives())
      New.setHasLineDirectives();
    Entry = SrcMgr::SLocEntry::get(Entry.getOffset(), New);
    SM.setNumCreatedFIDsForFileID(FID, Created, /*Force=*/true);
  }
}

/// Whether a parse would have handed D to HandleTopLevelDecl.  The PCH's
/// per-file index lists more: declarations at namespace scope, the function
/// or class a template describes, template parameters of out-of-line
/// definitions, and what Sema instantiated or specialised implicitly.
static bool handedToConsumer(const Decl *D) {
  if (!isa<TranslationUnitDecl>(D->getLexicalDeclContext()))
    return false;
  if (isa<TemplateTypeParmDecl, NonTypeTemplateParmDecl, TemplateTemplateParmDecl, ParmVarDecl>(D))
    return false;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return !FD->getDescribedFunctionTemplate() &&
           (FD->getTemplateSpecializationKind() == TSK_Undeclared ||
            FD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization);
  if (const auto *CTS = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return CTS->getSpecializationKind() != TSK_ImplicitInstantiation;
  if (const auto *VTS = dyn_cast<VarTemplateSpecializationDecl>(D))
    return VTS->getSpecializationKind() != TSK_ImplicitInstantiation;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return !RD->getDescribedClassTemplate();
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return !VD->getDescribedVarTemplate() &&
           VD->getTemplateSpecializationKind() != TSK_ImplicitInstantiation;
  if (const auto *TA = dyn_cast<TypeAliasDecl>(D))
    return !TA->getDescribedAliasTemplate();
  return true;
}

std::vector<Decl *> userDeclsInPch(CompilerInstance &CI, const PchLineMap &Map) {
  std::vector<Decl *> Decls;
  if (Map.UserFiles.empty() || !CI.hasSourceManager())
    return Decls;
  IntrusiveRefCntPtr<ASTReader> Reader = CI.getASTReader();
  if (!Reader || Reader->getModuleManager().size() == 0)
    return Decls;
  serialization::ModuleFile &F = Reader->getModuleManager().getPrimaryModule();
  SourceManager &SM = CI.getSourceManager();
  for (unsigned LocalID : Map.UserFiles) {
    int ID = F.SLocEntryBaseID + int(LocalID) - 1; // as in mapPchLines
    if (LocalID == 0 || LocalID > F.LocalNumSLocEntries || ID >= -1 ||
        unsigned(-ID - 2) >= SM.loaded_sloc_entry_size())
      continue; // a record that does not fit this PCH
    bool Invalid = false;
    const SrcMgr::SLocEntry &Entry = SM.getLoadedSLocEntry(unsigned(-ID - 2), &Invalid);
    if (Invalid || !Entry.isFile())
      continue;
    FileID FID = SM.getFileID(SourceLocation::getFromRawEncoding(Entry.getOffset()));
    llvm::SmallVector<Decl *, 64> InFile;
    Reader->FindFileRegionDecls(FID, 0, SM.getFileIDSize(FID), InFile);
    for (Decl *D : InFile)
      if (handedToConsumer(D))
        Decls.push_back(D);
  }
  std::sort(Decls.begin(), Decls.end());
  Decls.erase(std::unique(Decls.begin(), Decls.end()), Decls.end());
  std::stable_sort(Decls.begin(), Decls.end(), [&](Decl *A, Decl *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  return Decls;
}

/// Least recently used entries (by their .deps file's time, touched on
/// every use) go first until the PCHs fit the limit; the newest stays even
/// when it alone is bigger.  PCHs no entry names (left by a race, or by a
/// crash) go when they are an hour old.
void PchCache::evict() {
  struct Item {
    std::string Deps, Pch, Header;
    uint64_t Size = 0;
    std::chrono::system_clock::time_point Used;
  };
  std::vector<Item> Items;
  std::set<std::string> Named;
  std::vector<std::pair<std::string, llvm::sys::fs::file_status>> Stray;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(S.Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Path = It->path();
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      continue;
    if (Path.ends_with(".deps")) {
      Item I;
      I.Deps = Path.str();
      I.Header = Path.drop_back(5).str() + ".h";
      I.Used = St.getLastModificationTime();
      if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true)) {
        llvm::StringRef Second = (*Buf)->getBuffer().split('\n').second.split('\n').first;
        Entry E;
        if (parsePchLine(Second, E)) {
          llvm::SmallString<256> P(S.Dir);
          llvm::sys::path::append(P, E.PchName);
          I.Pch = std::string(P);
          Named.insert(I.Pch);
          llvm::sys::fs::file_status PS;
          if (!llvm::sys::fs::status(I.Pch, PS))
            I.Size = PS.getSize();
        }
      }
      Items.push_back(std::move(I));
    } else if (Path.ends_with(".pch") || Path.ends_with(".tmp")) {
      Stray.push_back({Path.str(), St});
    }
  }
  auto Now = std::chrono::system_clock::now();
  for (const auto &[Path, St] : Stray)
    if (!Named.count(Path) && Now - St.getLastModificationTime() > std::chrono::hours(1))
      llvm::sys::fs::remove(Path);
  std::sort(Items.begin(), Items.end(),
            [](const Item &A, const Item &B) { return A.Used > B.Used; });
  uint64_t Total = 0;
  for (size_t I = 0; I < Items.size(); ++I) {
    Total += Items[I].Size;
    if (I == 0 || Total <= S.LimitBytes)
      continue;
    llvm::sys::fs::remove(Items[I].Deps);
    if (!Items[I].Pch.empty())
      llvm::sys::fs::remove(Items[I].Pch);
    llvm::sys::fs::remove(Items[I].Header);
    Total -= Items[I].Size;
  }
}

} // namespace cli
} // namespace torchshape
