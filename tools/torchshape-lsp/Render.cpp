//===- Render.cpp - A file's analysis as LSP objects ----------------------===//
#include "Render.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace llvm;

namespace torchshape {
namespace lsp {

std::string uriToPath(StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return "";
  std::string Out;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size() + 0 && isHexDigit(Uri[I + 1]) &&
        isHexDigit(Uri[I + 2])) {
      Out.push_back(char(hexFromNibbles(Uri[I + 1], Uri[I + 2])));
      I += 2;
    } else {
      Out.push_back(Uri[I]);
    }
  }
  return Out;
}

std::string pathToUri(StringRef Path) {
  std::string Out = "file://";
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("/-_.~").contains(C))
      Out.push_back(char(C));
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

LineTable::LineTable(std::string T) : Text(std::move(T)) {
  Starts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      Starts.push_back(I + 1);
}

StringRef LineTable::line(unsigned Line) const {
  if (Line == 0 || Line > Starts.size())
    return "";
  size_t B = Starts[Line - 1];
  size_t E = Line < Starts.size() ? Starts[Line] - 1 : Text.size();
  return StringRef(Text).slice(B, E).rtrim('\r');
}

static unsigned utf16Length(StringRef Bytes) {
  unsigned N = 0;
  for (unsigned char C : Bytes) {
    if ((C & 0xC0) == 0x80)
      continue;
    N += (C & 0xF8) == 0xF0 ? 2 : 1;
  }
  return N;
}

json::Object LineTable::position(unsigned Line, unsigned ByteColumn) const {
  StringRef L = line(Line);
  unsigned Bytes = std::min<unsigned>(ByteColumn ? ByteColumn - 1 : 0, L.size());
  return json::Object{{"line", int64_t(Line ? Line - 1 : 0)},
                      {"character", int64_t(utf16Length(L.take_front(Bytes)))}};
}

