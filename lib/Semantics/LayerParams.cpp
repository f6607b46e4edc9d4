//===- LayerParams.cpp - A LibTorch layer's parameters and configuration -===//
//
// The counts follow each layer's reset() in LibTorch 1.13 (torch/csrc/api/
// src/nn/modules/*.cpp): what it passes to register_parameter, with the
// options' defaults when an option was never set.  Running statistics are
// buffers, not parameters.
//
//===----------------------------------------------------------------------===//
#include "torchshape/Semantics/LayerParams.h"
#include "torchshape/Semantics/ApiTable.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <cstdio>
#include <set>

namespace torchshape {

namespace {

/// An int option: its value, the default when never set, nullopt when set
/// to something not known.
std::optional<Dim> intOption(const ModuleValue &M, const std::string &Name,
                             std::optional<Dim> Default) {
  const Value *P = M.param(Name);
  if (!P)
    return Default;
  if (P->isInt() && !P->Int.isUnknown())
    return P->Int;
  return std::nullopt;
}

std::optional<bool> boolOption(const ModuleValue &M, const std::string &Name, bool Default) {
  const Value *P = M.param(Name);
  if (!P)
    return Default;
  Tri T = P->truth();
  if (T == Tri::Unknown)
    return std::nullopt;
  return T == Tri::True;
}

/// The product of an ExpandingArray<D> option: an int stands for D equal
/// sizes, a list of D for itself.
std::optional<Dim> sizeProduct(const Value *P, size_t D) {
  if (!P)
    return std::nullopt;
  if (P->isInt() && !P->Int.isUnknown()) {
    Dim R(1);
    for (size_t I = 0; I < D; ++I)
      R = R * P->Int;
    return R;
  }
  if (P->isIntList() && (D == 0 || P->Elems.size() == D)) {
    Dim R(1);
    for (const Value &E : P->Elems) {
      if (!E.isInt() || E.Int.isUnknown())
        return std::nullopt;
      R = R * E.Int;
    }
    return R;
  }
  return std::nullopt;
}

size_t spatialRank(llvm::StringRef Kind) {
  if (Kind.size() >= 2 && Kind.back() == 'd' && Kind[Kind.size() - 2] >= '1' &&
      Kind[Kind.size() - 2] <= '3')
    return Kind[Kind.size() - 2] - '0';
  return 0;
}

std::optional<Dim> convParams(const ModuleValue &M, bool Transposed) {
  size_t D = spatialRank(M.Kind);
  auto In = intOption(M, "in_channels", std::nullopt);
  auto Out = intOption(M, "out_channels", std::nullopt);
  auto Groups = intOption(M, "groups", Dim(1));
  auto K = sizeProduct(M.param("kernel_size"), D);
  auto Bias = boolOption(M, "bias", true);
  if (!D || !In || !Out || !Groups || !K || !Bias)
    return std::nullopt;
  // weight: [out, in / groups, *k], transposed [in, out / groups, *k].
  auto PerGroup = Dim::exactDiv(Transposed ? *Out : *In, *Groups);
  if (!PerGroup)
    return std::nullopt;
  Dim Weight = (Transposed ? *In : *Out) * *PerGroup * *K;
  return *Bias ? Weight + *Out : Weight;
}

std::optional<Dim> recurrentParams(const ModuleValue &M) {
  llvm::StringRef Kind = M.Kind;
  bool Cell = Kind.ends_with("Cell");
  int64_t Gates = Kind.starts_with("LSTM") ? 4 : Kind.starts_with("GRU") ? 3 : 1;
  auto In = intOption(M, "input_size", std::nullopt);
  auto H = intOption(M, "hidden_size", std::nullopt);
  auto Bias = boolOption(M, "bias", true);
  if (!In || !H || !Bias)
    return std::nullopt;
  Dim G = Dim(Gates) * *H;
  if (Cell) // w_ih [G, in], w_hh [G, H], b_ih and b_hh [G]
    return G * *In + G * *H + (*Bias ? Dim(2) * G : Dim(0));
  auto Layers = intOption(M, "num_layers", Dim(1));
  auto Bidi = boolOption(M, "bidirectional", false);
  auto Proj = Kind == "LSTM" ? intOption(M, "proj_size", Dim(0)) : std::optional<Dim>(Dim(0));
  if (!Layers || !Bidi || !Proj)
    return std::nullopt;
  Dim Dirs(*Bidi ? 2 : 1);
  bool HasProj = !Proj->getConstant() || *Proj->getConstant() != 0;
  if (HasProj && !Proj->getConstant())
    return std::nullopt; // whether there is a projection at all is unknown
  Dim Real = HasProj ? *Proj : *H; // the size of h
  // Per layer and direction: w_ih [G, in_l], w_hh [G, Real], biases [G]
  // each, w_hr [proj, H]; in_l is input_size, then Real × directions.
  Dim Rest = G * Real + (*Bias ? Dim(2) * G : Dim(0)) + (HasProj ? *Proj * *H : Dim(0));
  Dim First = Dirs * (G * *In + Rest);
  Dim Later = (*Layers - Dim(1)) * Dirs * (G * Real * Dirs + Rest);
  return First + Later;
}

std::string valueText(const Value &V) {
  if (V.isInt())
    return V.Int.str();
  if (V.Kind == ValueKind::Bool)
    return V.Bool == Tri::True ? "true" : V.Bool == Tri::False ? "false" : "?";
  if (V.Kind == ValueKind::Real) {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "%g", V.Real);
    return Buf;
  }
  if (V.isIntList()) {
    bool Same = !V.Elems.empty();
    for (const Value &E : V.Elems)
      Same = Same && E.isInt() && E.Int.sameAs(V.Elems.front().Int);
    if (Same)
      return valueText(V.Elems.front());
    std::string S = "(";
    for (size_t I = 0; I < V.Elems.size(); ++I)
      S += (I ? ", " : "") + valueText(V.Elems[I]);
    return S + ")";
  }
  return "?";
}

const LayerEntry *entryOf(llvm::StringRef Kind) {
  for (const LayerEntry &L : allLayers())
    if (L.Kind == Kind)
      return &L;
  return nullptr;
}

} // namespace

