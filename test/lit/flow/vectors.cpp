// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// std::vector of tensors and of sizes: built empty or braced, grown by
// push_back outside loops, read by [i], at(i), back(), size().  Growing in a
// loop, or writing an element, forgets what is not certain.
#include "oracle.h"

#include <vector>

void bug_pushed_then_cat() {
  std::vector<torch::Tensor> features;
  features.push_back(torch::rand({2, 3}));
  features.push_back(torch::rand({2, 4}));
  auto x = torch::cat(features, 1).view({2, 8});
  // CHECK: :[[@LINE-1]]:36: warning: shape '[2, 8]' is invalid for input of size 14{{.*}}[torch-shape-view]
}
// RUNTIME: bug_pushed_then_cat: threw: shape '[2, 8]' is invalid for input of size 14

void bug_element() {
  std::vector<torch::Tensor> outs{torch::rand({2, 3}), torch::rand({4})};
  auto y = outs.at(1).view({2, 3});
  // CHECK: :[[@LINE-1]]:23: warning: shape '[2, 3]' is invalid for input of size 4{{.*}}[torch-shape-view]
}
// RUNTIME: bug_element: threw: shape '[2, 3]' is invalid for input of size 4

void bug_sizes_vector() {
  std::vector<int64_t> shape;
  shape.push_back(3);
  shape.push_back(5);
  auto t = torch::rand({2, 7}).view(shape);
  // CHECK: :[[@LINE-1]]:32: warning: shape '[3, 5]' is invalid for input of size 14{{.*}}[torch-shape-view]
}
// RUNTIME: bug_sizes_vector: threw: shape '[3, 5]' is invalid for input of size 14

void ok_vectors() {
  std::vector<torch::Tensor> outs;
  for (int i = 0; i < 3; ++i)
    outs.push_back(torch::rand({2}));
  auto s = torch::stack(outs).view({6});
  auto parts = torch::rand({4, 6}).chunk(2, 1);
  parts[0] = torch::rand({5});
  auto a = parts[0].view({5});
  std::vector<torch::Tensor> v{torch::rand({2})};
  v.at(0) = torch::rand({3});
  auto b = v.back().view({3});
  auto n = static_cast<int64_t>(v.size());
  auto c = torch::rand({n}).view({1});
  v.clear();
  v.push_back(torch::rand({7}));
  auto d = v[0].view({7});
}
// RUNTIME: ok_vectors: ok

TS_ORACLE_MAIN(bug_pushed_then_cat, bug_element, bug_sizes_vector, ok_vectors)
