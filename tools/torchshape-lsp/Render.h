//===- Render.h - A file's analysis as LSP objects ------------------------===//
//
// Turns what the CLI's analysis of one file produced (FileReport: findings
// with notes, per-line shapes) into LSP's diagnostics, inlay hints and
// hovers.  Positions: the report has 1-based lines and byte columns; LSP
// wants 0-based lines and UTF-16 columns, computed from the analysed text.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_LSP_RENDER_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_LSP_RENDER_H

#include "Report.h"

#include "llvm/Support/JSON.h"

#include <string>

namespace torchshape {
namespace lsp {

/// "file:///a%20b/c.cpp" <-> "/a b/c.cpp".  Empty when not a file URI.
std::string uriToPath(llvm::StringRef Uri);
std::string pathToUri(llvm::StringRef Path);

/// A document's text with its line starts, for position conversions.
class LineTable {
public:
  explicit LineTable(std::string Text);
  const std::string &text() const { return Text; }
  /// The text of 1-based line Line, without its newline ("" past the end).
  llvm::StringRef line(unsigned Line) const;
  /// A 1-based line and byte column -> an LSP position (0-based, UTF-16).
  llvm::json::Object position(unsigned Line, unsigned ByteColumn) const;
  /// An LSP position -> a byte offset into the text (clamped).
  size_t offset(int64_t Line, int64_t Utf16Character) const;

private:
  std::string Text;
  std::vector<size_t> Starts;
};

/// Where the check's documentation is: "<base>docs/checks/<check>.md".
struct RenderContext {
  std::string DocsBase; // ends with "/"
  std::string MainFile; // the analysed file's path
};

/// The findings of the main file as LSP diagnostics (notes in other files
/// too: relatedInformation).
llvm::json::Array diagnostics(const cli::FileReport &R, const LineTable &Text,
                              const RenderContext &Ctx);

/// The fix-its of the findings on lines [FirstLine, EndLine] (0-based; a
/// finding there, or a fix that edits there) as `quickfix` code actions,
/// each with the diagnostic it fixes; isPreferred for a certain fix.
llvm::json::Array codeActions(const cli::FileReport &R, const LineTable &Text,
                              const RenderContext &Ctx, int64_t FirstLine, int64_t EndLine);

/// The shapes as inlay hints (": [1, 3, 64, 64]" after the name).
llvm::json::Array inlayHints(const cli::FileReport &R, const LineTable &Text,
                             int64_t FirstLine, int64_t EndLine);

/// The hover's markdown for Name at 0-based line Line: the shape of the
/// name, its earlier shapes and how it was derived; or, for the receiver of
/// a module call on that line, the module's configuration and its input.
/// Empty when there is none.
std::string hoverText(const cli::FileReport &R, const std::string &Name, int64_t Line);

/// The hover at an LSP position: the shape of the name under the cursor,
/// and the shapes it had before in the same file.  Null when there is none.
llvm::json::Value hover(const cli::FileReport &R, const LineTable &Text, int64_t Line,
                        int64_t Character);

} // namespace lsp
} // namespace torchshape

#endif
