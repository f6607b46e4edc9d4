//===- DataPipeline.cpp - Datasets, transforms, data loaders -------------===//
//
// `for (auto &batch : *loader)` gets its batch shape from the loader's type:
// StatelessDataLoader<MapDataset<MapDataset<D, Normalize<>>, Stack<>>, S>
// names the dataset D and the transforms applied to each example, inner
// first.  The example comes from D::get() (interpreted, on a D built from its
// constructor) or from a built-in dataset (MNIST).  Stack<> adds a batch
// dimension whose size is unknown (the last batch may be smaller).
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace torchshape {

namespace {

/// The template a record specialises ("torch::data::datasets::MapDataset"),
/// and its type arguments.
std::string templateOf(QualType T, std::vector<QualType> &Args) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec)
    return "";
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
    Args.push_back(A.getKind() == TemplateArgument::Type ? A.getAsType() : QualType());
  return Spec->getSpecializedTemplate()->getQualifiedNameAsString();
}

const char *const LoaderKind = "DataLoader";

Value tensorOf(std::vector<Dim> Dims, SourceLocation Loc, const std::string &What) {
  TensorShape S = TensorShape::ofDims(Dims);
  return Value::ofTensor(S, addOrigin(nullptr, Loc, What + " " + S.str()));
}

} // namespace

Value Interpreter::exampleValue(Value Data, Value Target) {
  auto M = std::make_shared<ModuleValue>();
  M->Kind = "Example";
  M->Params["data"] = std::move(Data);
  M->Params["target"] = std::move(Target);
  return Value::ofModule(M);
}

Value Interpreter::batchOfLoader(const Expr *Range, const Value &Loader,
                                 std::vector<Value> *Representatives) {
  QualType LoaderType = Range->getType();
  SourceLocation Loc = Range->getBeginLoc();
  std::vector<QualType> Args;
  std::string Template = templateOf(LoaderType.getNonReferenceType(), Args);
  if ((Template != "torch::data::StatelessDataLoader" &&
       Template != "torch::data::StatefulDataLoader") ||
      Args.empty() || Args[0].isNull())
    return Value::unknown();
  // Peel the MapDataset layers: the transforms, innermost first.
  std::vector<std::string> Transforms;
  QualType D = Args[0];
  for (int Depth = 0; Depth < 16; ++Depth) {
    std::vector<QualType> MapArgs;
    if (templateOf(D, MapArgs) != "torch::data::datasets::MapDataset" || MapArgs.size() < 2 ||
        MapArgs[0].isNull() || MapArgs[1].isNull())
      break;
    std::vector<QualType> Ignored;
    std::string T = templateOf(MapArgs[1], Ignored);
    Transforms.insert(Transforms.begin(), T.empty() ? MapArgs[1].getAsString() : T);
    D = MapArgs[0];
  }
  const CXXRecordDecl *Base = D->getAsCXXRecordDecl();
  if (!Base)
    return Value::unknown();
  Value Item;
  std::string BaseName = Base->getQualifiedNameAsString();
  if (BaseName == "torch::data::datasets::MNIST") {
    Item = exampleValue(tensorOf({1, 28, 28}, Loc, "MNIST gives images of shape"),
                        tensorOf({}, Loc, "MNIST gives labels of shape"));
  } else if (isUserCode(S.Ctx, Base->getLocation())) {
    const CXXMethodDecl *Get = nullptr;
    for (const CXXMethodDecl *MD : Base->methods())
      if (MD->getIdentifier() && MD->getName() == "get" && MD->getNumParams() == 1)
        Get = MD;
    if (!Get)
      return Value::unknown();
    // The dataset object given to make_data_loader when it is known here;
    // else one built from its constructor with unknown arguments.
    const Value *Given = Loader.isModule() && Loader.Module->Kind == LoaderKind
                             ? Loader.Module->param("dataset")
                             : nullptr;
    Value Dataset = Given && Given->isModule() && Given->Module->UserClass &&
                            Given->Module->UserClass->getCanonicalDecl() ==
                                Base->getCanonicalDecl()
                        ? *Given
                        : constructUserModule(S, Base, {}, SourceLocation(), Stack,
                                              /*SymbolicArgs=*/true);
    Item = callUser(Get, Dataset, Range, {Value::unknown()});
    if (Representatives && Given)
      if (auto Sizes = batchSizes(Loader, Dataset, Base, Range))
        for (int64_t B : *Sizes)
          Representatives->push_back(stackExample(Item, Transforms, Dim(B), Loc));
  } else {
    return Value::unknown();
  }
  if (!Item.isModule() || Item.Module->Kind != "Example")
    return Value::unknown();
  return stackExample(Item, Transforms,
                      Dim::symbol("batch#" + std::to_string(S.freshId()), "batch", 1), Loc);
}

