//===- SpatialSupport.cpp - Helpers shared by the layer rules ------------===//
#include "SpatialSupport.h"
#include "RuleSupport.h"

#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <cctype>

namespace torchshape {
namespace rules {


/// The number of spatial dims in an op's name: the digit before the final
/// "d" ("Conv2d", "F::max_pool1d", "at::adaptive_avg_pool3d").
size_t spatialDims(llvm::StringRef Name) {
  for (size_t I = Name.size(); I-- > 1;)
    if (Name[I] == 'd' && std::isdigit(static_cast<unsigned char>(Name[I - 1])))
      return static_cast<size_t>(Name[I - 1] - '0');
  return 0;
}

std::string layerRef(const OpCall &C) {
  return C.SelfSpelling.empty() ? "the layer" : "`" + C.SelfSpelling + "`";
}

std::string opRef(const OpCall &C) { return "`" + C.Op.str() + "`"; }

Value unknownLike(const Value &X) {
  return X.isTensor() ? Value::ofTensor(TensorShape::unknownRank(), X.History)
                      : Value::unknown();
}

const ModuleValue *moduleOf(const Value &V) { return V.isModule() ? V.Module.get() : nullptr; }

/// An option's value: the configured one, or LibTorch's default when the
/// option was never set.  (Set but unknown stays unknown.)
Value option(const ModuleValue *M, const std::string &Name, Value Default) {
  if (!M)
    return Value::unknown();
  const Value *P = M->param(Name);
  return P ? *P : Default;
}

/// An argument of an ATen form, or its default when not passed.
Value argOr(const OpCall &C, size_t I, Value Default) {
  return I < C.Args.size() ? C.Args[I] : Default;
}

/// Per-dim sizes of an option: an int applies to every dim, a list of D
/// gives one each (a list of 1 applies to every dim where LibTorch expands
/// it); anything else is unknown.
Dims perDim(const Value &V, size_t D, bool ExpandSingle) {
  if (V.isInt())
    return Dims(D, V.Int);
  if (V.isIntList()) {
    if (V.Elems.size() == D) {
      Dims R;
      for (const Value &E : V.Elems)
        R.push_back(E.asDim());
      return R;
    }
    if (V.Elems.size() == 1 && ExpandSingle)
      return Dims(D, V.Elems[0].asDim());
  }
  return Dims(D, Dim::unknown());
}

bool allConstant(const Dims &Ds) {
  for (const Dim &D : Ds)
    if (!D.isConstant())
      return false;
  return true;
}

/// "5" when every dim agrees, "(3, 5)" otherwise (PyTorch's repr).
std::string tupleText(const Dims &Ds) {
  bool Same = !Ds.empty();
  for (const Dim &D : Ds)
    Same = Same && D.sameAs(Ds.front()) && !D.isUnknown();
  if (Same)
    return Ds.front().str();
  std::string S = "(";
  for (size_t I = 0; I < Ds.size(); ++I)
    S += (I ? ", " : "") + Ds[I].str();
  return S + ")";
}

/// "[16, 3, 5, 5]".
std::string listOf(const Dims &Ds) {
  std::string S = "[";
  for (size_t I = 0; I < Ds.size(); ++I)
    S += (I ? ", " : "") + Ds[I].str();
  return S + "]";
}

/// "3 x 3", "16x1x1": how ATen prints sizes in its messages.
std::string joined(const Dims &Ds, const char *Sep) {
  std::string S;
  for (size_t I = 0; I < Ds.size(); ++I)
    S += (I ? Sep : "") + Ds[I].str();
  return S;
}

std::string plural(const Dim &N, const std::string &Word) {
  return N.str() + " " + Word + (N.getConstant() == std::optional<int64_t>(1) ? "" : "s");
}

bool isOne(const Dim &D) { return D.getConstant() == std::optional<int64_t>(1); }
bool isZero(const Dim &D) { return D.getConstant() == std::optional<int64_t>(0); }

std::string paren(const std::string &S) {
  return S.find(' ') == std::string::npos ? S : "(" + S + ")";
}

/// Whether every axis of a shape has a constant size (so LibTorch's own
/// message can be quoted with the same numbers).
bool constantShape(const TensorShape &S) {
  if (!S.hasRank())
    return false;
  for (const Axis &A : S.axes())
    if (!A.Size.isConstant())
      return false;
  return true;
}

/// " (LibTorch: ...)" when the quote is known, "" otherwise.
std::string quote(const std::string &Q) { return Q.empty() ? "" : " (LibTorch: " + Q + ")"; }

void report(OpCall &C, const Value &Input, const std::string &Message,
            std::vector<Note> Notes) {
  Finding F;
  F.Check = CheckId::Layer;
  F.Loc = C.Loc;
  F.Message = Message;
  F.Notes = std::move(Notes);
  for (Note &N : C.Sink->historyNotes(Input, "the input"))
    F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
}

/// "`conv1` is configured here as Conv2d(3, 16, kernel_size=5)".
std::vector<Note> configuredNote(const std::string &Who, const std::string &Config,
                                 clang::SourceLocation At) {
  if (!At.isValid() || Config.empty())
    return {};
  return {Note{At, Who + " is configured here as " + Config, {}}};
}

/// A fix-it note that replaces a literal option with the size the input has,
/// when the literal is written where the layer is configured (not a
/// constructor argument passed down from elsewhere, whose change would reach
/// other uses).
void addLiteralFix(const OpCall &C, std::vector<Note> &Notes, const Value &Configured,
                   const Dim &Actual, const std::string &OptionName,
                   clang::SourceLocation ConfiguredAt) {
  auto K = Actual.getConstant();
  if (!K || !Configured.LiteralRange.isValid() || !ConfiguredAt.isValid() || !C.SM)
    return;
  const clang::SourceManager &SM = *C.SM;
  clang::SourceLocation Lit = SM.getFileLoc(Configured.LiteralRange.getBegin());
  clang::SourceLocation At = SM.getFileLoc(ConfiguredAt);
  if (SM.getFileID(Lit) != SM.getFileID(At) || SM.isBeforeInTranslationUnit(Lit, At))
    return;
  unsigned LitLine = SM.getSpellingLineNumber(Lit), AtLine = SM.getSpellingLineNumber(At);
  if (LitLine > AtLine + 2)
    return;
  Notes.push_back(Note{Configured.LiteralRange.getBegin(),
                       "change " + OptionName + " to " + std::to_string(*K) +
                           " if the layer should take this input",
                       {FixIt{clang::CharSourceRange::getTokenRange(Configured.LiteralRange),
                              std::to_string(*K)}}});
}

/// A result tensor: the input's history plus one event.
Value result(const OpCall &C, const Value &X, TensorShape S, const std::string &Event) {
  return Value::ofTensor(std::move(S), addOrigin(X.History, C.Loc, Event));
}

/// The arithmetic of one output size, for notes: "32 - 5 + 1",
/// "(28 + 2×1 - 3) / 2 + 1"; empty when a term is unknown.
std::string windowFormula(const Dim &H, const Dim &K, const Dim &S, const Dim &P, const Dim &Dl,
                          bool Ceil) {
  if (H.isUnknown() || !K.isConstant() || !S.isConstant() || !P.isConstant() ||
      !Dl.isConstant())
    return "";
  std::string Num = paren(H.str());
  if (!isZero(P))
    Num += " + 2×" + P.str();
  if (isOne(Dl))
    Num += " - " + K.str();
  else
    Num += " - " + Dl.str() + "×(" + K.str() + " - 1) - 1";
  if (isOne(S) && !Ceil)
    return Num + " + 1";
  Dim NumV = H + Dim(2) * P - Dl * (K - Dim(1)) - Dim(1);
  bool Negative = NumV.lessThan(Dim(0)) == Tri::True;
  std::string Div = "(" + Num + ") / " + S.str();
  if (Ceil)
    return "ceil(" + Div + ") + 1";
  return (Negative ? "floor(" + Div + ")" : Div) + " + 1";
}

std::string transposedFormula(const Dim &H, const Dim &K, const Dim &S, const Dim &P,
                              const Dim &Dl, const Dim &OutPad) {
  if (H.isUnknown() || !K.isConstant() || !S.isConstant() || !P.isConstant() ||
      !Dl.isConstant() || !OutPad.isConstant())
    return "";
  std::string F = "(" + H.str() + " - 1)";
  if (!isOne(S))
    F += "×" + S.str();
  if (!isZero(P))
    F += " - 2×" + P.str();
  F += isOne(Dl) ? " + (" + K.str() + " - 1)" : " + " + Dl.str() + "×(" + K.str() + " - 1)";
  if (!isZero(OutPad))
    F += " + " + OutPad.str();
  return F + " + 1";
}

/// " (28 = 32 - 5 + 1)" for the distinct formulas of the output sizes.
std::string formulaSuffix(const Dims &Out, const std::vector<std::string> &Formulas) {
  std::vector<std::string> Parts;
  for (size_t I = 0; I < Out.size(); ++I) {
    if (Formulas[I].empty() || Out[I].isUnknown())
      continue;
    std::string P = Out[I].str() + " = " + Formulas[I];
    if (std::find(Parts.begin(), Parts.end(), P) == Parts.end())
      Parts.push_back(P);
  }
  if (Parts.empty())
    return "";
  std::string S;
  for (const std::string &P : Parts)
    S += (S.empty() ? "" : ", ") + P;
  return " (" + S + ")";
}

/// "a 3-d input is one unbatched image [C, H, W]".
std::string unbatchedReading(size_t D) {
  const char *What[] = {"", "sequence [C, L]", "image [C, H, W]", "volume [C, D, H, W]"};
  return "a " + std::to_string(D + 1) + "-d input is one unbatched " +
         (D <= 3 ? What[D] : "sample");
}


/// An OpCall on the input of a layer, for the tensor rules (flatten, dims).
OpCall onInput(const OpCall &C, const Value &X, std::vector<Value> Args) {
  OpCall Sub;
  Sub.Op = C.Op;
  Sub.Call = C.Call;
  Sub.Loc = C.Loc;
  Sub.SM = C.SM;
  Sub.Sink = C.Sink;
  Sub.HasSelf = true;
  Sub.Self = X;
  Sub.Args = std::move(Args);
  return Sub;
}

} // namespace rules
} // namespace torchshape
