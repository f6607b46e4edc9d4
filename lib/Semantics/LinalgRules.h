//===- LinalgRules.h - Matrix products: mm, matmul, bmm, mv, dot, einsum -===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_LINALGRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_LINALGRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
// Self is the first matrix (method object or first tensor argument), Args[0]
// the second.
Value mm(OpCall &C);     // [n, k] x [k, m] -> [n, m]
Value matmul(OpCall &C); // every rank case of torch::matmul
Value bmm(OpCall &C);    // [b, n, k] x [b, k, m] -> [b, n, m]
Value mv(OpCall &C);     // [n, k] x [k] -> [n]
Value dot(OpCall &C);    // [k] . [k] -> []
// Self is the added input, Args[0] and Args[1] the factors.
Value addmm(OpCall &C);          // input broadcasts to [n, m]
Value addmmInPlace(OpCall &C);   // self must be [n, m]
Value baddbmm(OpCall &C);        // input broadcasts to [b, n, m]
Value baddbmmInPlace(OpCall &C); // self must be [b, n, m]
// No Self: Args[0] the equation (a string literal is read from its
// expression), Args[1] the list of operands.
Value einsum(OpCall &C);
} // namespace rules
} // namespace torchshape

#endif
