//===- ShapeRecord.h - What the analysis knows, for people to see --------===//
//
// ShapeRecorder is the ShapeObserver the front ends use: it aggregates what
// the interpreter saw into a ShapeRecord, plain data that any front end can
// render (the CLI's --summary, --annotate and JSON, an editor's inlay hints
// and hovers):
//
//  - per place where a tensor value is bound (a declaration, an assignment
//    that changes its shape, a parameter, a return), the shape, joined over
//    every time the analysis passed there;
//  - per module called with a known input from outside any module (main, a
//    training loop), a model summary: its layers by path, their
//    configuration, input and output shapes, and parameter counts.
//
// Nothing is guessed: a shape or count the analysis did not prove is absent
// (rendered "unknown"), never approximated.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_ANALYSIS_SHAPERECORD_H
#define TORCHSHAPE_ANALYSIS_SHAPERECORD_H

#include "torchshape/Analysis/ShapeObserver.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace torchshape {

/// The shape(s) a name holds from one place on.
struct ShapeFact {
  clang::SourceLocation Loc;
  std::string Name; // the variable, or "return"
  /// Joined over the analyses of the enclosing function on its own: holds
  /// for every caller.
  std::optional<Value> Own;
  /// Joined over the analyses through calls (from Callers): holds for them.
  std::optional<Value> Called;
  std::set<std::string> Callers; // the root functions of those calls

  /// How the value was derived (its Origin chain, as the notes of a finding
  /// tell it), kept only while every analysis of the same kind that passed
  /// here saw the same chain.
  OriginRef OwnHistory, CalledHistory;
  bool OwnHistoryDiffers = false, CalledHistoryDiffers = false;

  /// The value to show: the one that holds for every caller, unless the
  /// calls know more (then FromCalls() is true).
  const Value &best() const;
  bool fromCalls() const;
  /// The derivation of best(), newest step first; null when unknown or
  /// when the analyses that passed here disagree on it.
  OriginRef history() const;
};

/// A module's forward called at one place (`fc->forward(x)`, `fc(x)`):
/// the module as configured, and the input with its derivation.
struct LayerCallFact {
  clang::SourceLocation Loc;
  std::string Spelling; // the receiver as written: "fc", "this->fc"
  /// "Linear(50176, 10)", a user module's class; empty when the analyses
  /// that passed here saw differently configured modules.
  std::string Layer;
  clang::SourceLocation ConfiguredAt;
  ShapeFact Input; // Name: the spelling; only tensor and list inputs
};

/// One module of a model summary.
struct LayerRow {
  std::string Path;  // "net.features.0"
  unsigned Depth = 0;
  std::string Layer; // "Conv2d(3, 16, k=3, s=1, p=1)", "NetImpl", "Sequential"
  bool Called = false;
  Value Input;       // joined over the calls (a list for several arguments)
  Value Output;
  unsigned Arguments = 0; // tensor arguments of the calls
  /// Parameters of this module and everything in it, as LibTorch's
  /// parameters() counts them; nullopt when not proven.
  std::optional<Dim> Params;
  clang::SourceLocation ConfiguredAt;
};

struct ModuleSummary {
  clang::SourceLocation CallLoc; // the first top-level call
  std::vector<LayerRow> Rows;    // depth first; Rows[0] is the model
  std::optional<Dim> TotalParams;
};

struct ShapeRecord {
  std::vector<ShapeFact> Facts;        // in source order
  std::vector<ModuleSummary> Summaries; // in source order of their calls
  std::vector<LayerCallFact> LayerCalls; // in source order
};

/// "[1, 3, 64, 64]", "(out [B, 10], state unknown)" for lists, "unknown".
std::string shapeText(const Value &V);

class ShapeRecorder : public ShapeObserver {
public:
  ShapeRecorder();
  ~ShapeRecorder() override;

  /// The aggregated record (call once, after the analysis).
  ShapeRecord finish(const clang::SourceManager &SM);

  void beginRoot(const clang::FunctionDecl *Root) override;
  void valueBound(clang::SourceLocation Loc, const clang::NamedDecl *Var, const Value &V,
                  const ObservationContext &Ctx) override;
  void valueReturned(clang::SourceLocation Loc, const Value &V,
                     const ObservationContext &Ctx) override;
  void moduleCallBegin(const Value &Module, llvm::StringRef Spelling, clang::SourceLocation Loc,
                       llvm::ArrayRef<Value> Args, bool TopLevel,
                       const ObservationContext &Ctx) override;
  void moduleCallEnd(const Value &Result) override;
  void userCallBegin(const std::string &Key) override;
  void userCallEnd(const std::string &Key) override;
  void userCallReused(const std::string &Key) override;
  void constructionBegin(const Value &Module) override;
  void constructionEnd(const Value &Module, bool Complete) override;
  void moduleRegistered(const Value &Parent, llvm::StringRef Name, const Value &Child,
                        bool Certain) override;
  void parameterRegistered(const Value &Parent, llvm::StringRef Name, const Value &Tensor,
                           bool Certain) override;

  struct CallNode;
  struct Registration {
    std::string Name;
    Value Child; // a module, or a parameter tensor
    bool IsParameter = false;
    bool Certain = true;
  };

private:
  /// A container's modules ("0", "1", ...), a user module's registered ones.
  std::vector<std::pair<std::string, Value>> structuralChildren(const ModuleValue &M) const;
  void record(clang::SourceLocation Loc, const std::string &Name, const Value &V,
              const ObservationContext &Ctx, const void *Key);
  std::vector<std::shared_ptr<CallNode>> *currentList();

  std::map<std::pair<unsigned, const void *>, ShapeFact> Facts;
  std::map<unsigned, LayerCallFact> LayerCalls; // by location
  std::map<unsigned, bool> LayerCallDiffers;    // the configuration differed there
  std::vector<std::shared_ptr<CallNode>> Roots;
  std::vector<CallNode *> Open; // null: a call (or construction) not summarised
  struct Pending {
    std::string Key;
    std::vector<std::shared_ptr<CallNode>> *List;
    size_t Size;
  };
  std::vector<Pending> UserCalls;
  std::map<std::string, std::vector<std::shared_ptr<CallNode>>> Replays;
  std::map<const ModuleValue *, std::vector<Registration>> Registered;
  std::map<const ModuleValue *, bool> Constructed; // -> complete
  std::vector<Value> KeepAlive; // module values stay alive: their addresses are keys
};

} // namespace torchshape

#endif
