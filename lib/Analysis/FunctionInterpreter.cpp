//===- FunctionInterpreter.cpp - Statements and expressions --------------===//
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <cmath>

using namespace clang;

namespace torchshape {

namespace {

/// Declarations a statement may change: assigned, incremented, passed by
/// non-const reference, address taken, or receivers of in-place methods.
class AssignedCollector : public RecursiveASTVisitor<AssignedCollector> {
public:
  llvm::SmallPtrSet<const ValueDecl *, 8> Decls;

  static const ValueDecl *target(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return D->getDecl();
    if (const auto *M = dyn_cast<MemberExpr>(E))
      if (isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
        return M->getMemberDecl();
    return nullptr;
  }
  void add(const Expr *E) {
    if (const ValueDecl *D = target(E))
      Decls.insert(D);
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      add(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      add(U->getSubExpr());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    if (C->isAssignmentOp() && C->getNumArgs() > 0)
      add(C->getArg(0));
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *C) {
    const CXXMethodDecl *M = C->getMethodDecl();
    if (!M || !C->getImplicitObjectArgument())
      return true;
    // LibTorch's in-place methods are declared const; their names end in _.
    if (!M->isConst() || (M->getIdentifier() && M->getName().ends_with("_")))
      add(C->getImplicitObjectArgument());
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *FD = C->getDirectCallee();
    if (!FD)
      return true;
    unsigned Shift = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = Shift; I < C->getNumArgs(); ++I) {
      unsigned P = I - Shift;
      if (P >= FD->getNumParams())
        break;
      QualType T = FD->getParamDecl(P)->getType();
      if ((T->isReferenceType() && !T.getNonReferenceType().isConstQualified()) ||
          T->isPointerType())
        add(C->getArg(I));
    }
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable())
      Decls.insert(S->getLoopVariable());
    return true;
  }
};

class UnstructuredFinder : public RecursiveASTVisitor<UnstructuredFinder> {
public:
  bool Found = false;
  bool VisitGotoStmt(GotoStmt *) { return !(Found = true); }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *) { return !(Found = true); }
  bool VisitCoroutineBodyStmt(CoroutineBodyStmt *) { return !(Found = true); }
};

bool isNoReturnCall(const CallExpr *C) {
  if (const FunctionDecl *FD = C->getDirectCallee())
    return FD->isNoReturn();
  return false;
}

std::string joinFormula(const Value &V) {
  return V.Formula.empty() ? V.Int.str() : V.Formula;
}

} // namespace

Interpreter::Interpreter(Session &S, const FunctionDecl *F, Value This,
                         std::vector<CallFrame> Stack)
    : S(S), F(F), This(std::move(This)), Stack(std::move(Stack)) {}

const SourceManager &Interpreter::SM() const { return S.Ctx.getSourceManager(); }

