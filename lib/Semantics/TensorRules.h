//===- TensorRules.h - Rules for tensor factories, views and queries -----===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_TENSORRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_TENSORRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value factory(OpCall &C);   // sizes in argument 0
Value sameShape(OpCall &C); // elementwise ops, *_like, to, clone: layout unknown
Value makeContiguous(OpCall &C); // contiguous(): same shape, contiguous strides
Value selectedElements(OpCall &C);
/// register_parameter/register_buffer(name, tensor, ...): the tensor itself.
Value registeredTensor(OpCall &C);
/// multinomial(num_samples, replacement = false): [n] of a 1-d input,
/// [rows, n] of a 2-d one; no more samples than categories without replacement.
Value multinomial(OpCall &C); // masked_select: 1-d of unknown length
Value arange(OpCall &C);
Value viewLike(OpCall &C); // view, reshape
Value viewAs(OpCall &C);
/// to/toType/type_as: same shape; the dtype named, or other's.
Value convertType(OpCall &C);   // view_as, reshape_as: other's sizes
Value resize(OpCall &C);
Value flatten(OpCall &C);
Value unsqueeze(OpCall &C);
Value size(OpCall &C);
Value sizes(OpCall &C);
Value numel(OpCall &C);
Value dim(OpCall &C);
} // namespace rules

} // namespace torchshape

#endif
