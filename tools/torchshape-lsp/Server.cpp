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

#include <cstring>

using namespace llvm;
using namespace clang::tooling;
using Clock = std::chrono::steady_clock;

namespace torchshape {
namespace lsp {

namespace {

// JSON-RPC and LSP error codes.
constexpr int ParseError = -32700, InvalidRequest = -32600, MethodNotFound = -32601,
              InvalidParams = -32602, ServerNotInitialized = -32002, RequestCancelled = -32800;

/// What a file looked like when it was read: a changed file is read again.
struct Stamp {
  bool Exists = false;
  sys::TimePoint<> Modified;
  uint64_t Size = 0;
  static Stamp of(const std::string &Path) {
    Stamp S;
    sys::fs::file_status St;
    if (!sys::fs::status(Path, St) && sys::fs::exists(St)) {
      S.Exists = true;
      S.Modified = St.getLastModificationTime();
      S.Size = St.getSize();
    }
    return S;
  }
  bool operator==(const Stamp &O) const {
    return Exists == O.Exists && Modified == O.Modified && Size == O.Size;
  }
};

/// compile_commands.json as clangd finds it: in the file's directory or
/// any parent, or in a build/ directory of one of them.  Loaded once per
/// directory, and again when it changed (a stat of each candidate before
/// each analysis: the next analysis after a rebuild of the database uses
/// the new flags, without a restart).
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
      std::string Path = D + "/compile_commands.json";
      Stamp Now = Stamp::of(Path);
      auto It = Loaded.find(D);
      if (It == Loaded.end() || !(It->second.Read == Now)) {
        std::unique_ptr<CompilationDatabase> DB;
        std::string Error;
        if (Now.Exists)
          DB = JSONCompilationDatabase::loadFromFile(Path, Error, JSONCommandLineSyntax::AutoDetect);
        Loaded[D] = {Now, std::move(DB)};
        It = Loaded.find(D);
      }
      if (It->second.DB && !It->second.DB->getCompileCommands(File).empty()) {
        Origin = Path;
        return *It->second.DB;
      }
    }
    Origin = "fallback flags";
    auto &FB = Fallbacks[sys::path::parent_path(File).str()];
    if (!FB)
      FB = std::make_unique<FixedCompilationDatabase>(sys::path::parent_path(File), Fallback);
    return *FB;
  }

private:
  struct Database {
    Stamp Read;
    std::unique_ptr<CompilationDatabase> DB; // null: none there (or unreadable)
  };
  std::string FixedDir;
  std::vector<std::string> Fallback;
  std::map<std::string, Database> Loaded;
  std::map<std::string, std::unique_ptr<CompilationDatabase>> Fallbacks;
};

