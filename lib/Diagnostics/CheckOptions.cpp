//===- CheckOptions.cpp - The checks' options and what they change -------===//
#include "torchshape/Diagnostics/CheckOptions.h"

#include "llvm/Support/YAMLParser.h"

namespace torchshape {

std::string CheckOptionInfo::key() const { return (checkName(Check) + "." + Name).str(); }

const std::vector<CheckOptionInfo> &allCheckOptions() {
  static const std::vector<CheckOptionInfo> Options = {
#define TORCHSHAPE_CHECK_OPTION(Check, Member, Name, Default, Summary)                        \
  {CheckId::Check, Name, Default, Summary, &CheckOptions::Member},
#include "torchshape/Checks.def"
  };
  return Options;
}

std::optional<bool> parseBoolOption(llvm::StringRef Value) {
  // ClangTidyCheck::OptionsView::get<bool> accepts exactly these.
  if (std::optional<bool> B = llvm::yaml::parseBool(Value))
    return B;
  long long Number;
  if (!Value.getAsInteger(10, Number))
    return Number != 0;
  return std::nullopt;
}

std::string AnalyzerOptionInfo::key() const { return ("torch-shape." + Name).str(); }

const std::vector<AnalyzerOptionInfo> &allAnalyzerOptions() {
  static const std::vector<AnalyzerOptionInfo> Options = {
      {"MaxCallDepth", &AnalyzerOptions::MaxCallDepth,
       "calls followed into the user's functions and modules, nested"},
      {"MaxSteps", &AnalyzerOptions::MaxSteps,
       "evaluation steps per analysed function before its analysis stops, with a gap"},
  };
  return Options;
}

std::vector<std::string>
readAnalyzerOptions(llvm::function_ref<std::optional<std::string>(llvm::StringRef Key)> Lookup,
                    AnalyzerOptions &Opts) {
  std::vector<std::string> Problems;
  for (const AnalyzerOptionInfo &O : allAnalyzerOptions()) {
    std::optional<std::string> Value = Lookup(O.key());
    if (!Value)
      continue;
    unsigned N;
    if (!llvm::StringRef(*Value).trim().getAsInteger(10, N) && N > 0)
      Opts.*O.Member = N;
    else
      Problems.push_back("invalid configuration value '" + *Value + "' for option '" + O.key() +
                         "'; expected a positive integer");
  }
  return Problems;
}

void applyCheckOptions(Finding &F, const CheckOptions &Options) {
  if (F.Check == CheckId::Layer && !Options.LayerEmitFixIts) {
    F.FixIts.clear();
    for (Note &N : F.Notes)
      N.FixIts.clear();
  }
}

} // namespace torchshape
