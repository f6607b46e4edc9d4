// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// LeNet-5 as users write it: a module class with TORCH_MODULE, its layers in
// the constructor's init list, forward with torch::max_pool2d and F::relu.
// On 32 × 32 inputs: conv1 → 28, pool → 14, conv2 → 10, pool → 5, so the
// classifier takes 16 × 5 × 5 features.  Each copy below changes one number.
#include "oracle.h"

namespace F = torch::nn::functional;

struct LeNetImpl : torch::nn::Module {
  LeNetImpl()
      : conv1(register_module("conv1", torch::nn::Conv2d(1, 6, 5))),
        conv2(register_module("conv2", torch::nn::Conv2d(6, 16, 5))),
        fc1(register_module("fc1", torch::nn::Linear(16 * 5 * 5, 120))),
        fc2(register_module("fc2", torch::nn::Linear(120, 84))),
        fc3(register_module("fc3", torch::nn::Linear(84, 10))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = torch::max_pool2d(F::relu(conv1(x)), 2);
    x = torch::max_pool2d(F::relu(conv2(x)), 2);
    x = x.view({-1, 16 * 5 * 5});
    // CHECK: :[[@LINE-1]]:11: warning: shape '[-1, 400]' is invalid for input of size 1024: `x` of shape [4, 16, 4, 4] has 1024 = 4 × 16 × 4 × 4 elements, which is not a multiple of 400 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
    // CHECK: :[[@LINE-4]]:35: note: `conv1` (Conv2d(1, 6, kernel_size=5)) maps [4, 1, 28, 28] to [4, 6, 24, 24] (24 = 28 - 5 + 1)
    // CHECK: :[[@LINE-5]]:9: note: `torch::max_pool2d` (kernel_size=2) maps [4, 6, 24, 24] to [4, 6, 12, 12] (12 = (24 - 2) / 2 + 1)
    // CHECK: :[[@LINE-5]]:35: note: `conv2` (Conv2d(6, 16, kernel_size=5)) maps [4, 6, 12, 12] to [4, 16, 8, 8] (8 = 12 - 5 + 1)
    // CHECK: :[[@LINE-6]]:9: note: `torch::max_pool2d` (kernel_size=2) maps [4, 16, 8, 8] to [4, 16, 4, 4] (4 = (8 - 2) / 2 + 1)
    // CHECK: :[[@LINE+121]]:12: note: in the call of `forward` from `bug_lenet_mnist_input` here
    x = F::relu(fc1(x));
    x = F::relu(fc2(x));
    return fc3(x);
  }

  torch::nn::Conv2d conv1, conv2;
  torch::nn::Linear fc1, fc2, fc3;
};
TORCH_MODULE(LeNet);

// fc1 sized for 4 × 4 maps: wrong whatever the input, found in forward itself.
struct LeNetFcImpl : torch::nn::Module {
  LeNetFcImpl()
      : conv1(register_module("conv1", torch::nn::Conv2d(1, 6, 5))),
        conv2(register_module("conv2", torch::nn::Conv2d(6, 16, 5))),
        fc1(register_module("fc1", torch::nn::Linear(16 * 4 * 4, 120))),
        fc2(register_module("fc2", torch::nn::Linear(120, 84))),
        fc3(register_module("fc3", torch::nn::Linear(84, 10))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = torch::max_pool2d(F::relu(conv1(x)), 2);
    x = torch::max_pool2d(F::relu(conv2(x)), 2);
    x = x.view({-1, 16 * 5 * 5});
    x = F::relu(fc1(x));
    // CHECK: :[[@LINE-1]]:17: warning: `fc1` expects 256 input features (Linear(256, 120)) but its input [?, 400] has 400 (16 × 5 × 5) [torch-shape-layer]
    x = F::relu(fc2(x));
    return fc3(x);
  }

  torch::nn::Conv2d conv1, conv2;
  torch::nn::Linear fc1, fc2, fc3;
};
TORCH_MODULE(LeNetFc);

// conv1 padded as for 28 × 28 MNIST digits: on 32 × 32 inputs the maps end
// at 6 × 6, and view cannot make rows of 400.
struct LeNetPadImpl : torch::nn::Module {
  LeNetPadImpl()
      : conv1(register_module("conv1",
                              torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 6, 5).padding(2)))),
        conv2(register_module("conv2", torch::nn::Conv2d(6, 16, 5))),
        fc1(register_module("fc1", torch::nn::Linear(16 * 5 * 5, 120))),
        fc2(register_module("fc2", torch::nn::Linear(120, 84))),
        fc3(register_module("fc3", torch::nn::Linear(84, 10))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = torch::max_pool2d(F::relu(conv1(x)), 2);
    x = torch::max_pool2d(F::relu(conv2(x)), 2);
    x = x.view({-1, 16 * 5 * 5});
    // CHECK: :[[@LINE-1]]:11: warning: shape '[-1, 400]' is invalid for input of size 2304: `x` of shape [4, 16, 6, 6] has 2304 = 4 × 16 × 6 × 6 elements, which is not a multiple of 400 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
    // CHECK: :[[@LINE-4]]:35: note: `conv1` (Conv2d(1, 6, kernel_size=5, padding=2)) maps [4, 1, 32, 32] to [4, 6, 32, 32] (32 = 32 + 2×2 - 5 + 1)
    // CHECK: :[[@LINE-5]]:9: note: `torch::max_pool2d` (kernel_size=2) maps [4, 6, 32, 32] to [4, 6, 16, 16] (16 = (32 - 2) / 2 + 1)
    // CHECK: :[[@LINE-5]]:35: note: `conv2` (Conv2d(6, 16, kernel_size=5)) maps [4, 6, 16, 16] to [4, 16, 12, 12] (12 = 16 - 5 + 1)
    // CHECK: :[[@LINE-6]]:9: note: `torch::max_pool2d` (kernel_size=2) maps [4, 16, 12, 12] to [4, 16, 6, 6] (6 = (12 - 2) / 2 + 1)
    // CHECK: :[[@LINE+52]]:12: note: in the call of `forward` from `bug_lenet_padding` here
    x = F::relu(fc1(x));
    x = F::relu(fc2(x));
    return fc3(x);
  }

  torch::nn::Conv2d conv1, conv2;
  torch::nn::Linear fc1, fc2, fc3;
};
TORCH_MODULE(LeNetPad);

