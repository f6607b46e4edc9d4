//===- AnalysisStack.cpp - The stack the interpreter runs on -------------===//
//
// Plain pthreads: the engine links no LLVM library (the clang-tidy module
// takes LLVM's symbols from its host), and std::thread cannot size a stack.
//
//===----------------------------------------------------------------------===//
#include "AnalysisStack.h"

#include <pthread.h>

namespace torchshape {

namespace {
void *trampoline(void *Arg) {
  (*static_cast<llvm::function_ref<void()> *>(Arg))();
  return nullptr;
}
} // namespace

void runOnAnalysisStack(llvm::function_ref<void()> Fn) {
  pthread_attr_t Attr;
  pthread_t Thread;
  bool Started = pthread_attr_init(&Attr) == 0;
  if (Started) {
    Started = pthread_attr_setstacksize(&Attr, AnalysisStackBytes) == 0 &&
              pthread_create(&Thread, &Attr, trampoline, &Fn) == 0;
    pthread_attr_destroy(&Attr);
  }
  if (!Started) {
    Fn();
    return;
  }
  pthread_join(Thread, nullptr);
}

} // namespace torchshape
