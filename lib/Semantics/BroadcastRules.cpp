//===- BroadcastRules.cpp - Elementwise ops and LibTorch's broadcasting --===//
//
// LibTorch 1.13 broadcasts elementwise operands with TensorIterator's
// compute_shape: starting from the first input, each next input is combined
// with infer_size, which walks the axes from the right and throws
//   The size of tensor a (A) must match the size of tensor b (B) at
//   non-singleton dimension D
// for the first (rightmost) axis where A != B and neither is 1.  In-place
// ops then compare the broadcast shape with self's:
//   output with shape [S] doesn't match the broadcast shape [R]
//
// A conflict is reported only when both sizes are proven different from 1
// and from each other for every value of the symbols.
//
//===----------------------------------------------------------------------===//
#include "BroadcastRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace torchshape {
namespace rules {

// --- Shared helpers ---------------------------------------------------------

std::string axesText(const std::vector<Axis> &Axes) {
  std::string S = "[";
  for (size_t I = 0; I < Axes.size(); ++I)
    S += (I ? ", " : "") + Axes[I].Size.str();
  return S + "]";
}

static bool isTensorRecord(clang::QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string N = RD->getQualifiedNameAsString();
  return N == "at::Tensor" || N == "at::TensorBase";
}

bool argIsTensor(const OpCall &C, size_t I) {
  if (C.arg(I).isTensor())
    return true;
  if (I < C.ArgExprs.size() && C.ArgExprs[I])
    return isTensorRecord(C.ArgExprs[I]->getType());
  return false;
}

std::string argSpelling(const OpCall &C, size_t I) {
  if (I >= C.ArgExprs.size() || !C.ArgExprs[I])
    return "";
  const clang::Expr *E = C.ArgExprs[I]->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    if (CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor())
      E = CE->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return D->getDecl()->getNameAsString();
  if (const auto *M = llvm::dyn_cast<clang::MemberExpr>(E))
    if (llvm::isa<clang::CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
      return M->getMemberDecl()->getNameAsString();
  return "";
}

clang::SourceLocation opLoc(const OpCall &C) {
  if (const auto *Op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(C.Call))
    if (Op->getOperatorLoc().isValid())
      return Op->getOperatorLoc();
  return C.Loc;
}

namespace {

Tri isOne(const Dim &D) { return D.equals(Dim(1)); }

enum class Pick { A, B, Unknown, Conflict };

/// Which size one broadcast axis takes.  Proven is cleared when the axes
/// were not proven compatible.
Pick broadcastAxis(const Axis &A, const Axis &B, bool &Proven) {
  Tri A1 = isOne(A.Size), B1 = isOne(B.Size);
  Proven = true;
  if (A1 == Tri::True)
    return Pick::B;
  if (B1 == Tri::True)
    return Pick::A;
  Tri Eq = A.Size.equals(B.Size);
  if (Eq == Tri::True)
    return Pick::A;
  if (A1 == Tri::False && B1 == Tri::False && Eq == Tri::False)
    return Pick::Conflict;
  Proven = false;
  // The program goes on only when both are equal or one is 1: a size proven
  // not 1 is then the result.
  if (A1 == Tri::False)
    return Pick::A;
  if (B1 == Tri::False)
    return Pick::B;
  return Pick::Unknown;
}

/// One step of the fold, keeping for each axis of the result the operand it
/// came from (for messages).
bool broadcastStep(const std::vector<Axis> &A, const std::vector<int> &SrcA,
                   const std::vector<Axis> &B, int SrcB, std::vector<Axis> &Out,
                   std::vector<int> &OutSrc, BroadcastConflict &Conf, int &ConfSrcA,
                   bool &Exact) {
  size_t N = std::max(A.size(), B.size());
  Out.assign(N, Axis{});
  OutSrc.assign(N, -1);
  bool AllProven = true;
  for (size_t K = 0; K < N; ++K) { // K counts from the right
    size_t I = N - 1 - K;
    bool HasA = K < A.size(), HasB = K < B.size();
    if (!HasA || !HasB) {
      Out[I] = HasA ? A[A.size() - 1 - K] : B[B.size() - 1 - K];
      OutSrc[I] = HasA ? SrcA[A.size() - 1 - K] : SrcB;
      continue;
    }
    const Axis &X = A[A.size() - 1 - K];
    const Axis &Y = B[B.size() - 1 - K];
    int XSrc = SrcA[A.size() - 1 - K];
    bool Proven = true;
    switch (broadcastAxis(X, Y, Proven)) {
    case Pick::Conflict:
      Conf = BroadcastConflict{I, X, Y};
      ConfSrcA = XSrc;
      Exact = AllProven;
      return false;
    case Pick::A:
      Out[I] = X;
      OutSrc[I] = XSrc;
      break;
    case Pick::B:
      Out[I] = Y;
      OutSrc[I] = SrcB;
      break;
    case Pick::Unknown:
      Out[I] = Axis{Dim::unknown(), "", "", {}};
      OutSrc[I] = XSrc;
      break;
    }
    AllProven = AllProven && Proven;
  }
  Exact = AllProven;
  return true;
}

/// One tensor operand of an elementwise op.
struct Operand {
  Value V;
  std::string Name; // "x", or empty
  std::string Role; // "the mask", "the right operand"
  bool known() const { return V.isTensor() && V.Shape.hasRank(); }
  std::string ref() const { return Name.empty() ? Role : "`" + Name + "`"; }
  std::string desc() const {
    return ref() + " of shape " + (V.isTensor() ? V.Shape.str() : std::string("[*]"));
  }
};

Operand selfOperand(const OpCall &C, const std::string &Role) {
  return Operand{C.Self, C.SelfSpelling, Role};
}

/// Argument I as an operand, or nullopt when it is a scalar.
std::optional<Operand> argOperand(const OpCall &C, size_t I, const std::string &Role) {
  if (I >= C.Args.size() || !argIsTensor(C, I))
    return std::nullopt;
  return Operand{C.arg(I), argSpelling(C, I), Role};
}


std::string sizeIn(const OpCall &C, const Axis &A, const std::string &Who) {
  return describeAxis(C, A) + " in " + Who;
}

/// Folds the operands in LibTorch's order.  Reports the first proven
/// conflict and returns nullopt; otherwise the broadcast shape (an unknown
/// rank when an operand's rank is unknown).
std::optional<TensorShape> broadcastAll(OpCall &C, const std::vector<Operand> &Ops) {
  std::vector<Axis> Acc;
  std::vector<int> Src;
  // AccExact: the shapes folded so far are LibTorch's (every operand before
  // was followed and every axis proven compatible).
  bool Started = false, AllKnown = true, AccExact = true;
  for (size_t J = 0; J < Ops.size(); ++J) {
    if (!Ops[J].known()) {
      AllKnown = false;
      AccExact = false;
      continue;
    }
    const auto &Axes = Ops[J].V.Shape.axes();
    if (!Started) {
      Acc = Axes;
      Src.assign(Axes.size(), static_cast<int>(J));
      Started = true;
      continue;
    }
    std::vector<Axis> Out;
    std::vector<int> OutSrc;
    BroadcastConflict Conf;
    int ConfSrc = 0;
    bool Exact = true;
    if (!broadcastStep(Acc, Src, Axes, static_cast<int>(J), Out, OutSrc, Conf, ConfSrc,
                       Exact)) {
      const Operand &P = Ops[ConfSrc], &Q = Ops[J];
      std::string Msg;
      if (Ops.size() == 2)
        Msg = opRef(C) + " cannot broadcast " + P.desc() + " with " + Q.desc();
      else
        Msg = "the operands of " + opRef(C) + " cannot broadcast: " + P.desc() + " and " +
              Q.desc();
      Msg += ": aligned from the right, dimension " + std::to_string(Conf.OutDim) +
             " has size " + sizeIn(C, Conf.A, P.ref()) + " and " + sizeIn(C, Conf.B, Q.ref()) +
             ", and neither is 1";
      // LibTorch names the shapes broadcast so far "a": quote it only when
      // its numbers are the ones computed here.
      if (Exact && AccExact)
        Msg += " (LibTorch: The size of tensor a (" + Conf.A.Size.str() +
               ") must match the size of tensor b (" + Conf.B.Size.str() +
               ") at non-singleton dimension " + std::to_string(Conf.OutDim) + ")";
      Finding F{CheckId::Broadcast, opLoc(C), Msg, {}, {}};
      for (const Operand *O : {&P, &Q})
        for (Note &N : C.Sink->historyNotes(O->V, O->Role))
          F.Notes.push_back(std::move(N));
      C.Sink->report(std::move(F));
      return std::nullopt;
    }
    AccExact = AccExact && Exact;
    Acc = std::move(Out);
    Src = std::move(OutSrc);
  }
  if (!AllKnown || !Started)
    return TensorShape::unknownRank();
  return TensorShape::ofAxes(Acc);
}

/// The result value: the history of the operand the shape follows, plus an
/// event when broadcasting changed it.
Value broadcastResult(const OpCall &C, const std::vector<Operand> &Ops, const TensorShape &S) {
  const Operand *Base = nullptr;
  for (const Operand &O : Ops)
    if (O.V.isTensor() && (!Base || (O.known() && (!Base->known() ||
                                                     O.V.Shape.rank() > Base->V.Shape.rank()))))
      Base = &O;
  OriginRef H = Base ? Base->V.History : nullptr;
  if (S.hasRank() && Base && Base->known() && !Base->V.Shape.sameAs(S)) {
    std::string Shapes;
    for (const Operand &O : Ops)
      Shapes += (Shapes.empty() ? "" : " and ") + (O.V.isTensor() ? O.V.Shape.str() : "[*]");
    H = addOrigin(H, opLoc(C), opRef(C) + " broadcasts " + Shapes + " to " + S.str());
  }
  Value R = Value::ofTensor(S, H);
  return R;
}

/// Elementwise result of the given operands (scalars already left out).
Value elementwise(OpCall &C, const std::vector<Operand> &Ops) {
  if (Ops.empty())
    return Value::unknown();
  auto S = broadcastAll(C, Ops);
  if (!S)
    return Value::unknown();
  return broadcastResult(C, Ops, *S);
}

/// The in-place check: inputs broadcast as usual (Self first), then the
/// broadcast shape must be Self's.  False when a violation was reported.
bool inPlaceFits(OpCall &C, const std::vector<Operand> &Ops) {
  auto S = broadcastAll(C, Ops);
  if (!S)
    return false;
  const Operand &Self = Ops.front();
  if (!Self.known() || !S->hasRank())
    return true;
  const auto &SA = Self.V.Shape.axes();
  const auto &RA = S->axes();
  std::string Why;
  if (RA.size() > SA.size()) {
    Why = "which has " + std::to_string(RA.size()) + " dimensions where " + Self.ref() +
          " has " + std::to_string(SA.size());
  } else {
    for (size_t K = 0; K < SA.size() && Why.empty(); ++K) {
      const Axis &R = RA[RA.size() - 1 - K];
      const Axis &X = SA[SA.size() - 1 - K];
      if (R.Size.equals(X.Size) == Tri::False)
        Why = "whose dimension " + std::to_string(SA.size() - 1 - K) + " is " +
              describeAxis(C, R) + " where " + Self.ref() + "'s is " + describeAxis(C, X);
    }
  }
  if (Why.empty())
    return true;
  std::string Others;
  for (size_t I = 1; I < Ops.size(); ++I)
    Others += (I > 1 ? " and " : "") + Ops[I].desc();
  bool Quote = true;
  for (const Axis &A : RA)
    Quote = Quote && !A.Size.isUnknown();
  std::string Msg = "in-place " + opRef(C) + " cannot keep the shape of " + Self.desc() +
                    ", as in-place ops must: with " + Others + " it broadcasts to " +
                    S->str() + ", " + Why;
  if (Quote)
    Msg += " (LibTorch: output with shape " + Self.V.Shape.str() +
           " doesn't match the broadcast shape " + S->str() + ")";
  Finding F{CheckId::Broadcast, opLoc(C), Msg, {}, {}};
  for (const Operand &O : Ops)
    for (Note &N : C.Sink->historyNotes(O.V, O.Role))
      F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
  return false;
}

/// The two operands of a binary op: Self and Args[0], or (scalar-first free
/// forms) Args[0] and Args[1].  Scalars are left out.
std::vector<Operand> binaryOperands(const OpCall &C) {
  std::vector<Operand> Ops;
  if (C.HasSelf) {
    Ops.push_back(selfOperand(C, "the left operand"));
    if (auto O = argOperand(C, 0, "the right operand"))
      Ops.push_back(*O);
  } else {
    if (auto O = argOperand(C, 0, "the left operand"))
      Ops.push_back(*O);
    if (auto O = argOperand(C, 1, "the right operand"))
      Ops.push_back(*O);
  }
  return Ops;
}

/// masked_fill's value must be a scalar or a 0-d tensor.
bool checkFillValue(OpCall &C, size_t I) {
  const Value &V = C.arg(I);
  if (!V.isTensor() || !V.Shape.hasRank() || V.Shape.rank() == 0)
    return true;
  std::string Name = argSpelling(C, I);
  Finding F{CheckId::Broadcast, C.argLoc(I),
            "the fill value " + (Name.empty() ? std::string("tensor") : "`" + Name + "`") +
                " of " + opRef(C) + " has shape " + V.Shape.str() +
                "; it must be a scalar or a 0-dimensional tensor (LibTorch: masked_fill_ only "
                "supports a 0-dimensional value tensor, but got tensor with " +
                std::to_string(V.Shape.rank()) + " dimension(s).)",
            C.Sink->historyNotes(V, "the value"),
            {}};
  C.Sink->report(std::move(F));
  return false;
}

} // namespace

std::optional<std::vector<Axis>> broadcastAxes(const std::vector<Axis> &A,
                                               const std::vector<Axis> &B,
                                               BroadcastConflict &Conflict, bool &Exact) {
  std::vector<Axis> Out;
  std::vector<int> Src, OutSrc;
  int ConfSrc = 0;
  Src.assign(A.size(), 0);
  if (!broadcastStep(A, Src, B, 1, Out, OutSrc, Conflict, ConfSrc, Exact))
    return std::nullopt;
  return Out;
}

// --- Rules ------------------------------------------------------------------

Value broadcastBinary(OpCall &C) {
  std::vector<Operand> Ops = binaryOperands(C);
  // A scalar-first free operator leaves one operand: the result is its shape.
  return elementwise(C, Ops);
}

Value elementwiseWithBounds(OpCall &C) {
  if (!C.HasSelf || !C.Self.isTensor())
    return Value::unknown();
  std::vector<Operand> Ops{selfOperand(C, "the tensor")};
  for (size_t I = 0; I < C.Args.size(); ++I) {
    if (auto O = argOperand(C, I, "a bound")) {
      Ops.push_back(*O);
      continue;
    }
    // An optional<Tensor> bound not known here may broadcast the result.
    if (I < C.ArgExprs.size() && C.ArgExprs[I] &&
        C.ArgExprs[I]->getType().getCanonicalType().getAsString().find("Tensor") !=
            std::string::npos)
      return Value::ofTensor(TensorShape::unknownRank(), C.Self.History);
  }
  return elementwise(C, Ops);
}

Value broadcastInPlace(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  // The result is self, with self's shape.
  return inPlaceFits(C, binaryOperands(C)) ? C.Self : Value::unknown();
}

Value copyInto(OpCall &C) {
  if (!C.HasSelf || !C.Self.isTensor())
    return Value::unknown();
  // copy_(src) and `view = src` (operator= on a temporary: a slice, an
  // index() result): src must broadcast to self, which keeps its shape.
  std::vector<Operand> Ops{selfOperand(C, "the destination")};
  if (auto O = argOperand(C, 0, "the source"))
    Ops.push_back(*O);
  return inPlaceFits(C, Ops) ? C.Self : Value::unknown();
}

Value whereFree(OpCall &C) {
  // torch::where(cond) alone returns a list of index tensors.
  if (!C.HasSelf || C.Args.size() < 2)
    return Value::unknown();
  std::vector<Operand> Ops{selfOperand(C, "the condition")};
  if (auto O = argOperand(C, 0, "the first value"))
    Ops.push_back(*O);
  if (auto O = argOperand(C, 1, "the second value"))
    Ops.push_back(*O);
  return elementwise(C, Ops);
}

Value whereMethod(OpCall &C) {
  // a.where(cond, b) is torch::where(cond, a, b).
  if (!C.HasSelf || C.Args.size() < 2)
    return Value::unknown();
  std::vector<Operand> Ops;
  if (auto O = argOperand(C, 0, "the condition"))
    Ops.push_back(*O);
  Ops.push_back(selfOperand(C, "the tensor"));
  if (auto O = argOperand(C, 1, "the other value"))
    Ops.push_back(*O);
  return elementwise(C, Ops);
}

Value maskedFill(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  // Out of place, LibTorch expands (mask, self) together.
  std::vector<Operand> Ops;
  if (auto O = argOperand(C, 0, "the mask"))
    Ops.push_back(*O);
  Ops.push_back(selfOperand(C, "the tensor"));
  auto S = broadcastAll(C, Ops);
  if (!S || !checkFillValue(C, 1))
    return Value::unknown();
  return broadcastResult(C, Ops, *S);
}

Value maskedFillInPlace(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  std::vector<Operand> Ops{selfOperand(C, "the tensor")};
  if (auto O = argOperand(C, 0, "the mask"))
    Ops.push_back(*O);
  if (!inPlaceFits(C, Ops) || !checkFillValue(C, 1))
    return Value::unknown();
  return C.Self;
}

Value maxMin(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  if (!C.Args.empty() && argIsTensor(C, 0))
    return broadcastBinary(C); // maximum/minimum of two tensors
  if (!C.Self.isTensor())
    return Value::unknown();
  if (C.Args.empty()) // the full reduction: a 0-d tensor
    return derived(C, TensorShape::ofDims({}),
                   C.Op.str() + " reduces " + C.Self.Shape.str() + " to []");
  // max(dim, keepdim): (values, indices), both of the reduced shape.
  TensorShape S = TensorShape::unknownRank();
  if (C.Self.Shape.hasRank() && C.arg(0).isInt()) {
    auto D = wrapDimOrReport(C, C.arg(0), C.Self.Shape.rank(), C.argLoc(0));
    if (!D && C.arg(0).asConstant())
      return Value::unknown(); // out of range, reported
    Tri Keep = C.Args.size() > 1 ? C.arg(1).Bool : Tri::False;
    if (C.Args.size() > 1 && C.arg(1).Kind != ValueKind::Bool)
      Keep = Tri::Unknown;
    if (D && C.Self.Shape.rank() > 0 && Keep != Tri::Unknown) {
      std::vector<Axis> Axes = C.Self.Shape.axes();
      if (Keep == Tri::True)
        Axes[*D] = Axis{Dim(1), "", "", {}};
      else
        Axes.erase(Axes.begin() + *D);
      S = TensorShape::ofAxes(Axes);
    } else if (D && C.Self.Shape.rank() == 0) {
      S = TensorShape::ofDims({});
    }
  }
  Value V = derived(C, S, S.hasRank() ? C.Op.str() + " reduces " + C.Self.Shape.str() +
                                            " to " + S.str()
                                      : "");
  return Value::ofList({V, V});
}

} // namespace rules
} // namespace torchshape
