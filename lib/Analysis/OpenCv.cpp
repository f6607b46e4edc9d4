//===- OpenCv.cpp - cv::Mat images as sources of tensor sizes ------------===//
//
// Image pipelines size their tensors from OpenCV: cv::imread/imdecode (1 or 3
// channels by its flags), cv::resize to a cv::Size(w, h), cv::cvtColor to
// GRAY/RGB/BGR, and then torch::from_blob(img.data, {img.rows, img.cols,
// img.channels()}).  A cv::Mat is a record value (rows, cols, channels) whose
// unknown parts stay unknown; OpenCV calls not listed here forget the Mats
// they may write (see opaqueCall).  Without OpenCV's headers none of these
// names occur and nothing here runs.
//
//===----------------------------------------------------------------------===//
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"

using namespace clang;

namespace torchshape {

namespace {

constexpr llvm::StringLiteral MatKind = "cv::Mat";

Value matValue(Value Rows, Value Cols, Value Channels) {
  auto M = std::make_shared<ModuleValue>();
  M->Kind = MatKind.str();
  M->IsOptions = true; // a record, not a module: never called or trained
  M->Params["rows"] = Rows.isInt() ? Rows : Value::unknown();
  M->Params["cols"] = Cols.isInt() ? Cols : Value::unknown();
  M->Params["channels"] = Channels.isInt() ? Channels : Value::unknown();
  return Value::ofModule(M);
}

const Value *matPart(const Value &Mat, const char *Part) {
  if (!Mat.isModule() || Mat.Module->Kind != MatKind)
    return nullptr;
  return Mat.Module->param(Part);
}

/// The expression an InputArray/OutputArray argument wraps (`img` in
/// cv::resize(img, ...)).
const Expr *wrapped(const Expr *Arg) {
  const Expr *E = Arg->IgnoreImplicit();
  while (true) {
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr()->IgnoreImplicit();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr()->IgnoreImplicit();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1 && CE->getConstructor()->getParent()->getIdentifier() &&
             CE->getConstructor()->getParent()->getName().starts_with("_"))
      E = CE->getArg(0)->IgnoreImplicit();
    else
      return E;
  }
}

/// Channels of an OpenCV type (CV_8UC3 → 3): ((type >> 3) & 511) + 1.
Value channelsOfType(const Expr *Type, ASTContext &Ctx) {
  if (auto V = Type->getIntegerConstantExpr(Ctx))
    return Value::ofInt(((V->getSExtValue() >> 3) & 511) + 1);
  return Value::unknown();
}

/// Channels after cv::cvtColor with a COLOR_X2Y code: Y's count.
Value channelsOfConversion(const Expr *Code) {
  const auto *D = dyn_cast<DeclRefExpr>(Code->IgnoreParenImpCasts());
  const auto *EC = D ? dyn_cast<EnumConstantDecl>(D->getDecl()) : nullptr;
  if (!EC)
    return Value::unknown();
  llvm::StringRef Name = EC->getName();
  size_t Two = Name.rfind('2');
  if (!Name.starts_with("COLOR_") || Two == llvm::StringRef::npos)
    return Value::unknown();
  llvm::StringRef To = Name.substr(Two + 1);
  if (To == "GRAY")
    return Value::ofInt(1);
  if (To == "RGB" || To == "BGR")
    return Value::ofInt(3);
  if (To == "RGBA" || To == "BGRA")
    return Value::ofInt(4);
  return Value::unknown();
}

} // namespace

std::optional<Value> Interpreter::evalOpenCvConstruct(const CXXConstructExpr *C) {
  std::string QN = C->getConstructor()->getParent()->getQualifiedNameAsString();
  if (QN == "cv::Size_" && C->getNumArgs() == 2) {
    Value W = eval(C->getArg(0)), H = eval(C->getArg(1));
    return Value::ofIntList({W.isInt() ? W : Value::unknown(), H.isInt() ? H : Value::unknown()});
  }
  if (QN != "cv::Mat" || C->getConstructor()->isCopyOrMoveConstructor())
    return std::nullopt;
  // Mat(rows, cols, type[, value]) and Mat(Size(w, h), type[, value]).
  if (C->getNumArgs() >= 3 && C->getArg(0)->getType()->isIntegerType() &&
      C->getArg(1)->getType()->isIntegerType())
    return matValue(eval(C->getArg(0)), eval(C->getArg(1)),
                    channelsOfType(C->getArg(2), S.Ctx));
  if (C->getNumArgs() >= 2 && C->getArg(1)->getType()->isIntegerType()) {
    Value Size = eval(C->getArg(0));
    if (Size.isIntList() && Size.Elems.size() == 2)
      return matValue(Size.Elems[1], Size.Elems[0], channelsOfType(C->getArg(1), S.Ctx));
  }
  for (const Expr *A : C->arguments())
    eval(A);
  return Value::unknown();
}

