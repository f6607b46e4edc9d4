//===- OperatorCalls.cpp - Overloaded operators ---------------------------===//
//
// Operators that mean something for shapes: a module holder's `->`, `*` and
// `()` (its forward), std::shared_ptr's `->` on a module, assignment, and
// `[]` on module containers and lists.
//
//===----------------------------------------------------------------------===//
#include "CallSupport.h"
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"

using namespace clang;

namespace torchshape {

std::optional<Value> Interpreter::evalOperatorCall(const CXXOperatorCallExpr *Op,
                                                   const FunctionDecl *FD) {
  const CallExpr *C = Op;
  OverloadedOperatorKind K = Op->getOperator();
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (MD && isModuleHolderSpecialization(MD->getParent())) {
    if (K == OO_Arrow || K == OO_Star)
      return eval(Op->getArg(0));
    if (K == OO_Call) {
      Value M = eval(Op->getArg(0));
      std::vector<const Expr *> ArgExprs = argsFrom(C, 1);
      return callModuleForward(M, spelling(Op->getArg(0)), C, evalArgs(ArgExprs), ArgExprs);
    }
  }
  if ((K == OO_Arrow || K == OO_Star) && MD && MD->getParent()->getIdentifier() &&
      MD->getParent()->isInStdNamespace() &&
      (MD->getParent()->getName().contains("shared_ptr") ||
       MD->getParent()->getName() == "unique_ptr")) {
    // std::shared_ptr<Module> (a container's element, a user's Impl
    // pointer): the module it points to.
    Value P = eval(Op->getArg(0));
    return P.isModule() ? P : Value::unknown();
  }
  if (K == OO_Equal && MD && MD->getRefQualifier() == RQ_RValue)
    // Tensor's `operator=() &&`: into a temporary view (`x.slice(..) = y`),
    // copy_ semantics (the API table).
    if (const OpEntry *Entry = lookupOp(MD->getQualifiedNameAsString()))
      return callOp(*Entry, C, FD);
  if (K == OO_Equal && MD &&
      (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator() ||
       // Tensor's `operator=(const TensorBase &) &` rebinds as well.
       (MD->getParent()->getQualifiedNameAsString() == "at::Tensor" &&
        MD->getRefQualifier() != RQ_RValue))) {
    Value V = eval(Op->getArg(1));
    assign(Op->getArg(0), V);
    return V;
  }
  if (K == OO_Subscript && Op->getNumArgs() == 2) {
    Value Base = eval(Op->getArg(0));
    Value Index = eval(Op->getArg(1));
    if (Base.isModule())
      return containerElement(Base, Index);
    if (auto V = listElement(Base, Index))
      return *V;
    if (MD && MD->getParent()->isInStdNamespace() && MD->getParent()->getIdentifier() &&
        MD->getParent()->getName() == "vector") {
      // Reading an element changes nothing; what the vector holds was lost
      // earlier (where, the gaps before this one say).
      if (isTensorType(C->getType()))
        S.addGap(C->getExprLoc(), "container element unknown", spelling(Op->getArg(0)));
      return Value::unknown();
    }
  }
  return std::nullopt;
}

} // namespace torchshape
