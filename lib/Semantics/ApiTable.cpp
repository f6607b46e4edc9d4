//===- ApiTable.cpp - The LibTorch API semantics table -------------------===//
//
// One row per LibTorch op: the callee as Clang names it in the real 1.13
// headers, how users write it, its rule, and the rule in words.
//
// Naming facts (see docs/architecture.md): most `torch::op` functions are
// `at::op` reached through `using namespace at`; only the factories are real
// `torch::` functions; size/sizes/numel/dim are `at::TensorBase` members.
//
//===----------------------------------------------------------------------===//
#include "Rules.h"
#include "RuleSupport.h"

#include "llvm/ADT/StringMap.h"

namespace torchshape {

using namespace rules;

namespace {

/// The rules that set the strides of their results (factories, contiguous,
/// and the ops that make views).  Every other rule's result has unknown
/// strides: its layout is not certain (elementwise ops keep or drop the
/// input's, layers allocate), and nothing is checked against unknown.
constexpr RuleFn LayoutRules[] = {
    factory,       arange,         makeContiguous, viewLike,     viewAs,       resize,
    flatten,       unsqueeze,      selectIndex,    subscriptIndex, narrowDim,
    sliceDim,      squeezeDims,    transposeDims,  permuteDims,  transpose2d,
    chunkDim,      splitDim,       unbindDim,      expandSizes,  expandAs,
    indexSelect,   repeatDims,     tensorLiteral,  fromBlob,     eye,
    linspace,      sizesLast,      randperm,       registeredTensor, copyInto,
};

/// Rules whose result is contiguous whenever every tensor they read is
/// (elementwise ops, activations, softmax-like ops; layers and the
/// functional forms of layers are added by their tables).  A contiguous
/// input is not enough for a channels-last one, which these ops keep: only
/// inputs whose strides are known to be row-major count.
constexpr RuleFn ContiguousFromContiguousRules[] = {
    sameShape,   broadcastBinary, elementwiseWithBounds, maskedFill,
    whereFree,   whereMethod,     sameShapeAlongDim,
};

/// Whether V is a tensor whose strides are known to be row-major in every
/// dim of size other than 1 (the dims view's stride computation looks at).
bool knownContiguous(const Value &V) {
  if (!V.isTensor() || !V.Shape.hasRank() || !V.Strides || V.Strides->size() != V.Shape.rank())
    return false;
  std::vector<Dim> Want = contiguousStrides(V.Shape);
  for (size_t I = 0; I < Want.size(); ++I) {
    if (V.Shape.axis(I).Size.equals(Dim(1)) == Tri::True)
      continue;
    if ((*V.Strides)[I].equals(Want[I]) != Tri::True)
      return false;
  }
  return true;
}

/// Whether every tensor the call reads is known to be contiguous (and it
/// reads one).
bool inputsContiguous(const OpCall &C) {
  bool Any = false;
  if (C.HasSelf && C.Self.isTensor()) {
    if (!knownContiguous(C.Self))
      return false;
    Any = true;
  }
  for (const Value &A : C.Args) {
    if (A.isTensor() && !knownContiguous(A))
      return false;
    if (A.Kind == ValueKind::List)
      for (const Value &E : A.Elems)
        if (E.isTensor())
          return false; // tensor lists: not modelled
    Any = Any || A.isTensor();
  }
  return Any;
}

/// Rules that give their result's dtype themselves (factories, to()).
constexpr RuleFn DtypeRules[] = {
    factory, sizesLast, randperm, convertType, registeredTensor, copyInto,
};
/// Rules whose result has self's dtype: the view ops, contiguous, and
/// index_select.
constexpr RuleFn SelfDtypeRules[] = {
    makeContiguous, viewLike,      viewAs,        flatten,     unsqueeze,   selectIndex,
    subscriptIndex, narrowDim,     sliceDim,      squeezeDims, transposeDims, permuteDims,
    transpose2d,    chunkDim,      splitDim,      unbindDim,   expandSizes, expandAs,
    indexSelect,    repeatDims,    triangular,
};

void setDtype(Value &V, const std::string &D) {
  if (V.isTensor())
    V.DType = D;
  for (Value &E : V.Elems)
    setDtype(E, D);
}

/// The dtype of F's result: F's own, self's, Long for argmax/argmin, or
/// unknown (type promotion and the like are not modelled).
template <RuleFn F> void guardDtype(const OpCall &C, Value &R) {
  for (RuleFn L : DtypeRules)
    if (L == F)
      return;
  for (RuleFn L : SelfDtypeRules)
    if (L == F) {
      setDtype(R, C.Self.isTensor() ? C.Self.DType : "");
      return;
    }
  setDtype(R, F == argReduce ? "Long" : "");
}

void forgetLayout(Value &V) {
  V.Strides.reset();
  for (Value &E : V.Elems)
    forgetLayout(E);
}

/// F's result without the strides F cannot vouch for; contiguous when F is
/// an op or layer that allocates a row-major result for row-major inputs
/// (Contiguous, or F in ContiguousFromContiguousRules) and they are.
template <RuleFn F, bool Contiguous = false> Value guardLayout(OpCall &C) {
  Value R = F(C);
  guardDtype<F>(C, R);
  for (RuleFn L : LayoutRules)
    if (L == F)
      return R;
  forgetLayout(R);
  bool FromContiguous = Contiguous;
  for (RuleFn L : ContiguousFromContiguousRules)
    FromContiguous = FromContiguous || L == F;
  // grad() may be laid out unlike its tensor; pin_memory copies.
  if (FromContiguous && C.Op != "grad" && C.Op != "pin_memory" && R.isTensor() &&
      R.Shape.hasRank() && inputsContiguous(C))
    return asContiguous(std::move(R));
  return R;
}

/// A layer's forward rule, guarded (none stays none): layers allocate their
/// result, row-major for a row-major input (a channels-last one stays so).
template <RuleFn F> constexpr RuleFn guardedForward() {
  if constexpr (F == nullptr)
    return nullptr;
  else
    return guardLayout<F, true>;
}

} // namespace

const std::vector<OpEntry> &allOps() {
  static const std::vector<OpEntry> Ops = {
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule>, Summary},
#include "table/TensorOps.def"
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule>, Summary},
#include "table/Linalg.def"
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule>, Summary},
#include "table/Elementwise.def"
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule>, Summary},
#include "table/Combine.def"
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule>, Summary},
#include "table/Indexing.def"
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule, true>, Summary},
#include "table/Functional.def"
  };
  return Ops;
}

