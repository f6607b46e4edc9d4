//===- RuleSupport.cpp - Helpers shared by the shape rules ---------------===//
#include "RuleSupport.h"

#include <cstdio>

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <cmath>

namespace torchshape {

const Value &OpCall::arg(size_t I) const {
  static const Value Unknown;
  return I < Args.size() ? Args[I] : Unknown;
}

clang::SourceLocation OpCall::argLoc(size_t I) const {
  if (I < ArgExprs.size() && ArgExprs[I])
    return ArgExprs[I]->getBeginLoc();
  return Loc;
}

std::string OpCall::line(clang::SourceLocation L) const {
  return SM ? describeLine(*SM, L, Loc) : "";
}

namespace rules {

std::optional<std::vector<Axis>> axesFromList(const Value &List) {
  if (!List.isIntList())
    return std::nullopt;
  std::vector<Axis> Axes;
  for (const Value &E : List.Elems)
    Axes.push_back(Axis{E.asDim(), E.Formula, "", {}});
  return Axes;
}

std::string realText(double R) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%g", R);
  return Buf;
}

std::string listText(const Value &List) {
  std::string S = "[";
  for (size_t I = 0; I < List.Elems.size(); ++I)
    S += (I ? ", " : "") + (List.Elems[I].Kind == ValueKind::Real ? realText(List.Elems[I].Real)
                                                                  : List.Elems[I].asDim().str());
  return S + "]";
}

std::vector<Dim> contiguousStrides(const TensorShape &S) {
  std::vector<Dim> St(S.rank(), Dim(1));
  Dim Acc(1);
  for (size_t I = S.rank(); I-- > 0;) {
    St[I] = Acc;
    // LibTorch's contiguous strides treat a size-0 dim as size 1.
    Acc = Acc * (S.axis(I).Size.getConstant() == std::optional<int64_t>(0) ? Dim(1)
                                                                          : S.axis(I).Size);
  }
  return St;
}

Value asContiguous(Value V) {
  V.Strides.reset();
  if (V.isTensor() && V.Shape.hasRank()) {
    std::vector<Dim> St = contiguousStrides(V.Shape);
    bool Known = true;
    for (const Dim &D : St)
      Known = Known && !D.isUnknown();
    if (Known)
      V.Strides = std::move(St);
  }
  return V;
}

Value withoutStrides(Value V) {
  V.Strides.reset();
  return V;
}

Tri viewStrides(const std::vector<Dim> &OldShape, const std::vector<Dim> &OldStrides,
                const std::vector<Dim> &NewShape, std::vector<Dim> &NewStrides) {
  NewStrides.assign(NewShape.size(), Dim(1));
  for (const auto *L : {&OldShape, &OldStrides, &NewShape})
    for (const Dim &D : *L)
      if (D.isUnknown())
        return Tri::Unknown;
  // Empty tensors (any size that may be 0) have arbitrary strides.
  for (const auto *L : {&OldShape, &NewShape})
    for (const Dim &D : *L)
      if (D.equals(Dim(0)) != Tri::False)
        return Tri::Unknown;
  if (OldShape.empty()) // a 0-d tensor views as anything of one element
    return Tri::True;
  int64_t ViewD = static_cast<int64_t>(NewShape.size()) - 1;
  Dim ChunkBase = OldStrides.back();
  Dim TensorNumel(1), ViewNumel(1);
  for (int64_t TD = static_cast<int64_t>(OldShape.size()) - 1; TD >= 0; --TD) {
    TensorNumel = TensorNumel * OldShape[TD];
    bool ChunkEnd = TD == 0;
    if (!ChunkEnd) {
      Tri PrevOne = OldShape[TD - 1].equals(Dim(1));
      Tri Joined = OldStrides[TD - 1].equals(TensorNumel * ChunkBase);
      if (PrevOne == Tri::Unknown || (PrevOne == Tri::False && Joined == Tri::Unknown))
        return Tri::Unknown;
      ChunkEnd = PrevOne == Tri::False && Joined == Tri::False;
    }
    if (!ChunkEnd)
      continue;
    while (ViewD >= 0) {
      Tri Less = ViewNumel.lessThan(TensorNumel);
      Tri One = NewShape[ViewD].equals(Dim(1));
      if (Less == Tri::Unknown || (Less == Tri::False && One == Tri::Unknown))
        return Tri::Unknown;
      if (Less == Tri::False && One == Tri::False)
        break;
      NewStrides[ViewD] = ViewNumel * ChunkBase;
      ViewNumel = ViewNumel * NewShape[ViewD];
      --ViewD;
    }
    Tri Eq = ViewNumel.equals(TensorNumel);
    if (Eq != Tri::True)
      return Eq;
    if (TD > 0) {
      ChunkBase = OldStrides[TD - 1];
      TensorNumel = Dim(1);
      ViewNumel = Dim(1);
    }
  }
  return ViewD == -1 ? Tri::True : Tri::False;
}

std::string dtypeNamedIn(const clang::Expr *E) {
  if (!E)
    return "";
  static const std::pair<const char *, const char *> Names[] = {
      {"kFloat", "Float"},  {"kFloat32", "Float"}, {"kDouble", "Double"}, {"kFloat64", "Double"},
      {"kLong", "Long"},    {"kInt64", "Long"},    {"kInt", "Int"},       {"kInt32", "Int"},
      {"kBool", "Bool"},    {"kByte", "Byte"},     {"kUInt8", "Byte"},    {"kHalf", "Half"},
      {"kShort", "Short"},  {"kInt16", "Short"},   {"kChar", "Char"},     {"kInt8", "Char"},
      {"Float", "Float"},   {"Double", "Double"},  {"Long", "Long"},      {"Int", "Int"},
      {"Bool", "Bool"},     {"Byte", "Byte"},      {"Half", "Half"},      {"Short", "Short"},
      {"Char", "Char"}};
  struct Finder : clang::RecursiveASTVisitor<Finder> {
    std::string Found;
    bool Conflict = false;
    bool TraverseStmt(clang::Stmt *S) {
      // A dtype named inside a tensor-valued subexpression (`zeros({1},
      // kLong)` passed to to(other)) is that tensor's, not the argument's.
      if (const auto *E = llvm::dyn_cast_or_null<clang::Expr>(S))
        if (const clang::CXXRecordDecl *RD =
                E->getType().getNonReferenceType()->getAsCXXRecordDecl())
          if (RD->getQualifiedNameAsString() == "at::Tensor")
            return true;
      return clang::RecursiveASTVisitor<Finder>::TraverseStmt(S);
    }
    bool VisitDeclRefExpr(clang::DeclRefExpr *D) {
      const clang::ValueDecl *VD = D->getDecl();
      std::string QN = VD->getQualifiedNameAsString();
      llvm::StringRef Q(QN), Name;
      if (Q.starts_with("c10::k"))
        Name = Q.drop_front(5);
      else if (Q.starts_with("c10::ScalarType::"))
        Name = Q.drop_front(17);
      else
        return true;
      for (const auto &[Spelled, Type] : Names)
        if (Name == Spelled) {
          if (!Found.empty() && Found != Type)
            Conflict = true;
          Found = Type;
        }
      return true;
    }
  } F;
  F.TraverseStmt(const_cast<clang::Expr *>(E));
  return F.Conflict ? "" : F.Found;
}

std::string factoryDtype(const OpCall &C, const std::string &Default) {
  // The argument passed for the callee's TensorOptions parameter.
  const auto *CE = llvm::dyn_cast_or_null<clang::CallExpr>(C.Call);
  const clang::FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || C.HasSelf)
    return "";
  for (unsigned P = 0; P < FD->getNumParams(); ++P) {
    const clang::CXXRecordDecl *RD =
        FD->getParamDecl(P)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || RD->getQualifiedNameAsString() != "c10::TensorOptions")
      continue;
    if (P >= C.ArgExprs.size() || !C.ArgExprs[P])
      return "";
    if (llvm::isa<clang::CXXDefaultArgExpr>(C.ArgExprs[P]))
      return Default;
    return dtypeNamedIn(C.ArgExprs[P]);
  }
  return "";
}

