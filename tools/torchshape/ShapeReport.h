//===- ShapeReport.h - The shapes and model summaries of one file --------===//
//
// The engine's ShapeRecord (torchshape/Analysis/ShapeRecord.h) resolved to
// file positions and text while the AST is alive, so that --summary,
// --annotate and the JSON output can be written after the file is gone.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_SHAPEREPORT_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_SHAPEREPORT_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace torchshape {
struct ShapeRecord;
struct Gap;

namespace cli {

struct ShapePlace {
  std::string File;
  unsigned Line = 0, Column = 0;
};

/// One step of how a value was derived: "view reshapes [1, 3, 64, 64] to
/// [1, 12288]" at line 8 (the text of the finding notes that tell it).
struct DerivationStep {
  ShapePlace At;
  std::string What;
};

/// A tensor's shape from one place on (a declaration, an assignment that
/// changes it, a parameter, a return).
struct ShapeHint {
  ShapePlace At;
  std::string Name;  // "x", or "return"
  std::string Shape; // "[1, 3, 64, 64]", "[B, 10]", "unknown"
  bool Known = false; // the rank is known
  /// Holds in the calls from Callers (the analysis of the function on its
  /// own knows less); otherwise it holds for every caller.
  bool FromCalls = false;
  std::vector<std::string> Callers;
  /// How the shown value was derived, oldest step first; empty when not
  /// known (or not the same on every path that reached here).
  std::vector<DerivationStep> Derivation;
};

/// A module's forward called in the main file: the receiver, its
/// configuration and its input (a hover on `fc` in `fc->forward(x)`).
struct LayerCallHint {
  ShapePlace At;
  std::string Receiver; // as written: "fc", "this->fc"
  std::string Layer;    // "Linear(50176, 10)"; empty: differs between calls
  ShapePlace ConfiguredAt;
  ShapeHint Input;      // Name: the receiver; Shape "unknown" when not proven
};

/// A parameter count: exact (Value), symbolic (Text only), or unknown.
struct Count {
  bool Known = false;
  std::optional<int64_t> Value;
  std::string Text; // "501770", "10*hidden + 10", "unknown"
};

struct SummaryRow {
  std::string Path; // "net.fc"
  unsigned Depth = 0;
  std::string Layer; // "Linear(50176, 10)"
  bool Called = false;
  std::string Input, Output; // shapes, "unknown" or "not called"
  Count Params;
  ShapePlace ConfiguredAt;
};

struct SummaryTable {
  ShapePlace CallAt;
  std::vector<SummaryRow> Rows;
  Count Total;
};

/// Where a tensor's shape was lost (--explain-gaps' list).
struct GapNote {
  ShapePlace At;
  std::string Reason, Detail;
};

struct ShapeReport {
  std::vector<ShapeHint> Hints;
  std::vector<GapNote> Gaps;
  std::vector<SummaryTable> Summaries;
  std::vector<LayerCallHint> LayerCalls;
  std::string MainFile;   // the file analysed, as Clang opened it
  std::string MainSource; // its text (for --annotate and HTML)
};

/// Resolves a record; only places in the main file are kept for hints.
ShapeReport resolveShapes(const clang::SourceManager &SM, const ShapeRecord &Record,
                          const std::vector<Gap> &Gaps, bool WithSource);

} // namespace cli
} // namespace torchshape

#endif
