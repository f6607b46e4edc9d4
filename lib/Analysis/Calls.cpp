//===- Calls.cpp - Calls: the dispatcher, the API table, user functions --===//
//
// evalCall dispatches a call to the piece that knows its callee: operators
// (OperatorCalls.cpp), methods of modules and options (MethodCalls.cpp),
// std::vector (StdContainers.cpp), OpenCV (OpenCv.cpp), plain objects,
// functors and tuples (UserObjects.cpp), the API table (callOp, here), and
// the user's own functions (callUser, here); anything else is opaque.
//
#include "CallSupport.h"
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace torchshape {

const LayerEntry *layerByKind(llvm::StringRef Kind) {
  for (const LayerEntry &L : allLayers())
    if (L.Kind == Kind)
      return &L;
  return nullptr;
}

bool isModuleHolderSpecialization(const CXXRecordDecl *RD) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  return Spec && Spec->getSpecializedTemplate()->getQualifiedNameAsString() ==
                     "torch::nn::ModuleHolder";
}

/// A module holder, a module class, or a pointer or reference to one.
bool isModuleTyped(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  if (RD->getQualifiedNameAsString() == "torch::nn::Module" || isModuleHolderSpecialization(RD) ||
      derivesFromModule(RD))
    return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (Spec->getSpecializedTemplate()->getQualifiedNameAsString() == "std::shared_ptr" &&
        Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return isModuleTyped(Spec->getTemplateArgs()[0].getAsType());
  // A TORCH_MODULE holder class: derived from ModuleHolder<Impl>.
  bool Holder = false;
  RD->forallBases([&](const CXXRecordDecl *Base) {
    Holder |= isModuleHolderSpecialization(Base);
    return true;
  });
  return Holder;
}

/// Whether module value M is a Want (a layer's holder/impl class, or the
/// user's module class): what as<Want>() and at<Want>() return non-null for.
bool moduleIsA(const Value &M, const CXXRecordDecl *Want) {
  if (!M.isModule() || !Want)
    return false;
  if (const LayerEntry *L = lookupLayer(Want->getQualifiedNameAsString()))
    return L->Kind == M.Module->Kind;
  return M.Module->UserClass &&
         M.Module->UserClass->getCanonicalDecl() == Want->getCanonicalDecl();
}

/// A receiver that names a module without side effects (`net`, `this->net`,
/// `net->`): re-reading it is safe.
bool isPlainModuleReceiver(const Expr *Obj) {
  const Expr *E = Obj->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) && Op->getNumArgs() > 0)
      E = Op->getArg(0)->IgnoreParenImpCasts();
  if (!isa<DeclRefExpr>(E) && !isa<MemberExpr>(E) && !isa<CXXThisExpr>(E))
    return false;
  return isModuleTyped(Obj->getType());
}

/// The receiver's spelling for messages: `fc` for `fc->forward(x)`.
const Expr *holderExpr(const Expr *Obj) {
  Obj = Obj->IgnoreImplicit();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Obj))
    if (Op->getOperator() == OO_Arrow && Op->getNumArgs() > 0)
      return Op->getArg(0);
  return Obj;
}

std::vector<const Expr *> argsFrom(const CallExpr *C, unsigned First) {
  std::vector<const Expr *> R;
  for (unsigned I = First; I < C->getNumArgs(); ++I)
    R.push_back(C->getArg(I));
  return R;
}

/// Whether a call's result type carries what the analysis follows: a tensor,
/// a container or tuple of tensors, or (from the user's own code, where it
/// is likely a size) an integer.
bool holdsTrackedValue(QualType T, bool UserCallee, unsigned Depth) {
  T = T.getNonReferenceType();
  if (isTensorType(T))
    return true;
  if (UserCallee && T->isIntegerType() && !T->isBooleanType())
    return true;
  // A LibTorch call's container of tensors (parameters(), buffers()) rarely
  // carries shapes the program goes on to check.
  if (Depth > 2 || !UserCallee)
    return false;
  if (const auto *Spec =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl()))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type &&
          holdsTrackedValue(A.getAsType(), UserCallee, Depth + 1))
        return true;
  return false;
}

