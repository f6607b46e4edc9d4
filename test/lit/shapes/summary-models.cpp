// RUN: %torchshape --summary %s -- %flags 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torchshape --summary: a table per model called with a known input, its
// layers nested (user sub-modules, Sequential children, ModuleList members),
// configurations, input and output shapes, and parameter counts.  Every
// count is the one LibTorch's parameters() gives at run time (the RUNTIME
// lines), layer by layer for the zoo of layer kinds.
#include "oracle.h"

// The seed example's model, on the input it was built for.
struct SeedNetImpl : torch::nn::Module {
  SeedNetImpl() : fc(register_module("fc", torch::nn::Linear(50176, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x.view({x.size(0), -1})); }
  torch::nn::Linear fc;
};
TORCH_MODULE(SeedNet);

void seed() {
  SeedNet net;
  auto out = net->forward(torch::rand({1, 1, 224, 224}));
  ts_oracle_print_parameters("seed", *net);
}
// CHECK: summary-models.cpp:[[@LINE-3]]:14: model summary of `net` (SeedNetImpl)
// CHECK:      Layer (path) Layer (configuration) Input shape Output shape Param #
// CHECK:      net SeedNetImpl [1, 1, 224, 224] [1, 10] 501,770
// CHECK-NEXT:   net.fc Linear(50176, 10) [1, 50176] [1, 10] 501,770
// CHECK:      Total params: 501,770
// CHECK-NEXT: Params size (float32): 2.01 MB (2,007,080 bytes)
// RUNTIME:      seed parameters: 501770
// RUNTIME-NEXT: seed: ok

struct BlockImpl : torch::nn::Module {
  BlockImpl(int64_t in, int64_t out)
      : conv(register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1)))),
        bn(register_module("bn", torch::nn::BatchNorm2d(out))) {}
  torch::Tensor forward(torch::Tensor x) { return torch::relu(bn(conv(x))); }
  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d bn;
};
TORCH_MODULE(Block);

struct CnnImpl : torch::nn::Module {
  CnnImpl() {
    features = register_module("features", torch::nn::Sequential(
        Block(3, 16), torch::nn::MaxPool2d(2), Block(16, 32), torch::nn::MaxPool2d(2)));
    heads = register_module("heads", torch::nn::ModuleList());
    for (int i = 0; i < 2; ++i)
      heads->push_back(torch::nn::Linear(32 * 8 * 8, 10));
    drop = register_module("drop", torch::nn::Dropout(0.5));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = features->forward(x);
    x = drop(x.flatten(1));
    return heads[0]->as<torch::nn::Linear>()->forward(x);
  }
  torch::nn::Sequential features{nullptr};
  torch::nn::ModuleList heads{nullptr};
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(Cnn);
void cnn() {
  Cnn net;
  auto y = net->forward(torch::rand({4, 3, 32, 32}));
  ts_oracle_print_parameters("cnn", *net);
}
// CHECK: summary-models.cpp:[[@LINE-3]]:12: model summary of `net` (CnnImpl)
// CHECK:      net CnnImpl [4, 3, 32, 32] [4, 10] 46,164
// CHECK-NEXT:   net.features Sequential [4, 3, 32, 32] [4, 32, 8, 8] 5,184
// CHECK-NEXT:     net.features.0 BlockImpl [4, 3, 32, 32] [4, 16, 32, 32] 480
// CHECK-NEXT:       net.features.0.conv Conv2d(3, 16, k=3, s=1, p=1) [4, 3, 32, 32] [4, 16, 32, 32] 448
// CHECK-NEXT:       net.features.0.bn BatchNorm2d(16) [4, 16, 32, 32] [4, 16, 32, 32] 32
// CHECK-NEXT:     net.features.1 MaxPool2d(k=2, s=2, p=0) [4, 16, 32, 32] [4, 16, 16, 16] 0
// CHECK-NEXT:     net.features.2 BlockImpl [4, 16, 16, 16] [4, 32, 16, 16] 4,704
// CHECK-NEXT:       net.features.2.conv Conv2d(16, 32, k=3, s=1, p=1) [4, 16, 16, 16] [4, 32, 16, 16] 4,640
// CHECK-NEXT:       net.features.2.bn BatchNorm2d(32) [4, 32, 16, 16] [4, 32, 16, 16] 64
// CHECK-NEXT:     net.features.3 MaxPool2d(k=2, s=2, p=0) [4, 32, 16, 16] [4, 32, 8, 8] 0
// CHECK-NEXT:   net.heads ModuleList not called not called 40,980
// CHECK-NEXT:     net.heads.0 Linear(2048, 10) [4, 2048] [4, 10] 20,490
// CHECK-NEXT:     net.heads.1 Linear(2048, 10) not called not called 20,490
// CHECK-NEXT:   net.drop Dropout(0.5) [4, 2048] [4, 2048] 0
// CHECK-NEXT: =====
// CHECK-NEXT: Total params: 46,164
// RUNTIME:      cnn parameters: 46164
// RUNTIME-NEXT: cnn: ok

// The batch size a parameter: a symbol, printed by its name (the function
// analysed on its own holds for every caller).
void batched(int64_t batch) {
  Cnn net;
  auto y = net(torch::rand({batch, 3, 32, 32}));
}
void batched_case() { batched(2); }
// CHECK: summary-models.cpp:[[@LINE-3]]:12: model summary of `net` (CnnImpl)
// CHECK:      net CnnImpl [batch, 3, 32, 32] [batch, 10] 46,164
// CHECK:          net.features.3 MaxPool2d(k=2, s=2, p=0) [batch, 32, 16, 16] [batch, 32, 8, 8] 0
// CHECK:      Total params: 46,164
// RUNTIME:      batched_case: ok


struct TaggerImpl : torch::nn::Module {
  TaggerImpl(int64_t vocab, int64_t hidden)
      : emb(register_module("emb", torch::nn::Embedding(vocab, 32))),
        lstm(register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(32, hidden).num_layers(2).bidirectional(true)))),
        norm(register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({2 * hidden})))),
        out(register_module("out", torch::nn::Linear(torch::nn::LinearOptions(2 * hidden, 5).bias(false)))) {
    scale = register_parameter("scale", torch::ones({5}));
  }
  torch::Tensor forward(torch::Tensor tokens) {
    auto e = emb(tokens);
    auto y = std::get<0>(lstm(e));
    return out(norm(y)) * scale;
  }
  torch::nn::Embedding emb;
  torch::nn::LSTM lstm;
  torch::nn::LayerNorm norm;
  torch::nn::Linear out;
  torch::Tensor scale;
};
TORCH_MODULE(Tagger);


