//===- Shape.h - Tensor shapes with per-axis provenance ------------------===//
//
// A tensor's shape as the analysis knows it: a known or unknown rank, and for
// each axis a symbolic size plus where that size came from ("3 × 64 × 64,
// flattened by view at line 4"), so diagnostics can explain every number.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_SHAPE_SHAPE_H
#define TORCHSHAPE_SHAPE_SHAPE_H

#include "torchshape/Symbolic/Dim.h"
#include "clang/Basic/SourceLocation.h"

#include <memory>
#include <string>
#include <vector>

namespace torchshape {

/// One step in the history of a value: "created by torch::rand with shape
/// [1, 3, 64, 64]".  Immutable and shared, newest first.
struct Origin {
  clang::SourceLocation Loc;
  std::string What;
  std::shared_ptr<const Origin> Prev;
};
using OriginRef = std::shared_ptr<const Origin>;

inline OriginRef addOrigin(OriginRef Prev, clang::SourceLocation Loc,
                           std::string What) {
  return std::make_shared<const Origin>(Origin{Loc, std::move(What), std::move(Prev)});
}

/// One axis: its size and, when it was computed, how.
struct Axis {
  Dim Size;
  /// The arithmetic behind the size, e.g. "3 × 64 × 64"; empty when the size
  /// was written directly.
  std::string Formula;
  /// The operation that produced this size ("view", "flatten"), and where.
  std::string Op;
  clang::SourceLocation OpLoc;
};

class TensorShape {
public:
  static TensorShape unknownRank() { return TensorShape(); }
  static TensorShape ofDims(const std::vector<Dim> &Dims);
  static TensorShape ofAxes(std::vector<Axis> Axes);

  bool hasRank() const { return RankKnown; }
  size_t rank() const { return Axes.size(); }
  const std::vector<Axis> &axes() const { return Axes; }
  std::vector<Axis> &axes() { return Axes; }
  const Axis &axis(size_t I) const { return Axes[I]; }
  std::vector<Dim> dims() const;

  /// Product of all sizes; without a rank or with unknown sizes, the element
  /// count when it is known anyway (all paths of a join agreed on it).
  Dim numel() const;
  void setNumel(Dim N) { KnownNumel = std::move(N); }
  /// "[1, 3, 64, 64]", "[B, ?]" or "[*]" for an unknown rank.
  std::string str() const;
  /// Axis I counted from the end when I < 0, as LibTorch does; nullopt when
  /// out of range or the rank is unknown.
  std::optional<size_t> wrapDim(int64_t I) const;

  /// Same rank and structurally identical sizes.
  bool sameAs(const TensorShape &O) const;
  /// The shape both agree on: differing axes become unknown sizes, differing
  /// ranks an unknown rank.  Never a guess.
  static TensorShape join(const TensorShape &A, const TensorShape &B);

private:
  bool RankKnown = false;
  std::vector<Axis> Axes;
  Dim KnownNumel = Dim::unknown();
};

/// "3 × 64 × 64" for a list of sizes.
std::string formatProduct(const std::vector<Dim> &Dims);

} // namespace torchshape

#endif
