//===- Value.h - Abstract values tracked by the shape-flow engine --------===//
//
// What the analysis knows about a C++ value: an integer (symbolic), a known
// fractional floating-point number, a list of integers, a tensor shape, a module or an options object with its
// configuration, a truth value, or nothing at all.  Unknown is always safe:
// no requirement is ever checked against it.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_SHAPE_VALUE_H
#define TORCHSHAPE_SHAPE_VALUE_H

#include "torchshape/Shape/Shape.h"
#include "clang/Basic/SourceLocation.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
class FieldDecl;
} // namespace clang

namespace torchshape {

struct ModuleValue;

enum class ValueKind { Unknown, Int, Real, Bool, IntList, Tensor, Module, List };

struct Value {
  ValueKind Kind = ValueKind::Unknown;

  // Int: the value, the arithmetic that produced it ("224 × 224"), and the
  // source range of the literal when it was written as one (for fix-its).
  Dim Int;
  std::string Formula;
  clang::SourceRange LiteralRange;

  Tri Bool = Tri::Unknown;

  // Real: a floating-point constant that is not a whole number (a scale
  // factor 1.5).  Whole numbers (2.0) are Ints; no arithmetic is done on Reals.
  double Real = 0;

  // IntList (elements are Int or Unknown values) and List (anything else,
  // e.g. a tuple of tensors).
  std::vector<Value> Elems;

  // Tensor.
  TensorShape Shape;
  OriginRef History;
  /// For a tensor of unknown rank: a key naming it, so that `x.size(0)` of the
  /// same tensor is the same symbol (and of another tensor a different one).
  std::string TensorKey;
  std::string TensorName;
  /// The tensor's strides, one per axis, when they are known exactly: set by
  /// factories and contiguous(), carried through the ops that make views
  /// (transpose, permute, t, expand, select, narrow, slice, squeeze,
  /// unsqueeze, chunk/split, view/reshape).  nullopt: unknown, and nothing is
  /// checked against it.
  std::optional<std::vector<Dim>> Strides;
  /// The tensor's scalar type when it is certain, as LibTorch names it
  /// ("Float", "Long"); empty when unknown.  Set by factories (default
  /// Float), dtype options, to()/toType(), argmax; kept by the view ops.
  std::string DType;

  /// For an unknown container of unknown length (a std::vector grown in a
  /// loop analysed once): one value that every element is, when known.
  /// Code that does not read it sees an unknown value.
  std::vector<Value> Summary;
  // Module or options object (shared: modules are reference types).
  std::shared_ptr<ModuleValue> Module;

  static Value unknown() { return Value(); }
  static Value ofInt(Dim D, std::string Formula = "",
                     clang::SourceRange Literal = {});
  static Value ofBool(Tri B);
  static Value ofReal(double R);
  static Value ofIntList(std::vector<Value> Elems);
  static Value ofTensor(TensorShape S, OriginRef History);
  /// A list of values of any kind: tensor lists, tuples (`std::get<I>` reads them).
  static Value ofList(std::vector<Value> Elems);
  static Value ofModule(std::shared_ptr<ModuleValue> M);

  bool isUnknown() const { return Kind == ValueKind::Unknown; }
  bool isInt() const { return Kind == ValueKind::Int; }
  bool isTensor() const { return Kind == ValueKind::Tensor; }
  bool isModule() const { return Kind == ValueKind::Module && Module; }
  bool isIntList() const { return Kind == ValueKind::IntList; }

  /// The int's value, or an unknown Dim.
  Dim asDim() const { return isInt() ? Int : Dim::unknown(); }
  /// As a condition: a bool's value, an int compared with 0.
  Tri truth() const {
    return Kind == ValueKind::Bool ? Bool : isInt() ? triNot(Int.equals(Dim(0))) : Tri::Unknown;
  }
  /// A known number as a double: a Real, or an Int constant.
  std::optional<double> asReal() const {
    if (Kind == ValueKind::Real)
      return Real;
    if (auto I = asConstant())
      return static_cast<double>(*I);
    return std::nullopt;
  }
  /// The int as a constant, when it is one.
  std::optional<int64_t> asConstant() const {
    return isInt() ? Int.getConstant() : std::nullopt;
  }

  /// A stable description for memo keys and debugging.
  std::string key() const;
  /// What both values agree on; differing facts become unknown.
  static Value join(const Value &A, const Value &B);
};

/// A module (a LibTorch layer, a user `nn::Module` subclass) or an options
/// object (`LinearOptions`), with its configuration.
struct ModuleValue {
  /// The LibTorch layer kind ("Linear") or options kind ("LinearOptions");
  /// empty for a user module.
  std::string Kind;
  /// An options object (`LinearOptions(784, 10)`) rather than a module.
  bool IsOptions = false;
  /// The user's module class, for user modules.
  const clang::CXXRecordDecl *UserClass = nullptr;
  /// Configuration by option name ("in_features" → 50176).
  std::map<std::string, Value> Params;
  /// The modules of a container (Sequential), in order.
  std::vector<Value> Children;
  /// A user module's members as its constructor left them.
  std::map<const clang::FieldDecl *, Value> Fields;
  /// Where it was configured, and how it reads there ("Linear(50176, 10)").
  clang::SourceLocation ConfiguredAt;
  std::string Spelling;
  /// The name it was registered under (`register_module("fc", …)`).
  std::string RegisteredName;
  /// Training mode (what BatchNorm checks): true from construction until
  /// eval()/train(false); unknown when it is changed under a condition, by
  /// code not seen, or when one value stands for several instances.
  Tri Training = Tri::True;

  const Value *param(const std::string &Name) const {
    auto It = Params.find(Name);
    return It == Params.end() ? nullptr : &It->second;
  }
};

} // namespace torchshape

#endif