void tagger() {
  Tagger tagger(1000, 64);
  auto y = tagger->forward(torch::randint(1000, {7, 3}));
  ts_oracle_print_parameters("tagger", *tagger);
}
// A registered parameter counts too (scale: 5).
// CHECK: summary-models.cpp:[[@LINE-4]]:12: model summary of `tagger` (TaggerImpl)
// CHECK:      tagger TaggerImpl [7, 3] [7, 3, 5] 182,405
// CHECK-NEXT:   tagger.emb Embedding(1000, 32) [7, 3] [7, 3, 32] 32,000
// CHECK-NEXT:   tagger.lstm LSTM(32, 64, bidirectional=true, num_layers=2) [7, 3, 32] ([7, 3, 128], ([4, 3, 64], [4, 3, 64])) 149,504
// CHECK-NEXT:   tagger.norm LayerNorm(128) [7, 3, 128] [7, 3, 128] 256
// CHECK-NEXT:   tagger.out Linear(128, 5, bias=false) [7, 3, 128] [7, 3, 5] 640
// CHECK:      Total params: 182,405
// RUNTIME:      tagger parameters: 182405
// RUNTIME-NEXT: tagger: ok

struct ZooImpl : torch::nn::Module {
  ZooImpl()
      : grouped(register_module("grouped", torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 16, {3, 5}).groups(4).bias(false)))),
        up(register_module("up", torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(16, 6, 2).stride(2).groups(2)))),
        gn(register_module("gn", torch::nn::GroupNorm(2, 6))),
        inorm(register_module("inorm", torch::nn::InstanceNorm2d(torch::nn::InstanceNorm2dOptions(6).affine(true)))),
        act(register_module("act", torch::nn::PReLU(torch::nn::PReLUOptions().num_parameters(6)))),
        seq1d(register_module("seq1d", torch::nn::Conv1d(torch::nn::Conv1dOptions(6, 4, 3)))),
        gru(register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(4, 10).num_layers(3)))),
        proj(register_module("proj", torch::nn::LSTM(torch::nn::LSTMOptions(10, 12).proj_size(5).bidirectional(true)))),
        cell(register_module("cell", torch::nn::RNNCell(torch::nn::RNNCellOptions(10, 7).bias(false)))) {}
  torch::Tensor forward(torch::Tensor x) {
    x = act(inorm(gn(up(grouped(x)))));
    return x;
  }
  torch::nn::Conv2d grouped;
  torch::nn::ConvTranspose2d up;
  torch::nn::GroupNorm gn;
  torch::nn::InstanceNorm2d inorm;
  torch::nn::PReLU act;
  torch::nn::Conv1d seq1d;
  torch::nn::GRU gru;
  torch::nn::LSTM proj;
  torch::nn::RNNCell cell;
};
TORCH_MODULE(Zoo);

