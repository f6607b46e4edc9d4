//===- LossRules.h - Loss functions: module, F:: and ATen forms ----------===//
//
// Every form reads (input, target):
//  - modules (CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss,
//    BCEWithLogitsLoss): Self is the module, Args = input, target;
//  - torch::nn::functional forms: Self is the input, Args = target, options;
//  - ATen forms (torch::nll_loss, torch::mse_loss, ...): Self is the input,
//    Args = target, then the positional options (reduction is an int).
// With the default reduction (mean) the result is a 0-d tensor; with a
// reduction set in the options it is left unknown (the option's value is an
// enum the analysis does not read).
//
// What LibTorch 1.13 requires:
//  - cross_entropy: a target of the input's shape is class probabilities;
//    otherwise class indices, checked like nll_loss_nd;
//  - nll_loss (F::, module): input at least 2-d, input.size(0) ==
//    target.size(0); a 2-d input needs a 0-d/1-d target ([N, 1] is an
//    error); [N, C, d...] needs target [N, d...];
//  - mse_loss, l1_loss: input and target broadcast (a mismatch that
//    broadcasts, [N, 1] vs [N], is only a warning);
//  - binary_cross_entropy(_with_logits): the same shape exactly.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_LOSSRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_LOSSRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value lossForward(OpCall &C);    // loss modules; the kind is C.Op ("CrossEntropyLoss")
Value lossFunctional(OpCall &C); // F::cross_entropy, F::nll_loss, F::mse_loss, ...
Value atNllLoss(OpCall &C);      // torch::nll_loss (input 1-d or 2-d)
Value atNllLossNd(OpCall &C);    // torch::nll_loss_nd, torch::cross_entropy_loss
Value atCrossEntropyLoss(OpCall &C);
Value atPointwiseLoss(OpCall &C); // torch::mse_loss, torch::l1_loss (broadcasting)
} // namespace rules
} // namespace torchshape

#endif
