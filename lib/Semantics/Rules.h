//===- Rules.h - Every shape rule the API table can name -----------------===//
//
// One header per family of rules; the table in ApiTable.cpp and table/*.def
// refers to them by name.  All rules live in namespace torchshape::rules.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_RULES_H
#define TORCHSHAPE_LIB_SEMANTICS_RULES_H

#include "BroadcastRules.h"
#include "CombineRules.h"
#include "DimRules.h"
#include "ConvRules.h"
#include "EmbeddingRules.h"
#include "NormRules.h"
#include "PoolRules.h"
#include "ResampleRules.h"
#include "ShapeLayerRules.h"
#include "LayerRules.h"
#include "LinalgRules.h"
#include "TensorRules.h"
#include "FactoryRules.h"
#include "RecurrentRules.h"
#include "LossRules.h"
#include "IndexRules.h"

#endif
