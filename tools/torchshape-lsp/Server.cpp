//===- Server.cpp - torchshape's language server --------------------------===//
#include "Server.h"

#include "Config.h"
#include "PchCache.h"
#include "TUAction.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace clang::tooling;
using Clock = std::chrono::steady_clock;

namespace torchshape {
namespace lsp {

namespace {

// JSON-RPC and LSP error codes.
constexpr int ParseError = -32700, InvalidRequest = -32600, MethodNotFound = -32601,
              InvalidParams = -32602, ServerNotInitialized = -32002, RequestCancelled = -32800;

/// compile_commands.json as clangd finds it: in the file's directory or
/// any parent, or in a build/ directory of one of them.  Loaded once per
/// directory (a changed database needs a restart, as in clangd without
/// its file watching).
class FlagsFinder {
public:
  FlagsFinder(std::string Fixed, std::vector<std::string> Fallback)
      : FixedDir(std::move(Fixed)), Fallback(std::move(Fallback)) {}

  /// The database to analyse File with (the found one if it has a command
  /// for File, else the fallback flags), and where it came from.
  const CompilationDatabase &forFile(StringRef File, std::string &Origin) {
    std::vector<std::string> Dirs;
    if (!FixedDir.empty()) {
      Dirs.push_back(FixedDir);
    } else {
      for (StringRef D = sys::path::parent_path(File); !D.empty();
           D = sys::path::parent_path(D)) {
        Dirs.push_back(D.str());
        Dirs.push_back((D + "/build").str());
      }
    }
    for (const std::string &D : Dirs) {
      auto It = Loaded.find(D);
      if (It == Loaded.end()) {
        std::unique_ptr<CompilationDatabase> DB;
        std::string Path = D + "/compile_commands.json", Error;
        if (sys::fs::exists(Path))
          DB = JSONCompilationDatabase::loadFromFile(Path, Error, JSONCommandLineSyntax::AutoDetect);
        It = Loaded.emplace(D, std::move(DB)).first;
      }
      if (It->second && !It->second->getCompileCommands(File).empty()) {
        Origin = D + "/compile_commands.json";
        return *It->second;
      }
    }
    Origin = "fallback flags";
    auto &FB = Fallbacks[sys::path::parent_path(File).str()];
    if (!FB)
      FB = std::make_unique<FixedCompilationDatabase>(sys::path::parent_path(File), Fallback);
    return *FB;
  }

private:
  std::string FixedDir;
  std::vector<std::string> Fallback;
  std::map<std::string, std::unique_ptr<CompilationDatabase>> Loaded; // null: none there
  std::map<std::string, std::unique_ptr<CompilationDatabase>> Fallbacks;
};

std::string uriOf(const json::Object &Params) {
  if (const json::Object *TD = Params.getObject("textDocument"))
    if (auto U = TD->getString("uri"))
      return U->str();
  return "";
}

} // namespace

Server::Server(Transport &T, ServerOptions Opts) : T(T), O(std::move(Opts)) {
  if (!O.CacheDir.empty()) {
    cli::PchCacheSettings S;
    S.Dir = O.CacheDir;
    Cache = std::make_unique<cli::PchCache>(std::move(S));
  }
  Worker = std::thread([this] { worker(); });
}

Server::~Server() {
  {
    std::lock_guard<std::mutex> L(M);
    Stop = true;
  }
  Changed.notify_all();
  Worker.join();
}

void Server::reply(const json::Value &Id, json::Value Result) {
  T.send(json::Object{{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void Server::replyError(const json::Value &Id, int Code, StringRef Message) {
  T.send(json::Object{{"jsonrpc", "2.0"},
                      {"id", Id},
                      {"error", json::Object{{"code", Code}, {"message", Message}}}});
}

void Server::notify(StringRef Method, json::Value Params) {
  T.send(json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

void Server::log(StringRef Message) {
  notify("window/logMessage", json::Object{{"type", 4}, {"message", Message}});
}

int Server::run() {
  std::string Message;
  while (!Exiting && T.read(Message))
    handle(Message);
  // exit, or the editor went away: 0 only after a shutdown request.
  return ShutdownRequested ? 0 : 1;
}

void Server::handle(const std::string &Message) {
  Expected<json::Value> Parsed = json::parse(Message);
  if (!Parsed) {
    std::string Why = toString(Parsed.takeError());
    replyError(nullptr, ParseError, "parse error: " + Why);
    return;
  }
  json::Object *Obj = Parsed->getAsObject();
  if (!Obj) {
    replyError(nullptr, InvalidRequest, "a JSON-RPC message must be an object");
    return;
  }
  const json::Value *Id = Obj->get("id");
  std::optional<StringRef> Method = Obj->getString("method");
  if (!Method) {
    if (Id && (Obj->get("result") || Obj->get("error")))
      return; // a response to a request of ours
    replyError(Id ? *Id : json::Value(nullptr), InvalidRequest, "no method");
    return;
  }
  json::Object Empty;
  json::Object *Params = Obj->getObject("params");
  if (!Params)
    Params = &Empty;

  if (*Method == "exit") {
    Exiting = true;
    return;
  }
  if (!Id) { // notifications
    if (!Initialized)
      return;
    if (*Method == "textDocument/didOpen")
      didOpen(*Params);
    else if (*Method == "textDocument/didChange")
      didChange(*Params);
    else if (*Method == "textDocument/didSave")
      didSave(*Params);
    else if (*Method == "textDocument/didClose")
      didClose(*Params);
    else if (*Method == "$/cancelRequest") {
      std::lock_guard<std::mutex> L(M);
      const json::Value *Cancelled = Params->get("id");
      for (auto It = Waiters.begin(); Cancelled && It != Waiters.end(); ++It)
        if (It->Id == *Cancelled) {
          replyError(It->Id, RequestCancelled, "cancelled");
          Waiters.erase(It);
          break;
        }
    }
    // initialized, $/setTrace, workspace/didChangeConfiguration, ...: nothing to do.
    return;
  }

  if (*Method == "initialize") {
    Initialized = true;
    json::Object Caps{
        {"textDocumentSync",
         json::Object{{"openClose", true}, {"change", 1}, {"save", json::Object{}}}},
        {"hoverProvider", true},
        {"inlayHintProvider", true},
    };
    reply(*Id, json::Object{{"capabilities", std::move(Caps)},
                            {"serverInfo", json::Object{{"name", "torchshape-lsp"},
                                                        {"version", TORCHSHAPE_VERSION}}}});
    return;
  }
  if (!Initialized) {
    replyError(*Id, ServerNotInitialized, "initialize first");
    return;
  }
  if (ShutdownRequested) {
    replyError(*Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (*Method == "shutdown") {
    waitIdle(); // pending analyses and the requests waiting for them first
    ShutdownRequested = true;
    reply(*Id, nullptr);
    return;
  }
  if (*Method == "textDocument/inlayHint" || *Method == "textDocument/hover") {
    needsAnalysis(*Id, *Method, *Params);
    return;
  }
  replyError(*Id, MethodNotFound, ("method not found: " + *Method).str());
}

void Server::didOpen(const json::Object &Params) {
  const json::Object *TD = Params.getObject("textDocument");
  std::optional<StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
  std::optional<StringRef> Text = TD ? TD->getString("text") : std::nullopt;
  if (!Uri || !Text)
    return;
  std::string Path = uriToPath(*Uri);
  if (Path.empty()) {
    log("torchshape-lsp: only file:// documents are analysed: " + Uri->str());
    return;
  }
  {
    std::lock_guard<std::mutex> L(M);
    Document &D = Docs[Uri->str()];
    D.Path = Path;
    D.Text = Text->str();
    D.Version = TD->getInteger("version").value_or(0);
    ++D.Generation;
    Due[Uri->str()] = Clock::now(); // opening: no reason to wait
  }
  Changed.notify_all();
}

void Server::didChange(const json::Object &Params) {
  std::string Uri = uriOf(Params);
  const json::Array *Changes = Params.getArray("contentChanges");
  if (!Changes || Changes->empty())
    return;
  // Full synchronisation: the last change holds the whole text.
  const json::Object *Last = Changes->back().getAsObject();
  std::optional<StringRef> Text = Last ? Last->getString("text") : std::nullopt;
  if (!Text)
    return;
  {
    std::lock_guard<std::mutex> L(M);
    auto It = Docs.find(Uri);
    if (It == Docs.end())
      return;
    It->second.Text = Text->str();
    if (const json::Object *TD = Params.getObject("textDocument"))
      It->second.Version = TD->getInteger("version").value_or(It->second.Version + 1);
    ++It->second.Generation;
    Due[Uri] = Clock::now() + O.Debounce;
  }
  Changed.notify_all();
}

void Server::didSave(const json::Object &Params) {
  // The text was analysed or is waiting for the debounce: saving it says
  // the user paused, so a pending analysis starts now.
  std::string Uri = uriOf(Params);
  {
    std::lock_guard<std::mutex> L(M);
    auto It = Due.find(Uri);
    if (It != Due.end())
      It->second = Clock::now();
  }
  Changed.notify_all();
}

void Server::didClose(const json::Object &Params) {
  std::string Uri = uriOf(Params);
  {
    std::lock_guard<std::mutex> L(M);
    Docs.erase(Uri);
    Due.erase(Uri);
    Results.erase(Uri);
    for (auto It = Waiters.begin(); It != Waiters.end();)
      if (It->Uri == Uri) {
        answer(*It, nullptr);
        It = Waiters.erase(It);
      } else {
        ++It;
      }
  }
  // The editor forgets a closed file's diagnostics only when told.
  notify("textDocument/publishDiagnostics",
         json::Object{{"uri", Uri}, {"diagnostics", json::Array()}});
  Changed.notify_all();
}

void Server::needsAnalysis(const json::Value &Id, StringRef Method, const json::Object &Params) {
  Waiting W{Id, Method.str(), Params, uriOf(Params)};
  std::lock_guard<std::mutex> L(M);
  auto Doc = Docs.find(W.Uri);
  if (Doc == Docs.end()) {
    answer(W, nullptr);
    return;
  }
  auto Res = Results.find(W.Uri);
  if (Res != Results.end() && Res->second->Generation == Doc->second.Generation) {
    answer(W, Res->second.get());
    return;
  }
  Waiters.push_back(std::move(W));
}

void Server::answer(const Waiting &W, const Analysed *A) {
  if (W.Method == "textDocument/hover") {
    const json::Object *Pos = W.Params.getObject("position");
    if (!Pos) {
      replyError(W.Id, InvalidParams, "hover needs a position");
      return;
    }
    reply(W.Id, A ? hover(A->Report, *A->Text, Pos->getInteger("line").value_or(0),
                          Pos->getInteger("character").value_or(0))
                  : json::Value(nullptr));
    return;
  }
  // textDocument/inlayHint: the hints of the lines in the range.
  int64_t First = 0, End = INT64_MAX;
  if (const json::Object *R = W.Params.getObject("range")) {
    if (const json::Object *S = R->getObject("start"))
      First = S->getInteger("line").value_or(0);
    if (const json::Object *E = R->getObject("end"))
      End = E->getInteger("line").value_or(INT64_MAX);
  }
  reply(W.Id, A ? json::Value(inlayHints(A->Report, *A->Text, First, End))
                : json::Value(json::Array()));
}

void Server::waitIdle() {
  std::unique_lock<std::mutex> L(M);
  for (auto &[Uri, When] : Due)
    When = Clock::now();
  Changed.notify_all();
  Changed.wait(L, [&] { return Due.empty() && Busy.empty() && Waiters.empty(); });
}

void Server::worker() {
  FlagsFinder Flags(O.CompileCommandsDir, O.FallbackFlags);
  cli::ChecksConfig Config{cli::CommandLineOptions()};
  std::unique_lock<std::mutex> L(M);
  for (;;) {
    if (Stop)
      return;
    auto Next = Due.end();
    for (auto It = Due.begin(); It != Due.end(); ++It)
      if (Next == Due.end() || It->second < Next->second)
        Next = It;
    if (Next == Due.end()) {
      Changed.wait(L);
      continue;
    }
    if (Next->second > Clock::now()) {
      Changed.wait_until(L, Next->second);
      continue;
    }
    std::string Uri = Next->first;
    Due.erase(Next);
    Document D = Docs[Uri];
    Busy = Uri;
    L.unlock();

    auto Start = Clock::now();
    std::string Origin;
    const CompilationDatabase &DB = Flags.forFile(D.Path, Origin);
    cli::ChecksConfig::Effective E = Config.checksFor(D.Path);
    cli::TUOptions Opts;
    Opts.Checks = E.Globs;
    Opts.Options = E.Options;
    Opts.Analysis = E.Analysis;
    Opts.Format = cli::OutputFormat::Json; // recorded, not printed
    Opts.Cache = Cache.get();
    Opts.RecordShapes = true;
    Opts.Contents = &D.Text;
    auto A = std::make_shared<Analysed>();
    A->Generation = D.Generation;
    A->Version = D.Version;
    A->Text = std::make_shared<LineTable>(D.Text);
    llvm::CrashRecoveryContext CRC;
    if (!CRC.RunSafely([&] { A->Report = cli::analyseFile(DB, D.Path, Opts); })) {
      A->Report = cli::FileReport();
      A->Report.State = cli::FileReport::Status::Crashed;
      A->Report.Stderr = "the tool crashed while parsing " + D.Path + "\n";
    }
    double Ms = std::chrono::duration<double, std::milli>(Clock::now() - Start).count();

    L.lock();
    Busy.clear();
    auto Doc = Docs.find(Uri);
    if (Doc != Docs.end() && Doc->second.Generation == D.Generation) {
      Results[Uri] = A;
      std::string Summary;
      raw_string_ostream OS(Summary);
      OS << "torchshape-lsp: " << D.Path << " (version " << D.Version << ", " << Origin
         << "): " << A->Report.Findings.size() << " findings in " << format("%.0f", Ms) << " ms";
      if (A->Report.State != cli::FileReport::Status::Analysed)
        OS << "; not analysed:\n" << A->Report.Stderr;
      OS.flush();
      RenderContext Ctx{O.DocsBase, D.Path};
      json::Object Params{{"uri", Uri},
                          {"version", D.Version},
                          {"diagnostics", diagnostics(A->Report, *A->Text, Ctx)}};
      notify("textDocument/publishDiagnostics", std::move(Params));
      log(Summary);
      for (auto It = Waiters.begin(); It != Waiters.end();)
        if (It->Uri == Uri) {
          answer(*It, A.get());
          It = Waiters.erase(It);
        } else {
          ++It;
        }
    }
    // else: the text changed meanwhile; its analysis is due and runs next.
    Changed.notify_all();
  }
}

} // namespace lsp
} // namespace torchshape