std::string Interpreter::spelling(const Expr *Ex) const {
  if (!Ex)
    return "";
  Ex = Ex->IgnoreImplicit();
  CharSourceRange R = CharSourceRange::getTokenRange(Ex->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(R, SM(), S.Ctx.getLangOpts());
  std::string T = Text.str();
  if (T.empty() || T.size() > 60)
    return "";
  return T;
}

Value Interpreter::symbolicParam(Session &S, const ParmVarDecl *P) {
  QualType T = P->getType();
  std::string Name = P->getName().str();
  std::string Key = Name + "#" + std::to_string(S.freshId());
  if (isTensorType(T)) {
    Value V = Value::ofTensor(TensorShape::unknownRank(), nullptr);
    V.TensorKey = Key;
    V.TensorName = Name.empty() ? "the argument" : Name;
    return V;
  }
  QualType NT = T.getNonReferenceType();
  if (NT->isIntegerType() && !NT->isBooleanType() && !Name.empty()) {
    // An integer parameter is read as a size: unknown, at least 1 (the
    // stance of the whole analysis: sizes are >= 1).  A -1 passed for view
    // inference changes nothing: whenever -1 works, some size >= 1 does too.
    return Value::ofInt(Dim::symbol(Key, Name, 1));
  }
  return Value::unknown();
}

Value Interpreter::run(const std::vector<Value> &Args) {
  const Stmt *Body = F->getBody();
  if (!Body)
    return Value::unknown();
  auto It = S.Unstructured.find(F);
  if (It == S.Unstructured.end()) {
    UnstructuredFinder Finder;
    Finder.TraverseStmt(const_cast<Stmt *>(Body));
    It = S.Unstructured.insert({F, Finder.Found}).first;
  }
  if (It->second) {
    S.addGap(F->getLocation(), "unstructured control flow", F->getNameAsString());
    return Value::unknown();
  }
  for (unsigned I = 0; I < F->getNumParams(); ++I) {
    const ParmVarDecl *P = F->getParamDecl(I);
    E.Vars[P] = I < Args.size() ? Args[I] : symbolicParam(S, P);
    if (S.Obs)
      observeBinding(P->getLocation(), P, E.Vars[P]);
  }
  exec(Body);
  noteExit();
  return HasReturn ? Ret : Value::unknown();
}

void Interpreter::noteExit() {
  if (E.Dead)
    return;
  ExitEnv = ExitEnv ? join(*ExitEnv, E) : E;
}

void Interpreter::runConstructor(const CXXConstructorDecl *Ctor, const std::vector<Value> &Args,
                                 ModuleValue &M, const CXXConstructorDecl *Defaults) {
  InConstructor = true;
  for (unsigned I = 0; I < Ctor->getNumParams(); ++I) {
    const ParmVarDecl *P = Ctor->getParamDecl(I);
    const ParmVarDecl *D =
        Defaults && I < Defaults->getNumParams() ? Defaults->getParamDecl(I) : nullptr;
    if (I < Args.size())
      E.Vars[P] = Args[I];
    else if (D && D->hasDefaultArg() && !D->hasUninstantiatedDefaultArg() &&
             !D->hasUnparsedDefaultArg())
      E.Vars[P] = eval(D->getDefaultArg());
    else
      E.Vars[P] = symbolicParam(S, P);
  }
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    if (!Init->isMemberInitializer() || !Init->getInit())
      continue;
    E.Vars[Init->getMember()] = eval(Init->getInit());
  }
  if (const Stmt *Body = Ctor->getBody())
    exec(Body);
  for (auto &[D, V] : E.Vars)
    if (const auto *FD = dyn_cast<FieldDecl>(D))
      M.Fields[FD] = V;
  // A module whose constructor may not return normally has no fields to trust.
  if (E.Dead && !HasReturn)
    M.Fields.clear();
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

Interpreter::Env Interpreter::join(const Env &A, const Env &B) {
  if (A.Dead)
    return B;
  if (B.Dead)
    return A;
  Env R;
  for (const auto &[D, V] : A.Vars) {
    auto It = B.Vars.find(D);
    // Declared on one path only: out of scope after the merge, or unknown.
    R.Vars[D] = It == B.Vars.end() ? Value::unknown() : Value::join(V, It->second);
  }
  for (const auto &[D, V] : B.Vars)
    if (!A.Vars.count(D))
      R.Vars[D] = Value::unknown();
  return R;
}

void Interpreter::havoc(const ValueDecl *D) {
  if (!D)
    return;
  notePushLogWrite(D);
  E.Vars[D] = Value::unknown();
  // A field changed outside the constructor can no longer be trusted by
  // anyone who shares this module.
  if (const auto *FD = dyn_cast<FieldDecl>(D))
    if (!InConstructor && This.isModule()) {
      This.Module->Fields[FD] = Value::unknown();
      ++S.StateEpoch;
    }
}

llvm::SmallPtrSet<const ValueDecl *, 8> Interpreter::assignedIn(const Stmt *St) {
  AssignedCollector C;
  if (St)
    C.TraverseStmt(const_cast<Stmt *>(St));
  return C.Decls;
}

void Interpreter::havocAssignedIn(const Stmt *St) {
  for (const ValueDecl *D : assignedIn(St))
    havoc(D);
}

void Interpreter::execLoopLike(const Stmt *Body, llvm::ArrayRef<const Stmt *> Parts,
                               const Stmt *Loop, llvm::StringRef Why) {
  // Whatever the loop may change is unknown on entry to every iteration and
  // after the loop; the body is then analysed once, in a copy.
  if (Loop)
    reportForgottenByLoop(Loop, Body, Parts, Why);
  runSummarised(Body, Parts, nullptr, {Value::unknown()});
}

void Interpreter::notePushLogWrite(const ValueDecl *D) {
  if (InPush || !CurPushLog)
    return;
  auto It = CurPushLog->find(D);
  if (It != CurPushLog->end())
    It->second.Spoiled = true;
}

bool Interpreter::tryUnroll(const ForStmt *For, std::string &Why) {
  // Only loops whose trip count follows from their own control: the body
  // must not change what the condition and increment read.
  const Expr *Cond = For->getCond();
  const Expr *Inc = For->getInc();
  Why = "its trip count is not known here";
  if (!Cond || !Inc)
    return false;
  AssignedCollector InBody;
  InBody.TraverseStmt(const_cast<Stmt *>(For->getBody()));
  llvm::SmallPtrSet<const ValueDecl *, 4> Control;
  AssignedCollector InInc;
  InInc.TraverseStmt(const_cast<Expr *>(Inc));
  for (const ValueDecl *D : InInc.Decls) {
    if (InBody.Decls.count(D)) {
      Why = "its body changes the loop counter";
      return false;
    }
    Control.insert(D);
  }
  if (Control.empty())
    return false;
  // Dry run of the control alone, on a copy.
  const unsigned MaxTrips = MaxUnrolledTrips;
  Env Saved = E;
  unsigned Trips = 0;
  bool Known = false;
  for (; Trips <= MaxTrips; ++Trips) {
    Value C = eval(Cond);
    if (C.Kind != ValueKind::Bool || C.Bool == Tri::Unknown)
      break;
    if (C.Bool == Tri::False) {
      Known = true;
      break;
    }
    eval(Inc);
  }
  E = Saved;
  if (!Known) {
    if (Trips > MaxTrips)
      Why = "it runs more than " + std::to_string(MaxTrips) + " times (the unrolling limit)";
    return false;
  }
  // Nested unrolled loops multiply their trips: past the function's share,
  // the loop is summarised (analysed once for any number of iterations).
  if (S.UnrolledTrips + Trips > S.Opts.MaxUnrolledTrips) {
    S.addGap(For->getForLoc(), "loop not unrolled",
             "the function's budget of " + std::to_string(S.Opts.MaxUnrolledTrips) +
                 " unrolled iterations is spent; the loop is analysed for any number of "
                 "iterations");
    Why = "the function's budget of unrolled iterations is spent";
    return false;
  }
  S.UnrolledTrips += Trips;
  S.UnrolledLoops.insert(For->getBeginLoc().getRawEncoding());
  std::vector<Env> Breaks;
  for (unsigned I = 0; I < Trips && !E.Dead; ++I) {
    eval(Cond);
    runIteration(For->getBody(), Breaks);
    if (!E.Dead)
      eval(Inc);
  }
  if (!E.Dead)
    eval(Cond);
  for (const Env &B : Breaks)
    E = join(E, B);
  return true;
}

void Interpreter::exec(const Stmt *St) {
  if (!St || E.Dead || !S.step(St->getBeginLoc()))
    return;
  Session::NestingGuard Nested(S);
  if (Nested.tooDeep()) {
    S.tooDeep(St->getBeginLoc());
    havocAssignedIn(St);
    return;
  }
  switch (St->getStmtClass()) {
  case Stmt::CompoundStmtClass:
    for (const Stmt *Child : cast<CompoundStmt>(St)->body()) {
      if (E.Dead)
        break;
      exec(Child);
    }
    return;
  case Stmt::DeclStmtClass:
    for (const Decl *D : cast<DeclStmt>(St)->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      E.Vars[VD] = VD->getInit() ? eval(VD->getInit()) : Value::unknown();
      // A reference binds to its target: later changes through either name
      // are not tracked, so both become unknown.
      if (VD->getType()->isReferenceType() && VD->getInit()) {
        if (const ValueDecl *T = placeOf(VD->getInit())) {
          if (!VD->getType().getNonReferenceType().isConstQualified()) {
            havoc(T);
            E.Vars[VD] = Value::unknown();
          }
        }
      }
      if (S.Obs && !isa<DecompositionDecl>(VD))
        observeBinding(VD->getLocation(), VD, E.Vars[VD]);
      // auto [out, state] = lstm->forward(x): each name is its element, read
      // the way the language reads it (std::get<I>, a member, an element).
      if (const auto *DD = dyn_cast<DecompositionDecl>(VD))
        for (const BindingDecl *B : DD->bindings()) {
          Value V = Value::unknown();
          if (const VarDecl *Holding = B->getHoldingVar()) {
            V = Holding->getInit() ? eval(Holding->getInit()) : Value::unknown();
            E.Vars[Holding] = V;
          } else if (const Expr *Binding = B->getBinding()) {
            V = eval(Binding);
          }
          E.Vars[B] = V;
          if (S.Obs)
            observeBinding(B->getLocation(), B, V);
        }
    }
    return;
  case Stmt::ReturnStmtClass: {
    const auto *R = cast<ReturnStmt>(St);
    Value V = R->getRetValue() ? eval(R->getRetValue()) : Value::unknown();
    if (S.Obs && (V.isTensor() || (R->getRetValue() && isTensorType(R->getRetValue()->getType()))) &&
        isUserCode(S.Ctx, R->getBeginLoc()))
      S.Obs->valueReturned(R->getBeginLoc(), V, observation());
    Ret = HasReturn ? Value::join(Ret, V) : V;
    HasReturn = true;
    noteExit();
    E.Dead = true;
    return;
  }
  case Stmt::IfStmtClass: {
    const auto *If = cast<IfStmt>(St);
    exec(If->getInit());
    if (const DeclStmt *CV = If->getConditionVariableDeclStmt())
      exec(CV);
    Value Cond = eval(If->getCond());
    Tri T = Cond.truth();
    if (If->isConsteval())
      T = Tri::Unknown;
    if (T == Tri::True) {
      exec(If->getThen());
      return;
    }
    if (T == Tri::False) {
      exec(If->getElse());
      return;
    }
    Env Before = E;
    ++S.Conditional;
    refine(If->getCond(), true);
    exec(If->getThen());
    Env AfterThen = E;
    E = Before;
    refine(If->getCond(), false);
    exec(If->getElse());
    --S.Conditional;
    E = join(AfterThen, E);
    return;
  }
  case Stmt::ForStmtClass: {
    const auto *For = cast<ForStmt>(St);
    exec(For->getInit());
    std::string Why;
    if (!tryUnroll(For, Why))
      execLoopLike(For->getBody(), {For->getCond(), For->getInc()}, For, Why);
    return;
  }
  case Stmt::WhileStmtClass: {
    const auto *W = cast<WhileStmt>(St);
    execLoopLike(W->getBody(), {W->getCond()}, W, "a while loop");
    return;
  }
  case Stmt::DoStmtClass: {
    const auto *D = cast<DoStmt>(St);
    execLoopLike(D->getBody(), {D->getCond()}, D, "a do-while loop");
    return;
  }
  case Stmt::CXXForRangeStmtClass:
    execRangeFor(cast<CXXForRangeStmt>(St));
    return;
  case Stmt::SwitchStmtClass: {
    const auto *Sw = cast<SwitchStmt>(St);
    exec(Sw->getInit());
    if (Sw->getCond())
      eval(Sw->getCond());
    // Cases are entered at their labels: analyse the body once with whatever
    // it changes unknown, like a loop.
    execLoopLike(Sw->getBody(), {});
    return;
  }
  case Stmt::CaseStmtClass:
    exec(cast<CaseStmt>(St)->getSubStmt());
    return;
  case Stmt::DefaultStmtClass:
    exec(cast<DefaultStmt>(St)->getSubStmt());
    return;
  case Stmt::CXXTryStmtClass: {
    const auto *Try = cast<CXXTryStmt>(St);
    Env Before = E;
    ++S.Conditional;
    exec(Try->getTryBlock());
    E = Before;
    havocAssignedIn(Try->getTryBlock());
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      havocAssignedIn(Try->getHandler(I));
    Env Havocked = E;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      exec(Try->getHandler(I)->getHandlerBlock());
      E = Havocked;
    }
    --S.Conditional;
    return;
  }
  case Stmt::BreakStmtClass:
    if (CurLoop)
      CurLoop->Breaks.push_back(E);
    E.Dead = true;
    return;
  case Stmt::ContinueStmtClass:
    if (CurLoop)
      CurLoop->Continues.push_back(E);
    E.Dead = true;
    return;
  case Stmt::CXXThrowExprClass:
    eval(cast<Expr>(St));
    E.Dead = true;
    return;
  case Stmt::NullStmtClass:
    return;
  case Stmt::AttributedStmtClass:
    exec(cast<AttributedStmt>(St)->getSubStmt());
    return;
  case Stmt::LabelStmtClass:
    exec(cast<LabelStmt>(St)->getSubStmt());
    return;
  default:
    if (const auto *Ex = dyn_cast<Expr>(St)) {
      eval(Ex);
      return;
    }
    // Anything else (asm, ...) may change anything it names.
    havocAssignedIn(St);
    return;
  }
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value Interpreter::eval(const Expr *Ex) {
  if (!Ex || !S.step(Ex->getExprLoc()))
    return Value::unknown();
  Session::NestingGuard Nested(S);
  if (Nested.tooDeep()) {
    S.tooDeep(Ex->getExprLoc());
    havocAssignedIn(Ex);
    return Value::unknown();
  }
  switch (Ex->getStmtClass()) {
  case Stmt::ParenExprClass:
    return eval(cast<ParenExpr>(Ex)->getSubExpr());
  case Stmt::ExprWithCleanupsClass:
    return eval(cast<ExprWithCleanups>(Ex)->getSubExpr());
  case Stmt::MaterializeTemporaryExprClass:
    return eval(cast<MaterializeTemporaryExpr>(Ex)->getSubExpr());
  case Stmt::CXXBindTemporaryExprClass:
    return eval(cast<CXXBindTemporaryExpr>(Ex)->getSubExpr());
  case Stmt::ConstantExprClass: {
    const auto *C = cast<ConstantExpr>(Ex);
    if (C->hasAPValueResult() && C->getAPValueResult().isInt())
      return Value::ofInt(C->getAPValueResult().getInt().getSExtValue());
    return eval(C->getSubExpr());
  }
  case Stmt::ImplicitCastExprClass:
  case Stmt::CXXFunctionalCastExprClass:
  case Stmt::CStyleCastExprClass:
  case Stmt::CXXStaticCastExprClass: {
    const auto *C = cast<CastExpr>(Ex);
    switch (C->getCastKind()) {
    case CK_FloatingToIntegral:
    case CK_IntegralToFloating:
    case CK_FloatingCast: {
      // Floating values are tracked while they are exact integers (a
      // literal 2.0, an int converted) or known constants (a Real: 1.5);
      // arithmetic on them is not (see evalBinary), so these conversions
      // keep the value exactly (truncated to an int, rounded to a float).
      Value V = eval(C->getSubExpr());
      if (V.Kind == ValueKind::Real) {
        if (C->getCastKind() == CK_FloatingToIntegral)
          return std::isfinite(V.Real) && std::fabs(V.Real) < 9.0e15
                     ? Value::ofInt(static_cast<int64_t>(V.Real))
                     : Value::unknown();
        if (C->getType()->isSpecificBuiltinType(BuiltinType::Float))
          return Value::ofReal(static_cast<float>(V.Real));
        return C->getType()->isRealFloatingType() ? V : Value::unknown();
      }
      if (V.isInt())
        return Value::ofInt(V.Int);
      // A size computed in floating point (`64 * 0.75`) is where an integer
      // the analysis could have known is lost.
      if (C->getCastKind() == CK_FloatingToIntegral)
        S.addGap(C->getExprLoc(), "value of a type not tracked",
                 "a floating-point result converted to an integer");
      return Value::unknown();
    }
    case CK_BitCast:
    case CK_ToVoid:
      eval(C->getSubExpr());
      return Value::unknown();
    case CK_IntegralToBoolean: {
      Value V = eval(C->getSubExpr());
      return V.isInt() ? Value::ofBool(triNot(V.Int.equals(Dim(0)))) : Value::unknown();
    }
    default:
      return eval(C->getSubExpr());
    }
  }
  case Stmt::IntegerLiteralClass: {
    const auto *IL = cast<IntegerLiteral>(Ex);
    return Value::ofInt(static_cast<int64_t>(IL->getValue().getLimitedValue(INT64_MAX)), "",
                        IL->getSourceRange());
  }
  case Stmt::FloatingLiteralClass: {
    // Integral values (2.0) are kept as exact ints, others (1.5, a scale
    // factor) as Reals.
    llvm::APFloat F = cast<FloatingLiteral>(Ex)->getValue();
    llvm::APSInt I(64, /*isUnsigned=*/false);
    bool Exact = false;
    if (F.convertToInteger(I, llvm::APFloat::rmTowardZero, &Exact) == llvm::APFloat::opOK &&
        Exact && I.getSExtValue() > -(int64_t(1) << 53) && I.getSExtValue() < (int64_t(1) << 53))
      return Value::ofInt(I.getSExtValue());
    bool LosesInfo = false;
    if (F.isFinite() &&
        F.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &LosesInfo) ==
            llvm::APFloat::opOK &&
        !LosesInfo)
      return Value::ofReal(F.convertToDouble());
    return Value::unknown();
  }
  case Stmt::CharacterLiteralClass:
    return Value::ofInt(static_cast<int64_t>(cast<CharacterLiteral>(Ex)->getValue()));
  case Stmt::CXXBoolLiteralExprClass:
    return Value::ofBool(cast<CXXBoolLiteralExpr>(Ex)->getValue() ? Tri::True : Tri::False);
  case Stmt::UnaryOperatorClass:
    return evalUnary(cast<UnaryOperator>(Ex));
  case Stmt::BinaryOperatorClass:
  case Stmt::CompoundAssignOperatorClass:
    return evalBinary(cast<BinaryOperator>(Ex));
  case Stmt::ConditionalOperatorClass: {
    const auto *C = cast<ConditionalOperator>(Ex);
    Value Cond = eval(C->getCond());
    if (Cond.Kind == ValueKind::Bool && Cond.Bool == Tri::True)
      return eval(C->getTrueExpr());
    if (Cond.Kind == ValueKind::Bool && Cond.Bool == Tri::False)
      return eval(C->getFalseExpr());
    Env Before = E;
    ++S.Conditional;
    refine(C->getCond(), true);
    Value A = eval(C->getTrueExpr());
    Env AfterTrue = E;
    E = Before;
    refine(C->getCond(), false);
    Value B = eval(C->getFalseExpr());
    --S.Conditional;
    // A dead arm (assert's failure call) contributes nothing.
    Value R = AfterTrue.Dead ? B : E.Dead ? A : Value::join(A, B);
    E = join(AfterTrue, E);
    return R;
  }
  case Stmt::DeclRefExprClass:
    return evalDeclRef(cast<DeclRefExpr>(Ex));
  case Stmt::MemberExprClass:
    return evalMember(cast<MemberExpr>(Ex));
  case Stmt::CXXThisExprClass:
    return This;
  case Stmt::InitListExprClass:
    return evalInitList(cast<InitListExpr>(Ex));
  case Stmt::CXXStdInitializerListExprClass:
    return eval(cast<CXXStdInitializerListExpr>(Ex)->getSubExpr());
  case Stmt::CXXDefaultArgExprClass:
    return eval(cast<CXXDefaultArgExpr>(Ex)->getExpr());
  case Stmt::CXXDefaultInitExprClass:
    return eval(cast<CXXDefaultInitExpr>(Ex)->getExpr());
  case Stmt::CXXConstructExprClass:
  case Stmt::CXXTemporaryObjectExprClass:
    return evalConstruct(cast<CXXConstructExpr>(Ex));
  case Stmt::CallExprClass:
  case Stmt::CXXMemberCallExprClass:
  case Stmt::CXXOperatorCallExprClass:
    return evalCall(cast<CallExpr>(Ex));
  case Stmt::CXXThrowExprClass:
    if (const Expr *Sub = cast<CXXThrowExpr>(Ex)->getSubExpr())
      eval(Sub);
    return Value::unknown();
  default: {
    // Unmodelled expressions: forget what they may change.
    havocAssignedIn(Ex);
    return Value::unknown();
  }
  }
}

