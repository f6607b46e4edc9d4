//===- ConvRules.h - Convolution, pooling, normalisation, embedding layers ===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (`F::conv2d(x, w, opts)`: Self is the input) and ATen forms
// (`torch::max_pool2d(x, 2)`: Self is the input, the rest positional).
// Every rule follows LibTorch 1.13's own checks and arithmetic; the number of
// spatial dims comes from the op's name ("Conv2d", "F::max_pool1d").
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_CONVRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_CONVRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
// Layers.
Value convForward(OpCall &C);          // Conv1d/2d/3d
Value convTransposeForward(OpCall &C); // ConvTranspose1d/2d/3d
Value maxPoolForward(OpCall &C);       // MaxPool1d/2d/3d
Value avgPoolForward(OpCall &C);       // AvgPool1d/2d/3d
Value adaptiveAvgPoolForward(OpCall &C);
Value adaptiveMaxPoolForward(OpCall &C);
Value batchNormForward(OpCall &C);     // BatchNorm1d/2d/3d
Value instanceNormForward(OpCall &C);  // InstanceNorm1d/2d/3d
Value layerNormForward(OpCall &C);
Value groupNormForward(OpCall &C);
Value embeddingForward(OpCall &C);
Value flattenForward(OpCall &C);
Value unflattenForward(OpCall &C);
Value softmaxForward(OpCall &C);       // Softmax/LogSoftmax/Softmin(dim)

// torch::nn::functional forms (options objects).
Value convFunctional(OpCall &C);          // F::conv1d/2d/3d(x, w, opts)
Value convTransposeFunctional(OpCall &C); // F::conv_transpose1d/2d/3d(x, w, opts)
Value maxPoolFunctional(OpCall &C);       // F::max_pool1d/2d/3d(x, opts)
Value avgPoolFunctional(OpCall &C);
Value adaptiveAvgPoolFunctional(OpCall &C);
Value adaptiveMaxPoolFunctional(OpCall &C);
Value batchNormFunctional(OpCall &C);     // F::batch_norm(x, mean, var, opts)
Value layerNormFunctional(OpCall &C);     // F::layer_norm(x, opts)
Value groupNormFunctional(OpCall &C);     // F::group_norm(x, opts)
Value embeddingFunctional(OpCall &C);     // F::embedding(idx, w, opts)
Value softmaxFunctional(OpCall &C);       // F::softmax(x, opts)
Value interpolateFunctional(OpCall &C);   // F::interpolate(x, opts)

// ATen forms (positional arguments, defaults as in native_functions.yaml).
Value atConv(OpCall &C);           // at::conv1d/2d/3d(x, w, b, stride, padding, dilation, groups)
Value atConvTranspose(OpCall &C);  // at::conv_transpose*d(x, w, b, stride, padding, out_pad, groups, dilation)
Value atMaxPool(OpCall &C);        // at::max_pool*d(x, k, stride, padding, dilation, ceil_mode)
Value atAvgPool(OpCall &C);        // at::avg_pool*d(x, k, stride, padding, ceil_mode, ...)
Value atAdaptiveAvgPool(OpCall &C); // at::adaptive_avg_pool*d(x, output_size)
Value atAdaptiveMaxPool(OpCall &C); // at::adaptive_max_pool*d(x, output_size) -> (out, indices)
Value atBatchNorm(OpCall &C);      // at::batch_norm(x, w, b, mean, var, training, ...)
Value atLayerNorm(OpCall &C);      // at::layer_norm(x, normalized_shape, ...)
Value atGroupNorm(OpCall &C);      // at::group_norm(x, num_groups, w, b, ...)
Value atEmbedding(OpCall &C);      // at::embedding(weight, indices, ...): Self is the weight
} // namespace rules
} // namespace torchshape

#endif