SourceLocation callLoc(const CallExpr *C) {
  return isa<CXXMemberCallExpr>(C) ? C->getExprLoc() : C->getBeginLoc();
}

Value Interpreter::evalCall(const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD) {
    havocAssignedIn(C);
    return Value::unknown();
  }
  if (FD->isNoReturn()) {
    for (const Expr *A : C->arguments())
      eval(A);
    E.Dead = true;
    return Value::unknown();
  }

  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C))
    if (auto V = evalOperatorCall(Op, FD))
      return *V;

  if (auto V = evalUserOperatorCall(C, FD))
    return *V;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda() && isa<CXXOperatorCallExpr>(C)) {
      // A lambda's body is followed like a function's; what it captured by
      // reference it may have changed.
      Value R = callUser(MD, Value::unknown(), C, evalArgs(argsFrom(C, 1)));
      havocLambdaCaptures(C->getArg(0));
      return R;
    }

  std::string Name = FD->getQualifiedNameAsString();
  if (const OpEntry *Op = lookupOp(Name))
    return callOp(*Op, C, FD);
  if (auto V = evalOpenCvCall(C, Name))
    return *V;
  if (auto V = evalMinMax(C, Name))
    return *V;
  if (auto V = evalDataPipelineCall(C, Name))
    return *V;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    if (auto V = evalVectorCall(MC))
      return *V;
  if ((Name == "std::move" || Name == "std::forward") && C->getNumArgs() == 1)
    return eval(C->getArg(0));

  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    return evalMethodCall(MC, FD, Name);
  if (auto V = evalStdUtilityCall(C, FD, Name))
    return *V;

  if (!isa<CXXMethodDecl>(FD) || cast<CXXMethodDecl>(FD)->isStatic()) {
    const FunctionDecl *Def = FD->getDefinition();
    if (Def && isUserCode(S.Ctx, Def->getLocation())) {
      Value R = callUser(
          FD, Value::unknown(), C,
          evalArgs(argsFrom(C, isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0)));
      if (mayReshapeArguments(FD, 0))
        havocAllTensors();
      // The callee's changes to its reference parameters are carried back
      // where known; what else it may change is forgotten.
      writeBackReferenceArgs(C, FD);
      return R;
    }
  }
  return opaqueCall(C, FD);
}

Value Interpreter::callOp(const OpEntry &Op, const CallExpr *C, const FunctionDecl *FD) {
  OpCall OC;
  OC.Op = Op.Op;
  OC.Call = C;
  OC.Loc = callLoc(C);
  OC.SM = &SM();
  OC.Sink = this;
  const Expr *Receiver = nullptr;
  unsigned First = 0;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
    Receiver = MC->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD)) {
    Receiver = C->getArg(0);
    First = 1;
  } else if (FD->getNumParams() > 0 && C->getNumArgs() > 0 &&
             isTensorType(FD->getParamDecl(0)->getType())) {
    Receiver = C->getArg(0);
    First = 1;
  }
  if (Receiver) {
    OC.HasSelf = true;
    OC.Self = eval(Receiver);
    if (isa<DeclRefExpr>(Receiver->IgnoreImplicit()) ||
        isa<MemberExpr>(Receiver->IgnoreImplicit()))
      OC.SelfSpelling = spelling(Receiver);
  }
  for (unsigned I = First; I < C->getNumArgs(); ++I) {
    OC.ArgExprs.push_back(C->getArg(I));
    OC.Args.push_back(eval(C->getArg(I)));
  }
  Value R = Op.Rule(OC);
  if (S.Obs && Op.Callee == "torch::nn::Module::register_parameter")
    observeRegistration(Receiver, C->getNumArgs() > 0 ? C->getArg(0) : nullptr, OC.arg(1),
                        /*IsParameter=*/true);
  if (OC.UpdatesSelf && Receiver) {
    // Copies of an at::Tensor share one TensorImpl: an in-place shape change
    // through one name changes every alias, which are not tracked.
    havocAllTensors();
    assign(Receiver, R);
  }
  return R;
}

