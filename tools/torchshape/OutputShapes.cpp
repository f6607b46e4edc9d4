//===- OutputShapes.cpp - --summary, --annotate, and shapes in JSON ------===//
//
// Renders a file's ShapeReport.  Nothing here computes a shape or a count:
// what the engine did not prove arrives as "unknown" and is printed so.
//
//===----------------------------------------------------------------------===//
#include "OutputShapes.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <map>

namespace torchshape {
namespace cli {

std::string groupDigits(int64_t N) {
  std::string Digits = std::to_string(N < 0 ? -N : N);
  std::string Out;
  for (size_t I = 0; I < Digits.size(); ++I) {
    if (I && (Digits.size() - I) % 3 == 0)
      Out += ',';
    Out += Digits[I];
  }
  return (N < 0 ? "-" : "") + Out;
}

size_t displayWidth(llvm::StringRef S) {
  size_t W = 0;
  for (unsigned char C : S) {
    if ((C & 0xC0) == 0x80)
      continue;
    W = C == '\t' ? (W / 8 + 1) * 8 : W + 1;
  }
  return W;
}

namespace {

std::string pad(const std::string &S, size_t Width) {
  size_t W = displayWidth(S);
  return S + std::string(W < Width ? Width - W : 0, ' ');
}

std::string countText(const Count &C) {
  if (C.Value)
    return groupDigits(*C.Value);
  return C.Text;
}

std::string where(const ShapePlace &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

/// float32: 4 bytes a parameter.
std::string memoryText(const Count &Total) {
  if (!Total.Known)
    return "unknown";
  if (!Total.Value)
    return "4 × (" + Total.Text + ") bytes";
  int64_t Bytes = *Total.Value * 4;
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format("%.2f", static_cast<double>(Bytes) / 1e6) << " MB (" << groupDigits(Bytes)
     << " bytes)";
  return S;
}

} // namespace

std::string renderSummaries(const FileReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  if (R.State == FileReport::Status::Analysed && R.Shapes.Summaries.empty())
    OS << (R.Shapes.MainFile.empty() ? R.File : R.Shapes.MainFile)
       << ": no module is called with an input of known shape here (--explain-gaps says "
          "where shapes become unknown)\n";
  for (const SummaryTable &T : R.Shapes.Summaries) {
    const char *Head[] = {"Layer (path)", "Layer (configuration)", "Input shape",
                          "Output shape", "Param #"};
    std::vector<std::vector<std::string>> Cells;
    for (const SummaryRow &Row : T.Rows)
      Cells.push_back({std::string(2 * Row.Depth, ' ') + Row.Path, Row.Layer, Row.Input,
                       Row.Output, countText(Row.Params)});
    size_t Width[5];
    for (size_t C = 0; C < 5; ++C) {
      Width[C] = displayWidth(Head[C]);
      for (const auto &Line : Cells)
        Width[C] = std::max(Width[C], displayWidth(Line[C]));
    }
    size_t Total = 0;
    for (size_t C = 0; C < 5; ++C)
      Total += Width[C] + (C ? 2 : 0);
    auto Line = [&](const std::vector<std::string> &L) {
      std::string S;
      for (size_t C = 0; C < 5; ++C) {
        if (C)
          S += "  ";
        // The count is right-aligned, as torchinfo does.
        S += C == 4 ? std::string(Width[C] - displayWidth(L[C]), ' ') + L[C]
                    : (C == 3 ? pad(L[C], Width[C]) : pad(L[C], Width[C]));
      }
      while (!S.empty() && S.back() == ' ')
        S.pop_back();
      OS << S << "\n";
    };
    const SummaryRow &Top = T.Rows.front();
    OS << where(T.CallAt) << ": model summary of `" << Top.Path << "` (" << Top.Layer << ")\n";
    OS << std::string(Total, '=') << "\n";
    Line({Head[0], Head[1], Head[2], Head[3], Head[4]});
    OS << std::string(Total, '=') << "\n";
    for (const auto &L : Cells)
      Line(L);
    OS << std::string(Total, '=') << "\n";
    OS << "Total params: " << countText(T.Total);
    if (!T.Total.Known)
      OS << " (not every module's parameters are known here)";
    OS << "\nParams size (float32): " << memoryText(T.Total) << "\n";
    OS << std::string(Total, '=') << "\n";
  }
  return Out;
}

std::map<unsigned, std::vector<std::string>> hintsByLine(const FileReport &R) {
  std::map<unsigned, std::vector<std::string>> ByLine;
  for (const ShapeHint &H : R.Shapes.Hints) {
    if (!H.Known)
      continue;
    std::string Text = H.Name + ": " + H.Shape;
    if (H.FromCalls && !H.Callers.empty()) {
      Text += " (from ";
      for (size_t I = 0; I < H.Callers.size(); ++I)
        Text += (I ? ", " : "") + H.Callers[I];
      Text += ")";
    }
    auto &Line = ByLine[H.At.Line];
    if (std::find(Line.begin(), Line.end(), Text) == Line.end())
      Line.push_back(Text);
  }
  return ByLine;
}

std::string renderAnnotated(const FileReport &R, bool Colour) {
  const std::string &Src = R.Shapes.MainSource;
  std::map<unsigned, std::vector<std::string>> ByLine = hintsByLine(R);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Src).split(Lines, '\n');
  if (!Src.empty() && Src.back() == '\n')
    Lines.pop_back();
  // Hints start in one column: after the longest hinted line, up to 100.
  size_t Column = 0;
  for (const auto &[N, Hints] : ByLine)
    if (N >= 1 && N <= Lines.size())
      Column = std::max(Column, displayWidth(Lines[N - 1].rtrim()));
  Column = std::min<size_t>(Column, 100) + 2;
  std::string Out;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    auto It = ByLine.find(I + 1);
    if (It == ByLine.end()) {
      Out += L.str() + "\n";
      continue;
    }
    std::string Text = L.rtrim().str();
    Text = pad(Text, Column);
    if (displayWidth(Text) == displayWidth(L.rtrim()))
      Text += "  ";
    std::string Hint = "// ";
    for (size_t H = 0; H < It->second.size(); ++H)
      Hint += (H ? "; " : "") + It->second[H];
    Out += Text + (Colour ? "\033[36m" + Hint + "\033[0m" : Hint) + "\n";
  }
  return Out;
}

void writeJsonWithShapes(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports) {
  llvm::json::OStream J(OS, 2);
  auto CountAttrs = [&](const char *Name, const Count &C) {
    if (C.Value)
      J.attribute(Name, *C.Value);
    else
      J.attribute(Name, nullptr);
    J.attribute((std::string(Name) + "Text").c_str(), C.Text);
  };
  // How a shape was derived, oldest step first (the finding notes' text).
  auto Derivation = [&](const ShapeHint &H) {
    if (H.Derivation.empty())
      return;
    J.attributeArray("derivation", [&] {
      for (const DerivationStep &D : H.Derivation)
        J.object([&] {
          J.attribute("file", D.At.File);
          J.attribute("line", D.At.Line);
          J.attribute("column", D.At.Column);
          J.attribute("what", D.What);
        });
    });
  };
  J.object([&] {
    J.attribute("version", 1);
    J.attributeBegin("findings");
    writeJsonFindings(J, Reports);
    J.attributeEnd();
    J.attributeArray("files", [&] {
      for (const FileReport &R : Reports) {
        if (R.State != FileReport::Status::Analysed)
          continue;
        J.object([&] {
          J.attribute("file", R.Shapes.MainFile.empty() ? R.File : R.Shapes.MainFile);
          J.attributeArray("shapes", [&] {
            for (const ShapeHint &H : R.Shapes.Hints)
              J.object([&] {
                J.attribute("line", H.At.Line);
                J.attribute("column", H.At.Column);
                J.attribute("name", H.Name);
                J.attribute("shape", H.Shape);
                J.attribute("known", H.Known);
                J.attribute("holds", H.FromCalls ? "calls" : "all-callers");
                J.attributeArray("callers", [&] {
                  for (const std::string &C : H.Callers)
                    J.value(C);
                });
                Derivation(H);
              });
          });
          J.attributeArray("layerCalls", [&] {
            for (const LayerCallHint &C : R.Shapes.LayerCalls)
              J.object([&] {
                J.attribute("line", C.At.Line);
                J.attribute("column", C.At.Column);
                J.attribute("receiver", C.Receiver);
                if (C.Layer.empty())
                  J.attribute("layer", nullptr);
                else
                  J.attribute("layer", C.Layer);
                if (C.ConfiguredAt.Line) {
                  J.attribute("configuredLine", C.ConfiguredAt.Line);
                  J.attribute("configuredColumn", C.ConfiguredAt.Column);
                }
                J.attribute("input", C.Input.Shape);
                J.attribute("holds", C.Input.FromCalls ? "calls" : "all-callers");
                J.attributeArray("callers", [&] {
                  for (const std::string &Caller : C.Input.Callers)
                    J.value(Caller);
                });
                Derivation(C.Input);
              });
          });
          J.attributeArray("summaries", [&] {
            for (const SummaryTable &T : R.Shapes.Summaries)
              J.object([&] {
                J.attribute("file", T.CallAt.File);
                J.attribute("line", T.CallAt.Line);
                J.attribute("column", T.CallAt.Column);
                J.attribute("model", T.Rows.front().Path);
                CountAttrs("totalParams", T.Total);
                if (T.Total.Value)
                  J.attribute("paramBytesFloat32", *T.Total.Value * 4);
                else
                  J.attribute("paramBytesFloat32", nullptr);
                J.attributeArray("layers", [&] {
                  for (const SummaryRow &Row : T.Rows)
                    J.object([&] {
                      J.attribute("path", Row.Path);
                      J.attribute("depth", Row.Depth);
                      J.attribute("layer", Row.Layer);
                      J.attribute("called", Row.Called);
                      J.attribute("input", Row.Input);
                      J.attribute("output", Row.Output);
                      CountAttrs("params", Row.Params);
                      if (Row.ConfiguredAt.Line) {
                        J.attribute("configuredLine", Row.ConfiguredAt.Line);
                        J.attribute("configuredColumn", Row.ConfiguredAt.Column);
                      }
                    });
                });
              });
          });
        });
      }
    });
  });
  OS << "\n";
}

} // namespace cli
} // namespace torchshape
