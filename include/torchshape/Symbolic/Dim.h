//===- Dim.h - Symbolic integer arithmetic for tensor dimensions ---------===//
//
// A Dim is an integer expression over constants and named symbols (a batch
// size, a function parameter, `x.size(0)` of an unknown tensor), kept in a
// canonical form: a sum of monomials with integer coefficients.  Operations
// that do not normalise (floor division, modulo, min/max) become opaque atoms
// named by their canonical text, so equal expressions stay equal.
//
// The one question the analysis asks is "are these equal?", answered with
// three values: proven equal, proven different for *every* value the symbols
// can take (each symbol has a lower bound, 1 for sizes), or unknown.
// This file knows nothing of Clang.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_SYMBOLIC_DIM_H
#define TORCHSHAPE_SYMBOLIC_DIM_H

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace torchshape {

/// Three-valued truth: what the analysis can prove about a relation.
enum class Tri { False, True, Unknown };

inline Tri triNot(Tri T) {
  return T == Tri::True ? Tri::False : T == Tri::False ? Tri::True : Tri::Unknown;
}

/// A symbolic integer.  Default-constructed it is the constant 0; `unknown()`
/// is the top element (nothing known; every relation on it is Unknown).
class Dim {
public:
  Dim() = default;
  Dim(int64_t C); // NOLINT: implicit on purpose, constants read naturally.

  /// A named unknown whose values are all integers >= LowerBound.  Two symbols
  /// with the same name are the same symbol.
  static Dim symbol(const std::string &Name, int64_t LowerBound = 1);
  /// A symbol identified by Key but printed as Display (for unknowns whose
  /// natural names collide, like `x.size(0)` of two different tensors `x`).
  static Dim symbol(const std::string &Key, const std::string &Display,
                    int64_t LowerBound = 1);
  static Dim unknown();

  bool isUnknown() const { return Unknown; }
  bool isConstant() const;
  std::optional<int64_t> getConstant() const;

  Dim operator+(const Dim &O) const;
  Dim operator-(const Dim &O) const;
  Dim operator*(const Dim &O) const;
  Dim operator-() const { return Dim(0) - *this; }

  /// A / B when B divides A for every value of the symbols; nullopt otherwise.
  static std::optional<Dim> exactDiv(const Dim &A, const Dim &B);
  /// floor(A / B), B > 0.  Exact quotients normalise; the rest is an atom.
  static Dim floorDiv(const Dim &A, const Dim &B);
  static Dim ceilDiv(const Dim &A, const Dim &B);
  static Dim mod(const Dim &A, const Dim &B);
  static Dim min(const Dim &A, const Dim &B);
  static Dim max(const Dim &A, const Dim &B);

  /// Proven equal / proven different for every symbol value / unknown.
  Tri equals(const Dim &O) const;
  /// Proven A < B for every symbol value / proven A >= B / unknown.
  Tri lessThan(const Dim &O) const;
  /// Whether B divides A for every value (True), for no value (False), or
  /// depends on the symbols (Unknown).  B must be non-zero.
  static Tri divisible(const Dim &A, const Dim &B);

  /// Structural identity of the canonical form (not a proof of anything
  /// when either side is unknown).
  bool sameAs(const Dim &O) const {
    return Unknown == O.Unknown && Terms == O.Terms;
  }

  /// Canonical text, e.g. "12288*B + 3".  Unknown prints as "?".
  std::string str() const;
  /// Canonical text over symbol keys: identifies the value (for memo keys).
  std::string key() const;

  /// A lower bound of the value over all symbol values, if one is known.
  std::optional<int64_t> lowerBound() const;
  /// An upper bound, if one is known (only when no term can grow).
  std::optional<int64_t> upperBound() const;

private:
  // A monomial: sorted (symbol id, power) pairs; empty = the constant term.
  using Monomial = std::vector<std::pair<unsigned, unsigned>>;
  std::map<Monomial, int64_t> Terms; // no zero coefficients
  bool Unknown = false;

  static Dim atom(const std::string &Key, int64_t LowerBound,
                  const std::string &Display = "");
  static Dim makeUnknown();
  std::string render(bool UseKeys) const;
  friend struct DimTestAccess;
};

/// Product of a list of dims (1 for an empty list).
Dim product(const std::vector<Dim> &Dims);

} // namespace torchshape

#endif