// Flattened with x.size(0): the feature count comes only from the
// arithmetic of the layers, here 16 × 4 × 4 for 28 × 28 digits.
struct DigitNetImpl : torch::nn::Module {
  DigitNetImpl()
      : conv1(register_module("conv1", torch::nn::Conv2d(1, 6, 5))),
        conv2(register_module("conv2", torch::nn::Conv2d(6, 16, 5))),
        fc1(register_module("fc1", torch::nn::Linear(16 * 5 * 5, 120))),
        fc2(register_module("fc2", torch::nn::Linear(120, 10))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = F::max_pool2d(F::relu(conv1(x)), F::MaxPool2dFuncOptions(2));
    x = F::max_pool2d(F::relu(conv2(x)), F::MaxPool2dFuncOptions(2));
    x = x.view({x.size(0), -1});
    return fc2(F::relu(fc1(x)));
    // CHECK: :[[@LINE-1]]:24: warning: `fc1` expects 400 input features (Linear(400, 120)) but its input [8, 256] has 256 (16 × 4 × 4, from view at line [[@LINE-2]]) [torch-shape-layer]
    // CHECK: :[[@LINE-5]]:9: note: `F::max_pool2d` (kernel_size=2) maps [8, 6, 24, 24] to [8, 6, 12, 12] (12 = (24 - 2) / 2 + 1)
    // CHECK: :[[@LINE-5]]:31: note: `conv2` (Conv2d(6, 16, kernel_size=5)) maps [8, 6, 12, 12] to [8, 16, 8, 8] (8 = 12 - 5 + 1)
    // CHECK: :[[@LINE-6]]:9: note: `F::max_pool2d` (kernel_size=2) maps [8, 16, 8, 8] to [8, 16, 4, 4] (4 = (8 - 2) / 2 + 1)
    // CHECK: :[[@LINE+43]]:12: note: in the call of `forward` from `bug_digit_net` here
  }

  torch::nn::Conv2d conv1, conv2;
  torch::nn::Linear fc1, fc2;
};
TORCH_MODULE(DigitNet);

void ok_lenet() {
  LeNet net;
  auto y = net(torch::rand({4, 1, 32, 32}));
  auto z = net->forward(torch::rand({1, 1, 32, 32})).view({10});
}
// RUNTIME: ok_lenet: ok

void bug_lenet_fc1() {
  LeNetFc net;
  auto y = net(torch::rand({4, 1, 32, 32}));
}
// RUNTIME: bug_lenet_fc1: threw: mat1 and mat2 shapes cannot be multiplied (4x400 and 256x120)

void bug_lenet_padding() {
  LeNetPad net;
  auto y = net->forward(torch::rand({4, 1, 32, 32}));
}
// RUNTIME: bug_lenet_padding: threw: shape '[-1, 400]' is invalid for input of size 2304

// The padded LeNet is right for 28 × 28 inputs.
void ok_lenet_padding_mnist() {
  LeNetPad net;
  auto y = net->forward(torch::rand({4, 1, 28, 28}));
}
// RUNTIME: ok_lenet_padding_mnist: ok

// The unpadded LeNet on 28 × 28 digits.
void bug_lenet_mnist_input() {
  LeNet net;
  auto y = net(torch::rand({4, 1, 28, 28}));
}
// RUNTIME: bug_lenet_mnist_input: threw: shape '[-1, 400]' is invalid for input of size 1024

void bug_digit_net() {
  DigitNet net;
  auto y = net(torch::rand({8, 1, 28, 28}));
}
// RUNTIME: bug_digit_net: threw: mat1 and mat2 shapes cannot be multiplied (8x256 and 400x120)

void ok_digit_net_32() {
  DigitNet net;
  auto y = net(torch::rand({8, 1, 32, 32}));
}
// RUNTIME: ok_digit_net_32: ok

TS_ORACLE_MAIN(ok_lenet, bug_lenet_fc1, bug_lenet_padding, ok_lenet_padding_mnist,
               bug_lenet_mnist_input, bug_digit_net, ok_digit_net_32)
