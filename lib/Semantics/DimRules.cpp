//===- DimRules.cpp - Shape rules of ops that take dimension arguments ---===//
//
// Each rule follows LibTorch 1.13's own checks, in its order, and words its
// findings like the runtime error (quoted).  Dims and indices are checked
// only when they are constants; sizes may be symbolic, and a relation is
// reported only when it is proven for every value of the symbols.
//
// Silent at run time, so never reported: squeeze(d) of a dim whose size is
// not 1 (a no-op), slice past the end (clamped), split/chunk sizes larger
// than the dim (one piece).
//
//===----------------------------------------------------------------------===//
#include "DimRules.h"
#include "RuleSupport.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"


namespace torchshape {
namespace rules {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

bool argIsDefaulted(const OpCall &C, size_t I) {
  return I < C.ArgExprs.size() && C.ArgExprs[I] &&
         llvm::isa<clang::CXXDefaultArgExpr>(C.ArgExprs[I]);
}

clang::SourceLocation argLocOrCall(const OpCall &C, size_t I) {
  if (I >= C.ArgExprs.size() || !C.ArgExprs[I] || argIsDefaulted(C, I) ||
      C.ArgExprs[I]->getBeginLoc().isInvalid())
    return C.Loc;
  return C.argLoc(I);
}

clang::SourceLocation listElementLoc(const OpCall &C, size_t Arg, size_t Elem) {
  clang::SourceLocation Fallback = argLocOrCall(C, Arg);
  if (Arg >= C.ArgExprs.size() || argIsDefaulted(C, Arg))
    return Fallback;
  const clang::Expr *E = C.ArgExprs[Arg];
  for (int Guard = 0; E && Guard < 16; ++Guard) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
      if (CE->getNumArgs() == 0)
        return Fallback;
      E = CE->getArg(0);
      continue;
    }
    if (const auto *FC = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(E)) {
      E = FC->getSubExpr();
      continue;
    }
    if (const auto *SIL = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(E)) {
      E = SIL->getSubExpr();
      continue;
    }
    if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E)) {
      if (Elem < IL->getNumInits() && IL->getInit(Elem)->getBeginLoc().isValid())
        return IL->getInit(Elem)->getBeginLoc();
      return Fallback;
    }
    break;
  }
  // A single value converted to a one-element list (`sum(1)`).
  if (E && Elem == 0 && E->getType()->isIntegerType() && E->getBeginLoc().isValid())
    return E->getBeginLoc();
  return Fallback;
}

