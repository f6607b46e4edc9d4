// The seed bug: an image resized to 64x64 RGB, flattened (3 * 64 * 64 = 12288)
// and fed to a Linear layer built for 224x224 grayscale (50176 features).
// LibTorch throws at run time: mat1 and mat2 shapes cannot be multiplied
// (1x12288 and 50176x10).  torchshape reports it before the program runs.
#include <torch/torch.h>
struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(50176, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x.view({x.size(0), -1})); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);
int main() {
  Net net;
  auto image = torch::rand({1, 3, 64, 64});   // resized to 64x64 RGB; the model wants 224x224 grayscale
  auto out = net->forward(image);             // throws at run time: 1x12288 and 50176x10
}
