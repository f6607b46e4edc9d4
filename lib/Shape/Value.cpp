//===- Value.cpp - Abstract values tracked by the shape-flow engine ------===//
#include "torchshape/Shape/Value.h"

#include <cstdio>

namespace torchshape {

Value Value::ofInt(Dim D, std::string Formula, clang::SourceRange Literal) {
  if (D.isUnknown())
    return unknown();
  Value V;
  V.Kind = ValueKind::Int;
  V.Int = std::move(D);
  V.Formula = std::move(Formula);
  V.LiteralRange = Literal;
  return V;
}

Value Value::ofBool(Tri B) {
  Value V;
  V.Kind = ValueKind::Bool;
  V.Bool = B;
  return V;
}

Value Value::ofReal(double R) {
  Value V;
  V.Kind = ValueKind::Real;
  V.Real = R;
  return V;
}

Value Value::ofIntList(std::vector<Value> Elems) {
  Value V;
  V.Kind = ValueKind::IntList;
  V.Elems = std::move(Elems);
  return V;
}

Value Value::ofList(std::vector<Value> Elems) {
  Value V;
  V.Kind = ValueKind::List;
  V.Elems = std::move(Elems);
  return V;
}

Value Value::ofTensor(TensorShape S, OriginRef History) {
  Value V;
  V.Kind = ValueKind::Tensor;
  V.Shape = std::move(S);
  V.History = std::move(History);
  return V;
}

Value Value::ofModule(std::shared_ptr<ModuleValue> M) {
  Value V;
  V.Kind = ValueKind::Module;
  V.Module = std::move(M);
  return V;
}

std::string Value::key() const {
  switch (Kind) {
  case ValueKind::Unknown:
    return Summary.empty() ? "?" : "?[" + Summary.front().key() + "]";
  case ValueKind::Int:
    return Int.key();
  case ValueKind::Real: {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "r%.17g", Real);
    return Buf;
  }
  case ValueKind::Bool:
    return Bool == Tri::True ? "true" : Bool == Tri::False ? "false" : "bool?";
  case ValueKind::IntList:
  case ValueKind::List: {
    std::string S = "{";
    for (const Value &E : Elems)
      S += E.key() + ",";
    return S + "}";
  }
  case ValueKind::Tensor: {
    if (!Shape.hasRank())
      return "T[*]" + DType;
    std::string S = "T[";
    for (const Axis &A : Shape.axes())
      S += A.Size.key() + ",";
    return S + "]" + DType;
  }
  case ValueKind::Module:
    return "M" + std::to_string(reinterpret_cast<uintptr_t>(Module.get()));
  }
  return "?";
}

Value Value::join(const Value &A, const Value &B) {
  if (A.Kind != B.Kind)
    return unknown();
  switch (A.Kind) {
  case ValueKind::Unknown: {
    Value R;
    if (!A.Summary.empty() && !B.Summary.empty())
      R.Summary = {join(A.Summary.front(), B.Summary.front())};
    return R;
  }
  case ValueKind::Int:
    return A.Int.sameAs(B.Int) ? A : unknown();
  case ValueKind::Real:
    return A.Real == B.Real ? A : unknown();
  case ValueKind::Bool:
    return A.Bool == B.Bool ? A : ofBool(Tri::Unknown);
  case ValueKind::IntList:
  case ValueKind::List: {
    if (A.Elems.size() != B.Elems.size())
      return unknown();
    Value R = A;
    for (size_t I = 0; I < A.Elems.size(); ++I)
      R.Elems[I] = join(A.Elems[I], B.Elems[I]);
    return R;
  }
  case ValueKind::Tensor: {
    TensorShape S = TensorShape::join(A.Shape, B.Shape);
    Value R = ofTensor(std::move(S), A.Shape.sameAs(B.Shape) ? A.History : nullptr);
    if (A.Strides && B.Strides && A.Strides->size() == B.Strides->size()) {
      bool Same = true;
      for (size_t I = 0; I < A.Strides->size(); ++I)
        Same = Same && (*A.Strides)[I].sameAs((*B.Strides)[I]);
      if (Same)
        R.Strides = A.Strides;
    }
    if (A.DType == B.DType)
      R.DType = A.DType;
    return R;
  }
  case ValueKind::Module:
    return A.Module == B.Module ? A : unknown();
  }
  return unknown();
}

} // namespace torchshape
