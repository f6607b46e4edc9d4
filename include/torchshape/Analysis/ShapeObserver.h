//===- ShapeObserver.h - What the interpreter learns, as it learns it ----===//
//
// The interpreter computes a shape for every tensor value on every line, and
// builds every module it meets; findings use a tiny part of that.  A
// ShapeObserver sees the rest as it happens: values bound to names, values
// returned, module calls with their inputs and outputs, modules and
// parameters registered.  It is off by default (AnalyzerOptions::Observer
// null): each hook is one pointer test then.
//
// Calls into the observer come in the interpreter's order, once per
// analysis context: a function is analysed on its own (valid for every
// caller) and again per call that reaches it with other arguments, so the
// same statement may be seen several times.  ShapeRecorder (ShapeRecord.h)
// aggregates them into plain data for the front ends.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_ANALYSIS_SHAPEOBSERVER_H
#define TORCHSHAPE_ANALYSIS_SHAPEOBSERVER_H

#include "torchshape/Shape/Value.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang {
class FunctionDecl;
class NamedDecl;
} // namespace clang

namespace torchshape {

/// Where an observation was made: in which analysed root function, and
/// how many followed calls deep (0: the function analysed on its own, so
/// what is seen holds for every caller).
struct ObservationContext {
  const clang::FunctionDecl *Root = nullptr;
  unsigned CallDepth = 0;
};

class ShapeObserver {
public:
  virtual ~ShapeObserver();

  /// The analysis of a root function (one defined in user code) starts.
  virtual void beginRoot(const clang::FunctionDecl *Root) {}

  /// Var (a variable, parameter, structured binding or member) holds V
  /// from Loc on: its declaration, an assignment, a parameter on entry.
  virtual void valueBound(clang::SourceLocation Loc, const clang::NamedDecl *Var,
                          const Value &V, const ObservationContext &Ctx) {}
  /// A return statement at Loc returns V.
  virtual void valueReturned(clang::SourceLocation Loc, const Value &V,
                             const ObservationContext &Ctx) {}

  /// A module's forward is called at Loc (Spelling: how the receiver is
  /// written there, "net", "this->fc").  TopLevel: the caller is not a
  /// module's own method (main, a training loop), so this call starts a
  /// model summary.  Every begin is followed by its end, nested calls in
  /// between.
  virtual void moduleCallBegin(const Value &Module, llvm::StringRef Spelling,
                               clang::SourceLocation Loc, llvm::ArrayRef<Value> Args,
                               bool TopLevel, const ObservationContext &Ctx) {}
  virtual void moduleCallEnd(const Value &Result) {}

  /// A call of user code is analysed (Key identifies it with its
  /// arguments), or its memoised result is reused: what the first analysis
  /// saw inside happens again.
  virtual void userCallBegin(const std::string &Key) {}
  virtual void userCallEnd(const std::string &Key) {}
  virtual void userCallReused(const std::string &Key) {}

  /// The construction of a user module starts / ends.  Complete: nothing
  /// in it was left unanalysed (an opaque call, a cut-short analysis), so
  /// the registrations seen are all it made.
  virtual void constructionBegin(const Value &Module) {}
  virtual void constructionEnd(const Value &Module, bool Complete) {}
  /// register_module(Name, Child) on Parent (Name empty when it is not a
  /// literal).  Certain: it runs exactly once here (not under a condition
  /// the analysis cannot decide, not in a loop analysed once).
  virtual void moduleRegistered(const Value &Parent, llvm::StringRef Name, const Value &Child,
                                bool Certain) {}
  /// register_parameter(Name, Tensor) on Parent.
  virtual void parameterRegistered(const Value &Parent, llvm::StringRef Name,
                                   const Value &Tensor, bool Certain) {}
};

} // namespace torchshape

#endif