namespace {

Value unknownRankOf(const OpCall &C) {
  return C.Self.isTensor() ? derived(C, TensorShape::unknownRank(), "") : Value::unknown();
}

/// A shape of Rank axes of unknown size (the rank is all that is known).
Value unknownAxes(const OpCall &C, size_t Rank) {
  return derived(C, TensorShape::ofAxes(std::vector<Axis>(Rank, Axis{Dim::unknown(), "", "", {}})),
                 "");
}

Value withAxes(const OpCall &C, std::vector<Axis> Axes) {
  TensorShape S = TensorShape::ofAxes(std::move(Axes));
  return derived(C, S, C.Op.str() + " gives " + S.str());
}

/// Self's strides rearranged by F (a view op), when they are known.
template <typename Fn> Value viewOf(const OpCall &C, Value R, Fn F) {
  if (C.Self.Strides && R.isTensor()) {
    std::vector<Dim> St = *C.Self.Strides;
    if (F(St))
      R.Strides = std::move(St);
  }
  return R;
}

void reportSelf(OpCall &C, CheckId Id, clang::SourceLocation Loc, std::string Msg) {
  C.Sink->report(Finding{Id, Loc, std::move(Msg), C.Sink->historyNotes(C.Self, "the tensor"), {}});
}

/// "`x` [2, 3]" or "the tensor [2, 3]".
std::string selfText(const OpCall &C) { return C.selfRef() + " " + C.Self.Shape.str(); }

std::string rankText(size_t R) { return std::to_string(R) + "-d"; }

/// A dim argument wrapped against the rank: Known with the index, Bad when
/// out of range (reported), Unknown when it is not a constant.
struct WrappedDim {
  enum { Unknown, Bad, Known } State = Unknown;
  size_t Index = 0;
};

WrappedDim wrapArg(OpCall &C, const Value &V, size_t Rank, clang::SourceLocation Loc) {
  WrappedDim W;
  if (!V.asConstant())
    return W;
  auto I = wrapDimOrReport(C, V, Rank, Loc);
  if (!I) {
    W.State = WrappedDim::Bad;
    return W;
  }
  W.State = WrappedDim::Known;
  W.Index = *I;
  return W;
}

WrappedDim wrapSelfArg(OpCall &C, size_t ArgI) {
  return wrapArg(C, C.arg(ArgI), C.Self.Shape.rank(), argLocOrCall(C, ArgI));
}

/// Reports the 0-d input of an op that needs a dimension; LibTorchMsg is the
/// runtime's message.
Value rejectZeroDim(OpCall &C, const std::string &LibTorchMsg) {
  reportSelf(C, CheckId::Dim, C.Loc,
             "`" + C.Op.str() + "` needs a tensor with at least one dimension, but " +
                 C.selfRef() + " is 0-d (LibTorch: " + LibTorchMsg + ")");
  return Value::unknown();
}

/// Wraps every constant of a dims list, reporting the first out-of-range or
/// repeated one ("dim 0 appears multiple times in the list of dims").
/// Returns false after a report; Seen[i] marks the dims named by constants;
/// AllConstant tells whether every element was one.
bool wrapDimList(OpCall &C, const std::vector<Value> &Elems, size_t ListArg, size_t Rank,
                 std::vector<bool> &Seen, bool &AllConstant, const std::string &DupMsg) {
  Seen.assign(std::max<size_t>(Rank, 1), false);
  AllConstant = true;
  for (size_t I = 0; I < Elems.size(); ++I) {
    if (!Elems[I].asConstant()) {
      AllConstant = false;
      continue;
    }
    WrappedDim W = wrapArg(C, Elems[I], Rank, listElementLoc(C, ListArg, I));
    if (W.State == WrappedDim::Bad)
      return false;
    if (Seen[W.Index]) {
      std::string Lib = DupMsg.empty() ? "dim " + std::to_string(W.Index) +
                                             " appears multiple times in the list of dims"
                                       : DupMsg;
      reportSelf(C, CheckId::Dim, listElementLoc(C, ListArg, I),
                 "dimension " + std::to_string(W.Index) + " is named twice in the dims " +
                     listText(Value::ofIntList(Elems)) + " of `" + C.Op.str() + "` on the " +
                     rankText(Rank) + " tensor " + C.Self.Shape.str() + " (LibTorch: " + Lib +
                     ")");
      return false;
    }
    Seen[W.Index] = true;
  }
  return true;
}

/// The elements of a dims argument: an int list, or one int.
std::optional<std::vector<Value>> dimElems(const Value &V) {
  if (V.isIntList())
    return V.Elems;
  if (V.isInt())
    return std::vector<Value>{V};
  return std::nullopt;
}

Tri boolArg(const OpCall &C, size_t I, Tri Default) {
  if (C.Args.size() <= I)
    return Default;
  return C.arg(I).Kind == ValueKind::Bool ? C.arg(I).Bool : Tri::Unknown;
}

/// The result of reducing the dims marked in Reduced.
Value reduced(const OpCall &C, const std::vector<bool> &Reduced, bool Keep) {
  if (C.Self.Shape.rank() == 0)
    return withAxes(C, {});
  std::vector<Axis> Out;
  const auto &Src = C.Self.Shape.axes();
  for (size_t I = 0; I < Src.size(); ++I) {
    if (!Reduced[I])
      Out.push_back(Src[I]);
    else if (Keep)
      Out.push_back(Axis{Dim(1), "", "", {}});
  }
  return withAxes(C, Out);
}

/// The sizes of the pieces split(SplitSize) makes of a dim of size N: every
/// piece SplitSize, the last one the remainder; nullopt when the count is
/// not known.
std::optional<std::vector<Dim>> pieceSizes(const Dim &N, const Dim &SplitSize) {
  auto NK = N.getConstant(), SK = SplitSize.getConstant();
  if (NK && SK && *SK > 0 && *NK >= 0) {
    int64_t Num = std::max<int64_t>((*NK + *SK - 1) / *SK, 1);
    std::vector<Dim> Sizes(Num, Dim(*SK));
    Sizes.back() = Dim(*SK - (*SK * Num - *NK));
    return Sizes;
  }
  if (auto Q = Dim::exactDiv(N, SplitSize))
    if (auto QK = Q->getConstant(); QK && *QK >= 1 && *QK <= 4096)
      return std::vector<Dim>(*QK, SplitSize);
  return std::nullopt;
}

/// A list of tensors: Self with axis D replaced by each size.
Value piecesAlong(const OpCall &C, size_t D, const std::vector<Dim> &Sizes) {
  std::vector<Value> Pieces;
  for (const Dim &S : Sizes) {
    std::vector<Axis> Axes = C.Self.Shape.axes();
    Axes[D] = Axis{S, "", C.Op.str(), C.Loc};
    Value P = withAxes(C, Axes);
    P.Strides = C.Self.Strides; // each piece is a slice along D
    Pieces.push_back(P);
  }
  return Value::ofList(std::move(Pieces));
}

/// select(dim, index) and x[index].
Value selectImpl(OpCall &C, const Value &DimV, clang::SourceLocation DimLoc,
                 const Value &IndexV, clang::SourceLocation IndexLoc) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  if (R == 0)
    return rejectZeroDim(C, "select() cannot be applied to a 0-dim tensor.");
  WrappedDim W = wrapArg(C, DimV, R, DimLoc);
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  if (W.State == WrappedDim::Unknown)
    return unknownAxes(C, R - 1);
  const Dim &N = C.Self.Shape.axis(W.Index).Size;
  if (auto K = IndexV.asConstant()) {
    Tri Out = *K >= 0 ? N.lessThan(Dim(*K + 1)) : N.lessThan(Dim(-*K));
    if (Out == Tri::True) {
      reportSelf(C, CheckId::Dim, IndexLoc,
                 "index " + std::to_string(*K) + " is out of range for dimension " +
                     std::to_string(W.Index) + " of " + selfText(C) + ", which has size " +
                     N.str() + " (LibTorch: select(): index " + std::to_string(*K) +
                     " out of range for tensor of size " + C.Self.Shape.str() +
                     " at dimension " + std::to_string(W.Index) + ")");
      return Value::unknown();
    }
  }
  std::vector<Axis> Axes = C.Self.Shape.axes();
  Axes.erase(Axes.begin() + W.Index);
  return viewOf(C, withAxes(C, Axes), [&](std::vector<Dim> &St) {
    St.erase(St.begin() + W.Index);
    return true;
  });
}