void Interpreter::havocAllTensors() {
  std::vector<const ValueDecl *> Tensors;
  for (const auto &[D, V] : E.Vars)
    if (V.isTensor())
      Tensors.push_back(D);
  for (const ValueDecl *D : Tensors)
    havoc(D);
}

/// Whether a call of FD may change the shape of a tensor it is given (or of
/// an alias): it resizes in place, or hands tensors to code we cannot see.
bool Interpreter::mayReshapeArguments(const FunctionDecl *FD, unsigned Depth) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || !Def->hasBody())
    return true;
  if (Depth > 4)
    return true;
  auto Cached = S.ReshapesArguments.find(Def);
  if (Cached != S.ReshapesArguments.end())
    return Cached->second;
  S.ReshapesArguments[Def] = false; // recursion: assume no, the other paths decide
  struct Finder : RecursiveASTVisitor<Finder> {
    Interpreter &I;
    unsigned Depth;
    bool Found = false;
    Finder(Interpreter &I, unsigned Depth) : I(I), Depth(Depth) {}
    bool VisitCallExpr(CallExpr *C) {
      const FunctionDecl *Callee = C->getDirectCallee();
      if (!Callee)
        return true;
      if (isShapeChangingInPlace(Callee)) {
        Found = true;
        return false;
      }
      bool TakesTensor = false;
      for (const Expr *A : C->arguments())
        TakesTensor |= isTensorType(A->getType());
      if (TakesTensor && isUserCode(I.S.Ctx, Callee->getLocation()) &&
          I.mayReshapeArguments(Callee, Depth + 1)) {
        Found = true;
        return false;
      }
      return true;
    }
  } F(*this, Depth);
  F.TraverseStmt(const_cast<Stmt *>(Def->getBody()));
  S.ReshapesArguments[Def] = F.Found;
  return F.Found;
}

bool Interpreter::isShapeChangingInPlace(const FunctionDecl *FD) {
  static const llvm::StringSet<> Names = {
      "resize_",    "resize_as_", "unsqueeze_", "squeeze_",    "t_",   "transpose_",
      "swapdims_",  "swapaxes_",  "as_strided_", "set_",       "flatten_", "unflatten_"};
  return FD->getIdentifier() && Names.contains(FD->getName());
}

std::vector<Value> Interpreter::evalArgs(llvm::ArrayRef<const Expr *> Exprs) {
  std::vector<Value> Args;
  for (const Expr *A : Exprs)
    Args.push_back(eval(A));
  return Args;
}

Value Interpreter::callLayerForward(const Value &Module, const std::string &Spelling,
                                    const Expr *Call, std::vector<Value> Args,
                                    llvm::ArrayRef<const Expr *> ArgExprs) {
  if (!Module.isModule())
    return Value::unknown();
  if (S.Obs)
    return observeModuleCall(Module, Spelling, Call, Args, [&] {
      return callLayerForwardUnobserved(Module, Spelling, Call, Args, ArgExprs);
    });
  return callLayerForwardUnobserved(Module, Spelling, Call, std::move(Args), ArgExprs);
}

Value Interpreter::callLayerForwardUnobserved(const Value &Module, const std::string &Spelling,
                                              const Expr *Call, std::vector<Value> Args,
                                              llvm::ArrayRef<const Expr *> ArgExprs) {
  if (S.AnyModeUnknown)
    Module.Module->Training = Tri::Unknown;
  const LayerEntry *L = layerByKind(Module.Module->Kind);
  if (!L || !L->Forward)
    return Value::unknown();
  OpCall OC;
  OC.Op = L->Kind;
  OC.Call = Call;
  OC.Loc = isa<CallExpr>(Call) ? callLoc(cast<CallExpr>(Call)) : Call->getBeginLoc();
  OC.SM = &SM();
  OC.Sink = this;
  OC.HasSelf = true;
  OC.Self = Module;
  OC.SelfSpelling = Spelling;
  OC.Args = std::move(Args);
  OC.ArgExprs.assign(ArgExprs.begin(), ArgExprs.end());
  return L->Forward(OC);
}

