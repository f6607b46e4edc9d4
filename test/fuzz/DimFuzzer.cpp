//===- DimFuzzer.cpp - libFuzzer target: Dim arithmetic vs brute force ----===//
//
// Builds two random expressions over the symbols a, b (sizes: >= 1) and small
// constants from the fuzzer's bytes, both as Dims and as trees evaluated
// directly, and checks every answer the symbolic core gives against the
// values at a, b = 1..6:
//   - equals / lessThan / divisible: True or False must hold at every point;
//   - getConstant: the value at every point;
//   - lowerBound / upperBound: bounds of every value.
// A wrong "proven" answer is exactly a false positive of the analysis.
// Build and run: scripts/fuzz-dim.sh.
//
//===----------------------------------------------------------------------===//
#include "torchshape/Symbolic/Dim.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using torchshape::Dim;
using torchshape::Tri;

namespace {

struct Bytes {
  const uint8_t *P;
  size_t N;
  uint8_t next() {
    if (!N)
      return 0;
    --N;
    return *P++;
  }
};

constexpr int64_t Lo = 1, Hi = 6;

struct Node {
  enum Kind { Const, SymA, SymB, Add, Sub, Mul, FloorDiv, Mod, Min, Max } K;
  int64_t C = 0;
  std::unique_ptr<Node> L, R;

  int64_t eval(int64_t A, int64_t B) const {
    switch (K) {
    case Const: return C;
    case SymA: return A;
    case SymB: return B;
    case Add: return L->eval(A, B) + R->eval(A, B);
    case Sub: return L->eval(A, B) - R->eval(A, B);
    case Mul: return L->eval(A, B) * R->eval(A, B);
    case FloorDiv: {
      int64_t X = L->eval(A, B), Y = R->eval(A, B);
      int64_t Q = X / Y;
      return (X % Y != 0 && ((X < 0) != (Y < 0))) ? Q - 1 : Q;
    }
    case Mod: {
      int64_t X = L->eval(A, B), Y = R->eval(A, B);
      int64_t M = X % Y;
      return (M != 0 && ((M < 0) != (Y < 0))) ? M + Y : M;
    }
    case Min: return std::min(L->eval(A, B), R->eval(A, B));
    case Max: return std::max(L->eval(A, B), R->eval(A, B));
    }
    return 0;
  }
  bool positiveEverywhere() const {
    for (int64_t A = Lo; A <= Hi; ++A)
      for (int64_t B = Lo; B <= Hi; ++B)
        if (eval(A, B) <= 0)
          return false;
    return true;
  }
};

std::unique_ptr<Node> build(Bytes &In, int Depth, Dim &Out) {
  auto N = std::make_unique<Node>();
  uint8_t Op = In.next();
  if (Depth == 0 || Op % 10 < 3) {
    switch (Op % 3) {
    case 0:
      N->K = Node::Const;
      N->C = static_cast<int64_t>(In.next() % 9) - 4;
      Out = Dim(N->C);
      break;
    case 1:
      N->K = Node::SymA;
      Out = Dim::symbol("a");
      break;
    default:
      N->K = Node::SymB;
      Out = Dim::symbol("b");
      break;
    }
    return N;
  }
  Dim L, R;
  N->L = build(In, Depth - 1, L);
  N->R = build(In, Depth - 1, R);
  switch (Op % 10) {
  case 3: N->K = Node::Add; Out = L + R; break;
  case 4: N->K = Node::Sub; Out = L - R; break;
  case 5: N->K = Node::Mul; Out = L * R; break;
  case 6:
  case 7:
    // Division and modulo by something positive only: what the analysis asks.
    if (!N->R->positiveEverywhere()) {
      N->K = Node::Add;
      Out = L + R;
      break;
    }
    N->K = Op % 10 == 6 ? Node::FloorDiv : Node::Mod;
    Out = N->K == Node::FloorDiv ? Dim::floorDiv(L, R) : Dim::mod(L, R);
    break;
  case 8: N->K = Node::Min; Out = Dim::min(L, R); break;
  default: N->K = Node::Max; Out = Dim::max(L, R); break;
  }
  return N;
}

[[noreturn]] void fail(const char *What, const Dim &X, const Dim &Y, int64_t A, int64_t B) {
  std::fprintf(stderr, "wrong %s: x = %s, y = %s, at a = %lld, b = %lld\n", What,
               X.str().c_str(), Y.str().c_str(), (long long)A, (long long)B);
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Bytes In{Data, Size};
  Dim X, Y;
  std::unique_ptr<Node> NX = build(In, 4, X), NY = build(In, 4, Y);
  if (X.isUnknown() || Y.isUnknown())
    return 0;
  Tri Eq = X.equals(Y), Lt = X.lessThan(Y);
  Tri Div = NY->positiveEverywhere() ? Dim::divisible(X, Y) : Tri::Unknown;
  std::optional<int64_t> C = X.getConstant(), LB = X.lowerBound(), UB = X.upperBound();
  for (int64_t A = Lo; A <= Hi; ++A)
    for (int64_t B = Lo; B <= Hi; ++B) {
      int64_t VX = NX->eval(A, B), VY = NY->eval(A, B);
      if ((Eq == Tri::True && VX != VY) || (Eq == Tri::False && VX == VY))
        fail("equals", X, Y, A, B);
      if ((Lt == Tri::True && !(VX < VY)) || (Lt == Tri::False && VX < VY))
        fail("lessThan", X, Y, A, B);
      if ((Div == Tri::True && VX % VY != 0) || (Div == Tri::False && VX % VY == 0))
        fail("divisible", X, Y, A, B);
      if (C && *C != VX)
        fail("getConstant", X, Y, A, B);
      if ((LB && VX < *LB) || (UB && VX > *UB))
        fail("bounds", X, Y, A, B);
    }
  return 0;
}
