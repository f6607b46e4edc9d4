// Two bugs for the HTML report's test (html-report.test runs this file's
// oracle: both cases throw in LibTorch).
#include "oracle.h"

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(784, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x.flatten(1)); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

void view_bug() {
  Net net;
  auto images = torch::rand({8, 1, 28, 28});
  auto logits = net(images);
  auto wrong = logits.view({8, 3});
}

void broadcast_bug() {
  Net net;
  auto logits = net(torch::rand({8, 1, 28, 28}));
  auto sum = logits + torch::ones({8, 3});
}

TS_ORACLE_MAIN(view_bug, broadcast_bug)
