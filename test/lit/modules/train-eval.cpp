// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// BatchNorm in training mode (the default until eval()) needs more than one
// value per channel.  The mode is followed through train()/eval() calls that
// are certain to run; under a condition, or in code not seen, it is unknown.
#include "oracle.h"

namespace nn = torch::nn;

struct NetImpl : nn::Module {
  NetImpl() {
    fc = register_module("fc", nn::Linear(8, 4));
    bn = register_module("bn", nn::BatchNorm1d(4));
  }
  torch::Tensor forward(torch::Tensor x) { return bn(fc(x)); }
  nn::Linear fc{nullptr};
  nn::BatchNorm1d bn{nullptr};
};
TORCH_MODULE(Net);

// Inference on one sample, eval() forgotten.
void bug_forgot_eval() {
  Net net;
  auto y = net->forward(torch::rand({1, 8}));
  // CHECK: train-eval.cpp:17:51: warning: `bn` (BatchNorm1d(4)) is in training mode (no eval() reaches it here), so it normalises with the statistics of its input [1, 4], which has only 1 value per channel; call eval() before inference or pass a batch of more than one (LibTorch: Expected more than 1 value per channel when training, got input size [1, 4]) [torch-shape-layer]
  // CHECK: train-eval.cpp:15:32: note: `bn` is configured here as BatchNorm1d(4)
  // CHECK: :[[@LINE-3]]:12: note: in the call of `forward` from `bug_forgot_eval` here, on the NetImpl() built at line [[@LINE-4]], with `x` of shape [1, 8]
}
// RUNTIME: bug_forgot_eval: threw: Expected more than 1 value per channel when training, got input size [1, 4]

void ok_eval() {
  Net net;
  net->eval();
  auto y = net->forward(torch::rand({1, 8}));
}
// RUNTIME: ok_eval: ok

void bug_train_again() {
  nn::BatchNorm2d bn(3);
  bn->eval();
  bn->train();
  auto y = bn(torch::rand({1, 3, 1, 1}));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` (BatchNorm2d(3)) is in training mode {{.*}}got input size [1, 3, 1, 1]) [torch-shape-layer]
}
// RUNTIME: bug_train_again: threw: Expected more than 1 value per channel when training, got input size [1, 3, 1, 1]

void ok_batches() {
  nn::BatchNorm1d bn(4);
  auto a = bn(torch::rand({2, 4}));
  auto b = bn(torch::rand({1, 4, 3}));
  nn::BatchNorm2d bn2(3);
  auto c = bn2(torch::rand({1, 3, 2, 1}));
}
// RUNTIME: ok_batches: ok

// The mode set under a condition is unknown afterwards.
void maybe_eval(bool inference) {
  nn::BatchNorm1d bn(4);
  if (inference)
    bn->eval();
  auto y = bn(torch::rand({1, 4}));
}
void ok_conditional_eval() { maybe_eval(true); }
// RUNTIME: ok_conditional_eval: ok

// A function this file cannot see may switch the mode.
void set_mode(nn::BatchNorm1d &bn);
void set_mode(nn::BatchNorm1d &bn) { bn->eval(); }
void ok_eval_in_helper() {
  nn::BatchNorm1d bn(4);
  set_mode(bn);
  auto y = bn(torch::rand({1, 4}));
}
// RUNTIME: ok_eval_in_helper: ok

// The helper runs again after train(): its eval() applies again.
void ok_helper_twice() {
  nn::BatchNorm1d bn(4);
  set_mode(bn);
  bn->train();
  set_mode(bn);
  auto y = bn(torch::rand({1, 4}));
}
// RUNTIME: ok_helper_twice: ok

void ok_train_flag(bool flag) {
  nn::BatchNorm1d bn(4);
  bn->train(flag);
  auto y = bn(torch::rand({1, 4}));
}
void ok_train_false() { ok_train_flag(false); }
// RUNTIME: ok_train_false: ok

// Without running statistics, batch statistics are used in eval() too.
void bug_no_running_stats() {
  nn::BatchNorm1d bn(nn::BatchNorm1dOptions(4).track_running_stats(false));
  bn->eval();
  auto y = bn(torch::rand({1, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` (BatchNorm1d(4)) keeps no running statistics (track_running_stats=false), so it normalises{{.*}}[torch-shape-layer]
}
// RUNTIME: bug_no_running_stats: threw: Expected more than 1 value per channel when training, got input size [1, 4]

// A module analysed on its own (no construction seen) may be in any mode.
struct HeadImpl : nn::Module {
  HeadImpl() { bn = register_module("bn", nn::BatchNorm1d(4)); }
  torch::Tensor forward() { return bn(torch::rand({1, 4})); }
  nn::BatchNorm1d bn{nullptr};
};
TORCH_MODULE(Head);
void ok_head() {
  Head h;
  h->eval();
  h->forward();
}
// RUNTIME: ok_head: ok

// eval() on a module the analysis cannot name: every mode is unknown after it.
void ok_eval_through_ptr() {
  nn::BatchNorm1d bn(4);
  bn.ptr()->eval();
  auto y = bn(torch::rand({1, 4}));
}
// RUNTIME: ok_eval_through_ptr: ok

TS_ORACLE_MAIN(bug_forgot_eval, ok_eval, bug_train_again, ok_batches, ok_conditional_eval,
               ok_eval_in_helper, ok_helper_twice, ok_train_false, bug_no_running_stats, ok_head,
               ok_eval_through_ptr)
