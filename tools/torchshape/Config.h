//===- Config.h - .clang-tidy files and --line-filter, as clang-tidy reads them
//
// Uses clang-tidy's own option code (libclangTidy), so `Checks:` in
// .clang-tidy files (looked up from each file's directory upwards,
// InheritParentConfig, string or list form) and --line-filter's JSON mean
// exactly what they mean to clang-tidy.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_CONFIG_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_CONFIG_H

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace tidy {
class FileOptionsProvider;
struct FileFilter;
} // namespace tidy
} // namespace clang

namespace torchshape {
namespace cli {

/// The default of --checks when neither the command line nor a .clang-tidy
/// file says otherwise.
constexpr const char *DefaultChecks = "torch-shape-*";

class ChecksConfig {
public:
  /// CommandLine: the value of --checks, if it was given.
  explicit ChecksConfig(std::optional<std::string> CommandLine);
  ~ChecksConfig();

  struct Effective {
    std::string Globs;         // default, then .clang-tidy files, then --checks
    std::string ConfigFile;    // the nearest .clang-tidy that set Checks, if any
  };
  /// The checks for a translation unit whose main file is File (clang-tidy
  /// uses the main file's configuration for the whole TU).  Not thread-safe.
  Effective checksFor(llvm::StringRef File);

private:
  std::unique_ptr<clang::tidy::FileOptionsProvider> Provider;
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
