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

#include "llvm/ADT/StringMap.h"

namespace torchshape {

using namespace rules;

namespace {

/// The rules that set the strides of their results (factories, contiguous,
/// and the ops that make views).  Every other rule's result has unknown
/// strides: its layout is not certain (elementwise ops keep or drop the
/// input's, layers allocate), and nothing is checked against unknown.
constexpr RuleFn LayoutRules[] = {
    factory,       arange,         makeContiguous, viewLike,     resize,
    flatten,       unsqueeze,      selectIndex,    subscriptIndex, narrowDim,
    sliceDim,      squeezeDims,    transposeDims,  permuteDims,  transpose2d,
    chunkDim,      splitDim,       unbindDim,      expandSizes,  expandAs,
    indexSelect,   repeatDims,     tensorLiteral,  fromBlob,     eye,
    linspace,      sizesLast,      randperm,       registeredTensor, copyInto,
};

void forgetLayout(Value &V) {
  V.Strides.reset();
  for (Value &E : V.Elems)
    forgetLayout(E);
}

template <RuleFn F> Value guardLayout(OpCall &C) {
  Value R = F(C);
  for (RuleFn L : LayoutRules)
    if (L == F)
      return R;
  forgetLayout(R);
  return R;
}

/// A layer's forward rule, guarded (none stays none).
template <RuleFn F> constexpr RuleFn guardedForward() {
  if constexpr (F == nullptr)
    return nullptr;
  else
    return guardLayout<F>;
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
#define TORCHSHAPE_OP(Callee, Op, Rule, Summary) {Callee, Op, guardLayout<Rule>, Summary},
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
