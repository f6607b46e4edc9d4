//===- IndexRules.cpp - Tensor::index and Tensor::index_put_ -------------===//
//
// Mirrors at::indexing::get_item / set_item of LibTorch 1.13, in its order:
//  1. every Slice is built first: a zero step throws "slice step cannot be
//     zero";
//  2. one index alone takes a fast path (select / slice / unsqueeze);
//  3. otherwise applySlicing counts the indexed dims (None, Ellipsis and
//     true/false count none, a bool mask its rank) and throws "too many
//     indices for tensor of dimension R", then walks the indices with a
//     position `dim` in the partial result: an integer selects at dim ("index
//     5 is out of bounds for dimension I with size N", where I is the
//     integer's position in the index list), a slice slices it ("step must be
//     greater than zero"), None and true/false insert a size-1 dim, Ellipsis
//     skips R - count dims, a tensor is recorded for advanced indexing;
//  4. advanced indexing: each bool mask must match the sizes it covers ("The
//     shape of the mask [3] at index 0 does not match the shape of the indexed
//     tensor [4, 5] at index 0") and becomes one dim of unknown size; the index
//     shapes broadcast ("shape mismatch: indexing tensors could not be
//     broadcast together with shapes [2], [3]") and replace the indexed dims,
//     in place when those are adjacent, else at the front.
// set_item (index_put_) copies the value into the basic-indexed part with
// copy_to: leading size-1 dims of the value dropped, then expand_inplace.
// Whatever is not known (a tensor of unknown element type, a second
// Ellipsis) makes the result unknown; nothing is reported on it.
//
//===----------------------------------------------------------------------===//
#include "IndexRules.h"
#include "BroadcastRules.h"
#include "DimRules.h"
#include "RuleSupport.h"

namespace torchshape {
namespace rules {

namespace {

struct Item {
  enum Kind { Int, Slice, None, Ellipsis, Bool, Tensor, Unknown } K = Unknown;
  Value IntV;                            // Int: the integer (unknown when not known)
  std::optional<Value> Start, Stop, Step; // Slice: nullopt = None
  Tri BoolV = Tri::Unknown;              // Bool
  Value TensorV;                         // Tensor
  Tri Mask = Tri::Unknown;               // Tensor: a bool/byte mask, an integer index, or unknown
};

Item parseItem(const Value &V) {
  Item I;
  if (V.isInt()) {
    I.K = Item::Int;
    I.IntV = V;
    return I;
  }
  if (V.Kind == ValueKind::Bool) {
    I.K = Item::Bool;
    I.BoolV = V.Bool;
    return I;
  }
  if (!V.isModule())
    return I;
  const ModuleValue &M = *V.Module;
  if (M.Kind == "Integer") {
    I.K = Item::Int;
  } else if (M.Kind == "Boolean") {
    I.K = Item::Bool;
  } else if (M.Kind == "None") {
    I.K = Item::None;
  } else if (M.Kind == "Ellipsis") {
    I.K = Item::Ellipsis;
  } else if (M.Kind == "Slice") {
    I.K = Item::Slice;
    if (const Value *P = M.param("start"))
      I.Start = *P;
    if (const Value *P = M.param("stop"))
      I.Stop = *P;
    if (const Value *P = M.param("step"))
      I.Step = *P;
  } else if (M.Kind == "TensorIndex") {
    I.K = Item::Tensor;
    if (const Value *P = M.param("tensor"))
      I.TensorV = *P;
    if (const Value *P = M.param("mask"))
      I.Mask = P->Kind == ValueKind::Bool ? P->Bool : Tri::Unknown;
  }
  return I;
}

bool constantAxes(const std::vector<Axis> &Axes) {
  for (const Axis &A : Axes)
    if (!A.Size.isConstant())
      return false;
  return true;
}

/// A tensor index recorded for advanced indexing: at position Pos of the
/// partial result, either a mask (covering its rank in dims) or an index
/// whose shape replaces one dim.
struct Advanced {
  size_t Pos = 0;
  bool IsMask = false;
  std::vector<Axis> Shape; // the mask's or the index's shape
  size_t ItemIndex = 0;
};

/// The outcome of applying the index list to Self.
struct Applied {
  bool Reported = false; // a violation was reported
  bool Known = false;    // Sliced (and Result) are known
  std::vector<Axis> Sliced; // after the basic indices (what set_item copies into)
  std::vector<Advanced> Adv;
  std::vector<Axis> Result;
};

class Indexer {
public:
  Indexer(OpCall &C, std::vector<Item> Items) : C(C), Items(std::move(Items)) {}

