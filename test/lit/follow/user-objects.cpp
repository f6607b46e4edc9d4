// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// User-defined callables and plain classes: a struct with operator() used as
// a layer, classes (not nn::Module) with tensor members set by their
// constructor and read by their methods, static methods, functors kept in
// members, and results returned in std::pair / std::tuple and unpacked.
#include "oracle.h"

#include <tuple>
#include <utility>

// --- Bugs ---------------------------------------------------------------------

struct MyDense {
  torch::Tensor weight, bias;
  MyDense(int64_t in, int64_t out) : weight(torch::randn({out, in})), bias(torch::zeros({out})) {}
  torch::Tensor operator()(const torch::Tensor &x) const {
    return torch::matmul(x, weight.t()) + bias;
    // CHECK: :[[@LINE-1]]:12: warning: `torch::matmul` cannot multiply `x` of shape [4, 20] by the second operand of shape [16, 32]{{.*}}[torch-shape-matmul]
  }
};

void bug_functor_layer() {
  MyDense dense(16, 32);
  auto y = dense(torch::rand({4, 20}));
}
// RUNTIME: bug_functor_layer: threw: mat1 and mat2 shapes cannot be multiplied (4x20 and 16x32)

class Projection {
public:
  Projection(int64_t in, int64_t out) { w_ = torch::randn({in, out}); }
  torch::Tensor apply(const torch::Tensor &x) const { return x.mm(w_); }
  static torch::Tensor rows_of(torch::Tensor x, int64_t n) { return x.view({-1, n}); }
  // CHECK: :[[@LINE-1]]:71: warning: shape '[-1, 7]' is invalid for input of size 8{{.*}}[torch-shape-view]

private:
  torch::Tensor w_;
};

void bug_plain_class_and_static() {
  Projection p(8, 4);
  auto y = p.apply(torch::rand({2, 8}));
  auto z = Projection::rows_of(y, 7);
}
// RUNTIME: bug_plain_class_and_static: threw: shape '[-1, 7]' is invalid for input of size 8

struct Head {
  MyDense proj{64, 10};
  torch::Tensor run(const torch::Tensor &x) { return proj(x.flatten(1)); }
};

void bug_functor_member() {
  Head h;
  auto y = h.run(torch::rand({2, 4, 4, 4})).view({2, 5});
  // CHECK: :[[@LINE-1]]:45: warning: shape '[2, 5]' is invalid for input of size 20{{.*}}[torch-shape-view]
}
// RUNTIME: bug_functor_member: threw: shape '[2, 5]' is invalid for input of size 20

std::pair<torch::Tensor, torch::Tensor> head(const torch::Tensor &x) {
  return {x.view({-1, 4}), x.view({-1, 21})};
}

void bug_pair_unpacked() {
  auto [loc, conf] = head(torch::rand({2, 84}));
  auto r = loc.mm(torch::rand({5, 3}));
  // CHECK: :[[@LINE-1]]:16: warning: `mm` cannot multiply `loc` of shape [42, 4] by the second matrix of shape [5, 3]{{.*}}[torch-shape-matmul]
}
// RUNTIME: bug_pair_unpacked: threw: mat1 and mat2 shapes cannot be multiplied (42x4 and 5x3)

void bug_pair_members() {
  auto out = head(torch::rand({2, 84}));
  auto c = out.second.view({2, 42});
  // CHECK: :[[@LINE-1]]:23: warning: shape '[2, 42]' is invalid for input of size 168{{.*}}[torch-shape-view]
}
// RUNTIME: bug_pair_members: threw: shape '[2, 42]' is invalid for input of size 168

// --- Correct code: silent -----------------------------------------------------

struct Accumulator {
  torch::Tensor total = torch::zeros({3});
  void reset(int64_t n) { total = torch::zeros({n}); }
  torch::Tensor get() const { return total.view({4}); } // after reset(4)
};

void ok_state_changed_by_method() {
  Accumulator a;
  a.reset(4);
  auto t = a.get();
}
// RUNTIME: ok_state_changed_by_method: ok

void ok_copy_keeps_value_semantics() {
  Projection p(8, 4);
  Projection q = p;
  auto y = q.apply(torch::rand({2, 8})).view({8});
}
// RUNTIME: ok_copy_keeps_value_semantics: ok

void ok_tuple_of_size() {
  auto t = std::make_tuple(torch::rand({3, 4}), int64_t{4});
  auto x = std::get<0>(t).view({-1, std::get<1>(t)});
}
// RUNTIME: ok_tuple_of_size: ok

TS_ORACLE_MAIN(bug_functor_layer, bug_plain_class_and_static, bug_functor_member,
               bug_pair_unpacked, bug_pair_members, ok_state_changed_by_method,
               ok_copy_keeps_value_semantics, ok_tuple_of_size)
