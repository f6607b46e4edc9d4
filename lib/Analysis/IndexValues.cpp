//===- IndexValues.cpp - at::indexing values: Slice, TensorIndex ---------===//
//
// `x.index({Slice(1, None, 2), None, Ellipsis, 0, mask})` passes a list of
// at::indexing::TensorIndex objects, each built by one of its converting
// constructors.  This file turns those constructions into values the index
// rules (lib/Semantics/IndexRules.cpp) read:
//
//   Slice(a, b, s)     ModuleValue Kind "Slice", Params "start"/"stop"/"step"
//                      (a missing param is None; a present unknown one is
//                      an unknown value)
//   None, Ellipsis,    ModuleValue Kind "None" / "Ellipsis"
//   "..."
//   an integer         Int (known or symbolic), or ModuleValue Kind "Integer"
//                      when its value is unknown
//   true / false       Bool, or ModuleValue Kind "Boolean" when unknown
//   a tensor           ModuleValue Kind "TensorIndex", Params "tensor" (its
//                      value) and "mask" (Bool: True for a bool/byte mask,
//                      False for an integer index tensor, Unknown)
//
// The element type of a tensor index is not part of a tensor value; it is
// read from the expression that made the tensor (a comparison is a mask,
// torch::arange of integers is a long index) and, through a local variable
// never reassigned, from its initialiser.
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace torchshape {

namespace {

enum class IndexDType { Mask, Integer, Unknown };

Value indexMarker(const std::string &Kind, SourceLocation Loc) {
  auto M = std::make_shared<ModuleValue>();
  M->Kind = Kind;
  M->ConfiguredAt = Loc;
  M->Spelling = Kind;
  return Value::ofModule(M);
}

std::string recordName(QualType T) {
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return RD->getQualifiedNameAsString();
  return "";
}

/// Strips the wrappers around an argument that do not change its value:
/// implicit casts, temporaries, parentheses, copies and moves.
const Expr *peel(const Expr *E) {
  for (int Guard = 0; E && Guard < 32; ++Guard) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Next))
      if (CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor())
        Next = CE->getArg(0);
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Next))
      if (FC->getCastKind() == CK_NoOp || FC->getCastKind() == CK_ConstructorConversion)
        Next = FC->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

bool isNulloptType(QualType T) { return recordName(T) == "c10::nullopt_t"; }

/// Whether a local variable keeps its initial value's element type: nothing
/// in its function assigns it, takes its address, binds it to a non-const
/// reference or captures it by reference.
class MaybeReassigned : public RecursiveASTVisitor<MaybeReassigned> {
public:
  explicit MaybeReassigned(const VarDecl *VD) : VD(VD) {}
  bool Found = false;

  bool refersTo(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    const auto *D = dyn_cast<DeclRefExpr>(E);
    return D && D->getDecl() == VD;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    if (C->isAssignmentOp() && C->getNumArgs() > 0 && refersTo(C->getArg(0)))
      Found = true;
    return !Found;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp() && refersTo(B->getLHS()))
      Found = true;
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf && refersTo(U->getSubExpr()))
      Found = true;
    return !Found;
  }
  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *FD = C->getDirectCallee();
    unsigned Shift = FD && isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = Shift; I < C->getNumArgs(); ++I) {
      if (!refersTo(C->getArg(I)))
        continue;
      if (!FD || I - Shift >= FD->getNumParams()) {
        Found = true;
        break;
      }
      QualType T = FD->getParamDecl(I - Shift)->getType();
      if ((T->isReferenceType() && !T.getNonReferenceType().isConstQualified()) ||
          T->isPointerType())
        Found = true;
    }
    return !Found;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef &&
          Cap.getCapturedVar() == VD)
        Found = true;
    return !Found;
  }

private:
  const VarDecl *VD;
};

bool keepsInitialValue(const VarDecl *VD) {
  if (!VD->isLocalVarDecl() || !VD->getInit())
    return false;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!FD || !FD->getBody())
    return false;
  MaybeReassigned V(VD);
  V.TraverseStmt(FD->getBody());
  return !V.Found;
}

/// Whether E names one of LibTorch's dtype constants (c10::kBool, ...).
std::optional<IndexDType> dtypeConstant(const Expr *E) {
  const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!D)
    return std::nullopt;
  std::string N = D->getDecl()->getQualifiedNameAsString();
  if (N == "c10::kBool" || N == "c10::kByte")
    return IndexDType::Mask;
  if (N == "c10::kLong" || N == "c10::kInt" || N == "c10::kShort" || N == "c10::kChar")
    return IndexDType::Integer;
  if (N == "c10::kFloat" || N == "c10::kDouble" || N == "c10::kHalf" || N == "c10::kBFloat16")
    return IndexDType::Unknown; // not an index type; leave it to the runtime
  return std::nullopt;
}

