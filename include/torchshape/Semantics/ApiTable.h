//===- ApiTable.h - LibTorch's shape rules, in one declarative table -----===//
//
// Every LibTorch operation the analysis understands is one row of a table:
// the qualified name Clang gives its callee, the rule that computes the
// result from the argument values, and a one-line summary (used by the docs
// and by the inference-gap report).  Rules also check the requirements the
// op imposes and report proven violations.
//
// Adding an op is adding a row (and, if no existing rule fits, a rule).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_SEMANTICS_APITABLE_H
#define TORCHSHAPE_SEMANTICS_APITABLE_H

#include "torchshape/Diagnostics/Finding.h"
#include "torchshape/Shape/Value.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace clang {
class Expr;
class SourceManager;
} // namespace clang

namespace torchshape {

/// How a rule talks back to the engine.
class OpSink {
public:
  virtual ~OpSink() = default;
  /// Report a proven violation.  Notes about the call context are added by
  /// the engine.
  virtual void report(Finding F) = 0;
  /// Notes that trace where a tensor's shape came from.
  virtual std::vector<Note> historyNotes(const Value &Tensor,
                                         llvm::StringRef Role) = 0;
};

/// One call of a modelled op, with its arguments already evaluated.  For a
/// method, Self is the object; for a free function taking a tensor first,
/// Self is that tensor and Args are the rest.
struct OpCall {
  llvm::StringRef Op; // the name users write: "view", "torch::rand"
  const clang::Expr *Call = nullptr;
  clang::SourceLocation Loc;
  bool HasSelf = false;
  Value Self;
  std::string SelfSpelling; // "x", "fc", "this->fc"; empty when not simple
  std::vector<Value> Args;
  std::vector<const clang::Expr *> ArgExprs;
  const clang::SourceManager *SM = nullptr;
  OpSink *Sink = nullptr;
  /// Set by in-place rules (resize_): the result replaces the receiver.
  bool UpdatesSelf = false;

  const Value &arg(size_t I) const;
  /// "`x`", or "the tensor" when the receiver is not a plain name.
  std::string selfRef() const {
    return SelfSpelling.empty() ? "the tensor" : "`" + SelfSpelling + "`";
  }
  clang::SourceLocation argLoc(size_t I) const;
  std::string line(clang::SourceLocation L) const;
};

using RuleFn = Value (*)(OpCall &);

/// A LibTorch function or method.
struct OpEntry {
  llvm::StringRef Callee; // qualified name of the callee, e.g. "at::Tensor::view"
  llvm::StringRef Op;     // how users write it, for messages
  RuleFn Rule;
  llvm::StringRef Summary;
};

/// A LibTorch layer: its holder, implementation and options classes, the
/// options its constructor takes positionally, and its forward rule.
struct LayerEntry {
  llvm::StringRef Kind;    // "Linear"
  llvm::StringRef Holder;  // "torch::nn::Linear"
  llvm::StringRef Impl;    // "torch::nn::LinearImpl"
  llvm::StringRef Options; // "torch::nn::LinearOptions"
  std::vector<llvm::StringRef> Positional; // {"in_features", "out_features"}
  RuleFn Forward; // Self is the module value, Args[0] the input
  llvm::StringRef Summary;
};

const OpEntry *lookupOp(llvm::StringRef QualifiedCallee);
/// By holder, impl or options class name.
const LayerEntry *lookupLayer(llvm::StringRef QualifiedClass);
const std::vector<OpEntry> &allOps();
const std::vector<LayerEntry> &allLayers();

} // namespace torchshape

#endif
