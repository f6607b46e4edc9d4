//===- RecurrentRules.cpp - LSTM, GRU, RNN and their cells ---------------===//
//
// LibTorch 1.13's checks, in its order (torch/csrc/api/src/nn/modules/rnn.cpp):
//  - forward reads the batch size as input.size(batch_first ? 0 : 1), so a
//    1-d input without batch_first fails there ("Dimension out of range");
//  - check_input: "input must have 3 dimensions, got N", then
//    "input.size(-1) must be equal to input_size. Expected I, got J";
//  - check_hidden_size: an explicit initial state must be exactly
//    (D × num_layers, batch, H_out): "Expected hidden[0] size 2 4 32, got
//    [4, 2, 32]" (LSTM: hidden[0] = h_0, hidden[1] = c_0 with hidden_size;
//    GRU/RNN: "Expected hidden size ...").
// Cells (rnn.cpp, RNNCellImplBase): check_forward_input reads input.size(1)
// ("input has inconsistent input_size: got J expected I"); an explicit state
// must have the input's batch ("Input batch size 3 doesn't match hidden[0]
// batch size 4") and hidden_size columns ("hidden[0] has inconsistent
// hidden_size: got 21, expected 20").
//
//===----------------------------------------------------------------------===//
#include "RecurrentRules.h"
#include "DimRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace torchshape {
namespace rules {

namespace {

/// The configuration of a recurrent layer as LibTorch's options read:
/// "LSTM(10, 20, num_layers=2, bidirectional=true)".
struct RnnConfig {
  std::string Kind;
  Value InputSize, HiddenSize, NumLayers, ProjSize;
  Tri BatchFirst = Tri::False, Bidirectional = Tri::False;
  std::string Text;
  clang::SourceLocation At;

