//===- SpatialSupport.h - Helpers shared by the layer rules --------------===//
//
// Reading options (ints or per-dim lists, LibTorch's defaults), wording
// findings the way the layer rules do ("`conv1` is configured here as ..."),
// and the output-size arithmetic shared by convolutions and pooling.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_SPATIALSUPPORT_H
#define TORCHSHAPE_LIB_SEMANTICS_SPATIALSUPPORT_H

#include "torchshape/Semantics/ApiTable.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace torchshape {
namespace rules {

using Dims = std::vector<Dim>;

/// The number of spatial dims in an op's name: the digit before the final
/// "d" ("Conv2d", "F::max_pool1d", "at::adaptive_avg_pool3d").
size_t spatialDims(llvm::StringRef Name);

std::string layerRef(const OpCall &C);

std::string opRef(const OpCall &C); // "`F::conv2d`"
Value unknownLike(const Value &X);

const ModuleValue *moduleOf(const Value &V);

/// An option's value: the configured one, or LibTorch's default when the
/// option was never set.  (Set but unknown stays unknown.)
Value option(const ModuleValue *M, const std::string &Name, Value Default);

/// An argument of an ATen form, or its default when not passed.
Value argOr(const OpCall &C, size_t I, Value Default);

/// Per-dim sizes of an option: an int applies to every dim, a list of D
/// gives one each (a list of 1 applies to every dim where LibTorch expands
/// it); anything else is unknown.
Dims perDim(const Value &V, size_t D, bool ExpandSingle = true);

bool allConstant(const Dims &Ds);

/// "5" when every dim agrees, "(3, 5)" otherwise (PyTorch's repr).
std::string tupleText(const Dims &Ds);

/// "[16, 3, 5, 5]".
std::string listOf(const Dims &Ds);

/// "3 x 3", "16x1x1": how ATen prints sizes in its messages.
std::string joined(const Dims &Ds, const char *Sep);

std::string plural(const Dim &N, const std::string &Word);

bool isOne(const Dim &D);
bool isZero(const Dim &D);
std::string paren(const std::string &S);

/// Whether every axis of a shape has a constant size (so LibTorch's own
/// message can be quoted with the same numbers).
bool constantShape(const TensorShape &S);

/// " (LibTorch: ...)" when the quote is known, "" otherwise.
std::string quote(const std::string &Q);

/// A torch-shape-layer finding at the call, with the input's history.
void report(OpCall &C, const Value &Input, const std::string &Message,
            std::vector<Note> Notes = {});

/// "`conv1` is configured here as Conv2d(3, 16, kernel_size=5)".
std::vector<Note> configuredNote(const std::string &Who, const std::string &Config,
                                 clang::SourceLocation At);

/// A fix-it note that replaces a literal option with the size the input has,
/// when the literal is written where the layer is configured (not a
/// constructor argument passed down from elsewhere, whose change would reach
/// other uses).
void addLiteralFix(const OpCall &C, std::vector<Note> &Notes, const Value &Configured,
                   const Dim &Actual, const std::string &OptionName,
                   clang::SourceLocation ConfiguredAt);

/// A result tensor: the input's history plus one event.
Value result(const OpCall &C, const Value &X, TensorShape S, const std::string &Event);

/// The arithmetic of one output size, for notes: "32 - 5 + 1",
/// "(28 + 2×1 - 3) / 2 + 1"; empty when a term is unknown.
std::string windowFormula(const Dim &H, const Dim &K, const Dim &S, const Dim &P, const Dim &Dl,
                          bool Ceil);

std::string transposedFormula(const Dim &H, const Dim &K, const Dim &S, const Dim &P,
                              const Dim &Dl, const Dim &OutPad);

/// " (28 = 32 - 5 + 1)" for the distinct formulas of the output sizes.
std::string formulaSuffix(const Dims &Out, const std::vector<std::string> &Formulas);

/// "a 3-d input is one unbatched image [C, H, W]".
std::string unbatchedReading(size_t D);

/// An OpCall on the input of a layer, for the tensor rules (flatten, dims).
OpCall onInput(const OpCall &C, const Value &X, std::vector<Value> Args);

} // namespace rules
} // namespace torchshape

#endif
