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

Value Interpreter::batchOfLoader(const Expr *Range) {
  QualType LoaderType = Range->getType();
  SourceLocation Loc = Range->getBeginLoc();
  std::vector<QualType> Args;
  std::string Loader = templateOf(LoaderType.getNonReferenceType(), Args);
  if ((Loader != "torch::data::StatelessDataLoader" &&
       Loader != "torch::data::StatefulDataLoader") ||
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
    Value Dataset = constructUserModule(S, Base, {}, SourceLocation(), Stack,
                                        /*SymbolicArgs=*/true);
    Item = callUser(Get, Dataset, Range, {Value::unknown()});
  } else {
    return Value::unknown();
  }
  if (!Item.isModule() || Item.Module->Kind != "Example")
    return Value::unknown();
  Dim Batch = Dim::symbol("batch#" + std::to_string(S.freshId()), "batch", 1);
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

} // namespace torchshape
