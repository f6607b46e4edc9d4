//===- Fixes.h - --export-fixes, --fix, --fix-notes ----------------------===//
//
// Only certain fixes (Finding::FixIts) are exported and applied.  With
// --fix-notes, as in clang-tidy, a finding without a fix whose notes carry
// exactly one fix gets that one.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_FIXES_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_FIXES_H

#include "Report.h"

#include <string>
#include <vector>

namespace torchshape {
namespace cli {

/// The fix to apply for F, or null.  NoteIndex is set when it is a note's.
const std::vector<Edit> *chosenFix(const FindingRecord &F, bool FixNotes, int *NoteIndex = nullptr);

/// Writes clang-tidy's replacements YAML (clang::tooling::TranslationUnitDiagnostics,
/// as `clang-tidy --export-fixes` does).  False with Error when the file
/// cannot be written.
bool exportFixes(const std::string &Path, const std::string &MainSourceFile,
                 const std::vector<FileReport> &Reports, bool FixNotes, std::string &Error);

struct ApplyResult {
  unsigned Suggested = 0; // findings with a fix
  unsigned Applied = 0;   // fixes whose files were all written
  std::vector<std::string> Conflicts; // fixes left out, overlapping another
  std::vector<std::string> Errors;    // files left unchanged: changed since analysed, unwritable
};
/// Applies the fixes, file by file, each file whole or not at all, and only
/// to files whose contents are still those analysed.
ApplyResult applyFixes(const std::vector<FileReport> &Reports, bool FixNotes);

} // namespace cli
} // namespace torchshape

#endif
