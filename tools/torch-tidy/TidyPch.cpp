//===- TidyPch.cpp - torch-tidy's precompiled-header cache front end -----===//
#include "TidyPch.h"

#include "PchCache.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::tooling;
namespace cl = llvm::cl;
using torchshape::cli::PchCache;
using torchshape::cli::PchCacheSettings;
using torchshape::cli::PchLineMap;
using torchshape::cli::PchUse;

namespace torchshape {
namespace tidy {
namespace {

/// Options after which clang-tidy prints something and exits, or analyses
/// nothing: clang-tidy alone decides what they do.
bool analysesNothing(llvm::StringRef Arg) {
  if (!Arg.starts_with("-"))
    return false;
  llvm::StringRef Name = Arg.ltrim('-').split('=').first;
  static const char *const Names[] = {
      "help",        "help-hidden",  "help-list",      "help-list-hidden", "h",
      "version",     "print-options", "print-all-options", "list-checks", "dump-config",
      "explain-config", "verify-config"};
  return llvm::is_contained(Names, Name);
}

/// One of clangTidyMain's (or CommonOptionsParser's) registered options, as
/// the type it is declared with there.
template <typename T> T *registered(llvm::StringRef Name) {
  auto &Map = cl::getRegisteredOptions(cl::SubCommand::getTopLevel());
  auto It = Map.find(Name);
  return It == Map.end() ? nullptr : static_cast<T *>(It->second);
}

template <typename T> std::optional<T> given(llvm::StringRef Name) {
  auto *O = registered<cl::opt<T>>(Name);
  if (!O || !O->getNumOccurrences())
    return std::nullopt;
  return T(*O);
}

/// Whether Text parses as clang-tidy configuration without a word from the
/// parser: clang-tidy prints what is wrong (or unknown) itself, and a
/// second reading here must not print it again.
bool parsesQuietly(llvm::StringRef Text, llvm::StringRef Source) {
  bool Said = false;
  auto Parsed = clang::tidy::parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Text, Source), [&](const llvm::SMDiagnostic &) { Said = true; });
  return Parsed && !Said;
}

/// The same for the .clang-tidy files from File's directory upwards (more
/// than clang-tidy may read when one does not inherit: only ever a reason
/// to go without the cache).
bool configFilesParseQuietly(llvm::StringRef File) {
  for (llvm::StringRef D = llvm::sys::path::parent_path(File); !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Config(D);
    llvm::sys::path::append(Config, ".clang-tidy");
    if (!llvm::sys::fs::exists(Config))
      continue;
    auto Text = llvm::MemoryBuffer::getFile(Config);
    if (!Text || !parsesQuietly((*Text)->getBuffer(), Config))
      return false;
  }
  return true;
}

/// clangTidyMain's createOptionsProvider (ClangTidyMain.cpp), for the options
/// clang-tidy will use for each file: its checks, ExtraArgs, ExtraArgsBefore.
/// Null when clang-tidy would refuse the configuration (it reports that).
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> optionsProvider() {
  using namespace clang::tidy;
  ClangTidyOptions Defaults;
  Defaults.Checks = "clang-diagnostic-*,clang-analyzer-*"; // clang-tidy's DefaultChecks
  Defaults.WarningsAsErrors = "";
  Defaults.HeaderFilterRegex = given<std::string>("header-filter").value_or("");
  Defaults.ExcludeHeaderFilterRegex = given<std::string>("exclude-header-filter").value_or("");
  Defaults.SystemHeaders = given<bool>("system-headers").value_or(false);
  Defaults.FormatStyle = given<std::string>("format-style").value_or("none");
  Defaults.User = llvm::sys::Process::GetEnv("USER");
  ClangTidyOptions Override;
  Override.Checks = given<std::string>("checks");
  Override.WarningsAsErrors = given<std::string>("warnings-as-errors");
  Override.HeaderFilterRegex = given<std::string>("header-filter");
  Override.ExcludeHeaderFilterRegex = given<std::string>("exclude-header-filter");
  Override.SystemHeaders = given<bool>("system-headers");
  Override.FormatStyle = given<std::string>("format-style");
  Override.UseColor = given<bool>("use-color");
  std::optional<std::string> Config = given<std::string>("config");
  std::optional<std::string> ConfigFile = given<std::string>("config-file");
  std::string Source = "<command-line-config>";
  if (ConfigFile) {
    if (Config)
      return nullptr;
    auto Text = llvm::MemoryBuffer::getFile(*ConfigFile);
    if (!Text)
      return nullptr;
    Config = (*Text)->getBuffer().str();
    Source = *ConfigFile;
  }
  if (Config) {
    if (!parsesQuietly(*Config, Source))
      return nullptr;
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(llvm::MemoryBufferRef(*Config, Source));
    if (!Parsed)
      return nullptr;
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults().merge(Defaults, 0),
        std::move(*Parsed), std::move(Override));
  }
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(), std::move(Defaults),
                                               std::move(Override));
}