  Dim directions() const {
    return Bidirectional == Tri::True    ? Dim(2)
           : Bidirectional == Tri::False ? Dim(1)
                                         : Dim::unknown();
  }
  /// The size of h: proj_size when set (LSTM), else hidden_size.
  Dim hOut() const {
    auto P = ProjSize.asConstant();
    if (ProjSize.isInt() && P && *P == 0)
      return HiddenSize.asDim();
    if (ProjSize.isInt() && P && *P > 0)
      return ProjSize.Int;
    return Dim::unknown();
  }
};

RnnConfig readConfig(const OpCall &C, const ModuleValue *M, bool Cell) {
  RnnConfig R;
  R.Kind = C.Op.str();
  R.InputSize = option(M, "input_size", Value::unknown());
  R.HiddenSize = option(M, "hidden_size", Value::unknown());
  R.NumLayers = option(M, "num_layers", Value::ofInt(1));
  R.ProjSize = option(M, "proj_size", Value::ofInt(0));
  R.BatchFirst = option(M, "batch_first", Value::ofBool(Tri::False)).truth();
  R.Bidirectional = option(M, "bidirectional", Value::ofBool(Tri::False)).truth();
  R.At = M ? M->ConfiguredAt : clang::SourceLocation();
  auto Text = [](const Value &V) { return V.isInt() ? V.Int.str() : std::string("?"); };
  auto TriText = [](Tri T) {
    return T == Tri::True ? std::string("true") : T == Tri::False ? "false" : "?";
  };
  R.Text = R.Kind + "(" + Text(R.InputSize) + ", " + Text(R.HiddenSize);
  if (!Cell && M) {
    if (M->param("num_layers"))
      R.Text += ", num_layers=" + Text(R.NumLayers);
    if (M->param("batch_first"))
      R.Text += ", batch_first=" + TriText(R.BatchFirst);
    if (M->param("bidirectional"))
      R.Text += ", bidirectional=" + TriText(R.Bidirectional);
    if (M->param("proj_size"))
      R.Text += ", proj_size=" + Text(R.ProjSize);
  }
  R.Text += ")";
  return R;
}

/// Reports a proven violation at Loc, with the layer's configuration and the
/// history of the offending tensor.
void reportLayer(OpCall &C, clang::SourceLocation Loc, const RnnConfig &Cfg,
                 const std::string &Message, const Value &Tensor, const std::string &Role) {
  Finding F;
  F.Check = CheckId::Layer;
  F.Loc = Loc;
  F.Message = Message;
  if (Cfg.At.isValid())
    F.Notes.push_back(Note{Cfg.At, layerRef(C) + " is configured here as " + Cfg.Text, {}});
  for (Note &N : C.Sink->historyNotes(Tensor, Role))
    F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
}

std::string who(const OpCall &C, const RnnConfig &Cfg) {
  return layerRef(C) + " (" + Cfg.Text + ")";
}

/// Where argument I is written, or the call when it is not.
clang::SourceLocation stateLoc(const OpCall &C, size_t I) {
  return argLocOrCall(C, I);
}

/// Whether argument I (an initial state) was given.
bool stateGiven(const OpCall &C, size_t I) {
  return I < C.Args.size() && !argIsDefaulted(C, I);
}

/// Checks one explicit state tensor of a recurrent layer against its
/// expected shape; true when a violation was reported.
bool checkState(OpCall &C, const RnnConfig &Cfg, const Value &H, const std::vector<Dim> &Expected,
                const std::string &Name, const std::string &Label, clang::SourceLocation Loc) {
  if (!H.isTensor() || !H.Shape.hasRank())
    return false;
  const TensorShape &S = H.Shape;
  bool Differs = S.rank() != Expected.size();
  if (!Differs)
    for (size_t I = 0; I < Expected.size(); ++I)
      if (S.axis(I).Size.equals(Expected[I]) == Tri::False)
        Differs = true;
  if (!Differs)
    return false;
  std::string ExpectedText = "[" + joined(Expected, ", ") + "]";
  std::string Msg = "the initial state " + Name + " given to " + who(C, Cfg) +
                    " must be [num_layers × directions, batch, " +
                    (Name == "c_0" ? std::string("hidden_size") : "hidden size") +
                    "] = " + ExpectedText + " but it is " + S.str();
  if (allConstant(Expected) && constantShape(S))
    Msg += " (LibTorch: Expected " + Label + " size " + joined(Expected, " ") + ", got " +
           S.str() + ")";
  reportLayer(C, Loc, Cfg, Msg, H, "the state");
  return true;
}

/// An input-rank violation of a layer (not a cell); LibTorch's message
/// depends on where the rank is first used.
bool checkInput(OpCall &C, const RnnConfig &Cfg, const Value &X) {
  size_t R = X.Shape.rank();
  std::string Layout = Cfg.BatchFirst == Tri::True    ? "[batch, seq, input_size]"
                       : Cfg.BatchFirst == Tri::False ? "[seq, batch, input_size]"
                                                      : "[seq, batch, input_size] (or batch first)";
  if (R != 3 && R != 0) {
    std::string Quote;
    if (R >= 2 || Cfg.BatchFirst == Tri::True)
      Quote = "input must have 3 dimensions, got " + std::to_string(R);
    else if (Cfg.BatchFirst == Tri::False)
      Quote = "Dimension out of range (expected to be in range of [-1, 0], but got 1)";
    else
      return false; // which of the two errors comes first is not known
    reportLayer(C, C.Loc, Cfg,
                who(C, Cfg) + " needs a 3-d input " + Layout +
                    " (LibTorch's C++ recurrent layers have no unbatched mode) but its input " +
                    X.Shape.str() + " is " + std::to_string(R) + "-d (LibTorch: " + Quote + ")",
                X, "the input");
    return true;
  }
  if (R != 3)
    return false;
  const Axis &Last = X.Shape.axis(2);
  if (Cfg.InputSize.isInt() && Last.Size.equals(Cfg.InputSize.Int) == Tri::False) {
    std::string Msg = who(C, Cfg) + " expects input_size " + Cfg.InputSize.Int.str() +
                      " features in the last dimension but its input " + X.Shape.str() +
                      " has " + describeAxis(C, Last);
    if (Cfg.InputSize.Int.isConstant() && Last.Size.isConstant())
      Msg += " (LibTorch: input.size(-1) must be equal to input_size. Expected " +
             Cfg.InputSize.Int.str() + ", got " + Last.Size.str() + ")";
    reportLayer(C, C.Loc, Cfg, Msg, X, "the input");
    return true;
  }
  return false;
}

} // namespace

Value rnnForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  const Value &X = C.arg(0);
  bool IsLSTM = C.Op == "LSTM";
  auto Unknown = [&] {
    Value U = unknownLike(X);
    return IsLSTM ? Value::ofList({U, Value::ofList({U, U})}) : Value::ofList({U, U});
  };
  if (!M || !X.isTensor() || !X.Shape.hasRank())
    return Unknown();
  RnnConfig Cfg = readConfig(C, M, /*Cell=*/false);
  if (checkInput(C, Cfg, X))
    return Value::unknown();
  if (X.Shape.rank() != 3)
    return Unknown();

