//===- LinalgRules.cpp - Matrix products: mm, matmul, bmm, mv, dot, einsum ===//
//
// Each rule follows LibTorch 1.13's checks, in their order, and quotes the
// runtime error when the numbers in it are the ones computed here:
//   mm      self must be a matrix / mat2 must be a matrix /
//           mat1 and mat2 shapes cannot be multiplied (64x32 and 16x8)
//   bmm     batch1 must be a 3D tensor /
//           Expected size for first two dimensions of batch2 tensor to be: [b, k] but got: [b2, k2].
//   mv      vector + matrix @ vector expected, got 1, 2, 2 / size mismatch, got 4, 4x3,5
//   dot     1D tensors expected, but got 2D and 1D tensors /
//           inconsistent tensor size, expected tensor [3] and src [4] to have the same number ...
//   matmul  dot, mv or mm for 1-d and 2-d operands; batch dims broadcast
//           otherwise, the inner dims must be equal (no size-1 stretching)
//   addmm   mat1 must be a matrix, got 3-D tensor; the input expands to [n, m]:
//           The expanded size of the tensor (5) must match the existing size (3) at ...
//   einsum  the subscripts of the equation fit each operand's rank; a subscript's
//           sizes broadcast across operands (size 1 stretches)
//
// matmul of a >2-d tensor with a 1-d or 2-d one folds the batch into the rows
// when the strides allow it, so the wording of that error depends on memory
// layout: those cases are reported without a quote.
//
//===----------------------------------------------------------------------===//
#include "LinalgRules.h"
#include "BroadcastRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <map>
#include <set>

