//===- FactoryRules.cpp - Rules for the tensor factories beyond sizes-first -===//
#include "FactoryRules.h"
#include "RuleSupport.h"

#include "clang/AST/ExprCXX.h"

namespace torchshape {
namespace rules {

namespace {

using namespace clang;

Value created(const OpCall &C, TensorShape S) {
  std::string Event = C.Op.str() + " creates a tensor" +
                      (S.hasRank() ? " of shape " + S.str() : std::string());
  return asContiguous(Value::ofTensor(std::move(S), addOrigin(nullptr, C.Loc, Event)));
}

Value createdOfDims(const OpCall &C, const std::vector<Dim> &Dims) {
  // The rank is certain; a size that may be negative (LibTorch throws) is
  // left unknown.
  std::vector<Axis> Axes;
  for (const Dim &D : Dims) {
    auto LB = D.lowerBound();
    Axes.push_back(Axis{LB && *LB >= 0 ? D : Dim::unknown(), "", "", {}});
  }
  return created(C, TensorShape::ofAxes(Axes));
}

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *L = dyn_cast<CXXStdInitializerListExpr>(E))
      E = L->getSubExpr();
    else
      return E;
  }
}

bool isDataContainer(const CXXConstructExpr *CE) {
  const CXXRecordDecl *R = CE->getConstructor()->getParent();
  return R->getQualifiedNameAsString() == "torch::detail::TensorDataContainer";
}

/// The shape a TensorDataContainer expression describes, the way its
/// constructors nest: a scalar is 0-d, a braced list adds a leading dim of
/// its length, a std::vector or ArrayRef is 1-d of unknown length.  nullopt
/// when it cannot be read (or the sub-lists disagree, which LibTorch
/// rejects).
std::optional<std::vector<Dim>> dataShape(const Expr *E, unsigned Depth = 0) {
  if (Depth > 16)
    return std::nullopt;
  E = strip(E);
  const auto *CE = dyn_cast<CXXConstructExpr>(E);
  if (!CE || !isDataContainer(CE) || CE->getNumArgs() != 1)
    return std::nullopt;
  const Expr *Arg = strip(CE->getArg(0));
  if (const auto *IL = dyn_cast<InitListExpr>(Arg)) {
    std::optional<std::vector<Dim>> Inner;
    for (const Expr *Init : IL->inits()) {
      auto S = dataShape(Init, Depth + 1);
      if (!S)
        return std::nullopt;
      if (!Inner) {
        Inner = S;
        continue;
      }
      if (Inner->size() != S->size())
        return std::nullopt;
      for (size_t I = 0; I < S->size(); ++I)
        if ((*Inner)[I].equals((*S)[I]) != Tri::True)
          return std::nullopt;
    }
    std::vector<Dim> Out{Dim(static_cast<int64_t>(IL->getNumInits()))};
    if (Inner)
      Out.insert(Out.end(), Inner->begin(), Inner->end());
    return Out;
  }
  QualType T = CE->getConstructor()->getParamDecl(0)->getType().getNonReferenceType();
  if (T->isArithmeticType())
    return std::vector<Dim>{};
  if (const CXXRecordDecl *R = T->getAsCXXRecordDecl()) {
    std::string N = R->getQualifiedNameAsString();
    if (N == "std::vector" || N == "c10::ArrayRef")
      return std::vector<Dim>{Dim::unknown()};
  }
  return std::nullopt;
}

std::optional<std::vector<Dim>> dimsOf(const Value &List) {
  auto Axes = axesFromList(List);
  if (!Axes)
    return std::nullopt;
  std::vector<Dim> Dims;
  for (const Axis &A : *Axes)
    Dims.push_back(A.Size);
  return Dims;
}

} // namespace

Value tensorLiteral(OpCall &C) {
  if (C.ArgExprs.empty() || !C.ArgExprs[0])
    return created(C, TensorShape::unknownRank());
  auto Dims = dataShape(C.ArgExprs[0]);
  if (!Dims)
    return created(C, TensorShape::unknownRank());
  // Known rank, possibly unknown lengths (a std::vector's).
  std::vector<Axis> Axes;
  for (const Dim &D : *Dims)
    Axes.push_back(Axis{D, "", "", {}});
  return created(C, TensorShape::ofAxes(Axes));
}

Value fromBlob(OpCall &C) {
  auto Dims = dimsOf(C.arg(1));
  if (!Dims)
    return created(C, TensorShape::unknownRank());
  Value V = createdOfDims(C, *Dims);
  // from_blob(data, sizes, strides, ...): the caller's layout.
  if (C.arg(2).isIntList()) {
    auto St = dimsOf(C.arg(2));
    V.Strides.reset();
    if (St && V.Shape.hasRank() && St->size() == V.Shape.rank()) {
      bool Known = true;
      for (const Dim &D : *St)
        Known = Known && D.isConstant();
      if (Known)
        V.Strides = *St;
    }
  }
  return V;
}

Value eye(OpCall &C) {
  if (!C.arg(0).isInt())
    return created(C, TensorShape::unknownRank());
  // eye(n[, options]) is square; eye(n, m[, options]) is not.
  bool HasM = C.ArgExprs.size() >= 2 && C.ArgExprs[1] &&
              C.ArgExprs[1]->getType()->isIntegerType();
  if (!HasM)
    return createdOfDims(C, {C.arg(0).Int, C.arg(0).Int});
  if (!C.arg(1).isInt())
    return created(C, TensorShape::unknownRank());
  return createdOfDims(C, {C.arg(0).Int, C.arg(1).Int});
}

Value linspace(OpCall &C) {
  if (!C.arg(2).isInt())
    return created(C, TensorShape::unknownRank());
  return createdOfDims(C, {C.arg(2).Int});
}

Value sizesLast(OpCall &C) {
  // randint's default dtype is Long, normal's Float.
  std::string Default = C.Op.ends_with("randint") ? "Long" : "Float";
  for (size_t I = C.Args.size(); I-- > 0;)
    if (C.Args[I].isIntList()) {
      auto Dims = dimsOf(C.Args[I]);
      Value V = Dims ? createdOfDims(C, *Dims) : created(C, TensorShape::unknownRank());
      V.DType = factoryDtype(C, Default);
      return V;
    }
  return created(C, TensorShape::unknownRank());
}

Value randperm(OpCall &C) {
  if (!C.arg(0).isInt())
    return created(C, TensorShape::unknownRank());
  Value V = createdOfDims(C, {C.arg(0).Int});
  V.DType = factoryDtype(C, "Long");
  return V;
}

} // namespace rules
} // namespace torchshape