std::optional<Value> Interpreter::evalOpenCvCall(const CallExpr *C, llvm::StringRef Name) {
  if (!Name.starts_with("cv::"))
    return std::nullopt;
  if ((Name == "cv::imread" || Name == "cv::imdecode") && C->getNumArgs() >= 1) {
    // imread(path, flags = IMREAD_COLOR); imdecode(buffer, flags).
    eval(C->getArg(0));
    if (Name == "cv::imdecode" && C->getNumArgs() < 2)
      return matValue(Value::unknown(), Value::unknown(), Value::unknown());
    Value Flags = C->getNumArgs() >= 2 ? eval(C->getArg(1)) : Value::ofInt(1);
    auto F = Flags.asConstant();
    // IMREAD_COLOR (the default) gives 3 channels, IMREAD_GRAYSCALE 1; the
    // size is the file's.
    Value Channels = F && *F == 1 ? Value::ofInt(3) : F && *F == 0 ? Value::ofInt(1)
                                                                    : Value::unknown();
    return matValue(Value::unknown(), Value::unknown(), Channels);
  }
  if (Name == "cv::resize" && C->getNumArgs() >= 3) {
    Value Src = eval(wrapped(C->getArg(0)));
    Value Size = eval(C->getArg(2));
    for (unsigned I = 3; I < C->getNumArgs(); ++I)
      eval(C->getArg(I));
    const Value *Ch = matPart(Src, "channels");
    Value Dst = Value::unknown();
    // cv::Size(0, 0) means "scale by fx, fy": not tracked.
    if (Size.isIntList() && Size.Elems.size() == 2 && Size.Elems[0].isInt() &&
        Size.Elems[1].isInt() && Size.Elems[0].Int.lessThan(Dim(1)) == Tri::False &&
        Size.Elems[1].Int.lessThan(Dim(1)) == Tri::False)
      Dst = matValue(Size.Elems[1], Size.Elems[0], Ch ? *Ch : Value::unknown());
    assign(wrapped(C->getArg(1)), Dst);
    return Value::unknown();
  }
  if (Name == "cv::cvtColor" && C->getNumArgs() >= 3) {
    Value Src = eval(wrapped(C->getArg(0)));
    Value Channels = channelsOfConversion(C->getArg(2));
    for (unsigned I = 3; I < C->getNumArgs(); ++I)
      eval(C->getArg(I));
    const Value *R = matPart(Src, "rows");
    const Value *Cl = matPart(Src, "cols");
    assign(wrapped(C->getArg(1)),
           R && Cl ? matValue(*R, *Cl, Channels) : matValue(Value::unknown(), Value::unknown(),
                                                            Channels));
    return Value::unknown();
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (!Obj || !Name.starts_with("cv::Mat::"))
      return std::nullopt;
    if (Name == "cv::Mat::channels" && C->getNumArgs() == 0) {
      const Value *Ch = matPart(eval(Obj), "channels");
      return Ch ? *Ch : Value::unknown();
    }
    if (Name == "cv::Mat::clone" && C->getNumArgs() == 0)
      return eval(Obj);
    if (Name == "cv::Mat::convertTo" && C->getNumArgs() >= 1) {
      // The depth changes; rows, cols and channels stay.
      Value Src = eval(Obj);
      for (unsigned I = 1; I < C->getNumArgs(); ++I)
        eval(C->getArg(I));
      assign(wrapped(C->getArg(0)), matPart(Src, "rows") ? Src : Value::unknown());
      return Value::unknown();
    }
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::matField(const Value &Base, const FieldDecl *FD) {
  if (!Base.isModule() || Base.Module->Kind != MatKind || !FD->getIdentifier())
    return std::nullopt;
  if (FD->getName() == "rows" || FD->getName() == "cols") {
    const Value *P = Base.Module->param(FD->getName().str());
    return P ? *P : Value::unknown();
  }
  return Value::unknown();
}

} // namespace torchshape
