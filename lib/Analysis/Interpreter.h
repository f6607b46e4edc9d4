//===- Interpreter.h - Abstract interpretation of one function body ------===//
//
// Walks a function's statements in order with an environment (declaration →
// abstract value).  Branches are analysed separately and joined (differing
// facts become unknown); loops, switches and try blocks forget what they may
// change; calls go through the API table, into library layers, or into the
// user's own functions and modules (context-sensitive, memoised, budgeted).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_ANALYSIS_INTERPRETER_H
#define TORCHSHAPE_LIB_ANALYSIS_INTERPRETER_H

#include "Session.h"
#include "torchshape/Semantics/ApiTable.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace torchshape {

class Interpreter : public OpSink {
public:
  Interpreter(Session &S, const clang::FunctionDecl *F, Value This,
              std::vector<CallFrame> Stack);

  /// Runs the body with the parameters bound to Args (missing ones are
  /// unknown); returns what the function returns, joined over all returns.
  Value run(const std::vector<Value> &Args);

  /// Runs a constructor of a user module: member initialisers, then the body.
  /// The module's fields are left in M.
  /// Defaults, when set, is the declaration whose default arguments fill
  /// the parameters not passed (a construction site through a holder, which
  /// forwards only what the user wrote); otherwise they are symbols.
  void runConstructor(const clang::CXXConstructorDecl *Ctor, const std::vector<Value> &Args,
                      ModuleValue &M, const clang::CXXConstructorDecl *Defaults = nullptr);

  /// A fresh abstract value for a parameter of unknown value.
  static Value symbolicParam(Session &S, const clang::ParmVarDecl *P);

  /// Builds the module value of a user module class, running the constructor
  /// that fits Args.
  static Value constructUserModule(Session &S, const clang::CXXRecordDecl *Impl,
                                   const std::vector<Value> &Args, clang::SourceLocation Loc,
                                   const std::vector<CallFrame> &Stack,
                                   bool SymbolicArgs = false);

  // OpSink.
  void report(Finding F) override;
  std::vector<Note> historyNotes(const Value &Tensor, llvm::StringRef Role) override;

private:
  struct Env {
    llvm::DenseMap<const clang::ValueDecl *, Value> Vars;
    bool Dead = false;
  };

  Session &S;
  const clang::FunctionDecl *F;
  Value This;
  std::vector<CallFrame> Stack;
  Env E;
  bool HasReturn = false;
  Value Ret;
  bool InConstructor = false;

  /// The paths that left the loop being unrolled by break or continue.
  struct LoopExits {
    std::vector<Env> Breaks, Continues;
  };
  LoopExits *CurLoop = nullptr;

  // Statements.
  void exec(const clang::Stmt *St);
  /// Iterations a loop is unrolled for when its trip count is known.
  static constexpr unsigned MaxUnrolledTrips = 256;
  /// Analyses a loop body once for any number of iterations.  Loop, when
  /// given, is reported as a gap (with Why) if that forgets known values.
  void execLoopLike(const clang::Stmt *Body, llvm::ArrayRef<const clang::Stmt *> Parts,
                    const clang::Stmt *Loop = nullptr, llvm::StringRef Why = "");
  /// Unrolls a `for` whose trip count is known here; else says Why not.
  bool tryUnroll(const clang::ForStmt *For, std::string &Why);
  // Loops in their context (LoopContexts.cpp).
  /// Range-for: unrolled over the elements of a list or module container
  /// known here, else one pass over an element that stands for all of them.
  void execRangeFor(const clang::CXXForRangeStmt *FR);
  /// One unrolled iteration of Body; its break paths are added to Breaks.
  void runIteration(const clang::Stmt *Body, std::vector<Env> &Breaks);
  /// Runs Body once per element with the loop variable bound to it.
  void unrollOver(const clang::CXXForRangeStmt *FR, const std::vector<Value> &Elems);
  /// The gap of a loop analysed once: what known values it forgets.
  void reportForgottenByLoop(const clang::Stmt *Loop, const clang::Stmt *Body,
                             llvm::ArrayRef<const clang::Stmt *> Parts, llvm::StringRef Why);
  static llvm::SmallPtrSet<const clang::ValueDecl *, 8> assignedIn(const clang::Stmt *St);
  /// Narrows the environment with what a condition being Truth implies
  /// (`x.size(1) == 784`, `x.dim() == 4`); marks the path dead when it
  /// contradicts what is known.
  void refine(const clang::Expr *Cond, bool Truth);
  void havocAssignedIn(const clang::Stmt *St);
  static Env join(const Env &A, const Env &B);

