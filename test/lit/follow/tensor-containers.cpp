// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Containers of tensors: a custom Dataset that loads its samples into a
// std::vector member in its constructor and returns samples_[i] from get();
// vectors filled in loops (known or unknown trip count) and read by [i], at,
// back, range-for, torch::stack / torch::cat.  When every element pushed has
// one shape, that is the element's shape.
#include "oracle.h"

#include <vector>

// --- Bugs ---------------------------------------------------------------------

class Samples : public torch::data::datasets::Dataset<Samples> {
  std::vector<torch::Tensor> samples_, labels_;

public:
  explicit Samples(int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
      samples_.push_back(torch::rand({3, 32, 32}));
      labels_.push_back(torch::tensor(i % 10));
    }
  }
  torch::data::Example<> get(size_t i) override { return {samples_[i], labels_[i]}; }
  torch::optional<size_t> size() const override { return samples_.size(); }
};

void bug_dataset_resized_for_28px() {
  auto loader = torch::data::make_data_loader(
      Samples(40).map(torch::data::transforms::Stack<>()), 16);
  torch::nn::Linear fc(3 * 28 * 28, 10);
  for (auto &batch : *loader) {
    auto y = fc->forward(batch.data.view({batch.data.size(0), -1}));
    // CHECK: :[[@LINE-1]]:18: warning: `fc` expects 2352 input features (Linear(2352, 10)) but its input [batch, 3072] has 3072 (3 × 32 × 32, from view at line [[@LINE-1]]) [torch-shape-layer]
    break;
  }
}
// RUNTIME: bug_dataset_resized_for_28px: threw: mat1 and mat2 shapes cannot be multiplied (16x3072 and 2352x10)

torch::Tensor crops(int64_t n, int64_t k) {
  std::vector<torch::Tensor> out;
  for (int64_t i = 0; i < n; ++i) // n unknown when analysed on its own
    out.push_back(torch::rand({k, 5}));
  return out[0];
}

void bug_unknown_count_same_shape() {
  std::vector<torch::Tensor> feats;
  for (int64_t i = 0; i < 300; ++i) // past the unrolling limit
    feats.push_back(torch::rand({4, 6}));
  auto first = feats.front().view({5, -1});
  // CHECK: :[[@LINE-1]]:30: warning: shape '[5, -1]' is invalid for input of size 24{{.*}}[torch-shape-view]
}
// RUNTIME: bug_unknown_count_same_shape: threw: shape '[5, -1]' is invalid for input of size 24

void bug_range_for_over_tensors() {
  std::vector<torch::Tensor> parts{torch::rand({2, 8}), torch::rand({2, 8}), torch::rand({2, 9})};
  torch::nn::Linear fc(8, 4);
  for (const auto &p : parts)
    auto y = fc->forward(p);
  // CHECK: :[[@LINE-1]]:18: warning: `fc` expects 8 input features (Linear(8, 4)) but its input [2, 9] has 9 [torch-shape-layer]
}
// RUNTIME: bug_range_for_over_tensors: threw: mat1 and mat2 shapes cannot be multiplied (2x9 and 8x4)

void bug_stacked_in_loop() {
  std::vector<torch::Tensor> rows;
  for (int64_t i = 0; i < 10; ++i)
    rows.push_back(torch::rand({7}));
  auto m = torch::stack(rows).view({7, 7});
  // CHECK: :[[@LINE-1]]:31: warning: shape '[7, 7]' is invalid for input of size 70{{.*}}[torch-shape-view]
}
// RUNTIME: bug_stacked_in_loop: threw: shape '[7, 7]' is invalid for input of size 70

// --- Correct code: silent -----------------------------------------------------

void ok_mixed_shapes_joined() {
  std::vector<torch::Tensor> v;
  for (int64_t i = 0; i < 500; ++i)
    v.push_back(i % 2 ? torch::rand({2, 3}) : torch::rand({3, 2}));
  auto x = v.back().view({6}); // either shape has 6 elements
}
// RUNTIME: ok_mixed_shapes_joined: ok

void ok_vector_rewritten_in_loop() {
  std::vector<torch::Tensor> v{torch::rand({4})};
  for (int64_t i = 0; i < 400; ++i) {
    v.push_back(torch::rand({4}));
    v[0] = torch::rand({5});
  }
  auto x = v[0].view({5});
}
// RUNTIME: ok_vector_rewritten_in_loop: ok

void ok_crops() {
  auto c = crops(3, 4).view({20});
}
// RUNTIME: ok_crops: ok

void ok_reference_loop_variable() {
  std::vector<torch::Tensor> v{torch::rand({2, 3}), torch::rand({2, 3})};
  for (auto &t : v)
    t = t.view({6});
  auto x = v[1].view({6});
}
// RUNTIME: ok_reference_loop_variable: ok

TS_ORACLE_MAIN(bug_dataset_resized_for_28px, bug_unknown_count_same_shape,
               bug_range_for_over_tensors, bug_stacked_in_loop, ok_mixed_shapes_joined,
               ok_vector_rewritten_in_loop, ok_crops, ok_reference_loop_variable)
