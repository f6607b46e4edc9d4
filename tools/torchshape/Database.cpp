//===- Database.cpp - A compilation database that loses no entry ---------===//
#include "Database.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace torchshape {
namespace cli {

using clang::tooling::CompileCommand;

namespace {
std::string normalised(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P) && !Base.empty()) {
    P = Base;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  llvm::sys::path::native(P);
  return std::string(P);
}
} // namespace

ResolvedDatabase::ResolvedDatabase(const clang::tooling::CompilationDatabase &Inner,
                                   std::string Folder)
    : Inner(Inner), Folder(std::move(Folder)) {
  for (CompileCommand C : Inner.getAllCompileCommands()) {
    C = resolve(std::move(C));
    std::string Key = C.Filename;
    if (First.try_emplace(Key, C).second)
      Files.push_back(Key);
  }
}

CompileCommand ResolvedDatabase::resolve(CompileCommand C) const {
  C.Directory = normalised(Folder, C.Directory);
  C.Filename = normalised(C.Directory, C.Filename);
  return C;
}

std::vector<CompileCommand> ResolvedDatabase::getCompileCommands(llvm::StringRef FilePath) const {
  auto It = First.find(normalised("", FilePath));
  if (It != First.end())
    return {It->second};
  // Not listed (a header): what the database infers for it.
  std::vector<CompileCommand> Out;
  for (CompileCommand &C : Inner.getCompileCommands(FilePath))
    Out.push_back(resolve(std::move(C)));
  return Out;
}

std::vector<std::string> ResolvedDatabase::getAllFiles() const { return Files; }

std::vector<CompileCommand> ResolvedDatabase::getAllCompileCommands() const {
  std::vector<CompileCommand> Out;
  for (const std::string &F : Files)
    Out.push_back(First.find(F)->second);
  return Out;
}

std::string databaseFolder(llvm::StringRef BuildPath) {
  llvm::SmallString<256> Dir(BuildPath);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> F(D);
    llvm::sys::path::append(F, "compile_commands.json");
    if (llvm::sys::fs::exists(F))
      return D.str();
  }
  return "";
}

std::string whyCannotRun(const clang::tooling::CompilationDatabase &DB, llvm::StringRef File,
                         llvm::vfs::FileSystem *FS) {
  // FS: the file system the file is analysed on (--vfsoverlay); the real one
  // by default.
  auto IsDirectory = [&](llvm::StringRef P) {
    if (!FS)
      return llvm::sys::fs::is_directory(P);
    auto S = FS->status(P);
    return S && S->isDirectory();
  };
  auto Exists = [&](llvm::StringRef P) { return FS ? FS->exists(P) : llvm::sys::fs::exists(P); };
  for (const CompileCommand &C : DB.getCompileCommands(File)) {
    if (!IsDirectory(C.Directory))
      return File.str() + ": the directory of its compile command, " + C.Directory +
             ", does not exist";
    llvm::SmallString<256> F(C.Filename);
    if (!llvm::sys::path::is_absolute(F)) {
      F = C.Directory;
      llvm::sys::path::append(F, C.Filename);
    }
    if (!Exists(F))
      return std::string(F) + " is listed in the compilation database but does not exist";
  }
  return "";
}

} // namespace cli
} // namespace torchshape
