//===- LayerParams.h - A LibTorch layer's parameters and configuration ---===//
//
// What a layer holds, from the options the analysis read where it was
// configured: the number of parameters LibTorch's reset() registers (weight
// and bias, per layer kind), and a one-line configuration for tables
// ("Conv2d(3, 16, k=3, s=1, p=1)").  Knows no AST.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_SEMANTICS_LAYERPARAMS_H
#define TORCHSHAPE_SEMANTICS_LAYERPARAMS_H

#include "torchshape/Shape/Value.h"

#include <optional>
#include <string>

namespace torchshape {

/// The number of parameters of a LibTorch layer (not a container, not a
/// user module), as `parameters()` of the layer counts them: exact and
/// possibly symbolic.  nullopt when an option it depends on is not known,
/// or the layer kind is not one the table models.
std::optional<Dim> layerParameterCount(const ModuleValue &M);

/// "Linear(50176, 10)", "Conv2d(3, 16, k=3, s=1, p=1)", "MaxPool2d(k=2, s=2)",
/// "Dropout(p=0.5)": the kind, its positional options, then the options
/// set beyond them.  Unknown values print as "?".
std::string layerConfigText(const ModuleValue &M);

} // namespace torchshape

#endif