namespace torchshape {
namespace rules {

namespace {

/// One operand of a product.
struct Mat {
  Value V;
  std::string Name; // "w", or empty
  std::string Role; // "the first matrix"
  bool known() const { return V.isTensor() && V.Shape.hasRank(); }
  size_t rank() const { return V.Shape.rank(); }
  const Axis &ax(int64_t I) const { // negative counts from the end
    return V.Shape.axis(I < 0 ? static_cast<size_t>(static_cast<int64_t>(rank()) + I)
                              : static_cast<size_t>(I));
  }
  Dim size(int64_t I) const { return ax(I).Size; }
  std::string ref() const { return Name.empty() ? Role : "`" + Name + "`"; }
  std::string desc() const {
    return ref() + " of shape " + (V.isTensor() ? V.Shape.str() : std::string("[*]"));
  }
};

Mat selfMat(const OpCall &C, const std::string &Role) {
  return Mat{C.Self, C.SelfSpelling, Role};
}
Mat argMat(const OpCall &C, size_t I, const std::string &Role) {
  return Mat{C.arg(I), argSpelling(C, I), Role};
}

/// "64x32"; a compound symbolic size is parenthesised: "nx(2*n + 1)".
std::string dimsX(const std::vector<Dim> &Ds) {
  std::string S;
  for (size_t I = 0; I < Ds.size(); ++I) {
    std::string D = Ds[I].str();
    if (D.find_first_of(" *+-") != std::string::npos && D.front() != '-')
      D = "(" + D + ")";
    S += (I ? "x" : "") + D;
  }
  return S;
}
std::string rankText(const Mat &M) { return std::to_string(M.rank()) + "-d"; }

void report(OpCall &C, std::string Msg, std::initializer_list<const Mat *> Ops,
            std::optional<clang::SourceLocation> At = std::nullopt) {
  Finding F{CheckId::Matmul, At ? *At : opLoc(C), std::move(Msg), {}, {}};
  for (const Mat *M : Ops)
    for (Note &N : C.Sink->historyNotes(M->V, M->Role))
      F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
}

/// A result value carrying A's history.
Value productValue(const OpCall &C, const Mat &A, TensorShape S) {
  OriginRef H = A.V.isTensor() ? A.V.History : nullptr;
  if (S.hasRank())
    H = addOrigin(H, opLoc(C), C.Op.str() + " gives " + S.str());
  return Value::ofTensor(std::move(S), H);
}

Axis unknownAxis() { return Axis{Dim::unknown(), "", "", {}}; }
Axis axisOr(const Mat &M, size_t Rank, int64_t I) {
  return M.known() && M.rank() == Rank ? M.ax(I) : unknownAxis();
}
/// Of two sizes that must be equal, the better known.
Axis equalAxis(const Axis &A, const Axis &B) { return A.Size.isUnknown() ? B : A; }

bool differ(const Dim &A, const Dim &B) { return A.equals(B) == Tri::False; }

/// mm's checks.  False when a violation was reported.
bool checkMm(OpCall &C, const Mat &A, const Mat &B, const std::string &Name1,
             const std::string &Name2, bool AddmmWording) {
  for (const Mat *M : {&A, &B}) {
    if (!M->known() || M->rank() == 2)
      continue;
    std::string Quote =
        AddmmWording ? (M == &A ? Name1 : Name2) + " must be a matrix, got " +
                           std::to_string(M->rank()) + "-D tensor"
                     : (M == &A ? std::string("self") : std::string("mat2")) + " must be a matrix";
    report(C,
           opRef(C) + " multiplies two matrices (2-d tensors), but " + M->desc() + " is " +
               rankText(*M) + " (LibTorch: " + Quote + ")",
           {M});
    return false;
  }
  if (A.known() && B.known() && differ(A.size(1), B.size(0))) {
    report(C,
           opRef(C) + " cannot multiply " + A.desc() + " by " + B.desc() + ": " + A.ref() +
               " has " + describeAxis(C, A.ax(1)) + " columns but " + B.ref() + " has " +
               describeAxis(C, B.ax(0)) + " rows (LibTorch: mat1 and mat2 shapes cannot be "
               "multiplied (" + dimsX(A.V.Shape.dims()) + " and " + dimsX(B.V.Shape.dims()) +
               "))",
           {&A, &B});
    return false;
  }
  return true;
}

/// bmm's checks.  False when a violation was reported.
bool checkBmm(OpCall &C, const Mat &A, const Mat &B) {
  for (const Mat *M : {&A, &B}) {
    if (!M->known() || M->rank() == 3)
      continue;
    report(C,
           opRef(C) + " multiplies two batches of matrices (3-d tensors), but " + M->desc() +
               " is " + rankText(*M) + " (LibTorch: " +
               (M == &A ? "batch1" : "batch2") + " must be a 3D tensor)",
           {M});
    return false;
  }
  if (!A.known() || !B.known())
    return true;
  std::string Why;
  if (differ(A.size(0), B.size(0)))
    Why = "the batch sizes differ, " + describeAxis(C, A.ax(0)) + " in " + A.ref() + " and " +
          describeAxis(C, B.ax(0)) + " in " + B.ref() + ", and " + opRef(C) +
          " does not broadcast them";
  if (differ(A.size(2), B.size(1)))
    Why += (Why.empty() ? "" : ", and ") + A.ref() + " has " + describeAxis(C, A.ax(2)) +
           " columns but " + B.ref() + " has " + describeAxis(C, B.ax(1)) + " rows";
  if (Why.empty())
    return true;
  report(C,
         opRef(C) + " cannot multiply " + A.desc() + " by " + B.desc() + ": " + Why +
             " (LibTorch: Expected size for first two dimensions of batch2 tensor to be: " +
             listOf({A.size(0), A.size(2)}) + " but got: " + listOf({B.size(0), B.size(1)}) +
             ".)",
         {&A, &B});
  return false;
}

/// The input of addmm/baddbmm expands to Target: LibTorch's expand_size.
bool checkExpand(OpCall &C, const Mat &In, const std::vector<Axis> &Target,
                 const std::string &ProductDesc, const std::vector<const Mat *> &Factors) {
  if (!In.known())
    return true;
  const auto &S = In.V.Shape.axes();
  std::string TargetText = axesText(Target);
  auto Report = [&](std::string Msg) {
    Finding F{CheckId::Matmul, opLoc(C), std::move(Msg), {}, {}};
    for (Note &N : C.Sink->historyNotes(In.V, In.Role))
      F.Notes.push_back(std::move(N));
    for (const Mat *M : Factors)
      for (Note &N : C.Sink->historyNotes(M->V, M->Role))
        F.Notes.push_back(std::move(N));
    C.Sink->report(std::move(F));
    return false;
  };
  std::string Head = opRef(C) + " cannot add " + In.desc() + " to the product " + TargetText +
                     " of " + ProductDesc;
  if (S.size() > Target.size())
    return Report(Head + ": " + In.ref() + " has more dimensions (" +
                  std::to_string(S.size()) + ") than the product (" +
                  std::to_string(Target.size()) + "), so it cannot be expanded to it");
  bool Exact = true;
  for (size_t K = 0; K < S.size(); ++K) {
    const Axis &X = S[S.size() - 1 - K];
    const Axis &T = Target[Target.size() - 1 - K];
    size_t D = Target.size() - 1 - K;
    Tri X1 = X.Size.equals(Dim(1));
    if (X1 == Tri::False && differ(X.Size, T.Size)) {
      std::string Msg = Head + ": aligned from the right, dimension " + std::to_string(D) +
                        " is " + describeAxis(C, X) + " in " + In.ref() + " but " +
                        describeAxis(C, T) + " in the product, and only a size of 1 "
                        "could stretch";
      bool Known = Exact;
      for (const Axis &A : Target)
        Known = Known && !A.Size.isUnknown();
      if (Known)
        Msg += " (LibTorch: The expanded size of the tensor (" + T.Size.str() +
               ") must match the existing size (" + X.Size.str() +
               ") at non-singleton dimension " + std::to_string(D) + ".  Target sizes: " +
               TargetText + ".  Tensor sizes: " + In.V.Shape.str() + ")";
      return Report(Msg);
    }
    Exact = Exact && (X1 == Tri::True || X.Size.equals(T.Size) == Tri::True);
  }
  return true;
}

/// addmm_/baddbmm_: self must already have the product's shape.
bool checkInPlaceOut(OpCall &C, const Mat &Self, const std::vector<Axis> &Target,
                     const std::vector<const Mat *> &Factors) {
  if (!Self.known())
    return true;
  const auto &S = Self.V.Shape.axes();
  std::string Why;
  if (S.size() != Target.size())
    Why = Self.ref() + " is " + rankText(Self) + " and the product " +
          std::to_string(Target.size()) + "-d";
  for (size_t I = 0; Why.empty() && I < S.size(); ++I)
    if (differ(S[I].Size, Target[I].Size))
      Why = "dimension " + std::to_string(I) + " is " + describeAxis(C, S[I]) + " in " +
            Self.ref() + " but " + describeAxis(C, Target[I]) + " in the product";
  if (Why.empty())
    return true;
  bool Known = true;
  for (const Axis &A : Target)
    Known = Known && !A.Size.isUnknown();
  std::string Msg = "in-place " + opRef(C) + " writes the product of shape " +
                    axesText(Target) + " into " + Self.desc() +
                    ", which must already have that shape: " + Why;
  if (Known)
    Msg += " (LibTorch: Bad in-place call: input tensor size " + Self.V.Shape.str() +
           " and output tensor size " + axesText(Target) + " should match)";
  Finding F{CheckId::Matmul, opLoc(C), Msg, {}, {}};
  for (Note &N : C.Sink->historyNotes(Self.V, Self.Role))
    F.Notes.push_back(std::move(N));
  for (const Mat *M : Factors)
    for (Note &N : C.Sink->historyNotes(M->V, M->Role))
      F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
  return false;
}

std::vector<Axis> mmShape(const Mat &A, const Mat &B) {
  return {axisOr(A, 2, 0), axisOr(B, 2, 1)};
}

std::vector<Axis> bmmShape(const Mat &A, const Mat &B) {
  return {equalAxis(axisOr(A, 3, 0), axisOr(B, 3, 0)), axisOr(A, 3, 1), axisOr(B, 3, 2)};
}

} // namespace

Value mm(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat A = selfMat(C, "the first matrix"), B = argMat(C, 0, "the second matrix");
  if (!checkMm(C, A, B, "", "", false))
    return Value::unknown();
  return productValue(C, A, TensorShape::ofAxes(mmShape(A, B)));
}

Value bmm(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat A = selfMat(C, "the first batch"), B = argMat(C, 0, "the second batch");
  if (!checkBmm(C, A, B))
    return Value::unknown();
  return productValue(C, A, TensorShape::ofAxes(bmmShape(A, B)));
}

Value mv(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat A = selfMat(C, "the matrix"), B = argMat(C, 0, "the vector");
  if (A.known() && B.known() && (A.rank() != 2 || B.rank() != 1)) {
    const Mat &Bad = A.rank() != 2 ? A : B;
    report(C,
           opRef(C) + " multiplies a matrix (2-d) by a vector (1-d), but " + Bad.desc() +
               " is " + rankText(Bad) + " (LibTorch: vector + matrix @ vector expected, got 1, " +
               std::to_string(A.rank()) + ", " + std::to_string(B.rank()) + ")",
           {&Bad});
    return Value::unknown();
  }
  if (A.known() && B.known() && differ(A.size(1), B.size(0))) {
    report(C,
           opRef(C) + " cannot multiply " + A.desc() + " by " + B.desc() + ": " + A.ref() +
               " has " + describeAxis(C, A.ax(1)) + " columns but " + B.ref() + " has " +
               describeAxis(C, B.ax(0)) + " elements (LibTorch: size mismatch, got " +
               A.size(0).str() + ", " + dimsX(A.V.Shape.dims()) + "," + B.size(0).str() + ")",
           {&A, &B});
    return Value::unknown();
  }
  return productValue(C, A, TensorShape::ofAxes({axisOr(A, 2, 0)}));
}

namespace {
bool checkDot(OpCall &C, const Mat &A, const Mat &B) {
  if (A.known() && B.known() && (A.rank() != 1 || B.rank() != 1)) {
    const Mat &Bad = A.rank() != 1 ? A : B;
    report(C,
           opRef(C) + " takes two vectors (1-d tensors), but " + Bad.desc() + " is " +
               rankText(Bad) + " (LibTorch: 1D tensors expected, but got " +
               std::to_string(A.rank()) + "D and " + std::to_string(B.rank()) + "D tensors)",
           {&Bad});
    return false;
  }
  if (A.known() && B.known() && differ(A.size(0), B.size(0))) {
    report(C,
           opRef(C) + " needs two vectors of the same length, but " + A.desc() + " has " +
               describeAxis(C, A.ax(0)) + " elements and " + B.desc() + " has " +
               describeAxis(C, B.ax(0)) +
               " (LibTorch: inconsistent tensor size, expected tensor [" + A.size(0).str() +
               "] and src [" + B.size(0).str() +
               "] to have the same number of elements, but got " + A.size(0).str() + " and " +
               B.size(0).str() + " elements respectively)",
           {&A, &B});
    return false;
  }
  return true;
}
} // namespace

Value dot(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat A = selfMat(C, "the first vector"), B = argMat(C, 0, "the second vector");
  if (!checkDot(C, A, B))
    return Value::unknown();
  return productValue(C, A, TensorShape::ofDims({}));
}

Value matmul(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat A = selfMat(C, "the first operand"), B = argMat(C, 0, "the second operand");
  if (!A.known() || !B.known())
    return productValue(C, A, TensorShape::unknownRank());
  size_t RA = A.rank(), RB = B.rank();
  if (RA == 0 || RB == 0) {
    const Mat &Bad = RA == 0 ? A : B;
    report(C,
           opRef(C) + " needs tensors of at least 1 dimension, but " + Bad.desc() +
               " is 0-d (LibTorch: both arguments to matmul need to be at least 1D, but they "
               "are " + std::to_string(RA) + "D and " + std::to_string(RB) + "D)",
           {&Bad});
    return Value::unknown();
  }
  if (RA == 1 && RB == 1) {
    if (!checkDot(C, A, B))
      return Value::unknown();
    return productValue(C, A, TensorShape::ofDims({}));
  }
  // The inner sizes: A's last, B's second-to-last (its only one when 1-d).
  const Axis &KA = A.ax(-1);
  const Axis &KB = RB == 1 ? B.ax(0) : B.ax(-2);
  std::vector<Axis> BatchA, BatchB;
  if (RA > 2)
    BatchA.assign(A.V.Shape.axes().begin(), A.V.Shape.axes().end() - 2);
  if (RB > 2)
    BatchB.assign(B.V.Shape.axes().begin(), B.V.Shape.axes().end() - 2);
  // Batch dims broadcast first (only when both are batched, LibTorch's
  // general path), then the inner sizes must be equal.
  std::vector<Axis> Batch = RA > 2 ? BatchA : BatchB;
  if (RA > 2 && RB > 2) {
    BroadcastConflict Conf;
    bool Exact = true;
    auto R = broadcastAxes(BatchA, BatchB, Conf, Exact);
    if (!R) {
      std::string Msg = opRef(C) + " cannot broadcast the batch dimensions " +
                        axesText(BatchA) + " of " + A.desc() + " with " + axesText(BatchB) +
                        " of " + B.desc() + ": aligned from the right, batch dimension " +
                        std::to_string(Conf.OutDim) + " is " + describeAxis(C, Conf.A) +
                        " in " + A.ref() + " and " + describeAxis(C, Conf.B) + " in " +
                        B.ref() + ", and neither is 1";
      if (Exact)
        Msg += " (LibTorch: The size of tensor a (" + Conf.A.Size.str() +
               ") must match the size of tensor b (" + Conf.B.Size.str() +
               ") at non-singleton dimension " + std::to_string(Conf.OutDim) + ")";
      report(C, Msg, {&A, &B});
      return Value::unknown();
    }
    Batch = *R;
  }
  if (differ(KA.Size, KB.Size)) {
    std::string Msg = opRef(C) + " cannot multiply " + A.desc() + " by " + B.desc() + ": " +
                      A.ref() + " has " + describeAxis(C, KA) +
                      (RA == 1 ? " elements" : " columns") + " but " + B.ref() + " has " +
                      describeAxis(C, KB) + (RB == 1 ? " elements" : " rows");
    std::vector<Dim> DA = A.V.Shape.dims(), DB = B.V.Shape.dims();
    if (RA == 2 && RB == 1)
      Msg += " (LibTorch: size mismatch, got " + DA[0].str() + ", " + dimsX(DA) + "," +
             DB[0].str() + ")";
    else if (RA <= 2 && RB == 2)
      Msg += " (LibTorch: mat1 and mat2 shapes cannot be multiplied (" +
             (RA == 1 ? "1x" + DA[0].str() : dimsX(DA)) + " and " + dimsX(DB) + "))";
    else if (RA > 2 && RB > 2) {
      std::vector<Dim> BD;
      for (const Axis &X : Batch)
        BD.push_back(X.Size);
      Dim P = product(BD);
      if (!P.isUnknown())
        Msg += " (LibTorch: Expected size for first two dimensions of batch2 tensor to be: " +
               listOf({P, KA.Size}) + " but got: " + listOf({P, KB.Size}) + ".)";
    }
    report(C, Msg, {&A, &B});
    return Value::unknown();
  }
  std::vector<Axis> Out = Batch;
  if (RA >= 2)
    Out.push_back(A.ax(-2));
  if (RB >= 2)
    Out.push_back(B.ax(-1));
  return productValue(C, A, TensorShape::ofAxes(Out));
}

Value addmm(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat In = selfMat(C, "the input"), A = argMat(C, 0, "mat1"), B = argMat(C, 1, "mat2");
  if (!checkMm(C, A, B, "mat1", "mat2", true))
    return Value::unknown();
  std::vector<Axis> Target = mmShape(A, B);
  if (!checkExpand(C, In, Target, A.desc() + " and " + B.desc(), {&A, &B}))
    return Value::unknown();
  return productValue(C, In, TensorShape::ofAxes(Target));
}

Value addmmInPlace(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat In = selfMat(C, "the tensor"), A = argMat(C, 0, "mat1"), B = argMat(C, 1, "mat2");
  if (!checkMm(C, A, B, "mat1", "mat2", true))
    return Value::unknown();
  if (!checkInPlaceOut(C, In, mmShape(A, B), {&A, &B}))
    return Value::unknown();
  return C.Self;
}

Value baddbmm(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat In = selfMat(C, "the input"), A = argMat(C, 0, "batch1"), B = argMat(C, 1, "batch2");
  if (!checkBmm(C, A, B))
    return Value::unknown();
  std::vector<Axis> Target = bmmShape(A, B);
  if (!checkExpand(C, In, Target, A.desc() + " and " + B.desc(), {&A, &B}))
    return Value::unknown();
  return productValue(C, In, TensorShape::ofAxes(Target));
}

Value baddbmmInPlace(OpCall &C) {
  if (!C.HasSelf)
    return Value::unknown();
  Mat In = selfMat(C, "the tensor"), A = argMat(C, 0, "batch1"), B = argMat(C, 1, "batch2");
  if (!checkBmm(C, A, B))
    return Value::unknown();
  if (!checkInPlaceOut(C, In, bmmShape(A, B), {&A, &B}))
    return Value::unknown();
  return C.Self;
}

// --- einsum -------------------------------------------------------------------

namespace {

constexpr int Ell = -1; // the ellipsis, in a term's label list

/// The string literal an argument was written as, through string_view /
/// std::string conversions.
const clang::StringLiteral *stringLiteralOf(const clang::Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *S = llvm::dyn_cast<clang::StringLiteral>(E))
      return S;
    if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
      if (CE->getNumArgs() < 1)
        return nullptr;
      E = CE->getArg(0);
      continue;
    }
    if (const auto *FC = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(E)) {
      E = FC->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The elements of the braced list an argument was written as, if any.
const clang::InitListExpr *initListOf(const clang::Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E))
      return IL;
    if (const auto *SI = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(E)) {
      E = SI->getSubExpr();
      continue;
    }
    if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
      if (CE->getNumArgs() < 1)
        return nullptr;
      E = CE->getArg(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

std::string nameOf(const clang::Expr *E) {
  if (!E)
    return "";
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    if (CE->getNumArgs() == 1)
      E = CE->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return D->getDecl()->getNameAsString();
  return "";
}

struct Term {
  std::vector<int> Labels; // 0..51, or Ell
  bool HasEll = false;
  size_t count() const { return Labels.size() - (HasEll ? 1 : 0); }
};

int labelIndex(char Ch) {
  if (Ch >= 'A' && Ch <= 'Z')
    return Ch - 'A';
  if (Ch >= 'a' && Ch <= 'z')
    return 26 + (Ch - 'a');
  return -2;
}
char labelChar(int L) { return L < 26 ? char('A' + L) : char('a' + (L - 26)); }

/// Parses "ij,jk" into terms; false on anything unexpected (LibTorch's own
/// parse errors are not reported).
bool parseTerms(llvm::StringRef S, std::vector<Term> &Terms) {
  Terms.assign(1, Term{});
  for (size_t I = 0; I < S.size(); ++I) {
    char Ch = S[I];
    if (Ch == ' ')
      continue;
    if (Ch == ',') {
      Terms.emplace_back();
      continue;
    }
    if (Ch == '.') {
      if (I + 2 >= S.size() || S[I + 1] != '.' || S[I + 2] != '.' || Terms.back().HasEll)
        return false;
      Terms.back().Labels.push_back(Ell);
      Terms.back().HasEll = true;
      I += 2;
      continue;
    }
    int L = labelIndex(Ch);
    if (L < 0)
      return false;
    Terms.back().Labels.push_back(L);
  }
  return true;
}

} // namespace

Value einsum(OpCall &C) {
  const clang::StringLiteral *Lit =
      C.ArgExprs.empty() ? nullptr : stringLiteralOf(C.ArgExprs[0]);
  const Value &List = C.arg(1);
  if (!Lit || !Lit->isOrdinary() || List.Kind != ValueKind::List)
    return Value::unknown();
  std::string Eq = Lit->getString().str();
  std::string Quoted = "\"" + Eq + "\"";
  llvm::StringRef Lhs = Eq, Rhs;
  bool Explicit = false;
  size_t Arrow = Eq.find("->");
  if (Arrow != std::string::npos) {
    Lhs = llvm::StringRef(Eq).substr(0, Arrow);
    Rhs = llvm::StringRef(Eq).substr(Arrow + 2);
    Explicit = true;
  }
  std::vector<Term> Terms, Outs;
  if (!parseTerms(Lhs, Terms) || (Explicit && (!parseTerms(Rhs, Outs) || Outs.size() != 1)))
    return Value::unknown();

  // The operands, named after the braced list when there is one.
  std::vector<Mat> Ops;
  const clang::InitListExpr *IL = C.ArgExprs.size() > 1 ? initListOf(C.ArgExprs[1]) : nullptr;
  for (size_t I = 0; I < List.Elems.size(); ++I) {
    std::string Name = IL && I < IL->getNumInits() ? nameOf(IL->getInit(I)) : "";
    Ops.push_back(Mat{List.Elems[I], Name, "operand " + std::to_string(I)});
  }
  std::string Head = opRef(C) + " with " + Quoted;
  if (Ops.size() != Terms.size()) {
    bool More = Ops.size() > Terms.size();
    report(C,
           Head + " has " + std::to_string(Terms.size()) + " operand term" +
               (Terms.size() == 1 ? "" : "s") + " but is given " + std::to_string(Ops.size()) +
               " tensor" + (Ops.size() == 1 ? "" : "s") + " (LibTorch: einsum(): " +
               (More ? "more" : "fewer") +
               " operands were provided than specified in the equation)",
           {});
    return Value::unknown();
  }
  // Each term fits its operand's rank.
  for (size_t I = 0; I < Ops.size(); ++I) {
    const Mat &M = Ops[I];
    if (!M.known())
      continue;
    size_t N = Terms[I].count();
    bool Bad = Terms[I].HasEll ? N > M.rank() : N != M.rank();
    if (!Bad)
      continue;
    std::string Msg = Head + ": the term for " + M.ref() + " has " + std::to_string(N) +
                      " subscript" + (N == 1 ? "" : "s") + " but " + M.desc() + " has " +
                      std::to_string(M.rank()) + " dimension" + (M.rank() == 1 ? "" : "s") +
                      " (LibTorch: einsum(): the number of subscripts in the equation (" +
                      std::to_string(N) +
                      (Terms[I].HasEll ? ") is more than the number of dimensions ("
                                       : ") does not match the number of dimensions (") +
                      std::to_string(M.rank()) + ") for operand " + std::to_string(I) +
                      (Terms[I].HasEll ? ")" : " and no ellipsis was given)");
    report(C, Msg, {&M});
    return Value::unknown();
  }
  // The output's subscripts.
  std::map<int, int> Count;
  bool AnyEll = false;
  for (const Term &T : Terms) {
    AnyEll = AnyEll || T.HasEll;
    for (int L : T.Labels)
      if (L != Ell)
        ++Count[L];
  }
  Term Out;
  if (Explicit) {
    Out = Outs.front();
    std::set<int> Seen;
    for (int L : Out.Labels) {
      if (L == Ell)
        continue;
      std::string Why;
      if (!Seen.insert(L).second)
        Why = std::string("appears more than once in the output");
      else if (!Count.count(L))
        Why = std::string("does not appear in the equation for any input operand");
      if (Why.empty())
        continue;
      report(C,
             Head + ": output subscript " + labelChar(L) + " " + Why +
                 " (LibTorch: einsum(): output subscript " + labelChar(L) + " " + Why + ")",
             {});
      return Value::unknown();
    }
  } else {
    if (AnyEll) {
      Out.Labels.push_back(Ell);
      Out.HasEll = true;
    }
    for (const auto &[L, N] : Count) // std::map: A-Z before a-z, as LibTorch
      if (N == 1)
        Out.Labels.push_back(L);
  }
  // Sizes: a subscript repeated in one operand must match exactly; across
  // operands sizes broadcast, as do the dimensions covered by ellipses.
  std::map<int, Axis> LabelSize;
  std::vector<Axis> EllAxes;
  bool EllKnown = true;
  for (size_t I = 0; I < Ops.size(); ++I) {
    const Mat &M = Ops[I];
    const Term &T = Terms[I];
    std::vector<Axis> Axes;   // per label position; Ell position unused
    std::vector<Axis> EllHere; // dims the ellipsis covers
    if (M.known()) {
      size_t EllDims = M.rank() - T.count(), Pos = 0;
      for (int L : T.Labels) {
        if (L == Ell) {
          for (size_t K = 0; K < EllDims; ++K)
            EllHere.push_back(M.ax(static_cast<int64_t>(Pos + K)));
          Pos += EllDims;
          Axes.push_back(unknownAxis());
        } else {
          Axes.push_back(M.ax(static_cast<int64_t>(Pos++)));
        }
      }
    } else {
      Axes.assign(T.Labels.size(), unknownAxis());
      if (T.HasEll)
        EllKnown = false;
    }
    std::map<int, size_t> FirstAt;
    for (size_t P = 0; P < T.Labels.size(); ++P) {
      int L = T.Labels[P];
      if (L == Ell)
        continue;
      const Axis &X = Axes[P];
      auto F = FirstAt.find(L);
      if (F != FirstAt.end()) {
        const Axis &Y = Axes[F->second];
        if (differ(X.Size, Y.Size)) {
          report(C,
                 Head + ": subscript " + labelChar(L) + " is repeated in the term for " +
                     M.ref() + " and so takes its diagonal, but " + M.desc() + " has " +
                     describeAxis(C, Y) + " and " + describeAxis(C, X) +
                     " there (LibTorch: einsum(): subscript " + labelChar(L) +
                     " is repeated for operand " + std::to_string(I) +
                     " but the sizes don't match, " + X.Size.str() + " != " + Y.Size.str() + ")",
                 {&M});
          return Value::unknown();
        }
        continue;
      }
      FirstAt[L] = P;
      auto Prev = LabelSize.find(L);
      if (Prev == LabelSize.end()) {
        LabelSize[L] = X;
        continue;
      }
      const Axis &Y = Prev->second;
      if (Y.Size.equals(Dim(1)) == Tri::False && X.Size.equals(Dim(1)) == Tri::False &&
          differ(X.Size, Y.Size)) {
        report(C,
               Head + ": subscript " + labelChar(L) + " has size " + describeAxis(C, X) +
                   " in " + M.desc() + " but " + describeAxis(C, Y) +
                   " in the operands before it, and neither is 1 (LibTorch: einsum(): "
                   "subscript " + labelChar(L) + " has size " + X.Size.str() +
                   " for operand " + std::to_string(I) +
                   " which does not broadcast with previously seen size " + Y.Size.str() + ")",
               {&M});
        return Value::unknown();
      }
      BroadcastConflict Unused;
      bool Exact = true;
      auto R = broadcastAxes({Y}, {X}, Unused, Exact);
      LabelSize[L] = R ? R->front() : unknownAxis();
    }
    if (M.known() && T.HasEll) {
      BroadcastConflict Conf;
      bool Exact = true;
      auto R = broadcastAxes(EllAxes, EllHere, Conf, Exact);
      if (!R) {
        report(C,
               Head + ": the dimensions " + M.ref() + "'s ellipsis covers, " +
                   axesText(EllHere) + ", do not broadcast with " + axesText(EllAxes) +
                   " covered by the ellipses before it: aligned from the right, " +
                   describeAxis(C, Conf.B) + " against " + describeAxis(C, Conf.A) +
                   ", and neither is 1",
               {&M});
        return Value::unknown();
      }
      EllAxes = *R;
    }
  }
  // The result.
  if (Out.HasEll && !EllKnown) {
    const Mat *First = Ops.empty() ? nullptr : &Ops.front();
    return First ? productValue(C, *First, TensorShape::unknownRank())
                 : Value::ofTensor(TensorShape::unknownRank(), nullptr);
  }
  std::vector<Axis> Result;
  for (int L : Out.Labels) {
    if (L == Ell) {
      Result.insert(Result.end(), EllAxes.begin(), EllAxes.end());
      continue;
    }
    auto It = LabelSize.find(L);
    Result.push_back(It == LabelSize.end() ? unknownAxis() : It->second);
  }
  TensorShape S = TensorShape::ofAxes(Result);
  if (Ops.empty())
    return Value::ofTensor(S, nullptr);
  return productValue(C, Ops.front(), S);
}

} // namespace rules
} // namespace torchshape
