//===- AnalysisStack.cpp - The stack the interpreter runs on -------------===//
//
// Plain pthreads, because std::thread cannot size a stack and llvm::thread
// aborts the process when the thread cannot be made.
//
//===----------------------------------------------------------------------===//
#include "AnalysisStack.h"

#include "llvm/Support/CrashRecoveryContext.h"

#include <pthread.h>

namespace torchshape {

namespace {
struct ThreadWork {
  llvm::function_ref<void()> Fn;
  bool Completed = false;
};

// Crash recovery is per thread: the caller's context, if any, does not
// reach this thread, so it gets one of its own.  It only recovers when the
// front end enabled recovery (the CLI); otherwise it runs Fn plainly.
void *trampoline(void *Arg) {
  auto *Work = static_cast<ThreadWork *>(Arg);
  llvm::CrashRecoveryContext CRC;
  Work->Completed = CRC.RunSafely(Work->Fn);
  return nullptr;
}
} // namespace

bool runOnAnalysisStack(llvm::function_ref<void()> Fn) {
  ThreadWork Work{Fn};
  pthread_attr_t Attr;
  pthread_t Thread;
  bool Started = pthread_attr_init(&Attr) == 0;
  if (Started) {
    Started = pthread_attr_setstacksize(&Attr, AnalysisStackBytes) == 0 &&
              pthread_create(&Thread, &Attr, trampoline, &Work) == 0;
    pthread_attr_destroy(&Attr);
  }
  if (!Started) {
    trampoline(&Work);
    return Work.Completed;
  }
  pthread_join(Thread, nullptr);
  return Work.Completed;
}

} // namespace torchshape
