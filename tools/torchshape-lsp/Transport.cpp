//===- Transport.cpp - JSON-RPC over stdio for torchshape-lsp ------------===//
#include "Transport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace torchshape {
namespace lsp {

bool Transport::readLine(std::string &Line) {
  Line.clear();
  for (int C; (C = std::fgetc(In)) != EOF;) {
    if (C == '\n')
      return true;
    Line.push_back(char(C));
  }
  return !Line.empty();
}

bool Transport::read(std::string &Message) {
  return S == Style::Delimited ? readDelimited(Message) : readStandard(Message);
}

bool Transport::readStandard(std::string &Message) {
  for (;;) {
    // Headers up to an empty line; only Content-Length matters.
    std::string Line;
    long long Length = -1;
    bool Any = false;
    while (readLine(Line)) {
      Any = true;
      llvm::StringRef L = llvm::StringRef(Line).rtrim("\r");
      if (L.empty())
        break;
      if (L.consume_front_insensitive("content-length:")) {
        unsigned long long N;
        if (!L.trim().getAsInteger(10, N))
          Length = (long long)N;
      }
    }
    if (!Any)
      return false;
    if (Length < 0) {
      // A header block without a length cannot be framed: skip it and read
      // on (clangd does the same), the editor is told on stderr.
      llvm::errs() << "torchshape-lsp: a message without Content-Length was skipped\n";
      if (std::feof(In))
        return false;
      continue;
    }
    Message.assign(size_t(Length), '\0');
    size_t Read = Length ? std::fread(&Message[0], 1, size_t(Length), In) : 0;
    if (Read != size_t(Length))
      return false; // the input ended inside a message
    return true;
  }
}

bool Transport::readDelimited(std::string &Message) {
  Message.clear();
  std::string Line;
  bool Any = false;
  while (readLine(Line)) {
    llvm::StringRef L = llvm::StringRef(Line).rtrim("\r");
    if (L.trim() == "---") {
      if (!llvm::StringRef(Message).trim().empty())
        return true;
      Message.clear();
      continue;
    }
    if (L.starts_with("#"))
      continue;
    Message += L;
    Message += '\n';
    Any = true;
  }
  return Any && !llvm::StringRef(Message).trim().empty();
}

void Transport::send(const llvm::json::Value &Message) {
  std::string Body;
  llvm::raw_string_ostream OS(Body);
  if (Pretty)
    OS << llvm::formatv("{0:2}", Message);
  else
    OS << Message;
  OS.flush();
  std::lock_guard<std::mutex> L(M);
  std::fprintf(Out, "Content-Length: %zu\r\n\r\n", Body.size());
  std::fwrite(Body.data(), 1, Body.size(), Out);
  std::fflush(Out);
}

} // namespace lsp
} // namespace torchshape
