// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Patterns of public bug reports: shapes built as std::vector<int64_t> from
// sizes().slice(...).vec() and push_back, then handed to view/expand; images
// whose size depends on the dataset index, stacked by a hand-written collate;
// a helper that updates a size through a reference parameter.
#include "oracle.h"

#include <vector>

// --- Bugs ---------------------------------------------------------------------

void bug_shape_from_sizes() {
  auto x = torch::rand({2, 3, 4});
  std::vector<int64_t> shape = x.sizes().slice(0, 2).vec();
  shape.push_back(5);
  auto y = x.view(shape);
  // CHECK: :[[@LINE-1]]:14: warning: shape '[2, 3, 5]' is invalid for input of size 24{{.*}}[torch-shape-view]
}
// RUNTIME: bug_shape_from_sizes: threw: shape '[2, 3, 5]' is invalid for input of size 24

void bug_tail_sizes() {
  auto x = torch::rand({4, 3, 8});
  auto z = torch::rand({6}).expand(x.sizes().slice(1)); // to [3, 8]
  // CHECK: :[[@LINE-1]]:36: warning: `expand` cannot stretch dimension 1 of size 6 to 8{{.*}}[torch-shape-dim]
}
// RUNTIME: bug_tail_sizes: threw: The expanded size of the tensor (8) must match the existing size (6) at non-singleton dimension 1.  Target sizes: [3, 8].  Tensor sizes: [6]

torch::Tensor load_image(int64_t index) { return torch::rand({3, 32 + index % 2, 32}); }

void bug_collate_index_dependent() {
  std::vector<torch::Tensor> images;
  for (int64_t i = 0; i < 4; ++i)
    images.push_back(load_image(i));
  auto batch = torch::stack(images);
  // CHECK: :[[@LINE-1]]:29: warning: `torch::stack` needs inputs of the same shape, but tensor 0 is [3, 32, 32] and tensor 1 is [3, 33, 32]{{.*}}[torch-shape-concat]
}
// RUNTIME: bug_collate_index_dependent: threw: stack expects each tensor to be equal size, but got [3, 32, 32] at entry 0 and [3, 33, 32] at entry 1

void halve(int64_t &size) { size /= 2; }

void bug_size_through_reference() {
  int64_t side = 64;
  halve(side);
  auto x = torch::rand({1, side, side}).view({1, 64 * 64});
  // CHECK: :[[@LINE-1]]:41: warning: shape '[1, 4096]' is invalid for input of size 1024{{.*}}[torch-shape-view]
}
// RUNTIME: bug_size_through_reference: threw: shape '[1, 4096]' is invalid for input of size 1024

// --- Correct code: silent -----------------------------------------------------

void ok_shape_vector_grown() {
  auto x = torch::rand({2, 3, 4});
  std::vector<int64_t> shape = x.sizes().slice(0, 1).vec();
  shape.push_back(-1);
  auto y = x.view(shape).view({2, 12});
}
// RUNTIME: ok_shape_vector_grown: ok

void ok_inserted_size() {
  auto x = torch::rand({3, 8});
  std::vector<int64_t> s = x.sizes().vec();
  s.insert(s.begin(), 1);
  auto y = x.view(s).view({1, 24});
}
// RUNTIME: ok_inserted_size: ok

void ok_collate_same_size() {
  std::vector<torch::Tensor> images;
  for (int64_t i = 0; i < 4; ++i)
    images.push_back(load_image(2 * i));
  auto batch = torch::stack(images).view({4, 3 * 32 * 32});
}
// RUNTIME: ok_collate_same_size: ok

TS_ORACLE_MAIN(bug_shape_from_sizes, bug_tail_sizes, bug_collate_index_dependent,
               bug_size_through_reference, ok_shape_vector_grown, ok_inserted_size,
               ok_collate_same_size)