size_t LineTable::offset(int64_t Line, int64_t Character) const {
  if (Line < 0)
    return 0;
  if (size_t(Line) >= Starts.size())
    return Text.size();
  StringRef L = line(unsigned(Line) + 1);
  size_t I = 0;
  for (int64_t Units = 0; I < L.size() && Units < Character;) {
    unsigned char C = L[I];
    unsigned Len = C < 0x80 ? 1 : (C & 0xE0) == 0xC0 ? 2 : (C & 0xF0) == 0xE0 ? 3 : 4;
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Starts[Line] + std::min(I, L.size());
}

namespace {

bool isIdentChar(char C) { return isAlnum(C) || C == '_'; }

/// The range of the token at a report position: an identifier, or one
/// character (clangd's way for diagnostics that point at a location).
json::Object rangeAt(const LineTable &T, unsigned Line, unsigned Column) {
  StringRef L = T.line(Line);
  unsigned B = Column ? Column - 1 : 0, E = B;
  while (E < L.size() && isIdentChar(L[E]))
    ++E;
  if (E == B && E < L.size())
    ++E;
  return json::Object{{"start", T.position(Line, B + 1)}, {"end", T.position(Line, E + 1)}};
}

std::string docsPage(const RenderContext &Ctx, StringRef Check) {
  return Ctx.DocsBase + "docs/checks/" + Check.str() + ".md";
}

bool samePath(StringRef A, StringRef B) {
  SmallString<256> X(A), Y(B);
  sys::path::remove_dots(X, true);
  sys::path::remove_dots(Y, true);
  return X == Y;
}

} // namespace

namespace {

bool inMainFile(const cli::FindingRecord &F, const RenderContext &Ctx) {
  // A finding in a header shows in the header's own buffer.
  return F.At.valid() && samePath(F.At.File, Ctx.MainFile);
}

json::Object diagnostic(const cli::FindingRecord &F, const LineTable &Text,
                        const RenderContext &Ctx) {
  json::Object D{{"range", rangeAt(Text, F.At.Line, F.At.Column)},
                 {"severity", F.IsError ? 1 : 2},
                 {"code", F.Check},
                 {"source", "torchshape"},
                 {"message", F.Message}};
  if (StringRef(F.Check).starts_with("torch-shape-"))
    D["codeDescription"] = json::Object{{"href", docsPage(Ctx, F.Check)}};
  json::Array Related;
  for (const cli::NoteRecord &N : F.Notes) {
    if (!N.At.valid())
      continue;
    json::Object Range;
    if (samePath(N.At.File, Ctx.MainFile)) {
      Range = rangeAt(Text, N.At.Line, N.At.Column);
    } else {
      // Another file: no text at hand; the byte column is right for ASCII.
      json::Object P{{"line", int64_t(N.At.Line - 1)},
                     {"character", int64_t(N.At.Utf16Column ? N.At.Utf16Column - 1 : 0)}};
      Range = json::Object{{"start", json::Object(P)}, {"end", std::move(P)}};
    }
    Related.push_back(json::Object{
        {"location", json::Object{{"uri", pathToUri(N.At.File)}, {"range", std::move(Range)}}},
        {"message", N.Message}});
  }
  if (!Related.empty())
    D["relatedInformation"] = std::move(Related);
  return D;
}

/// An LSP position of a place: from the analysed text in the main file,
/// from the UTF-16 column the analysis computed elsewhere.
json::Object positionOf(const cli::Place &P, const LineTable &Text, const RenderContext &Ctx) {
  if (samePath(P.File, Ctx.MainFile))
    return Text.position(P.Line, P.Column);
  return json::Object{{"line", int64_t(P.Line ? P.Line - 1 : 0)},
                      {"character", int64_t(P.Utf16Column ? P.Utf16Column - 1 : 0)}};
}

/// A fix as a WorkspaceEdit: its TextEdits grouped by file.
json::Object workspaceEdit(const std::vector<cli::Edit> &Fix, const LineTable &Text,
                           const RenderContext &Ctx) {
  std::map<std::string, json::Array> ByUri;
  for (const cli::Edit &E : Fix)
    ByUri[pathToUri(E.Begin.File)].push_back(json::Object{
        {"range", json::Object{{"start", positionOf(E.Begin, Text, Ctx)},
                               {"end", positionOf(E.End, Text, Ctx)}}},
        {"newText", E.Text}});
  json::Object Changes;
  for (auto &[Uri, Edits] : ByUri)
    Changes[Uri] = std::move(Edits);
  return json::Object{{"changes", std::move(Changes)}};
}

bool touches(const std::vector<cli::Edit> &Fix, const RenderContext &Ctx, int64_t FirstLine,
             int64_t EndLine) {
  for (const cli::Edit &E : Fix)
    if (samePath(E.Begin.File, Ctx.MainFile) && int64_t(E.End.Line) - 1 >= FirstLine &&
        int64_t(E.Begin.Line) - 1 <= EndLine)
      return true;
  return false;
}

} // namespace

json::Array diagnostics(const cli::FileReport &R, const LineTable &Text,
                        const RenderContext &Ctx) {
  json::Array Out;
  for (const cli::FindingRecord &F : R.Findings)
    if (inMainFile(F, Ctx))
      Out.push_back(diagnostic(F, Text, Ctx));
  return Out;
}

json::Array codeActions(const cli::FileReport &R, const LineTable &Text,
                        const RenderContext &Ctx, int64_t FirstLine, int64_t EndLine) {
  json::Array Out;
  for (const cli::FindingRecord &F : R.Findings) {
    if (!inMainFile(F, Ctx))
      continue;
    int64_t Line0 = int64_t(F.At.Line) - 1;
    bool OnFinding = Line0 >= FirstLine && Line0 <= EndLine;
    auto Action = [&](const std::vector<cli::Edit> &Fix, std::string Title, bool Certain) {
      if (Fix.empty() || (!OnFinding && !touches(Fix, Ctx, FirstLine, EndLine)))
        return;
      json::Object A{{"title", std::move(Title)},
                     {"kind", "quickfix"},
                     {"diagnostics", json::Array{diagnostic(F, Text, Ctx)}},
                     {"edit", workspaceEdit(Fix, Text, Ctx)}};
      if (Certain)
        A["isPreferred"] = true;
      Out.push_back(std::move(A));
    };
    // The finding's own fix is certain (what `torchshape --fix` applies);
    // a note's is a suggestion ("... if the layer should take this input"),
    // what `--fix-notes` applies when it is the only one.
    Action(F.Fixes, "fix: " + F.Message, true);
    for (const cli::NoteRecord &N : F.Notes)
      Action(N.Fixes, N.Message, false);
  }
  return Out;
}

namespace {

std::string hintText(const cli::ShapeHint &H) {
  std::string Text = H.Shape;
  if (H.FromCalls && !H.Callers.empty())
    Text += " (from " + join(H.Callers, ", ") + ")";
  return Text;
}

/// Where a name's hint goes: after the name, when the report's position
/// is at it; else at the end of the line.
std::pair<unsigned, bool> hintColumn(const LineTable &T, const cli::ShapeHint &H) {
  StringRef L = T.line(H.At.Line);
  unsigned B = H.At.Column ? H.At.Column - 1 : 0;
  if (H.Name != "return" && B < L.size() && L.substr(B).starts_with(H.Name) &&
      (B + H.Name.size() >= L.size() || !isIdentChar(L[B + H.Name.size()])))
    return {B + unsigned(H.Name.size()) + 1, true};
  return {unsigned(L.rtrim().size()) + 1, false};
}

} // namespace

json::Array inlayHints(const cli::FileReport &R, const LineTable &Text, int64_t FirstLine,
                       int64_t EndLine) {
  json::Array Out;
  std::set<std::pair<unsigned, std::string>> Seen;
  for (const cli::ShapeHint &H : R.Shapes.Hints) {
    if (!H.Known || H.At.Line == 0)
      continue;
    int64_t Line0 = int64_t(H.At.Line) - 1;
    if (Line0 < FirstLine || Line0 > EndLine)
      continue;
    auto [Column, AfterName] = hintColumn(Text, H);
    std::string Label = AfterName ? ": " + hintText(H) : H.Name + ": " + hintText(H);
    if (!Seen.insert({H.At.Line, Label}).second)
      continue;
    json::Object Hint{{"position", Text.position(H.At.Line, Column)},
                      {"label", Label},
                      {"kind", 1}, // Type
                      {"paddingLeft", !AfterName}};
    Out.push_back(std::move(Hint));
  }
  return Out;
}

namespace {

/// "`[1, 12288]` ← view reshapes [1, 3, 64, 64] to [1, 12288] (line 8) ←
/// torch::rand creates a tensor of shape [1, 3, 64, 64] (line 14)": how the
/// value was derived, newest step first, as the finding notes tell it.
std::string derivationText(const cli::ShapeHint &H, const std::string &MainFile) {
  if (H.Derivation.empty())
    return "";
  std::string Out = "`" + H.Shape + "`";
  const size_t Keep = 6;
  size_t Shown = 0;
  for (auto It = H.Derivation.rbegin(); It != H.Derivation.rend(); ++It, ++Shown) {
    if (Shown == Keep) {
      Out += " ← …";
      break;
    }
    std::string Where = "line " + std::to_string(It->At.Line);
    if (!It->At.File.empty() && !samePath(It->At.File, MainFile))
      Where = sys::path::filename(It->At.File).str() + ":" + std::to_string(It->At.Line);
    Out += " ← " + It->What + " (" + Where + ")";
  }
  return Out;
}

/// The last identifier of a receiver as written: "this->fc" -> "fc".
StringRef lastName(StringRef Spelling) {
  size_t E = Spelling.size();
  while (E > 0 && !isIdentChar(Spelling[E - 1]))
    --E;
  size_t B = E;
  while (B > 0 && isIdentChar(Spelling[B - 1]))
    --B;
  return Spelling.slice(B, E);
}

} // namespace

std::string hoverText(const cli::FileReport &R, const std::string &Name, int64_t Line) {
  const std::string &Main = R.Shapes.MainFile;
  // The shapes the name had up to the cursor's line, in source order.
  std::vector<const cli::ShapeHint *> History;
  for (const cli::ShapeHint &H : R.Shapes.Hints)
    if (H.Name == Name && int64_t(H.At.Line) - 1 <= Line)
      History.push_back(&H);
  if (!History.empty()) {
    std::stable_sort(History.begin(), History.end(), [](auto *A, auto *B) {
      return std::tie(A->At.Line, A->At.Column) < std::tie(B->At.Line, B->At.Column);
    });
    const cli::ShapeHint &Now = *History.back();
    std::string MD = "`" + Name + "`: `" + hintText(Now) + "`";
    if (!Now.Known)
      MD += " (not proven here)";
    MD += "\n\nset at line " + std::to_string(Now.At.Line);
    for (auto It = History.rbegin() + 1; It != History.rend(); ++It)
      MD += "  \n← `" + hintText(**It) + "` at line " + std::to_string((*It)->At.Line);
    std::string D = derivationText(Now, Main);
    if (!D.empty())
      MD += "\n\n" + D;
    return MD;
  }
  // A module called on this line: its configuration and its input.
  for (const cli::LayerCallHint &C : R.Shapes.LayerCalls) {
    if (int64_t(C.At.Line) - 1 != Line || lastName(C.Receiver) != Name)
      continue;
    std::string MD = "`" + Name + "`: ";
    if (C.Layer.empty())
      MD += "a module configured differently in the calls that reach here";
    else
      MD += "`" + C.Layer + "`";
    if (C.ConfiguredAt.Line && !C.Layer.empty())
      MD += ", configured at line " + std::to_string(C.ConfiguredAt.Line);
    MD += "\n\ninput: `" + hintText(C.Input) + "`";
    if (!C.Input.Known)
      MD += " (not proven here)";
    std::string D = derivationText(C.Input, Main);
    if (!D.empty())
      MD += "\n\n" + D;
    return MD;
  }
  return "";
}

json::Value hover(const cli::FileReport &R, const LineTable &Text, int64_t Line,
                  int64_t Character) {
  size_t Off = Text.offset(Line, Character);
  StringRef S = Text.text();
  size_t B = Off, E = Off;
  while (B > 0 && isIdentChar(S[B - 1]))
    --B;
  while (E < S.size() && isIdentChar(S[E]))
    ++E;
  if (B == E)
    return nullptr;
  std::string Name = S.slice(B, E).str();
  std::string MD = hoverText(R, Name, Line);
  if (MD.empty())
    return nullptr;
  unsigned LineNo = unsigned(Line) + 1;
  unsigned ColB = unsigned(B - (S.substr(0, B).rfind('\n') + 1)); // byte column, 0-based
  unsigned ColE = ColB + unsigned(E - B);
  return json::Object{
      {"contents", json::Object{{"kind", "markdown"}, {"value", MD}}},
      {"range", json::Object{{"start", Text.position(LineNo, ColB + 1)},
                             {"end", Text.position(LineNo, ColE + 1)}}}};
}

} // namespace lsp
} // namespace torchshape
