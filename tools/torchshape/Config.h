//===- Config.h - .clang-tidy files and --line-filter, as clang-tidy reads them
//
// Uses clang-tidy's own option code (libclangTidy), so `Checks:` and
// `CheckOptions:` in .clang-tidy files (looked up from each file's directory
// upwards, InheritParentConfig, string or list form; CheckOptions as a list
// of key/value pairs or a mapping), --config and --line-filter's JSON mean
// exactly what they mean to clang-tidy.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_CONFIG_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_CONFIG_H

#include "torchshape/Diagnostics/CheckOptions.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace tidy {
class FileOptionsBaseProvider;
struct FileFilter;
} // namespace tidy
} // namespace clang

namespace torchshape {
namespace cli {

/// The default of --checks when neither the command line nor a .clang-tidy
/// file says otherwise.
constexpr const char *DefaultChecks = "torch-shape-*";

/// The options of the command line that override every configuration file,
/// as clangTidyMain's OverrideOptions: each one only when it was given.
struct CommandLineOptions {
  std::optional<std::string> Checks;              // --checks
  std::optional<std::string> WarningsAsErrors;    // --warnings-as-errors
  std::optional<std::string> HeaderFilter;        // --header-filter
  std::optional<std::string> ExcludeHeaderFilter; // --exclude-header-filter
  std::optional<bool> SystemHeaders;              // --system-headers
  std::optional<bool> UseColor;                   // --use-color
};

/// Check globs as clang-tidy reads them (clang::tidy::CachedGlobList): comma
/// or newline separated, so a `Checks: |` block lists one glob a line.
class Globs {
public:
  explicit Globs(llvm::StringRef List);
  ~Globs();
  bool contains(llvm::StringRef Name) const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

class ChecksConfig {
public:
  /// CommandLine: the overriding options that were given.  Config: the value
  /// of --config, or the text of --config-file (ConfigSource names it); as
  /// in clang-tidy it replaces the .clang-tidy files unless it says
  /// InheritParentConfig: true.
  /// FS: where .clang-tidy files are looked for (--vfsoverlay); null: the
  /// real file system.
  ChecksConfig(CommandLineOptions CommandLine, std::optional<std::string> Config = {},
               std::string ConfigSource = "",
               llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = nullptr);
  ~ChecksConfig();
  /// Why --config could not be read; empty when it could.
  const std::string &error() const { return Error; }

  /// --dump-config: the effective configuration of File as YAML, in
  /// clang-tidy's layout, with the enabled checks' options (defaults too).
  std::string dumpConfig(llvm::StringRef File);
  /// --explain-config: for each enabled check, which source enabled it.
  std::string explainConfig(llvm::StringRef File);

  struct Effective {
    std::string Globs;      // default, then .clang-tidy files (or --config), then --checks
    std::string ConfigFile; // the nearest .clang-tidy (or --config) that set Checks, if any
    CheckOptions Options;   // the torch-shape-* CheckOptions of the same sources
    AnalyzerOptions Analysis; // torch-shape.MaxCallDepth, torch-shape.MaxSteps
    /// Option values clang-tidy would refuse (the option keeps its default),
    /// worded as clang-tidy words them, for the enabled checks only.
    std::vector<std::string> Warnings;
    // clang-tidy's filters of where findings are shown (ClangTidyOptions).
    std::string HeaderFilter, ExcludeHeaderFilter;
    bool SystemHeaders = false;
    std::string WarningsAsErrors;
    std::optional<bool> UseColor;
  };
  /// The checks and options for a translation unit whose main file is File
  /// (clang-tidy uses the main file's configuration for the whole TU).  Not
  /// thread-safe.
  Effective checksFor(llvm::StringRef File);

private:
  std::unique_ptr<clang::tidy::FileOptionsBaseProvider> Provider;
  std::string Error;
};

class LineFilter {
public:
  LineFilter();
  ~LineFilter();
  /// Parses clang-tidy's --line-filter JSON; false with Error on bad input.
  bool parse(llvm::StringRef Json, std::string &Error);
  /// clang-tidy's rule: with a filter, a file must be named (by a suffix of
  /// its path) and the line fall in one of its ranges (no ranges: all lines).
  bool passes(llvm::StringRef FileName, unsigned Line) const;
  bool empty() const;

private:
  std::vector<clang::tidy::FileFilter> Filters;
};

} // namespace cli
} // namespace torchshape

#endif
