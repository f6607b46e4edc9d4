//===- Database.h - A compilation database that loses no entry -----------===//
//
// clang's JSONCompilationDatabase takes an entry's `directory` as given: a
// relative one is then relative to wherever torchshape runs, and the file is
// "not compiling".  clang-tidy users expect it relative to the database's
// folder; ResolvedDatabase makes it so, and lists each file once (a file
// listed twice is analysed once, with its first command).  Entries that
// cannot be run at all (a missing directory or file) are named by
// whyCannotRun, so the run reports them as errors rather than skipping them.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_DATABASE_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_DATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace llvm {
namespace vfs {
class FileSystem;
}
} // namespace llvm

namespace torchshape {
namespace cli {

class ResolvedDatabase : public clang::tooling::CompilationDatabase {
public:
  /// Inner: the database as loaded; Folder: the folder its file is in.
  ResolvedDatabase(const clang::tooling::CompilationDatabase &Inner, std::string Folder);

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override;
  /// In the order of the database's entries, each file once.
  std::vector<std::string> getAllFiles() const override;
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override;

private:
  const clang::tooling::CompilationDatabase &Inner;
  std::string Folder;
  std::vector<std::string> Files;
  llvm::StringMap<clang::tooling::CompileCommand> First;
  clang::tooling::CompileCommand resolve(clang::tooling::CompileCommand C) const;
};

/// The folder of the compile_commands.json that -p <BuildPath> loads (the
/// nearest one from BuildPath upwards, as clang's autodetection finds it);
/// empty when there is none.
std::string databaseFolder(llvm::StringRef BuildPath);

/// Why File's compile commands cannot be run (their directory or the file
/// does not exist), or an empty string.
std::string whyCannotRun(const clang::tooling::CompilationDatabase &DB, llvm::StringRef File,
                         llvm::vfs::FileSystem *FS = nullptr);

} // namespace cli
} // namespace torchshape

#endif
