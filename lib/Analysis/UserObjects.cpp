//===- UserObjects.cpp - Plain classes, callables, pairs and tuples ------===//
//
// Users wrap tensors in ordinary C++ as often as in nn::Module subclasses:
// a struct with tensor members built by its constructor and used by its
// methods, a functor with operator() used as a layer (`MyDense dense(16, 32);
// dense(x)`), results returned in std::pair / std::tuple and unpacked.  A
// plain object is followed like a user module: its fields are what its
// constructor left in them, its methods run per call with `this` bound to it.
//
//===----------------------------------------------------------------------===//
#include "CallSupport.h"
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace torchshape {

namespace {

bool isStdClass(const CXXRecordDecl *RD, llvm::StringRef Name) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == Name;
}

} // namespace

bool isPlainUserClass(const ASTContext &Ctx, const CXXRecordDecl *RD) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD || RD->isLambda() || RD->isDependentContext() || RD->isUnion() ||
      !isUserCode(Ctx, RD->getLocation()) || derivesFromModule(RD) || holderImpl(RD))
    return false;
  // Only classes that hold something the analysis follows are worth it.
  for (const FieldDecl *FD : RD->fields())
    if (!FD->getType()->isPointerType())
      return true;
  return RD->hasUserDeclaredConstructor();
}

std::optional<Value> Interpreter::evalUserObjectConstruct(const CXXConstructExpr *C) {
  const CXXRecordDecl *RD = C->getConstructor()->getParent();
  if (isStdClass(RD, "pair") || isStdClass(RD, "tuple")) {
    // std::pair / std::tuple: a list of the elements (std::get and
    // .first/.second read it); converting from another pair keeps it.
    if (C->getNumArgs() == 1) {
      Value V = eval(C->getArg(0));
      return V.Kind == ValueKind::List ? V : Value::unknown();
    }
    std::vector<Value> Elems;
    for (const Expr *A : C->arguments())
      Elems.push_back(eval(A));
    return Value::ofList(std::move(Elems));
  }
  if (!isPlainUserClass(S.Ctx, RD))
    return std::nullopt;
  std::vector<Value> Args;
  for (const Expr *A : C->arguments())
    Args.push_back(eval(A));
  return constructUserModule(S, RD, Args, C->getBeginLoc(), Stack);
}

std::optional<Value> Interpreter::evalUserOperatorCall(const CallExpr *C,
                                                       const FunctionDecl *FD) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(C);
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!Op || !MD || MD->isStatic() || Op->getOperator() != OO_Call || Op->getNumArgs() < 1 ||
      MD->getParent()->isLambda() || !isUserCode(S.Ctx, MD->getLocation()))
    return std::nullopt;
  // A functor used as a layer: `dense(x)` runs operator() on `dense`.
  Value Self = eval(Op->getArg(0));
  std::vector<Value> Args;
  for (unsigned I = 1; I < Op->getNumArgs(); ++I)
    Args.push_back(eval(Op->getArg(I)));
  Value R = callUser(MD, Self, C, std::move(Args));
  if (mayReshapeArguments(MD, 0))
    havocAllTensors();
  writeBackReferenceArgs(C, FD);
  return R;
}

std::optional<Value> Interpreter::evalPairField(const Value &Base, const FieldDecl *FD) {
  if (!isStdClass(dyn_cast<CXXRecordDecl>(FD->getParent()), "pair") || !FD->getIdentifier())
    return std::nullopt;
  if (Base.Kind != ValueKind::List || Base.Elems.size() != 2)
    return Value::unknown();
  return FD->getName() == "first" ? Base.Elems[0] : Base.Elems[1];
}

std::optional<Value> Interpreter::evalStdUtilityCall(const CallExpr *C, const FunctionDecl *FD,
                                                      const std::string &Name) {
  if (Name == "std::get" && C->getNumArgs() == 1 && FD->getTemplateSpecializationArgs() &&
      FD->getTemplateSpecializationArgs()->size() > 0 &&
      FD->getTemplateSpecializationArgs()->get(0).getKind() == TemplateArgument::Integral) {
    // Tuples (LSTM's output, ...) are lists of values.
    Value T = eval(C->getArg(0));
    uint64_t I = FD->getTemplateSpecializationArgs()->get(0).getAsIntegral().getZExtValue();
    if (T.Kind == ValueKind::List && I < T.Elems.size())
      return T.Elems[I];
    return Value::unknown();
  }

  if (Name == "std::make_shared" && FD->getTemplateSpecializationArgs() &&
      FD->getTemplateSpecializationArgs()->size() > 0) {
    const TemplateArgument &TA = FD->getTemplateSpecializationArgs()->get(0);
    if (TA.getKind() == TemplateArgument::Type)
      if (const CXXRecordDecl *RD = TA.getAsType()->getAsCXXRecordDecl()) {
        std::vector<Value> Args;
        for (const Expr *A : C->arguments())
          Args.push_back(eval(A));
        if (isUserModuleClass(RD))
          return constructUserModule(S, RD, Args, C->getBeginLoc(), Stack);
      }
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::evalMinMax(const CallExpr *C, llvm::StringRef Name) {
  if ((Name != "std::min" && Name != "std::max") || C->getNumArgs() != 2)
    return std::nullopt;
  Value A = eval(C->getArg(0)), B = eval(C->getArg(1));
  if (!A.isInt() || !B.isInt())
    return Value::unknown();
  Tri Less = Name == "std::min" ? B.Int.lessThan(A.Int) : A.Int.lessThan(B.Int);
  // std::min returns the first on ties, as std::max does.
  if (Less == Tri::True)
    return B;
  if (Less == Tri::False)
    return A;
  return Value::ofInt(Name == "std::min" ? Dim::min(A.Int, B.Int) : Dim::max(A.Int, B.Int));
}

} // namespace torchshape