  Applied run() {
    Applied A;
    // Slices are built, and checked, before the call.
    for (size_t I = 0; I < Items.size(); ++I)
      if (Items[I].K == Item::Slice && Items[I].Step && Items[I].Step->asConstant() == 0) {
        reportAt(I, "the step of a Slice cannot be 0 (LibTorch: slice step cannot be zero)");
        A.Reported = true;
        return A;
      }
    if (!C.Self.isTensor() || !C.Self.Shape.hasRank() || Items.empty())
      return A;
    for (const Item &I : Items)
      if (I.K == Item::Unknown)
        return A;
    R = C.Self.Shape.rank();
    Cur = C.Self.Shape.axes();
    for (size_t I = 0; I < R; ++I)
      Orig.push_back(static_cast<int>(I));
    bool Ok = Items.size() == 1 ? single(A) : general(A);
    if (!Ok)
      return A;
    A.Sliced = Cur;
    if (!advanced(A))
      return A;
    A.Known = true;
    return A;
  }

private:
  OpCall &C;
  std::vector<Item> Items;
  size_t R = 0;
  std::vector<Axis> Cur;
  std::vector<int> Orig; // the dim of Self each axis of Cur is, or -1
  std::vector<Advanced> Adv;
  bool Failed = false;

  std::string selfText() const { return C.selfRef() + " " + C.Self.Shape.str(); }
  std::string opText() const { return "`" + C.Op.str() + "`"; }

  void reportAt(size_t ItemI, const std::string &Msg, CheckId Id = CheckId::Dim) {
    C.Sink->report(Finding{Id, listElementLoc(C, 0, ItemI), Msg,
                           C.Sink->historyNotes(C.Self, "the tensor"), {}});
  }

  /// select at dim with integer K (the ItemI-th index); false when reported.
  bool select(size_t ItemI, size_t Dim_) {
    if (Dim_ >= Cur.size())
      return false;
    const Item &It = Items[ItemI];
    const Dim &N = Cur[Dim_].Size;
    if (auto K = It.IntV.asConstant()) {
      Tri Out = *K >= 0 ? N.lessThan(Dim(*K + 1)) : N.lessThan(Dim(-*K));
      if (Out == Tri::True) {
        std::string Which = Orig[Dim_] >= 0
                                ? "dimension " + std::to_string(Orig[Dim_]) + " of " + selfText()
                                : "the size-1 dimension that None inserts in " + selfText();
        std::string Msg = "index " + std::to_string(*K) + " is out of bounds for " + Which +
                          ", which has size " + N.str();
        if (N.isConstant())
          Msg += " (LibTorch: index " + std::to_string(*K) +
                 " is out of bounds for dimension " + std::to_string(ItemI) + " with size " +
                 N.str() + ")";
        reportAt(ItemI, Msg);
        return false;
      }
    }
    Cur.erase(Cur.begin() + Dim_);
    Orig.erase(Orig.begin() + Dim_);
    return true;
  }

  /// slice at dim; false when reported or not computable.
  bool slice(size_t ItemI, size_t Dim_) {
    const Item &It = Items[ItemI];
    std::optional<int64_t> Step = It.Step ? It.Step->asConstant() : std::optional<int64_t>(1);
    if (Step && *Step < 0) {
      reportAt(ItemI, "the step " + std::to_string(*Step) + " of a Slice given to " + opText() +
                          " is negative; LibTorch's C++ indexing only slices forwards "
                          "(LibTorch: step must be greater than zero)");
      return false;
    }
    if (Dim_ >= Cur.size())
      return false;
    // The length as Tensor::slice clamps it (DimRules' sliceDim).
    OpCall Sub;
    Sub.Op = "slice";
    Sub.Loc = C.Loc;
    Sub.SM = C.SM;
    Sub.Sink = C.Sink;
    Sub.HasSelf = true;
    Sub.Self = Value::ofTensor(TensorShape::ofAxes(Cur), C.Self.History);
    const int64_t Big = int64_t(1) << 62;
    auto Bound = [&](const std::optional<Value> &V, int64_t Default) {
      return V ? *V : Value::ofInt(Default);
    };
    Sub.Args = {Value::ofInt(static_cast<int64_t>(Dim_)), Bound(It.Start, 0), Bound(It.Stop, Big),
                It.Step ? *It.Step : Value::ofInt(1)};
    Value S = sliceDim(Sub);
    if (S.isTensor() && S.Shape.hasRank() && S.Shape.rank() == Cur.size()) {
      // An unchanged size keeps its provenance; a new one is the index's.
      const Axis &New = S.Shape.axis(Dim_);
      if (!New.Size.sameAs(Cur[Dim_].Size))
        Cur[Dim_] = New.Size.isUnknown() ? New : Axis{New.Size, "", "index", C.Loc};
    } else
      Cur[Dim_] = Axis{Dim::unknown(), "", "", {}};
    return true;
  }

