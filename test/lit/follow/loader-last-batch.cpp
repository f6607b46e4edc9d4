// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// A DataLoader over a dataset of known size with a known batch size (and
// drop_last false) yields full batches and one smaller last batch: code that
// hard-codes the batch size fails on the last one.  A loop that may stop
// early proves nothing about the last batch.
#include "oracle.h"

#include <vector>

class Pixels : public torch::data::datasets::Dataset<Pixels> {
  std::vector<torch::Tensor> images_;

public:
  explicit Pixels(int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      images_.push_back(torch::rand({3, 8, 8}));
  }
  torch::data::Example<> get(size_t i) override { return {images_[i], torch::tensor(0)}; }
  torch::optional<size_t> size() const override { return images_.size(); }
};

// --- Bugs ---------------------------------------------------------------------

void bug_hard_coded_batch() {
  auto loader = torch::data::make_data_loader(
      Pixels(50).map(torch::data::transforms::Stack<>()), 16);
  for (auto &batch : *loader) {
    auto flat = batch.data.view({16, 3 * 8 * 8});
    // CHECK: :[[@LINE-1]]:28: warning: shape '[16, 192]' is invalid for input of size 384{{.*}}[torch-shape-view]
  }
}
// RUNTIME: bug_hard_coded_batch: threw: shape '[16, 192]' is invalid for input of size 384

// --- Correct code: silent -----------------------------------------------------

void ok_batch_divides() {
  auto loader = torch::data::make_data_loader(
      Pixels(48).map(torch::data::transforms::Stack<>()), 16);
  for (auto &batch : *loader)
    auto flat = batch.data.view({16, 3 * 8 * 8});
}
// RUNTIME: ok_batch_divides: ok

void ok_batch_size_read() {
  auto loader = torch::data::make_data_loader(
      Pixels(50).map(torch::data::transforms::Stack<>()), 16);
  for (auto &batch : *loader)
    auto flat = batch.data.view({batch.data.size(0), 3 * 8 * 8});
}
// RUNTIME: ok_batch_size_read: ok

void ok_first_batch_only() {
  auto loader = torch::data::make_data_loader(
      Pixels(50).map(torch::data::transforms::Stack<>()), 16);
  for (auto &batch : *loader) {
    auto flat = batch.data.view({16, 3 * 8 * 8});
    break;
  }
}
// RUNTIME: ok_first_batch_only: ok

TS_ORACLE_MAIN(bug_hard_coded_batch, ok_batch_divides, ok_batch_size_read, ok_first_batch_only)