Value Interpreter::evalUnary(const UnaryOperator *U) {
  switch (U->getOpcode()) {
  case UO_Minus: {
    Value V = eval(U->getSubExpr());
    return V.isInt() ? Value::ofInt(-V.Int) : Value::unknown();
  }
  case UO_Plus:
    return eval(U->getSubExpr());
  case UO_LNot: {
    Value V = eval(U->getSubExpr());
    if (V.Kind == ValueKind::Bool)
      return Value::ofBool(triNot(V.Bool));
    if (V.isInt())
      return Value::ofBool(V.Int.equals(Dim(0)));
    return Value::unknown();
  }
  case UO_PreInc:
  case UO_PreDec:
  case UO_PostInc:
  case UO_PostDec: {
    Value V = eval(U->getSubExpr());
    Value N = V.isInt() ? Value::ofInt(V.Int + Dim(U->isIncrementOp() ? 1 : -1))
                        : Value::unknown();
    assign(U->getSubExpr(), N);
    return U->isPrefix() ? N : V;
  }
  default:
    havocAssignedIn(U);
    return Value::unknown();
  }
}

Value Interpreter::evalBinary(const BinaryOperator *B) {
  BinaryOperatorKind Op = B->getOpcode();
  if (Op == BO_Assign) {
    Value V = eval(B->getRHS());
    assign(B->getLHS(), V);
    return V;
  }
  if (Op == BO_Comma) {
    eval(B->getLHS());
    return eval(B->getRHS());
  }
  if (Op == BO_LAnd || Op == BO_LOr) {
    Value L = eval(B->getLHS());
    Tri TL = L.Kind == ValueKind::Bool ? L.Bool : Tri::Unknown;
    if ((Op == BO_LAnd && TL == Tri::False) || (Op == BO_LOr && TL == Tri::True))
      return Value::ofBool(TL);
    Env Before = E;
    ++S.Conditional;
    Value R = eval(B->getRHS());
    --S.Conditional;
    E = join(Before, E);
    Tri TR = R.Kind == ValueKind::Bool ? R.Bool : Tri::Unknown;
    if (Op == BO_LAnd)
      return Value::ofBool(TL == Tri::True ? TR : TR == Tri::False ? Tri::False : Tri::Unknown);
    return Value::ofBool(TL == Tri::False ? TR : TR == Tri::True ? Tri::True : Tri::Unknown);
  }
  Value L = eval(B->getLHS());
  Value R = eval(B->getRHS());
  BinaryOperatorKind Arith = B->isCompoundAssignmentOp()
                                 ? BinaryOperator::getOpForCompoundAssignment(Op)
                                 : Op;
  Value Result = Value::unknown();
  bool FloatingMath = B->getType()->isRealFloatingType() ||
                      B->getLHS()->getType()->isRealFloatingType() ||
                      B->getRHS()->getType()->isRealFloatingType();
  if (L.isInt() && R.isInt() && !FloatingMath) {
    const Dim &A = L.Int, &C = R.Int;
    switch (Arith) {
    case BO_Add:
      Result = Value::ofInt(A + C, joinFormula(L) + " + " + joinFormula(R));
      break;
    case BO_Sub:
      Result = Value::ofInt(A - C);
      break;
    case BO_Mul:
      Result = Value::ofInt(A * C, joinFormula(L) + " × " + joinFormula(R));
      break;
    case BO_Div: {
      // C++ division truncates; it equals floor division when both sides are
      // known non-negative.
      auto LA = A.lowerBound(), LC = C.lowerBound();
      if (LA && *LA >= 0 && LC && *LC > 0)
        Result = Value::ofInt(Dim::floorDiv(A, C));
      break;
    }
    case BO_Rem: {
      auto LA = A.lowerBound(), LC = C.lowerBound();
      if (LA && *LA >= 0 && LC && *LC > 0)
        Result = Value::ofInt(Dim::mod(A, C));
      break;
    }
    case BO_EQ:
      Result = Value::ofBool(A.equals(C));
      break;
    case BO_NE:
      Result = Value::ofBool(triNot(A.equals(C)));
      break;
    case BO_LT:
      Result = Value::ofBool(A.lessThan(C));
      break;
    case BO_GE:
      Result = Value::ofBool(triNot(A.lessThan(C)));
      break;
    case BO_GT:
      Result = Value::ofBool(C.lessThan(A));
      break;
    case BO_LE:
      Result = Value::ofBool(triNot(C.lessThan(A)));
      break;
    default:
      break;
    }
    // Formulas of constants only help when they add information.
    if (Result.isInt() && Result.Int.isConstant() && !(L.Int.isConstant() && R.Int.isConstant()))
      Result.Formula.clear();
  } else if (L.Kind == ValueKind::Bool && R.Kind == ValueKind::Bool &&
             (Arith == BO_EQ || Arith == BO_NE)) {
    if (L.Bool != Tri::Unknown && R.Bool != Tri::Unknown)
      Result = Value::ofBool((L.Bool == R.Bool) == (Arith == BO_EQ) ? Tri::True : Tri::False);
  }
  if (B->isCompoundAssignmentOp())
    assign(B->getLHS(), Result);
  return Result;
}

