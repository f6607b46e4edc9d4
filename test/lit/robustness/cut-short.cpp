// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:" --implicit-check-not="incomplete"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Never stop silently.  A helper chain 10 calls deep is followed by default;
// nested loops whose trips multiply (60 × 60 × 60 bodies) are unrolled up to
// a budget and summarised past it, so the code after them is still analysed.
// When an analysis is cut short (--max-call-depth, --max-steps, nesting),
// a gap says where and why, and the run says that it was.
#include "oracle.h"

torch::Tensor f10(torch::Tensor x) { return x.view({5, -1}); }
// CHECK: :[[@LINE-1]]:47: warning: shape '[5, -1]' is invalid for input of size 6: {{.*}} [torch-shape-view]
torch::Tensor f9(torch::Tensor x) { return f10(x); }
torch::Tensor f8(torch::Tensor x) { return f9(x); }
torch::Tensor f7(torch::Tensor x) { return f8(x); }
torch::Tensor f6(torch::Tensor x) { return f7(x); }
torch::Tensor f5(torch::Tensor x) { return f6(x); }
torch::Tensor f4(torch::Tensor x) { return f5(x); }
torch::Tensor f3(torch::Tensor x) { return f4(x); }
torch::Tensor f2(torch::Tensor x) { return f3(x); }
torch::Tensor f1(torch::Tensor x) { return f2(x); }
void helper_chain() { f1(torch::zeros({2, 3})); }
// RUNTIME: helper_chain: threw: shape '[5, -1]' is invalid for input of size 6

void nested_loops() {
  auto x = torch::zeros({2, 3});
  int64_t rows = 0;
  for (int i = 0; i < 60; ++i)
    for (int j = 0; j < 60; ++j)
      for (int k = 0; k < 60; ++k)
        rows += x.size(0);
  x.view({7, -1});
  // CHECK: :[[@LINE-1]]:5: warning: shape '[7, -1]' is invalid for input of size 6: {{.*}} [torch-shape-view]
}
// RUNTIME: nested_loops: threw: shape '[7, -1]' is invalid for input of size 6

TS_ORACLE_MAIN(helper_chain, nested_loops)

// The loops past the unrolling budget are gaps, not a silent stop.
// RUN: not %torchshape --explain-gaps %s -- %flags 2>/dev/null | FileCheck %s --check-prefix=LOOPS
// LOOPS: cut-short.cpp:31:7: gap: loop not unrolled: the function's budget of 4096 unrolled iterations is spent; the loop is analysed for any number of iterations
// LOOPS: cut-short.cpp:30:5: gap: loop not unrolled: the function's budget of 4096 unrolled iterations is spent; the loop is analysed for any number of iterations
//
// Calls followed 4 deep: the chain's end is not reached, and the run says so.
// RUN: not %torchshape --max-call-depth=4 --explain-gaps %s -- %flags 2>&1 | FileCheck %s --check-prefix=DEPTH
// DEPTH: cut-short.cpp:19:44: gap: call depth limit: f5 is 5 calls deep; calls are followed 4 deep
// DEPTH: torchshape: note: analysis incomplete in 1 function; the gaps above say where
// RUN: not %torchshape --max-call-depth=4 %s -- %flags 2>&1 | FileCheck %s --check-prefix=DEPTH-NOTE
// DEPTH-NOTE: torchshape: note: analysis incomplete in 1 function; --explain-gaps says where
//
// A step budget too small for the functions: each stops with a gap.
// RUN: %torchshape --max-steps=5 --explain-gaps %s -- %flags 2>&1 | FileCheck %s --check-prefix=STEPS
// STEPS: gap: analysis budget exhausted: more than 5 evaluation steps in this function; the rest of it is not analysed
// STEPS: torchshape: note: analysis incomplete in {{[0-9]+}} functions; the gaps above say where
//
// JSON and SARIF carry where the analysis stopped short.
// RUN: not %torchshape --max-call-depth=4 --format=json %s -- %flags 2>/dev/null | FileCheck %s --check-prefix=JSON
// JSON:      "check": "torchshape-analysis-incomplete",
// JSON-NEXT: "level": "note",
// JSON-NEXT: "file": "{{.*}}cut-short.cpp",
// JSON-NEXT: "line": 19,
// JSON-NEXT: "column": 44,
// JSON-NEXT: "message": "analysis incomplete: call depth limit: f5 is 5 calls deep; calls are followed 4 deep",
// RUN: not %torchshape --max-call-depth=4 --format=sarif %s -- %flags 2>/dev/null | FileCheck %s --check-prefix=SARIF
// SARIF:      "toolExecutionNotifications": [
// SARIF-NEXT:   {
// SARIF-NEXT:     "level": "note",
// SARIF-NEXT:     "message": {
// SARIF-NEXT:       "text": "Analysis incomplete: call depth limit: f5 is 5 calls deep; calls are followed 4 deep."
// SARIF:          "startLine": 19,
// SARIF:          "descriptor": {
// SARIF-NEXT:       "id": "analysis-incomplete"
