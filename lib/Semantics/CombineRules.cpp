//===- CombineRules.cpp - Shape rules of cat, stack, hstack, vstack ------===//
//
// LibTorch 1.13, in the order it checks (aten/src/ATen/native/TensorShape.cpp):
//
// cat(tensors, dim)
//   1. no input may be 0-d: "zero-dimensional tensor (at position i) cannot
//      be concatenated";
//   2. 1-d inputs with 0 elements are skipped (legacy); the first input not
//      skipped is the reference, and dim is wrapped against its rank;
//   3. every other input not skipped must have the reference's rank ("Tensors
//      must have same number of dimensions: got 2 and 3") and its sizes
//      outside dim ("Sizes of tensors must match except in dimension 1.
//      Expected size 2 but got size 3 for tensor number 1 in the list.").
// stack(tensors, dim)
//   dim is wrapped against rank + 1 of the first input, then every input must
//   have the first input's shape ("stack expects each tensor to be equal
//   size, but got [2, 3] at entry 0 and [2, 4] at entry 1").
// hstack: atleast_1d, then cat along 0 when the first input is 1-d, else 1.
// vstack: atleast_2d (a 1-d [n] becomes [1, n]), then cat along 0.
//
// What is not certain is not checked: an input of unknown rank, or a 1-d
// input that may be empty, leaves the reference (and so the checks) unknown.
//
//===----------------------------------------------------------------------===//
#include "CombineRules.h"
#include "DimRules.h"
#include "RuleSupport.h"

