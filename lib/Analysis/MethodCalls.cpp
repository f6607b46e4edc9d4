//===- MethodCalls.cpp - Methods of layers, options and user objects -----===//
//
// A member call on a LibTorch layer (its forward, `conv->options.x(...)`),
// an options object (setters return a configured copy, getters read it), a
// container (Sequential/ModuleList), a module's mode (train/eval), as<T>(),
// register_module, or on a user class (interpreted per call).
//
//===----------------------------------------------------------------------===//
#include "CallSupport.h"
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace torchshape {

Value Interpreter::evalMethodCall(const CXXMemberCallExpr *MC, const FunctionDecl *FD,
                                  const std::string &Name) {
  const CallExpr *C = MC;
  const CXXMethodDecl *MD = MC->getMethodDecl();
  const CXXRecordDecl *Cls = MD ? MD->getParent() : nullptr;
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (MD && Cls && Obj) {
    std::string ClassName = Cls->getQualifiedNameAsString();
    const LayerEntry *L = lookupLayer(ClassName);
    if (MD->getIdentifier() && C->getNumArgs() == 1)
      if (const auto *ME = dyn_cast<MemberExpr>(Obj->IgnoreParenImpCasts()))
        if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          if (Field->getIdentifier() && Field->getName() == "options" &&
              llvm::StringRef(Field->getParent()->getQualifiedNameAsString())
                  .starts_with("torch::nn::")) {
            // `conv->options.padding(2)` reconfigures the layer itself (its
            // forward reads its options): that option is no longer known.
            Value Layer = eval(ME->getBase());
            if (Layer.isModule() && !Layer.Module->IsOptions && !Layer.Module->Kind.empty())
              Layer.Module->Params[MD->getName().str()] = Value::unknown();
            eval(C->getArg(0));
            return Value::unknown();
          }
    const LayerEntry *FwdLayer = L;
    if (!FwdLayer && MD->getIdentifier() && MD->getName() == "forward") {
      // forward declared in a templated base (BatchNormImplBase<2, ...>,
      // InstanceNormImpl<...>): the layer is the object's own class.
      QualType OT = Obj->IgnoreImpCasts()->getType();
      if (OT->isPointerType())
        OT = OT->getPointeeType();
      if (const CXXRecordDecl *ORD = OT->getAsCXXRecordDecl())
        FwdLayer = lookupLayer(ORD->getQualifiedNameAsString());
    }
    if (FwdLayer && MD->getIdentifier() && MD->getName() == "forward") {
      Value M = eval(Obj);
      std::vector<const Expr *> ArgExprs = argsFrom(C, 0);
      return callLayerForward(M, spelling(holderExpr(Obj)), C, evalArgs(ArgExprs), ArgExprs);
    }
    if ((ClassName == "torch::nn::SequentialImpl" || ClassName == "torch::nn::ModuleListImpl") &&
        MD->getIdentifier())
      return callContainerMethod(MC, MD, FD);
    if ((Name == "torch::nn::Module::train" || Name == "torch::nn::Module::eval") &&
        C->getNumArgs() <= 1) {
      // train(on = true), eval() = train(false), over the whole module tree.
      Value M = eval(Obj);
      Tri Mode = Tri::False;
      if (Name == "torch::nn::Module::train") {
        Value On = C->getNumArgs() == 1 ? eval(C->getArg(0)) : Value::ofBool(Tri::True);
        Mode = On.truth();
      }
      setTraining(S, M, Mode);
      return Value::unknown();
    }
    if (Name == "torch::nn::Module::is_training" && C->getNumArgs() == 0) {
      Value M = eval(Obj);
      return M.isModule() ? Value::ofBool(M.Module->Training) : Value::unknown();
    }
    if (Name == "torch::nn::Module::as" && C->getNumArgs() == 0) {
      // module->as<nn::Linear>(): the module itself when it is one (else
      // LibTorch returns nullptr, and nothing is claimed).
      Value M = eval(Obj);
      QualType T = MC->getType();
      if (T->isPointerType())
        T = T->getPointeeType();
      return moduleIsA(M, T->getAsCXXRecordDecl()) ? M : Value::unknown();
    }
    if (L && ClassName == L->Options && MD->getIdentifier()) {
      // Options setters (`.bias(false)`) return a configured copy;
      // getters (`.in_features()`) read the configuration.
      std::string Option = MD->getName().str();
      Value Opts = eval(Obj);
      if (!Opts.isModule())
        return Value::unknown();
      if (C->getNumArgs() == 0) {
        const Value *P = Opts.Module->param(Option);
        return P ? *P : Value::unknown();
      }
      auto Copy = std::make_shared<ModuleValue>(*Opts.Module);
      if (Option == "kernel_size" && llvm::StringRef(Copy->Kind).contains("Pool") &&
          !Copy->param("stride")) {
        // Pool options take stride = kernel_size in their constructor; a
        // later kernel_size() keeps that stride.
        const Value *K = Copy->param("kernel_size");
        Copy->Params["stride"] = K ? *K : Value::unknown();
      }
      Copy->Params[Option] = eval(C->getArg(0));
      // Setters change their object in place: `opts.padding(1);` on a
      // variable (or a chain `opts.padding(1).stride(2)` rooted at one)
      // updates that variable.
      const Expr *Root = Obj;
      while (const auto *Inner = dyn_cast<CXXMemberCallExpr>(Root->IgnoreParenImpCasts())) {
        const CXXMethodDecl *IM = Inner->getMethodDecl();
        if (!IM || IM->getParent() != Cls || Inner->getNumArgs() != 1 ||
            !Inner->getImplicitObjectArgument())
          break;
        Root = Inner->getImplicitObjectArgument();
      }
      if (placeOf(Root))
        assign(Root, Value::ofModule(Copy));
      return Value::ofModule(Copy);
    }
    // register_module returns its module; so does replace_module (whose
    // effect on forward is only through the member it is assigned to).
    if ((Name == "torch::nn::Module::register_module" ||
         Name == "torch::nn::Module::replace_module") &&
        C->getNumArgs() == 2) {
      Value M = eval(C->getArg(1));
      if (S.Obs && Name == "torch::nn::Module::register_module")
        observeRegistration(Obj, C->getArg(0), M, /*IsParameter=*/false);
      if (M.isModule()) {
        if (const auto *Str = dyn_cast<StringLiteral>(C->getArg(0)->IgnoreImplicit()))
          M.Module->RegisteredName = Str->getString().str();
        else if (const auto *CE = dyn_cast<CXXConstructExpr>(C->getArg(0)->IgnoreImplicit()))
          if (CE->getNumArgs() > 0)
            if (const auto *S2 = dyn_cast<StringLiteral>(CE->getArg(0)->IgnoreImplicit()))
              M.Module->RegisteredName = S2->getString().str();
      }
      return M;
    }
    if (isUserModuleClass(Cls) || isUserCode(S.Ctx, MD->getLocation())) {
      Value Self = eval(Obj);
      if (MD->isStatic())
        Self = Value::unknown();
      std::vector<Value> Args = evalArgs(argsFrom(C, 0));
      Value R;
      if (S.Obs && MD->getIdentifier() && MD->getName() == "forward" && Self.isModule() &&
          isUserModuleClass(Cls))
        // net->forward(x): a module call, as net(x) is.
        R = observeModuleCall(Self, spelling(holderExpr(Obj)), C, Args,
                              [&] { return callUser(MD, Self, C, Args); });
      else
        R = callUser(MD, Self, C, std::move(Args));
      if (mayReshapeArguments(MD, 0))
        havocAllTensors();
      writeBackReferenceArgs(C, FD);
      return R;
    }
  }
  return opaqueCall(C, FD);
}

} // namespace torchshape
