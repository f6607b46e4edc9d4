//===- ArgCheck.cpp - Unknown options are errors, never --help -----------===//
#include "ArgCheck.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

namespace torchshape {
namespace cli {

std::string unknownOption(int argc, const char **argv) {
  llvm::BumpPtrAllocator Alloc;
  llvm::SmallVector<const char *, 32> Args(argv, argv + argc);
  llvm::cl::ExpansionContext Expander(Alloc, llvm::cl::TokenizeGNUCommandLine);
  if (llvm::Error E = Expander.expandResponseFiles(Args))
    return llvm::toString(std::move(E)); // the parser would refuse it too
  const llvm::StringMap<llvm::cl::Option *> &Options = llvm::cl::getRegisteredOptions();
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--")
      break; // compiler flags follow
    if (!Arg.starts_with("-") || Arg == "-")
      continue; // a file
    // As CommandLineParser: one or two dashes, then name[=value].
    llvm::StringRef Name = Arg.drop_front();
    Name.consume_front("-");
    bool HasValue = Name.contains('=');
    Name = Name.take_until([](char C) { return C == '='; });
    auto It = Options.find(Name);
    if (It != Options.end()) {
      // `-p build`, `--extra-arg -Wall`: the next argument is the value.
      if (!HasValue && It->second->getValueExpectedFlag() == llvm::cl::ValueRequired &&
          It->second->getFormattingFlag() != llvm::cl::Prefix)
        ++I;
      continue;
    }
    // A prefix option with its value attached: -j4.
    bool Prefixed = false;
    for (size_t L = Name.size(); L-- > 1 && !Prefixed;) {
      auto P = Options.find(Name.take_front(L));
      Prefixed = P != Options.end() &&
                 (P->second->getFormattingFlag() == llvm::cl::Prefix ||
                  P->second->getFormattingFlag() == llvm::cl::AlwaysPrefix);
    }
    if (Prefixed)
      continue;
    std::string Message = "Unknown command line argument '" + Arg.str() + "'.  Try: 'torchshape --help'";
    // The nearest visible option, as the parser suggests one.
    llvm::StringRef Best;
    unsigned BestDistance = 3;
    for (const auto &KV : Options) {
      if (KV.second->getOptionHiddenFlag() != llvm::cl::NotHidden || KV.getKey().size() < 2)
        continue;
      unsigned D = Name.edit_distance(KV.getKey(), true, BestDistance);
      if (D < BestDistance) {
        BestDistance = D;
        Best = KV.getKey();
      }
    }
    if (!Best.empty())
      Message += "\ntorchshape: did you mean '--" + Best.str() + "'?";
    return Message;
  }
  return "";
}

} // namespace cli
} // namespace torchshape