namespace torchshape {
namespace rules {

namespace {

/// Whether cat skips an input: Tri::True for a 1-d tensor proven empty,
/// False for a tensor of known rank that is not, Unknown otherwise.
Tri catSkips(const Value &T) {
  if (!T.isTensor() || !T.Shape.hasRank())
    return Tri::Unknown;
  if (T.Shape.rank() != 1)
    return Tri::False;
  return T.Shape.axis(0).Size.equals(Dim(0));
}

/// "tensor 1 [3, 3]" for messages; "tensor 1 [3] (as [1, 3])" when vstack or
/// hstack promoted the input the user passed.
std::string entryText(size_t I, const Value &T, const std::vector<Value> *Given) {
  std::string S = "tensor " + std::to_string(I) + " ";
  if (Given && I < Given->size() && (*Given)[I].isTensor() &&
      !(*Given)[I].Shape.sameAs(T.Shape))
    return S + (*Given)[I].Shape.str() + " (as " + T.Shape.str() + ")";
  return S + T.Shape.str();
}

/// The history notes of two inputs, each step once.
std::vector<Note> notesOf(OpCall &C, const Value &A, const Value &B) {
  std::vector<Note> Notes = C.Sink->historyNotes(A, "the first input");
  for (Note &N : C.Sink->historyNotes(B, "the input")) {
    bool Seen = false;
    for (const Note &M : Notes)
      Seen = Seen || (M.Loc == N.Loc && M.Message == N.Message);
    if (!Seen)
      Notes.push_back(std::move(N));
  }
  return Notes;
}

/// The list of tensors a combining op receives, or nullopt when it is not
/// known element by element.
std::optional<std::vector<Value>> tensorList(const Value &L) {
  if (L.Kind == ValueKind::List)
    return L.Elems;
  return std::nullopt;
}

/// The cat proper, shared by cat/concat, hstack and vstack.  DimArg is the
/// dim as the user wrote it (DimArgIndex its argument, or -1 when the op
/// chooses it); Tensors are the inputs after any atleast_Nd promotion.
Value catList(OpCall &C, const std::vector<Value> &Tensors, const Value &DimArg,
              int DimArgIndex, const std::vector<Value> *Given = nullptr) {
  auto Unknown = [] { return Value::unknown(); };
  // 1. zero-dimensional inputs.
  for (size_t I = 0; I < Tensors.size(); ++I) {
    const Value &T = Tensors[I];
    if (T.isTensor() && T.Shape.hasRank() && T.Shape.rank() == 0) {
      C.Sink->report(Finding{
          CheckId::Concat, listElementLoc(C, 0, I),
          "`" + C.Op.str() + "` cannot concatenate the 0-d tensor at position " +
              std::to_string(I) + ": every input needs at least one dimension (LibTorch: " +
              "zero-dimensional tensor (at position " + std::to_string(I) +
              ") cannot be concatenated)",
          C.Sink->historyNotes(T, "the input"),
          {}});
      return Unknown();
    }
  }
  // 2. the reference: the first input not skipped, when that is certain.
  size_t Ref = Tensors.size();
  for (size_t I = 0; I < Tensors.size(); ++I) {
    Tri Skip = catSkips(Tensors[I]);
    if (Skip == Tri::True)
      continue;
    if (Skip == Tri::False)
      Ref = I;
    break; // an uncertain input: the reference is not known
  }
  if (Ref == Tensors.size())
    return Unknown();
  const Value &R = Tensors[Ref];
  size_t Rank = R.Shape.rank();
  // dim is wrapped against the reference's rank.
  std::optional<size_t> D;
  if (DimArg.asConstant()) {
    Value SavedSelf = C.Self;
    C.Self = R;
    D = wrapDimOrReport(C, DimArg, Rank,
                        DimArgIndex < 0 ? C.Loc : argLocOrCall(C, DimArgIndex));
    C.Self = SavedSelf;
    if (!D)
      return Unknown();
  }
  // 3. every other input against the reference.
  bool AllKnown = true;
  for (size_t I = Ref + 1; I < Tensors.size(); ++I) {
    const Value &T = Tensors[I];
    Tri Skip = catSkips(T);
    if (Skip == Tri::True)
      continue;
    if (Skip == Tri::Unknown) {
      AllKnown = false;
      continue;
    }
    std::vector<Note> Notes = notesOf(C, R, T);
    if (T.Shape.rank() != Rank) {
      C.Sink->report(Finding{
          CheckId::Concat, listElementLoc(C, 0, I),
          "`" + C.Op.str() + "` needs inputs of the same rank, but " + entryText(Ref, R, Given) +
              " is " + std::to_string(Rank) + "-d and " + entryText(I, T, Given) + " is " +
              std::to_string(T.Shape.rank()) +
              "-d (LibTorch: Tensors must have same number of dimensions: got " +
              std::to_string(Rank) + " and " + std::to_string(T.Shape.rank()) + ")",
          std::move(Notes),
          {}});
      return Unknown();
    }
    if (!D)
      continue;
    for (size_t A = 0; A < Rank; ++A) {
      if (A == *D)
        continue;
      const Dim &Want = R.Shape.axis(A).Size, &Got = T.Shape.axis(A).Size;
      if (Want.equals(Got) != Tri::False)
        continue;
      std::string DimText = std::to_string(*D);
      C.Sink->report(Finding{
          CheckId::Concat, listElementLoc(C, 0, I),
          "`" + C.Op.str() + "` along dimension " + DimText +
              " needs the other sizes to match, but " + entryText(Ref, R, Given) + " and " +
              entryText(I, T, Given) + " differ at dimension " + std::to_string(A) + " (" +
              Want.str() + " vs " + Got.str() +
              ") (LibTorch: Sizes of tensors must match except in dimension " + DimText +
              ". Expected size " + Want.str() + " but got size " + Got.str() +
              " for tensor number " + std::to_string(I) + " in the list.)",
          std::move(Notes),
          {}});
      return Unknown();
    }
  }
  // The result: the reference's sizes, the cat dim summed.
  std::vector<Axis> Axes = R.Shape.axes();
  if (!D) {
    for (Axis &A : Axes)
      A = Axis{Dim::unknown(), "", "", {}};
    return Value::ofTensor(TensorShape::ofAxes(Axes),
                           addOrigin(nullptr, C.Loc, C.Op.str() + " joins " +
                                                         std::to_string(Tensors.size()) +
                                                         " tensors"));
  }
  Dim Sum(0);
  std::vector<Dim> Parts;
  for (size_t I = Ref; I < Tensors.size() && AllKnown; ++I) {
    if (catSkips(Tensors[I]) == Tri::True)
      continue;
    Sum = Sum + Tensors[I].Shape.axis(*D).Size;
    Parts.push_back(Tensors[I].Shape.axis(*D).Size);
  }
  std::string Formula;
  for (const Dim &P : Parts)
    Formula += (Formula.empty() ? "" : " + ") + P.str();
  if (Parts.size() < 2)
    Formula.clear();
  Axes[*D] = AllKnown ? Axis{Sum, Formula, C.Op.str(), C.Loc} : Axis{Dim::unknown(), "", "", {}};
  TensorShape S = TensorShape::ofAxes(Axes);
  return Value::ofTensor(S, addOrigin(nullptr, C.Loc,
                                      C.Op.str() + " gives a tensor of shape " + S.str()));
}

/// atleast_1d / atleast_2d of one input.
Value atLeast(const Value &T, size_t N) {
  if (!T.isTensor() || !T.Shape.hasRank() || T.Shape.rank() >= N)
    return T;
  std::vector<Axis> Axes = T.Shape.axes();
  while (Axes.size() < N)
    Axes.insert(Axes.begin(), Axis{Dim(1), "", "", {}});
  Value R = T;
  R.Shape = TensorShape::ofAxes(Axes);
  return R;
}

} // namespace

Value concatenate(OpCall &C) {
  auto Tensors = tensorList(C.arg(0));
  if (!Tensors || Tensors->empty())
    return Value::unknown();
  Value DimArg = C.Args.size() > 1 ? C.arg(1) : Value::ofInt(0);
  return catList(C, *Tensors, DimArg, 1);
}

Value stackTensors(OpCall &C) {
  auto Tensors = tensorList(C.arg(0));
  if (!Tensors || Tensors->empty())
    return Value::unknown();
  const Value &First = Tensors->front();
  if (!First.isTensor() || !First.Shape.hasRank())
    return Value::unknown();
  size_t Rank = First.Shape.rank();
  Value DimArg = C.Args.size() > 1 ? C.arg(1) : Value::ofInt(0);
  std::optional<size_t> D;
  if (auto K = DimArg.asConstant()) {
    int64_t Lim = static_cast<int64_t>(Rank) + 1;
    if (*K < -Lim || *K >= Lim) {
      C.Sink->report(Finding{
          CheckId::Dim, argLocOrCall(C, 1),
          "dimension " + std::to_string(*K) + " is out of range for `" + C.Op.str() +
              "` of " + std::to_string(Rank) + "-d tensors " + First.Shape.str() +
              ", which makes a " + std::to_string(Lim) +
              "-d result (LibTorch: Dimension out of range (expected to be in range of [" +
              std::to_string(-Lim) + ", " + std::to_string(Lim - 1) + "], but got " +
              std::to_string(*K) + "))",
          C.Sink->historyNotes(First, "the first input"),
          {}});
      return Value::unknown();
    }
    D = static_cast<size_t>(*K < 0 ? *K + Lim : *K);
  }
  for (size_t I = 1; I < Tensors->size(); ++I) {
    const Value &T = (*Tensors)[I];
    if (!T.isTensor() || !T.Shape.hasRank())
      continue;
    bool Differs = T.Shape.rank() != Rank;
    for (size_t A = 0; !Differs && A < Rank; ++A)
      Differs = First.Shape.axis(A).Size.equals(T.Shape.axis(A).Size) == Tri::False;
    if (!Differs)
      continue;
    std::vector<Note> Notes = notesOf(C, First, T);
    C.Sink->report(Finding{
        CheckId::Concat, listElementLoc(C, 0, I),
        "`" + C.Op.str() + "` needs inputs of the same shape, but tensor 0 is " +
            First.Shape.str() + " and tensor " + std::to_string(I) + " is " + T.Shape.str() +
            " (LibTorch: stack expects each tensor to be equal size, but got " +
            First.Shape.str() + " at entry 0 and " + T.Shape.str() + " at entry " +
            std::to_string(I) + ")",
        std::move(Notes),
        {}});
    return Value::unknown();
  }
  if (!D)
    return Value::ofTensor(TensorShape::unknownRank(), nullptr);
  std::vector<Axis> Axes = First.Shape.axes();
  Axes.insert(Axes.begin() + *D,
              Axis{Dim(static_cast<int64_t>(Tensors->size())), "", C.Op.str(), C.Loc});
  TensorShape S = TensorShape::ofAxes(Axes);
  return Value::ofTensor(S, addOrigin(nullptr, C.Loc,
                                      C.Op.str() + " gives a tensor of shape " + S.str()));
}

Value hstack(OpCall &C) {
  auto Tensors = tensorList(C.arg(0));
  if (!Tensors || Tensors->empty())
    return Value::unknown();
  std::vector<Value> Given = *Tensors;
  for (Value &T : *Tensors)
    T = atLeast(T, 1);
  const Value &First = Tensors->front();
  if (!First.isTensor() || !First.Shape.hasRank())
    return Value::unknown();
  return catList(C, *Tensors, Value::ofInt(First.Shape.rank() == 1 ? 0 : 1), -1, &Given);
}

Value vstack(OpCall &C) {
  auto Tensors = tensorList(C.arg(0));
  if (!Tensors || Tensors->empty())
    return Value::unknown();
  std::vector<Value> Given = *Tensors;
  for (Value &T : *Tensors)
    T = atLeast(T, 2);
  return catList(C, *Tensors, Value::ofInt(0), -1, &Given);
}

} // namespace rules
} // namespace torchshape