/// Whether a file checked with options O may have a PCH, and whether it
/// needs the bodies of library functions in it (nullopt: no PCH).
///
/// The torch-shape checks never read library bodies: the PCH leaves them out
/// (LibraryBodies.h).  Any other check may read them, and sees a PCH's
/// headers only as an AST: their compiler warnings, and what a preprocessor
/// callback would have seen while they were read, are not there.  Such
/// findings are in headers, shown only with --header-filter or
/// --system-headers: then the file has no PCH.  misc-include-cleaner reads
/// the headers' IWYU pragmas while they are preprocessed: no PCH either.
std::optional<bool> pchBodies(const clang::tidy::ClangTidyOptions &O, bool AllowAlpha) {
  std::vector<std::string> Checks = clang::tidy::getCheckNames(O, AllowAlpha);
  if (Checks.empty())
    return std::nullopt; // clang-tidy says "no checks enabled"
  bool OnlyOurs = llvm::all_of(
      Checks, [](const std::string &C) { return llvm::StringRef(C).starts_with("torch-shape-"); });
  bool HeadersShown = !O.HeaderFilterRegex.value_or("").empty() || O.SystemHeaders.value_or(false);
  bool CompilerWarnings = clang::tidy::GlobList(O.Checks.value_or(""))
                              .contains("clang-diagnostic-unused-variable");
  if (HeadersShown && (!OnlyOurs || CompilerWarnings))
    return std::nullopt;
  if (llvm::is_contained(Checks, "misc-include-cleaner"))
    return std::nullopt;
  return !OnlyOurs;
}

/// A database that answers from another one it does not own.
class Borrowed : public CompilationDatabase {
public:
  explicit Borrowed(const CompilationDatabase &D) : D(D) {}
  std::vector<CompileCommand> getCompileCommands(llvm::StringRef F) const override {
    return D.getCompileCommands(F);
  }
  std::vector<std::string> getAllFiles() const override { return D.getAllFiles(); }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return D.getAllCompileCommands();
  }

private:
  const CompilationDatabase &D;
};

/// The ToolAction that only asks the cache: no parse.  Records, for each
/// compile command of the file in order, the PCH to use ("" for none).
class PrepareOnly : public ToolAction {
public:
  PrepareOnly(PchCache &Cache, std::vector<std::string> &Pchs) : Cache(Cache), Pchs(Pchs) {}

  bool runInvocation(std::shared_ptr<CompilerInvocation> Inv, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> Ops,
                     DiagnosticConsumer *) override {
    PchLineMap Map; // clang-tidy prints no include stacks: nothing to map
    PchUse Use = Cache.prepare(*Inv, *Files, std::move(Ops), Map);
    Pchs.push_back(Use == PchUse::None ? "" : Inv->getPreprocessorOpts().ImplicitPCHInclude);
    return true;
  }

private:
  PchCache &Cache;
  std::vector<std::string> &Pchs;
};

/// Positions of the arguments clang-tidy reads as its -p option (the name,
/// and the value when it is a separate argument).
void buildPathArgs(const std::vector<const char *> &Args, std::set<unsigned> &Drop) {
  auto *P = registered<cl::opt<std::string>>("p");
  if (!P || !P->getNumOccurrences())
    return;
  unsigned Pos = P->getPosition(); // the argument that holds the value
  llvm::StringRef A = Args[Pos];
  Drop.insert(Pos);
  if (!(A.starts_with("-") && A.ltrim('-').starts_with("p=")) && Pos > 0)
    Drop.insert(Pos - 1);
}

} // namespace

