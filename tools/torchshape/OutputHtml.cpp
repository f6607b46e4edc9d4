//===- OutputHtml.cpp - --format=html: one self-contained report ---------===//
//
// One HTML file, no network: an index of the files with their counts, then
// per file its findings (notes linked to their lines), the source with the
// shape hints of --annotate and the lines of findings marked, the model
// summaries, and the gaps.  Keys n/j and p/k move between findings.
//
//===----------------------------------------------------------------------===//
#include "OutputShapes.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <map>
#include <set>

namespace torchshape {
namespace cli {

namespace {

std::string escape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    default: Out += C;
    }
  }
  return Out;
}

const char *Style = R"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 2em 4em; color: #1d1f21; background: #fff; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; font-family: monospace; }
td.num { text-align: right; }
pre.source { background: #f7f7f7; border: 1px solid #ddd; padding: .5em 0; overflow-x: auto; }
.line { display: block; padding: 0 .5em; }
.line:target, .line.has-finding { background: #fff3cd; }
.ln { display: inline-block; width: 4em; color: #999; user-select: none; }
.hint { color: #0b7285; }
.marker { color: #c92a2a; font-weight: bold; }
.finding { margin: .5em 0; padding: .3em .5em; border-left: 4px solid #c92a2a; }
.finding:focus { outline: 2px solid #1c7ed6; background: #e7f5ff; }
.finding .level { color: #c92a2a; font-weight: bold; }
.notes { margin: .2em 0 0 1.5em; padding: 0; }
.unknown { color: #868e96; font-style: italic; }
kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 4px; }
)";

const char *Script = R"(
(function () {
  var findings = [].slice.call(document.querySelectorAll('.finding'));
  var current = -1;
  function go(step) {
    if (!findings.length) return;
    current = (current + step + findings.length) % findings.length;
    var f = findings[current];
    f.focus();
    if (f.scrollIntoView) f.scrollIntoView({block: 'center'});
    document.body.setAttribute('data-current-finding', f.id);
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'n' || e.key === 'j') go(1);
    else if (e.key === 'p' || e.key === 'k') go(-1);
  });
  // For the report's own test: key presses in the URL's fragment.
  var m = /^#keys=([a-z]*)$/.exec(location.hash);
  if (m) m[1].split('').forEach(function (k) {
    document.dispatchEvent(new KeyboardEvent('keydown', {key: k}));
  });
})();
)";

std::string cell(const std::string &S) {
  if (S == "unknown" || S == "not called")
    return "<td class=\"unknown\">" + escape(S) + "</td>";
  return "<td>" + escape(S) + "</td>";
}

std::string countCell(const Count &C) {
  if (!C.Known)
    return "<td class=\"num unknown\">unknown</td>";
  return "<td class=\"num\">" + escape(C.Value ? groupDigits(*C.Value) : C.Text) + "</td>";
}

std::string statusText(FileReport::Status S) {
  switch (S) {
  case FileReport::Status::Analysed: return "analysed";
  case FileReport::Status::Broken: return "does not compile";
  case FileReport::Status::CannotRun: return "missing";
  case FileReport::Status::SkippedNoTorch: return "skipped (no LibTorch include)";
  case FileReport::Status::SkippedNoChecks: return "skipped (no check enabled)";
  }
  return "";
}

void writeFile(llvm::raw_ostream &OS, const FileReport &R, size_t Index) {
  std::string Id = "file-" + std::to_string(Index);
  const std::string &Main = R.Shapes.MainFile.empty() ? R.File : R.Shapes.MainFile;
  auto LineRef = [&](const std::string &File, unsigned Line, unsigned Column) {
    std::string Text = escape(llvm::StringRef(File).rsplit('/').second.empty()
                                  ? File
                                  : llvm::StringRef(File).rsplit('/').second.str()) +
                       ":" + std::to_string(Line) + ":" + std::to_string(Column);
    if (File != Main || !Line)
      return Text;
    return "<a href=\"#" + Id + "-L" + std::to_string(Line) + "\">" + Text + "</a>";
  };
  OS << "<section class=\"file\" id=\"" << Id << "\">\n<h2>" << escape(R.File) << "</h2>\n";
  if (R.State != FileReport::Status::Analysed) {
    OS << "<p>" << escape(statusText(R.State)) << "</p>\n";
    if (!R.Stderr.empty())
      OS << "<pre>" << escape(R.Stderr) << "</pre>\n";
    OS << "</section>\n";
    return;
  }

  // Findings, with their notes linked to the lines.
  std::map<unsigned, std::vector<size_t>> FindingLines;
  OS << "<h3>Findings (" << R.Findings.size() << ")</h3>\n";
  if (R.Findings.empty())
    OS << "<p>No shape bug found.</p>\n";
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const FindingRecord &F = R.Findings[I];
    if (F.At.File == Main)
      FindingLines[F.At.Line].push_back(I);
    OS << "<div class=\"finding\" tabindex=\"0\" id=\"" << Id << "-finding-" << I << "\">"
       << LineRef(F.At.File, F.At.Line, F.At.Column) << ": <span class=\"level\">"
       << (F.IsError ? "error" : "warning") << "</span>: " << escape(F.Message) << " ["
       << escape(F.Check) << "]\n<ul class=\"notes\">\n";
    for (const NoteRecord &N : F.Notes)
      OS << "<li class=\"note\">" << LineRef(N.At.File, N.At.Line, N.At.Column) << ": "
         << escape(N.Message) << "</li>\n";
    OS << "</ul></div>\n";
  }

  // The source, with the hints of --annotate and the findings' lines marked.
  std::map<unsigned, std::vector<std::string>> Hints = hintsByLine(R);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef Src = R.Shapes.MainSource;
  Src.split(Lines, '\n');
  if (Src.ends_with("\n"))
    Lines.pop_back();
  size_t Column = 0;
  for (const auto &[N, H] : Hints)
    if (N >= 1 && N <= Lines.size())
      Column = std::max(Column, displayWidth(Lines[N - 1].rtrim()));
  Column = std::min<size_t>(Column, 100) + 2;
  OS << "<h3>Source, with shapes</h3>\n<pre class=\"source\">";
  for (size_t I = 0; I < Lines.size(); ++I) {
    unsigned N = I + 1;
    auto F = FindingLines.find(N);
    OS << "<span class=\"line" << (F != FindingLines.end() ? " has-finding" : "") << "\" id=\""
       << Id << "-L" << N << "\"><span class=\"ln\">" << N << "</span>";
    llvm::StringRef Code = Lines[I].rtrim();
    OS << escape(Code);
    auto H = Hints.find(N);
    if (H != Hints.end()) {
      size_t W = displayWidth(Code);
      OS << std::string(W < Column ? Column - W : 2, ' ') << "<span class=\"hint\">// ";
      for (size_t K = 0; K < H->second.size(); ++K)
        OS << (K ? "; " : "") << escape(H->second[K]);
      OS << "</span>";
    }
    if (F != FindingLines.end())
      for (size_t K : F->second)
        OS << " <a class=\"marker\" href=\"#" << Id << "-finding-" << K << "\">&#9664; "
           << escape(R.Findings[K].Check) << "</a>";
    OS << "</span>";
  }
  OS << "</pre>\n";

  // Model summaries.
  OS << "<h3>Model summaries (" << R.Shapes.Summaries.size() << ")</h3>\n";
  for (const SummaryTable &T : R.Shapes.Summaries) {
    const SummaryRow &Top = T.Rows.front();
    OS << "<p>" << LineRef(T.CallAt.File, T.CallAt.Line, T.CallAt.Column) << ": <code>"
       << escape(Top.Path) << "</code> (" << escape(Top.Layer) << ")</p>\n<table class=\"summary\">\n"
       << "<tr><th>Layer (path)</th><th>Layer (configuration)</th><th>Input shape</th>"
          "<th>Output shape</th><th>Param #</th></tr>\n";
    for (const SummaryRow &Row : T.Rows)
      OS << "<tr><td style=\"padding-left:" << (8 + 16 * Row.Depth) << "px\">"
         << escape(Row.Path) << "</td>" << cell(Row.Layer) << cell(Row.Input)
         << cell(Row.Output) << countCell(Row.Params) << "</tr>\n";
    OS << "<tr><th colspan=\"4\">Total params</th>" << countCell(T.Total) << "</tr>\n";
    if (T.Total.Value)
      OS << "<tr><th colspan=\"4\">Params size (float32, bytes)</th><td class=\"num\">"
         << groupDigits(*T.Total.Value * 4) << "</td></tr>\n";
    OS << "</table>\n";
  }

  // Gaps: where shapes became unknown.
  OS << "<h3>Gaps (" << R.Shapes.Gaps.size() << ")</h3>\n<ul class=\"gaps\">\n";
  for (const GapNote &G : R.Shapes.Gaps)
    OS << "<li class=\"gap\">" << LineRef(G.At.File, G.At.Line, G.At.Column) << ": "
       << escape(G.Reason) << ": " << escape(G.Detail) << "</li>\n";
  OS << "</ul>\n</section>\n";
}

} // namespace

void writeHtml(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports) {
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>torchshape report</title>\n<style>"
     << Style << "</style>\n</head>\n<body>\n<h1>torchshape report</h1>\n"
     << "<p>Keys: <kbd>n</kbd>/<kbd>j</kbd> next finding, <kbd>p</kbd>/<kbd>k</kbd> previous. "
        "Shapes and counts are only those the analysis proved; the rest says "
        "<span class=\"unknown\">unknown</span>.</p>\n";
  unsigned Findings = 0;
  for (const FileReport &R : Reports)
    Findings += R.Findings.size();
  OS << "<table class=\"index\">\n<tr><th>File</th><th>Status</th><th>Findings</th>"
        "<th>Shapes</th><th>Models</th><th>Gaps</th></tr>\n";
  for (size_t I = 0; I < Reports.size(); ++I) {
    const FileReport &R = Reports[I];
    unsigned Known = 0;
    for (const ShapeHint &H : R.Shapes.Hints)
      Known += H.Known;
    OS << "<tr><td><a href=\"#file-" << I << "\">" << escape(R.File) << "</a></td><td>"
       << escape(statusText(R.State)) << "</td><td class=\"num\">" << R.Findings.size()
       << "</td><td class=\"num\">" << Known << "</td><td class=\"num\">"
       << R.Shapes.Summaries.size() << "</td><td class=\"num\">" << R.Shapes.Gaps.size()
       << "</td></tr>\n";
  }
  OS << "<tr><th>" << Reports.size() << (Reports.size() == 1 ? " file" : " files")
     << "</th><th></th><th class=\"num\" id=\"total-findings\">" << Findings
     << "</th><th></th><th></th><th></th></tr>\n</table>\n";
  for (size_t I = 0; I < Reports.size(); ++I)
    writeFile(OS, Reports[I], I);
  OS << "<script>" << Script << "</script>\n</body>\n</html>\n";
}

} // namespace cli
} // namespace torchshape