Value Interpreter::containerElement(const Value &Container, const Value &Index) {
  if (!Container.isModule())
    return Value::unknown();
  const ModuleValue &M = *Container.Module;
  if (M.Kind != "Sequential" && M.Kind != "ModuleList")
    return Value::unknown();
  auto I = Index.asConstant();
  if (!I || *I < 0 || static_cast<size_t>(*I) >= M.Children.size())
    return Value::unknown();
  // A child pushed in a summarised loop stands for an unknown number of
  // modules: the ones after it are not where they seem.
  for (int64_t J = 0; J < *I; ++J)
    if (!M.Children[J].isModule())
      return Value::unknown();
  return M.Children[*I];
}

Value Interpreter::callContainerMethod(const CXXMemberCallExpr *C, const CXXMethodDecl *MD,
                                       const FunctionDecl *FD) {
  const Expr *Obj = C->getImplicitObjectArgument();
  Value M = eval(Obj);
  std::vector<const Expr *> ArgExprs = argsFrom(C, 0);
  std::vector<Value> Args = evalArgs(ArgExprs);
  llvm::StringRef Method = MD->getName();
  bool Known = M.isModule() && (M.Module->Kind == "Sequential" || M.Module->Kind == "ModuleList");
  if (Method == "forward" && Known && M.Module->Kind == "Sequential")
    return callModuleForward(M, spelling(holderExpr(Obj)), C, std::move(Args), ArgExprs);
  if (Method == "forward" && !Known) {
    // The LibTorch call is understood; which modules it chains is what was
    // lost (built by code not seen, or grown in a loop analysed once).
    S.addGap(C->getExprLoc(), "modules of a container not known here",
             spelling(holderExpr(Obj)));
    return Value::unknown();
  }
  if (Method == "push_back" && !Args.empty() && Known) {
    // Grown in a loop analysed once for all its iterations: the number of
    // modules is unknown, so is everything after this one.
    if (S.SummarisedLoops > 0)
      M.Module->Children.push_back(Value::unknown());
    else
      M.Module->Children.push_back(Args.back().isModule() ? Args.back() : Value::unknown());
    ++S.StateEpoch;
    return Value::unknown();
  }
  if (Method == "size" && Args.empty() && Known) {
    for (const Value &Child : M.Module->Children)
      if (!Child.isModule())
        return Value::unknown();
    return Value::ofInt(Dim(static_cast<int64_t>(M.Module->Children.size())));
  }
  if ((Method == "at" || Method == "ptr") && Args.size() == 1 && Known) {
    Value Child = containerElement(M, Args[0]);
    // at<T>(i) is a T&: the child only when it is one.
    if (Method == "at" && Child.isModule())
      if (const auto *Spec = FD->getTemplateSpecializationArgs())
        if (Spec->size() == 1 && Spec->get(0).getKind() == TemplateArgument::Type &&
            !moduleIsA(Child, Spec->get(0).getAsType()->getAsCXXRecordDecl()))
          return Value::unknown();
    return Child;
  }
  return opaqueCall(C, FD);
}

Value Interpreter::callModuleForward(const Value &Module, const std::string &Spelling,
                                     const Expr *Call, std::vector<Value> Args,
                                     llvm::ArrayRef<const Expr *> ArgExprs) {
  if (!Module.isModule())
    return Value::unknown();
  if (Module.Module->Kind == "Sequential") {
    if (S.Obs)
      return observeModuleCall(Module, Spelling, Call, Args, [&] {
        return callSequential(*Module.Module, Spelling, Call, Args, ArgExprs);
      });
    return callSequential(*Module.Module, Spelling, Call, std::move(Args), ArgExprs);
  }
  if (!Module.Module->Kind.empty())
    return callLayerForward(Module, Spelling, Call, std::move(Args), ArgExprs);
  const CXXRecordDecl *RD = Module.Module->UserClass;
  if (!RD)
    return Value::unknown();
  const CXXMethodDecl *Fwd = nullptr;
  for (const CXXMethodDecl *MD : RD->methods())
    if (MD->getIdentifier() && MD->getName() == "forward" &&
        MD->getMinRequiredArguments() <= Args.size() && MD->getNumParams() >= Args.size()) {
      if (Fwd) // overloaded: not resolved here
        return Value::unknown();
      Fwd = MD;
    }
  if (!Fwd)
    return Value::unknown();
  if (S.Obs)
    return observeModuleCall(Module, Spelling, Call, Args,
                             [&] { return callUser(Fwd, Module, Call, Args); });
  return callUser(Fwd, Module, Call, std::move(Args));
}

