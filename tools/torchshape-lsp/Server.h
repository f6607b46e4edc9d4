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
    std::string Path;
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

  /// What the editor configured (workspace/configuration, the
  /// initializationOptions or a pushed didChangeConfiguration): applied
  /// over the .clang-tidy files as the command's --checks and --config.
  struct ClientConfig {
    std::optional<std::string> Checks;  // "torchshape.checks"
    std::optional<std::string> Options; // "torchshape.checkOptions" as --config YAML
    bool operator==(const ClientConfig &O) const {
      return Checks == O.Checks && Options == O.Options;
    }
  };

  void handle(const std::string &Message);
  /// A request of ours to the client; its answer comes to onResponse.
  void request(llvm::StringRef Method, llvm::json::Value Params);
  void onResponse(const llvm::json::Object &Message);
  void initialized();
  /// Settings: the "torchshape" section (null: nothing configured).  Bad
  /// values are logged and ignored (the configuration stays as it was).
  void configure(const llvm::json::Value &Settings, llvm::StringRef From);
  /// Every open document is analysed again (configuration, flags changed).
  void reanalyseAll();
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
  bool ClientPullsConfiguration = false, ClientWatchesFiles = false;  // main loop only
  int64_t NextRequestId = 0;                                          // main loop only
  std::map<int64_t, std::string> Outgoing; // our requests not yet answered, by id

  std::mutex M;
  std::condition_variable Changed;
  std::map<std::string, Document> Docs; // by URI
  std::map<std::string, std::chrono::steady_clock::time_point> Due;
  std::map<std::string, std::shared_ptr<Analysed>> Results;
  std::vector<Waiting> Waiters;
  std::string Busy; // the URI being analysed
  ClientConfig Config;
  bool Stop = false;

  std::unique_ptr<cli::PchCache> Cache;
  std::thread Worker;
};

} // namespace lsp
} // namespace torchshape

#endif
