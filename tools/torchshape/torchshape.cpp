//===- torchshape.cpp - The standalone torchshape command ----------------===//
//
//   torchshape file.cpp -- <compiler flags>
//   torchshape -p build [files...]
//
// Command-line front end: reads the options, decides the files and the
// checks and check options of each (.clang-tidy, --config, --checks), hands
// them to the runner (ProjectRunner.cpp, TUAction.cpp), then writes the
// chosen output format and fixes.  No analysis logic lives here.  Exit
// status: 0 clean, 1 findings, 2 usage or parse errors.
//
//===----------------------------------------------------------------------===//
#include "ArgCheck.h"
#include "Config.h"
#include "Database.h"
#include "Fixes.h"
#include "Output.h"
#include "OutputShapes.h"
#include "PchCache.h"
#include "ProjectRunner.h"
#include "SafeWrite.h"
#include "TUAction.h"

#include "torchshape/Diagnostics/CheckOptions.h"
#include "torchshape/Diagnostics/Finding.h"

#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>
#include <thread>

using namespace clang::tooling;
using namespace torchshape;
using namespace torchshape::cli;

static llvm::cl::OptionCategory Category("torchshape options");

static llvm::cl::opt<std::string> Checks(
    "checks",
    llvm::cl::desc("Comma-separated globs of checks to run, clang-tidy style; a leading\n"
                   "'-' disables (e.g. '-*,torch-shape-view'). Appended to the\n"
                   "Checks: of the nearest .clang-tidy file, as clang-tidy does.\n"
                   "Default: torch-shape-*"),
    llvm::cl::init("torch-shape-*"), llvm::cl::cat(Category));

static llvm::cl::opt<std::string> ConfigText(
    "config",
    llvm::cl::desc("A .clang-tidy configuration in YAML/JSON, as clang-tidy's --config:\n"
                   "  --config=\"{Checks: '-*,torch-shape-layer',\n"
                   "             CheckOptions: {torch-shape-layer.EmitFixIts: false}}\"\n"
                   "When given, .clang-tidy files are not read (unless it says\n"
                   "InheritParentConfig: true)"),
    llvm::cl::value_desc("yaml"), llvm::cl::cat(Category));

static llvm::cl::opt<bool> ListChecks("list-checks",
                                      llvm::cl::desc("List the enabled checks and exit"),
                                      llvm::cl::cat(Category));

static llvm::cl::opt<bool> ExplainGaps(
    "explain-gaps",
    llvm::cl::desc("Also list where tensor shapes became unknown, and why"),
    llvm::cl::cat(Category));

static llvm::cl::opt<OutputFormat> Format(
    "format", llvm::cl::desc("Output format of the findings:"),
    llvm::cl::values(clEnumValN(OutputFormat::Text, "text",
                                "Clang-style diagnostics on stderr (default)"),
                     clEnumValN(OutputFormat::Json, "json",
                                "A JSON array, one object per finding"),
                     clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
                     clEnumValN(OutputFormat::Html, "html",
                                "One self-contained HTML report: findings, source with\n"
                                "shapes, model summaries, gaps (docs/shapes.md)")),
    llvm::cl::init(OutputFormat::Text), llvm::cl::cat(Category));

static llvm::cl::opt<std::string> OutputFile(
    "output",
    llvm::cl::desc("Write the json or sarif output to <file> instead of stdout (-o <file>)"),
    llvm::cl::value_desc("file"), llvm::cl::cat(Category));
static llvm::cl::alias OutputFileShort("o", llvm::cl::desc("Alias for --output"),
                                       llvm::cl::aliasopt(OutputFile), llvm::cl::NotHidden);

static llvm::cl::opt<std::string> ExportFixes(
    "export-fixes",
    llvm::cl::desc("Write the certain fixes of the findings to <file>, in the YAML\n"
                   "format of clang-tidy --export-fixes (for clang-apply-replacements)"),
    llvm::cl::value_desc("file"), llvm::cl::cat(Category));

static llvm::cl::opt<bool> Fix("fix", llvm::cl::desc("Apply the certain fixes of the findings"),
                               llvm::cl::cat(Category));

static llvm::cl::opt<bool> FixNotes(
    "fix-notes",
    llvm::cl::desc("As in clang-tidy: when a finding has no fix but exactly one of its\n"
                   "notes has one, apply that one. Implies --fix"),
    llvm::cl::cat(Category));