  // Expressions.
  Value eval(const clang::Expr *Ex);
  Value evalBinary(const clang::BinaryOperator *B);
  Value evalUnary(const clang::UnaryOperator *U);
  Value evalDeclRef(const clang::DeclRefExpr *D);
  Value evalMember(const clang::MemberExpr *M);
  Value evalConstruct(const clang::CXXConstructExpr *C);
  /// at::indexing::Slice / TensorIndex values (IndexValues.cpp); nullopt for other classes.
  std::optional<Value> evalIndexConstruct(const clang::CXXConstructExpr *C);
  /// std::vector (StdContainers.cpp): push_back, at, size, ... on list values.
  std::optional<Value> evalVectorCall(const clang::CXXMemberCallExpr *C);
  static Value emptyVector(const clang::CXXRecordDecl *RD);
  /// List[Index] (std::vector, a braced list, a tuple): the element when the
  /// index is known, what all elements agree on when it is not; nullopt when
  /// List is not a list value.
  static std::optional<Value> listElement(const Value &List, const Value &Index);
  /// Vectors a loop analysed once may only grow: their elements before the
  /// loop and what the body pushes (Spoiled: changed any other way).
  struct PushRecord {
    std::vector<Value> Before;
    std::vector<Value> Pushed;
    bool Spoiled = false;
  };
  using PushLog = llvm::DenseMap<const clang::ValueDecl *, PushRecord>;
  PushLog *CurPushLog = nullptr;
  bool InPush = false;
  /// Before a loop analysed once: starts recording pushes to the vectors it
  /// changes.  After it: each vector only grown there becomes a vector of
  /// unknown length whose elements are summarised.
  PushLog startPushLog(const clang::Stmt *Body);
  void finishPushLog(PushLog &Log);
  /// A write to D other than a push: D is no longer only grown.
  void notePushLogWrite(const clang::ValueDecl *D);
  /// OpenCV (OpenCv.cpp): cv::Mat and cv::Size values, imread/resize/cvtColor.
  std::optional<Value> evalOpenCvConstruct(const clang::CXXConstructExpr *C);
  std::optional<Value> evalOpenCvCall(const clang::CallExpr *C, llvm::StringRef Name);
  std::optional<Value> matField(const Value &Base, const clang::FieldDecl *FD);
  /// Dispatches a call to the handler that knows its callee (Calls.cpp).
  Value evalCall(const clang::CallExpr *C);
  /// Operators: holders' ->, *, (), assignment, [] (OperatorCalls.cpp).
  std::optional<Value> evalOperatorCall(const clang::CXXOperatorCallExpr *Op,
                                        const clang::FunctionDecl *FD);
  /// Member calls on layers, options, containers, modules and user objects
  /// (MethodCalls.cpp).
  Value evalMethodCall(const clang::CXXMemberCallExpr *MC, const clang::FunctionDecl *FD,
                       const std::string &Name);
  /// std::get on tuples, std::make_shared of user modules (UserObjects.cpp).
  std::optional<Value> evalStdUtilityCall(const clang::CallExpr *C, const clang::FunctionDecl *FD,
                                          const std::string &Name);
  // Plain classes, callables, pairs (UserObjects.cpp).
  std::optional<Value> evalUserObjectConstruct(const clang::CXXConstructExpr *C);
  std::optional<Value> evalUserOperatorCall(const clang::CallExpr *C,
                                            const clang::FunctionDecl *FD);
  std::optional<Value> evalPairField(const Value &Base, const clang::FieldDecl *FD);
  std::optional<Value> evalMinMax(const clang::CallExpr *C, llvm::StringRef Name);
  Value evalInitList(const clang::InitListExpr *IL);
  Value evalConstVar(const clang::VarDecl *VD);

