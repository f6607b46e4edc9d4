//===- Finding.h - What the engine reports, independent of any front end -===//
//
// A finding is a requirement proven violated: a check, a location, a message,
// notes that explain where each number came from, and optional fix-its.  The
// clang-tidy module and the CLI each render findings their own way.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_DIAGNOSTICS_FINDING_H
#define TORCHSHAPE_DIAGNOSTICS_FINDING_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace torchshape {

enum class CheckId {
#define TORCHSHAPE_CHECK(Id, Name, Summary) Id,
#include "torchshape/Checks.def"
};

struct CheckInfo {
  CheckId Id;
  llvm::StringRef Name;
  llvm::StringRef Summary;
};

/// All checks, in the order of Checks.def.
const std::vector<CheckInfo> &allChecks();
llvm::StringRef checkName(CheckId Id);

/// A replacement offered to the user; never applied unless certain.
struct FixIt {
  clang::CharSourceRange Range;
  std::string Replacement;
};

struct Note {
  clang::SourceLocation Loc;
  std::string Message;
  std::vector<FixIt> FixIts;
};

struct Finding {
  CheckId Check;
  clang::SourceLocation Loc;
  std::string Message;
  std::vector<Note> Notes;
  std::vector<FixIt> FixIts; // certain fixes only
  /// Calls followed to reach the finding (0: the function on its own).
  unsigned CallDepth = 0;
};

/// "line 14" (or "main.cpp:14" when the location is in another file than
/// Relative), for use inside messages.
std::string describeLine(const clang::SourceManager &SM, clang::SourceLocation Loc,
                         clang::SourceLocation Relative = {});

} // namespace torchshape

#endif