Value Interpreter::evalConstVar(const VarDecl *VD) {
  const VarDecl *Def = VD->getDefinition() ? VD->getDefinition() : VD;
  const Expr *Init = Def->getAnyInitializer(Def);
  if (!Init)
    return Value::unknown();
  bool Const = Def->isConstexpr() || Def->getType().isConstQualified();
  if (!Const)
    return Value::unknown();
  if (Def->getType()->isIntegralOrEnumerationType()) {
    if (auto V = Init->getIntegerConstantExpr(S.Ctx))
      return Value::ofInt(V->getSExtValue(), "", SourceRange());
  }
  // A const non-integral (an array, a vector) is evaluated like code, once.
  if (std::find(S.Active.begin(), S.Active.end(), nullptr) != S.Active.end())
    return Value::unknown();
  S.Active.push_back(nullptr);
  Value V = eval(Init);
  S.Active.pop_back();
  return V;
}

Value Interpreter::evalDeclRef(const DeclRefExpr *D) {
  const ValueDecl *VD = D->getDecl();
  auto It = E.Vars.find(VD);
  if (It != E.Vars.end())
    return It->second;
  if (const auto *EC = dyn_cast<EnumConstantDecl>(VD))
    return Value::ofInt(EC->getInitVal().getSExtValue());
  if (const auto *Var = dyn_cast<VarDecl>(VD)) {
    if (isa<ParmVarDecl>(Var))
      return Value::unknown();
    Value V = evalConstVar(Var);
    // A named constant keeps its name in explanations ("kSize").
    if (V.isInt() && V.Int.isConstant())
      V.LiteralRange = SourceRange();
    return V;
  }
  return Value::unknown();
}

