//===- Shape.cpp - Tensor shapes with per-axis provenance ----------------===//
#include "torchshape/Shape/Shape.h"

namespace torchshape {

TensorShape TensorShape::ofDims(const std::vector<Dim> &Dims) {
  TensorShape S;
  S.RankKnown = true;
  for (const Dim &D : Dims)
    S.Axes.push_back(Axis{D, "", "", {}});
  return S;
}

TensorShape TensorShape::ofAxes(std::vector<Axis> Axes) {
  TensorShape S;
  S.RankKnown = true;
  S.Axes = std::move(Axes);
  return S;
}

std::vector<Dim> TensorShape::dims() const {
  std::vector<Dim> R;
  for (const Axis &A : Axes)
    R.push_back(A.Size);
  return R;
}

Dim TensorShape::numel() const {
  if (!RankKnown)
    return KnownNumel;
  Dim P = product(dims());
  return P.isUnknown() ? KnownNumel : P;
}

std::string TensorShape::str() const {
  if (!RankKnown)
    return "[*]";
  std::string S = "[";
  for (size_t I = 0; I < Axes.size(); ++I)
    S += (I ? ", " : "") + Axes[I].Size.str();
  return S + "]";
}

std::optional<size_t> TensorShape::wrapDim(int64_t I) const {
  if (!RankKnown)
    return std::nullopt;
  int64_t R = static_cast<int64_t>(Axes.size());
  if (I < -R || I >= R)
    return std::nullopt;
  return static_cast<size_t>(I < 0 ? I + R : I);
}

bool TensorShape::sameAs(const TensorShape &O) const {
  if (RankKnown != O.RankKnown || Axes.size() != O.Axes.size())
    return false;
  for (size_t I = 0; I < Axes.size(); ++I)
    if (!Axes[I].Size.sameAs(O.Axes[I].Size))
      return false;
  return true;
}

TensorShape TensorShape::join(const TensorShape &A, const TensorShape &B) {
  TensorShape R;
  if (A.RankKnown && B.RankKnown && A.Axes.size() == B.Axes.size()) {
    R = A;
    for (size_t I = 0; I < A.Axes.size(); ++I)
      if (!A.Axes[I].Size.sameAs(B.Axes[I].Size))
        R.Axes[I] = Axis{Dim::unknown(), "", "", {}};
  }
  // Different shapes may still agree on the element count ([4, 4], [16, 1]).
  Dim NA = A.numel(), NB = B.numel();
  R.KnownNumel = NA.sameAs(NB) ? NA : Dim::unknown();
  return R;
}

std::string formatProduct(const std::vector<Dim> &Dims) {
  std::string S;
  for (const Dim &D : Dims)
    S += (S.empty() ? "" : " × ") + D.str();
  return S;
}

} // namespace torchshape
