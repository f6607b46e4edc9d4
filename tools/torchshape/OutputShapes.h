//===- OutputShapes.h - --summary, --annotate, and shapes in JSON --------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_OUTPUTSHAPES_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_OUTPUTSHAPES_H

#include "Report.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace torchshape {
namespace cli {

/// --summary: a torchinfo-style table per model called with a known input.
std::string renderSummaries(const FileReport &R);

/// --annotate: the file's source, each line where a tensor's shape is set
/// followed by aligned `// name: shape` hints; Colour: ANSI colours.
std::string renderAnnotated(const FileReport &R, bool Colour);

/// The findings array of --format=json (OutputJson.cpp).
void writeJsonFindings(llvm::json::OStream &J, const std::vector<FileReport> &Reports);

/// --format=json with --summary or --annotate: an object with the findings
/// and, per file, the shapes and summaries (docs/json-output.md).
void writeJsonWithShapes(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports);

/// --format=html: one self-contained page (no network): an index of the
/// files, then per file its findings with their notes linked to the lines,
/// the source with shape hints, the model summaries and the gaps.
void writeHtml(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports);

/// The known shape hints of the main file by line ("x: [1, 3, 64, 64]", with
/// the callers when the shape is known only in the calls from them), each
/// text once: what --annotate and the HTML report print after a line.
std::map<unsigned, std::vector<std::string>> hintsByLine(const FileReport &R);

/// Columns of a terminal: UTF-8 code points (× and friends), tabs to 8.
size_t displayWidth(llvm::StringRef S);

/// "501,770".
std::string groupDigits(int64_t N);

} // namespace cli
} // namespace torchshape

#endif
