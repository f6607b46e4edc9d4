//===- Dim.cpp - Canonical polynomial arithmetic over size symbols -------===//
#include "torchshape/Symbolic/Dim.h"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <unordered_map>

namespace torchshape {
namespace {

struct SymbolInfo {
  std::string Name; // what users read
  std::string Key;  // what identifies the symbol
  std::optional<int64_t> LowerBound; // nullopt: unbounded below
};

/// Process-wide interning of symbol names, so that equal names are equal ids.
class SymbolRegistry {
public:
  static SymbolRegistry &get() {
    static SymbolRegistry R;
    return R;
  }
  unsigned intern(const std::string &Key, const std::string &Display,
                  std::optional<int64_t> LB) {
    std::lock_guard<std::mutex> Lock(M);
    auto It = Ids.find(Key);
    if (It != Ids.end())
      return It->second;
    unsigned Id = Infos.size();
    Infos.push_back({Display, Key, LB});
    Ids.emplace(Key, Id);
    return Id;
  }
  SymbolInfo info(unsigned Id) {
    std::lock_guard<std::mutex> Lock(M);
    return Infos[Id];
  }

private:
  std::mutex M;
  std::vector<SymbolInfo> Infos;
  std::unordered_map<std::string, unsigned> Ids;
};

bool mulOverflow(int64_t A, int64_t B, int64_t &R) {
  return __builtin_mul_overflow(A, B, &R);
}
bool addOverflow(int64_t A, int64_t B, int64_t &R) {
  return __builtin_add_overflow(A, B, &R);
}

int64_t floorDivInt(int64_t A, int64_t B) {
  int64_t Q = A / B;
  if ((A % B != 0) && ((A < 0) != (B < 0)))
    --Q;
  return Q;
}

// A % B without the INT64_MIN % -1 trap (x86 raises SIGFPE on it).
int64_t remInt(int64_t A, int64_t B) { return B == -1 ? 0 : A % B; }

int64_t floorModInt(int64_t A, int64_t B) {
  int64_t R = remInt(A, B);
  return (R != 0 && ((R < 0) != (B < 0))) ? R + B : R;
}

} // namespace

Dim::Dim(int64_t C) {
  if (C != 0)
    Terms[{}] = C;
}

Dim Dim::makeUnknown() {
  Dim D;
  D.Unknown = true;
  return D;
}

Dim Dim::unknown() { return makeUnknown(); }

Dim Dim::symbol(const std::string &Name, int64_t LowerBound) {
  return atom(Name, LowerBound);
}

Dim Dim::symbol(const std::string &Key, const std::string &Display,
                int64_t LowerBound) {
  return atom(Key, LowerBound, Display);
}

Dim Dim::atom(const std::string &Key, int64_t LowerBound,
              const std::string &Display) {
  std::optional<int64_t> LB;
  if (LowerBound != INT64_MIN)
    LB = LowerBound;
  Dim D;
  D.Terms[{{SymbolRegistry::get().intern(
      Key, Display.empty() ? Key : Display, LB), 1}}] = 1;
  return D;
}

bool Dim::isConstant() const {
  return !Unknown && (Terms.empty() || (Terms.size() == 1 && Terms.begin()->first.empty()));
}

std::optional<int64_t> Dim::getConstant() const {
  if (!isConstant())
    return std::nullopt;
  return Terms.empty() ? 0 : Terms.begin()->second;
}

Dim Dim::operator+(const Dim &O) const {
  if (Unknown || O.Unknown)
    return makeUnknown();
  Dim R = *this;
  for (const auto &[Mono, Coef] : O.Terms) {
    int64_t &Slot = R.Terms[Mono];
    if (addOverflow(Slot, Coef, Slot))
      return makeUnknown();
    if (Slot == 0)
      R.Terms.erase(Mono);
  }
  return R;
}

Dim Dim::operator-(const Dim &O) const {
  if (Unknown || O.Unknown)
    return makeUnknown();
  Dim Neg = O;
  for (auto &[Mono, Coef] : Neg.Terms) {
    if (Coef == INT64_MIN)
      return makeUnknown();
    Coef = -Coef;
  }
  return *this + Neg;
}

Dim Dim::operator*(const Dim &O) const {
  if (Unknown || O.Unknown)
    return makeUnknown();
  Dim R;
  for (const auto &[MA, CA] : Terms) {
    for (const auto &[MB, CB] : O.Terms) {
      // Merge the two sorted monomials, adding powers of shared symbols.
      Monomial M;
      size_t I = 0, J = 0;
      while (I < MA.size() || J < MB.size()) {
        if (J == MB.size() || (I < MA.size() && MA[I].first < MB[J].first))
          M.push_back(MA[I++]);
        else if (I == MA.size() || MB[J].first < MA[I].first)
          M.push_back(MB[J++]);
        else {
          M.push_back({MA[I].first, MA[I].second + MB[J].second});
          ++I;
          ++J;
        }
      }
      int64_t C;
      if (mulOverflow(CA, CB, C))
        return makeUnknown();
      int64_t &Slot = R.Terms[M];
      if (addOverflow(Slot, C, Slot))
        return makeUnknown();
      if (Slot == 0)
        R.Terms.erase(M);
    }
  }
  return R;
}

std::optional<int64_t> Dim::lowerBound() const {
  if (Unknown)
    return std::nullopt;
  int64_t Sum = 0;
  for (const auto &[Mono, Coef] : Terms) {
    int64_t Min = 1; // minimum of the monomial over all symbol values
    for (const auto &[Sym, Pow] : Mono) {
      std::optional<int64_t> LB = SymbolRegistry::get().info(Sym).LowerBound;
      if (!LB || *LB < 0)
        return std::nullopt;
      for (unsigned P = 0; P < Pow; ++P)
        if (mulOverflow(Min, *LB, Min))
          return std::nullopt;
    }
    if (!Mono.empty() && Coef < 0)
      return std::nullopt; // a negative term can fall without bound
    int64_t T;
    if (mulOverflow(Coef, Min, T) || addOverflow(Sum, T, Sum))
      return std::nullopt;
  }
  return Sum;
}

std::optional<int64_t> Dim::upperBound() const {
  if (Unknown)
    return std::nullopt;
  std::optional<int64_t> NegLB = (-*this).lowerBound();
  if (!NegLB || *NegLB == INT64_MIN)
    return std::nullopt;
  return -*NegLB;
}

Tri Dim::equals(const Dim &O) const {
  if (Unknown || O.Unknown)
    return Tri::Unknown;
  Dim D = *this - O;
  if (D.Unknown)
    return Tri::Unknown;
  if (D.Terms.empty())
    return Tri::True;
  if (auto LB = D.lowerBound(); LB && *LB > 0)
    return Tri::False;
  if (auto UB = D.upperBound(); UB && *UB < 0)
    return Tri::False;
  // sum(c_i * m_i) + c0 == 0 needs gcd(c_i) to divide c0.
  int64_t G = 0, C0 = 0;
  for (const auto &[Mono, Coef] : D.Terms) {
    if (Mono.empty())
      C0 = Coef;
    else
      G = std::gcd(G, Coef);
  }
  if (G != 0 && C0 % G != 0)
    return Tri::False;
  return Tri::Unknown;
}

Tri Dim::lessThan(const Dim &O) const {
  if (Unknown || O.Unknown)
    return Tri::Unknown;
  Dim D = O - *this;
  if (auto LB = D.lowerBound(); LB && *LB > 0)
    return Tri::True;
  if (auto UB = D.upperBound(); UB && *UB <= 0)
    return Tri::False;
  return Tri::Unknown;
}

std::optional<Dim> Dim::exactDiv(const Dim &A, const Dim &B) {
  if (A.Unknown || B.Unknown || B.Terms.empty())
    return std::nullopt;
  if (A.sameAs(B))
    return Dim(1);
  if (B.Terms.size() != 1)
    return std::nullopt;
  const auto &[BM, BC] = *B.Terms.begin();
  Dim R;
  for (const auto &[Mono, Coef] : A.Terms) {
    // INT64_MIN / -1 is not representable.
    if (remInt(Coef, BC) != 0 || (BC == -1 && Coef == INT64_MIN))
      return std::nullopt;
    // Divide the monomial by B's monomial; every power must suffice.
    Monomial M = Mono;
    for (const auto &[Sym, Pow] : BM) {
      auto It = std::find_if(M.begin(), M.end(),
                             [&](const auto &P) { return P.first == Sym; });
      if (It == M.end() || It->second < Pow)
        return std::nullopt;
      It->second -= Pow;
      if (It->second == 0)
        M.erase(It);
    }
    R.Terms[M] = Coef / BC;
  }
  return R;
}

Tri Dim::divisible(const Dim &A, const Dim &B) {
  if (A.Unknown || B.Unknown || B.Terms.empty())
    return Tri::Unknown;
  if (exactDiv(A, B))
    return Tri::True;
  auto KB = B.getConstant();
  if (!KB)
    return Tri::Unknown;
  // With a constant divisor k: if every symbolic coefficient is a multiple of
  // k, divisibility depends only on the constant term.
  int64_t C0 = 0;
  for (const auto &[Mono, Coef] : A.Terms) {
    if (Mono.empty())
      C0 = Coef;
    else if (remInt(Coef, *KB) != 0)
      return Tri::Unknown;
  }
  return remInt(C0, *KB) == 0 ? Tri::True : Tri::False;
}

Dim Dim::floorDiv(const Dim &A, const Dim &B) {
  if (A.Unknown || B.Unknown || B.Terms.empty())
    return makeUnknown();
  if (auto Q = exactDiv(A, B))
    return *Q;
  auto KB = B.getConstant();
  if (KB && *KB > 0) {
    // floor((k*Q + c0) / k) = Q + floor(c0 / k) when k divides every symbolic
    // coefficient.
    Dim Q;
    int64_t C0 = 0;
    bool Splits = true;
    for (const auto &[Mono, Coef] : A.Terms) {
      if (Mono.empty())
        C0 = Coef;
      else if (Coef % *KB == 0)
        Q.Terms[Mono] = Coef / *KB;
      else
        Splits = false;
    }
    if (Splits)
      return Q + Dim(floorDivInt(C0, *KB));
  }
  auto LA = A.lowerBound(), LB = B.lowerBound();
  int64_t Bound = (LA && *LA >= 0 && LB && *LB > 0) ? 0 : INT64_MIN;
  return atom("floor((" + A.key() + ") / (" + B.key() + "))", Bound,
              "floor((" + A.str() + ") / (" + B.str() + "))");
}

Dim Dim::ceilDiv(const Dim &A, const Dim &B) {
  return -floorDiv(-A, B);
}

Dim Dim::mod(const Dim &A, const Dim &B) {
  if (A.Unknown || B.Unknown || B.Terms.empty())
    return makeUnknown();
  auto KA = A.getConstant(), KB = B.getConstant();
  if (KA && KB)
    return Dim(floorModInt(*KA, *KB));
  if (divisible(A, B) == Tri::True)
    return Dim(0);
  return atom("((" + A.key() + ") mod (" + B.key() + "))", 0,
              "((" + A.str() + ") mod (" + B.str() + "))");
}

Dim Dim::min(const Dim &A, const Dim &B) {
  if (A.Unknown || B.Unknown)
    return makeUnknown();
  Tri L = A.lessThan(B);
  if (L == Tri::True || A.sameAs(B))
    return A;
  if (L == Tri::False)
    return B; // A >= B everywhere
  auto LA = A.lowerBound(), LB = B.lowerBound();
  int64_t Bound = (LA && LB) ? std::min(*LA, *LB) : INT64_MIN;
  std::string KA = A.key(), KB = B.key(), SA = A.str(), SB = B.str();
  if (KB < KA) {
    std::swap(KA, KB);
    std::swap(SA, SB);
  }
  return atom("min(" + KA + ", " + KB + ")", Bound,
              "min(" + SA + ", " + SB + ")");
}

Dim Dim::max(const Dim &A, const Dim &B) {
  if (A.Unknown || B.Unknown)
    return makeUnknown();
  if (A.lessThan(B) == Tri::True)
    return B;
  if (A.lessThan(B) == Tri::False || A.sameAs(B))
    return A;
  auto LA = A.lowerBound(), LB = B.lowerBound();
  int64_t Bound = INT64_MIN;
  if (LA && LB)
    Bound = std::max(*LA, *LB);
  else if (LA)
    Bound = *LA;
  else if (LB)
    Bound = *LB;
  std::string KA = A.key(), KB = B.key(), SA = A.str(), SB = B.str();
  if (KB < KA) {
    std::swap(KA, KB);
    std::swap(SA, SB);
  }
  return atom("max(" + KA + ", " + KB + ")", Bound,
              "max(" + SA + ", " + SB + ")");
}

std::string Dim::str() const { return render(false); }

std::string Dim::key() const { return render(true); }

std::string Dim::render(bool UseKeys) const {
  if (Unknown)
    return "?";
  if (Terms.empty())
    return "0";
  // Print monomials in a stable, readable order: higher degree first, then
  // by the symbols' names; the constant last.
  struct Printed {
    unsigned Degree;
    std::string Symbols;
    int64_t Coef;
  };
  std::vector<Printed> Parts;
  for (const auto &[Mono, Coef] : Terms) {
    std::vector<std::string> Names;
    unsigned Degree = 0;
    for (const auto &[Sym, Pow] : Mono) {
      SymbolInfo Info = SymbolRegistry::get().info(Sym);
      std::string N = UseKeys ? Info.Key : Info.Name;
      Degree += Pow;
      if (Pow > 1)
        N += "^" + std::to_string(Pow);
      Names.push_back(N);
    }
    std::sort(Names.begin(), Names.end());
    std::string S;
    for (const auto &N : Names)
      S += (S.empty() ? "" : "*") + N;
    Parts.push_back({Degree, S, Coef});
  }
  std::sort(Parts.begin(), Parts.end(), [](const Printed &L, const Printed &R) {
    if (L.Degree != R.Degree)
      return L.Degree > R.Degree;
    return L.Symbols < R.Symbols;
  });
  std::string Out;
  for (const auto &P : Parts) {
    int64_t C = P.Coef;
    bool Neg = C < 0;
    uint64_t Mag = Neg ? -static_cast<uint64_t>(C) : static_cast<uint64_t>(C);
    if (Out.empty())
      Out += Neg ? "-" : "";
    else
      Out += Neg ? " - " : " + ";
    if (P.Symbols.empty())
      Out += std::to_string(Mag);
    else if (Mag == 1)
      Out += P.Symbols;
    else
      Out += std::to_string(Mag) + "*" + P.Symbols;
  }
  return Out;
}

Dim product(const std::vector<Dim> &Dims) {
  Dim R(1);
  for (const Dim &D : Dims)
    R = R * D;
  return R;
}

} // namespace torchshape