  const Axis &A0 = X.Shape.axis(0), &A1 = X.Shape.axis(1);
  Dim D = Cfg.directions();
  Dim Layers = Cfg.NumLayers.asDim();
  Dim Batch = Cfg.BatchFirst == Tri::True    ? A0.Size
              : Cfg.BatchFirst == Tri::False ? A1.Size
                                             : Dim::unknown();
  Dim HOut = IsLSTM ? Cfg.hOut() : Cfg.HiddenSize.asDim();
  Dim Hidden = Cfg.HiddenSize.asDim();
  auto Mul = [](const Dim &A, const Dim &B) {
    return A.isUnknown() || B.isUnknown() ? Dim::unknown() : A * B;
  };
  Dim StateRows = Mul(D, Layers);

  // An explicit initial state.
  if (stateGiven(C, 1)) {
    const Value &HX = C.arg(1);
    clang::SourceLocation Loc = stateLoc(C, 1);
    if (IsLSTM) {
      if (HX.Kind == ValueKind::List && HX.Elems.size() == 2) {
        if (checkState(C, Cfg, HX.Elems[0], {StateRows, Batch, HOut}, "h_0", "hidden[0]", Loc) ||
            checkState(C, Cfg, HX.Elems[1], {StateRows, Batch, Hidden}, "c_0", "hidden[1]", Loc))
          return Value::unknown();
      }
    } else if (checkState(C, Cfg, HX, {StateRows, Batch, Hidden}, "h_0", "hidden", Loc)) {
      return Value::unknown();
    }
  }

  std::vector<Axis> Out = {A0, A1, Axis{Mul(D, HOut), "", "", {}}};
  TensorShape OS = TensorShape::ofAxes(Out);
  Value Output = Value::ofTensor(
      OS, addOrigin(X.History, C.Loc, layerRef(C) + " (" + Cfg.Text + ") maps it to " + OS.str()));
  auto State = [&](const Dim &Size, const std::string &Name) {
    TensorShape S = TensorShape::ofDims({StateRows, Batch, Size});
    return Value::ofTensor(S, addOrigin(nullptr, C.Loc,
                                        layerRef(C) + " (" + Cfg.Text + ") returns its " + Name +
                                            " of shape " + S.str()));
  };
  if (IsLSTM)
    return Value::ofList({Output, Value::ofList({State(HOut, "h_n"), State(Hidden, "c_n")})});
  return Value::ofList({Output, State(Hidden, "h_n")});
}

