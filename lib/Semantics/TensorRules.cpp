//===- TensorRules.cpp - Shape rules of tensor factories and methods -----===//
//
// Each rule follows LibTorch 1.13's own checks (ATen's infer_size,
// maybe_wrap_dim, flatten) and words its findings like the runtime error the
// user would otherwise see.
//
//===----------------------------------------------------------------------===//
#include "RuleSupport.h"
#include "TensorRules.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

#include <cmath>

namespace torchshape {

namespace rules {

Value factory(OpCall &C) {
  auto Axes = axesFromList(C.arg(0));
  if (!Axes)
    return Value::ofTensor(TensorShape::unknownRank(),
                           addOrigin(nullptr, C.Loc, C.Op.str() + " creates a tensor"));
  TensorShape S = TensorShape::ofAxes(*Axes);
  Value V = asContiguous(Value::ofTensor(
      S, addOrigin(nullptr, C.Loc, C.Op.str() + " creates a tensor of shape " + S.str())));
  // The default dtype is Float; full infers its dtype from the fill value.
  V.DType = factoryDtype(C, C.Op.ends_with("full") ? "" : "Float");
  return V;
}

Value convertType(OpCall &C) {
  // to(dtype), to(device, dtype), to(other), toType(dtype), type_as(other).
  if (!C.Self.isTensor())
    return Value::unknown();
  Value R = withoutStrides(C.Self);
  R.DType.clear();
  if (!C.Args.empty() && C.arg(0).isTensor()) { // to(other), type_as(other)
    R.DType = C.arg(0).DType;
    return R;
  }
  for (size_t I = 0; I < C.ArgExprs.size(); ++I) {
    if (!C.ArgExprs[I] || llvm::isa<clang::CXXDefaultArgExpr>(C.ArgExprs[I]))
      continue;
    std::string D = dtypeNamedIn(C.ArgExprs[I]);
    if (!D.empty()) {
      R.DType = D;
      return R;
    }
  }
  // to(device) alone keeps the dtype.
  bool DeviceOnly = !C.ArgExprs.empty();
  for (size_t I = 0; I < C.ArgExprs.size(); ++I) {
    if (!C.ArgExprs[I] || llvm::isa<clang::CXXDefaultArgExpr>(C.ArgExprs[I]))
      continue;
    const clang::CXXRecordDecl *RD =
        C.ArgExprs[I]->getType().getNonReferenceType()->getAsCXXRecordDecl();
    std::string QN = RD ? RD->getQualifiedNameAsString() : "";
    DeviceOnly = DeviceOnly && (QN == "c10::Device" || (I > 0 && C.ArgExprs[I]->getType()->isBooleanType()));
  }
  if (DeviceOnly)
    R.DType = C.Self.DType;
  return R;
}

Value sameShape(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  // The output's layout is not certain (LibTorch may preserve the input's).
  return withoutStrides(C.Self);
}

Value registeredTensor(OpCall &C) {
  // register_parameter(name, tensor, requires_grad) and register_buffer(name,
  // tensor) store the tensor and return a reference to it: the same tensor.
  const Value &T = C.arg(1);
  return T.isTensor() ? T : Value::unknown();
}

Value multinomial(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  if (!C.Self.Shape.hasRank())
    return Value::ofTensor(TensorShape::unknownRank(), C.Self.History);
  size_t R = C.Self.Shape.rank();
  if (R == 0 || R > 2) {
    C.Sink->report(Finding{CheckId::Dim, C.Loc,
                           "`" + C.Op.str() + "` draws from a 1-d tensor of probabilities or "
                           "a 2-d batch of them, but " + C.selfRef() + " has shape " +
                               C.Self.Shape.str() +
                               " (LibTorch: prob_dist must be 1 or 2 dim)",
                           C.Sink->historyNotes(C.Self, "the probabilities"),
                           {}});
    return Value::unknown();
  }
  const Value &N = C.arg(0);
  Tri Replacement = Tri::False;
  if (C.Args.size() > 1)
    Replacement = C.arg(1).Kind == ValueKind::Bool ? C.arg(1).Bool : Tri::Unknown;
  const Axis &Cats = C.Self.Shape.axes().back();
  auto NK = N.asConstant();
  auto CK = Cats.Size.getConstant();
  if (Replacement == Tri::False && NK && CK && *NK > *CK) {
    C.Sink->report(Finding{
        CheckId::Dim, C.argLoc(0),
        "`" + C.Op.str() + "` cannot draw " + std::to_string(*NK) +
            " samples without replacement from the " + std::to_string(*CK) +
            " categories in the last dimension of " + C.selfRef() + " " + C.Self.Shape.str() +
            "; draw at most " + std::to_string(*CK) +
            " or pass replacement = true (LibTorch: cannot sample n_sample > "
            "prob_dist.size(-1) samples without replacement)",
        C.Sink->historyNotes(C.Self, "the probabilities"),
        {}});
    return Value::unknown();
  }
  std::vector<Axis> Out;
  if (R == 2)
    Out.push_back(C.Self.Shape.axis(0));
  Out.push_back(Axis{N.asDim(), N.Formula, C.Op.str(), C.Loc});
  TensorShape S = TensorShape::ofAxes(std::move(Out));
  return derived(C, S, C.Op.str() + " gives " + S.str());
}

Value selectedElements(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  return derived(C, TensorShape::ofAxes({Axis{Dim::unknown(), "", "", {}}}),
                 C.Op.str() + " gives a 1-d tensor");
}

Value makeContiguous(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  return asContiguous(C.Self);
}

namespace {
/// The strides of the result of view/reshape/flatten R of C.Self; for view,
/// reports the layout LibTorch cannot view without a copy.
Value viewLayout(OpCall &C, Value R, bool MustView) {
  if (!R.isTensor() || !R.Shape.hasRank() || !C.Self.Strides || !C.Self.Shape.hasRank())
    return R;
  std::vector<Dim> NewStrides;
  Tri Ok = viewStrides(C.Self.Shape.dims(), *C.Self.Strides, R.Shape.dims(), NewStrides);
  if (Ok == Tri::True) {
    R.Strides = std::move(NewStrides);
    return R;
  }
  if (Ok == Tri::False && !MustView)
    return asContiguous(std::move(R)); // reshape copies
  if (Ok == Tri::False) {
    std::string Strides = "[";
    for (size_t I = 0; I < C.Self.Strides->size(); ++I)
      Strides += (I ? ", " : "") + (*C.Self.Strides)[I].str();
    Strides += "]";
    C.Sink->report(Finding{
        CheckId::View, C.Loc,
        "`" + C.Op.str() + "` cannot give " + C.selfRef() + " of shape " +
            C.Self.Shape.str() + " the shape " + R.Shape.str() +
            " without copying: its memory is laid out with strides " + Strides +
            " (a transposed, permuted, expanded or sliced view); call .contiguous() first "
            "or use reshape (LibTorch: view size is not compatible with input tensor's size "
            "and stride (at least one dimension spans across two contiguous subspaces). "
            "Use .reshape(...) instead.)",
        C.Sink->historyNotes(C.Self, "the tensor"),
        {}});
    return Value::unknown();
  }
  return R;
}
} // namespace

Value arange(OpCall &C) {
  // arange(end), arange(start, end), arange(start, end, step): the leading
  // Scalar parameters of the overload called, before its TensorOptions.
  size_t Scalars = 0;
  if (const auto *CE = llvm::dyn_cast_or_null<clang::CallExpr>(C.Call))
    if (const clang::FunctionDecl *FD = CE->getDirectCallee())
      for (const clang::ParmVarDecl *P : FD->parameters()) {
        const clang::CXXRecordDecl *R =
            P->getType().getNonReferenceType()->getAsCXXRecordDecl();
        if (!R || R->getQualifiedNameAsString() != "c10::Scalar")
          break;
        ++Scalars;
      }
  Dim Len = Dim::unknown();
  bool Ints = Scalars >= 1 && Scalars <= 3 && C.Args.size() >= Scalars;
  for (size_t I = 0; Ints && I < Scalars; ++I)
    Ints = C.arg(I).isInt();
  if (Ints && Scalars == 1)
    Len = C.arg(0).Int;
  else if (Ints && Scalars == 2)
    Len = C.arg(1).Int - C.arg(0).Int;
  else if (Ints && Scalars == 3 && C.arg(2).asConstant() && *C.arg(2).asConstant() > 0)
    Len = Dim::ceilDiv(C.arg(1).Int - C.arg(0).Int, C.arg(2).Int);
  auto K = Len.getConstant();
  if (!K || *K < 0)
    return Value::ofTensor(TensorShape::unknownRank(),
                           addOrigin(nullptr, C.Loc, C.Op.str() + " creates a tensor"));
  TensorShape S = TensorShape::ofDims({Len});
  return asContiguous(Value::ofTensor(
      S, addOrigin(nullptr, C.Loc, C.Op.str() + " creates a tensor of shape " + S.str())));
}

/// view/reshape: LibTorch's infer_size.
Value viewLike(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  const Value &List = C.arg(0);
  if (!List.isIntList())
    return derived(C, TensorShape::unknownRank(), "");
  size_t MinusOnes = 0, InferAt = 0;
  Dim Known(1);
  bool AllKnown = true;
  std::vector<Axis> Axes;
  for (size_t I = 0; I < List.Elems.size(); ++I) {
    const Value &E = List.Elems[I];
    auto K = E.asConstant();
    if (K && *K == -1) {
      ++MinusOnes;
      InferAt = I;
      Axes.push_back(Axis{Dim::unknown(), "", C.Op.str(), C.Loc});
      continue;
    }
    if (!E.isInt() || (K && *K < -1)) {
      AllKnown = false;
      Axes.push_back(Axis{Dim::unknown(), "", "", {}});
      continue;
    }
    // A symbolic element might be -1 at run time: we cannot infer then.
    if (!K && E.Int.lowerBound().value_or(-1) < 0)
      AllKnown = false;
    Known = Known * E.Int;
    Axes.push_back(Axis{E.Int, E.Formula, "", {}});
  }
  if (MinusOnes > 1) {
    C.Sink->report(Finding{CheckId::View, C.Loc,
                           "only one dimension can be inferred: shape " + listText(List) +
                               " passed to `" + C.Op.str() + "` has " +
                               std::to_string(MinusOnes) + " entries of -1",
                           {}, {}});
    return Value::unknown();
  }
  Dim N = C.Self.Shape.numel();
  std::string SizeText = C.Self.Shape.str();
  auto Invalid = [&](const std::string &Why) {
    std::vector<Note> Notes = C.Sink->historyNotes(C.Self, "the input");
    C.Sink->report(Finding{CheckId::View, C.Loc,
                           "shape '" + listText(List) + "' is invalid for input of size " +
                               N.str() + ": " + Why,
                           std::move(Notes), {}});
  };
  bool AxesKnown = C.Self.Shape.hasRank() && !product(C.Self.Shape.dims()).isUnknown();
  std::string Elements = AxesKnown && C.Self.Shape.rank() > 1
                             ? N.str() + " = " + formatProduct(C.Self.Shape.dims())
                             : N.str();
  if (AllKnown && !N.isUnknown()) {
    if (MinusOnes == 0 && N.equals(Known) == Tri::False) {
      Invalid("`" + C.Op.str() + "` asks for " + Known.str() + " elements but " +
              C.selfRef() + " of shape " + SizeText + " has " + Elements);
      return Value::unknown();
    }
    if (MinusOnes == 1) {
      if (Known.equals(Dim(0)) == Tri::True)
        return derived(C, TensorShape::unknownRank(), "");
      if (Dim::divisible(N, Known) == Tri::False) {
        Invalid(C.selfRef() + " of shape " + SizeText + " has " + Elements +
                " elements, which is not a multiple of " + Known.str() +
                " (the product of the other sizes), so -1 cannot be inferred");
        return Value::unknown();
      }
      if (Dim::divisible(N, Known) == Tri::True) {
        Dim Inferred = Dim::floorDiv(N, Known); // exact: divisibility proven
        // Explain the inferred size as the product of the source axes it
        // absorbs when the explicit sizes match a prefix of the source.
        std::string Formula;
        const auto &Src = C.Self.Shape.axes();
        bool Prefix = InferAt + 1 == List.Elems.size() && InferAt < Src.size();
        for (size_t I = 0; Prefix && I < InferAt; ++I)
          Prefix = Src[I].Size.equals(Axes[I].Size) == Tri::True;
        if (Prefix) {
          std::vector<Dim> Rest;
          for (size_t I = InferAt; I < Src.size(); ++I)
            Rest.push_back(Src[I].Size);
          if (Rest.size() > 1)
            Formula = formatProduct(Rest);
        } else if (Known.getConstant() != std::optional<int64_t>(1)) {
          Formula = N.str() + " / " + Known.str();
        } else if (Src.size() > 1) {
          // view({1, -1}): every source axis is absorbed.
          Formula = formatProduct(C.Self.Shape.dims());
        }
        Axes[InferAt] = Axis{Inferred, Formula, C.Op.str(), C.Loc};
      }
    }
  } else if (MinusOnes == 1) {
    Axes[InferAt].Op.clear();
  }
  TensorShape S = TensorShape::ofAxes(Axes);
  return viewLayout(C, derived(C, S, C.Op.str() + " reshapes " + SizeText + " to " + S.str()),
                    C.Op == "view" || C.Op == "view_as");
}

Value viewAs(OpCall &C) {
  // view_as(other) is view(other.sizes()), reshape_as reshape(other.sizes()).
  if (!C.Self.isTensor())
    return Value::unknown();
  const Value &Other = C.arg(0);
  if (!Other.isTensor() || !Other.Shape.hasRank())
    return derived(C, TensorShape::unknownRank(), "");
  std::vector<Value> Sizes;
  for (const Axis &A : Other.Shape.axes())
    Sizes.push_back(A.Size.isUnknown() ? Value::unknown() : Value::ofInt(A.Size, A.Formula));
  OpCall Sub = C;
  Sub.Args = {Value::ofIntList(std::move(Sizes))};
  return viewLike(Sub);
}

Value resize(OpCall &C) {
  auto Axes = axesFromList(C.arg(0));
  C.UpdatesSelf = true;
  if (!Axes)
    return derived(C, TensorShape::unknownRank(), "");
  TensorShape S = TensorShape::ofAxes(*Axes);
  return asContiguous(derived(C, S, "resize_ gives it shape " + S.str()));
}

Value flatten(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return C.Self.isTensor() ? derived(C, TensorShape::unknownRank(), "") : Value::unknown();
  size_t R = C.Self.Shape.rank();
  Value Start = C.Args.size() > 0 ? C.arg(0) : Value::ofInt(0);
  Value End = C.Args.size() > 1 ? C.arg(1) : Value::ofInt(-1);
  auto S = wrapDimOrReport(C, Start, R, C.argLoc(0));
  auto E = wrapDimOrReport(C, End, R, C.argLoc(1));
  if (!S || !E)
    return derived(C, TensorShape::unknownRank(), "");
  if (R == 0)
    return derived(C, TensorShape::ofDims({Dim(1)}), "flatten gives [1]");
  if (*S > *E) {
    C.Sink->report(Finding{CheckId::Dim, C.Loc,
                           "flatten() has invalid args: start_dim cannot come after end_dim "
                           "(start_dim " + std::to_string(*S) + ", end_dim " +
                               std::to_string(*E) + " of the " + std::to_string(R) +
                               "-d tensor " + C.Self.Shape.str() + ")",
                           {}, {}});
    return Value::unknown();
  }
  const auto &Src = C.Self.Shape.axes();
  std::vector<Axis> Out(Src.begin(), Src.begin() + *S);
  std::vector<Dim> Merged;
  for (size_t I = *S; I <= *E; ++I)
    Merged.push_back(Src[I].Size);
  if (Merged.size() == 1)
    Out.push_back(Src[*S]);
  else
    Out.push_back(Axis{product(Merged), formatProduct(Merged), "flatten", C.Loc});
  Out.insert(Out.end(), Src.begin() + *E + 1, Src.end());
  TensorShape Result = TensorShape::ofAxes(Out);
  return viewLayout(
      C, derived(C, Result, "flatten turns " + C.Self.Shape.str() + " into " + Result.str()),
      false);
}

Value unsqueeze(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return C.Self.isTensor() ? derived(C, TensorShape::unknownRank(), "") : Value::unknown();
  size_t R = C.Self.Shape.rank();
  auto D = C.arg(0).asConstant();
  if (!D)
    return derived(C, TensorShape::unknownRank(), "");
  int64_t Lim = static_cast<int64_t>(R) + 1;
  if (*D < -Lim || *D >= Lim) {
    C.Sink->report(Finding{
        CheckId::Dim, C.argLoc(0),
        "dimension " + std::to_string(*D) + " is out of range for `unsqueeze` of the " +
            std::to_string(R) + "-d tensor " + C.Self.Shape.str() +
            " (LibTorch: Dimension out of range (expected to be in range of [" +
            std::to_string(-Lim) + ", " + std::to_string(Lim - 1) + "], but got " +
            std::to_string(*D) + "))",
        C.Sink->historyNotes(C.Self, "the tensor"),
        {}});
    return Value::unknown();
  }
  size_t At = static_cast<size_t>(*D < 0 ? *D + Lim : *D);
  std::vector<Axis> Out = C.Self.Shape.axes();
  Out.insert(Out.begin() + At, Axis{Dim(1), "", "", {}});
  TensorShape S = TensorShape::ofAxes(Out);
  Value V = derived(C, S, "unsqueeze gives " + S.str());
  if (C.Self.Strides) { // LibTorch: size(d) * stride(d), or 1 past the end
    std::vector<Dim> St = *C.Self.Strides;
    Dim New = At >= R ? Dim(1) : C.Self.Shape.axis(At).Size * St[At];
    St.insert(St.begin() + At, New);
    V.Strides = std::move(St);
  }
  return V;
}

Value size(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  if (!C.Self.Shape.hasRank()) {
    auto D = C.arg(0).asConstant();
    if (!D || C.Self.TensorKey.empty())
      return Value::unknown();
    std::string Suffix = ".size(" + std::to_string(*D) + ")";
    return Value::ofInt(Dim::symbol(C.Self.TensorKey + Suffix, C.Self.TensorName + Suffix));
  }
  auto I = wrapDimOrReport(C, C.arg(0), C.Self.Shape.rank(), C.argLoc(0));
  if (!I || C.Self.Shape.rank() == 0)
    return Value::unknown();
  const Axis &A = C.Self.Shape.axis(*I);
  return Value::ofInt(A.Size, A.Formula);
}

Value sizes(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return Value::unknown();
  std::vector<Value> Elems;
  for (const Axis &A : C.Self.Shape.axes())
    Elems.push_back(Value::ofInt(A.Size, A.Formula));
  return Value::ofIntList(std::move(Elems));
}

Value numel(OpCall &C) {
  if (!C.Self.isTensor())
    return Value::unknown();
  if (!C.Self.Shape.hasRank()) {
    if (C.Self.TensorKey.empty())
      return Value::unknown();
    return Value::ofInt(Dim::symbol(C.Self.TensorKey + ".numel()",
                                    C.Self.TensorName + ".numel()"));
  }
  return Value::ofInt(C.Self.Shape.numel(), formatProduct(C.Self.Shape.dims()));
}

Value dim(OpCall &C) {
  if (!C.Self.isTensor() || !C.Self.Shape.hasRank())
    return Value::unknown();
  return Value::ofInt(static_cast<int64_t>(C.Self.Shape.rank()));
}

} // namespace rules
} // namespace torchshape
