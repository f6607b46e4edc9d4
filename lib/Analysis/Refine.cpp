//===- Refine.cpp - What a condition tells about the shapes after it -----===//
//
// `TORCH_CHECK(x.size(1) == 784)`, `assert(x.dim() == 4)` and
// `if (x.size(1) != 3) throw ...` narrow what is known on the paths where
// the condition holds (or fails).  A condition that contradicts known facts
// makes the path dead: nothing is reported there.
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace torchshape {

namespace {

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CXXStaticCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    // C10_UNLIKELY / __builtin_expect(cond, hint) keep cond's truth.
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (Call->getBuiltinCallee() == Builtin::BI__builtin_expect && Call->getNumArgs() == 2) {
        E = Call->getArg(0);
        continue;
      }
    return E;
  }
}

/// `x.size(k)`, `x.dim()` or `x.numel()` on a local tensor variable.
struct TensorQuery {
  const VarDecl *Var = nullptr;
  enum { Size, Dim, Numel } Kind = Size;
  const Expr *Index = nullptr;
};

std::optional<TensorQuery> asTensorQuery(const Expr *E) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(strip(E));
  if (!MC || !MC->getMethodDecl())
    return std::nullopt;
  const auto *Obj = dyn_cast<DeclRefExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
  if (!Obj || !isa<VarDecl>(Obj->getDecl()))
    return std::nullopt;
  std::string Name = MC->getMethodDecl()->getQualifiedNameAsString();
  TensorQuery Q;
  Q.Var = cast<VarDecl>(Obj->getDecl());
  if (Name == "at::TensorBase::size" && MC->getNumArgs() == 1) {
    Q.Kind = TensorQuery::Size;
    Q.Index = MC->getArg(0);
  } else if (Name == "at::TensorBase::dim" && MC->getNumArgs() == 0) {
    Q.Kind = TensorQuery::Dim;
  } else if (Name == "at::TensorBase::numel" && MC->getNumArgs() == 0) {
    Q.Kind = TensorQuery::Numel;
  } else {
    return std::nullopt;
  }
  return Q;
}

} // namespace

void Interpreter::refine(const Expr *Cond, bool Truth) {
  if (!Cond || E.Dead)
    return;
  Cond = strip(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    if (U->getOpcode() == UO_LNot)
      return refine(U->getSubExpr(), !Truth);
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B)
    return;
  if ((B->getOpcode() == BO_LAnd && Truth) || (B->getOpcode() == BO_LOr && !Truth)) {
    refine(B->getLHS(), Truth);
    refine(B->getRHS(), Truth);
    return;
  }
  // Only equalities teach a value: `==` that holds, `!=` that fails.
  bool Equal = (B->getOpcode() == BO_EQ && Truth) || (B->getOpcode() == BO_NE && !Truth);
  if (!Equal)
    return;
  auto Q = asTensorQuery(B->getLHS());
  const Expr *Other = B->getRHS();
  if (!Q) {
    Q = asTensorQuery(B->getRHS());
    Other = B->getLHS();
  }
  if (!Q)
    return;
  // Evaluate first: evaluation may grow the environment.
  Value V = eval(Other);
  Value Index = Q->Index ? eval(Q->Index) : Value::unknown();
  if (!V.isInt())
    return;
  auto It = E.Vars.find(Q->Var);
  if (It == E.Vars.end() || !It->second.isTensor())
    return;
  Value &T = It->second;
  switch (Q->Kind) {
  case TensorQuery::Dim: {
    auto R = V.asConstant();
    if (!R || *R < 0 || *R > 64)
      return;
    if (T.Shape.hasRank()) {
      if (T.Shape.rank() != static_cast<size_t>(*R))
        E.Dead = true; // contradicts the known rank
      return;
    }
    // The rank is now known; each size is the symbol `x.size(i)`.
    std::vector<Axis> Axes;
    for (int64_t I = 0; I < *R; ++I) {
      std::string Suffix = ".size(" + std::to_string(I) + ")";
      Axes.push_back(T.TensorKey.empty()
                         ? Axis{Dim::unknown(), "", "", {}}
                         : Axis{Dim::symbol(T.TensorKey + Suffix, T.TensorName + Suffix), "", "",
                                {}});
    }
    TensorShape S = TensorShape::ofAxes(std::move(Axes));
    S.setNumel(T.Shape.numel());
    T.Shape = std::move(S);
    return;
  }
  case TensorQuery::Size: {
    auto K = Index.asConstant();
    if (!K || !T.Shape.hasRank())
      return;
    auto I = T.Shape.wrapDim(*K);
    if (!I)
      return;
    Axis &A = T.Shape.axes()[*I];
    Tri Same = A.Size.equals(V.Int);
    if (Same == Tri::False)
      E.Dead = true;
    else if (Same == Tri::Unknown)
      A = Axis{V.Int, V.Formula, "", {}}; // this path knows the size
    return;
  }
  case TensorQuery::Numel: {
    Tri Same = T.Shape.numel().equals(V.Int);
    if (Same == Tri::False)
      E.Dead = true;
    else if (T.Shape.numel().isUnknown())
      T.Shape.setNumel(V.Int);
    return;
  }
  }
}

} // namespace torchshape
