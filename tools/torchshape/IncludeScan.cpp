//===- IncludeScan.cpp - Does a file reach LibTorch? (textual, fast) -----===//
#include "IncludeScan.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace torchshape {
namespace cli {

namespace {

struct Scanner {
  std::vector<std::string> QuoteDirs; // -iquote
  std::vector<std::string> Dirs;      // -I, -isystem, -idirafter
  llvm::StringSet<> Seen;
  unsigned Budget = 400; // files; past it, assume LibTorch

  static bool isLibTorchName(llvm::StringRef Name) {
    return Name.starts_with("torch/") || Name.starts_with("ATen/") ||
           Name.starts_with("c10/");
  }

  std::string resolve(llvm::StringRef Name, bool Quoted, llvm::StringRef IncluderDir) {
    auto Try = [&](llvm::StringRef Dir) -> std::string {
      llvm::SmallString<256> P(Dir);
      llvm::sys::path::append(P, Name);
      return llvm::sys::fs::is_regular_file(P) ? std::string(P) : std::string();
    };
    if (llvm::sys::path::is_absolute(Name))
      return llvm::sys::fs::is_regular_file(Name) ? Name.str() : "";
    if (Quoted) {
      if (auto P = Try(IncluderDir); !P.empty())
        return P;
      for (const std::string &D : QuoteDirs)
        if (auto P = Try(D); !P.empty())
          return P;
    }
    for (const std::string &D : Dirs)
      if (auto P = Try(D); !P.empty())
        return P;
    return "";
  }

  /// True when File (or what it includes) may bring LibTorch in.
  bool scan(const std::string &File) {
    if (!Seen.insert(File).second)
      return false;
    if (Budget-- == 0)
      return true;
    auto Buf = llvm::MemoryBuffer::getFile(File);
    if (!Buf)
      return false; // the compiler will say what is wrong with it
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    llvm::StringRef Text = (*Buf)->getBuffer();
    while (!Text.empty()) {
      auto [Line, Rest] = Text.split('\n');
      Text = Rest;
      Line = Line.ltrim();
      if (!Line.consume_front("#"))
        continue;
      Line = Line.ltrim();
      if (!Line.consume_front("include_next") && !Line.consume_front("include") &&
          !Line.consume_front("import"))
        continue;
      Line = Line.ltrim();
      if (Line.empty())
        continue;
      char Open = Line.front();
      if (Open != '<' && Open != '"')
        return true; // #include MACRO: cannot tell
      size_t Close = Line.find(Open == '<' ? '>' : '"', 1);
      if (Close == llvm::StringRef::npos)
        continue;
      llvm::StringRef Name = Line.slice(1, Close);
      if (isLibTorchName(Name))
        return true;
      std::string Found = resolve(Name, Open == '"', Dir);
      if (!Found.empty() && scan(Found))
        return true;
    }
    return false;
  }
};

} // namespace

bool mayIncludeLibTorch(const std::vector<clang::tooling::CompileCommand> &Commands) {
  for (const clang::tooling::CompileCommand &C : Commands) {
    Scanner S;
    auto Abs = [&](llvm::StringRef P) {
      llvm::SmallString<256> Out(P);
      if (!llvm::sys::path::is_absolute(Out))
        llvm::sys::fs::make_absolute(C.Directory, Out);
      llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
      return std::string(Out);
    };
    const std::vector<std::string> &A = C.CommandLine;
    std::vector<std::string> Forced; // -include <header>
    for (size_t I = 0; I < A.size(); ++I) {
      llvm::StringRef Arg = A[I];
      auto Value = [&](llvm::StringRef Flag, std::string &Out) {
        if (Arg == Flag && I + 1 < A.size()) {
          Out = A[++I];
          return true;
        }
        if (Arg.size() > Flag.size() && Arg.starts_with(Flag)) {
          Out = Arg.drop_front(Flag.size()).str();
          return true;
        }
        return false;
      };
      std::string V;
      // -include-pch is not followed: a PCH stands in for headers the file
      // includes itself (torch.pch for #include <torch/torch.h>).
      if (Value("-include-pch", V))
        continue;
      if (Value("-include", V) || Value("--include=", V))
        Forced.push_back(V);
      else if (Value("-iquote", V))
        S.QuoteDirs.push_back(Abs(V));
      else if (Value("-isystem", V) || Value("-idirafter", V) || Value("-I", V))
        S.Dirs.push_back(Abs(V));
    }
    for (const std::string &F : Forced) {
      if (Scanner::isLibTorchName(F))
        return true;
      std::string Found = S.resolve(F, /*Quoted=*/true, C.Directory);
      if (!Found.empty() && S.scan(Found))
        return true;
    }
    if (S.scan(Abs(C.Filename)))
      return true;
  }
  return Commands.empty(); // no command: let the tool report it
}

} // namespace cli
} // namespace torchshape
