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
#include "TensorRules.h"

#include "llvm/ADT/StringMap.h"

namespace torchshape {

using namespace tensor_rules;
using namespace layer_rules;

const std::vector<OpEntry> &allOps() {
  static const std::vector<OpEntry> Ops = {
      // Factories: the shape is the size list.
      {"torch::rand", "torch::rand", factory, "shape = sizes"},
      {"torch::randn", "torch::randn", factory, "shape = sizes"},
      {"torch::zeros", "torch::zeros", factory, "shape = sizes"},
      {"torch::ones", "torch::ones", factory, "shape = sizes"},
      {"torch::empty", "torch::empty", factory, "shape = sizes"},
      {"torch::full", "torch::full", factory, "shape = sizes"},
      {"at::rand", "at::rand", factory, "shape = sizes"},
      {"at::randn", "at::randn", factory, "shape = sizes"},
      {"at::zeros", "at::zeros", factory, "shape = sizes"},
      {"at::ones", "at::ones", factory, "shape = sizes"},
      {"at::empty", "at::empty", factory, "shape = sizes"},
      {"at::full", "at::full", factory, "shape = sizes"},
      {"torch::arange", "torch::arange", arange, "1-d, ceil((end - start) / step) elements"},
      {"at::arange", "at::arange", arange, "1-d, ceil((end - start) / step) elements"},
      // *_like factories copy their argument's shape.
      {"torch::rand_like", "torch::rand_like", sameShape, "shape of the argument"},
      {"torch::randn_like", "torch::randn_like", sameShape, "shape of the argument"},
      {"torch::zeros_like", "torch::zeros_like", sameShape, "shape of the argument"},
      {"torch::ones_like", "torch::ones_like", sameShape, "shape of the argument"},
      {"torch::empty_like", "torch::empty_like", sameShape, "shape of the argument"},
      {"torch::full_like", "torch::full_like", sameShape, "shape of the argument"},

      // Reshaping.  view/reshape need the element count to match exactly;
      // at most one -1, inferred by division.
      {"at::Tensor::view", "view", viewLike, "sizes must hold numel; one -1 inferred"},
      {"at::Tensor::reshape", "reshape", viewLike, "sizes must hold numel; one -1 inferred"},
      {"at::reshape", "torch::reshape", viewLike, "sizes must hold numel; one -1 inferred"},
      {"at::Tensor::resize_", "resize_", resize, "self takes the new sizes, any numel"},
      {"at::Tensor::flatten", "flatten", flatten, "merges dims start..end into their product"},
      {"at::flatten", "torch::flatten", flatten, "merges dims start..end into their product"},
      {"at::Tensor::unsqueeze", "unsqueeze", unsqueeze, "inserts a size-1 dim at d in [-r-1, r]"},
      {"at::unsqueeze", "torch::unsqueeze", unsqueeze, "inserts a size-1 dim at d in [-r-1, r]"},

      // Queries.
      {"at::TensorBase::size", "size", size, "size of dim d in [-r, r)"},
      {"at::TensorBase::sizes", "sizes", sizes, "all sizes"},
      {"at::TensorBase::numel", "numel", numel, "product of the sizes"},
      {"at::TensorBase::dim", "dim", dim, "rank"},

      // Shape-preserving ops.
      {"at::Tensor::contiguous", "contiguous", sameShape, "same shape"},
      {"at::TensorBase::contiguous", "contiguous", sameShape, "same shape"},
      {"at::Tensor::to", "to", sameShape, "same shape"},
      {"at::Tensor::clone", "clone", sameShape, "same shape"},
      {"at::clone", "torch::clone", sameShape, "same shape"},
      {"at::Tensor::detach", "detach", sameShape, "same shape"},
      {"at::Tensor::cpu", "cpu", sameShape, "same shape"},
      {"at::Tensor::cuda", "cuda", sameShape, "same shape"},
      {"at::Tensor::relu", "relu", sameShape, "same shape"},
      {"at::Tensor::relu_", "relu_", sameShape, "same shape"},
      {"at::relu", "torch::relu", sameShape, "same shape"},
      {"at::relu_", "torch::relu_", sameShape, "same shape"},
      {"at::Tensor::sigmoid", "sigmoid", sameShape, "same shape"},
      {"at::sigmoid", "torch::sigmoid", sameShape, "same shape"},
      {"at::Tensor::tanh", "tanh", sameShape, "same shape"},
      {"at::tanh", "torch::tanh", sameShape, "same shape"},
      {"at::dropout", "torch::dropout", sameShape, "same shape"},
      {"at::Tensor::exp", "exp", sameShape, "same shape"},
      {"at::exp", "torch::exp", sameShape, "same shape"},
      {"at::Tensor::log", "log", sameShape, "same shape"},
      {"at::log", "torch::log", sameShape, "same shape"},
      {"at::Tensor::abs", "abs", sameShape, "same shape"},
      {"at::abs", "torch::abs", sameShape, "same shape"},
      {"at::Tensor::neg", "neg", sameShape, "same shape"},
      {"at::neg", "torch::neg", sameShape, "same shape"},
      {"at::Tensor::sqrt", "sqrt", sameShape, "same shape"},
      {"at::sqrt", "torch::sqrt", sameShape, "same shape"},
      {"at::Tensor::square", "square", sameShape, "same shape"},
      {"at::Tensor::sin", "sin", sameShape, "same shape"},
      {"at::Tensor::cos", "cos", sameShape, "same shape"},
      {"at::Tensor::floor", "floor", sameShape, "same shape"},
      {"at::Tensor::round", "round", sameShape, "same shape"},
      {"at::Tensor::sign", "sign", sameShape, "same shape"},
      {"torch::nn::functional::relu", "F::relu", sameShape, "same shape"},
      {"torch::nn::functional::dropout", "F::dropout", sameShape, "same shape"},
      {"torch::nn::functional::gelu", "F::gelu", sameShape, "same shape"},
      {"torch::nn::functional::elu", "F::elu", sameShape, "same shape"},
      {"torch::nn::functional::leaky_relu", "F::leaky_relu", sameShape, "same shape"},
      {"torch::nn::functional::silu", "F::silu", sameShape, "same shape"},
      {"at::sigmoid_", "torch::sigmoid_", sameShape, "same shape"},

      // Linear algebra in layer form.
      {"torch::nn::functional::linear", "F::linear", linearFunctional,
       "input [*, in] × weight [out, in] → [*, out]"},
      {"at::linear", "torch::linear", linearFunctional,
       "input [*, in] × weight [out, in] → [*, out]"},
  };
  return Ops;
}

const std::vector<LayerEntry> &allLayers() {
  static const std::vector<LayerEntry> Layers = {
      {"Linear", "torch::nn::Linear", "torch::nn::LinearImpl", "torch::nn::LinearOptions",
       {"in_features", "out_features"}, linearForward,
       "input [*, in_features] → [*, out_features]"},
      {"ReLU", "torch::nn::ReLU", "torch::nn::ReLUImpl", "torch::nn::ReLUOptions", {},
       identityForward, "same shape"},
      {"Sigmoid", "torch::nn::Sigmoid", "torch::nn::SigmoidImpl", "", {}, identityForward,
       "same shape"},
      {"Tanh", "torch::nn::Tanh", "torch::nn::TanhImpl", "", {}, identityForward, "same shape"},
      {"Dropout", "torch::nn::Dropout", "torch::nn::DropoutImpl", "torch::nn::DropoutOptions",
       {"p"}, identityForward, "same shape"},
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
