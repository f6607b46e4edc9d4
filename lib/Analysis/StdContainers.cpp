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

/// c10::ArrayRef (IntArrayRef from sizes(), TensorList): a read-only view,
/// read like a vector; slice() and vec() make lists of their own.
bool isArrayRef(const CXXRecordDecl *RD) {
  return RD && RD->getIdentifier() && RD->getName() == "ArrayRef" &&
         RD->getQualifiedNameAsString() == "c10::ArrayRef";
}

/// What all of Values (not empty) agree on.
Value joinAll(const std::vector<Value> &Values) {
  Value R = Values.front();
  for (const Value &V : Values)
    R = Value::join(R, V);
  return R;
}

bool isListLike(const Value &V) { return V.isIntList() || V.Kind == ValueKind::List; }

} // namespace

Interpreter::PushLog Interpreter::startPushLog(const Stmt *Body) {
  PushLog Log;
  for (const ValueDecl *D : assignedIn(Body)) {
    auto It = E.Vars.find(D);
    if (It == E.Vars.end())
      continue;
    const Value &V = It->second;
    if (isListLike(V) && !V.isIntList())
      Log[D].Before = V.Elems;
    else if (V.isUnknown() && !V.Summary.empty())
      Log[D].Before = V.Summary;
  }
  return Log;
}

void Interpreter::finishPushLog(PushLog &Log) {
  for (auto &[D, R] : Log) {
    if (R.Spoiled)
      continue;
    std::vector<Value> All = R.Before;
    All.insert(All.end(), R.Pushed.begin(), R.Pushed.end());
    if (All.empty())
      continue;
    Value Elem = joinAll(All);
    Value Vec = Value::unknown();
    if (!Elem.isUnknown())
      Vec.Summary = {Elem};
    E.Vars[D] = Vec;
  }
}

std::optional<Value> Interpreter::listElement(const Value &List, const Value &Index) {
  if (List.isUnknown() && !List.Summary.empty())
    return List.Summary.front();
  if (!isListLike(List))
    return std::nullopt;
  if (auto I = Index.asConstant()) {
    if (*I >= 0 && static_cast<size_t>(*I) < List.Elems.size())
      return List.Elems[*I];
    return Value::unknown();
  }
  // An index not known here (`samples_[i]` in Dataset::get): what every
  // element agrees on.
  return List.Elems.empty() ? Value::unknown() : joinAll(List.Elems);
}

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
  if (!MD || !Obj || !MD->getIdentifier())
    return std::nullopt;
  llvm::StringRef Name = MD->getName();
  if (isArrayRef(MD->getParent())) {
    if (Name != "vec" && Name != "slice" && Name != "size" && Name != "front" &&
        Name != "back" && Name != "empty" && Name != "at")
      return std::nullopt;
    if (Name == "vec" && C->getNumArgs() == 0) {
      Value V = eval(Obj);
      return isListLike(V) ? V : Value::unknown();
    }
    if (Name == "slice" && (C->getNumArgs() == 1 || C->getNumArgs() == 2)) {
      // slice(N): drops the first N; slice(N, M): M elements from N.
      Value V = eval(Obj);
      auto N = eval(C->getArg(0)).asConstant();
      std::optional<int64_t> M;
      if (C->getNumArgs() == 2)
        M = eval(C->getArg(1)).asConstant();
      if (!isListLike(V) || !N || *N < 0 || static_cast<size_t>(*N) > V.Elems.size() ||
          (C->getNumArgs() == 2 && (!M || *M < 0 || static_cast<size_t>(*N + *M) > V.Elems.size())))
        return Value::unknown();
      size_t End = M ? static_cast<size_t>(*N + *M) : V.Elems.size();
      V.Elems = std::vector<Value>(V.Elems.begin() + *N, V.Elems.begin() + End);
      return V;
    }
  } else if (!isStdVector(MD->getParent())) {
    return std::nullopt;
  }
  if ((Name == "push_back" || Name == "emplace_back") && C->getNumArgs() == 1) {
    Value V = eval(Obj);
    Value X = eval(C->getArg(0));
    if (isListLike(V) && placeOf(Obj) && S.SummarisedLoops == 0) {
      if (V.isIntList() && !X.isInt())
        X = Value::unknown();
      V.Elems.push_back(X);
      assign(Obj, V);
      return Value::unknown();
    }
    const ValueDecl *D = placeOf(Obj);
    InPush = true;
    assign(Obj, Value::unknown());
    InPush = false;
    // In a loop analysed once: the vector's length is unknown; what was
    // pushed is recorded so that the loop can summarise its elements.
    if (D && CurPushLog) {
      auto It = CurPushLog->find(D);
      if (It != CurPushLog->end() && !It->second.Spoiled)
        It->second.Pushed.push_back(X);
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
    // Every element of a vector grown in a loop is its summary.
    if (!V.Summary.empty() && (Name == "front" || Name == "back" || Name == "at"))
      return V.Summary.front();
    return Value::unknown();
  }
  if (Name == "size" && C->getNumArgs() == 0)
    return Value::ofInt(Dim(static_cast<int64_t>(V.Elems.size())));
  if (Name == "empty" && C->getNumArgs() == 0)
    return Value::ofBool(V.Elems.empty() ? Tri::True : Tri::False);
  if ((Name == "front" || Name == "back") && C->getNumArgs() == 0)
    return V.Elems.empty() ? Value::unknown() : Name == "front" ? V.Elems.front() : V.Elems.back();
  if (Name == "at" && C->getNumArgs() == 1)
    return listElement(V, eval(C->getArg(0))).value_or(Value::unknown());
  for (const Expr *A : C->arguments())
    eval(A);
  return Value::unknown();
}

} // namespace torchshape