Value Interpreter::observeModuleCall(const Value &Module, const std::string &Spelling,
                                     const Expr *Call, const std::vector<Value> &Args,
                                     llvm::function_ref<Value()> Run) {
  // A summary starts where a module is called from outside every module's
  // own methods (main, a training loop, a helper function).
  bool TopLevel = !(This.isModule() && This.Module->UserClass &&
                    derivesFromModule(This.Module->UserClass));
  S.Obs->moduleCallBegin(Module, Spelling, Call->getBeginLoc(), Args, TopLevel, observation());
  Value R = Run();
  S.Obs->moduleCallEnd(R);
  return R;
}

void Interpreter::observeRegistration(const Expr *ParentExpr, const Expr *NameArg,
                                      const Value &Registered, bool IsParameter) {
  Value Parent = ParentExpr ? eval(ParentExpr) : This;
  if (!Parent.isModule()) {
    // Registered on a module not known here: maybe one being built.
    ++S.NotFollowed;
    return;
  }
  std::string Name;
  const Expr *N = NameArg ? NameArg->IgnoreImplicit() : nullptr;
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(N); CE && CE->getNumArgs() > 0)
    N = CE->getArg(0)->IgnoreImplicit();
  if (const auto *Str = dyn_cast_or_null<StringLiteral>(N))
    Name = Str->getString().str();
  bool Certain = S.Conditional == S.ConstructionConditional &&
                 S.SummarisedLoops == S.ConstructionLoops;
  if (IsParameter)
    S.Obs->parameterRegistered(Parent, Name, Registered, Certain);
  else
    S.Obs->moduleRegistered(Parent, Name, Registered, Certain);
}

Value Interpreter::callSequential(const ModuleValue &Seq, const std::string &Spelling,
                                  const Expr *Call, std::vector<Value> Args,
                                  llvm::ArrayRef<const Expr *> ArgExprs) {
  // Each module's output is the next one's input, as SequentialImpl::forward does.
  if (Args.size() != 1)
    return Value::unknown();
  Value Cur = Args[0];
  for (size_t I = 0; I < Seq.Children.size(); ++I) {
    if (!Cur.isTensor())
      return Value::unknown();
    std::string Name = (Spelling.empty() ? std::string("the Sequential") : Spelling) + "[" +
                       std::to_string(I) + "]";
    Cur = callModuleForward(Seq.Children[I], Name, Call, {Cur}, ArgExprs);
  }
  return Cur;
}