static llvm::cl::opt<std::string> LineFilterJson(
    "line-filter",
    llvm::cl::desc("Report findings only on these lines, in clang-tidy's syntax:\n"
                   "  [{\"name\":\"file1.cpp\",\"lines\":[[1,3],[5,7]]},{\"name\":\"file2.h\"}]\n"
                   "A file matches by a suffix of its path; a file without \"lines\"\n"
                   "keeps all its lines; files not listed keep none"),
    llvm::cl::value_desc("json"), llvm::cl::cat(Category));

static llvm::cl::opt<unsigned> Jobs(
    "j",
    llvm::cl::desc("Files analysed in parallel (default: all cores). Each file's output\n"
                   "is printed whole, in the order of the files"),
    llvm::cl::value_desc("N"), llvm::cl::init(0), llvm::cl::Prefix, llvm::cl::cat(Category));

static llvm::cl::opt<std::string> CacheDir(
    "cache-dir",
    llvm::cl::desc("Where precompiled headers of the files' leading #includes are kept\n"
                   "(default: $TORCHSHAPE_CACHE_DIR, else $XDG_CACHE_HOME/torchshape,\n"
                   "else ~/.cache/torchshape). Safe to delete at any time"),
    llvm::cl::value_desc("dir"), llvm::cl::cat(Category));

static llvm::cl::opt<bool> NoCache(
    "no-cache", llvm::cl::desc("Parse every file whole: no precompiled-header cache"),
    llvm::cl::cat(Category));

static llvm::cl::opt<unsigned> CacheLimit(
    "cache-limit",
    llvm::cl::desc("Size limit of the cache in MB; least recently used entries are\n"
                   "removed past it (default: 2048; one entry for torch/torch.h is\n"
                   "about 120 MB)"),
    llvm::cl::value_desc("MB"), llvm::cl::init(2048), llvm::cl::cat(Category));

// For the test suite: the compile command's own -include-pch is dropped and
// the cache stands in for it.
static llvm::cl::opt<bool> CacheReplacesPch("cache-replaces-include-pch", llvm::cl::Hidden,
                                            llvm::cl::cat(Category));
// For comparisons (tests, bench/): parse the bodies of LibTorch's and the
// system's functions too, as a compiler does; findings must not change.
static llvm::cl::opt<bool> ParseLibraryBodies("parse-library-bodies", llvm::cl::Hidden,
                                              llvm::cl::cat(Category));
static llvm::cl::opt<unsigned> MaxCallDepth(
    "max-call-depth",
    llvm::cl::desc("Calls followed into the user's functions and modules, nested\n"
                   "(default: 16, or torch-shape.MaxCallDepth in .clang-tidy).\n"
                   "Deeper calls are not analysed, with a gap"),
    llvm::cl::value_desc("N"), llvm::cl::init(AnalyzerOptions().MaxCallDepth),
    llvm::cl::cat(Category));

static llvm::cl::opt<unsigned> MaxSteps(
    "max-steps",
    llvm::cl::desc("Evaluation steps per analysed function, with what it calls\n"
                   "(default: 2000000, or torch-shape.MaxSteps in .clang-tidy).\n"
                   "Past it the function's analysis stops, with a gap"),
    llvm::cl::value_desc("N"), llvm::cl::init(AnalyzerOptions().MaxSteps),
    llvm::cl::cat(Category));

// clang-tidy 19's options, with its names and meanings (docs/user-guide.md,
// "clang-tidy conventions").  Each override, when given, wins over the
// .clang-tidy files, as in clang-tidy.
static llvm::cl::opt<std::string> HeaderFilter(
    "header-filter",
    llvm::cl::desc("Regular expression matching the headers whose findings are shown\n"
                   "(the main file's always are). Default: none, or HeaderFilterRegex\n"
                   "in .clang-tidy"),
    llvm::cl::value_desc("regex"), llvm::cl::cat(Category));
static llvm::cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    llvm::cl::desc("Regular expression of headers whose findings are not shown even\n"
                   "when --header-filter matches them (ExcludeHeaderFilterRegex)"),
    llvm::cl::value_desc("regex"), llvm::cl::cat(Category));
static llvm::cl::opt<bool> SystemHeaders(
    "system-headers", llvm::cl::desc("Also show findings in system headers (SystemHeaders)"),
    llvm::cl::cat(Category));
