//===- ModuleModel.cpp - Modules as values: layers and user modules ------===//
//
// A LibTorch layer's configuration is read from its constructor arguments or
// options object.  A user module (a torch::nn::Module subclass) is built by
// interpreting the constructor that fits the arguments at hand, so constants
// flow from where the module is instantiated into its layers.
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

#include <set>

using namespace clang;

namespace torchshape {

bool isTensorType(QualType T) {
  T = T.getNonReferenceType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && RD->getQualifiedNameAsString() == "at::Tensor";
}

const CXXRecordDecl *holderImpl(const CXXRecordDecl *RD) {
  RD = RD ? RD->getDefinition() : nullptr;
  for (int Depth = 0; RD && Depth < 4; ++Depth) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      if (Spec->getSpecializedTemplate()->getQualifiedNameAsString() ==
              "torch::nn::ModuleHolder" &&
          Spec->getTemplateArgs().size() == 1 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
        return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    if (RD->getNumBases() != 1)
      return nullptr;
    RD = RD->bases_begin()->getType()->getAsCXXRecordDecl();
    RD = RD ? RD->getDefinition() : nullptr;
  }
  return nullptr;
}

bool derivesFromModule(const CXXRecordDecl *RD) {
  bool Found = false;
  RD->forallBases([&](const CXXRecordDecl *Base) {
    Found |= Base->getQualifiedNameAsString() == "torch::nn::Module";
    return true;
  });
  return Found;
}

bool isUserModuleClass(const CXXRecordDecl *RD) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD || RD->isDependentContext())
    return false;
  std::string QN = RD->getQualifiedNameAsString();
  if (llvm::StringRef(QN).starts_with("torch::") || llvm::StringRef(QN).starts_with("at::"))
    return false;
  return derivesFromModule(RD);
}

Value Interpreter::buildLayer(const LayerEntry &L, const CXXConstructExpr *C) {
  std::string QN = C->getConstructor()->getParent()->getQualifiedNameAsString();
  std::vector<Value> Args;
  for (const Expr *A : C->arguments())
    Args.push_back(eval(A));
  if (QN != L.Options && Args.size() == 1 && Args[0].isModule() && !Args[0].Module->IsOptions)
    return Args[0]; // a holder around an existing module
  if (C->getNumArgs() == 1 && C->getArg(0)->getType()->isNullPtrType())
    return Value::unknown(); // an empty holder
  auto M = std::make_shared<ModuleValue>();
  M->Kind = L.Kind.str();
  M->IsOptions = QN == L.Options;
  M->ConfiguredAt = C->getBeginLoc();
  if (Args.size() == 1 && Args[0].isModule() && Args[0].Module->IsOptions) {
    M->Params = Args[0].Module->Params;
  } else {
    for (size_t I = 0; I < Args.size() && I < L.Positional.size(); ++I)
      M->Params[L.Positional[I].str()] = Args[I];
  }
  std::string Spelling = L.Kind.str() + (M->IsOptions ? "Options(" : "(");
  for (size_t I = 0; I < L.Positional.size(); ++I) {
    const Value *P = M->param(L.Positional[I].str());
    Spelling += (I ? ", " : "") + (P && P->isInt() ? P->Int.str() : std::string("?"));
  }
  M->Spelling = Spelling + ")";
  return Value::ofModule(M);
}

void Interpreter::setTraining(Session &S, const Value &Module, Tri Mode) {
  // Set on some paths only, the mode is unknown after the merge.
  if (S.Conditional > 0)
    Mode = Tri::Unknown;
  ++S.ModeEpoch;
  if (!Module.isModule())
    S.AnyModeUnknown = true;
  std::vector<ModuleValue *> Work;
  std::set<ModuleValue *> Seen;
  if (Module.isModule())
    Work.push_back(Module.Module.get());
  while (!Work.empty()) {
    ModuleValue *M = Work.back();
    Work.pop_back();
    if (!Seen.insert(M).second)
      continue;
    M->Training = Mode;
    for (const Value &C : M->Children)
      if (C.isModule())
        Work.push_back(C.Module.get());
    for (const auto &[FD, V] : M->Fields)
      if (V.isModule())
        Work.push_back(V.Module.get());
  }
}

Value Interpreter::buildContainer(const CXXConstructExpr *C, llvm::StringRef Kind) {
  if (C->getNumArgs() == 1 && C->getArg(0)->getType()->isNullPtrType())
    return Value::unknown(); // an empty holder, filled later
  std::vector<Value> Args;
  for (const Expr *A : C->arguments())
    Args.push_back(eval(A));
  if (Args.size() == 1 && Args[0].isModule() && Args[0].Module->Kind == Kind)
    return Args[0]; // a holder around an existing container
  auto M = std::make_shared<ModuleValue>();
  M->Kind = Kind.str();
  M->ConfiguredAt = C->getBeginLoc();
  M->Spelling = Kind.str();
  // Each argument is one module; anything else (named entries, AnyModule)
  // is an unknown module, which ends tracking through the chain.
  for (const Value &A : Args)
    M->Children.push_back(A.isModule() ? A : Value::unknown());
  return Value::ofModule(M);
}

namespace {
/// A user module's construction, for the observer: what it registers is
/// certain relative to the branches and loops around the construction, and
/// complete when nothing in it was left unanalysed.
class ObservedConstruction {
public:
  ObservedConstruction(Session &S, Value M)
      : S(S), M(std::move(M)), Conditional(S.ConstructionConditional),
        Loops(S.ConstructionLoops), NotFollowed(S.NotFollowed) {
    if (!S.Obs)
      return;
    S.ConstructionConditional = S.Conditional;
    S.ConstructionLoops = S.SummarisedLoops;
    S.Obs->constructionBegin(this->M);
  }
  void end(bool NormalExit) {
    if (!S.Obs || Ended)
      return;
    Ended = true;
    S.ConstructionConditional = Conditional;
    S.ConstructionLoops = Loops;
    S.Obs->constructionEnd(M, NormalExit && S.NotFollowed == NotFollowed);
  }
  ~ObservedConstruction() { end(false); }

private:
  Session &S;
  Value M;
  unsigned Conditional, Loops, NotFollowed;
  bool Ended = false;
};
} // namespace

