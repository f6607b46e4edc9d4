//===- Config.cpp - .clang-tidy files and --line-filter ------------------===//
#include "Config.h"

#include "clang-tidy/ClangTidyOptions.h"

namespace torchshape {
namespace cli {

using clang::tidy::ClangTidyGlobalOptions;
using clang::tidy::ClangTidyOptions;

ChecksConfig::ChecksConfig(std::optional<std::string> CommandLine) {
  ClangTidyOptions Defaults;
  Defaults.Checks = DefaultChecks;
  ClangTidyOptions Override;
  if (CommandLine)
    Override.Checks = *CommandLine;
  Provider = std::make_unique<clang::tidy::FileOptionsProvider>(
      ClangTidyGlobalOptions(), std::move(Defaults), std::move(Override));
}

ChecksConfig::~ChecksConfig() = default;

ChecksConfig::Effective ChecksConfig::checksFor(llvm::StringRef File) {
  Effective E;
  // Sources come in order: the default, .clang-tidy files from the farthest
  // to the nearest (when they inherit), then the command line.  Merging
  // concatenates the Checks lists, exactly as clang-tidy does.
  ClangTidyOptions Merged;
  for (const auto &[Options, Source] : Provider->getRawOptions(File)) {
    Merged.mergeWith(Options, 0);
    if (Options.Checks && llvm::StringRef(Source).ends_with(".clang-tidy"))
      E.ConfigFile = Source;
  }
  E.Globs = Merged.Checks.value_or("");
  return E;
}

LineFilter::LineFilter() = default;
LineFilter::~LineFilter() = default;

bool LineFilter::parse(llvm::StringRef Json, std::string &Error) {
  ClangTidyGlobalOptions G;
  if (std::error_code EC = clang::tidy::parseLineFilter(Json, G)) {
    Error = EC.message();
    return false;
  }
  Filters = std::move(G.LineFilter);
  return true;
}

bool LineFilter::empty() const { return Filters.empty(); }

bool LineFilter::passes(llvm::StringRef FileName, unsigned Line) const {
  // ClangTidyDiagnosticConsumer::passesLineFilter.
  if (Filters.empty())
    return true;
  for (const clang::tidy::FileFilter &F : Filters) {
    if (FileName.ends_with(F.Name)) {
      if (F.LineRanges.empty())
        return true;
      for (const auto &Range : F.LineRanges)
        if (Range.first <= Line && Line <= Range.second)
          return true;
      return false;
    }
  }
  return false;
}

} // namespace cli
} // namespace torchshape