/// The dtype a dtype argument (`torch::kBool`, `torch::dtype(torch::kLong)`,
/// `torch::TensorOptions().dtype(torch::kBool)`) names, searching its subtree.
std::optional<IndexDType> dtypeIn(const Stmt *S, int Depth = 0) {
  if (!S || Depth > 12)
    return std::nullopt;
  if (const auto *E = dyn_cast<Expr>(S))
    if (auto K = dtypeConstant(E))
      return K;
  for (const Stmt *Child : S->children())
    if (auto K = dtypeIn(Child, Depth + 1))
      return K;
  return std::nullopt;
}

IndexDType classifyIndexTensor(const Expr *E, int Depth = 0);

/// Every argument of an integer-typed value (before its conversion to
/// at::Scalar): `torch::arange(5)`, `torch::arange(0, n, 2)`.
bool integerArgs(const CallExpr *C) {
  bool Any = false;
  for (const Expr *A : C->arguments()) {
    if (isa<CXXDefaultArgExpr>(A))
      continue;
    const Expr *P = A->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
      if (CE->getNumArgs() == 1 && recordName(CE->getType()) == "c10::Scalar")
        P = CE->getArg(0)->IgnoreImpCasts();
    if (recordName(P->getType()) == "c10::TensorOptions" ||
        recordName(P->getType()) == "c10::ScalarType")
      continue;
    if (!P->getType()->isIntegerType() || P->getType()->isBooleanType())
      return false;
    Any = true;
  }
  return Any;
}

IndexDType classifyCall(const CallExpr *C, int Depth) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return IndexDType::Unknown;
  std::string Name = FD->getQualifiedNameAsString();
  llvm::StringRef N(Name);
  // An explicit dtype decides: `.to(torch::kBool)`, `torch::zeros({3}, torch::kLong)`.
  bool TakesDType = N == "at::Tensor::to" || N == "at::Tensor::toType" ||
                    N.starts_with("torch::") || N == "at::zeros" || N == "at::ones" ||
                    N == "at::empty" || N == "at::full";
  if (N == "at::Tensor::to" && FD->getNumParams() > 0 &&
      recordName(FD->getParamDecl(0)->getType()) == "at::Tensor")
    return IndexDType::Unknown; // to(other): other's element type
  if (TakesDType) {
    // Only arguments that carry a dtype: ScalarType, TensorOptions.
    unsigned Shift = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = Shift; I < C->getNumArgs() && I - Shift < FD->getNumParams(); ++I) {
      QualType PT = FD->getParamDecl(I - Shift)->getType().getNonReferenceType();
      std::string PN = recordName(PT);
      std::string TN = PT.getCanonicalType().getAsString();
      bool DTypeParam = PN == "c10::TensorOptions" ||
                        llvm::StringRef(TN).contains("c10::ScalarType");
      if (DTypeParam && !isa<CXXDefaultArgExpr>(C->getArg(I)))
        if (auto K = dtypeIn(C->getArg(I)))
          return *K;
    }
  }
  static const char *const Comparisons[] = {
      "operator<", "operator<=", "operator>", "operator>=", "operator==", "operator!=",
      "lt", "le", "gt", "ge", "eq", "ne", "less", "less_equal", "greater",
      "greater_equal", "not_equal", "logical_not", "logical_and", "logical_or",
      "logical_xor", "isnan", "isinf", "isfinite", "isposinf", "isneginf", "isreal",
      "signbit", "isin"};
  for (const char *Cmp : Comparisons)
    if (N == std::string("at::") + Cmp || N == std::string("at::Tensor::") + Cmp)
      return IndexDType::Mask;
  static const char *const IntegerResults[] = {"argmax", "argmin", "argsort", "randint",
                                               "randperm", "multinomial", "searchsorted",
                                               "bucketize"};
  for (const char *Op : IntegerResults)
    if (N == std::string("at::") + Op || N == std::string("at::Tensor::") + Op ||
        N == std::string("torch::") + Op)
      return IndexDType::Integer;
  if ((N == "torch::arange" || N == "at::arange") && integerArgs(C))
    return IndexDType::Integer;
  // Bitwise operators keep a common element type: bool & bool is bool.
  if ((N == "at::operator&" || N == "at::operator|" || N == "at::operator^" ||
       N == "at::Tensor::__and__" || N == "at::Tensor::__or__") &&
      C->getNumArgs() == 2) {
    IndexDType A = classifyIndexTensor(C->getArg(0), Depth + 1);
    IndexDType B = classifyIndexTensor(C->getArg(1), Depth + 1);
    return A == B ? A : IndexDType::Unknown;
  }
  // Ops that keep their receiver's element type.
  static const char *const Keep[] = {
      "view", "reshape", "flatten", "squeeze", "unsqueeze", "contiguous", "clone",
      "detach", "cpu", "cuda", "select", "narrow", "slice", "index", "expand",
      "expand_as", "t", "transpose", "permute", "operator[]", "operator~",
      "bitwise_not", "flip", "repeat"};
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
    for (const char *K : Keep)
      if (N == std::string("at::Tensor::") + K || N == std::string("at::TensorBase::") + K)
        return MC->getImplicitObjectArgument()
                   ? classifyIndexTensor(MC->getImplicitObjectArgument(), Depth + 1)
                   : IndexDType::Unknown;
    if (N == "at::Tensor::to") // to(device) and friends keep the dtype
      return MC->getImplicitObjectArgument()
                 ? classifyIndexTensor(MC->getImplicitObjectArgument(), Depth + 1)
                 : IndexDType::Unknown;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C))
    if ((Op->getOperator() == OO_Tilde || Op->getOperator() == OO_Subscript) &&
        Op->getNumArgs() >= 1)
      return classifyIndexTensor(Op->getArg(0), Depth + 1);
  return IndexDType::Unknown;
}

