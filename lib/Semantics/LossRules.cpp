//===- LossRules.cpp - Loss functions: module, F:: and ATen forms --------===//
//
// The checks follow LibTorch 1.13 in its order:
//  - F::nll_loss / NLLLoss (torch/nn/functional/loss.h): "Expected 2 or more
//    dimensions (got N)", then "Expected input batch_size (A) to match target
//    batch_size (B).", then ATen's nll_loss_nd;
//  - nll_loss_nd (cross_entropy's class-index path too): the batch check
//    again; a 1-d/2-d input goes to nll_loss ("0D or 1D target tensor
//    expected, multi-target not supported"), a 4-d one to nll_loss2d ("only
//    batches of spatial targets supported (3D tensors) but got targets of
//    dimension: N"), others need target [N, d...] ("Expected target size
//    [4, 7], got [4, 8]");
//  - cross_entropy: a target of exactly the input's shape holds class
//    probabilities (no shape requirement beyond that);
//  - mse_loss / l1_loss broadcast input with target (infer_size's message);
//  - F::binary_cross_entropy and F::binary_cross_entropy_with_logits require
//    the same sizes.
// A 0-d target with a batched input is not judged: LibTorch reads past the
// end of its sizes there.
//
//===----------------------------------------------------------------------===//
#include "LossRules.h"
#include "BroadcastRules.h"
#include "DimRules.h"
#include "RuleSupport.h"

namespace torchshape {
namespace rules {

namespace {

enum class LossKind { CrossEntropy, Nll, Mse, L1, Bce, BceWithLogits, Other };
enum class Reduction { Mean, None, Unknown };

LossKind kindOf(llvm::StringRef Op) {
  std::string L = Op.lower();
  if (llvm::StringRef(L).contains("with_logits") || llvm::StringRef(L).contains("bcewithlogits"))
    return LossKind::BceWithLogits;
  if (llvm::StringRef(L).contains("binary_cross_entropy") || llvm::StringRef(L).contains("bceloss"))
    return LossKind::Bce;
  if (llvm::StringRef(L).contains("cross_entropy") || llvm::StringRef(L).contains("crossentropy"))
    return LossKind::CrossEntropy;
  if (llvm::StringRef(L).contains("nll"))
    return LossKind::Nll;
  if (llvm::StringRef(L).contains("mse"))
    return LossKind::Mse;
  if (llvm::StringRef(L).contains("l1"))
    return LossKind::L1;
  return LossKind::Other;
}

bool constantShape(const TensorShape &S) {
  if (!S.hasRank())
    return false;
  for (const Axis &A : S.axes())
    if (!A.Size.isConstant())
      return false;
  return true;
}

bool known(const Value &V) { return V.isTensor() && V.Shape.hasRank(); }

/// Whether two shapes have the same sizes: proven, disproven or unknown.
Tri sameSizes(const TensorShape &A, const TensorShape &B) {
  if (A.rank() != B.rank())
    return Tri::False;
  Tri R = Tri::True;
  for (size_t I = 0; I < A.rank(); ++I) {
    Tri E = A.axis(I).Size.equals(B.axis(I).Size);
    if (E == Tri::False)
      return Tri::False;
    if (E == Tri::Unknown)
      R = Tri::Unknown;
  }
  return R;
}

/// One call of a loss, whatever its form.
struct LossCall {
  OpCall *C = nullptr;
  LossKind Kind = LossKind::Other;
  std::string Who; // "`loss` (CrossEntropyLoss)", "`F::nll_loss`"
  Value Input, Target;
  Reduction Red = Reduction::Mean;