static llvm::cl::opt<bool> Quiet(
    "quiet",
    llvm::cl::desc("No statistics: no \"N warnings generated\", suppressed-findings\n"
                   "or warnings-as-errors counts, and no summary line"),
    llvm::cl::cat(Category));
static llvm::cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    llvm::cl::desc("Check globs whose findings become errors (WarningsAsErrors). When\n"
                   "set, the exit status is clang-tidy's: 1 only if an error was found"),
    llvm::cl::value_desc("globs"), llvm::cl::cat(Category));
static llvm::cl::opt<std::string> ConfigFile(
    "config-file",
    llvm::cl::desc("Read the configuration from <file> (any name), as --config would\n"
                   "read its text. Not together with --config"),
    llvm::cl::value_desc("file"), llvm::cl::cat(Category));
static llvm::cl::opt<bool> DumpConfig(
    "dump-config",
    llvm::cl::desc("Print the effective configuration of the first file (or of the\n"
                   "current directory) as a .clang-tidy file, and exit"),
    llvm::cl::cat(Category));
static llvm::cl::opt<bool> ExplainConfig(
    "explain-config",
    llvm::cl::desc("For each enabled check, say where it was enabled, and exit"),
    llvm::cl::cat(Category));
static llvm::cl::opt<bool> UseColor(
    "use-color",
    llvm::cl::desc("Colours in diagnostics (--use-color=false: none). Default: as the\n"
                   "compile command and the terminal say, or UseColor in .clang-tidy"),
    llvm::cl::cat(Category));
static llvm::cl::opt<std::string> VfsOverlay(
    "vfsoverlay",
    llvm::cl::desc("Lay the virtual file system described by <file> over the real one"),
    llvm::cl::value_desc("file"), llvm::cl::cat(Category));
static llvm::cl::opt<std::string> DocsUrl(
    "docs-url",
    llvm::cl::desc("Web address of torchshape's published source tree, which SARIF\n"
                   "rules link to (<url>/docs/checks/<check>.md). Default: " TORCHSHAPE_DOCS_URL),
    llvm::cl::value_desc("url"), llvm::cl::cat(Category));
static llvm::cl::opt<bool> FixErrors(
    "fix-errors",
    llvm::cl::desc("Apply the certain fixes even when some file does not compile\n"
                   "(--fix alone then applies none). Implies --fix"),
    llvm::cl::cat(Category));
// What the analysis knows, shown (OutputShapes.cpp, docs/shapes.md).
static llvm::cl::opt<bool> Summary(
    "summary",
    llvm::cl::desc("Print a model summary (layers, configuration, input and output\n"
                   "shapes, parameter counts) for each module called with a known\n"
                   "input; with --format=json, add it and the shapes per line"),
    llvm::cl::cat(Category));
static llvm::cl::opt<bool> Annotate(
    "annotate",
    llvm::cl::desc("Print the source with the shape of each tensor at each line\n"
                   "where it is set, as aligned end-of-line comments (coloured on a\n"
                   "terminal)"),
    llvm::cl::cat(Category));

namespace {

/// The text after the options.  The checks and their options are listed
/// from Checks.def, so --help cannot fall behind the checks that exist.
std::string moreHelp() {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << "\n-p <build dir> without files analyses every file of its compile_commands.json,\n"
        "skipping those that do not include LibTorch, and prints a summary.\n"
        "NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND comments work as in clang-tidy.\n"
        "\nExit status: 0 no findings, 1 findings, 2 usage or parse errors.\n"
        "\nChecks (all enabled by default):\n";
  size_t Width = 0;
  for (const CheckInfo &C : allChecks())
    Width = std::max(Width, C.Name.size());
  for (const CheckInfo &C : allChecks())
    OS << "  " << llvm::left_justify(C.Name, Width) << "  " << C.Summary << "\n";
  OS << "\nCheck options (CheckOptions in .clang-tidy or --config):\n";
  for (const CheckOptionInfo &O : allCheckOptions())
    OS << "  " << O.key() << " (default: " << (O.Default ? "true" : "false") << ")\n      "
       << O.Summary << "\n";
  return S;
}

} // namespace

static const std::string MoreHelpText = moreHelp();

namespace {

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

bool hasDoubleDash(int argc, const char **argv) {
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]) == "--")
      return true;
  return false;
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