const std::vector<LayerEntry> &allLayers() {
  static const std::vector<LayerEntry> Layers = {
#define TORCHSHAPE_LAYER(Kind, Holder, Impl, Options, Forward, Summary, ...)                   \
  {Kind, Holder, Impl, Options, {__VA_ARGS__}, guardedForward<Forward>(), Summary},
#include "table/Layers.def"
  };
  return Layers;
}

const OpEntry *lookupOp(llvm::StringRef QualifiedCallee) {
  static const llvm::StringMap<const OpEntry *> Index = [] {
    llvm::StringMap<const OpEntry *> M;
    for (const OpEntry &E : allOps())
      M[E.Callee] = &E;
    return M;
  }();
  auto It = Index.find(QualifiedCallee);
  return It == Index.end() ? nullptr : It->second;
}

const LayerEntry *lookupLayer(llvm::StringRef QualifiedClass) {
  static const llvm::StringMap<const LayerEntry *> Index = [] {
    llvm::StringMap<const LayerEntry *> M;
    for (const LayerEntry &E : allLayers()) {
      M[E.Holder] = &E;
      M[E.Impl] = &E;
      if (!E.Options.empty())
        M[E.Options] = &E;
    }
    return M;
  }();
  auto It = Index.find(QualifiedClass);
  return It == Index.end() ? nullptr : It->second;
}

} // namespace torchshape