Value Interpreter::callUser(const FunctionDecl *FD, const Value &Obj, const Expr *Call,
                            std::vector<Value> Args) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || Def->isDependentContext()) {
    S.addGap(Call->getBeginLoc(), "opaque function", FD->getQualifiedNameAsString());
    return Value::unknown();
  }
  if (std::find(S.Active.begin(), S.Active.end(), Def) != S.Active.end()) {
    S.addGap(Call->getBeginLoc(), "recursion", FD->getQualifiedNameAsString());
    return Value::unknown();
  }
  if (Stack.size() >= S.Opts.MaxCallDepth) {
    S.addCutShortGap(Call->getBeginLoc(), "call depth limit",
             FD->getQualifiedNameAsString() + " is " + std::to_string(Stack.size() + 1) +
                 " calls deep; calls are followed " + std::to_string(S.Opts.MaxCallDepth) +
                 " deep");
    return Value::unknown();
  }
  LastOutParams.clear();
  std::string Key = std::to_string(reinterpret_cast<uintptr_t>(Def)) + "|" + Obj.key() + "|m" +
                    std::to_string(S.ModeEpoch) + "|s" + std::to_string(S.StateEpoch);
  for (const Value &A : Args)
    Key += "|" + A.key();
  auto It = S.CallMemo.find(Key);
  if (It != S.CallMemo.end()) {
    LastOutParams = It->second.OutParams;
    if (S.Obs)
      S.Obs->userCallReused(Key);
    return It->second.Result;
  }

  std::vector<CallFrame> Inner = Stack;
  std::string Caller = F ? F->getNameAsString() : std::string("?");
  std::string On;
  if (Obj.isModule() && Obj.Module->UserClass && Obj.Module->ConfiguredAt.isValid())
    On = ", on the " + Obj.Module->Spelling + " built at " +
         describeLine(SM(), Obj.Module->ConfiguredAt, Call->getBeginLoc());
  Inner.push_back(CallFrame{Call->getBeginLoc(), "in the call of `" + FD->getNameAsString() +
                                                    "` from `" + Caller + "` here" + On +
                                                    describeArgs(Def, Args)});
  Interpreter Sub(S, Def, Obj, std::move(Inner));
  S.Active.push_back(Def);
  if (S.Obs)
    S.Obs->userCallBegin(Key);
  Value R = Sub.run(Args);
  if (S.Obs)
    S.Obs->userCallEnd(Key);
  S.Active.pop_back();
  std::vector<std::optional<Value>> Out(Def->getNumParams());
  if (Sub.ExitEnv)
    for (unsigned I = 0; I < Def->getNumParams(); ++I) {
      QualType T = Def->getParamDecl(I)->getType();
      if (!T->isLValueReferenceType() || T.getNonReferenceType().isConstQualified())
        continue;
      auto V = Sub.ExitEnv->Vars.find(Def->getParamDecl(I));
      if (V != Sub.ExitEnv->Vars.end())
        Out[I] = V->second;
    }
  // Keyed by the state before the call: a call that changed state (grew a
  // container, set a field) is analysed again next time, and changes it again.
  S.CallMemo[Key] = Session::CallResult{R, Out};
  LastOutParams = std::move(Out);
  return R;
}

std::string Interpreter::describeArgs(const FunctionDecl *FD, const std::vector<Value> &Args) const {
  std::string S;
  for (unsigned I = 0; I < Args.size() && I < FD->getNumParams(); ++I) {
    const Value &A = Args[I];
    if (!A.isTensor() || !A.Shape.hasRank())
      continue;
    S += (S.empty() ? ", with " : ", ") + std::string("`") +
         FD->getParamDecl(I)->getNameAsString() + "` of shape " + A.Shape.str();
  }
  return S;
}

void Interpreter::havocByReferenceArgs(const CallExpr *C, const FunctionDecl *FD) {
  // Arguments the callee may change through a reference or a pointer.
  unsigned Shift = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0;
  for (unsigned I = 0; I < C->getNumArgs(); ++I) {
    if (I < Shift) {
      if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
        if (!MD->isConst())
          if (const ValueDecl *D = placeOf(C->getArg(0)))
            havoc(D);
      continue;
    }
    havocLambdaCaptures(C->getArg(I));
    unsigned P = I - Shift;
    if (P >= FD->getNumParams())
      continue;
    QualType T = FD->getParamDecl(P)->getType();
    if ((T->isReferenceType() && !T.getNonReferenceType().isConstQualified()) ||
        T->isPointerType())
      if (const ValueDecl *D = placeOf(C->getArg(I)))
        havoc(D);
  }
}

void Interpreter::writeBackReferenceArgs(const CallExpr *C, const FunctionDecl *FD) {
  std::vector<std::optional<Value>> Out = std::move(LastOutParams);
  LastOutParams.clear();
  havocByReferenceArgs(C, FD);
  unsigned Shift = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0;
  // One variable passed to two reference parameters: which write lands last
  // is not followed.
  llvm::DenseMap<const ValueDecl *, unsigned> Uses;
  for (const Expr *A : C->arguments())
    if (const ValueDecl *D = placeOf(A))
      ++Uses[D];
  for (unsigned P = 0; P < Out.size(); ++P) {
    if (!Out[P] || P + Shift >= C->getNumArgs())
      continue;
    const ValueDecl *D = placeOf(C->getArg(P + Shift));
    if (D && Uses[D] == 1)
      assign(C->getArg(P + Shift), *Out[P]);
  }
}