/// The published docs' base address, ending in '/': --docs-url, else the
/// one torchshape was built with.  Never a local path: SARIF travels.
std::string docsUri() {
  std::string Url = DocsUrl.getNumOccurrences() ? DocsUrl.getValue() : TORCHSHAPE_DOCS_URL;
  return llvm::StringRef(Url).ends_with("/") ? Url : Url + "/";
}

/// The json/sarif text on stdout, every write checked (a full disk, a
/// closed pipe): an error, not a silently truncated file.
bool writeStdout(llvm::StringRef Text, std::string &Error) {
  llvm::raw_fd_ostream &OS = llvm::outs();
  OS << Text;
  OS.flush();
  if (!OS.has_error())
    return true;
  Error = OS.error().message();
  OS.clear_error(); // reported here, not again as a fatal error at exit
  return false;
}

/// "; precompiled headers: 1 built, 39 reused" when the cache served any file.
std::string pchSummary(const std::vector<FileReport> &Reports) {
  unsigned Built = 0, Hits = 0;
  for (const FileReport &R : Reports) {
    Built += R.Pch == PchUse::Built;
    Hits += R.Pch == PchUse::Hit;
  }
  if (!Built && !Hits)
    return "";
  return "; precompiled headers: " + std::to_string(Built) + " built, " + std::to_string(Hits) +
         " reused";
}

std::string summaryLine(const std::vector<FileReport> &Reports, double Seconds,
                        unsigned Threads) {
  unsigned Analysed = 0, NoTorch = 0, NoChecks = 0, Broken = 0, Crashed = 0, Findings = 0;
  std::vector<std::string> CannotRun;
  std::map<std::string, unsigned> PerCheck;
  for (const FileReport &R : Reports) {
    switch (R.State) {
    case FileReport::Status::Analysed: ++Analysed; break;
    case FileReport::Status::Broken: ++Broken; break;
    case FileReport::Status::CannotRun: CannotRun.push_back(R.File); break;
    case FileReport::Status::Crashed: ++Crashed; break;
    case FileReport::Status::SkippedNoTorch: ++NoTorch; break;
    case FileReport::Status::SkippedNoChecks: ++NoChecks; break;
    }
    for (const FindingRecord &F : R.Findings) {
      ++Findings;
      ++PerCheck[F.Check];
    }
  }
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << "torchshape: " << Reports.size() << (Reports.size() == 1 ? " file" : " files") << ": "
     << Analysed << " analysed";
  if (NoTorch)
    OS << ", " << NoTorch << " skipped (no LibTorch include)";
  if (NoChecks)
    OS << ", " << NoChecks << " skipped (no check enabled)";
  if (Broken)
    OS << ", " << Broken << " not compiling";
  if (Crashed)
    OS << ", " << Crashed << " crashed";
  if (!CannotRun.empty()) {
    OS << ", " << CannotRun.size() << " missing (";
    for (size_t I = 0; I < CannotRun.size(); ++I)
      OS << (I ? ", " : "") << CannotRun[I];
    OS << ")";
  }
  OS << "; " << Findings << (Findings == 1 ? " finding" : " findings");
  if (!PerCheck.empty()) {
    OS << " (";
    bool First = true;
    for (const auto &[Check, N] : PerCheck) {
      OS << (First ? "" : ", ") << Check << ": " << N;
      First = false;
    }
    OS << ")";
  }
  OS << pchSummary(Reports);
  OS << "; " << llvm::format("%.1f", Seconds) << " s on " << Threads
     << (Threads == 1 ? " thread" : " threads") << "\n";
  return S;
}

/// clang-tidy reports a finding once per run (ClangTidyDiagnosticConsumer::
/// take): a header's finding is kept in the first file, in the run's order,
/// that reports it, and taken out of the later ones, text included.
using FindingKey = std::tuple<std::string, unsigned, std::string, std::string>;
void removeRepeatedFindings(FileReport &R, std::set<FindingKey> &Seen) {
  std::vector<FindingRecord> Kept;
  std::vector<std::pair<size_t, size_t>> Cut;
  for (FindingRecord &F : R.Findings) {
    if (Seen.insert({F.At.File, F.At.Offset, F.Check, F.Message}).second) {
      Kept.push_back(std::move(F));
      continue;
    }
    if (F.TextEnd > F.TextBegin)
      Cut.push_back({F.TextBegin, F.TextEnd});
  }
  R.Findings = std::move(Kept);
  for (auto It = Cut.rbegin(); It != Cut.rend(); ++It) // back to front: offsets hold
    R.Stderr.erase(It->first, It->second - It->first);
}