/// expand of Self to the sizes Target (-1 keeps a size), after LibTorch's
/// inferExpandGeometry; TargetText is how the target prints.
Value expandTo(OpCall &C, const std::vector<Value> &Target, clang::SourceLocation Loc) {
  size_t R = C.Self.Shape.rank(), N = Target.size();
  std::string TargetText = listText(Value::ofIntList(Target));
  if (R == 0) {
    std::vector<Axis> Axes;
    for (const Value &T : Target) {
      auto LB = T.isInt() ? T.Int.lowerBound() : std::nullopt;
      if (!LB || *LB < 0)
        return unknownRankOf(C);
      Axes.push_back(Axis{T.Int, T.Formula, "", {}});
    }
    return withAxes(C, Axes);
  }
  if (N < R) {
    reportSelf(C, CheckId::Dim, Loc,
               "`" + C.Op.str() + "` to " + TargetText + " gives " + std::to_string(N) +
                   (N == 1 ? " size" : " sizes") + " for the " + rankText(R) + " tensor " +
                   C.Self.Shape.str() + ", which needs at least one per dimension (LibTorch: "
                   "expand(...{" + C.Self.Shape.str() + "}, size=" + TargetText +
                   "): the number of sizes provided (" + std::to_string(N) +
                   ") must be greater or equal to the number of dimensions in the tensor (" +
                   std::to_string(R) + "))");
    return Value::unknown();
  }
  std::vector<Axis> Out(N);
  std::optional<std::vector<Dim>> St;
  if (C.Self.Strides)
    St = std::vector<Dim>(N, Dim(0));
  for (size_t II = N; II-- > 0;) {
    int64_t SrcDim = static_cast<int64_t>(II) - static_cast<int64_t>(N - R);
    Axis Size = SrcDim >= 0 ? C.Self.Shape.axis(SrcDim) : Axis{Dim(1), "", "", {}};
    const Value &T = Target[II];
    auto K = T.asConstant();
    if (K && *K == -1) {
      if (SrcDim < 0) {
        reportSelf(C, CheckId::Dim, Loc,
                   "`" + C.Op.str() + "` to " + TargetText + " puts -1 at the new leading "
                   "dimension " + std::to_string(II) + ", which has no existing size to keep "
                   "(LibTorch: The expanded size of the tensor (-1) isn't allowed in a leading, "
                   "non-existing dimension " + std::to_string(II) + ")");
        return Value::unknown();
      }
      Out[II] = Size;
      if (St)
        (*St)[II] = (*C.Self.Strides)[SrcDim];
      continue;
    }
    auto LB = T.isInt() ? T.Int.lowerBound() : std::nullopt;
    if (!LB || *LB < 0) {
      Out[II] = Axis{Dim::unknown(), "", "", {}};
      St.reset();
      continue;
    }
    if (Size.Size.equals(T.Int) == Tri::False && Size.Size.equals(Dim(1)) == Tri::False) {
      reportSelf(C, CheckId::Dim, Loc,
                 "`" + C.Op.str() + "` cannot stretch dimension " + std::to_string(II) +
                     " of size " + Size.Size.str() + " to " + T.Int.str() +
                     ": only size-1 dimensions expand (LibTorch: The expanded size of the "
                     "tensor (" + T.Int.str() + ") must match the existing size (" +
                     Size.Size.str() + ") at non-singleton dimension " + std::to_string(II) +
                     ".  Target sizes: " + TargetText + ".  Tensor sizes: " +
                     C.Self.Shape.str() + ")");
      return Value::unknown();
    }
    Out[II] = Axis{T.Int, T.Formula, "", {}};
    // A stretched (or new) dim has stride 0; a kept one its own.
    if (St && SrcDim >= 0) {
      Tri Same = Size.Size.equals(T.Int);
      if (Same == Tri::True)
        (*St)[II] = (*C.Self.Strides)[SrcDim];
      else if (Same == Tri::Unknown)
        St.reset();
    }
  }
  Value V = withAxes(C, Out);
  V.Strides = St;
  return V;
}

} // namespace

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

namespace {
/// The reduction over the dims in argument 0 with keepdim in argument KeepArg
/// (1 for sum/mean/prod, 2 for var/std, whose argument 1 is unbiased or
/// correction).
Value reduceDimsKeepAt(OpCall &C, size_t KeepArg) {
  size_t R = C.Self.Shape.rank();
  auto Elems = dimElems(C.arg(0));
  if (!Elems)
    return unknownRankOf(C);
  std::vector<bool> Seen;
  bool AllConstant;
  if (!wrapDimList(C, *Elems, 0, R, Seen, AllConstant, ""))
    return Value::unknown();
  Tri Keep = boolArg(C, KeepArg, Tri::False);
  if (Keep == Tri::Unknown)
    return unknownRankOf(C);
  if (R == 0)
    return reduced(C, Seen, false);
  if (Elems->empty()) // an empty list reduces every dim
    Seen.assign(R, true);
  else if (!AllConstant)
    return Keep == Tri::True ? unknownAxes(C, R)
           : Elems->size() <= R ? unknownAxes(C, R - Elems->size())
                                : unknownRankOf(C);
  return reduced(C, Seen, Keep == Tri::True);
}
} // namespace

Value reduceDims(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  if (C.Args.size() < 2) // sum(dtype), mean(dtype), prod(dtype): everything
    return derived(C, TensorShape::ofDims({}),
                   C.Op.str() + " reduces " + C.Self.Shape.str() + " to []");
  return reduceDimsKeepAt(C, 1);
}

