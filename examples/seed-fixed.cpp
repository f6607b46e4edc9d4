// The seed program, corrected: the image is resized to 224x224 grayscale,
// the size the model was built for.  torchshape stays silent.
#include <torch/torch.h>
struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(50176, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x.view({x.size(0), -1})); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);
int main() {
  Net net;
  auto image = torch::rand({1, 1, 224, 224});
  auto out = net->forward(image);
}