  void report(const std::string &Msg) const {
    Finding F;
    F.Check = CheckId::Layer;
    F.Loc = C->Loc;
    F.Message = Msg;
    for (Note &N : C->Sink->historyNotes(Input, "the input"))
      F.Notes.push_back(std::move(N));
    for (Note &N : C->Sink->historyNotes(Target, "the target"))
      F.Notes.push_back(std::move(N));
    C->Sink->report(std::move(F));
  }
  std::string in() const { return "its input " + Input.Shape.str(); }
  std::string tg() const { return "its target " + Target.Shape.str(); }
};

std::string quote(bool Known, const std::string &Q) {
  return Known ? " (LibTorch: " + Q + ")" : "";
}

/// The reduced result: 0-d for mean/sum; for none, Unreduced; unknown
/// otherwise.
Value lossResult(const LossCall &L, const std::optional<TensorShape> &Unreduced) {
  OriginRef H = L.Input.isTensor() ? L.Input.History : nullptr;
  if (L.Red == Reduction::Mean)
    return Value::ofTensor(TensorShape::ofDims({}),
                           addOrigin(H, L.C->Loc, L.Who + " reduces it to a 0-d loss"));
  if (L.Red == Reduction::None && Unreduced)
    return Value::ofTensor(*Unreduced, H);
  return Value::ofTensor(TensorShape::unknownRank(), H);
}

/// The batch check of F::nll_loss and nll_loss_nd; true when reported.
bool checkBatch(const LossCall &L) {
  const TensorShape &I = L.Input.Shape, &T = L.Target.Shape;
  if (I.rank() < 2 || T.rank() < 1)
    return false;
  const Axis &IB = I.axis(0), &TB = T.axis(0);
  if (IB.Size.equals(TB.Size) != Tri::False)
    return false;
  L.report(L.Who + " needs one target per input row: " + L.in() + " has batch size " +
           describeAxis(*L.C, IB) + " but " + L.tg() + " has " + describeAxis(*L.C, TB) +
           quote(IB.Size.isConstant() && TB.Size.isConstant(),
                 "Expected input batch_size (" + IB.Size.str() + ") to match target batch_size (" +
                     TB.Size.str() + ")."));
  return true;
}

/// ATen's nll_loss_nd on class indices; true when a violation was reported.
bool checkNllNd(const LossCall &L) {
  const TensorShape &I = L.Input.Shape, &T = L.Target.Shape;
  size_t R = I.rank(), TR = T.rank();
  if (R < 2 || TR == 0)
    return false;
  if (checkBatch(L))
    return true;
  if (R == 2) {
    if (TR >= 2) {
      L.report(L.Who + " takes class indices as a 1-d target [N] for a 2-d input [N, C], but " +
               L.tg() + " is " + std::to_string(TR) + "-d" +
               (TR == 2 && T.axis(1).Size.equals(Dim(1)) == Tri::True
                    ? " (squeeze its dimension 1)"
                    : "") +
               " (LibTorch: 0D or 1D target tensor expected, multi-target not supported)");
      return true;
    }
    return false;
  }
  if (R == 4) {
    if (TR != 3) {
      L.report(L.Who + " of a 4-d input [N, C, H, W] needs a 3-d target [N, H, W] of class "
                       "indices, but " +
               L.tg() + " is " + std::to_string(TR) +
               "-d (LibTorch: only batches of spatial targets supported (3D tensors) but got "
               "targets of dimension: " +
               std::to_string(TR) + ")");
      return true;
    }
    bool Differs = I.axis(2).Size.equals(T.axis(1).Size) == Tri::False ||
                   I.axis(3).Size.equals(T.axis(2).Size) == Tri::False;
    if (!Differs)
      return false;
    std::vector<Dim> Want = {I.axis(0).Size, I.axis(2).Size, I.axis(3).Size};
    L.report(L.Who + " of " + L.in() + " needs a target " + TensorShape::ofDims(Want).str() +
             " (the input's shape without the class dimension 1) but " + L.tg() + " differs" +
             quote(constantShape(I) && constantShape(T),
                   "size mismatch (got input: " + I.str() + " , target: " + T.str()));
    return true;
  }
  // 3-d or more than 4-d: target [N, d...] for input [N, C, d...].
  std::vector<Dim> Want = {I.axis(0).Size};
  for (size_t K = 2; K < R; ++K)
    Want.push_back(I.axis(K).Size);
  bool Differs = TR != R - 1;
  for (size_t K = 1; !Differs && K < TR; ++K)
    Differs = T.axis(K).Size.equals(I.axis(K + 1).Size) == Tri::False;
  if (!Differs)
    return false;
  TensorShape WantS = TensorShape::ofDims(Want);
  L.report(L.Who + " of " + L.in() + " needs a target " + WantS.str() +
           " (the input's shape without the class dimension 1) but " + L.tg() + " differs" +
           quote(constantShape(WantS) && constantShape(T),
                 "Expected target size " + WantS.str() + ", got " + T.str()));
  return true;
}

/// Class-index targets must be Long: a floating-point target of the right
/// shape is reported (true).
bool checkClassIndexDtype(const LossCall &L) {
  if (!isFloatingDtype(L.Target.DType))
    return false;
  L.report(L.Who + " needs class indices of type Long as " + L.tg() + ", but it has type " +
           L.Target.DType + " (LibTorch: expected scalar type Long but found " + L.Target.DType +
           ")");
  return true;
}

/// The target shape of nll_loss_nd with reduction none: the target's.
std::optional<TensorShape> targetShape(const LossCall &L) {
  return known(L.Target) ? std::optional<TensorShape>(L.Target.Shape) : std::nullopt;
}

Value crossEntropy(LossCall &L) {
  if (!known(L.Input) || !known(L.Target))
    return lossResult(L, std::nullopt);
  Tri Prob = sameSizes(L.Input.Shape, L.Target.Shape);
  if (Prob == Tri::True) {
    // Class probabilities: the unreduced loss drops the class dim.
    std::vector<Axis> Axes = L.Input.Shape.axes();
    if (!Axes.empty())
      Axes.erase(Axes.begin() + (Axes.size() == 1 ? 0 : 1));
    return lossResult(L, TensorShape::ofAxes(Axes));
  }
  if (Prob == Tri::Unknown)
    return lossResult(L, std::nullopt);
  if (checkNllNd(L) || checkClassIndexDtype(L))
    return Value::unknown();
  return lossResult(L, targetShape(L));
}

/// F::nll_loss and NLLLoss: the C++ frontend's own checks, then nll_loss_nd.
Value nllFrontend(LossCall &L) {
  if (!known(L.Input))
    return lossResult(L, std::nullopt);
  size_t R = L.Input.Shape.rank();
  if (R < 2) {
    L.report(L.Who + " needs an input [N, C, ...] with at least 2 dimensions but " + L.in() +
             " is " + std::to_string(R) + "-d (LibTorch: Expected 2 or more dimensions (got " +
             std::to_string(R) + "))");
    return Value::unknown();
  }
  if (!known(L.Target))
    return lossResult(L, std::nullopt);
  if (checkNllNd(L) || checkClassIndexDtype(L))
    return Value::unknown();
  return lossResult(L, targetShape(L));
}

Value pointwise(LossCall &L) {
  if (!known(L.Input) || !known(L.Target))
    return lossResult(L, std::nullopt);
  BroadcastConflict Conf;
  bool Exact = true;
  auto Axes = broadcastAxes(L.Input.Shape.axes(), L.Target.Shape.axes(), Conf, Exact);
  if (!Axes) {
    L.report(L.Who + " cannot broadcast " + L.in() + " with " + L.tg() +
             ": aligned from the right, dimension " + std::to_string(Conf.OutDim) + " has size " +
             describeAxis(*L.C, Conf.A) + " in the input and " + describeAxis(*L.C, Conf.B) +
             " in the target, and neither is 1" +
             quote(Exact, "The size of tensor a (" + Conf.A.Size.str() +
                              ") must match the size of tensor b (" + Conf.B.Size.str() +
                              ") at non-singleton dimension " + std::to_string(Conf.OutDim)));
    return Value::unknown();
  }
  return lossResult(L, TensorShape::ofAxes(*Axes));
}

Value sameShapeLoss(LossCall &L) {
  if (!known(L.Input) || !known(L.Target))
    return lossResult(L, std::nullopt);
  const TensorShape &I = L.Input.Shape, &T = L.Target.Shape;
  if (sameSizes(I, T) != Tri::False)
    return lossResult(L, I);
  bool Q = constantShape(I) && constantShape(T);
  std::string Lib =
      L.Kind == LossKind::Bce
          ? "Using a target size (" + T.str() + ") that is different to the input size (" +
                I.str() + ") is deprecated. Please ensure they have the same size."
          : "Target size (" + T.str() + ") must be the same as input size (" + I.str() + ")";
  L.report(L.Who + " needs a target of its input's shape " + I.str() + " but " + L.tg() +
           " differs (it does not broadcast)" + quote(Q, Lib));
  return Value::unknown();
}

Value run(LossCall &L) {
  switch (L.Kind) {
  case LossKind::CrossEntropy:
    return crossEntropy(L);
  case LossKind::Nll:
    return nllFrontend(L);
  case LossKind::Mse:
  case LossKind::L1:
    return pointwise(L);
  case LossKind::Bce:
  case LossKind::BceWithLogits:
    return sameShapeLoss(L);
  case LossKind::Other:
    break;
  }
  return lossResult(L, std::nullopt);
}

/// The reduction of an options object: mean unless it was set.
Reduction reductionOf(const ModuleValue &M) {
  return M.param("reduction") ? Reduction::Unknown : Reduction::Mean;
}

/// The reduction of an ATen form: an at::Reduction int (0 none, 1 mean,
/// 2 sum), mean when not passed.
Reduction atReduction(const OpCall &C, size_t I) {
  if (I >= C.Args.size())
    return Reduction::Mean;
  auto K = C.arg(I).asConstant();
  if (!K)
    return Reduction::Unknown;
  return *K == 0 ? Reduction::None : (*K == 1 || *K == 2) ? Reduction::Mean : Reduction::Unknown;
}

LossCall atCall(OpCall &C, LossKind K, size_t ReductionArg) {
  LossCall L;
  L.C = &C;
  L.Kind = K;
  L.Who = "`" + C.Op.str() + "`";
  L.Input = C.Self;
  L.Target = C.arg(0);
  L.Red = atReduction(C, ReductionArg);
  return L;
}

} // namespace

Value lossForward(OpCall &C) {
  LossCall L;
  L.C = &C;
  L.Kind = kindOf(C.Op);
  L.Who = (C.SelfSpelling.empty() ? "the " + C.Op.str() : "`" + C.SelfSpelling + "`") + " (" +
          C.Op.str() + ")";
  L.Input = C.arg(0);
  L.Target = C.arg(1);
  L.Red = C.Self.isModule() ? reductionOf(*C.Self.Module) : Reduction::Unknown;
  return run(L);
}

Value lossFunctional(OpCall &C) {
  LossCall L;
  L.C = &C;
  L.Kind = kindOf(C.Op);
  L.Who = "`" + C.Op.str() + "`";
  L.Input = C.Self;
  L.Target = C.arg(0);
  if (C.Args.size() < 2 || argIsDefaulted(C, 1))
    L.Red = Reduction::Mean;
  else if (C.arg(1).isModule())
    L.Red = reductionOf(*C.arg(1).Module);
  else
    L.Red = Reduction::Unknown;
  return run(L);
}

Value atNllLoss(OpCall &C) {
  // at::nll_loss(self, target, weight, reduction, ignore_index)
  LossCall L = atCall(C, LossKind::Nll, 2);
  if (!known(L.Input) || !known(L.Target))
    return lossResult(L, std::nullopt);
  const TensorShape &I = L.Input.Shape, &T = L.Target.Shape;
  size_t R = I.rank(), TR = T.rank();
  if (R == 0 || R > 2) {
    L.report(L.Who + " needs a 1-d or 2-d input [N, C] but " + L.in() + " is " +
             std::to_string(R) + "-d (LibTorch: input tensor should be 1D or 2D)");
    return Value::unknown();
  }
  if (TR > 1) {
    L.report(L.Who + " takes class indices as a 0-d or 1-d target but " + L.tg() + " is " +
             std::to_string(TR) +
             "-d (LibTorch: 0D or 1D target tensor expected, multi-target not supported)");
    return Value::unknown();
  }
  bool NoBatch = R == 1 && TR == 0;
  if (!NoBatch && TR == 1 && I.axis(0).Size.equals(T.axis(0).Size) == Tri::False) {
    L.report(L.Who + " needs one target per input row: " + L.in() + " has " +
             describeAxis(C, I.axis(0)) + " rows but " + L.tg() + " has " +
             describeAxis(C, T.axis(0)) +
             quote(constantShape(I) && constantShape(T),
                   "size mismatch (got input: " + I.str() + ", target: " + T.str() + ")"));
    return Value::unknown();
  }
  return lossResult(L, targetShape(L));
}

Value atNllLossNd(OpCall &C) {
  // at::nll_loss_nd(self, target, weight, reduction, ignore_index)
  LossCall L = atCall(C, LossKind::Nll, 2);
  if (!known(L.Input) || !known(L.Target))
    return lossResult(L, std::nullopt);
  if (checkNllNd(L))
    return Value::unknown();
  return lossResult(L, targetShape(L));
}

Value atCrossEntropyLoss(OpCall &C) {
  // at::cross_entropy_loss(self, target, weight, reduction, ignore_index, label_smoothing)
  LossCall L = atCall(C, LossKind::CrossEntropy, 2);
  return crossEntropy(L);
}

Value atPointwiseLoss(OpCall &C) {
  // at::mse_loss / at::l1_loss(self, target, reduction)
  LossCall L = atCall(C, kindOf(C.Op), 1);
  return pointwise(L);
}

} // namespace rules
} // namespace torchshape
