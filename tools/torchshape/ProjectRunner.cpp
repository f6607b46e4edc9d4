//===- ProjectRunner.cpp - Many files, in parallel, printed in order -----===//
#include "ProjectRunner.h"

#include "Database.h"
#include "IncludeScan.h"
#include "PchCache.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace torchshape {
namespace cli {

namespace {

/// One line at the bottom of the terminal, redrawn in place; erased before
/// anything else is printed to stderr.
class ProgressBar {
public:
  explicit ProgressBar(bool Enabled) : Enabled(Enabled) {}

  void draw(size_t Done, size_t Total, unsigned Findings, llvm::StringRef Current) {
    if (!Enabled)
      return;
    unsigned Width = llvm::sys::Process::StandardErrColumns();
    if (Width == 0)
      Width = 80;
    std::string Line;
    llvm::raw_string_ostream OS(Line);
    const unsigned BarWidth = 24;
    unsigned Filled = Total ? static_cast<unsigned>(BarWidth * Done / Total) : BarWidth;
    OS << "[" << Done << "/" << Total << "] [";
    for (unsigned I = 0; I < BarWidth; ++I)
      OS << (I < Filled ? '#' : '.');
    OS << "] " << Findings << (Findings == 1 ? " finding" : " findings");
    if (!Current.empty())
      OS << "  " << Current;
    OS.flush();
    if (Line.size() >= Width)
      Line.resize(Width - 1);
    llvm::errs() << "\r\x1b[K" << Line;
    llvm::errs().flush();
    Shown = true;
  }

  void erase() {
    if (Enabled && Shown) {
      llvm::errs() << "\r\x1b[K";
      llvm::errs().flush();
      Shown = false;
    }
  }

private:
  bool Enabled;
  bool Shown = false;
};

} // namespace

std::vector<FileReport> runJobs(const clang::tooling::CompilationDatabase &DB,
                                const std::vector<Job> &Jobs, const RunSettings &Settings,
                                const std::function<void(const FileReport &)> &Emit) {
  const size_t N = Jobs.size();
  std::vector<FileReport> Reports(N);
  std::vector<char> Done(N, 0);
  std::mutex M;
  std::condition_variable Changed;
  std::atomic<size_t> Next{0};
  std::string Current; // the file most recently started (for the bar)
  unsigned long Generation = 0; // bumped under M at every change

  auto Worker = [&] {
    for (;;) {
      size_t I = Next.fetch_add(1);
      if (I >= N)
        return;
      const Job &J = Jobs[I];
      {
        std::lock_guard<std::mutex> L(M);
        Current = J.File;
        ++Generation;
      }
      Changed.notify_all();
      FileReport R;
      if (!J.Analyse) {
        R.File = J.File;
        R.State = FileReport::Status::SkippedNoChecks;
      } else if (std::string Why = whyCannotRun(DB, J.File); !Why.empty()) {
        R.File = J.File;
        R.State = FileReport::Status::CannotRun;
        R.Stderr = "torchshape: error: " + Why + "\n";
      } else if (Settings.SkipWithoutLibTorch &&
                 !mayIncludeLibTorch(DB.getCompileCommands(J.File))) {
        R.File = J.File;
        R.State = FileReport::Status::SkippedNoTorch;
      } else if (llvm::CrashRecoveryContext CRC;
                 !CRC.RunSafely([&] { R = analyseFile(DB, J.File, J.Opts); })) {
        // Clang itself crashed on this file (the analysis contains its own
        // crashes): the other files' results still come out.
        R = FileReport();
        R.File = J.File;
        R.State = FileReport::Status::Crashed;
        R.Stderr = "torchshape: error: the tool crashed while parsing " + J.File +
                   "; no findings for it (please report this, with the file)\n";
      }
      {
        std::lock_guard<std::mutex> L(M);
        Reports[I] = std::move(R);
        Done[I] = 1;
        ++Generation;
      }
      Changed.notify_all();
    }
  };

  // Threads that need the PCH being built wait for it (PchCache): the bar
  // says so.
  if (Settings.Cache)
    Settings.Cache->setActivityListener([&] {
      {
        std::lock_guard<std::mutex> L(M);
        ++Generation;
      }
      Changed.notify_all();
    });
  unsigned Threads = std::max(1u, std::min<unsigned>(Settings.Threads, N ? N : 1));
  std::vector<llvm::thread> Pool;
  // Clang's parser and the interpreter recurse deeply: give each worker the
  // stack Clang itself asks for its compile threads, twice over.
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(std::optional<unsigned>(16u << 20), Worker);

  ProgressBar Bar(Settings.ProgressBar);
  size_t Emitted = 0, Finished = 0;
  unsigned Findings = 0;
  {
    std::unique_lock<std::mutex> L(M);
    while (Emitted < N) {
      unsigned long Seen = Generation;
      size_t Count = 0;
      for (size_t I = 0; I < N; ++I)
        Count += Done[I];
      // Print what is ready, in order, without holding the lock.
      while (Emitted < N && Done[Emitted]) {
        const FileReport &R = Reports[Emitted];
        ++Emitted;
        L.unlock();
        Bar.erase();
        Findings += R.Findings.size();
        Emit(R);
        L.lock();
      }
      if (Count != Finished || Settings.ProgressBar) {
        Finished = Count;
        std::string Cur = llvm::sys::path::filename(Current).str();
        if (std::string A = Settings.Cache ? Settings.Cache->activity() : ""; !A.empty())
          Cur = A;
        L.unlock();
        Bar.draw(Finished, N, Findings, Emitted < N ? Cur : "");
        L.lock();
      }
      if (Emitted < N)
        Changed.wait(L, [&] { return Generation != Seen; });
    }
  }
  for (llvm::thread &T : Pool)
    T.join();
  if (Settings.Cache)
    Settings.Cache->setActivityListener(nullptr);
  Bar.erase();
  return Reports;
}

} // namespace cli
} // namespace torchshape