Value Interpreter::evalMember(const MemberExpr *M) {
  const ValueDecl *MD = M->getMemberDecl();
  if (const auto *Var = dyn_cast<VarDecl>(MD)) // static data member
    return evalConstVar(Var);
  const auto *FD = dyn_cast<FieldDecl>(MD);
  if (!FD)
    return Value::unknown();
  const Expr *Base = M->getBase()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base)) {
    auto It = E.Vars.find(FD);
    if (It != E.Vars.end())
      return It->second;
    if (This.isModule()) {
      auto FI = This.Module->Fields.find(FD);
      if (FI != This.Module->Fields.end())
        return FI->second;
    }
    return Value::unknown();
  }
  Value B = eval(M->getBase());
  if (auto V = matField(B, FD))
    return *V;
  if (auto V = evalPairField(B, FD))
    return *V;
  if (B.isModule() && B.Module->Kind == "Example" && FD->getIdentifier()) {
    const Value *P = B.Module->param(FD->getName().str());
    return P ? *P : Value::unknown();
  }
  if (B.isModule()) {
    auto FI = B.Module->Fields.find(FD);
    if (FI != B.Module->Fields.end())
      return FI->second;
  }
  return Value::unknown();
}

Value Interpreter::evalInitList(const InitListExpr *IL) {
  QualType T = IL->getType();
  QualType Elem;
  if (const auto *AT = S.Ctx.getAsArrayType(T))
    Elem = AT->getElementType();
  std::vector<Value> Elems;
  for (const Expr *Init : IL->inits())
    Elems.push_back(eval(Init));
  if (!Elem.isNull() && Elem->isIntegerType())
    return Value::ofIntList(std::move(Elems));
  if (IL->getNumInits() == 1 && !T->isArrayType())
    return Elems.front();
  Value L;
  L.Kind = ValueKind::List;
  L.Elems = std::move(Elems);
  return L;
}

