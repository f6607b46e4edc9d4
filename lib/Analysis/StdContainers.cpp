//===- StdContainers.cpp - std::vector of tensors, sizes and modules -----===//
//
// A std::vector is a list value: built empty or from a braced list, grown by
// push_back/emplace_back outside loops (a loop forgets the vector: see
// execLoopLike), read by [i], at(i), front(), back() and size().  Any other
// non-const method, or a use the analysis does not follow, forgets it.
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

using namespace clang;

namespace torchshape {

namespace {

bool isStdVector(const CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == "vector";
}

bool isListLike(const Value &V) { return V.isIntList() || V.Kind == ValueKind::List; }

} // namespace

Value Interpreter::emptyVector(const CXXRecordDecl *RD) {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (Spec && Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
      Spec->getTemplateArgs()[0].getAsType()->isIntegerType())
    return Value::ofIntList({});
  Value L;
  L.Kind = ValueKind::List;
  return L;
}

std::optional<Value> Interpreter::evalVectorCall(const CXXMemberCallExpr *C) {
  const CXXMethodDecl *MD = C->getMethodDecl();
  const Expr *Obj = C->getImplicitObjectArgument();
  if (!MD || !Obj || !isStdVector(MD->getParent()) || !MD->getIdentifier())
    return std::nullopt;
  llvm::StringRef Name = MD->getName();
  if ((Name == "push_back" || Name == "emplace_back") && C->getNumArgs() == 1) {
    Value V = eval(Obj);
    Value X = eval(C->getArg(0));
    if (isListLike(V) && placeOf(Obj) && S.SummarisedLoops == 0) {
      if (V.isIntList() && !X.isInt())
        X = Value::unknown();
      V.Elems.push_back(X);
      assign(Obj, V);
    } else {
      assign(Obj, Value::unknown());
    }
    return Value::unknown();
  }
  if (Name == "reserve" && C->getNumArgs() == 1) {
    eval(C->getArg(0));
    return Value::unknown();
  }
  if (Name == "clear" && C->getNumArgs() == 0) {
    Value V = eval(Obj);
    if (isListLike(V)) {
      V.Elems.clear();
      assign(Obj, V);
    } else {
      assign(Obj, Value::unknown());
    }
    return Value::unknown();
  }
  bool Reads = Name == "size" || Name == "empty" || Name == "front" || Name == "back" ||
               Name == "at";
  if (!Reads && !MD->isConst())
    return std::nullopt; // insert, erase, resize, ...: the caller forgets it
  Value V = eval(Obj);
  if (!isListLike(V)) {
    for (const Expr *A : C->arguments())
      eval(A);
    return Value::unknown();
  }
  if (Name == "size" && C->getNumArgs() == 0)
    return Value::ofInt(Dim(static_cast<int64_t>(V.Elems.size())));
  if (Name == "empty" && C->getNumArgs() == 0)
    return Value::ofBool(V.Elems.empty() ? Tri::True : Tri::False);
  if ((Name == "front" || Name == "back") && C->getNumArgs() == 0)
    return V.Elems.empty() ? Value::unknown() : Name == "front" ? V.Elems.front() : V.Elems.back();
  if (Name == "at" && C->getNumArgs() == 1) {
    auto I = eval(C->getArg(0)).asConstant();
    if (I && *I >= 0 && static_cast<size_t>(*I) < V.Elems.size())
      return V.Elems[*I];
    return Value::unknown();
  }
  for (const Expr *A : C->arguments())
    eval(A);
  return Value::unknown();
}

} // namespace torchshape