Value reduceVarStd(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  // var(bool unbiased): everything.  var(dims, unbiased, keepdim) and
  // var(dims = nullopt, correction, keepdim): dims as in sum, keepdim third.
  const auto *CE = llvm::dyn_cast_or_null<clang::CallExpr>(C.Call);
  const clang::FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  size_t First = C.HasSelf && FD && !llvm::isa<clang::CXXMethodDecl>(FD) ? 1 : 0;
  bool AllDims = C.Args.empty() || !FD || FD->getNumParams() <= First ||
                 FD->getParamDecl(First)->getType()->isBooleanType();
  if (AllDims)
    return derived(C, TensorShape::ofDims({}),
                   C.Op.str() + " reduces " + C.Self.Shape.str() + " to []");
  if (argIsDefaulted(C, 0)) { // dims = nullopt: every dim
    Tri Keep = boolArg(C, 2, Tri::False);
    if (Keep == Tri::Unknown)
      return unknownRankOf(C);
    return reduced(C, std::vector<bool>(C.Self.Shape.rank(), true), Keep == Tri::True);
  }
  return reduceDimsKeepAt(C, 2);
}

Value triangular(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  if (C.Self.Shape.hasRank() && C.Self.Shape.rank() < 2) {
    std::string Lib = C.Self.Shape.rank() == 1
                          ? " (LibTorch: Dimension out of range (expected to be in range of "
                            "[-1, 0], but got -2))"
                          : "";
    reportSelf(C, CheckId::Dim, C.Loc,
               "`" + C.Op.str() + "` needs a matrix or a batch of matrices (2 or more "
               "dimensions), but " + selfText(C) + " is " + rankText(C.Self.Shape.rank()) +
                   Lib);
    return Value::unknown();
  }
  return withoutStrides(C.Self);
}

Value reduceNonEmptyDims(OpCall &C) {
  // logsumexp over an empty list throws in 1.13 ("output with shape []
  // doesn't match the broadcast shape [1, 1]"); its result is not modelled.
  if (C.arg(0).isIntList() && C.arg(0).Elems.empty())
    return unknownRankOf(C);
  return reduceDims(C);
}

Value sameShapeAlongDim(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  if (!C.Self.Shape.hasRank())
    return withoutStrides(C.Self);
  if (wrapSelfArg(C, 0).State == WrappedDim::Bad)
    return Value::unknown();
  return withoutStrides(C.Self);
}

