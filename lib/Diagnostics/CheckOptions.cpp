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

void applyCheckOptions(Finding &F, const CheckOptions &Options) {
  if (F.Check == CheckId::Layer && !Options.LayerEmitFixIts) {
    F.FixIts.clear();
    for (Note &N : F.Notes)
      N.FixIts.clear();
  }
}

} // namespace torchshape
