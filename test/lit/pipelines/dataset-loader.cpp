// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Data pipelines: a custom Dataset::get() through Stack<> and a DataLoader
// into a model (the seed's second cause), and the built-in MNIST dataset.
#include "oracle.h"

// The model expects flattened 224x224 grayscale images.
struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(224 * 224, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x.view({x.size(0), -1})); }
  // CHECK: :[[@LINE-1]]:55: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [batch, 1024] has 1024 (1 × 1024, from view at line [[#@LINE-1]]) [torch-shape-layer]
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

// A dataset that returns 32x32 images: the wrong size for Net.
struct SmallImages : torch::data::datasets::Dataset<SmallImages> {
  torch::data::Example<> get(size_t index) override {
    return {torch::rand({1, 1024}), torch::tensor(static_cast<int64_t>(index % 10))};
  }
  torch::optional<size_t> size() const override { return 8; }
};

void bug_dataset_shape() {
  Net net;
  auto loader = torch::data::make_data_loader(
      SmallImages().map(torch::data::transforms::Stack<>()),
      torch::data::DataLoaderOptions().batch_size(4));
  for (auto &batch : *loader)
    net->forward(batch.data);
}
// RUNTIME: bug_dataset_shape: threw: mat1 and mat2 shapes cannot be multiplied (4x1024 and 50176x10)

// --- Tricky but correct -------------------------------------------------------

struct RightImages : torch::data::datasets::Dataset<RightImages> {
  torch::data::Example<> get(size_t index) override {
    return {torch::rand({1, 224, 224}), torch::tensor(static_cast<int64_t>(index % 10))};
  }
  torch::optional<size_t> size() const override { return 6; }
};

void ok_dataset_shape() {
  Net net;
  auto dataset = RightImages().map(torch::data::transforms::Stack<>());
  auto loader = torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(
      std::move(dataset), 4);
  for (auto &batch : *loader) {
    auto out = net->forward(batch.data);
    auto loss = torch::nn::functional::cross_entropy(out, batch.target);
  }
}
// RUNTIME: ok_dataset_shape: ok

// MNIST images are [1, 28, 28]; batches [batch, 1, 28, 28].  Not run by the
// oracle (no MNIST files here): checked for silence only.
struct MnistNetImpl : torch::nn::Module {
  MnistNetImpl() : fc(register_module("fc", torch::nn::Linear(784, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x.view({-1, 784})); }
  torch::nn::Linear fc;
};
TORCH_MODULE(MnistNet);
void mnistTraining(const std::string &root) {
  MnistNet net;
  auto train = torch::data::datasets::MNIST(root)
                   .map(torch::data::transforms::Normalize<>(0.1307, 0.3081))
                   .map(torch::data::transforms::Stack<>());
  auto loader = torch::data::make_data_loader(std::move(train), 64);
  for (auto &batch : *loader) {
    auto out = net->forward(batch.data);
    auto flat = batch.data.flatten(1);
    auto same = flat.view({flat.size(0), 28, 28});
  }
}

// Batches without Stack are vectors of examples: not a tensor, nothing known.
void ok_unstacked() {
  auto loader = torch::data::make_data_loader(SmallImages(), 2);
  for (auto &examples : *loader)
    for (auto &example : examples)
      auto v = example.data.view({1, 1024});
}
// RUNTIME: ok_unstacked: ok

TS_ORACLE_MAIN(bug_dataset_shape, ok_dataset_shape, ok_unstacked)