int clangTidyMainWithCache(int argc, const char **argv) {
  std::vector<const char *> Args;
  bool NoCache = false;
  int DashDash = -1;
  for (int I = 0; I < argc; ++I) {
    llvm::StringRef A = argv[I];
    if (DashDash < 0 && I > 0 && (A == "--no-cache" || A == "-no-cache")) {
      NoCache = true;
      continue;
    }
    if (DashDash < 0 && A == "--")
      DashDash = int(Args.size());
    Args.push_back(argv[I]);
  }
  auto Plain = [&] {
    return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
  };
  if (auto Env = llvm::sys::Process::GetEnv("TORCHSHAPE_NO_CACHE");
      Env && !Env->empty() && *Env != "0")
    NoCache = true;
  int Options = DashDash < 0 ? int(Args.size()) : DashDash;
  for (int I = 1; I < Options; ++I)
    if (analysesNothing(Args[I]) || llvm::StringRef(Args[I]).starts_with("@"))
      NoCache = true; // a response file could hold any of them
  std::string CacheDir = PchCache::defaultDir();
  if (NoCache || CacheDir.empty())
    return Plain();

  // Read the command line as clangTidyMain will: CommonOptionsParser
  // registers -p, --extra-arg(-before) and the file list in clang-tidy's
  // option category the first time it runs (here on no arguments, so that it
  // loads no database and prints nothing); clangTidyMain's own parse resets
  // every option first.
  auto *ChecksOpt = registered<cl::Option>("checks");
  if (!ChecksOpt || ChecksOpt->Categories.empty())
    return Plain();
  {
    const char *Argv0[] = {Args[0]};
    int One = 1;
    auto Registering = CommonOptionsParser::create(One, Argv0, *ChecksOpt->Categories.front(),
                                                   cl::ZeroOrMore);
    if (!Registering) {
      llvm::consumeError(Registering.takeError());
      return Plain();
    }
  }
  cl::ResetAllOptionOccurrences();
  std::string ParseErrors;
  llvm::raw_string_ostream ParseOS(ParseErrors);
  int ParsedArgc = Options;
  std::string DbError;
  std::unique_ptr<CompilationDatabase> Fixed;
  if (DashDash >= 0) {
    int N = int(Args.size());
    Fixed = FixedCompilationDatabase::loadFromCommandLine(N, Args.data(), DbError);
    if (!Fixed)
      return Plain();
  }
  if (!cl::ParseCommandLineOptions(ParsedArgc, Args.data(), "", &ParseOS))
    return Plain(); // clangTidyMain says what is wrong
  cl::list<std::string> *Sources = nullptr;
  for (cl::Option *O : cl::SubCommand::getTopLevel().PositionalOpts)
    if (O->HelpStr.starts_with("<source0>"))
      Sources = static_cast<cl::list<std::string> *>(O);
  if (!Sources || Sources->empty() || given<std::string>("vfsoverlay") ||
      given<bool>("enable-module-headers-parsing").value_or(false))
    return Plain();
  bool AllowAlpha = given<bool>("allow-enabling-analyzer-alpha-checkers").value_or(false);
  std::vector<std::string> Before, After;
  if (auto *L = registered<cl::list<std::string>>("extra-arg-before"))
    Before.assign(L->begin(), L->end());
  if (auto *L = registered<cl::list<std::string>>("extra-arg"))
    After.assign(L->begin(), L->end());
  std::vector<std::string> Files(Sources->begin(), Sources->end());
  std::set<unsigned> Drop;
  buildPathArgs(Args, Drop);

  // The database clangTidyMain will load (CommonOptionsParser::init).
  std::unique_ptr<CompilationDatabase> DB = std::move(Fixed);
  if (!DB) {
    std::string BuildPath = given<std::string>("p").value_or("");
    DB = BuildPath.empty() ? CompilationDatabase::autoDetectFromSource(Files.front(), DbError)
                           : CompilationDatabase::autoDetectFromDirectory(BuildPath, DbError);
    if (!DB)
      return Plain(); // "Running without flags": clang-tidy says so
  }
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider = optionsProvider();
  if (!Provider)
    return Plain();

  // Each file's PCH, under the command clang-tidy will parse it with: the
  // database's (with --extra-arg-before and --extra-arg, as CommonOptionsParser
  // adjusts it), ClangTool's own adjustments, the file's ExtraArgsBefore and
  // ExtraArgs, plugins stripped -- runClangTidy's order.
  auto PerFileExtraArgs = [&](const CommandLineArguments &A, llvm::StringRef File) {
    clang::tidy::ClangTidyOptions O = Provider->getOptions(File);
    CommandLineArguments Adjusted = A;
    if (O.ExtraArgsBefore) {
      auto I = Adjusted.begin();
      if (I != Adjusted.end() && !llvm::StringRef(*I).starts_with("-"))
        ++I;
      Adjusted.insert(I, O.ExtraArgsBefore->begin(), O.ExtraArgsBefore->end());
    }
    if (O.ExtraArgs)
      Adjusted.insert(Adjusted.end(), O.ExtraArgs->begin(), O.ExtraArgs->end());
    return Adjusted;
  };
  ArgumentsAdjustingCompilations Adjusted(std::make_unique<Borrowed>(*DB));
  Adjusted.appendArgumentsAdjuster(
      combineAdjusters(getInsertArgumentAdjuster(Before, ArgumentInsertPosition::BEGIN),
                       getInsertArgumentAdjuster(After, ArgumentInsertPosition::END)));

  auto MakeCache = [&](bool Bodies) {
    PchCacheSettings S;
    S.Dir = CacheDir;
    S.ParseLibraryBodies = Bodies;
    auto C = std::make_unique<PchCache>(std::move(S));
    PchCache *Raw = C.get();
    C->setActivityListener([Raw] {
      if (std::string A = Raw->activity(); !A.empty()) {
        llvm::errs() << "torch-tidy: " << A << "\n";
        llvm::errs().flush();
      }
    });
    return C;
  };
  std::unique_ptr<PchCache> Caches[2]; // [ParseLibraryBodies]

  llvm::json::Array Entries;
  bool AnyPch = false;
  IgnoringDiagConsumer Quiet;
  std::set<std::string> Seen; // a file named twice is one database entry
  for (const std::string &File : Files) {
    llvm::SmallString<256> Abs(File);
    llvm::sys::fs::make_absolute(Abs);
    if (!Seen.insert(std::string(Abs)).second)
      continue;
    if (!given<std::string>("config") && !given<std::string>("config-file") &&
        !configFilesParseQuietly(Abs))
      return Plain();
    std::vector<CompileCommand> Commands = DB->getCompileCommands(Abs);
    if (Commands.empty())
      return Plain(); // "Skipping ...": clang-tidy's words, and no guessing
    std::optional<bool> Bodies = pchBodies(Provider->getOptions(Abs), AllowAlpha);
    std::vector<std::string> Pchs;
    if (Bodies) {
      if (!Caches[*Bodies])
        Caches[*Bodies] = MakeCache(*Bodies);
      ClangTool Tool(Adjusted, {std::string(Abs)});
      Tool.appendArgumentsAdjuster(PerFileExtraArgs);
      Tool.appendArgumentsAdjuster(getStripPluginsAdjuster());
      Tool.setDiagnosticConsumer(&Quiet);
      Tool.setPrintErrorMessage(false);
      PrepareOnly Action(*Caches[*Bodies], Pchs);
      Tool.run(&Action);
    }
    if (Pchs.size() != Commands.size())
      Pchs.assign(Commands.size(), ""); // a command the driver refused: clang-tidy reports it
    for (size_t I = 0; I < Commands.size(); ++I) {
      std::vector<std::string> CL = Commands[I].CommandLine;
      if (!Pchs[I].empty() && !CL.empty()) {
        // Right after the compiler's name, where --extra-arg-before goes.
        // Clang validates the PCH against the headers and flags as usual;
        // by content when a header's time changed but not its text.
        CL.insert(CL.begin() + 1,
                  {"-include-pch", Pchs[I], "-fpch-validate-input-files-content"});
        AnyPch = true;
      }
      llvm::json::Object E{{"directory", Commands[I].Directory},
                           {"file", Commands[I].Filename},
                           {"arguments", llvm::json::Array(CL)}};
      if (!Commands[I].Output.empty())
        E["output"] = Commands[I].Output;
      Entries.push_back(std::move(E));
    }
  }
  if (!AnyPch)
    return Plain();

  // clang-tidy runs once, on a copy of the database that names the PCHs.
  llvm::SmallString<256> TmpDir;
  if (llvm::sys::fs::createUniqueDirectory("torch-tidy", TmpDir))
    return Plain();
  llvm::SmallString<256> DbPath(TmpDir);
  llvm::sys::path::append(DbPath, "compile_commands.json");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(DbPath, EC, llvm::sys::fs::OF_Text);
    if (EC)
      return Plain();
    OS << llvm::json::Value(std::move(Entries));
  }
  std::vector<const char *> Run = {Args[0], "-p", TmpDir.c_str()};
  for (int I = 1; I < Options; ++I)
    if (!Drop.count(unsigned(I)))
      Run.push_back(Args[I]);
  cl::ResetAllOptionOccurrences();
  int Status = clang::tidy::clangTidyMain(static_cast<int>(Run.size()), Run.data());
  llvm::sys::fs::remove(DbPath);
  llvm::sys::fs::remove(TmpDir);
  return Status;
}

} // namespace tidy
} // namespace torchshape
