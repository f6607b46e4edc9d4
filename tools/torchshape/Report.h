//===- Report.h - What one translation unit produced, as plain data ------===//
//
// The CLI turns the engine's findings into these records while the AST is
// alive (locations resolved to file/line/column/offset), so that the output
// writers (JSON, SARIF, fixes) work after the TU is gone, from any thread.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_REPORT_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_REPORT_H

#include "ShapeReport.h"

#include <map>
#include <string>
#include <vector>

namespace torchshape {
namespace cli {

/// What the precompiled-header cache (PchCache.h) did for one file.
enum class PchUse {
  None,  // not applicable, or no cache
  Hit,   // a valid entry was used
  Built, // an entry was built (then used)
};

/// A resolved source position.  Line and Column are Clang's (1-based, the
/// column in bytes); Utf16Column counts UTF-16 code units (SARIF's default).
struct Place {
  std::string File; // the name Clang opened the file by (absolute with a database)
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Utf16Column = 0;
  unsigned Offset = 0; // byte offset in the file
  bool valid() const { return !File.empty() && Line != 0; }
};

/// A replacement of the bytes [Begin, End) of one file.
struct Edit {
  Place Begin, End;
  std::string Text;
  unsigned length() const { return End.Offset - Begin.Offset; }
};

struct NoteRecord {
  Place At;
  std::string Message;
  std::vector<Edit> Fixes; // suggestions, never applied without --fix-notes
};

struct FindingRecord {
  std::string Check; // torch-shape-*, or clang-tidy-nolint for NOLINT errors
  bool IsError = false;
  Place At;
  std::string Message;
  std::vector<NoteRecord> Notes;
  std::vector<Edit> Fixes; // certain fixes only
  std::string LineText; // the source line of At, for SARIF's partialFingerprints
  bool AsError = false; // by --warnings-as-errors: "[check,-warnings-as-errors]"
  /// Text output: where its rendering is in FileReport::Stderr, so that a
  /// finding another file already reported can be taken out.
  size_t TextBegin = 0, TextEnd = 0;
};

/// A place where the analysis of a function stopped short (a gap with
/// Gap::CutShort): JSON and SARIF carry these, the text summary counts them.
struct CutShortRecord {
  Place At;
  std::string Reason; // "analysis budget exhausted", "call depth limit", ...
  std::string Detail;
};

/// What happened to one file of the run.
struct FileReport {
  enum class Status {
    Analysed,
    Broken,      // does not compile (or the tool failed on it)
    CannotRun,   // its compile command's directory, or the file, does not exist
    Crashed,     // the tool crashed on it; the crash was contained
    SkippedNoTorch,
    SkippedNoChecks,
  };
  std::string File;     // as the run names it
  std::string BuildDir; // the compile command's directory
  Status State = Status::Analysed;
  std::vector<FindingRecord> Findings;
  std::string Stderr; // Clang's diagnostics (and, in text mode, the findings)
  std::string Stdout; // --explain-gaps
  unsigned FunctionsAnalyzed = 0;
  PchUse Pch = PchUse::None; // what the precompiled-header cache did
  unsigned FunctionsIncomplete = 0; // cut short: a bug there may be missed
  std::vector<CutShortRecord> CutShort;
  /// Findings not shown, as clang-tidy counts them ("Suppressed N warnings").
  unsigned SuppressedNonUserCode = 0, SuppressedLineFilter = 0, SuppressedNolint = 0;
  /// The hash of each file an edit refers to, as the analysis read it: --fix
  /// changes a file only if it still has these contents.
  std::map<std::string, std::string> AnalysedHash;
  /// --summary, --annotate: shapes per line and model summaries.
  ShapeReport Shapes;
};

} // namespace cli
} // namespace torchshape

#endif
