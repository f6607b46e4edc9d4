// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Factories whose shape is not a size list in argument 0: literal data,
// foreign memory (the image pipeline's from_blob), and sizes computed from
// scalars.
#include "oracle.h"

#include <vector>

namespace nn = torch::nn;

void bug_literal_nesting() {
  auto w = torch::tensor({{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}});
  auto x = torch::tensor({1.0, 2.0, 3.0});
  auto y = torch::mv(w, x);
  // CHECK: :[[@LINE-1]]:12: warning: {{.*}}[torch-shape-matmul]
}
// RUNTIME: bug_literal_nesting: threw: {{.*}}

void ok_literal_nesting() {
  auto w = torch::tensor({{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}});
  auto x = torch::tensor({1.0, 2.0});
  auto y = torch::mv(w, x).view({3});
  auto s = torch::tensor(3.5).view({1});
  auto one = torch::tensor({5}).view({1});
}
// RUNTIME: ok_literal_nesting: ok

// A grayscale image fed to a network built for RGB.
void bug_blob_grayscale() {
  std::vector<float> pixels(64 * 64);
  auto img = torch::from_blob(pixels.data(), {64, 64, 1}, torch::kFloat);
  auto chw = img.permute({2, 0, 1}).unsqueeze(0);
  nn::Conv2d conv(nn::Conv2dOptions(3, 8, 3));
  auto y = conv(chw);
  // CHECK: :[[@LINE-1]]:12: warning: {{.*}}expected input[1, 1, 64, 64] to have 3 channels, but got 1 channels instead{{.*}}[torch-shape-layer]
}
// RUNTIME: bug_blob_grayscale: threw: Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 1, 64, 64] to have 3 channels, but got 1 channels instead

// HWC memory permuted to CHW is not contiguous: view cannot flatten it.
void bug_blob_view_after_permute() {
  std::vector<float> pixels(32 * 32 * 3);
  auto img = torch::from_blob(pixels.data(), {32, 32, 3}, torch::kFloat);
  auto flat = img.permute({2, 0, 1}).view({1, 3 * 32 * 32});
  // CHECK: :[[@LINE-1]]:38: warning: `view` cannot give the tensor of shape [3, 32, 32] the shape [1, 3072] without copying{{.*}}[torch-shape-view]
}
// RUNTIME: bug_blob_view_after_permute: threw: view size is not compatible with input tensor's size and stride

void ok_blob_pipeline() {
  std::vector<float> pixels(32 * 32 * 3);
  auto img = torch::from_blob(pixels.data(), {32, 32, 3}, torch::kFloat);
  auto x = img.permute({2, 0, 1}).contiguous().view({1, 3 * 32 * 32});
  nn::Linear fc(3 * 32 * 32, 10);
  auto y = fc(x);
  auto z = img.permute({2, 0, 1}).reshape({1, -1});
  auto w = fc(z);
}
// RUNTIME: ok_blob_pipeline: ok

// Explicit strides: the caller's layout, here a column-major matrix.
void ok_blob_strides() {
  std::vector<float> data(6);
  auto m = torch::from_blob(data.data(), {2, 3}, {1, 2}, torch::kFloat);
  auto v = m.t().view({6});
}
// RUNTIME: ok_blob_strides: ok

void bug_blob_strides() {
  std::vector<float> data(6);
  auto m = torch::from_blob(data.data(), {2, 3}, {1, 2}, torch::kFloat);
  auto v = m.view({6});
  // CHECK: :[[@LINE-1]]:14: warning: `view` cannot give `m` of shape [2, 3] the shape [6] without copying: its memory is laid out with strides [1, 2]{{.*}}[torch-shape-view]
}
// RUNTIME: bug_blob_strides: threw: view size is not compatible with input tensor's size and stride

void bug_scalar_sizes() {
  auto i = torch::eye(4);
  auto r = torch::eye(2, 5);
  auto p = torch::mm(i, r);
  // CHECK: :[[@LINE-1]]:12: warning: {{.*}}[4, 4]{{.*}}[2, 5]{{.*}}[torch-shape-matmul]
}
// RUNTIME: bug_scalar_sizes: threw: mat1 and mat2 shapes cannot be multiplied (4x4 and 2x5)

void bug_steps() {
  auto t = torch::linspace(0, 1, 10).view({3, 3});
  // CHECK: :[[@LINE-1]]:38: warning: shape '[3, 3]' is invalid for input of size 10{{.*}}[torch-shape-view]
}
// RUNTIME: bug_steps: threw: shape '[3, 3]' is invalid for input of size 10

void bug_random_ints() {
  auto labels = torch::randint(10, {8});
  auto pairs = torch::randint(0, 5, {4, 6});
  auto perm = torch::randperm(7);
  auto a = labels.view({2, 4});
  auto b = pairs.view({3, 8});
  auto c = perm.view({2, -1});
  // CHECK: :[[@LINE-1]]:17: warning: shape '[2, -1]' is invalid for input of size 7{{.*}}[torch-shape-view]
}
// RUNTIME: bug_random_ints: threw: shape '[2, -1]' is invalid for input of size 7

// A literal built from a std::vector has a length known only at run time.
void ok_vector_data(std::vector<float> values) {
  auto t = torch::tensor(values);
  auto u = t.view({-1, 1});
}
void ok_vector_literal() { ok_vector_data({1.f, 2.f, 3.f}); }
// RUNTIME: ok_vector_literal: ok

TS_ORACLE_MAIN(bug_literal_nesting, ok_literal_nesting, bug_blob_grayscale,
               bug_blob_view_after_permute, ok_blob_pipeline, ok_blob_strides, bug_blob_strides,
               bug_scalar_sizes, bug_steps, bug_random_ints, ok_vector_literal)
