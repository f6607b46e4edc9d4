// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
// RUNTIME: bug_linear: threw: mat1 and mat2 shapes cannot be multiplied (1x12288 and 50176x10)
// RUNTIME-NEXT: ok_linear: ok
//
// Self-test of the runtime oracle harness (test/runtime/oracle.h): one case
// that really throws in LibTorch, one that runs through.

#include "oracle.h"

#include <torch/torch.h>

// A 3x64x64 image flattened to 12288 features fed to a layer expecting
// 1x224x224 = 50176.
void bug_linear() {
  torch::nn::Linear fc(50176, 10);
  fc->forward(torch::rand({1, 3, 64, 64}).view({1, -1}));
}

// The matching single-channel 224x224 input.
void ok_linear() {
  torch::nn::Linear fc(50176, 10);
  fc->forward(torch::rand({1, 1, 224, 224}).view({1, -1}));
}

TS_ORACLE_MAIN(bug_linear, ok_linear)
