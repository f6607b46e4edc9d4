//===- Server.h - torchshape's language server ----------------------------===//
//
// The main loop reads messages and keeps the open documents; one analysis
// thread runs the CLI's analysis (cli::analyseFile: the same engine, checks,
// NOLINT, .clang-tidy, PCH cache and skipped library bodies) on the
// unsaved text of a document once it has not changed for the debounce
// delay.  A result is used only if the document has not changed since the
// analysis started (stale results are dropped; the newer text is analysed
// next).  Inlay hint and hover requests wait for the analysis of the text
// they are about, so they always agree with the diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_LSP_SERVER_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_LSP_SERVER_H

#include "Render.h"
#include "Transport.h"

#include "llvm/Support/JSON.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace torchshape {
namespace cli {
class PchCache;
}
namespace lsp {

struct ServerOptions {
  std::chrono::milliseconds Debounce{300};
  std::vector<std::string> FallbackFlags; // when no compile_commands.json has the file
  std::string CompileCommandsDir;         // empty: search as clangd does
  std::string CacheDir;                   // empty: no PCH cache
  std::string DocsBase;                   // "file:///usr/share/doc/torchshape/"
};

class Server {
public:
  Server(Transport &T, ServerOptions O);
  ~Server();
  /// Runs until exit (or the end of the input); the process's exit code.
  int run();

private:
  struct Document {
    std::string Path;
    std::string Text;
    int64_t Version = 0;
    uint64_t Generation = 0; // bumped by every change
  };
  struct Analysed {
    uint64_t Generation = 0;
    int64_t Version = 0;
    std::shared_ptr<LineTable> Text;
    cli::FileReport Report;
  };
  struct Waiting { // a request that needs the current analysis
    llvm::json::Value Id;
    std::string Method;
    llvm::json::Object Params;
    std::string Uri;
  };

  void handle(const std::string &Message);
  void reply(const llvm::json::Value &Id, llvm::json::Value Result);
  void replyError(const llvm::json::Value &Id, int Code, llvm::StringRef Message);
  void notify(llvm::StringRef Method, llvm::json::Value Params);
  void log(llvm::StringRef Message); // window/logMessage

  void didOpen(const llvm::json::Object &Params);
  void didChange(const llvm::json::Object &Params);
  void didSave(const llvm::json::Object &Params);
  void didClose(const llvm::json::Object &Params);
  void needsAnalysis(const llvm::json::Value &Id, llvm::StringRef Method,
                     const llvm::json::Object &Params);
  /// Answers W from A (the caller holds M).
  void answer(const Waiting &W, const Analysed *A);
  void waitIdle();

  void worker();
  cli::FileReport analyse(const Document &D);

  Transport &T;
  ServerOptions O;
  bool Initialized = false, ShutdownRequested = false, Exiting = false; // main loop only

  std::mutex M;
  std::condition_variable Changed;
  std::map<std::string, Document> Docs; // by URI
  std::map<std::string, std::chrono::steady_clock::time_point> Due;
  std::map<std::string, std::shared_ptr<Analysed>> Results;
  std::vector<Waiting> Waiters;
  std::string Busy; // the URI being analysed
  bool Stop = false;

  std::unique_ptr<cli::PchCache> Cache;
  std::thread Worker;
};

} // namespace lsp
} // namespace torchshape

#endif