/// Paths as the editor names files: a database with relative file names
/// makes Clang name them relative to the command's directory.
void absolutePaths(cli::FileReport &R) {
  auto Fix = [&](std::string &File) {
    if (File.empty() || sys::path::is_absolute(File) || R.BuildDir.empty())
      return;
    SmallString<256> P(R.BuildDir);
    sys::path::append(P, File);
    sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    File = std::string(P);
  };
  for (cli::FindingRecord &F : R.Findings) {
    Fix(F.At.File);
    for (cli::Edit &E : F.Fixes) {
      Fix(E.Begin.File);
      Fix(E.End.File);
    }
    for (cli::NoteRecord &N : F.Notes) {
      Fix(N.At.File);
      for (cli::Edit &E : N.Fixes) {
        Fix(E.Begin.File);
        Fix(E.End.File);
      }
    }
  }
  for (cli::ShapeHint &H : R.Shapes.Hints)
    Fix(H.At.File);
}

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
    if (Id && (Obj->get("result") || Obj->get("error"))) {
      onResponse(*Obj); // an answer to a request of ours
      return;
    }
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
    else if (*Method == "initialized")
      initialized();
    else if (*Method == "workspace/didChangeConfiguration") {
      // Pulled when the client answers workspace/configuration; else the
      // settings come with the notification.
      if (ClientPullsConfiguration)
        request("workspace/configuration",
                json::Object{{"items", json::Array{json::Object{{"section", "torchshape"}}}}});
      else if (const json::Object *Settings = Params->getObject("settings"))
        if (const json::Value *Ours = Settings->get("torchshape"))
          configure(*Ours, "workspace/didChangeConfiguration");
    } else if (*Method == "workspace/didChangeWatchedFiles")
      reanalyseAll(); // a compile_commands.json or .clang-tidy changed

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
    // $/setTrace, ...: nothing to do.
    return;
  }

  if (*Method == "initialize") {
    Initialized = true;
    if (const json::Object *Caps = Params->getObject("capabilities"))
      if (const json::Object *WS = Caps->getObject("workspace")) {
        ClientPullsConfiguration = WS->getBoolean("configuration").value_or(false);
        if (const json::Object *Watch = WS->getObject("didChangeWatchedFiles"))
          ClientWatchesFiles = Watch->getBoolean("dynamicRegistration").value_or(false);
      }
    if (const json::Value *Init = Params->get("initializationOptions"))
      configure(*Init, "initializationOptions");
    json::Object Caps{
        {"textDocumentSync",
         json::Object{{"openClose", true}, {"change", 1}, {"save", json::Object{}}}},
        {"hoverProvider", true},
        {"codeActionProvider", json::Object{{"codeActionKinds", json::Array{"quickfix"}}}},
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
  if (*Method == "textDocument/inlayHint" || *Method == "textDocument/hover" ||
      *Method == "textDocument/codeAction") {
    needsAnalysis(*Id, *Method, *Params);
    return;
  }
  replyError(*Id, MethodNotFound, ("method not found: " + *Method).str());
}

void Server::request(StringRef Method, json::Value Params) {
  int64_t Id = NextRequestId++;
  Outgoing[Id] = Method.str();
  T.send(json::Object{
      {"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", std::move(Params)}});
}

void Server::onResponse(const json::Object &Message) {
  std::optional<int64_t> Id = Message.getInteger("id");
  auto It = Id ? Outgoing.find(*Id) : Outgoing.end();
  if (It == Outgoing.end()) {
    std::string Text;
    raw_string_ostream(Text) << *Message.get("id");
    log("torchshape-lsp: ignored a response to no request of ours (id " + Text + ")");
    return;
  }
  std::string Method = It->second;
  Outgoing.erase(It);
  if (const json::Object *E = Message.getObject("error")) {
    log("torchshape-lsp: " + Method + " failed: " +
        E->getString("message").value_or("(no message)").str());
    return;
  }
  if (Method != "workspace/configuration")
    return; // client/registerCapability: nothing to do with its null
  const json::Array *Items = Message.getArray("result");
  if (!Items || Items->size() != 1) {
    log("torchshape-lsp: ignored a workspace/configuration answer that is not one item");
    return;
  }
  configure((*Items)[0], "workspace/configuration");
}

void Server::initialized() {
  if (ClientWatchesFiles) {
    json::Array Watchers;
    for (const char *Glob : {"**/compile_commands.json", "**/.clang-tidy"})
      Watchers.push_back(json::Object{{"globPattern", Glob}});
    request("client/registerCapability",
            json::Object{{"registrations",
                          json::Array{json::Object{
                              {"id", "torchshape-watch"},
                              {"method", "workspace/didChangeWatchedFiles"},
                              {"registerOptions",
                               json::Object{{"watchers", std::move(Watchers)}}}}}}});
  }
  if (ClientPullsConfiguration)
    request("workspace/configuration",
            json::Object{{"items", json::Array{json::Object{{"section", "torchshape"}}}}});
}

void Server::configure(const json::Value &Settings, StringRef From) {
  ClientConfig New;
  auto Refuse = [&](StringRef Why) {
    log(("torchshape-lsp: ignored the configuration from " + From + ": " + Why).str());
  };
  if (Settings.kind() != json::Value::Null) {
    const json::Object *S = Settings.getAsObject();
    if (!S)
      return Refuse("it is not an object");
    if (const json::Value *Checks = S->get("checks")) {
      if (std::optional<StringRef> Glob = Checks->getAsString())
        New.Checks = Glob->str();
      else if (Checks->kind() != json::Value::Null)
        return Refuse("checks must be a string of check globs, as --checks takes");
    }
    if (const json::Value *Options = S->get("checkOptions")) {
      const json::Object *O = Options->getAsObject();
      if (!O && Options->kind() != json::Value::Null)
        return Refuse("checkOptions must be an object of option names to values");
      if (O && !O->empty()) {
        // As --config: over the .clang-tidy files (InheritParentConfig).
        json::Object Values;
        for (const auto &[Key, V] : *O) {
          std::string Text;
          if (auto Str = V.getAsString())
            Text = Str->str();
          else if (V.kind() == json::Value::Number || V.kind() == json::Value::Boolean)
            raw_string_ostream(Text) << V;
          else
            return Refuse("the value of checkOptions." + Key.str() +
                          " must be a string, a number or a boolean");
          Values[Key] = Text;
        }
        std::string Yaml;
        raw_string_ostream(Yaml) << json::Value(json::Object{
            {"InheritParentConfig", true}, {"CheckOptions", std::move(Values)}});
        New.Options = Yaml;
      }
    }
  }
  {
    std::lock_guard<std::mutex> L(M);
    if (New == Config)
      return;
    Config = std::move(New);
  }
  reanalyseAll();
}

void Server::reanalyseAll() {
  {
    std::lock_guard<std::mutex> L(M);
    for (auto &[Uri, D] : Docs) {
      ++D.Generation; // what was analysed before no longer answers requests
      Due[Uri] = Clock::now();
    }
  }
  Changed.notify_all();
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
  // textDocument/inlayHint, textDocument/codeAction: the lines of the range.
  int64_t First = 0, End = INT64_MAX;
  if (const json::Object *R = W.Params.getObject("range")) {
    if (const json::Object *S = R->getObject("start"))
      First = S->getInteger("line").value_or(0);
    if (const json::Object *E = R->getObject("end"))
      End = E->getInteger("line").value_or(INT64_MAX);
  }
  if (W.Method == "textDocument/codeAction") {
    // context.only: the kinds the client wants (quickfix is top-level).
    if (const json::Object *C = W.Params.getObject("context"))
      if (const json::Array *Only = C->getArray("only")) {
        bool Wanted = false;
        for (const json::Value &K : *Only)
          if (auto Kind = K.getAsString())
            Wanted |= *Kind == "" || *Kind == "quickfix";
        if (!Wanted)
          A = nullptr;
      }
    RenderContext Ctx{O.DocsBase, A ? A->Path : ""};
    reply(W.Id, A ? json::Value(codeActions(A->Report, *A->Text, Ctx, First, End))
                  : json::Value(json::Array()));
    return;
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
    ClientConfig CC = Config;
    Busy = Uri;
    L.unlock();

    auto Start = Clock::now();
    std::string Origin;
    const CompilationDatabase &DB = Flags.forFile(D.Path, Origin);
    // The .clang-tidy files are read again for each analysis (clang-tidy's
    // provider caches them): an edit of one counts from the next analysis.
    cli::CommandLineOptions CL;
    CL.Checks = CC.Checks;
    std::optional<cli::ChecksConfig> Checks;
    Checks.emplace(CL, CC.Options, "the editor's torchshape.checkOptions");
    if (!Checks->error().empty()) {
      log("torchshape-lsp: ignored torchshape.checkOptions: " + Checks->error());
      Checks.emplace(CL);
    }
    cli::ChecksConfig::Effective E = Checks->checksFor(D.Path);
    for (std::string W : E.Warnings) { // option values clang-tidy would refuse
      // clang-tidy names --config's source; here the editor's settings are.
      size_t At = W.find("command-line option '-config'");
      if (At != std::string::npos)
        W.replace(At, strlen("command-line option '-config'"), "the editor's torchshape.checkOptions");
      log("torchshape-lsp: " + W);
    }
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
    A->Path = D.Path;
    A->Text = std::make_shared<LineTable>(D.Text);
    llvm::CrashRecoveryContext CRC;
    if (!CRC.RunSafely([&] { A->Report = cli::analyseFile(DB, D.Path, Opts); })) {
      A->Report = cli::FileReport();
      A->Report.State = cli::FileReport::Status::Crashed;
      A->Report.Stderr = "the tool crashed while parsing " + D.Path + "\n";
    }
    absolutePaths(A->Report);
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