IndexDType classifyIndexTensor(const Expr *E, int Depth) {
  if (!E || Depth > 8)
    return IndexDType::Unknown;
  E = peel(E);
  if (const auto *C = dyn_cast<CallExpr>(E))
    return classifyCall(C, Depth);
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
      if (!isa<ParmVarDecl>(VD) && keepsInitialValue(VD))
        return classifyIndexTensor(VD->getInit(), Depth + 1);
  return IndexDType::Unknown;
}

} // namespace

std::optional<Value> Interpreter::evalIndexConstruct(const CXXConstructExpr *C) {
  const CXXConstructorDecl *Ctor = C->getConstructor();
  std::string QN = Ctor->getParent()->getQualifiedNameAsString();
  if (QN == "at::indexing::Slice") {
    auto M = std::make_shared<ModuleValue>();
    M->Kind = "Slice";
    M->ConfiguredAt = C->getBeginLoc();
    static const char *const Names[] = {"start", "stop", "step"};
    std::string Spelling = "Slice(";
    for (unsigned I = 0; I < 3; ++I) {
      std::string Text = "None";
      if (I < C->getNumArgs() && !isa<CXXDefaultArgExpr>(C->getArg(I))) {
        // c10::optional<int64_t> around an int, or around None (nullopt).
        const Expr *A = peel(C->getArg(I));
        bool IsNone = isNulloptType(A->getType());
        if (const auto *CE = dyn_cast<CXXConstructExpr>(A)) {
          if (recordName(CE->getType()) == "c10::optional") {
            if (CE->getNumArgs() == 0 ||
                (CE->getNumArgs() == 1 && isNulloptType(CE->getArg(0)->getType())))
              IsNone = true;
            else if (CE->getNumArgs() == 1)
              A = CE->getArg(0);
          }
        }
        if (!IsNone) {
          Value V = eval(A);
          M->Params[Names[I]] = V;
          Text = V.isInt() ? V.Int.str() : "?";
        }
      }
      Spelling += (I ? ", " : "") + Text;
    }
    M->Spelling = Spelling + ")";
    return Value::ofModule(M);
  }
  if (QN != "at::indexing::TensorIndex")
    return std::nullopt;
  if (C->getNumArgs() != 1) {
    for (const Expr *A : C->arguments())
      eval(A);
    return Value::unknown();
  }
  const Expr *Arg = C->getArg(0);
  QualType PT = Ctor->getParamDecl(0)->getType().getNonReferenceType().getUnqualifiedType();
  std::string PN = recordName(PT);
  SourceLocation Loc = Arg->getBeginLoc();
  if (PN == "c10::nullopt_t")
    return indexMarker("None", Loc);
  if (PN == "at::indexing::EllipsisIndexType")
    return indexMarker("Ellipsis", Loc);
  if (PT->isPointerType()) {
    // TensorIndex("...") is an ellipsis; any other string throws.
    if (const auto *S = dyn_cast<StringLiteral>(Arg->IgnoreParenImpCasts()))
      if (S->getString() == "...")
        return indexMarker("Ellipsis", Loc);
    return Value::unknown();
  }
  if (PT->isBooleanType()) {
    Value V = eval(Arg);
    if (V.Kind == ValueKind::Bool && V.Bool != Tri::Unknown)
      return V;
    return indexMarker("Boolean", Loc);
  }
  if (PT->isIntegerType()) {
    Value V = eval(Arg);
    if (V.isInt())
      return V;
    return indexMarker("Integer", Loc);
  }
  if (PN == "at::indexing::Slice") {
    Value V = eval(Arg);
    return V.isModule() && V.Module->Kind == "Slice" ? V : Value::unknown();
  }
  if (PN == "at::Tensor") {
    Value T = eval(Arg);
    Value R = indexMarker("TensorIndex", Loc);
    R.Module->Params["tensor"] = T;
    IndexDType K = classifyIndexTensor(Arg);
    R.Module->Params["mask"] = Value::ofBool(K == IndexDType::Mask      ? Tri::True
                                             : K == IndexDType::Integer ? Tri::False
                                                                        : Tri::Unknown);
    return R;
  }
  eval(Arg);
  return Value::unknown();
}

} // namespace torchshape
