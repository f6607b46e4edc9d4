//===- ShapeRecorder.cpp - Aggregating what the interpreter saw ----------===//
//
// Facts are joined per place and name, separately for the analyses of the
// enclosing function on its own and through calls.  Module calls form a
// tree (a call inside a module's forward is its child); a summary is made
// per top-level call site and module, by walking the module's registered
// structure (what LibTorch's parameters() walks) and attaching the calls
// seen.  A call of user code whose result was memoised replays the calls
// its first analysis saw.
//
//===----------------------------------------------------------------------===//
#include "torchshape/Analysis/ShapeRecord.h"
#include "torchshape/Semantics/LayerParams.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cstring>
#include <functional>

using namespace clang;

namespace torchshape {

ShapeObserver::~ShapeObserver() = default;

struct ShapeRecorder::CallNode {
  Value Module;
  std::string Spelling;
  SourceLocation Loc;
  std::vector<Value> Args;
  Value Result;
  bool Own = false; // a top-level call seen in its function analysed on its own
  std::vector<std::shared_ptr<CallNode>> Children;
};

ShapeRecorder::ShapeRecorder() = default;
ShapeRecorder::~ShapeRecorder() = default;

const Value &ShapeFact::best() const {
  return fromCalls() ? *Called : *Own;
}

bool ShapeFact::fromCalls() const {
  if (!Own)
    return true;
  if (!Called)
    return false;
  // The calls know more only when they know a rank the function on its own
  // does not, or sizes it leaves unknown.
  auto Informative = [](const Value &V) {
    if (!V.isTensor() || !V.Shape.hasRank())
      return 0u;
    unsigned N = 1;
    for (const Axis &A : V.Shape.axes())
      N += !A.Size.isUnknown();
    return N;
  };
  return Informative(*Called) > Informative(*Own);
}

OriginRef ShapeFact::history() const {
  if (fromCalls())
    return CalledHistoryDiffers ? nullptr : CalledHistory;
  return OwnHistoryDiffers ? nullptr : OwnHistory;
}

namespace {

bool sameHistory(const Origin *A, const Origin *B) {
  for (; A && B; A = A->Prev.get(), B = B->Prev.get())
    if (A != B && (A->Loc != B->Loc || A->What != B->What))
      return false;
  return !A && !B;
}

/// Joins one more observation of V into F.
void observe(ShapeFact &F, const Value &V, const ObservationContext &Ctx) {
  // Only what the front ends show is kept: no strides; the history apart.
  Value Kept = V;
  Kept.History = nullptr;
  auto Join = [&](std::optional<Value> &Into, OriginRef &History, bool &Differs) {
    if (!Into)
      History = V.History;
    else if (!Differs && !sameHistory(History.get(), V.History.get())) {
      Differs = true;
      History = nullptr;
    }
    Into = Into ? Value::join(*Into, Kept) : Kept;
  };
  if (Ctx.CallDepth == 0) {
    Join(F.Own, F.OwnHistory, F.OwnHistoryDiffers);
  } else {
    Join(F.Called, F.CalledHistory, F.CalledHistoryDiffers);
    if (Ctx.Root)
      F.Callers.insert(Ctx.Root->getNameAsString());
  }
}

/// "Linear(50176, 10)", "Sequential", a user module's class.
std::string layerText(const ModuleValue &M) {
  if (!M.Kind.empty())
    return M.Kind == "Sequential" || M.Kind == "ModuleList" ? M.Kind : layerConfigText(M);
  return M.UserClass ? M.UserClass->getNameAsString() : std::string("module");
}

} // namespace

std::string shapeText(const Value &V) {
  if (V.isTensor())
    return V.Shape.hasRank() ? V.Shape.str() : "unknown";
  if (V.Kind == ValueKind::List && !V.Elems.empty()) {
    std::string S = "(";
    for (size_t I = 0; I < V.Elems.size(); ++I)
      S += (I ? ", " : "") + shapeText(V.Elems[I]);
    return S + ")";
  }
  return "unknown";
}

void ShapeRecorder::beginRoot(const FunctionDecl *) {
  Open.clear();
  UserCalls.clear();
}

void ShapeRecorder::record(SourceLocation Loc, const std::string &Name, const Value &V,
                           const ObservationContext &Ctx, const void *Key) {
  if (Loc.isInvalid())
    return;
  ShapeFact &F = Facts[{Loc.getRawEncoding(), Key}];
  F.Loc = Loc;
  F.Name = Name;
  observe(F, V, Ctx);
}

void ShapeRecorder::valueBound(SourceLocation Loc, const NamedDecl *Var, const Value &V,
                               const ObservationContext &Ctx) {
  record(Loc, Var->getNameAsString(), V, Ctx, Var);
}

void ShapeRecorder::valueReturned(SourceLocation Loc, const Value &V,
                                  const ObservationContext &Ctx) {
  record(Loc, "return", V, Ctx, nullptr);
}

std::vector<std::shared_ptr<ShapeRecorder::CallNode>> *ShapeRecorder::currentList() {
  if (Open.empty())
    return &Roots;
  return Open.back() ? &Open.back()->Children : nullptr;
}

void ShapeRecorder::moduleCallBegin(const Value &Module, llvm::StringRef Spelling,
                                    SourceLocation Loc, llvm::ArrayRef<Value> Args,
                                    bool TopLevel, const ObservationContext &Ctx) {
  if (Module.isModule() && Loc.isValid()) {
    // Every call site, for a hover on the receiver.
    unsigned Key = Loc.getRawEncoding();
    std::string Layer = layerText(*Module.Module);
    auto [It, New] = LayerCalls.try_emplace(Key);
    LayerCallFact &C = It->second;
    if (New) {
      C.Loc = Loc;
      C.Spelling = Spelling.str();
      C.Layer = Layer;
      C.ConfiguredAt = Module.Module->ConfiguredAt;
      C.Input.Loc = Loc;
      C.Input.Name = C.Spelling;
    } else if (C.Layer != Layer || C.ConfiguredAt != Module.Module->ConfiguredAt) {
      LayerCallDiffers[Key] = true;
    }
    std::vector<const Value *> Inputs;
    for (const Value &A : Args)
      if (A.isTensor() || A.Kind == ValueKind::List)
        Inputs.push_back(&A);
    if (Inputs.size() == 1)
      observe(C.Input, *Inputs.front(), Ctx);
  }
  std::vector<std::shared_ptr<CallNode>> *List = currentList();
  if (!List || (Open.empty() && !TopLevel) || !Module.isModule()) {
    Open.push_back(nullptr);
    return;
  }
  auto N = std::make_shared<CallNode>();
  N->Module = Module;
  N->Spelling = Spelling.str();
  N->Loc = Loc;
  N->Own = Ctx.CallDepth == 0;
  N->Args.assign(Args.begin(), Args.end());
  for (Value &A : N->Args)
    A.History = nullptr;
  List->push_back(N);
  Open.push_back(N.get());
  KeepAlive.push_back(Module);
}

void ShapeRecorder::moduleCallEnd(const Value &Result) {
  if (Open.empty())
    return;
  if (CallNode *N = Open.back()) {
    N->Result = Result;
    N->Result.History = nullptr;
  }
  Open.pop_back();
}

void ShapeRecorder::userCallBegin(const std::string &Key) {
  std::vector<std::shared_ptr<CallNode>> *List = currentList();
  UserCalls.push_back({Key, List, List ? List->size() : 0});
}

void ShapeRecorder::userCallEnd(const std::string &Key) {
  if (UserCalls.empty())
    return;
  Pending P = UserCalls.back();
  UserCalls.pop_back();
  if (P.Key != Key || !P.List || P.List->size() < P.Size)
    return;
  Replays[Key].assign(P.List->begin() + P.Size, P.List->end());
}

void ShapeRecorder::userCallReused(const std::string &Key) {
  auto It = Replays.find(Key);
  std::vector<std::shared_ptr<CallNode>> *List = currentList();
  if (It == Replays.end() || !List)
    return;
  List->insert(List->end(), It->second.begin(), It->second.end());
}

void ShapeRecorder::constructionBegin(const Value &Module) {
  // Modules a constructor calls (to size a layer from a trial forward) are
  // not part of any summary.
  Open.push_back(nullptr);
  if (Module.isModule())
    KeepAlive.push_back(Module);
}

void ShapeRecorder::constructionEnd(const Value &Module, bool Complete) {
  if (!Open.empty())
    Open.pop_back();
  if (!Module.isModule())
    return;
  auto [It, New] = Constructed.try_emplace(Module.Module.get(), Complete);
  if (!New)
    It->second = It->second && Complete;
}

void ShapeRecorder::moduleRegistered(const Value &Parent, llvm::StringRef Name,
                                     const Value &Child, bool Certain) {
  if (!Parent.isModule())
    return;
  KeepAlive.push_back(Parent);
  Registered[Parent.Module.get()].push_back({Name.str(), Child, false, Certain});
}

void ShapeRecorder::parameterRegistered(const Value &Parent, llvm::StringRef Name,
                                        const Value &Tensor, bool Certain) {
  if (!Parent.isModule())
    return;
  KeepAlive.push_back(Parent);
  Value T = Tensor;
  T.History = nullptr;
  Registered[Parent.Module.get()].push_back({Name.str(), T, true, Certain});
}

namespace {

bool isContainer(const ModuleValue &M) {
  return M.Kind == "Sequential" || M.Kind == "ModuleList";
}

/// What the calls of one module under one top-level call saw.
struct CallInfo {
  Value Module;
  unsigned Order = 0; // of the first call
  bool Called = false;
  Value Input, Output;
  unsigned Arguments = 0;
  const ModuleValue *Parent = nullptr;
  std::string Spelling;
};

Value inputOf(const std::vector<Value> &Args, unsigned &Count) {
  std::vector<Value> Tensors;
  for (const Value &A : Args)
    if (A.isTensor() || A.Kind == ValueKind::List)
      Tensors.push_back(A);
  Count = Tensors.size();
  if (Tensors.size() == 1)
    return Tensors.front();
  return Value::ofList(Tensors);
}

std::string trimSpelling(std::string S) {
  for (const char *Prefix : {"this->", "(*this).", "*"})
    if (llvm::StringRef(S).starts_with(Prefix))
      S = S.substr(std::strlen(Prefix));
  return S;
}

} // namespace

std::vector<std::pair<std::string, Value>>
ShapeRecorder::structuralChildren(const ModuleValue &M) const {
  std::vector<std::pair<std::string, Value>> Children;
  if (isContainer(M)) {
    for (size_t C = 0; C < M.Children.size(); ++C)
      Children.push_back({std::to_string(C), M.Children[C]});
  } else if (M.UserClass) {
    auto It = Registered.find(&M);
    if (It != Registered.end())
      for (const Registration &Reg : It->second)
        if (!Reg.IsParameter)
          Children.push_back({Reg.Name, Reg.Child});
  }
  return Children;
}

ShapeRecord ShapeRecorder::finish(const SourceManager &SM) {
  ShapeRecord R;
  for (auto &[Key, F] : Facts)
    R.Facts.push_back(F);
  for (auto &[Key, C] : LayerCalls) {
    R.LayerCalls.push_back(C);
    if (LayerCallDiffers.count(Key)) {
      R.LayerCalls.back().Layer.clear();
      R.LayerCalls.back().ConfiguredAt = SourceLocation();
    }
  }
  std::stable_sort(R.LayerCalls.begin(), R.LayerCalls.end(),
                   [&](const LayerCallFact &A, const LayerCallFact &B) {
                     return SM.isBeforeInTranslationUnit(SM.getFileLoc(A.Loc),
                                                         SM.getFileLoc(B.Loc));
                   });
  std::stable_sort(R.Facts.begin(), R.Facts.end(), [&](const ShapeFact &A, const ShapeFact &B) {
    SourceLocation LA = SM.getFileLoc(A.Loc), LB = SM.getFileLoc(B.Loc);
    if (LA == LB)
      return A.Name < B.Name;
    return SM.isBeforeInTranslationUnit(LA, LB);
  });

  // Parameters of a module and everything registered in it.
  std::function<std::optional<Dim>(const ModuleValue &, unsigned)> Params =
      [&](const ModuleValue &M, unsigned Depth) -> std::optional<Dim> {
    if (Depth > 64)
      return std::nullopt;
    if (isContainer(M)) {
      Dim Sum(0);
      for (const Value &C : M.Children) {
        if (!C.isModule())
          return std::nullopt;
        auto P = Params(*C.Module, Depth + 1);
        if (!P)
          return std::nullopt;
        Sum = Sum + *P;
      }
      return Sum;
    }
    if (!M.Kind.empty())
      return layerParameterCount(M);
    // A user module: what its constructor registered, when that is known
    // to be all.
    auto C = Constructed.find(&M);
    if (C == Constructed.end() || !C->second)
      return std::nullopt;
    Dim Sum(0);
    auto It = Registered.find(&M);
    if (It == Registered.end())
      return Sum;
    for (const Registration &Reg : It->second) {
      if (!Reg.Certain)
        return std::nullopt;
      if (Reg.IsParameter) {
        if (!Reg.Child.isTensor() || !Reg.Child.Shape.hasRank())
          return std::nullopt;
        Dim N = Reg.Child.Shape.numel();
        if (N.isUnknown())
          return std::nullopt;
        Sum = Sum + N;
        continue;
      }
      if (!Reg.Child.isModule())
        return std::nullopt;
      auto P = Params(*Reg.Child.Module, Depth + 1);
      if (!P)
        return std::nullopt;
      Sum = Sum + *P;
    }
    return Sum;
  };

  // Top-level calls by (call site, module): one summary each, from the
  // analysis of the calling function on its own (valid for every caller)
  // when that knows the input, else from the calls that reach it.
  using GroupKey = std::pair<unsigned, const ModuleValue *>;
  std::vector<std::pair<GroupKey, std::vector<CallNode *>>> Groups;
  for (const auto &N : Roots) {
    GroupKey Key(SM.getFileLoc(N->Loc).getRawEncoding(), N->Module.Module.get());
    auto It = std::find_if(Groups.begin(), Groups.end(),
                           [&](const auto &G) { return G.first == Key; });
    if (It == Groups.end())
      Groups.push_back({Key, {N.get()}});
    else
      It->second.push_back(N.get());
  }
  auto KnownInput = [](const CallNode &N) {
    for (const Value &A : N.Args)
      if (A.isTensor() && A.Shape.hasRank())
        return true;
    return false;
  };
  for (auto &[Key, Nodes] : Groups) {
    std::vector<CallNode *> Own;
    for (CallNode *N : Nodes)
      if (N->Own)
        Own.push_back(N);
    if (!Own.empty() && llvm::all_of(Own, [&](CallNode *N) { return KnownInput(*N); }))
      Nodes = Own;
    else if (Own.size() < Nodes.size())
      llvm::erase_if(Nodes, [](CallNode *N) { return N->Own; });
  }

  for (auto &[Key, Nodes] : Groups) {
    std::map<const ModuleValue *, CallInfo> Info;
    std::function<void(const CallNode &, const ModuleValue *, unsigned)> Visit =
        [&](const CallNode &N, const ModuleValue *Parent, unsigned Depth) {
          if (Depth > 64)
            return;
          const ModuleValue *M = N.Module.Module.get();
          CallInfo &I = Info[M];
          unsigned Count = 0;
          Value In = inputOf(N.Args, Count);
          if (!I.Called) {
            I.Called = true;
            I.Module = N.Module;
            I.Order = Info.size();
            I.Input = In;
            I.Output = N.Result;
            I.Arguments = Count;
            I.Parent = Parent;
            I.Spelling = trimSpelling(N.Spelling);
          } else {
            I.Input = Value::join(I.Input, In);
            I.Output = Value::join(I.Output, N.Result);
          }
          for (const auto &C : N.Children)
            Visit(*C, M, Depth + 1);
        };
    for (const CallNode *N : Nodes)
      Visit(*N, nullptr, 0);
    const CallNode &First = *Nodes.front();
    const CallInfo &Top = Info[First.Module.Module.get()];
    // A summary needs a known input: a tensor of known rank.
    bool Known = false;
    std::function<void(const Value &)> Check = [&](const Value &V) {
      if (V.isTensor() && V.Shape.hasRank())
        Known = true;
      if (V.Kind == ValueKind::List)
        for (const Value &E : V.Elems)
          Check(E);
    };
    Check(Top.Input);
    if (!Known)
      continue;

    ModuleSummary Sum;
    Sum.CallLoc = First.Loc;
    std::set<const ModuleValue *> Shown;
    // The modules of the model's structure: a module called from a forward
    // gets a row of its own only when it is not among them.
    std::set<const ModuleValue *> Structural;
    std::function<void(const Value &, unsigned)> Collect = [&](const Value &MV, unsigned Depth) {
      if (!MV.isModule() || Depth > 32 || !Structural.insert(MV.Module.get()).second)
        return;
      for (const auto &[Name, C] : structuralChildren(*MV.Module))
        Collect(C, Depth + 1);
    };
    Collect(First.Module, 0);
    std::function<void(const Value &, const std::string &, unsigned)> Row =
        [&](const Value &MV, const std::string &Path, unsigned Depth) {
          LayerRow L;
          L.Path = Path;
          L.Depth = Depth;
          if (!MV.isModule()) {
            L.Layer = "unknown module";
            Sum.Rows.push_back(std::move(L));
            return;
          }
          const ModuleValue &M = *MV.Module;
          L.Layer = layerText(M);
          L.ConfiguredAt = M.ConfiguredAt;
          auto I = Info.find(&M);
          if (I != Info.end()) {
            L.Called = true;
            L.Input = I->second.Input;
            L.Output = I->second.Output;
            L.Arguments = I->second.Arguments;
          }
          L.Params = Params(M, 0);
          Sum.Rows.push_back(std::move(L));
          if (Depth > 32 || !Shown.insert(&M).second)
            return;
          // Children: a container's modules; a user module's registered
          // modules; then modules its forward called that are neither.
          std::vector<std::pair<std::string, Value>> Children = structuralChildren(M);
          std::vector<std::pair<const ModuleValue *, const CallInfo *>> Extra;
          for (const auto &[Called, CI] : Info)
            if (CI.Parent == &M && !Structural.count(Called))
              Extra.push_back({Called, &CI});
          std::sort(Extra.begin(), Extra.end(),
                    [](const auto &A, const auto &B) { return A.second->Order < B.second->Order; });
          for (const auto &[Called, CIP] : Extra) {
            const CallInfo &CI = *CIP;
            {
              // Called but not registered here: named as the code names it.
              std::string Name = CI.Spelling.empty() ? "?" : CI.Spelling;
              for (const auto &[FD, FV] : M.Fields)
                if (FV.isModule() && FV.Module.get() == Called && FD->getIdentifier())
                  Name = FD->getName().str();
              Structural.insert(Called);
              Children.push_back({Name, CI.Module});
            }
          }
          for (size_t C = 0; C < Children.size(); ++C) {
            std::string Name = Children[C].first;
            if (Name.empty()) {
              // register_module with a computed name: the field holding it.
              Name = "?";
              if (Children[C].second.isModule())
                for (const auto &[FD, FV] : M.Fields)
                  if (FV.isModule() && FV.Module == Children[C].second.Module &&
                      FD->getIdentifier())
                    Name = FD->getName().str();
            }
            Row(Children[C].second, Path + "." + Name, Depth + 1);
          }
        };
    std::string RootName = Top.Spelling.empty() ? "model" : Top.Spelling;
    Row(First.Module, RootName, 0);
    Sum.TotalParams = Sum.Rows.front().Params;
    R.Summaries.push_back(std::move(Sum));
  }
  std::stable_sort(R.Summaries.begin(), R.Summaries.end(),
                   [&](const ModuleSummary &A, const ModuleSummary &B) {
                     return SM.isBeforeInTranslationUnit(SM.getFileLoc(A.CallLoc),
                                                         SM.getFileLoc(B.CallLoc));
                   });
  return R;
}

} // namespace torchshape