std::optional<Dim> layerParameterCount(const ModuleValue &M) {
  if (M.IsOptions || M.Kind.empty())
    return std::nullopt;
  llvm::StringRef Kind = M.Kind;
  if (Kind == "Linear") {
    auto In = intOption(M, "in_features", std::nullopt);
    auto Out = intOption(M, "out_features", std::nullopt);
    auto Bias = boolOption(M, "bias", true);
    if (!In || !Out || !Bias)
      return std::nullopt;
    return *In * *Out + (*Bias ? *Out : Dim(0));
  }
  if (Kind.starts_with("ConvTranspose"))
    return convParams(M, true);
  if (Kind.starts_with("Conv"))
    return convParams(M, false);
  if (Kind.starts_with("BatchNorm") || Kind.starts_with("InstanceNorm")) {
    // weight and bias [num_features] when affine (BatchNorm's default,
    // not InstanceNorm's); running_mean/var are buffers.
    auto N = intOption(M, "num_features", std::nullopt);
    auto Affine = boolOption(M, "affine", Kind.starts_with("BatchNorm"));
    if (!N || !Affine)
      return std::nullopt;
    return *Affine ? Dim(2) * *N : Dim(0);
  }
  if (Kind == "GroupNorm") {
    auto C = intOption(M, "num_channels", std::nullopt);
    auto Affine = boolOption(M, "affine", true);
    if (!C || !Affine)
      return std::nullopt;
    return *Affine ? Dim(2) * *C : Dim(0);
  }
  if (Kind == "LayerNorm") {
    // LibTorch 1.13: weight and bias of normalized_shape when
    // elementwise_affine (it has no separate bias option).
    const Value *Shape = M.param("normalized_shape");
    auto N = Shape && Shape->isIntList() ? sizeProduct(Shape, 0) : sizeProduct(Shape, 1);
    auto Affine = boolOption(M, "elementwise_affine", true);
    if (!N || !Affine)
      return std::nullopt;
    return *Affine ? Dim(2) * *N : Dim(0);
  }
  if (Kind == "Embedding") {
    auto N = intOption(M, "num_embeddings", std::nullopt);
    auto D = intOption(M, "embedding_dim", std::nullopt);
    if (!N || !D)
      return std::nullopt;
    return *N * *D;
  }
  if (Kind == "PReLU")
    return intOption(M, "num_parameters", Dim(1));
  if (Kind == "LSTM" || Kind == "GRU" || Kind == "RNN" || Kind == "LSTMCell" ||
      Kind == "GRUCell" || Kind == "RNNCell")
    return recurrentParams(M);
  // Layers whose reset() registers no parameter.
  static const llvm::StringSet<> NoParameters = {
      "ReLU", "Sigmoid", "Tanh", "Dropout", "Dropout2d", "Dropout3d", "AlphaDropout",
      "FeatureAlphaDropout", "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d",
      "AvgPool3d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d",
      "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "Upsample", "Flatten",
      "Unflatten", "Softmax", "LogSoftmax", "Softmin", "LeakyReLU", "GELU", "ELU", "SELU",
      "CELU", "ReLU6", "RReLU", "Hardtanh", "Hardshrink", "Softshrink", "Softplus", "SiLU",
      "Mish", "Softsign", "Tanhshrink", "LogSigmoid", "Identity", "Threshold",
      "CrossEntropyLoss", "NLLLoss", "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss"};
  if (NoParameters.contains(Kind))
    return Dim(0);
  return std::nullopt;
}

