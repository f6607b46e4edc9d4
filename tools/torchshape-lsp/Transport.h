//===- Transport.h - JSON-RPC over stdio for torchshape-lsp --------------===//
//
// The base protocol of LSP: each message is a JSON-RPC object preceded by a
// "Content-Length: N" header.  Modelled on clangd's JSONTransport, smaller:
// reading is for the main loop only, sending is thread-safe (the analysis
// thread publishes diagnostics and answers waiting requests).
//
// Delimited input (-input-style=delimited, as clangd's) is for tests that are
// written by hand: messages separated by lines of "---", lines starting with
// "#" ignored, no headers.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_LSP_TRANSPORT_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_LSP_TRANSPORT_H

#include "llvm/Support/JSON.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace torchshape {
namespace lsp {

class Transport {
public:
  enum class Style { Standard, Delimited };
  Transport(std::FILE *In, std::FILE *Out, Style S, bool Pretty = false)
      : In(In), Out(Out), S(S), Pretty(Pretty) {}

  /// The next message's text (not yet parsed: a malformed one is the
  /// server's to answer).  False at the end of the input.
  bool read(std::string &Message);

  /// Writes one message with its header and flushes.  Thread-safe.
  void send(const llvm::json::Value &Message);

private:
  bool readStandard(std::string &Message);
  bool readDelimited(std::string &Message);
  bool readLine(std::string &Line);

  std::FILE *In;
  std::FILE *Out;
  Style S;
  bool Pretty; // indented JSON (tests)
  std::mutex M;
};

} // namespace lsp
} // namespace torchshape

#endif
