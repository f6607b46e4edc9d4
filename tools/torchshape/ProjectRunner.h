//===- ProjectRunner.h - Many files, in parallel, printed in order -------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_PROJECTRUNNER_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_PROJECTRUNNER_H

#include "Report.h"
#include "TUAction.h"

#include <functional>
#include <string>
#include <vector>

namespace torchshape {
namespace cli {

struct Job {
  std::string File;
  TUOptions Opts;
  bool Analyse = true; // false: SkippedNoChecks, decided by the caller
};

struct RunSettings {
  unsigned Threads = 1;
  bool SkipWithoutLibTorch = false; // whole-project runs
  bool ProgressBar = false;         // stderr is a terminal
  PchCache *Cache = nullptr;        // its activity is shown on the progress bar
};

/// Analyses the files on Settings.Threads threads.  Each file's report is
/// handed to Emit on the calling thread, in the order of Jobs, as soon as it
/// and those before it are done (so output never interleaves).
std::vector<FileReport> runJobs(const clang::tooling::CompilationDatabase &DB,
                                const std::vector<Job> &Jobs, const RunSettings &Settings,
                                const std::function<void(const FileReport &)> &Emit);

} // namespace cli
} // namespace torchshape

#endif