bool isFloatingDtype(const std::string &D) {
  return D == "Float" || D == "Double" || D == "Half";
}

Value derived(const OpCall &C, TensorShape S, const std::string &Event) {
  OriginRef H = C.Self.History;
  if (!Event.empty())
    H = addOrigin(H, C.Loc, Event);
  return Value::ofTensor(std::move(S), H);
}

std::optional<size_t> wrapDimOrReport(OpCall &C, const Value &DimArg,
                                      size_t Rank, clang::SourceLocation Loc) {
  auto D = DimArg.asConstant();
  if (!D)
    return std::nullopt;
  // LibTorch treats a 0-d tensor as having one wrappable dim.
  int64_t R = std::max<int64_t>(static_cast<int64_t>(Rank), 1);
  if (*D < -R || *D >= R) {
    C.Sink->report(Finding{
        CheckId::Dim, Loc,
        "dimension " + std::to_string(*D) + " is out of range for the " +
            std::to_string(Rank) + "-d tensor " + C.Self.Shape.str() + " in `" +
            C.Op.str() + "` (LibTorch: Dimension out of range (expected to be in range of [" +
            std::to_string(-R) + ", " + std::to_string(R - 1) + "], but got " +
            std::to_string(*D) + "))",
        C.Sink->historyNotes(C.Self, "the tensor"),
        {}});
    return std::nullopt;
  }
  return static_cast<size_t>(*D < 0 ? *D + R : *D);
}

std::string squareImageFactoring(int64_t N) {
  if (N < 4)
    return "";
  for (int64_t C : {1, 3}) {
    if (N % C)
      continue;
    int64_t H = static_cast<int64_t>(std::llround(std::sqrt(double(N / C))));
    // Below 8 × 8 a square is more likely a coincidence (16 features) than
    // an image.
    if (H >= 8 && H * H * C == N) {
      std::string HH = std::to_string(H) + " × " + std::to_string(H);
      return C == 1 ? HH + " = 1 × " + HH : "3 × " + HH;
    }
  }
  return "";
}

std::string describeAxis(const OpCall &C, const Axis &A) {
  std::string S = A.Size.str();
  std::vector<std::string> Parts;
  if (!A.Formula.empty() && A.Formula != S)
    Parts.push_back(A.Formula);
  if (!A.Op.empty())
    Parts.push_back("from " + A.Op + " at " + C.line(A.OpLoc));
  if (Parts.empty())
    return S;
  std::string Joined;
  for (const auto &P : Parts)
    Joined += (Joined.empty() ? "" : ", ") + P;
  return S + " (" + Joined + ")";
}

} // namespace rules
} // namespace torchshape
