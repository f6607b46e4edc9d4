//===- Config.cpp - .clang-tidy files and --line-filter ------------------===//
#include "Config.h"

#include "torchshape/Diagnostics/Finding.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>

namespace torchshape {
namespace cli {

using clang::tidy::ClangTidyGlobalOptions;
using clang::tidy::ClangTidyOptions;
using clang::tidy::ClangTidyOptionsProvider;

struct Globs::Impl {
  clang::tidy::CachedGlobList List;
  explicit Impl(llvm::StringRef L) : List(L) {}
};
Globs::Globs(llvm::StringRef List) : P(std::make_unique<Impl>(List)) {}
Globs::~Globs() = default;
bool Globs::contains(llvm::StringRef Name) const { return P->List.contains(Name); }

ChecksConfig::ChecksConfig(CommandLineOptions CommandLine, std::optional<std::string> Config,
                           std::string ConfigSource,
                           llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  // clangTidyMain's createOptionsProvider, with torch-shape-* as the default
  // checks.
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks;
  Defaults.WarningsAsErrors = "";
  Defaults.HeaderFilterRegex = "";
  Defaults.ExcludeHeaderFilterRegex = "";
  Defaults.SystemHeaders = false;
  Defaults.User = llvm::sys::Process::GetEnv("USER");
  ClangTidyOptions Override;
  Override.Checks = CommandLine.Checks;
  Override.WarningsAsErrors = CommandLine.WarningsAsErrors;
  Override.HeaderFilterRegex = CommandLine.HeaderFilter;
  Override.ExcludeHeaderFilterRegex = CommandLine.ExcludeHeaderFilter;
  Override.SystemHeaders = CommandLine.SystemHeaders;
  Override.UseColor = CommandLine.UseColor;
  if (Config) {
    llvm::ErrorOr<ClangTidyOptions> Parsed = clang::tidy::parseConfiguration(
        llvm::MemoryBufferRef(*Config, ConfigSource.empty() ? "-config" : ConfigSource));
    if (Parsed) {
      Provider = std::make_unique<clang::tidy::ConfigOptionsProvider>(
          ClangTidyGlobalOptions(), std::move(Defaults), std::move(*Parsed),
          std::move(Override), FS);
      return;
    }
    Error = Parsed.getError().message();
  }
  Provider = std::make_unique<clang::tidy::FileOptionsProvider>(
      ClangTidyGlobalOptions(), std::move(Defaults), std::move(Override), FS);
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
  E.HeaderFilter = Merged.HeaderFilterRegex.value_or("");
  E.ExcludeHeaderFilter = Merged.ExcludeHeaderFilterRegex.value_or("");
  E.SystemHeaders = Merged.SystemHeaders.value_or(false);
  E.WarningsAsErrors = Merged.WarningsAsErrors.value_or("");
  E.UseColor = Merged.UseColor;

  // Each option as ClangTidyCheck::OptionsView::get<bool> reads it: only
  // `<check>.<option>` counts, and a value that is no bool keeps the default.
  Globs Enabled(E.Globs);
  for (const CheckOptionInfo &O : allCheckOptions()) {
    auto It = Merged.CheckOptions.find(O.key());
    if (It == Merged.CheckOptions.end())
      continue;
    llvm::StringRef Value = It->getValue().Value;
    if (std::optional<bool> B = parseBoolOption(Value))
      E.Options.*O.Member = *B;
    else if (Enabled.contains(checkName(O.Check)))
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

std::string ChecksConfig::dumpConfig(llvm::StringRef File) {
  // clangTidyMain's --dump-config: the merged options, with CheckOptions
  // replaced by what the enabled checks store (their value, or default).
  ClangTidyOptions Options = Provider->getOptions(File);
  Effective E = checksFor(File);
  Globs Enabled(E.Globs);
  Options.CheckOptions.clear();
  for (const CheckOptionInfo &O : allCheckOptions())
    if (Enabled.contains(checkName(O.Check)))
      Options.CheckOptions[O.key()] =
          ClangTidyOptions::ClangTidyValue(E.Options.*O.Member ? "true" : "false");
  return clang::tidy::configurationAsText(ClangTidyOptions::getDefaults().merge(Options, 0)) +
         "\n";
}

std::string ChecksConfig::explainConfig(llvm::StringRef File) {
  // clangTidyMain's --explain-config, checks in name order as it lists them.
  Globs Enabled(checksFor(File).Globs);
  std::vector<std::string> Names;
  for (const CheckInfo &C : allChecks())
    if (Enabled.contains(C.Name))
      Names.push_back(C.Name.str());
  llvm::sort(Names);
  auto Raw = Provider->getRawOptions(File);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (const std::string &Check : Names)
    for (const auto &[Opts, Source] : llvm::reverse(Raw))
      if (Opts.Checks && clang::tidy::GlobList(*Opts.Checks).contains(Check)) {
        llvm::StringRef S(Source);
        OS << "'" << Check << "' is enabled in the "
           << (S == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ? "torchshape binary"
                                                                            : S)
           << ".\n";
        break;
      }
  return Out;
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