Value rnnCellForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  const Value &X = C.arg(0);
  bool IsLSTM = C.Op == "LSTMCell";
  auto Unknown = [&] {
    Value U = unknownLike(X);
    return IsLSTM ? Value::ofList({U, U}) : U;
  };
  if (!M || !X.isTensor() || !X.Shape.hasRank())
    return Unknown();
  RnnConfig Cfg = readConfig(C, M, /*Cell=*/true);
  size_t R = X.Shape.rank();
  if (R == 1) {
    reportLayer(C, C.Loc, Cfg,
                who(C, Cfg) + " needs a 2-d input [batch, input_size] but its input " +
                    X.Shape.str() +
                    " is 1-d (LibTorch: Dimension out of range (expected to be in range of "
                    "[-1, 0], but got 1))",
                X, "the input");
    return Value::unknown();
  }
  if (R == 0)
    return Unknown();
  const Axis &F = X.Shape.axis(1);
  if (Cfg.InputSize.isInt() && F.Size.equals(Cfg.InputSize.Int) == Tri::False) {
    std::string Msg = who(C, Cfg);
    if (R == 2)
      Msg += " expects input_size " + Cfg.InputSize.Int.str() +
             " features in dimension 1 but its input " + X.Shape.str() + " has " +
             describeAxis(C, F);
    else
      Msg += " needs a 2-d input [batch, input_size] but its input " + X.Shape.str() + " is " +
             std::to_string(R) + "-d, and its dimension 1 (" + F.Size.str() +
             ") is not input_size " + Cfg.InputSize.Int.str();
    if (Cfg.InputSize.Int.isConstant() && F.Size.isConstant())
      Msg += " (LibTorch: input has inconsistent input_size: got " + F.Size.str() +
             " expected " + Cfg.InputSize.Int.str() + ")";
    reportLayer(C, C.Loc, Cfg, Msg, X, "the input");
    return Value::unknown();
  }
  if (R != 2)
    return Unknown();
  Dim Batch = X.Shape.axis(0).Size;
  Dim Hidden = Cfg.HiddenSize.asDim();

  // An explicit state: each tensor [batch, hidden_size].
  auto CheckHidden = [&](const Value &H, const std::string &Label) {
    if (!H.isTensor() || !H.Shape.hasRank() || H.Shape.rank() != 2)
      return false;
    const Axis &HB = H.Shape.axis(0), &HS = H.Shape.axis(1);
    std::string Name = Label.empty() ? "the state" : "the state hidden" + Label;
    clang::SourceLocation Loc = stateLoc(C, 1);
    if (HB.Size.equals(Batch) == Tri::False) {
      std::string Msg = Name + " given to " + who(C, Cfg) + " has batch size " + HB.Size.str() +
                        " but its input " + X.Shape.str() + " has batch size " + Batch.str();
      if (HB.Size.isConstant() && Batch.isConstant())
        Msg += " (LibTorch: Input batch size " + Batch.str() + " doesn't match hidden" + Label +
               " batch size " + HB.Size.str() + ")";
      reportLayer(C, Loc, Cfg, Msg, H, "the state");
      return true;
    }
    if (!Hidden.isUnknown() && HS.Size.equals(Hidden) == Tri::False) {
      std::string Msg = Name + " given to " + who(C, Cfg) + " must have hidden_size " +
                        Hidden.str() + " columns but it is " + H.Shape.str();
      if (HS.Size.isConstant() && Hidden.isConstant())
        Msg += " (LibTorch: hidden" + Label + " has inconsistent hidden_size: got " +
               HS.Size.str() + ", expected " + Hidden.str() + ")";
      reportLayer(C, Loc, Cfg, Msg, H, "the state");
      return true;
    }
    return false;
  };
  if (stateGiven(C, 1)) {
    const Value &HX = C.arg(1);
    if (IsLSTM) {
      if (HX.Kind == ValueKind::List && HX.Elems.size() == 2 &&
          (CheckHidden(HX.Elems[0], "[0]") || CheckHidden(HX.Elems[1], "[1]")))
        return Value::unknown();
    } else if (CheckHidden(HX, "")) {
      return Value::unknown();
    }
  }
  TensorShape S = TensorShape::ofDims({Batch, Hidden});
  Value H = Value::ofTensor(
      S, addOrigin(X.History, C.Loc, layerRef(C) + " (" + Cfg.Text + ") maps it to " + S.str()));
  return IsLSTM ? Value::ofList({H, H}) : H;
}

Value makeTuple(OpCall &C) {
  std::vector<Value> Elems;
  if (C.HasSelf)
    Elems.push_back(C.Self);
  for (const Value &A : C.Args)
    Elems.push_back(A);
  return Value::ofList(std::move(Elems));
}

} // namespace rules
} // namespace torchshape