Value Interpreter::constructUserModule(Session &S, const CXXRecordDecl *Impl,
                                       const std::vector<Value> &Args, SourceLocation Loc,
                                       const std::vector<CallFrame> &Stack,
                                       bool SymbolicArgs) {
  Impl = Impl->getDefinition();
  if (!Impl)
    return Value::unknown();
  if (Stack.size() >= S.Opts.MaxCallDepth) {
    S.addCutShortGap(Loc, "call depth limit",
             "the construction of " + Impl->getNameAsString() + " is " +
                 std::to_string(Stack.size() + 1) + " calls deep; calls are followed " +
                 std::to_string(S.Opts.MaxCallDepth) + " deep");
    return Value::unknown();
  }
  // The constructor that fits: the argument count, then the argument kinds.
  std::vector<const CXXConstructorDecl *> Fits;
  for (const CXXConstructorDecl *Ctor : Impl->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted())
      continue;
    if (Ctor->getMinRequiredArguments() > Args.size() || Ctor->getNumParams() < Args.size())
      continue;
    bool KindsFit = true;
    for (size_t I = 0; I < Args.size(); ++I) {
      QualType T = Ctor->getParamDecl(I)->getType().getNonReferenceType();
      if ((Args[I].isInt() && !T->isIntegralOrEnumerationType() && !T->isRecordType()) ||
          (Args[I].isTensor() && !isTensorType(T)))
        KindsFit = false;
    }
    if (KindsFit)
      Fits.push_back(Ctor);
  }
  if (Fits.empty() && SymbolicArgs) {
    // Analysed without a call site: the one constructor, arguments unknown.
    for (const CXXConstructorDecl *Ctor : Impl->ctors())
      if (!Ctor->isCopyOrMoveConstructor() && !Ctor->isDeleted())
        Fits.push_back(Ctor);
  }
  auto M = std::make_shared<ModuleValue>();
  M->UserClass = Impl;
  M->ConfiguredAt = Loc;
  // "MlpImpl(784, 256)": how this instance was configured, for notes.
  std::string Spelling = Impl->getNameAsString() + "(";
  for (size_t I = 0; I < Args.size(); ++I)
    Spelling += (I ? ", " : "") +
                (Args[I].isInt() ? Args[I].Int.str()
                                 : Args[I].isTensor() ? "tensor " + Args[I].Shape.str() : "…");
  M->Spelling = Spelling + ")";
  if (Fits.empty()) {
    // An implicit default constructor runs the in-class initialisers only.
    if (!Args.empty() || Impl->hasUserDeclaredConstructor())
      return Value::unknown();
    Interpreter I(S, nullptr, Value::ofModule(M), Stack);
    ObservedConstruction Observed(S, Value::ofModule(M));
    for (const FieldDecl *FD : Impl->fields())
      if (FD->hasInClassInitializer())
        M->Fields[FD] = I.eval(FD->getInClassInitializer());
    Observed.end(!I.E.Dead);
    return Value::ofModule(M);
  }
  if (Fits.size() != 1)
    return Value::unknown();
  const FunctionDecl *DefFD = nullptr;
  if (!Fits[0]->hasBody(DefFD) || !DefFD)
    return Value::unknown();
  const auto *Def = cast<CXXConstructorDecl>(DefFD);
  if (std::find(S.Active.begin(), S.Active.end(), Def) != S.Active.end())
    return Value::unknown();

  // Per construction site: notes say where this instance was built.
  std::string Key = std::to_string(reinterpret_cast<uintptr_t>(Def)) + "@" +
                    std::to_string(Loc.getRawEncoding());
  for (const Value &A : Args)
    Key += "|" + A.key();
  auto It = S.ModuleMemo.find(Key);
  if (It != S.ModuleMemo.end()) {
    // One value now stands for several instances (a helper called twice):
    // their modes may differ.
    setTraining(S, It->second, Tri::Unknown);
    return It->second;
  }

  std::vector<CallFrame> Inner = Stack;
  if (Loc.isValid())
    Inner.push_back(CallFrame{Loc, "in the construction of `" + Impl->getNameAsString() + "` here"});
  Interpreter I(S, Def, Value::ofModule(M), std::move(Inner));
  S.Active.push_back(Def);
  ObservedConstruction Observed(S, Value::ofModule(M));
  I.runConstructor(Def, Args, *M, SymbolicArgs ? nullptr : Fits[0]);
  Observed.end(!(I.E.Dead && !I.HasReturn));
  S.Active.pop_back();
  Value V = Value::ofModule(M);
  // Analysed without a construction site (this of a function analysed on its
  // own): any mode.
  if (SymbolicArgs) {
    setTraining(S, V, Tri::Unknown);
    // Any method may have run before: a field some method assigns
    // (`reset(batch)` setting `h_`) may hold what that method left.
    for (const CXXMethodDecl *MD : Impl->methods())
      if (!isa<CXXConstructorDecl>(MD) && MD->hasBody())
        for (const ValueDecl *D : assignedIn(MD->getBody()))
          if (const auto *FD = dyn_cast<FieldDecl>(D))
            M->Fields[FD] = Value::unknown();
  }
  S.ModuleMemo[Key] = V;
  return V;
}

} // namespace torchshape