//===----------------------------------------------------------------------===//
// The observer
//===----------------------------------------------------------------------===//

ObservationContext Interpreter::observation() const {
  return ObservationContext{S.CurrentRoot, static_cast<unsigned>(Stack.size())};
}

void Interpreter::observeBinding(SourceLocation Loc, const ValueDecl *D, const Value &V) {
  if (!D || !D->getIdentifier() || !(V.isTensor() || isTensorType(D->getType())) ||
      !isUserCode(S.Ctx, Loc))
    return;
  S.Obs->valueBound(Loc, D, V, observation());
}

//===----------------------------------------------------------------------===//
// Places
//===----------------------------------------------------------------------===//

const ValueDecl *Interpreter::placeOf(const Expr *Target) {
  Target = Target->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(Target))
    return D->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(Target))
    if (isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
      return M->getMemberDecl();
  return nullptr;
}

void Interpreter::assign(const Expr *Target, Value V) {
  const ValueDecl *D = placeOf(Target);
  if (!D) {
    havocAssignedIn(Target);
    // v[0] = t, v.at(i) = t, *p = t, s.x = t: the variable holding the
    // element changes.
    const Expr *Root = Target;
    while (true) {
      Root = Root->IgnoreParenImpCasts();
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Root);
          Op && Op->getNumArgs() > 0 &&
          (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
           Op->getOperator() == OO_Arrow))
        Root = Op->getArg(0);
      else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Root);
               MC && MC->getImplicitObjectArgument())
        Root = MC->getImplicitObjectArgument();
      else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Root))
        Root = AS->getBase();
      else if (const auto *U = dyn_cast<UnaryOperator>(Root); U && U->getOpcode() == UO_Deref)
        Root = U->getSubExpr();
      else if (const auto *M = dyn_cast<MemberExpr>(Root);
               M && !isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
        Root = M->getBase();
      else
        break;
    }
    if (const ValueDecl *R = placeOf(Root))
      havoc(R);
    return;
  }
  notePushLogWrite(D);
  if (S.Obs) {
    // A hint where the shape changes, not at every `x = relu(x)`.
    auto Old = E.Vars.find(D);
    bool Same = Old != E.Vars.end() && Old->second.isTensor() && V.isTensor() &&
                Old->second.Shape.hasRank() && Old->second.Shape.sameAs(V.Shape);
    if (!Same)
      observeBinding(Target->getBeginLoc(), D, V);
  }
  E.Vars[D] = V;
  if (const auto *FD = dyn_cast<FieldDecl>(D))
    if (!InConstructor && This.isModule()) {
      This.Module->Fields[FD] = Value::unknown();
      ++S.StateEpoch;
    }
}

} // namespace torchshape