  void insertOne(size_t Dim_) {
    Cur.insert(Cur.begin() + Dim_, Axis{Dim(1), "", "", {}});
    Orig.insert(Orig.begin() + Dim_, -1);
  }

  /// One index: at::indexing::get_item's fast path.
  bool single(Applied &A) {
    const Item &It = Items[0];
    switch (It.K) {
    case Item::Int:
      if (R == 0) {
        if (It.IntV.asConstant() == 0) {
          reportAt(0, "index 0 of the 0-d tensor " + C.selfRef() +
                          " selects nothing: a 0-d tensor has no dimension to index "
                          "(LibTorch: invalid index of a 0-dim tensor. Use `tensor.item()` in "
                          "Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a "
                          "number)");
          A.Reported = true;
        }
        return false;
      }
      if (!select(0, 0)) { // R >= 1: only a reported violation fails
        A.Reported = true;
        return false;
      }
      return true;
    case Item::Slice:
      if (R == 0)
        return false;
      if (!slice(0, 0)) {
        A.Reported = true;
        return false;
      }
      return true;
    case Item::None:
    case Item::Ellipsis:
      if (It.K == Item::None)
        insertOne(0);
      return true;
    case Item::Bool:
      insertOne(0);
      Adv.push_back(Advanced{0, false,
                             {Axis{It.BoolV == Tri::True    ? Dim(1)
                                   : It.BoolV == Tri::False ? Dim(0)
                                                            : Dim::unknown(),
                                   "", "", {}}},
                             0});
      return true;
    case Item::Tensor:
      return general(A);
    case Item::Unknown:
      break;
    }
    return false;
  }

  /// applySlicing: the count check, then each index in order.
  bool general(Applied &A) {
    size_t Count = 0;
    bool Exact = true;
    size_t Ellipses = 0;
    for (const Item &It : Items) {
      switch (It.K) {
      case Item::Int:
      case Item::Slice:
        ++Count;
        break;
      case Item::Tensor: {
        bool HasRank = It.TensorV.isTensor() && It.TensorV.Shape.hasRank();
        size_t TR = HasRank ? It.TensorV.Shape.rank() : 0;
        if (It.Mask == Tri::True && HasRank)
          Count += TR;
        else if (It.Mask == Tri::False)
          ++Count;
        else {
          Exact = false;
          if (HasRank && TR >= 1)
            ++Count;
        }
        break;
      }
      case Item::Ellipsis:
        ++Ellipses;
        break;
      default:
        break;
      }
    }
    if (Count > R) {
      C.Sink->report(Finding{
          CheckId::Dim, C.Loc,
          opText() + " indexes " + std::string(Exact ? "" : "at least ") + std::to_string(Count) +
              " dimensions of " + selfText() + ", which has " + std::to_string(R) +
              " (LibTorch: too many indices for tensor of dimension " + std::to_string(R) + ")",
          C.Sink->historyNotes(C.Self, "the tensor"),
          {}});
      A.Reported = true;
      return false;
    }
    if (Ellipses > 1)
      return false;
    size_t D = 0;
    for (size_t I = 0; I < Items.size(); ++I) {
      const Item &It = Items[I];
      switch (It.K) {
      case Item::Int:
        if (!select(I, D)) {
          A.Reported = D < Cur.size();
          return false;
        }
        break;
      case Item::Slice:
        if (!slice(I, D)) {
          A.Reported = D < Cur.size() || (It.Step && It.Step->asConstant().value_or(1) < 0);
          return false;
        }
        ++D;
        break;
      case Item::Ellipsis:
        if (!Exact)
          return false;
        D += R - Count;
        break;
      case Item::None:
        if (D > Cur.size())
          return false;
        insertOne(D);
        ++D;
        break;
      case Item::Bool:
        if (D > Cur.size())
          return false;
        insertOne(D);
        Adv.push_back(Advanced{D, false,
                               {Axis{It.BoolV == Tri::True    ? Dim(1)
                                     : It.BoolV == Tri::False ? Dim(0)
                                                              : Dim::unknown(),
                                     "", "", {}}},
                               I});
        ++D;
        break;
      case Item::Tensor: {
        if (!It.TensorV.isTensor() || !It.TensorV.Shape.hasRank() || It.Mask == Tri::Unknown)
          return false;
        const TensorShape &TS = It.TensorV.Shape;
        if (TS.rank() == 0) {
          if (It.Mask == Tri::True) { // unsqueeze, then index it with [0] or []
            if (D > Cur.size())
              return false;
            insertOne(D);
            Adv.push_back(Advanced{D, false, {Axis{Dim::unknown(), "", "", {}}}, I});
            ++D;
          } else { // a 0-d integer tensor selects
            if (D >= Cur.size())
              return false;
            Cur.erase(Cur.begin() + D);
            Orig.erase(Orig.begin() + D);
          }
          break;
        }
        // A multi-dim mask advances dim by one only; what follows it is
        // applied to dims it also covers: not followed.
        if (It.Mask == Tri::True && TS.rank() > 1 && I + 1 < Items.size())
          return false;
        Adv.push_back(Advanced{D, It.Mask == Tri::True, TS.axes(), I});
        ++D;
        break;
      }
      case Item::Unknown:
        return false;
      }
    }
    return true;
  }

