// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Batched iteration with a remainder: each iteration's slice size is known
// (std::min / std::max on known ints, slice, narrow), so a last batch smaller
// than the batch size the code hard-codes is a proven error.
#include "oracle.h"

#include <algorithm>

// --- Bugs ---------------------------------------------------------------------

void bug_last_batch_smaller() {
  constexpr int64_t kBatch = 32;
  const int64_t n = 100;
  auto x = torch::rand({n, 10});
  for (int64_t s = 0; s < n; s += kBatch) {
    auto b = x.slice(0, s, std::min(s + kBatch, n));
    auto v = b.view({kBatch, 10});
    // CHECK: :[[@LINE-1]]:16: warning: shape '[32, 10]' is invalid for input of size 40{{.*}}[torch-shape-view]
  }
}
// RUNTIME: bug_last_batch_smaller: threw: shape '[32, 10]' is invalid for input of size 40

void bug_narrow_past_end() {
  const int64_t n = 50, step = 20;
  auto x = torch::rand({n, 3});
  for (int64_t s = 0; s < n; s += step) {
    auto b = x.narrow(0, s, std::min(step, n - s));
    auto flat = b.reshape({step * 3});
    // CHECK: :[[@LINE-1]]:19: warning: shape '[60]' is invalid for input of size 30{{.*}}[torch-shape-view]
  }
}
// RUNTIME: bug_narrow_past_end: threw: shape '[60]' is invalid for input of size 30

// --- Correct code: silent -----------------------------------------------------

void ok_batches_divide() {
  constexpr int64_t kBatch = 25;
  const int64_t n = 100;
  auto x = torch::rand({n, 10});
  for (int64_t s = 0; s < n; s += kBatch) {
    auto b = x.slice(0, s, std::min(s + kBatch, n));
    auto v = b.view({kBatch, 10});
  }
}
// RUNTIME: ok_batches_divide: ok

void ok_remainder_handled() {
  const int64_t n = 100, bs = 32;
  auto x = torch::rand({n, 10});
  for (int64_t s = 0; s < n; s += bs) {
    const int64_t e = std::min(s + bs, n);
    auto v = x.slice(0, s, e).view({e - s, 10});
    auto w = x.slice(0, std::max<int64_t>(0, e - bs), e).view({bs, 10});
  }
}
// RUNTIME: ok_remainder_handled: ok

TS_ORACLE_MAIN(bug_last_batch_smaller, bug_narrow_past_end, ok_batches_divide,
               ok_remainder_handled)
