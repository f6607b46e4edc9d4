//===- LibraryBodies.h - Parse without the bodies of library functions ---===//
//
// The analysis reads the bodies of user functions only: LibTorch's calls are
// modelled by the API table, and the search for code that may reshape an
// argument stops at user code (Interpreter::mayReshapeArguments).  So a
// parse may skip the bodies of functions in LibTorch, the standard library
// and other system headers, and with them the templates only those bodies
// instantiate: about half of the parse of <torch/torch.h>.  Clang itself
// keeps the bodies it needs (constexpr functions, deduced return types).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_LIBRARYBODIES_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_LIBRARYBODIES_H

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"

#include <memory>

namespace torchshape {
namespace cli {

/// Returns a consumer that hands everything to Consumer and tells the parser
/// to skip the bodies of functions outside user code; turns skipping on in
/// CI's frontend options (the parser reads them when the action executes).
std::unique_ptr<clang::ASTConsumer>
skippingLibraryBodies(clang::CompilerInstance &CI, std::unique_ptr<clang::ASTConsumer> Consumer);

} // namespace cli
} // namespace torchshape

#endif