Value Interpreter::stackExample(Value Item, const std::vector<std::string> &Transforms,
                                Dim Batch, SourceLocation Loc) {
  for (const std::string &T : Transforms) {
    if (T == "torch::data::transforms::Normalize")
      continue; // per-channel, shape-preserving
    if (T != "torch::data::transforms::Stack")
      return Value::unknown(); // Lambda and friends: not followed
    Value Stacked = exampleValue(Value::unknown(), Value::unknown());
    for (const char *Field : {"data", "target"}) {
      const Value *V = Item.Module->param(Field);
      if (!V || !V->isTensor() || !V->Shape.hasRank())
        continue;
      std::vector<Axis> Axes = V->Shape.axes();
      Axes.insert(Axes.begin(), Axis{Batch, "", "", {}});
      TensorShape S2 = TensorShape::ofAxes(std::move(Axes));
      Stacked.Module->Params[Field] =
          Value::ofTensor(S2, addOrigin(V->History, Loc, "Stack batches them into " + S2.str()));
    }
    Item = Stacked;
  }
  return Item;
}

std::optional<std::vector<int64_t>> Interpreter::batchSizes(const Value &Loader,
                                                            const Value &Dataset,
                                                            const CXXRecordDecl *Base,
                                                            const Expr *Range) {
  // Batches of batch_size, then the remainder (drop_last is false): both
  // sizes occur when the dataset's size and the batch size are known.
  const Value *BS = Loader.Module->param("batch_size");
  auto Batch = BS ? BS->asConstant() : std::nullopt;
  if (!Batch || *Batch < 1)
    return std::nullopt;
  const CXXMethodDecl *SizeMD = nullptr;
  for (const CXXMethodDecl *MD : Base->methods())
    if (MD->getIdentifier() && MD->getName() == "size" && MD->getNumParams() == 0)
      SizeMD = MD;
  if (!SizeMD)
    return std::nullopt;
  auto N = callUser(SizeMD, Dataset, Range, {}).asConstant();
  if (!N || *N < 1)
    return std::nullopt;
  std::vector<int64_t> Sizes;
  if (*N >= *Batch)
    Sizes.push_back(*Batch);
  if (*N % *Batch)
    Sizes.push_back(*N % *Batch);
  return Sizes;
}

std::optional<Value> Interpreter::evalDataPipelineCall(const CallExpr *C, llvm::StringRef Name) {
  if (Name == "torch::data::make_data_loader" && C->getNumArgs() >= 2) {
    // make_data_loader(dataset, batch_size): the loader remembers both
    // (DataLoaderOptions are not read: batches of unknown size).
    auto M = std::make_shared<ModuleValue>();
    M->Kind = LoaderKind;
    M->Params["dataset"] = eval(C->getArg(0));
    // The batch size converts to DataLoaderOptions(batch_size), whose
    // drop_last is false; options built with setters are not read.
    const Expr *Opt = C->getArg(1);
    while (true) {
      Opt = Opt->IgnoreImplicit();
      if (const auto *M2 = dyn_cast<MaterializeTemporaryExpr>(Opt))
        Opt = M2->getSubExpr();
      else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(Opt))
        Opt = F->getSubExpr();
      else
        break;
    }
    const auto *CE = dyn_cast<CXXConstructExpr>(Opt);
    if (CE && CE->getNumArgs() == 1 &&
        CE->getConstructor()->getParent()->getQualifiedNameAsString() ==
            "torch::data::DataLoaderOptions")
      M->Params["batch_size"] = eval(CE->getArg(0));
    else
      eval(C->getArg(1));
    for (unsigned I = 2; I < C->getNumArgs(); ++I)
      eval(C->getArg(I));
    return Value::ofModule(M);
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
    // dataset.map(transform): the same examples, transformed as the
    // loader's type says.
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (MD && MD->getIdentifier() && MD->getName() == "map" && MC->getImplicitObjectArgument() &&
        llvm::StringRef(MD->getParent()->getQualifiedNameAsString())
            .starts_with("torch::data::datasets::")) {
      for (const Expr *A : C->arguments())
        eval(A);
      return eval(MC->getImplicitObjectArgument());
    }
  }
  return std::nullopt;
}

} // namespace torchshape
