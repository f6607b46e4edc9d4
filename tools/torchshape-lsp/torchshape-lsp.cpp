//===- torchshape-lsp.cpp - torchshape's language server ------------------===//
//
// torchshape-lsp speaks LSP on stdin/stdout: live torch-shape findings as
// diagnostics, tensor shapes as inlay hints and hovers (docs/editors.md).
//
//===----------------------------------------------------------------------===//
#include "PchCache.h"
#include "Server.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>

using namespace llvm;

static cl::OptionCategory Category("torchshape-lsp options");
static cl::opt<std::string> InputStyle(
    "input-style", cl::desc("standard: Content-Length framing (editors); delimited: messages "
                            "separated by lines of ---, for tests"),
    cl::init("standard"), cl::cat(Category));
static cl::opt<bool> Pretty("pretty", cl::desc("indent the JSON output"), cl::cat(Category));
static cl::opt<unsigned> DebounceMs("debounce", cl::desc("ms without changes before analysing"),
                                    cl::init(300), cl::cat(Category));
static cl::opt<std::string> CompileCommandsDir(
    "compile-commands-dir",
    cl::desc("the directory of compile_commands.json (default: the file's directory, its parents "
             "and their build/ directories, as clangd searches)"),
    cl::cat(Category));
static cl::list<std::string>
    FallbackFlags("fallback-flag",
                  cl::desc("a compiler flag for files that no compile_commands.json has "
                           "(repeatable; default: -std=c++17 -I<LibTorch API headers>)"),
                  cl::cat(Category));
static cl::opt<bool> NoCache("no-cache", cl::desc("do not use the precompiled-header cache"),
                             cl::cat(Category));
static cl::opt<std::string> CacheDir("cache-dir",
                                     cl::desc("the precompiled-header cache (default: as the "
                                              "torchshape command's)"),
                                     cl::cat(Category));

static std::string docsBase(const char *Argv0) {
  StringRef Configured = TORCHSHAPE_DOCS_URL;
  if (!Configured.empty())
    return Configured.ends_with("/") ? Configured.str() : Configured.str() + "/";
  std::string Exe = sys::fs::getMainExecutable(Argv0, (void *)&docsBase);
  SmallString<256> Installed(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "share", "doc", "torchshape");
  std::string Dir = sys::fs::exists(Installed + "/README.md") ? std::string(Installed)
                                                               : TORCHSHAPE_SOURCE_DIR;
  return "file://" + Dir + "/";
}

int main(int argc, char **argv) {
  sys::PrintStackTraceOnErrorSignal(argv[0]);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(argc, argv,
                              "torchshape-lsp: torchshape's language server (LSP on stdio)\n");
  if (InputStyle != "standard" && InputStyle != "delimited") {
    errs() << "torchshape-lsp: error: -input-style must be standard or delimited\n";
    return 2;
  }
  CrashRecoveryContext::Enable();
  torchshape::lsp::ServerOptions O;
  O.Debounce = std::chrono::milliseconds(DebounceMs);
  O.CompileCommandsDir = CompileCommandsDir;
  if (FallbackFlags.empty())
    O.FallbackFlags = {"-std=c++17", "-I" TORCHSHAPE_TORCH_INCLUDE};
  else
    O.FallbackFlags.assign(FallbackFlags.begin(), FallbackFlags.end());
  if (!NoCache)
    O.CacheDir = CacheDir.empty() ? torchshape::cli::PchCache::defaultDir() : CacheDir.getValue();
  O.DocsBase = docsBase(argv[0]);

  torchshape::lsp::Transport T(stdin, stdout,
                               InputStyle == "delimited"
                                   ? torchshape::lsp::Transport::Style::Delimited
                                   : torchshape::lsp::Transport::Style::Standard,
                               Pretty);
  int RC;
  {
    torchshape::lsp::Server S(T, std::move(O));
    RC = S.run();
    std::fflush(stdout);
    // An analysis may still be running (exit without shutdown): the
    // process ends now rather than after it.
    std::_Exit(RC);
  }
}
