// RUN: %torchshape %s -- %flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Copies of an at::Tensor share one TensorImpl: an in-place shape change
// through one name (or inside a function given a copy) changes them all.
// Found as false positives by the corpus run; every case here runs.
#include "oracle.h"

void ok_resize_through_alias() {
  auto a = torch::rand({4});
  auto b = a;
  b.resize_({2, 3});
  auto c = a.view({3, 2});
}
// RUNTIME: ok_resize_through_alias: ok

void shrink(torch::Tensor t) { t.resize_({5}); }

void ok_resize_in_callee() {
  auto a = torch::rand({2, 2});
  shrink(a);
  auto c = a.view({5});
}
// RUNTIME: ok_resize_in_callee: ok

void ok_unsqueeze_in_place_alias() {
  auto a = torch::rand({3});
  auto b = a;
  b.unsqueeze_(0);
  auto c = a.view({1, 3}).squeeze(0).view({3});
  auto d = a.size(0) == 1 ? a.view({3}) : a;
}
// RUNTIME: ok_unsqueeze_in_place_alias: ok

TS_ORACLE_MAIN(ok_resize_through_alias, ok_resize_in_callee, ok_unsqueeze_in_place_alias)