void Interpreter::havocLambdaCaptures(const Expr *Arg) {
  // A lambda handed to a callee may run there and change what it captured
  // by reference.
  const CXXRecordDecl *RD = Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->isLambda())
    return;
  for (const LambdaCapture &Cap : RD->captures())
    if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
      havoc(Cap.getCapturedVar());
}

Value Interpreter::opaqueCall(const CallExpr *C, const FunctionDecl *FD) {
  // Code not seen may switch a module it is given to eval() or train():
  // except what LibTorch's own API is known to leave alone.
  static const llvm::StringSet<> KeepsMode = {
      "torch::save", "torch::load", "torch::nn::Module::parameters",
      "torch::nn::Module::named_parameters", "torch::nn::Module::buffers",
      "torch::nn::Module::named_buffers", "torch::nn::Module::children",
      "torch::nn::Module::named_children", "torch::nn::Module::modules",
      "torch::nn::Module::named_modules", "torch::nn::Module::zero_grad",
      "torch::nn::Module::to", "torch::nn::Module::pretty_print", "torch::nn::Module::name",
      "torch::nn::Module::register_parameter", "torch::nn::Module::register_buffer"};
  bool MayChangeMode = !KeepsMode.contains(FD->getQualifiedNameAsString());
  if (S.Obs && MayChangeMode)
    for (const Expr *A : C->arguments())
      if (isModuleTyped(A->getType()))
        ++S.NotFollowed; // it may register modules or parameters
  for (const Expr *A : C->arguments()) {
    Value V = eval(A);
    if (MayChangeMode && (V.isModule() || isModuleTyped(A->getType())))
      setTraining(S, V, Tri::Unknown);
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    if (const Expr *Obj = MC->getImplicitObjectArgument();
        MayChangeMode && Obj && isModuleTyped(Obj->getType()))
      // A receiver not safe to re-read may be any module.
      setTraining(S, isPlainModuleReceiver(Obj) ? eval(Obj) : Value::unknown(), Tri::Unknown);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (MD && MC->getImplicitObjectArgument() &&
        (!MD->isConst() || (MD->getIdentifier() && MD->getName().ends_with("_"))))
      if (const ValueDecl *D = placeOf(MC->getImplicitObjectArgument()))
        havoc(D);
  }
  // A tensor handed to code we cannot see (or resized in place through an
  // alias) may come back with another shape, and so may its aliases.
  bool TakesTensor = false;
  for (const Expr *A : C->arguments())
    TakesTensor |= isTensorType(A->getType());
  if (isShapeChangingInPlace(FD) ||
      (TakesTensor && isUserCode(S.Ctx, FD->getLocation()) && !FD->hasBody()))
    havocAllTensors();
  havocByReferenceArgs(C, FD);
  // A temporary wrapping a variable by non-const reference (cv::OutputArray
  // around a cv::Mat) lets the callee write that variable.
  for (const Expr *A : C->arguments()) {
    const Expr *E = A->IgnoreImplicit();
    while (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr()->IgnoreImplicit();
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr()->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      for (unsigned I = 0; I < CE->getNumArgs() && I < CE->getConstructor()->getNumParams(); ++I) {
        QualType PT = CE->getConstructor()->getParamDecl(I)->getType();
        if (PT->isLValueReferenceType() && !PT.getNonReferenceType().isConstQualified())
          if (const ValueDecl *D = placeOf(CE->getArg(I)))
            havoc(D);
      }
  }
  if (holdsTrackedValue(C->getType(), isUserCode(S.Ctx, FD->getLocation())))
    S.addGap(callLoc(C), isUserCode(S.Ctx, FD->getLocation()) ? "opaque function"
                                                              : "unmodelled LibTorch call",
             FD->getQualifiedNameAsString());
  return Value::unknown();
}

Value Interpreter::evalConstruct(const CXXConstructExpr *C) {
  const CXXConstructorDecl *Ctor = C->getConstructor();
  const CXXRecordDecl *RD = Ctor->getParent();
  if (Ctor->isCopyOrMoveConstructor() && C->getNumArgs() >= 1)
    return eval(C->getArg(0));
  std::string QN = RD->getQualifiedNameAsString();
  if (auto V = evalIndexConstruct(C)) return *V; // indexing values: at::indexing::Slice/TensorIndex (IndexValues.cpp)
  if (auto V = evalOpenCvConstruct(C))
    return *V;
  if (const LayerEntry *L = lookupLayer(QN))
    return buildLayer(*L, C);
  if (QN == "torch::nn::Sequential" || QN == "torch::nn::SequentialImpl")
    return buildContainer(C, "Sequential");
  if (QN == "torch::nn::ModuleList" || QN == "torch::nn::ModuleListImpl")
    return buildContainer(C, "ModuleList");
  auto EvalArgs = [&] {
    std::vector<Value> Args;
    for (const Expr *A : C->arguments())
      Args.push_back(eval(A));
    return Args;
  };
  if (QN == "torch::data::Example" && C->getNumArgs() == 2) {
    Value Data = eval(C->getArg(0));
    return exampleValue(Data, eval(C->getArg(1)));
  }
  if (QN == "c10::ArrayRef" || QN == "c10::IListRef" || QN == "c10::OptionalArrayRef") {
    // IntArrayRef, TensorList and ITensorListRef: the list they view.
    if (C->getNumArgs() == 0)
      return Value::ofIntList({});
    if (C->getNumArgs() != 1)
      return Value::unknown();
    Value V = eval(C->getArg(0));
    if (V.isIntList() || V.Kind == ValueKind::List)
      return V;
    if (V.isInt())
      return Value::ofIntList({V});
    if (V.isTensor()) {
      Value L;
      L.Kind = ValueKind::List;
      L.Elems = {V};
      return L;
    }
    return Value::unknown();
  }
  if (QN == "std::vector") {
    if (C->getNumArgs() >= 1 &&
        isa<CXXStdInitializerListExpr>(C->getArg(0)->IgnoreImplicit()))
      return eval(C->getArg(0));
    if (C->getNumArgs() == 0)
      return emptyVector(RD);
    EvalArgs();
    return Value::unknown();
  }
  if ((QN == "torch::ExpandingArray" || QN == "torch::ExpandingArrayWithOptionalElem") &&
      C->getNumArgs() == 1) {
    Value V = eval(C->getArg(0));
    if (V.Kind == ValueKind::List) {
      // {c10::nullopt, 7} (ExpandingArrayWithOptionalElem): a nullopt
      // element takes the input's size, unknown here.
      std::vector<Value> Elems;
      for (const Value &E : V.Elems)
        Elems.push_back(E.isInt() ? E : Value::unknown());
      V = Value::ofIntList(std::move(Elems));
    }
    if (V.isIntList())
      return V;
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (V.isInt() && Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Integral) {
      uint64_t D = Spec->getTemplateArgs()[0].getAsIntegral().getZExtValue();
      return Value::ofIntList(std::vector<Value>(D, V));
    }
    return Value::unknown();
  }
  if ((QN == "c10::Scalar" || QN == "c10::optional" || QN == "std::optional" ||
       QN == "c10::variant" || QN == "std::variant") &&
      C->getNumArgs() == 1)
    return eval(C->getArg(0));
  if (isUserModuleClass(RD))
    return constructUserModule(S, RD, EvalArgs(), C->getBeginLoc(), Stack);
  if (auto V = evalUserObjectConstruct(C))
    return *V;
  if (const CXXRecordDecl *Impl = holderImpl(RD)) {
    if (C->getNumArgs() == 1 && C->getArg(0)->getType()->isNullPtrType())
      return Value::unknown(); // an empty holder, filled later
    std::vector<Value> Args = EvalArgs();
    if (Args.size() == 1 && Args[0].isModule())
      return Args[0];
    if (isUserModuleClass(Impl))
      return constructUserModule(S, Impl, Args, C->getBeginLoc(), Stack);
    return Value::unknown();
  }
  EvalArgs();
  return Value::unknown();
}

} // namespace torchshape
