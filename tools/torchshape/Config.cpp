//===- Config.cpp - .clang-tidy files and --line-filter ------------------===//
#include "Config.h"

#include "torchshape/Diagnostics/CheckFilter.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>

namespace torchshape {
namespace cli {

using clang::tidy::ClangTidyGlobalOptions;
using clang::tidy::ClangTidyOptions;
using clang::tidy::ClangTidyOptionsProvider;

ChecksConfig::ChecksConfig(std::optional<std::string> CommandLine,
                           std::optional<std::string> Config) {
  ClangTidyOptions Defaults;
  Defaults.Checks = DefaultChecks;
  ClangTidyOptions Override;
  if (CommandLine)
    Override.Checks = *CommandLine;
  if (Config) {
    // clangTidyMain's createOptionsProvider, for --config.
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        clang::tidy::parseConfiguration(llvm::MemoryBufferRef(*Config, "-config"));
    if (Parsed) {
      Provider = std::make_unique<clang::tidy::ConfigOptionsProvider>(
          ClangTidyGlobalOptions(), std::move(Defaults), std::move(*Parsed),
          std::move(Override));
      return;
    }
    Error = Parsed.getError().message();
  }
  Provider = std::make_unique<clang::tidy::FileOptionsProvider>(
      ClangTidyGlobalOptions(), std::move(Defaults), std::move(Override));
}

ChecksConfig::~ChecksConfig() = default;

ChecksConfig::Effective ChecksConfig::checksFor(llvm::StringRef File) {
  Effective E;
  // Sources come in order: the default, .clang-tidy files from the farthest
  // to the nearest (when they inherit), then the command line.  Merging
  // concatenates the Checks lists, exactly as clang-tidy does.
  // CheckOptions merge the same way: a later source replaces a key.
  ClangTidyOptions Merged;
  std::map<std::string, std::string> OptionSource;
  for (const auto &[Options, Source] : Provider->getRawOptions(File)) {
    Merged.mergeWith(Options, 0);
    llvm::StringRef Name(Source);
    if (Options.Checks &&
        (Name.ends_with(".clang-tidy") ||
         Name == ClangTidyOptionsProvider::OptionsSourceTypeConfigCommandLineOption))
      E.ConfigFile = Source;
    for (const auto &KV : Options.CheckOptions)
      OptionSource[KV.getKey().str()] = Source;
  }
  E.Globs = Merged.Checks.value_or("");

  // Each option as ClangTidyCheck::OptionsView::get<bool> reads it: only
  // `<check>.<option>` counts, and a value that is no bool keeps the default.
  CheckFilter Enabled(E.Globs);
  for (const CheckOptionInfo &O : allCheckOptions()) {
    auto It = Merged.CheckOptions.find(O.key());
    if (It == Merged.CheckOptions.end())
      continue;
    llvm::StringRef Value = It->getValue().Value;
    if (std::optional<bool> B = parseBoolOption(Value))
      E.Options.*O.Member = *B;
    else if (Enabled.isEnabled(checkName(O.Check)))
      E.Warnings.push_back("invalid configuration value '" + Value.str() + "' for option '" +
                           O.key() + "' in " + OptionSource[O.key()] + "; expected a bool");
  }
  for (const std::string &W : readAnalyzerOptions(
           [&](llvm::StringRef Key) -> std::optional<std::string> {
             auto It = Merged.CheckOptions.find(Key);
             if (It == Merged.CheckOptions.end())
               return std::nullopt;
             return It->getValue().Value;
           },
           E.Analysis))
    E.Warnings.push_back(W);
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
