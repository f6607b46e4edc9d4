//===- DimTest.cpp - Unit tests of the symbolic dimension library ---------===//
//
// Symbols are interned process-wide by name, and the first registration fixes
// a symbol's lower bound.  So every name below is used with one bound only:
//   A, B, C, H, W   lower bound 1 (the default, a tensor size)
//   Z0              lower bound 0
//   L4              lower bound 4
//   U, V            unbounded below
//
//===----------------------------------------------------------------------===//
#include "torchshape/Symbolic/Dim.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <ostream>

namespace torchshape {
// Readable failure messages for Tri.
inline std::ostream &operator<<(std::ostream &OS, Tri T) {
  return OS << (T == Tri::True ? "True" : T == Tri::False ? "False" : "Unknown");
}
} // namespace torchshape

namespace {

using torchshape::Dim;
using torchshape::product;
using torchshape::Tri;
using torchshape::triNot;

constexpr int64_t I64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t I64Min = std::numeric_limits<int64_t>::min();

Dim A() { return Dim::symbol("A"); }
Dim B() { return Dim::symbol("B"); }
Dim C() { return Dim::symbol("C"); }
Dim H() { return Dim::symbol("H"); }
Dim W() { return Dim::symbol("W"); }
Dim Z0() { return Dim::symbol("Z0", 0); }
Dim L4() { return Dim::symbol("L4", 4); }
Dim U() { return Dim::symbol("U", I64Min); }
Dim V() { return Dim::symbol("V", I64Min); }

/// Asserts that two dims have the same canonical form (and prints both).
::testing::AssertionResult same(const Dim &X, const Dim &Y) {
  if (X.sameAs(Y))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "\"" << X.str() << "\" is not the same as \"" << Y.str() << "\"";
}

/// PyTorch's Conv/Pool output size: floor((H + 2p - d(k-1) - 1) / s) + 1.
Dim convOut(const Dim &In, int64_t K, int64_t S, int64_t P, int64_t D) {
  return Dim::floorDiv(In + Dim(2 * P) - Dim(D * (K - 1)) - Dim(1), Dim(S)) +
         Dim(1);
}

//===----------------------------------------------------------------------===//
// Construction and constants
//===----------------------------------------------------------------------===//

TEST(DimConstant, DefaultIsZero) {
  Dim Z;
  EXPECT_TRUE(Z.isConstant());
  EXPECT_FALSE(Z.isUnknown());
  EXPECT_EQ(Z.getConstant(), std::optional<int64_t>(0));
  EXPECT_TRUE(same(Z, Dim(0)));
  EXPECT_EQ(Z.str(), "0");
}

TEST(DimConstant, ConstantsAreConstant) {
  EXPECT_TRUE(Dim(7).isConstant());
  EXPECT_EQ(Dim(7).getConstant(), std::optional<int64_t>(7));
  EXPECT_EQ(Dim(-3).getConstant(), std::optional<int64_t>(-3));
  EXPECT_EQ(Dim(I64Min).getConstant(), std::optional<int64_t>(I64Min));
}

TEST(DimConstant, SymbolsAndUnknownAreNotConstant) {
  EXPECT_FALSE(B().isConstant());
  EXPECT_EQ(B().getConstant(), std::nullopt);
  EXPECT_FALSE((B() + Dim(1)).isConstant());
  EXPECT_FALSE(Dim::unknown().isConstant());
  EXPECT_EQ(Dim::unknown().getConstant(), std::nullopt);
  EXPECT_TRUE(Dim::unknown().isUnknown());
  EXPECT_FALSE(B().isUnknown());
}

TEST(DimConstant, SameNameIsSameSymbol) {
  EXPECT_TRUE(same(Dim::symbol("B"), Dim::symbol("B")));
  EXPECT_FALSE(Dim::symbol("B").sameAs(Dim::symbol("C")));
  EXPECT_TRUE(same(Dim::symbol("B") - Dim::symbol("B"), Dim(0)));
}

TEST(DimConstant, ConstantArithmetic) {
  EXPECT_EQ((Dim(3) + Dim(4)).getConstant(), std::optional<int64_t>(7));
  EXPECT_EQ((Dim(3) - Dim(4)).getConstant(), std::optional<int64_t>(-1));
  EXPECT_EQ((Dim(3) * Dim(-4)).getConstant(), std::optional<int64_t>(-12));
  EXPECT_EQ((-Dim(5)).getConstant(), std::optional<int64_t>(-5));
  EXPECT_EQ((Dim(5) * Dim(0)).getConstant(), std::optional<int64_t>(0));
}

TEST(DimConstant, KeyIdentifiesDisplayOnlyPrints) {
  // Two different tensors both called `x`: same display, different keys.
  Dim X1 = Dim::symbol("x#1.size(0)", "x.size(0)");
  Dim X2 = Dim::symbol("x#2.size(0)", "x.size(0)");
  EXPECT_FALSE(X1.sameAs(X2));
  EXPECT_EQ(X1.equals(X2), Tri::Unknown);
  EXPECT_TRUE(same(X1, Dim::symbol("x#1.size(0)", "x.size(0)")));
  EXPECT_EQ(X1.str(), "x.size(0)");
  EXPECT_EQ(X1.key(), "x#1.size(0)");
  EXPECT_EQ(X1.lowerBound(), std::optional<int64_t>(1));
  EXPECT_EQ((Dim(3) * X2 + Dim(1)).key(), "3*x#2.size(0) + 1");
  // Opaque atoms are keyed by their operands' keys, printed by display names.
  Dim H1 = Dim::floorDiv(X1, Dim(2)), H2 = Dim::floorDiv(X2, Dim(2));
  EXPECT_EQ(H1.str(), "floor((x.size(0)) / (2))");
  EXPECT_EQ(H2.str(), "floor((x.size(0)) / (2))");
  EXPECT_FALSE(H1.sameAs(H2));
  EXPECT_FALSE(Dim::mod(X1, Dim(2)).sameAs(Dim::mod(X2, Dim(2))));
  EXPECT_FALSE(Dim::min(X1, Dim(3)).sameAs(Dim::min(X2, Dim(3))));
  EXPECT_FALSE(Dim::max(X1, Dim(3)).sameAs(Dim::max(X2, Dim(3))));
  EXPECT_TRUE(same(Dim::min(X1, Dim(3)), Dim::min(Dim(3), X1)));
}

//===----------------------------------------------------------------------===//
// Canonical form
//===----------------------------------------------------------------------===//

TEST(DimCanonical, ConstantFactorsFold) {
  Dim X = B() * Dim(3) * Dim(64) * Dim(64);
  Dim Y = B() * Dim(12288);
  EXPECT_TRUE(same(X, Y));
  EXPECT_EQ(X.str(), "12288*B");
  EXPECT_EQ(X.equals(Y), Tri::True);
  // Order of the factors does not matter.
  EXPECT_TRUE(same(Dim(64) * B() * Dim(64) * Dim(3), Y));
}

TEST(DimCanonical, Commutativity) {
  EXPECT_TRUE(same(B() * C(), C() * B()));
  EXPECT_TRUE(same(B() + C(), C() + B()));
  EXPECT_TRUE(same(Dim(5) + B(), B() + Dim(5)));
  EXPECT_EQ((C() * B()).str(), "B*C");
  EXPECT_EQ((C() + B()).str(), "B + C");
}

TEST(DimCanonical, Associativity) {
  EXPECT_TRUE(same((A() * B()) * C(), A() * (B() * C())));
  EXPECT_TRUE(same((A() + B()) + C(), A() + (B() + C())));
}

TEST(DimCanonical, Distributivity) {
  Dim L = (A() + B()) * C();
  Dim R = A() * C() + B() * C();
  EXPECT_TRUE(same(L, R));
  EXPECT_EQ(L.str(), "A*C + B*C");
  EXPECT_TRUE(same(C() * (A() + B()), R));
  EXPECT_TRUE(same((B() + Dim(2)) * Dim(3), B() * Dim(3) + Dim(6)));
}

TEST(DimCanonical, PolynomialExpansion) {
  Dim Sq = (B() + Dim(1)) * (B() + Dim(1));
  EXPECT_EQ(Sq.str(), "B^2 + 2*B + 1");
  EXPECT_TRUE(same(Sq, B() * B() + Dim(2) * B() + Dim(1)));
  // (B+1)(B-1) = B^2 - 1: the linear terms cancel out of the normal form.
  Dim Diff = (B() + Dim(1)) * (B() - Dim(1));
  EXPECT_TRUE(same(Diff, B() * B() - Dim(1)));
  EXPECT_EQ(Diff.str(), "B^2 - 1");
}

TEST(DimCanonical, CancellationLeavesNoZeroTerms) {
  Dim X = (B() + Dim(3)) - B() - Dim(3);
  EXPECT_TRUE(X.isConstant());
  EXPECT_EQ(X.getConstant(), std::optional<int64_t>(0));
  EXPECT_TRUE(same(X, Dim()));
  Dim Y = B() * C() + B() - C() * B();
  EXPECT_TRUE(same(Y, B()));
  EXPECT_EQ(Y.str(), "B");
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

TEST(DimStr, Constants) {
  EXPECT_EQ(Dim(0).str(), "0");
  EXPECT_EQ(Dim(3).str(), "3");
  EXPECT_EQ(Dim(-5).str(), "-5");
  EXPECT_EQ(Dim(I64Max).str(), "9223372036854775807");
  EXPECT_EQ(Dim(I64Min).str(), "-9223372036854775808");
}

TEST(DimStr, UnknownIsQuestionMark) { EXPECT_EQ(Dim::unknown().str(), "?"); }

TEST(DimStr, CoefficientsAndSigns) {
  EXPECT_EQ(B().str(), "B");
  EXPECT_EQ((B() * Dim(12288)).str(), "12288*B");
  EXPECT_EQ((B() * Dim(12288) + Dim(3)).str(), "12288*B + 3");
  EXPECT_EQ((-B()).str(), "-B");
  EXPECT_EQ((Dim(3) - B()).str(), "-B + 3");
  EXPECT_EQ((Dim(-2) * B() - Dim(3)).str(), "-2*B - 3");
  EXPECT_EQ((B() - Dim(2) * C()).str(), "B - 2*C");
}

TEST(DimStr, Powers) {
  EXPECT_EQ((B() * B()).str(), "B^2");
  EXPECT_EQ((B() * B() * B()).str(), "B^3");
  EXPECT_EQ((B() * B() * C()).str(), "B^2*C");
  EXPECT_EQ((C() * C() * B()).str(), "B*C^2");
  EXPECT_EQ((Dim(4) * C() * B() * B()).str(), "4*B^2*C");
}

TEST(DimStr, HigherDegreeFirstConstantLast) {
  Dim X = Dim(7) + B() + B() * C() + C() * C() * C();
  EXPECT_EQ(X.str(), "C^3 + B*C + B + 7");
}

//===----------------------------------------------------------------------===//
// equals
//===----------------------------------------------------------------------===//

TEST(DimEquals, TrueForIdenticalNormalForms) {
  EXPECT_EQ((B() * Dim(12288)).equals(B() * Dim(3) * Dim(64) * Dim(64)),
            Tri::True);
  EXPECT_EQ(Dim(5).equals(Dim(2) + Dim(3)), Tri::True);
  EXPECT_EQ(((A() + B()) * C()).equals(A() * C() + C() * B()), Tri::True);
  EXPECT_EQ(Dim(0).equals(Dim()), Tri::True);
}

TEST(DimEquals, FalseForDifferentConstants) {
  EXPECT_EQ(Dim(12288).equals(Dim(50176)), Tri::False);
  EXPECT_EQ(Dim(50176).equals(Dim(12288)), Tri::False);
  EXPECT_EQ(Dim(-1).equals(Dim(1)), Tri::False);
}

TEST(DimEquals, FalseByLowerBoundOfSymbols) {
  // 12288*B - 50176*B = -37888*B < 0 for every B >= 1.
  EXPECT_EQ((B() * Dim(12288)).equals(B() * Dim(50176)), Tri::False);
  EXPECT_EQ((B() * Dim(50176)).equals(B() * Dim(12288)), Tri::False);
  EXPECT_EQ((B() + Dim(1)).equals(B()), Tri::False);
  EXPECT_EQ(B().equals(B() + Dim(1)), Tri::False);
  // B*C + 1 > 0 = 0.
  EXPECT_EQ((B() * C() + Dim(1)).equals(Dim(0)), Tri::False);
  // L4 >= 4, so L4 == 3 is impossible, L4 == 4 is possible.
  EXPECT_EQ(L4().equals(Dim(3)), Tri::False);
  EXPECT_EQ(L4().equals(Dim(4)), Tri::Unknown);
}

TEST(DimEquals, LowerBoundZeroDoesNotProveDifference) {
  // With Z0 = 0 both sides are 0, so this must stay Unknown.
  EXPECT_EQ((Z0() * Dim(12288)).equals(Z0() * Dim(50176)), Tri::Unknown);
  EXPECT_EQ(Z0().equals(Dim(0)), Tri::Unknown);
  EXPECT_EQ(Z0().equals(Dim(-1)), Tri::False);
}

TEST(DimEquals, FalseByGcd) {
  // 2*B is even, 3 is odd: no value of B makes them equal.
  EXPECT_EQ((Dim(2) * B()).equals(Dim(3)), Tri::False);
  // Also for unbounded symbols, where no bound argument applies.
  EXPECT_EQ((Dim(2) * U()).equals(Dim(3)), Tri::False);
  EXPECT_EQ((Dim(4) * U() + Dim(6) * V()).equals(Dim(3)), Tri::False);
  EXPECT_EQ((Dim(4) * U() + Dim(6) * V()).equals(Dim(2)), Tri::Unknown);
  EXPECT_EQ((Dim(2) * U()).equals(Dim(4)), Tri::Unknown);
}

TEST(DimEquals, UnknownWhenSymbolsDecide) {
  EXPECT_EQ(B().equals(Dim(3)), Tri::Unknown);
  EXPECT_EQ(Dim(3).equals(B()), Tri::Unknown);
  EXPECT_EQ((B() * C()).equals(Dim(12288)), Tri::Unknown);
  EXPECT_EQ(B().equals(C()), Tri::Unknown);
  EXPECT_EQ((Dim(2) * U()).equals(U()), Tri::Unknown);
  EXPECT_EQ(U().equals(Dim(-7)), Tri::Unknown);
}

TEST(DimEquals, UnknownOperandGivesUnknown) {
  EXPECT_EQ(Dim::unknown().equals(Dim(3)), Tri::Unknown);
  EXPECT_EQ(Dim(3).equals(Dim::unknown()), Tri::Unknown);
  // Structurally identical, but "?" == "?" proves nothing.
  EXPECT_TRUE(Dim::unknown().sameAs(Dim::unknown()));
  EXPECT_EQ(Dim::unknown().equals(Dim::unknown()), Tri::Unknown);
}

TEST(DimEquals, TriNot) {
  EXPECT_EQ(triNot(Tri::True), Tri::False);
  EXPECT_EQ(triNot(Tri::False), Tri::True);
  EXPECT_EQ(triNot(Tri::Unknown), Tri::Unknown);
}

//===----------------------------------------------------------------------===//
// lessThan and bounds
//===----------------------------------------------------------------------===//

TEST(DimLessThan, Constants) {
  EXPECT_EQ(Dim(3).lessThan(Dim(5)), Tri::True);
  EXPECT_EQ(Dim(5).lessThan(Dim(3)), Tri::False);
  EXPECT_EQ(Dim(3).lessThan(Dim(3)), Tri::False);
  EXPECT_EQ(Dim(-4).lessThan(Dim(-3)), Tri::True);
}

TEST(DimLessThan, Symbolic) {
  EXPECT_EQ(B().lessThan(B() + Dim(1)), Tri::True);
  EXPECT_EQ((B() + Dim(1)).lessThan(B()), Tri::False);
  EXPECT_EQ(B().lessThan(B()), Tri::False);
  EXPECT_EQ(Dim(0).lessThan(B()), Tri::True);  // B >= 1
  EXPECT_EQ(B().lessThan(Dim(1)), Tri::False); // B >= 1
  EXPECT_EQ(B().lessThan(Dim(0)), Tri::False);
  EXPECT_EQ(B().lessThan(Dim(2) * B()), Tri::True);
  EXPECT_EQ(B().lessThan(Dim(3)), Tri::Unknown);
  EXPECT_EQ(B().lessThan(C()), Tri::Unknown);
  EXPECT_EQ(Dim(3).lessThan(L4()), Tri::True);
  EXPECT_EQ(Dim(4).lessThan(L4()), Tri::Unknown);
}

TEST(DimLessThan, UnboundedAndUnknown) {
  EXPECT_EQ(Dim(0).lessThan(U()), Tri::Unknown);
  EXPECT_EQ(U().lessThan(U() + Dim(1)), Tri::True); // constant difference
  EXPECT_EQ(Dim::unknown().lessThan(Dim(1)), Tri::Unknown);
  EXPECT_EQ(Dim(1).lessThan(Dim::unknown()), Tri::Unknown);
}

TEST(DimBounds, LowerAndUpper) {
  EXPECT_EQ(Dim(7).lowerBound(), std::optional<int64_t>(7));
  EXPECT_EQ(Dim(7).upperBound(), std::optional<int64_t>(7));
  EXPECT_EQ((B() * Dim(12288) + Dim(5)).lowerBound(),
            std::optional<int64_t>(12293));
  EXPECT_EQ((B() * Dim(12288) + Dim(5)).upperBound(), std::nullopt);
  EXPECT_EQ((Dim(3) - B()).upperBound(), std::optional<int64_t>(2));
  EXPECT_EQ((Dim(3) - B()).lowerBound(), std::nullopt);
  EXPECT_EQ((B() - C()).lowerBound(), std::nullopt);
  EXPECT_EQ(L4().lowerBound(), std::optional<int64_t>(4));
  EXPECT_EQ((L4() * L4() * B()).lowerBound(), std::optional<int64_t>(16));
  EXPECT_EQ(Z0().lowerBound(), std::optional<int64_t>(0));
  EXPECT_EQ(U().lowerBound(), std::nullopt);
  EXPECT_EQ(Dim::unknown().lowerBound(), std::nullopt);
  EXPECT_EQ(Dim::unknown().upperBound(), std::nullopt);
}

//===----------------------------------------------------------------------===//
// exactDiv
//===----------------------------------------------------------------------===//

TEST(DimExactDiv, RecoversSymbolFromProduct) {
  // view(-1, 12288) on a [B, 3, 64, 64] tensor infers -1 = B.
  Dim Numel = product({B(), Dim(3), Dim(64), Dim(64)});
  auto Q = Dim::exactDiv(Numel, Dim(12288));
  ASSERT_TRUE(Q.has_value());
  EXPECT_TRUE(same(*Q, B()));
  EXPECT_EQ(Q->str(), "B");
}

TEST(DimExactDiv, DivideBySymbol) {
  auto Q = Dim::exactDiv(B() * Dim(12288), B());
  ASSERT_TRUE(Q.has_value());
  EXPECT_EQ(Q->getConstant(), std::optional<int64_t>(12288));

  auto Q2 = Dim::exactDiv(Dim(4) * B() * C(), Dim(2) * C());
  ASSERT_TRUE(Q2.has_value());
  EXPECT_TRUE(same(*Q2, Dim(2) * B()));

  auto Q3 = Dim::exactDiv(B() * B(), B());
  ASSERT_TRUE(Q3.has_value());
  EXPECT_TRUE(same(*Q3, B()));
}

TEST(DimExactDiv, SumsAndSelf) {
  auto Q = Dim::exactDiv(B() * Dim(12288) + Dim(4096), Dim(4096));
  ASSERT_TRUE(Q.has_value());
  EXPECT_TRUE(same(*Q, Dim(3) * B() + Dim(1)));

  auto Q2 = Dim::exactDiv(B() * C() + B(), B());
  ASSERT_TRUE(Q2.has_value());
  EXPECT_TRUE(same(*Q2, C() + Dim(1)));

  auto Self = Dim::exactDiv(B() + Dim(1), B() + Dim(1));
  ASSERT_TRUE(Self.has_value());
  EXPECT_EQ(Self->getConstant(), std::optional<int64_t>(1));

  auto Zero = Dim::exactDiv(Dim(0), B());
  ASSERT_TRUE(Zero.has_value());
  EXPECT_EQ(Zero->getConstant(), std::optional<int64_t>(0));
}

TEST(DimExactDiv, NegativeCoefficients) {
  auto Q = Dim::exactDiv(Dim(-6) * B(), Dim(3));
  ASSERT_TRUE(Q.has_value());
  EXPECT_TRUE(same(*Q, Dim(-2) * B()));
  auto Q2 = Dim::exactDiv(Dim(6), Dim(-3));
  ASSERT_TRUE(Q2.has_value());
  EXPECT_EQ(Q2->getConstant(), std::optional<int64_t>(-2));
}

TEST(DimExactDiv, NonExactIsNullopt) {
  EXPECT_EQ(Dim::exactDiv(Dim(12288), Dim(1000)), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(B() * Dim(12288) + Dim(5), Dim(4)), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(B() + Dim(1), Dim(2)), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(B(), C()), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(Dim(12288), B()), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(B(), B() * B()), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(B() * C() + Dim(1), B()), std::nullopt);
}

TEST(DimExactDiv, ZeroDivisorAndUnknown) {
  EXPECT_EQ(Dim::exactDiv(Dim(6), Dim(0)), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(B(), Dim(0)), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(Dim::unknown(), Dim(2)), std::nullopt);
  EXPECT_EQ(Dim::exactDiv(Dim(2), Dim::unknown()), std::nullopt);
}

//===----------------------------------------------------------------------===//
// divisible
//===----------------------------------------------------------------------===//

TEST(DimDivisible, Constants) {
  EXPECT_EQ(Dim::divisible(Dim(12288), Dim(4096)), Tri::True);
  EXPECT_EQ(Dim::divisible(Dim(12288), Dim(1000)), Tri::False);
  EXPECT_EQ(Dim::divisible(Dim(12), Dim(-4)), Tri::True);
  EXPECT_EQ(Dim::divisible(Dim(0), Dim(7)), Tri::True);
}

TEST(DimDivisible, SymbolicTrue) {
  EXPECT_EQ(Dim::divisible(B() * Dim(12288), Dim(4)), Tri::True);
  EXPECT_EQ(Dim::divisible(B() * Dim(12288) + Dim(8), Dim(4)), Tri::True);
  EXPECT_EQ(Dim::divisible(B() * Dim(12288), B()), Tri::True);
  EXPECT_EQ(Dim::divisible(B() * C(), C()), Tri::True);
}

TEST(DimDivisible, SymbolicFalse) {
  // 12288*B is a multiple of 4 for every B, 5 is not.
  EXPECT_EQ(Dim::divisible(B() * Dim(12288) + Dim(5), Dim(4)), Tri::False);
  EXPECT_EQ(Dim::divisible(Dim(2) * B() + Dim(1), Dim(2)), Tri::False);
}

TEST(DimDivisible, SymbolicUnknown) {
  EXPECT_EQ(Dim::divisible(B(), Dim(3)), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(Dim(2) * B(), Dim(4)), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(Dim(7), B()), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(B(), C()), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(Dim::unknown(), Dim(2)), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(Dim(4), Dim::unknown()), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(Dim(4), Dim(0)), Tri::Unknown);
}

//===----------------------------------------------------------------------===//
// floorDiv and the convolution formula
//===----------------------------------------------------------------------===//

TEST(DimFloorDiv, Constants) {
  EXPECT_EQ(Dim::floorDiv(Dim(7), Dim(2)).getConstant(),
            std::optional<int64_t>(3));
  EXPECT_EQ(Dim::floorDiv(Dim(8), Dim(2)).getConstant(),
            std::optional<int64_t>(4));
  EXPECT_EQ(Dim::floorDiv(Dim(-7), Dim(2)).getConstant(),
            std::optional<int64_t>(-4)); // floor, not truncation
  EXPECT_EQ(Dim::floorDiv(Dim(-8), Dim(2)).getConstant(),
            std::optional<int64_t>(-4));
  EXPECT_EQ(Dim::floorDiv(Dim(0), Dim(5)).getConstant(),
            std::optional<int64_t>(0));
  EXPECT_EQ(Dim::floorDiv(Dim(1), Dim(5)).getConstant(),
            std::optional<int64_t>(0));
}

TEST(DimFloorDiv, ConvOutputWithConstants) {
  auto Out = [](int64_t In, int64_t K, int64_t S, int64_t P, int64_t D) {
    return convOut(Dim(In), K, S, P, D).getConstant();
  };
  // Conv2d(k=3, s=1, p=1): size preserved.
  EXPECT_EQ(Out(64, 3, 1, 1, 1), std::optional<int64_t>(64));
  // Conv2d(k=3, s=2, p=1): floor(63 / 2) + 1 = 32.
  EXPECT_EQ(Out(64, 3, 2, 1, 1), std::optional<int64_t>(32));
  EXPECT_EQ(Out(65, 3, 2, 1, 1), std::optional<int64_t>(33));
  // ResNet stem: Conv2d(k=7, s=2, p=3) on 224 -> 112.
  EXPECT_EQ(Out(224, 7, 2, 3, 1), std::optional<int64_t>(112));
  // LeNet: Conv2d(k=5) on 28 -> 24.
  EXPECT_EQ(Out(28, 5, 1, 0, 1), std::optional<int64_t>(24));
  // MaxPool2d(2) on 24 -> 12, on 25 -> 12.
  EXPECT_EQ(Out(24, 2, 2, 0, 1), std::optional<int64_t>(12));
  EXPECT_EQ(Out(25, 2, 2, 0, 1), std::optional<int64_t>(12));
  // Dilation 2, k=3, p=2: size preserved.
  EXPECT_EQ(Out(32, 3, 1, 2, 2), std::optional<int64_t>(32));
  // Dilation 2, k=3, p=0: 32 - 4 = 28.
  EXPECT_EQ(Out(32, 3, 1, 0, 2), std::optional<int64_t>(28));
}

TEST(DimFloorDiv, ConvOutputSymbolicStrideOne) {
  // "same" padding keeps a symbolic size exactly.
  EXPECT_TRUE(same(convOut(H(), 3, 1, 1, 1), H()));
  // No padding: H - 2.
  EXPECT_TRUE(same(convOut(H(), 3, 1, 0, 1), H() - Dim(2)));
  EXPECT_TRUE(same(convOut(H(), 5, 1, 0, 1), H() - Dim(4)));
}

TEST(DimFloorDiv, ConvOutputSymbolicStrideDividesCoefficients) {
  // H = 2*W: floor((2W - 1) / 2) + 1 = W.
  EXPECT_TRUE(same(convOut(Dim(2) * W(), 3, 2, 1, 1), W()));
  // H = 4*W: floor((4W - 1) / 2) + 1 = 2W.
  EXPECT_TRUE(same(convOut(Dim(4) * W(), 3, 2, 1, 1), Dim(2) * W()));
  // H = 224*B (a multiple of 2): floor((224B - 1) / 2) + 1 = 112B.
  EXPECT_TRUE(same(convOut(Dim(224) * B(), 7, 2, 3, 1), Dim(112) * B()));
  // MaxPool2d(2) on 2*W: W.
  EXPECT_TRUE(same(convOut(Dim(2) * W(), 2, 2, 0, 1), W()));
}

TEST(DimFloorDiv, SplitsWhenDivisorDividesSymbolicPart) {
  EXPECT_TRUE(same(Dim::floorDiv(Dim(6) * B() + Dim(7), Dim(3)),
                   Dim(2) * B() + Dim(2)));
  EXPECT_TRUE(same(Dim::floorDiv(Dim(6) * B() - Dim(7), Dim(3)),
                   Dim(2) * B() - Dim(3)));
  EXPECT_TRUE(same(Dim::floorDiv(Dim(6) * B() + Dim(6) * C() + Dim(1), Dim(3)),
                   Dim(2) * B() + Dim(2) * C()));
}

TEST(DimFloorDiv, ExactSymbolicQuotient) {
  EXPECT_TRUE(same(Dim::floorDiv(B() * C(), C()), B()));
  EXPECT_TRUE(same(Dim::floorDiv(B() * Dim(12288), Dim(12288)), B()));
}

TEST(DimFloorDiv, NonNormalisingIsStableAtom) {
  Dim Conv = convOut(H(), 3, 2, 1, 1);
  EXPECT_FALSE(Conv.isConstant());
  EXPECT_FALSE(Conv.isUnknown());
  EXPECT_EQ(Conv.str(), "floor((H - 1) / (2)) + 1");
  // Recomputing the same expression gives the same atom.
  EXPECT_TRUE(same(Conv, convOut(H(), 3, 2, 1, 1)));
  EXPECT_EQ(Conv.equals(convOut(H(), 3, 2, 1, 1)), Tri::True);
  // floor((H-1)/2) >= 0 since H >= 1, so the output is at least 1.
  EXPECT_EQ(Conv.lowerBound(), std::optional<int64_t>(1));
  EXPECT_EQ(Dim(0).lessThan(Conv), Tri::True);
  // A different expression is not claimed equal or different.
  EXPECT_EQ(Conv.equals(Dim::floorDiv(H(), Dim(2))), Tri::Unknown);
  EXPECT_FALSE(Conv.sameAs(Dim::floorDiv(H(), Dim(2))));

  Dim Half = Dim::floorDiv(B(), Dim(2));
  EXPECT_EQ(Half.str(), "floor((B) / (2))");
  EXPECT_EQ(Half.lowerBound(), std::optional<int64_t>(0));
  // The atom is keyed by canonical text, so B + C and C + B agree.
  EXPECT_TRUE(same(Dim::floorDiv(B() + C(), Dim(2)),
                   Dim::floorDiv(C() + B(), Dim(2))));
  // A symbolic divisor also yields an atom.
  Dim BC = Dim::floorDiv(B(), C());
  EXPECT_FALSE(BC.isConstant());
  EXPECT_EQ(BC.str(), "floor((B) / (C))");
  EXPECT_EQ(BC.lowerBound(), std::optional<int64_t>(0));
  // Atoms behave like symbols in further arithmetic.
  EXPECT_TRUE(same(Half * Dim(2) - Half, Half));
}

TEST(DimFloorDiv, UnknownAndZeroDivisor) {
  EXPECT_TRUE(Dim::floorDiv(Dim::unknown(), Dim(2)).isUnknown());
  EXPECT_TRUE(Dim::floorDiv(Dim(2), Dim::unknown()).isUnknown());
  EXPECT_TRUE(Dim::floorDiv(B(), Dim(0)).isUnknown());
  EXPECT_TRUE(convOut(Dim::unknown(), 3, 2, 1, 1).isUnknown());
}

//===----------------------------------------------------------------------===//
// ceilDiv and mod
//===----------------------------------------------------------------------===//

TEST(DimCeilDiv, Constants) {
  EXPECT_EQ(Dim::ceilDiv(Dim(7), Dim(2)).getConstant(),
            std::optional<int64_t>(4));
  EXPECT_EQ(Dim::ceilDiv(Dim(8), Dim(2)).getConstant(),
            std::optional<int64_t>(4));
  EXPECT_EQ(Dim::ceilDiv(Dim(-7), Dim(2)).getConstant(),
            std::optional<int64_t>(-3));
  EXPECT_EQ(Dim::ceilDiv(Dim(1), Dim(64)).getConstant(),
            std::optional<int64_t>(1));
  EXPECT_EQ(Dim::ceilDiv(Dim(0), Dim(64)).getConstant(),
            std::optional<int64_t>(0));
}

TEST(DimCeilDiv, Symbolic) {
  EXPECT_TRUE(same(Dim::ceilDiv(B() * Dim(12288), Dim(4096)), Dim(3) * B()));
  EXPECT_TRUE(
      same(Dim::ceilDiv(Dim(6) * B() + Dim(1), Dim(3)), Dim(2) * B() + Dim(1)));
  Dim X = Dim::ceilDiv(B(), Dim(2));
  EXPECT_FALSE(X.isConstant());
  EXPECT_FALSE(X.isUnknown());
  EXPECT_EQ(X.equals(Dim::ceilDiv(B(), Dim(2))), Tri::True);
  EXPECT_TRUE(Dim::ceilDiv(Dim::unknown(), Dim(2)).isUnknown());
}

TEST(DimMod, Constants) {
  EXPECT_EQ(Dim::mod(Dim(7), Dim(3)).getConstant(), std::optional<int64_t>(1));
  EXPECT_EQ(Dim::mod(Dim(6), Dim(3)).getConstant(), std::optional<int64_t>(0));
  // Floor modulo (Python semantics): the result has the divisor's sign.
  EXPECT_EQ(Dim::mod(Dim(-7), Dim(3)).getConstant(), std::optional<int64_t>(2));
  EXPECT_EQ(Dim::mod(Dim(7), Dim(-3)).getConstant(),
            std::optional<int64_t>(-2));
}

TEST(DimMod, Symbolic) {
  EXPECT_EQ(Dim::mod(B() * Dim(12288), Dim(4096)).getConstant(),
            std::optional<int64_t>(0));
  EXPECT_EQ(Dim::mod(B() * C(), C()).getConstant(), std::optional<int64_t>(0));
  Dim M = Dim::mod(B(), Dim(2));
  EXPECT_FALSE(M.isConstant());
  EXPECT_EQ(M.str(), "((B) mod (2))");
  EXPECT_EQ(M.lowerBound(), std::optional<int64_t>(0));
  EXPECT_TRUE(same(M, Dim::mod(B(), Dim(2))));
}

TEST(DimMod, UnknownAndZeroDivisor) {
  EXPECT_TRUE(Dim::mod(Dim::unknown(), Dim(2)).isUnknown());
  EXPECT_TRUE(Dim::mod(Dim(2), Dim::unknown()).isUnknown());
  EXPECT_TRUE(Dim::mod(B(), Dim(0)).isUnknown());
}

//===----------------------------------------------------------------------===//
// min / max
//===----------------------------------------------------------------------===//

TEST(DimMinMax, Constants) {
  EXPECT_EQ(Dim::min(Dim(3), Dim(5)).getConstant(), std::optional<int64_t>(3));
  EXPECT_EQ(Dim::min(Dim(5), Dim(3)).getConstant(), std::optional<int64_t>(3));
  EXPECT_EQ(Dim::max(Dim(3), Dim(5)).getConstant(), std::optional<int64_t>(5));
  EXPECT_EQ(Dim::max(Dim(5), Dim(3)).getConstant(), std::optional<int64_t>(5));
  EXPECT_EQ(Dim::min(Dim(4), Dim(4)).getConstant(), std::optional<int64_t>(4));
  EXPECT_EQ(Dim::max(Dim(-4), Dim(-9)).getConstant(),
            std::optional<int64_t>(-4));
}

TEST(DimMinMax, DecidableSymbolic) {
  EXPECT_TRUE(same(Dim::min(B(), B() + Dim(1)), B()));
  EXPECT_TRUE(same(Dim::min(B() + Dim(1), B()), B()));
  EXPECT_TRUE(same(Dim::max(B(), B() + Dim(1)), B() + Dim(1)));
  EXPECT_TRUE(same(Dim::max(B() + Dim(1), B()), B() + Dim(1)));
  EXPECT_TRUE(same(Dim::min(B(), B()), B()));
  EXPECT_TRUE(same(Dim::max(B(), B()), B()));
  EXPECT_TRUE(same(Dim::min(Dim(0), B()), Dim(0))); // B >= 1
  EXPECT_TRUE(same(Dim::max(Dim(0), B()), B()));
}

TEST(DimMinMax, UndecidableIsCommutativeAtom) {
  Dim Mn = Dim::min(B(), Dim(3));
  EXPECT_FALSE(Mn.isConstant());
  EXPECT_EQ(Mn.str(), "min(3, B)");
  EXPECT_TRUE(same(Mn, Dim::min(Dim(3), B())));
  EXPECT_EQ(Mn.equals(Dim::min(Dim(3), B())), Tri::True);
  EXPECT_EQ(Mn.lowerBound(), std::optional<int64_t>(1));

  Dim Mx = Dim::max(B(), Dim(3));
  EXPECT_EQ(Mx.str(), "max(3, B)");
  EXPECT_TRUE(same(Mx, Dim::max(Dim(3), B())));
  EXPECT_EQ(Mx.lowerBound(), std::optional<int64_t>(3));
  EXPECT_FALSE(Mx.sameAs(Mn));

  // min with an unbounded operand is unbounded; max keeps the known bound.
  EXPECT_EQ(Dim::min(B(), U()).lowerBound(), std::nullopt);
  EXPECT_EQ(Dim::max(B(), U()).lowerBound(), std::optional<int64_t>(1));
}

TEST(DimMinMax, Unknown) {
  EXPECT_TRUE(Dim::min(Dim::unknown(), Dim(3)).isUnknown());
  EXPECT_TRUE(Dim::min(Dim(3), Dim::unknown()).isUnknown());
  EXPECT_TRUE(Dim::max(Dim::unknown(), Dim(3)).isUnknown());
  EXPECT_TRUE(Dim::max(Dim(3), Dim::unknown()).isUnknown());
}

//===----------------------------------------------------------------------===//
// Overflow
//===----------------------------------------------------------------------===//

TEST(DimOverflow, AdditionAndSubtraction) {
  EXPECT_TRUE((Dim(I64Max) + Dim(1)).isUnknown());
  EXPECT_TRUE((Dim(I64Min) - Dim(1)).isUnknown());
  EXPECT_TRUE((Dim(I64Min) + Dim(-1)).isUnknown());
  EXPECT_TRUE((-Dim(I64Min)).isUnknown());
  EXPECT_TRUE((Dim(0) - Dim(I64Min)).isUnknown());
  EXPECT_TRUE((B() * Dim(I64Max) + B()).isUnknown());
  // Right at the edge nothing overflows.
  EXPECT_EQ((Dim(I64Max) + Dim(-1)).getConstant(),
            std::optional<int64_t>(I64Max - 1));
  EXPECT_EQ((Dim(I64Min) + Dim(I64Max)).getConstant(),
            std::optional<int64_t>(-1));
  EXPECT_EQ((-Dim(I64Max)).getConstant(), std::optional<int64_t>(-I64Max));
}

TEST(DimOverflow, Multiplication) {
  EXPECT_TRUE((Dim(I64Max) * Dim(2)).isUnknown());
  EXPECT_TRUE((Dim(int64_t(1) << 32) * Dim(int64_t(1) << 32)).isUnknown());
  EXPECT_TRUE((B() * Dim(I64Max) * Dim(2)).isUnknown());
  EXPECT_TRUE((Dim(I64Min) * Dim(-1)).isUnknown());
  // Coefficients of different monomials that collide after expansion.
  EXPECT_TRUE(((B() + Dim(I64Max)) * (B() + Dim(1))).isUnknown());
  EXPECT_EQ((Dim(int64_t(1) << 31) * Dim(int64_t(1) << 31)).getConstant(),
            std::optional<int64_t>(int64_t(1) << 62));
  EXPECT_TRUE(
      product({Dim(int64_t(1) << 40), Dim(int64_t(1) << 40), B()}).isUnknown());
}

TEST(DimOverflow, DivisionByMinusOne) {
  // INT64_MIN / -1 is not representable; it must not trap or wrap.
  EXPECT_EQ(Dim::exactDiv(Dim(I64Min), Dim(-1)), std::nullopt);
  EXPECT_EQ(Dim::divisible(Dim(I64Min), Dim(-1)), Tri::True);
  EXPECT_EQ(Dim::mod(Dim(I64Min), Dim(-1)).getConstant(),
            std::optional<int64_t>(0));
  auto Q = Dim::exactDiv(Dim(I64Max), Dim(-1));
  ASSERT_TRUE(Q.has_value());
  EXPECT_EQ(Q->getConstant(), std::optional<int64_t>(-I64Max));
}

TEST(DimOverflow, UnknownIsAbsorbingAfterOverflow) {
  Dim Ov = Dim(I64Max) + Dim(1);
  ASSERT_TRUE(Ov.isUnknown());
  EXPECT_TRUE((Ov - Dim(1)).isUnknown());
  EXPECT_EQ(Ov.equals(Dim(0)), Tri::Unknown);
  EXPECT_EQ(Ov.str(), "?");
}

//===----------------------------------------------------------------------===//
// Unknown propagation
//===----------------------------------------------------------------------===//

TEST(DimUnknown, ArithmeticPropagates) {
  Dim Q = Dim::unknown();
  EXPECT_TRUE((Q + Dim(1)).isUnknown());
  EXPECT_TRUE((Dim(1) + Q).isUnknown());
  EXPECT_TRUE((Dim(1) - Q).isUnknown());
  EXPECT_TRUE((Q - Q).isUnknown()); // not 0: two unknowns need not agree
  EXPECT_TRUE((B() * Q).isUnknown());
  EXPECT_TRUE((Q * Dim(0)).isUnknown());
  EXPECT_TRUE((-Q).isUnknown());
}

TEST(DimUnknown, RelationsAreUnknown) {
  Dim Q = Dim::unknown();
  EXPECT_EQ(Q.equals(B()), Tri::Unknown);
  EXPECT_EQ(Q.lessThan(B()), Tri::Unknown);
  EXPECT_EQ(B().lessThan(Q), Tri::Unknown);
  EXPECT_EQ(Dim::divisible(Q, B()), Tri::Unknown);
  EXPECT_EQ(Q.lowerBound(), std::nullopt);
  EXPECT_EQ(Q.upperBound(), std::nullopt);
  EXPECT_FALSE(Q.sameAs(Dim(0)));
}

//===----------------------------------------------------------------------===//
// product
//===----------------------------------------------------------------------===//

TEST(DimProduct, Basics) {
  EXPECT_EQ(product({}).getConstant(), std::optional<int64_t>(1));
  EXPECT_EQ(product({Dim(2), Dim(3), Dim(4)}).getConstant(),
            std::optional<int64_t>(24));
  EXPECT_TRUE(same(product({B(), Dim(3), Dim(64), Dim(64)}), Dim(12288) * B()));
  EXPECT_EQ(product({B(), C(), B()}).str(), "B^2*C");
  EXPECT_EQ(product({B(), Dim(0), C()}).getConstant(),
            std::optional<int64_t>(0));
  EXPECT_TRUE(product({B(), Dim::unknown(), Dim(0)}).isUnknown());
  EXPECT_TRUE(same(product({B()}), B()));
}

TEST(DimProduct, NumelComparisonForView) {
  // x: [B, 3, 224, 224] viewed as [B, 50176] is a mismatch for every B...
  Dim Numel = product({B(), Dim(3), Dim(224), Dim(224)});
  EXPECT_EQ(Numel.equals(product({B(), Dim(50176)})), Tri::False);
  // ...while [B, 150528] matches.
  EXPECT_EQ(Numel.equals(product({B(), Dim(150528)})), Tri::True);
  // And [C, 150528] depends on whether C == B.
  EXPECT_EQ(Numel.equals(product({C(), Dim(150528)})), Tri::Unknown);
}

} // namespace
