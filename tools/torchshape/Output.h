//===- Output.h - Machine-readable outputs of a run ----------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_OUTPUT_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_OUTPUT_H

#include "Report.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace torchshape {
namespace cli {

/// --format=json: a JSON array, one object per finding (check, level, file,
/// line, column, message, notes with their locations, fix-its).
void writeJson(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports);

struct SarifRunInfo {
  std::string Version;  // the tool's version
  std::string DocsUri;  // absolute URI of the docs folder, ending in '/'
  std::string RootDir;  // results under it are relative to %SRCROOT%
  std::vector<std::string> CommandLine;
};

/// --format=sarif: one SARIF 2.1.0 run with a rule per check of Checks.def.
void writeSarif(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports,
                const SarifRunInfo &Info);

} // namespace cli
} // namespace torchshape

#endif