void zoo() {
  Zoo z;
  z->forward(torch::rand({2, 8, 10, 10}));
  ts_oracle_print_parameters("zoo", *z);
  for (const auto &c : z->named_children())
    ts_oracle_print_parameters(c.key().c_str(), *c.value());
}
// Layers registered but not called are listed, and counted.
// CHECK: summary-models.cpp:[[@LINE-6]]:3: model summary of `z` (ZooImpl)
// CHECK:      z ZooImpl [2, 8, 10, 10] [2, 6, 16, 12] 4,455
// CHECK-NEXT:   z.grouped Conv2d(8, 16, k=(3, 5), s=1, p=0, bias=false, groups=4) [2, 8, 10, 10] [2, 16, 8, 6] 480
// CHECK-NEXT:   z.up ConvTranspose2d(16, 6, k=2, s=2, p=0, groups=2) [2, 16, 8, 6] [2, 6, 16, 12] 198
// CHECK-NEXT:   z.gn GroupNorm(2, 6) [2, 6, 16, 12] [2, 6, 16, 12] 12
// CHECK-NEXT:   z.inorm InstanceNorm2d(6, affine=true) [2, 6, 16, 12] [2, 6, 16, 12] 12
// CHECK-NEXT:   z.act PReLU(num_parameters=6) [2, 6, 16, 12] [2, 6, 16, 12] 6
// CHECK-NEXT:   z.seq1d Conv1d(6, 4, k=3, s=1, p=0) not called not called 76
// CHECK-NEXT:   z.gru GRU(4, 10, num_layers=3) not called not called 1,800
// CHECK-NEXT:   z.proj LSTM(10, 12, bidirectional=true, proj_size=5) not called not called 1,752
// CHECK-NEXT:   z.cell RNNCell(10, 7, bias=false) not called not called 119
// CHECK:      Total params: 4,455
// RUNTIME:      zoo parameters: 4455
// RUNTIME-NEXT: grouped parameters: 480
// RUNTIME-NEXT: up parameters: 198
// RUNTIME-NEXT: gn parameters: 12
// RUNTIME-NEXT: inorm parameters: 12
// RUNTIME-NEXT: act parameters: 6
// RUNTIME-NEXT: seq1d parameters: 76
// RUNTIME-NEXT: gru parameters: 1800
// RUNTIME-NEXT: proj parameters: 1752
// RUNTIME-NEXT: cell parameters: 119
// RUNTIME-NEXT: zoo: ok

// A parameter registered under a condition the analysis cannot decide: the
// count is not proven, and the summary says so (never a guess).
struct MaybeBiasImpl : torch::nn::Module {
  explicit MaybeBiasImpl(bool with_bias) : fc(register_module("fc", torch::nn::Linear(8, 4))) {
    if (with_bias)
      b = register_parameter("b", torch::zeros({4}));
  }
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
  torch::Tensor b;
};
TORCH_MODULE(MaybeBias);

void maybe(bool with_bias) {
  MaybeBias m(with_bias);
  m->forward(torch::rand({2, 8}));
  ts_oracle_print_parameters("maybe", *m);
}
void maybe_case() { maybe(true); }
// CHECK: summary-models.cpp:[[@LINE-4]]:3: model summary of `m` (MaybeBiasImpl)
// CHECK:      m MaybeBiasImpl [2, 8] [2, 4] unknown
// CHECK-NEXT:   m.fc Linear(8, 4) [2, 8] [2, 4] 36
// CHECK:      Total params: unknown (not every module's parameters are known here)
// CHECK-NEXT: Params size (float32): unknown
// RUNTIME:      maybe parameters: 40
// RUNTIME-NEXT: maybe_case: ok

TS_ORACLE_MAIN(seed, cnn, batched_case, tagger, zoo, maybe_case)
