//===- AnalysisStack.h - The stack the interpreter runs on ---------------===//
//
// The interpreter recurses as deeply as the code nests (up to
// AnalyzerOptions::MaxNesting levels, across calls).  Its front ends run it on
// threads whose stacks they do not choose (clang-tidy's main thread, 8 MB
// or less; a CLI worker), so the engine brings its own.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_ANALYSIS_ANALYSISSTACK_H
#define TORCHSHAPE_LIB_ANALYSIS_ANALYSISSTACK_H

#include "llvm/ADT/STLFunctionalExtras.h"

namespace torchshape {

/// Bytes of the analysis stack.  Measured on the deep-code tests
/// (test/lit/robustness/deep-code.test), 1500 levels (the default
/// MaxNesting) take 4 to 8 MB in a release build; this leaves room for debug
/// and sanitizer builds, whose frames are larger.  Only the pages used are
/// ever committed.
constexpr unsigned long AnalysisStackBytes = 64ul << 20;

/// Runs Fn on a thread with an AnalysisStackBytes stack and waits for it;
/// runs it on the calling thread if no such thread can be made.  Returns
/// false if Fn crashed and the crash was recovered from, which happens only
/// when the front end enabled llvm::CrashRecoveryContext (the CLI does, so
/// that one file's crash does not lose the others' results).
bool runOnAnalysisStack(llvm::function_ref<void()> Fn);

} // namespace torchshape

#endif
