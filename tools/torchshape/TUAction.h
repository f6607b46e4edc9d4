//===- TUAction.h - Analyse one file of the run --------------------------===//
//
// Parses a file with every compile command the database has for it, runs
// the engine on its user code, keeps the findings of the enabled checks that
// no NOLINT comment suppresses and that pass the line filter, shaped by the
// check options, and records them (text: rendered through Clang's diagnostics, like the compiler).
// Everything the file prints is buffered in its FileReport, so that files
// can be analysed in parallel and printed in order.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_TUACTION_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_TUACTION_H

#include "Report.h"

#include "torchshape/Analysis/Analyzer.h"
#include "torchshape/Diagnostics/CheckOptions.h"

#include "llvm/Support/VirtualFileSystem.h"

#include <optional>
#include <string>

namespace clang {
namespace tooling {
class CompilationDatabase;
}
} // namespace clang

namespace torchshape {
namespace cli {

class LineFilter;
class PchCache;

enum class OutputFormat { Text, Json, Sarif, Html };

struct TUOptions {
  std::string Checks = "torch-shape-*"; // effective check globs for this file
  CheckOptions Options;                 // effective CheckOptions for this file
  OutputFormat Format = OutputFormat::Text;
  bool ExplainGaps = false;
  const LineFilter *Lines = nullptr;
  PchCache *Cache = nullptr; // precompiled leading includes; null: --no-cache
  AnalyzerOptions Analysis; // --max-call-depth, --max-steps
  /// --summary, --annotate: record shapes and model summaries (ShapeReport),
  /// with the main file's text when WithSource.
  bool RecordShapes = false;
  bool WithSource = false;
  bool ParseLibraryBodies = false; // false: skip them (LibraryBodies.h)
  // clang-tidy's filters and options (ClangTidyOptions of this file).
  std::string HeaderFilter, ExcludeHeaderFilter; // regexes; empty: none
  bool SystemHeaders = false;
  std::string WarningsAsErrors; // check globs
  std::optional<bool> UseColor; // unset: as the compile command says
  std::string VfsOverlay;       // --vfsoverlay file
  bool Quiet = false;           // --quiet: no "N warnings generated."
  /// The file's text when it is not the one on disk (an editor's unsaved
  /// buffer, torchshape-lsp); File must then be an absolute path.
  const std::string *Contents = nullptr;
};

/// The file system a file is analysed on: the real one, with the --vfsoverlay
/// file (if any) laid over it as clang-tidy does.  Null if the overlay
/// cannot be read (Error says why).  Each call builds its own (its working
/// directory is its own).
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fileSystemFor(llvm::StringRef VfsOverlay,
                                                              std::string *Error = nullptr);

/// Thread-safe: each call has its own ClangTool, file manager and
/// (physical, not process-wide) working directory.
FileReport analyseFile(const clang::tooling::CompilationDatabase &DB, const std::string &File,
                       const TUOptions &Opts);

} // namespace cli
} // namespace torchshape

#endif
