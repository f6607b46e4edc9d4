//===- CallSupport.h - What the call handlers share ----------------------===//
//
// Small readings of callees and receivers used by the dispatcher
// (Calls.cpp) and the handlers it calls (OperatorCalls.cpp,
// MethodCalls.cpp, UserObjects.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_ANALYSIS_CALLSUPPORT_H
#define TORCHSHAPE_LIB_ANALYSIS_CALLSUPPORT_H

#include "torchshape/Semantics/ApiTable.h"
#include "torchshape/Shape/Value.h"

#include "clang/AST/Expr.h"

#include <vector>

namespace torchshape {

/// The layer row of a module kind ("Linear").
const LayerEntry *layerByKind(llvm::StringRef Kind);
/// torch::nn::ModuleHolder<...> itself.
bool isModuleHolderSpecialization(const clang::CXXRecordDecl *RD);
/// A module holder, a module class, or a pointer or reference to one.
bool isModuleTyped(clang::QualType T);
/// Whether module value M is a Want: what as<Want>() and at<Want>() accept.
bool moduleIsA(const Value &M, const clang::CXXRecordDecl *Want);
/// A receiver that names a module without side effects: re-reading it is safe.
bool isPlainModuleReceiver(const clang::Expr *Obj);
/// The receiver's spelling for messages: `fc` for `fc->forward(x)`.
const clang::Expr *holderExpr(const clang::Expr *Obj);
/// The call's arguments from First on.
std::vector<const clang::Expr *> argsFrom(const clang::CallExpr *C, unsigned First);
/// Whether a call's result carries what the analysis follows.
bool holdsTrackedValue(clang::QualType T, bool UserCallee, unsigned Depth = 0);
/// Where a call is reported: a member call at its method name.
clang::SourceLocation callLoc(const clang::CallExpr *C);

} // namespace torchshape

#endif