/// clang-tidy's printStats: what was not shown, and how to show it.
void printSuppressed(const std::vector<FileReport> &Reports) {
  unsigned NonUser = 0, Lines = 0, Nolint = 0;
  for (const FileReport &R : Reports) {
    NonUser += R.SuppressedNonUserCode;
    Lines += R.SuppressedLineFilter;
    Nolint += R.SuppressedNolint;
  }
  if (!NonUser && !Lines && !Nolint)
    return;
  llvm::errs() << "Suppressed " << NonUser + Lines + Nolint << " warnings (";
  llvm::StringRef Sep = "";
  if (NonUser) {
    llvm::errs() << NonUser << " in non-user code";
    Sep = ", ";
  }
  if (Lines) {
    llvm::errs() << Sep << Lines << " due to line filter";
    Sep = ", ";
  }
  if (Nolint)
    llvm::errs() << Sep << Nolint << " NOLINT";
  llvm::errs() << ").\n";
  if (NonUser)
    llvm::errs() << "Use -header-filter=.* to display errors from all non-system headers. "
                    "Use -system-headers to display errors from system headers as well.\n";
}

} // namespace

int main(int argc, const char **argv) {
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "torchshape " << TORCHSHAPE_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  const char *Overview = "torchshape: finds tensor shape bugs in LibTorch code\n";
  {
    // A parse of no argument registers the tooling options (-p, --extra-arg)
    // so that unknownOption knows them.
    int One = 1;
    const char *Argv0[] = {argv[0], nullptr};
    (void)!CommonOptionsParser::create(One, Argv0, Category, llvm::cl::ZeroOrMore, Overview);
    // The text after --help's options: registered after that parse, which
    // consumes the extra help registered before it.
    static llvm::cl::extrahelp MoreHelp(MoreHelpText);
    std::string Unknown = unknownOption(argc, argv);
    if (!Unknown.empty()) {
      llvm::errs() << "torchshape: error: " << Unknown << "\n";
      return 2;
    }
  }
  auto Parser = CommonOptionsParser::create(argc, argv, Category, llvm::cl::ZeroOrMore, Overview);
  if (!Parser) {
    llvm::errs() << "torchshape: error: " << llvm::toString(Parser.takeError()) << "\n";
    return 2;
  }
  CommandLineOptions Overrides;
  if (Checks.getNumOccurrences())
    Overrides.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    Overrides.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences())
    Overrides.HeaderFilter = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    Overrides.ExcludeHeaderFilter = ExcludeHeaderFilter;
  if (SystemHeaders.getNumOccurrences())
    Overrides.SystemHeaders = SystemHeaders;
  if (UseColor.getNumOccurrences())
    Overrides.UseColor = UseColor;
  std::optional<std::string> CommandLineConfig;
  std::string ConfigSource;
  if (ConfigText.getNumOccurrences())
    CommandLineConfig = ConfigText;
  if (ConfigFile.getNumOccurrences()) {
    if (CommandLineConfig) {
      llvm::errs() << "torchshape: error: --config-file and --config are mutually exclusive; "
                      "give only one\n";
      return 2;
    }
    auto Text = llvm::MemoryBuffer::getFile(ConfigFile);
    if (!Text) {
      llvm::errs() << "torchshape: error: cannot read config file '" << ConfigFile
                   << "': " << Text.getError().message() << "\n";
      return 2;
    }
    CommandLineConfig = (*Text)->getBuffer().str();
    ConfigSource = ConfigFile;
  }
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  if (VfsOverlay.getNumOccurrences()) {
    // Checked once here; each file's analysis lays it over its own file
    // system, and .clang-tidy files are looked up through it.
    std::string Error;
    FS = fileSystemFor(VfsOverlay, &Error);
    if (!FS) {
      llvm::errs() << "torchshape: error: invalid virtual file system overlay '" << VfsOverlay
                   << "': " << Error << "\n";
      return 2;
    }
  }
  ChecksConfig Config(Overrides, CommandLineConfig, ConfigSource, FS);
  if (!Config.error().empty()) {
    llvm::errs() << "torchshape: error: invalid "
                 << (ConfigSource.empty() ? std::string("--config") : ConfigSource) << ": "
                 << Config.error() << "\n";
    return 2;
  }
  if (DumpConfig || ExplainConfig) {
    // As clang-tidy: the configuration of the first file, or of the
    // current directory.
    std::vector<std::string> Paths = Parser->getSourcePathList();
    std::string File = absolute(Paths.empty() ? "dummy" : Paths.front());
    llvm::outs() << (DumpConfig ? Config.dumpConfig(File) : Config.explainConfig(File));
    return 0;
  }

  if (ListChecks) {
    // As clang-tidy: the configuration of the first file, or of the
    // current directory.
    std::vector<std::string> Paths = Parser->getSourcePathList();
    Globs Filter(Config.checksFor(absolute(Paths.empty() ? "dummy" : Paths.front())).Globs);
    llvm::outs() << "Enabled checks:\n";
    for (const CheckInfo &C : allChecks())
      if (Filter.contains(C.Name))
        llvm::outs() << "    " << C.Name << "\n";
    return 0;
  }

  LineFilter Lines;
  if (LineFilterJson.getNumOccurrences()) {
    std::string Error;
    if (!Lines.parse(LineFilterJson, Error)) {
      llvm::errs() << "torchshape: error: invalid --line-filter: " << Error << "\n";
      return 2;
    }
  }
  if (!OutputFile.empty() && Format == OutputFormat::Text) {
    llvm::errs() << "torchshape: error: --output needs --format=json, sarif or html\n";
    return 2;
  }

  // Where the results go is checked before a possibly long analysis.
  for (const std::string *Dest : {&OutputFile.getValue(), &ExportFixes.getValue()}) {
    std::string Error;
    if (!Dest->empty() && !checkWritable(*Dest, Error)) {
      llvm::errs() << "torchshape: error: cannot write " << *Dest << ": " << Error << "\n";
      return 2;
    }
  }

  // With no files, CommonOptionsParser loads no database: every file of the
  // database named by -p is the input, and the options are read again with
  // them so that --extra-arg and friends apply as usual.
  std::vector<std::string> Files = Parser->getSourcePathList();
  bool WholeProject = false;
  std::vector<std::string> Storage;
  std::vector<const char *> Argv2;
  if (Files.empty()) {
    std::string BuildPath = buildPathFromArgs(argc, argv);
    std::string Error;
    std::unique_ptr<CompilationDatabase> DB;
    if (!BuildPath.empty() && !hasDoubleDash(argc, argv))
      DB = CompilationDatabase::autoDetectFromDirectory(BuildPath, Error);
    if (!DB) {
      llvm::errs() << "torchshape: error: no input files (give files, or -p <build dir> with "
                      "a compile_commands.json)"
                   << (Error.empty() ? "" : ": " + Error) << "\n";
      return 2;
    }
    Storage = ResolvedDatabase(*DB, databaseFolder(BuildPath)).getAllFiles();
    if (Storage.empty()) {
      llvm::errs() << "torchshape: error: the compilation database in " << BuildPath
                   << " lists no files\n";
      return 2;
    }
    for (int I = 0; I < argc; ++I)
      Argv2.push_back(argv[I]);
    for (const std::string &F : Storage)
      Argv2.push_back(F.c_str());
    int Argc2 = static_cast<int>(Argv2.size());
    Parser = CommonOptionsParser::create(Argc2, Argv2.data(), Category, llvm::cl::ZeroOrMore,
                                         Overview);
    if (!Parser) {
      llvm::errs() << "torchshape: error: " << llvm::toString(Parser.takeError()) << "\n";
      return 2;
    }
    Files = Parser->getSourcePathList();
    WholeProject = true;
  }

  // Each file's checks and check options: default, .clang-tidy files (or
  // --config), --checks.  A .clang-tidy that turns every torch-shape check
  // off, and an option value clang-tidy would refuse, are said out loud, once.
  std::unique_ptr<PchCache> Cache;
  if (!NoCache) {
    PchCacheSettings CS;
    CS.Dir = CacheDir.getNumOccurrences() ? absolute(CacheDir) : PchCache::defaultDir();
    CS.LimitBytes = uint64_t(CacheLimit) << 20;
    CS.ReplaceCommandPch = CacheReplacesPch;
    CS.ParseLibraryBodies = ParseLibraryBodies;
    Cache = std::make_unique<PchCache>(std::move(CS));
  }
  std::vector<Job> JobList;
  std::set<std::string> SilencingConfigs, ConfigWarnings;
  bool WarningsAsErrorsMode = false; // clang-tidy's exit status, then
  for (const std::string &F : Files) {
    Job J;
    J.File = F;
    ChecksConfig::Effective E = Config.checksFor(absolute(F));
    for (const std::string &W : E.Warnings)
      if (ConfigWarnings.insert(W).second)
        llvm::errs() << "torchshape: warning: " << W << "\n";
    J.Opts.Checks = E.Globs;
    J.Opts.Options = E.Options;
    J.Opts.Format = Format;
    J.Opts.ExplainGaps = ExplainGaps;
    J.Opts.Lines = &Lines;
    J.Opts.Cache = Cache.get();
    J.Opts.ParseLibraryBodies = ParseLibraryBodies;
    J.Opts.Analysis = E.Analysis;
    J.Opts.RecordShapes = Summary || Annotate || Format == OutputFormat::Html;
    J.Opts.WithSource = Annotate || Format == OutputFormat::Html;
    if (MaxCallDepth.getNumOccurrences())
      J.Opts.Analysis.MaxCallDepth = MaxCallDepth;
    if (MaxSteps.getNumOccurrences())
      J.Opts.Analysis.MaxSteps = MaxSteps;
    J.Opts.HeaderFilter = E.HeaderFilter;
    J.Opts.ExcludeHeaderFilter = E.ExcludeHeaderFilter;
    J.Opts.SystemHeaders = E.SystemHeaders;
    J.Opts.WarningsAsErrors = E.WarningsAsErrors;
    J.Opts.UseColor = E.UseColor;
    J.Opts.VfsOverlay = VfsOverlay;
    J.Opts.Quiet = Quiet;
    WarningsAsErrorsMode |= !E.WarningsAsErrors.empty();
    Globs Filter(E.Globs);
    bool Any = false;
    for (const CheckInfo &C : allChecks())
      Any |= Filter.contains(C.Name);
    if (!Any && !E.ConfigFile.empty()) {
      J.Analyse = false;
      if (SilencingConfigs.insert(E.ConfigFile).second)
        llvm::errs() << "torchshape: " << E.ConfigFile
                     << " enables no torch-shape-* check; the files it covers are not "
                        "analysed (add torch-shape-* to its Checks, or pass --checks)\n";
    }
    JobList.push_back(std::move(J));
  }

  RunSettings Settings;
  Settings.Threads = Jobs ? Jobs.getValue() : std::max(1u, std::thread::hardware_concurrency());
  Settings.SkipWithoutLibTorch = WholeProject;
  Settings.Cache = Cache.get();
  Settings.ProgressBar = llvm::sys::Process::StandardErrIsDisplayed() && JobList.size() > 1;
  bool MachineOutput = Format != OutputFormat::Text;
  auto Start = std::chrono::steady_clock::now();
  // A database's relative directories are relative to its folder, and a file
  // it lists twice is analysed once (Database.h).
  std::string DBFolder;
  std::string BuildPath = buildPathFromArgs(argc, argv);
  if (!BuildPath.empty() && !hasDoubleDash(argc, argv))
    DBFolder = databaseFolder(BuildPath);
  std::unique_ptr<CompilationDatabase> Resolved;
  if (!DBFolder.empty())
    Resolved = std::make_unique<ResolvedDatabase>(Parser->getCompilations(), DBFolder);
  // One file's crash is reported as such; the others' results still come
  // out (ProjectRunner, AnalysisStack).
  llvm::CrashRecoveryContext::Enable();
  std::set<FindingKey> Printed;
  std::vector<FileReport> Reports =
      runJobs(Resolved ? *Resolved : Parser->getCompilations(), JobList, Settings, [&](const FileReport &Whole) {
        FileReport R = Whole;
        removeRepeatedFindings(R, Printed);
        llvm::errs() << R.Stderr;
        // Gap listings would corrupt json/sarif on stdout.
        (MachineOutput && OutputFile.empty() ? llvm::errs() : llvm::outs()) << R.Stdout;
        if (!MachineOutput && Summary)
          llvm::outs() << renderSummaries(R);
        if (!MachineOutput && Annotate) {
          if (JobList.size() > 1)
            llvm::outs() << "// ==> " << R.File << " <==\n";
          llvm::outs() << renderAnnotated(R, llvm::sys::Process::StandardOutIsDisplayed());
        }
        llvm::outs().flush();
        llvm::errs().flush();
      });
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();

  // The same removal as in the printed text, for json, sarif and fixes.
  std::set<FindingKey> Seen;
  for (FileReport &R : Reports)
    removeRepeatedFindings(R, Seen);

  int Status = 0;
  unsigned Findings = 0, AsErrors = 0, Errors = 0;
  bool Broken = false;
  for (const FileReport &R : Reports) {
    Findings += R.Findings.size();
    for (const FindingRecord &F : R.Findings) {
      AsErrors += F.AsError;
      Errors += F.IsError;
    }
    if (R.State == FileReport::Status::Broken || R.State == FileReport::Status::CannotRun ||
        R.State == FileReport::Status::Crashed)
      Broken = true;
  }
  // With warnings-as-errors, clang-tidy's status: 1 only for errors.
  if (Broken)
    Status = 2;
  else if (WarningsAsErrorsMode ? Errors > 0 : Findings > 0)
    Status = 1;

  if (MachineOutput) {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    if (Format == OutputFormat::Html) {
      writeHtml(OS, Reports);
    } else if (Format == OutputFormat::Json && (Summary || Annotate)) {
      writeJsonWithShapes(OS, Reports);
    } else if (Format == OutputFormat::Json) {
      writeJson(OS, Reports);
    } else {
      SarifRunInfo Info;
      Info.Version = TORCHSHAPE_VERSION;
      Info.DocsUri = docsUri();
      Info.RootDir = absolute(".");
      for (int I = 0; I < argc; ++I)
        Info.CommandLine.push_back(argv[I]);
      writeSarif(OS, Reports, Info);
    }
    std::string Error;
    if (!OutputFile.empty() ? !writeFileSafely(OutputFile, Out, Error)
                            : !writeStdout(Out, Error)) {
      llvm::errs() << "torchshape: error: cannot write "
                   << (OutputFile.empty() ? std::string("the output") : OutputFile.getValue())
                   << ": " << Error << " (" << Findings
                   << (Findings == 1 ? " finding" : " findings") << " not written)\n";
      return 2;
    }
  }

  if (!ExportFixes.empty()) {
    std::string Error;
    std::string Main = absolute(Files.empty() ? "dummy" : Files.front());
    if (!exportFixes(ExportFixes, Main, Reports, FixNotes, Error)) {
      llvm::errs() << "torchshape: error: cannot write " << ExportFixes << ": " << Error << "\n";
      return 2;
    }
  }
  if ((Fix || FixNotes) && Broken && !FixErrors) {
    llvm::errs() << "torchshape: found compiler errors, but --fix-errors was not given; "
                    "fixes have NOT been applied\n";
  } else if (Fix || FixNotes || FixErrors) {
    ApplyResult A = applyFixes(Reports, FixNotes);
    for (const std::string &C : A.Conflicts)
      llvm::errs() << "torchshape: warning: " << C << "\n";
    for (const std::string &E : A.Errors)
      llvm::errs() << "torchshape: error: " << E << "\n";
    if (!A.Errors.empty())
      Status = 2;
    llvm::errs() << "torchshape: applied " << A.Applied << " of " << A.Suggested
                 << " suggested fixes.\n";
  }

  // Never silently: a function whose analysis stopped short may hide a bug.
  unsigned Incomplete = 0;
  for (const FileReport &R : Reports)
    Incomplete += R.FunctionsIncomplete;
  if (Incomplete)
    llvm::errs() << "torchshape: note: analysis incomplete in " << Incomplete
                 << (Incomplete == 1 ? " function" : " functions")
                 << (ExplainGaps ? "; the gaps above say where" : "; --explain-gaps says where")
                 << "\n";

  if (!Quiet) {
    printSuppressed(Reports);
    if (AsErrors)
      llvm::errs() << AsErrors << (AsErrors == 1 ? " warning" : " warnings") << " treated as "
                   << (AsErrors == 1 ? "error" : "errors") << "\n";
  }
  if (!Quiet && (WholeProject || Reports.size() > 1))
    llvm::errs() << summaryLine(Reports, Seconds, std::min<size_t>(Settings.Threads,
                                                                     Reports.size()));
  return Status;
}