Value argReduce(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  Tri Keep = boolArg(C, 1, Tri::False);
  if (argIsDefaulted(C, 0) || C.Args.empty()) { // no dim: over all elements
    if (Keep == Tri::False)
      return withAxes(C, {});
    if (Keep == Tri::True)
      return withAxes(C, std::vector<Axis>(R, Axis{Dim(1), "", "", {}}));
    return unknownRankOf(C);
  }
  if (!C.arg(0).isInt() || Keep == Tri::Unknown)
    return unknownRankOf(C);
  WrappedDim W = wrapSelfArg(C, 0);
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  if (R == 0)
    return withAxes(C, {});
  if (W.State == WrappedDim::Unknown)
    return unknownAxes(C, Keep == Tri::True ? R : R - 1);
  std::vector<bool> Reduced(R, false);
  Reduced[W.Index] = true;
  return reduced(C, Reduced, Keep == Tri::True);
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

Value selectIndex(OpCall &C) {
  return selectImpl(C, C.arg(0), argLocOrCall(C, 0), C.arg(1), argLocOrCall(C, 1));
}

Value subscriptIndex(OpCall &C) {
  // Only operator[](int64_t) is select(0, i); the Tensor and Scalar forms index
  // otherwise.
  if (C.ArgExprs.empty() || !C.ArgExprs[0] || !C.ArgExprs[0]->getType()->isIntegerType())
    return unknownRankOf(C);
  return selectImpl(C, Value::ofInt(0), C.Loc, C.arg(0), argLocOrCall(C, 0));
}

Value narrowDim(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  if (R == 0)
    return rejectZeroDim(C, "narrow() cannot be applied to a 0-dim tensor.");
  WrappedDim W = wrapSelfArg(C, 0);
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  if (W.State == WrappedDim::Unknown)
    return unknownAxes(C, R);
  const Dim &Size = C.Self.Shape.axis(W.Index).Size;
  auto N = Size.getConstant();
  auto Start = C.arg(1).asConstant();
  auto Len = C.arg(2).asConstant();
  if (N && *N > 0 && Start && Len) {
    int64_t S = *Start;
    if (S != *N) { // start == size is allowed: an empty narrow at the end
      if (S < -*N || S >= *N) {
        reportSelf(C, CheckId::Dim, argLocOrCall(C, 1),
                   "start " + std::to_string(S) + " of `narrow` is outside dimension " +
                       std::to_string(W.Index) + " of " + selfText(C) + ", which has size " +
                       std::to_string(*N) +
                       " (LibTorch: Dimension out of range (expected to be in range of [" +
                       std::to_string(-*N) + ", " + std::to_string(*N - 1) + "], but got " +
                       std::to_string(S) + "))");
        return Value::unknown();
      }
      if (S < 0)
        S += *N;
    }
    if (*Len < 0 || S > *N - *Len) {
      reportSelf(C, CheckId::Dim, argLocOrCall(C, 2),
                 "`narrow` of length " + std::to_string(*Len) + " from " + std::to_string(S) +
                     " does not fit in dimension " + std::to_string(W.Index) + " of " +
                     selfText(C) + ", which has size " + std::to_string(*N) +
                     " (LibTorch: start (" + std::to_string(S) + ") + length (" +
                     std::to_string(*Len) + ") exceeds dimension size (" + std::to_string(*N) +
                     ").)");
      return Value::unknown();
    }
  }
  std::vector<Axis> Axes = C.Self.Shape.axes();
  auto LB = C.arg(2).isInt() ? C.arg(2).Int.lowerBound() : std::nullopt;
  Axes[W.Index] = LB && *LB >= 0 ? Axis{C.arg(2).Int, C.arg(2).Formula, "narrow", C.Loc}
                                 : Axis{Dim::unknown(), "", "", {}};
  return viewOf(C, withAxes(C, Axes), [](std::vector<Dim> &) { return true; });
}

Value gatherDim(OpCall &C) {
  // gather(dim, index): the index's shape; the index has self's rank and,
  // apart from dim, no larger sizes (ATen's gather_shape_check).
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  WrappedDim W = wrapSelfArg(C, 0);
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  const Value &Index = C.arg(1);
  // ATen checks the index's dtype before its shape.
  if (Index.isTensor() && isFloatingDtype(Index.DType)) {
    C.Sink->report(Finding{CheckId::Dim, argLocOrCall(C, 1),
                           "`" + C.Op.str() + "` needs an index of integer type Long, but the index " +
                               (Index.Shape.hasRank() ? Index.Shape.str() + " " : std::string()) +
                               "has type " + Index.DType +
                               " (LibTorch: gather(): Expected dtype int64 for index)",
                           C.Sink->historyNotes(Index, "the index"),
                           {}});
    return Value::unknown();
  }
  if (!Index.isTensor() || !Index.Shape.hasRank())
    return Value::ofTensor(TensorShape::unknownRank(), Index.History);
  size_t R = C.Self.Shape.rank(), RI = Index.Shape.rank();
  // 0-d tensors count as 1-d here.
  if (std::max<size_t>(R, 1) != std::max<size_t>(RI, 1)) {
    std::vector<Note> Notes = C.Sink->historyNotes(Index, "the index");
    C.Sink->report(Finding{CheckId::Dim, argLocOrCall(C, 1),
                           "`" + C.Op.str() + "` needs an index with the " + std::to_string(R) +
                               " dimensions of " + C.selfRef() + " " + C.Self.Shape.str() +
                               ", but the index has shape " + Index.Shape.str() +
                               " (LibTorch: Index tensor must have the same number of "
                               "dimensions as input tensor)",
                           std::move(Notes),
                           {}});
    return Value::unknown();
  }
  if (W.State == WrappedDim::Known && R == RI && R > 0) {
    for (size_t D = 0; D < R; ++D) {
      if (D == W.Index)
        continue;
      if (C.Self.Shape.axis(D).Size.lessThan(Index.Shape.axis(D).Size) != Tri::True)
        continue;
      std::vector<Note> Notes = C.Sink->historyNotes(Index, "the index");
      C.Sink->report(Finding{
          CheckId::Dim, argLocOrCall(C, 1),
          "`" + C.Op.str() + "` along dim " + std::to_string(W.Index) + " needs an index no larger than " +
              C.selfRef() + " " + C.Self.Shape.str() + " in the other dims, but the index " +
              Index.Shape.str() + " has " + Index.Shape.axis(D).Size.str() + " in dim " +
              std::to_string(D) +
              " (LibTorch: Size does not match at dimension " + std::to_string(D) +
              " expected index " + Index.Shape.str() + " to be smaller than self " +
              C.Self.Shape.str() + " apart from dimension " + std::to_string(W.Index) + ")",
          std::move(Notes),
          {}});
      return Value::unknown();
    }
  }
  return asContiguous(withAxes(C, Index.Shape.axes()));
}

Value indexSelect(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  WrappedDim W = wrapSelfArg(C, 0);
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  const Value &Index = C.arg(1);
  if (Index.isTensor() && Index.Shape.hasRank() && Index.Shape.rank() > 1) {
    std::vector<Note> Notes = C.Sink->historyNotes(Index, "the index");
    C.Sink->report(Finding{CheckId::Dim, argLocOrCall(C, 1),
                           "`" + C.Op.str() + "` needs a 1-d index, but the index has shape " +
                               Index.Shape.str() +
                               " (LibTorch: index_select(): Index is supposed to be a vector)",
                           std::move(Notes),
                           {}});
    return Value::unknown();
  }
  if (Index.isTensor() && isFloatingDtype(Index.DType)) {
    C.Sink->report(Finding{CheckId::Dim, argLocOrCall(C, 1),
                           "`" + C.Op.str() + "` needs an index of integer type (Long or Int), but "
                           "the index " +
                               (Index.Shape.hasRank() ? Index.Shape.str() + " " : std::string()) +
                               "has type " + Index.DType +
                               " (LibTorch: index_select(): Expected dtype int32 or int64 for "
                               "index)",
                           C.Sink->historyNotes(Index, "the index"),
                           {}});
    return Value::unknown();
  }
  if (R == 0)
    return unknownRankOf(C);
  if (W.State == WrappedDim::Unknown)
    return unknownAxes(C, R);
  std::vector<Axis> Axes = C.Self.Shape.axes();
  if (Index.isTensor() && Index.Shape.hasRank())
    Axes[W.Index] = Index.Shape.rank() == 0 ? Axis{Dim(1), "", "", {}}
                                            : Axis{Index.Shape.axis(0).Size, "",
                                                   "index_select", C.Loc};
  else
    Axes[W.Index] = Axis{Dim::unknown(), "", "", {}};
  return asContiguous(withAxes(C, Axes));
}

Value sliceDim(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  if (R == 0)
    return rejectZeroDim(C, "slice() cannot be applied to a 0-dim tensor.");
  Value DimV = C.Args.empty() ? Value::ofInt(0) : C.arg(0);
  WrappedDim W = wrapArg(C, DimV, R, argLocOrCall(C, 0));
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  std::optional<int64_t> Step = C.Args.size() > 3 ? C.arg(3).asConstant() : 1;
  if (Step && *Step <= 0) {
    reportSelf(C, CheckId::Dim, argLocOrCall(C, 3),
               "`slice` step " + std::to_string(*Step) +
                   " is not positive (LibTorch: slice step must be positive)");
    return Value::unknown();
  }
  if (W.State == WrappedDim::Unknown)
    return unknownAxes(C, R);
  std::vector<Axis> Axes = C.Self.Shape.axes();
  const Dim N = Axes[W.Index].Size;
  // LibTorch's clamping, with each comparison proven or given up.
  // A missing start is 0, a missing end the size (what clamping makes of
  // INT64_MAX); ends beyond any real size clamp to the size as well.
  auto Bound = [&](size_t I, const Dim &Default) -> std::optional<Dim> {
    if (C.Args.size() <= I || argIsDefaulted(C, I))
      return Default;
    auto K = C.arg(I).asConstant();
    if (!K || *K <= -(int64_t(1) << 40))
      return std::nullopt;
    if (*K >= (int64_t(1) << 40))
      return N;
    return *K < 0 ? Dim(*K) + N : Dim(*K);
  };
  std::optional<Dim> Start = Bound(1, Dim(0)), End = Bound(2, N);
  std::optional<Dim> Len;
  if (Start && End && Step) {
    auto Clamp = [&](Dim V, const Dim &Lo) -> std::optional<Dim> {
      Tri Below = V.lessThan(Lo);
      if (Below == Tri::True)
        return Lo;
      if (Below == Tri::Unknown)
        return std::nullopt;
      Tri Inside = V.lessThan(N);
      if (Inside == Tri::False)
        return N;
      if (Inside == Tri::Unknown)
        return std::nullopt;
      return V;
    };
    std::optional<Dim> S = Clamp(*Start, Dim(0));
    std::optional<Dim> E = S ? Clamp(*End, *S) : std::nullopt;
    if (S && E)
      Len = *Step == 1 ? *E - *S : Dim::ceilDiv(*E - *S, Dim(*Step));
  }
  Axes[W.Index] = Len ? Axis{*Len, "", "slice", C.Loc} : Axis{Dim::unknown(), "", "", {}};
  return viewOf(C, withAxes(C, Axes), [&](std::vector<Dim> &St) {
    if (!Step)
      return false;
    St[W.Index] = St[W.Index] * Dim(*Step);
    return true;
  });
}

//===----------------------------------------------------------------------===//
// Reordering and removing dims
//===----------------------------------------------------------------------===//

Value squeezeDims(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  std::vector<Axis> Out;
  if (C.Args.empty()) {
    std::vector<bool> Keep;
    for (const Axis &A : C.Self.Shape.axes()) {
      Tri One = A.Size.equals(Dim(1));
      if (One == Tri::Unknown)
        return unknownRankOf(C);
      Keep.push_back(One == Tri::False);
      if (One == Tri::False)
        Out.push_back(A);
    }
    return viewOf(C, withAxes(C, Out), [&](std::vector<Dim> &St) {
      std::vector<Dim> Kept;
      for (size_t I = 0; I < St.size(); ++I)
        if (Keep[I])
          Kept.push_back(St[I]);
      St = Kept;
      return true;
    });
  }
  WrappedDim W = wrapSelfArg(C, 0);
  if (W.State == WrappedDim::Bad)
    return Value::unknown();
  if (W.State == WrappedDim::Unknown || C.Self.Shape.rank() == 0)
    return C.Self.Shape.rank() == 0 ? C.Self : unknownRankOf(C);
  Tri One = C.Self.Shape.axis(W.Index).Size.equals(Dim(1));
  if (One == Tri::Unknown)
    return unknownRankOf(C);
  if (One == Tri::False) // not size 1: LibTorch leaves the tensor as it is
    return C.Self;
  Out = C.Self.Shape.axes();
  Out.erase(Out.begin() + W.Index);
  return viewOf(C, withAxes(C, Out), [&](std::vector<Dim> &St) {
    St.erase(St.begin() + W.Index);
    return true;
  });
}

Value transposeDims(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  WrappedDim A = wrapSelfArg(C, 0);
  if (A.State == WrappedDim::Bad)
    return Value::unknown();
  WrappedDim B = wrapSelfArg(C, 1);
  if (B.State == WrappedDim::Bad)
    return Value::unknown();
  if (R == 0)
    return C.Self;
  if (A.State == WrappedDim::Unknown || B.State == WrappedDim::Unknown)
    return unknownAxes(C, R);
  std::vector<Axis> Axes = C.Self.Shape.axes();
  std::swap(Axes[A.Index], Axes[B.Index]);
  return viewOf(C, withAxes(C, Axes), [&](std::vector<Dim> &St) {
    std::swap(St[A.Index], St[B.Index]);
    return true;
  });
}

Value permuteDims(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  const Value &L = C.arg(0);
  if (!L.isIntList())
    return unknownRankOf(C);
  if (L.Elems.size() != R) {
    reportSelf(C, CheckId::Dim, argLocOrCall(C, 0),
               "`" + C.Op.str() + "` needs one entry per dimension of the " + rankText(R) +
                   " tensor " + C.Self.Shape.str() + ", but the order " + listText(L) +
                   " has " + std::to_string(L.Elems.size()) +
                   " (LibTorch: permute(sparse_coo): number of dimensions in the tensor input "
                   "does not match the length of the desired ordering of dimensions i.e. "
                   "input.dim() = " + std::to_string(R) + " is not equal to len(dims) = " +
                   std::to_string(L.Elems.size()) + ")");
    return Value::unknown();
  }
  std::vector<bool> Seen;
  bool AllConstant;
  if (!wrapDimList(C, L.Elems, 0, R, Seen, AllConstant,
                   "permute(): duplicate dims are not allowed."))
    return Value::unknown();
  if (!AllConstant)
    return unknownAxes(C, R);
  std::vector<Axis> Out;
  std::vector<size_t> Order;
  for (const Value &E : L.Elems) {
    Order.push_back(*C.Self.Shape.wrapDim(*E.asConstant()));
    Out.push_back(C.Self.Shape.axis(Order.back()));
  }
  return viewOf(C, withAxes(C, Out), [&](std::vector<Dim> &St) {
    std::vector<Dim> P;
    for (size_t I : Order)
      P.push_back(St[I]);
    St = P;
    return true;
  });
}

Value transpose2d(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  if (R > 2) {
    reportSelf(C, CheckId::Dim, C.Loc,
               "`" + C.Op.str() + "` needs a tensor of at most 2 dimensions, but " +
                   selfText(C) + " is " + rankText(R) +
                   "; use transpose(d0, d1) to swap two of its dims (LibTorch: t() expects a "
                   "tensor with <= 2 dimensions, but self is " + std::to_string(R) + "D)");
    return Value::unknown();
  }
  if (R < 2)
    return C.Self;
  std::vector<Axis> Axes = C.Self.Shape.axes();
  std::swap(Axes[0], Axes[1]);
  return viewOf(C, withAxes(C, Axes), [](std::vector<Dim> &St) {
    std::swap(St[0], St[1]);
    return true;
  });
}

Value flipDims(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  if (!C.Self.Shape.hasRank())
    return withoutStrides(C.Self);
  auto Elems = dimElems(C.arg(0));
  if (!Elems)
    return withoutStrides(C.Self);
  std::vector<bool> Seen;
  bool AllConstant;
  if (!wrapDimList(C, *Elems, 0, C.Self.Shape.rank(), Seen, AllConstant, ""))
    return Value::unknown();
  return withoutStrides(C.Self);
}

//===----------------------------------------------------------------------===//
// Splitting
//===----------------------------------------------------------------------===//

Value chunkDim(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return Value::unknown();
  if (C.Self.Shape.rank() == 0)
    return rejectZeroDim(C, "chunk expects at least a 1-dimensional tensor");
  auto Chunks = C.arg(0).asConstant();
  if (Chunks && *Chunks <= 0) {
    reportSelf(C, CheckId::Dim, argLocOrCall(C, 0),
               "`chunk` into " + std::to_string(*Chunks) +
                   " pieces: the count must be positive (LibTorch: chunk expects `chunks` to "
                   "be greater than 0, got: " + std::to_string(*Chunks) + ")");
    return Value::unknown();
  }
  Value DimV = C.Args.size() > 1 ? C.arg(1) : Value::ofInt(0);
  WrappedDim W = wrapArg(C, DimV, C.Self.Shape.rank(), argLocOrCall(C, 1));
  if (W.State != WrappedDim::Known || !Chunks)
    return Value::unknown();
  const Dim &N = C.Self.Shape.axis(W.Index).Size;
  std::optional<std::vector<Dim>> Sizes;
  if (auto NK = N.getConstant()) {
    int64_t Split = (*NK + *Chunks - 1) / *Chunks;
    if (Split > 0)
      Sizes = pieceSizes(N, Dim(Split));
  } else if (auto Q = Dim::exactDiv(N, Dim(*Chunks))) {
    if (*Chunks <= 4096)
      Sizes = std::vector<Dim>(*Chunks, *Q);
  }
  return Sizes ? piecesAlong(C, W.Index, *Sizes) : Value::unknown();
}

Value splitDim(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return Value::unknown();
  size_t R = C.Self.Shape.rank();
  const Value &What = C.arg(0);
  Value DimV = C.Args.size() > 1 ? C.arg(1) : Value::ofInt(0);
  if (What.isIntList()) { // split(sizes, dim) = split_with_sizes
    if (R == 0)
      return rejectZeroDim(C, "split expects at least a 1-dimensional tensor");
    WrappedDim W = wrapArg(C, DimV, R, argLocOrCall(C, 1));
    if (W.State != WrappedDim::Known)
      return Value::unknown();
    const Dim &N = C.Self.Shape.axis(W.Index).Size;
    Dim Sum(0);
    bool Known = true;
    std::vector<Dim> Sizes;
    for (const Value &E : What.Elems) {
      auto LB = E.isInt() ? E.Int.lowerBound() : std::nullopt;
      if (!LB || *LB < 0) {
        Known = false;
        Sizes.push_back(Dim::unknown());
        continue;
      }
      Sum = Sum + E.Int;
      Sizes.push_back(E.Int);
    }
    if (Known && Sum.equals(N) == Tri::False) {
      reportSelf(C, CheckId::Dim, argLocOrCall(C, 0),
                 "the sizes " + listText(What) + " given to `" + C.Op.str() + "` add up to " +
                     Sum.str() + ", but dimension " + std::to_string(W.Index) + " of " +
                     selfText(C) + " has size " + N.str() +
                     " (LibTorch: split_with_sizes expects split_sizes to sum exactly to " +
                     N.str() + " (input tensor's size at dimension " +
                     std::to_string(*DimV.asConstant()) + "), but got split_sizes=" +
                     listText(What) + ")");
      return Value::unknown();
    }
    return piecesAlong(C, W.Index, Sizes);
  }
  if (!What.isInt())
    return Value::unknown();
  if (R == 0)
    return rejectZeroDim(C, "split expects at least a 1-dimensional tensor");
  auto S = What.asConstant();
  if (S && *S < 0) {
    reportSelf(C, CheckId::Dim, argLocOrCall(C, 0),
               "`" + C.Op.str() + "` into pieces of size " + std::to_string(*S) +
                   ": the size cannot be negative (LibTorch: split expects split_size be "
                   "non-negative, but got split_size=" + std::to_string(*S) + ")");
    return Value::unknown();
  }
  WrappedDim W = wrapArg(C, DimV, R, argLocOrCall(C, 1));
  if (W.State != WrappedDim::Known)
    return Value::unknown();
  const Dim &N = C.Self.Shape.axis(W.Index).Size;
  if (S && *S == 0) {
    if (N.equals(Dim(0)) == Tri::False)
      reportSelf(C, CheckId::Dim, argLocOrCall(C, 0),
                 "`" + C.Op.str() + "` into pieces of size 0 of dimension " +
                     std::to_string(W.Index) + " of " + selfText(C) + ", which has size " +
                     N.str() + " (LibTorch: split_size can only be 0 if dimension size is 0, "
                     "but got dimension size of " + N.str() + ")");
    return Value::unknown();
  }
  auto Sizes = pieceSizes(N, What.Int);
  return Sizes ? piecesAlong(C, W.Index, *Sizes) : Value::unknown();
}

Value unbindDim(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return Value::unknown();
  size_t R = C.Self.Shape.rank();
  if (R == 0)
    return rejectZeroDim(C, "Dimension specified as 0 but tensor has no dimensions");
  Value DimV = C.Args.empty() ? Value::ofInt(0) : C.arg(0);
  WrappedDim W = wrapArg(C, DimV, R, argLocOrCall(C, 0));
  if (W.State != WrappedDim::Known)
    return Value::unknown();
  auto N = C.Self.Shape.axis(W.Index).Size.getConstant();
  if (!N || *N > 4096)
    return Value::unknown();
  std::vector<Axis> Axes = C.Self.Shape.axes();
  Axes.erase(Axes.begin() + W.Index);
  Value Piece = viewOf(C, withAxes(C, Axes), [&](std::vector<Dim> &St) {
    St.erase(St.begin() + W.Index);
    return true;
  });
  return Value::ofList(std::vector<Value>(*N, Piece));
}

//===----------------------------------------------------------------------===//
// Growing
//===----------------------------------------------------------------------===//

Value repeatDims(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  size_t R = C.Self.Shape.rank();
  const Value &L = C.arg(0);
  if (!L.isIntList())
    return unknownRankOf(C);
  if (L.Elems.size() < R) {
    reportSelf(C, CheckId::Dim, argLocOrCall(C, 0),
               "`repeat` needs a count for each of the " + std::to_string(R) +
                   " dimensions of " + selfText(C) + ", but " + listText(L) + " has " +
                   std::to_string(L.Elems.size()) +
                   " (LibTorch: Number of dimensions of repeat dims can not be smaller than "
                   "number of dimensions of tensor)");
    return Value::unknown();
  }
  std::vector<Axis> Out;
  size_t New = L.Elems.size() - R;
  for (size_t I = 0; I < L.Elems.size(); ++I) {
    Dim Src = I < New ? Dim(1) : C.Self.Shape.axis(I - New).Size;
    const Value &E = L.Elems[I];
    auto LB = E.isInt() ? E.Int.lowerBound() : std::nullopt;
    if (!LB || *LB < 0 || Src.isUnknown()) {
      Out.push_back(Axis{Dim::unknown(), "", "", {}});
      continue;
    }
    Dim Size = Src * E.Int;
    std::string Formula =
        Src.getConstant() == std::optional<int64_t>(1) || E.Int.getConstant() == std::optional<int64_t>(1)
            ? ""
            : Src.str() + " × " + E.Int.str();
    Out.push_back(Axis{Size, Formula, "repeat", C.Loc});
  }
  return asContiguous(withAxes(C, Out));
}

Value expandSizes(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  const Value &L = C.arg(0);
  if (!L.isIntList())
    return unknownRankOf(C);
  return expandTo(C, L.Elems, argLocOrCall(C, 0));
}

Value expandAs(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return unknownRankOf(C);
  const Value &Other = C.arg(0);
  if (!Other.isTensor() || !Other.Shape.hasRank())
    return unknownRankOf(C);
  std::vector<Value> Target;
  for (const Axis &A : Other.Shape.axes())
    Target.push_back(A.Size.isUnknown() ? Value::unknown() : Value::ofInt(A.Size, A.Formula));
  return expandTo(C, Target, argLocOrCall(C, 0));
}

} // namespace rules
} // namespace torchshape