std::string layerConfigText(const ModuleValue &M) {
  if (M.Kind.empty())
    return M.UserClass ? "" : "?";
  llvm::StringRef Kind = M.Kind;
  const LayerEntry *L = entryOf(Kind);
  std::vector<std::string> Parts;
  std::set<std::string> Shown;
  auto Add = [&](const std::string &Name, const std::string &Label) {
    Shown.insert(Name);
    if (const Value *P = M.param(Name))
      Parts.push_back((Label.empty() ? "" : Label + "=") + valueText(*P));
  };
  bool Conv = Kind.starts_with("Conv");
  bool Pool = Kind.contains("Pool") && !Kind.starts_with("Adaptive");
  if (Conv || Pool) {
    // Conv2d(3, 16, k=3, s=1, p=1): the window options always, with
    // LibTorch's defaults; the rest when set.
    if (Conv) {
      Add("in_channels", "");
      Add("out_channels", "");
    }
    auto Window = [&](const std::string &Name, const std::string &Label, const Value *Default) {
      Shown.insert(Name);
      const Value *P = M.param(Name);
      if (!P)
        P = Default;
      Parts.push_back(Label + "=" + (P ? valueText(*P) : std::string("?")));
    };
    Value One = Value::ofInt(1), Zero = Value::ofInt(0);
    Window("kernel_size", "k", nullptr);
    Window("stride", "s", Conv ? &One : M.param("kernel_size"));
    Window("padding", "p", &Zero);
    Shown.insert("dilation");
    if (const Value *P = M.param("dilation"))
      if (!(P->isInt() && P->Int.getConstant() == std::optional<int64_t>(1)))
        Parts.push_back("d=" + valueText(*P));
  } else if (L) {
    for (llvm::StringRef Name : L->Positional)
      Add(Name.str(), "");
  }
  for (const auto &[Name, V] : M.Params)
    if (!Shown.count(Name))
      Parts.push_back(Name + "=" + valueText(V));
  std::string S = Kind.str() + "(";
  for (size_t I = 0; I < Parts.size(); ++I)
    S += (I ? ", " : "") + Parts[I];
  return S + ")";
}

} // namespace torchshape