  /// Advanced indexing over Cur; false when reported or not computable.
  bool advanced(Applied &A) {
    A.Adv = Adv;
    if (Adv.empty()) {
      A.Result = Cur;
      return true;
    }
    std::vector<size_t> Positions;
    std::vector<std::vector<Axis>> Shapes;
    bool ShapesExact = true;
    for (const Advanced &X : Adv) {
      if (!X.IsMask) {
        Positions.push_back(X.Pos);
        Shapes.push_back(X.Shape);
        continue;
      }
      if (X.Pos + X.Shape.size() > Cur.size())
        return false;
      for (size_t J = 0; J < X.Shape.size(); ++J) {
        const Axis &M = X.Shape[J], &T = Cur[X.Pos + J];
        if (M.Size.equals(T.Size) == Tri::False) {
          std::string Msg = "the mask " + axesText(X.Shape) + " given to " + opText() +
                            " must have the sizes of the dimensions it selects from, but its "
                            "dimension " +
                            std::to_string(J) + " is " + describeAxis(C, M) +
                            " where the indexed tensor " + axesText(Cur) + " has " +
                            describeAxis(C, T);
          if (constantAxes(X.Shape) && constantAxes(Cur))
            Msg += " (LibTorch: The shape of the mask " + axesText(X.Shape) + " at index " +
                   std::to_string(J) + " does not match the shape of the indexed tensor " +
                   axesText(Cur) + " at index " + std::to_string(X.Pos + J) + ")";
          std::vector<Note> Notes = C.Sink->historyNotes(Items[X.ItemIndex].TensorV, "the mask");
          for (Note &N : C.Sink->historyNotes(C.Self, "the tensor"))
            Notes.push_back(std::move(N));
          C.Sink->report(Finding{CheckId::Dim, listElementLoc(C, 0, X.ItemIndex), Msg,
                                 std::move(Notes), {}});
          A.Reported = true;
          return false;
        }
        Positions.push_back(X.Pos + J);
      }
      // nonzero(mask): one index of the number of true elements per dim.
      Shapes.push_back({Axis{Dim::unknown(), "", "", {}}});
      ShapesExact = false;
    }
    // The index shapes broadcast together.
    std::vector<Axis> B = Shapes.front();
    for (size_t I = 1; I < Shapes.size(); ++I) {
      BroadcastConflict Conf;
      bool Exact = true;
      auto Out = broadcastAxes(B, Shapes[I], Conf, Exact);
      if (!Out) {
        std::string List;
        for (const auto &S : Shapes)
          List += (List.empty() ? "" : ", ") + axesText(S);
        std::string Msg = "the index tensors of " + opText() + " cannot broadcast together: " +
                          List;
        bool AllConstant = ShapesExact;
        for (const auto &S : Shapes)
          AllConstant = AllConstant && constantAxes(S);
        if (AllConstant && Exact)
          Msg += " (LibTorch: shape mismatch: indexing tensors could not be broadcast together "
                 "with shapes " +
                 List + ")";
        C.Sink->report(
            Finding{CheckId::Dim, C.Loc, Msg, C.Sink->historyNotes(C.Self, "the tensor"), {}});
        A.Reported = true;
        return false;
      }
      B = *Out;
    }
    std::sort(Positions.begin(), Positions.end());
    bool Adjacent = Positions.back() - Positions.front() + 1 == Positions.size();
    std::vector<Axis> Res;
    if (Adjacent) {
      Res.assign(Cur.begin(), Cur.begin() + Positions.front());
      Res.insert(Res.end(), B.begin(), B.end());
      Res.insert(Res.end(), Cur.begin() + Positions.back() + 1, Cur.end());
    } else {
      Res = B;
      for (size_t I = 0; I < Cur.size(); ++I)
        if (!std::binary_search(Positions.begin(), Positions.end(), I))
          Res.push_back(Cur[I]);
    }
    A.Result = Res;
    return true;
  }
};

std::vector<Item> itemsOf(const Value &List) {
  std::vector<Item> Items;
  if (List.Kind == ValueKind::List || List.isIntList())
    for (const Value &E : List.Elems)
      Items.push_back(parseItem(E));
  return Items;
}

bool isIndexList(const Value &V) { return V.Kind == ValueKind::List || V.isIntList(); }

} // namespace

Value indexTensor(OpCall &C) {
  auto Unknown = [&] {
    return C.Self.isTensor() ? derived(C, TensorShape::unknownRank(), "") : Value::unknown();
  };
  if (!isIndexList(C.arg(0)))
    return Unknown();
  Indexer X(C, itemsOf(C.arg(0)));
  Applied A = X.run();
  if (A.Reported)
    return Value::unknown();
  if (!A.Known)
    return Unknown();
  TensorShape S = TensorShape::ofAxes(A.Result);
  return derived(C, S, "index gives " + S.str());
}

Value indexPut(OpCall &C) {
  if (!isIndexList(C.arg(0)))
    return C.Self;
  std::vector<Item> Items = itemsOf(C.arg(0));
  Indexer X(C, Items);
  Applied A = X.run();
  if (A.Reported)
    return C.Self;
  // set_item: one `false` index assigns nothing; tensor indices go through
  // index_put_ (not followed here).
  if (!A.Known || !A.Adv.empty() ||
      (Items.size() == 1 && Items[0].K == Item::Bool && Items[0].BoolV == Tri::False))
    return C.Self;
  const Value &V = C.arg(1);
  if (!V.isTensor() || !V.Shape.hasRank() || V.Shape.rank() == 0)
    return C.Self;
  const std::vector<Axis> &Dst = A.Sliced;
  // copy_to: leading size-1 dims of the value are dropped first.
  std::vector<Axis> Src = V.Shape.axes();
  while (!Src.empty()) {
    Tri One = Src.front().Size.equals(Dim(1));
    if (One == Tri::Unknown)
      return C.Self;
    if (One == Tri::False)
      break;
    Src.erase(Src.begin());
  }
  std::string Target = "the indexed part " + axesText(Dst) + " of " + C.selfRef() + " " +
                       C.Self.Shape.str();
  std::string Value_ = "the value " + V.Shape.str() + " assigned by `" + C.Op.str() + "`";
  auto Report = [&](const std::string &Msg) {
    std::vector<Note> Notes = C.Sink->historyNotes(V, "the value");
    for (Note &N : C.Sink->historyNotes(C.Self, "the tensor"))
      Notes.push_back(std::move(N));
    C.Sink->report(Finding{CheckId::Broadcast, argLocOrCall(C, 1), Msg, std::move(Notes), {}});
  };
  if (Src.size() > Dst.size()) {
    Report(Value_ + " has " + std::to_string(Src.size()) + " dimensions" +
           (Src.size() != V.Shape.rank() ? " after its leading 1s" : "") + ", more than " +
           Target + " (LibTorch: expand(…): the number of sizes provided (" +
           std::to_string(Dst.size()) +
           ") must be greater or equal to the number of dimensions in the tensor (" +
           std::to_string(Src.size()) + "))");
    return C.Self;
  }
  bool Exact = true;
  for (size_t K = 0; K < Src.size(); ++K) {
    size_t I = Dst.size() - 1 - K;
    const Axis &T = Dst[I], &S = Src[Src.size() - 1 - K];
    Tri Eq = S.Size.equals(T.Size), One = S.Size.equals(Dim(1));
    if (Eq == Tri::True || One == Tri::True)
      continue;
    if (Eq == Tri::False && One == Tri::False) {
      std::string Msg = Value_ + " does not fit " + Target + ": its size " + S.Size.str() +
                        " cannot expand to " + T.Size.str() + " in dimension " +
                        std::to_string(I);
      if (Exact && constantAxes(Dst) && constantAxes(Src))
        Msg += " (LibTorch: The expanded size of the tensor (" + T.Size.str() +
               ") must match the existing size (" + S.Size.str() +
               ") at non-singleton dimension " + std::to_string(I) + ".  Target sizes: " +
               axesText(Dst) + ".  Tensor sizes: " + axesText(Src) + ")";
      Report(Msg);
      return C.Self;
    }
    Exact = false;
  }
  return C.Self;
}

} // namespace rules
} // namespace torchshape