  // Calls.
  Value callOp(const OpEntry &Op, const clang::CallExpr *C, const clang::FunctionDecl *FD);
  // Args are evaluated by the caller; ArgExprs only locate them.
  Value callLayerForward(const Value &Module, const std::string &Spelling,
                         const clang::Expr *Call, std::vector<Value> Args,
                         llvm::ArrayRef<const clang::Expr *> ArgExprs);
  Value callLayerForwardUnobserved(const Value &Module, const std::string &Spelling,
                                   const clang::Expr *Call, std::vector<Value> Args,
                                   llvm::ArrayRef<const clang::Expr *> ArgExprs);
  Value callUser(const clang::FunctionDecl *FD, const Value &Obj, const clang::Expr *Call,
                 std::vector<Value> Args);
  Value callModuleForward(const Value &Module, const std::string &Spelling,
                          const clang::Expr *Call, std::vector<Value> Args,
                          llvm::ArrayRef<const clang::Expr *> ArgExprs);
  Value callSequential(const ModuleValue &Seq, const std::string &Spelling,
                       const clang::Expr *Call, std::vector<Value> Args,
                       llvm::ArrayRef<const clang::Expr *> ArgExprs);
  std::vector<Value> evalArgs(llvm::ArrayRef<const clang::Expr *> Exprs);
  /// Sets the training mode of a module and every module inside it; under a
  /// condition (or for an unknown mode) the mode becomes unknown.
  static void setTraining(Session &S, const Value &Module, Tri Mode);
  /// Sequential or ModuleList built from its modules.
  Value buildContainer(const clang::CXXConstructExpr *C, llvm::StringRef Kind);
  /// seq[i], list->at<T>(i), list->ptr(i): the i-th module when the
  /// container's contents are known.
  Value containerElement(const Value &Container, const Value &Index);
  /// Sequential/ModuleList methods: push_back, size, at, ptr, forward.
  Value callContainerMethod(const clang::CXXMemberCallExpr *C, const clang::CXXMethodDecl *MD,
                            const clang::FunctionDecl *FD);
  // Data pipelines (DataPipeline.cpp).
  static Value exampleValue(Value Data, Value Target);
  /// The batch of `for (auto &batch : *loader)`.  When the dataset's size and
  /// the batch size are known, Representatives gets one batch per size that
  /// occurs (the full batch, the smaller last one).
  Value batchOfLoader(const clang::Expr *Range, const Value &Loader = Value(),
                      std::vector<Value> *Representatives = nullptr);
  Value stackExample(Value Item, const std::vector<std::string> &Transforms, Dim Batch,
                     clang::SourceLocation Loc);
  std::optional<std::vector<int64_t>> batchSizes(const Value &Loader, const Value &Dataset,
                                                 const clang::CXXRecordDecl *Base,
                                                 const clang::Expr *Range);
  /// make_data_loader(dataset, batch_size) and dataset.map(transform).
  std::optional<Value> evalDataPipelineCall(const clang::CallExpr *C, llvm::StringRef Name);
  /// Runs a loop body (and its condition/increment Parts) once per element
  /// bound to LV (each stands for some iterations), on what the loop may
  /// change forgotten (LoopContexts.cpp).
  void runSummarised(const clang::Stmt *Body, llvm::ArrayRef<const clang::Stmt *> Parts,
                     const clang::VarDecl *LV, const std::vector<Value> &Elems);
  Value opaqueCall(const clang::CallExpr *C, const clang::FunctionDecl *FD);
  void havocByReferenceArgs(const clang::CallExpr *C, const clang::FunctionDecl *FD);
  /// After a call of user code: each argument passed by non-const reference
  /// takes the value the callee left in its parameter (LastOutParams), when
  /// known; anything else it may change is forgotten.
  void writeBackReferenceArgs(const clang::CallExpr *C, const clang::FunctionDecl *FD);
  /// The values a user callee left in its reference parameters, by index
  /// (set by callUser for the call just made).
  std::vector<std::optional<Value>> LastOutParams;
  /// The environments at every exit of this function (joined), for the
  /// values of reference parameters on return.
  std::optional<Env> ExitEnv;
  void noteExit();
  void havocLambdaCaptures(const clang::Expr *Arg);
  /// Forgets every tensor variable's shape (tensors alias: copies share
  /// storage, so an in-place shape change may reach any of them).
  void havocAllTensors();
  bool mayReshapeArguments(const clang::FunctionDecl *FD, unsigned Depth);
  static bool isShapeChangingInPlace(const clang::FunctionDecl *FD);
  Value buildLayer(const LayerEntry &L, const clang::CXXConstructExpr *C);

  // Places.
  void assign(const clang::Expr *Target, Value V);
  const clang::ValueDecl *placeOf(const clang::Expr *Target);
  void havoc(const clang::ValueDecl *D);

  // The observer (ShapeObserver.h), when there is one.
  ObservationContext observation() const;
  /// Tells the observer that D holds V from Loc on (tensors only).
  void observeBinding(clang::SourceLocation Loc, const clang::ValueDecl *D, const Value &V);
  /// Runs a module's forward (Run) between the observer's moduleCallBegin
  /// and moduleCallEnd.
  Value observeModuleCall(const Value &Module, const std::string &Spelling,
                          const clang::Expr *Call, const std::vector<Value> &Args,
                          llvm::function_ref<Value()> Run);
  /// register_module / register_parameter on Parent, for the observer.
  void observeRegistration(const clang::Expr *Parent, const clang::Expr *NameArg,
                           const Value &Registered, bool IsParameter);

  std::string spelling(const clang::Expr *Ex) const;
  std::string describeArgs(const clang::FunctionDecl *FD, const std::vector<Value> &Args) const;
  const clang::SourceManager &SM() const;
};

/// Whether a type is (a reference to, a const) at::Tensor.
bool isTensorType(clang::QualType T);
/// The LibTorch Impl class behind a ModuleHolder<Impl>-derived holder type
/// (user TORCH_MODULE classes and library holders alike), or null.
const clang::CXXRecordDecl *holderImpl(const clang::CXXRecordDecl *RD);
/// Whether RD derives from torch::nn::Module (and is not LibTorch's own).
bool isUserModuleClass(const clang::CXXRecordDecl *RD);
/// A class of the user's that is not a module but holds values the
/// analysis follows (tensors, sizes, layers): followed like a user module.
bool isPlainUserClass(const clang::ASTContext &Ctx, const clang::CXXRecordDecl *RD);
/// RD (a definition) has torch::nn::Module among its bases.
bool derivesFromModule(const clang::CXXRecordDecl *RD);

} // namespace torchshape

#endif
