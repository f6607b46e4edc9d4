//===- SafeWrite.cpp - Writing the user's files without losing them ------===//
#include "SafeWrite.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/Signals.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace torchshape {
namespace cli {

namespace {

std::string errnoText(int Errno) { return std::strerror(Errno); }

/// The folder a file is (to be) created in.
std::string folderOf(llvm::StringRef Path) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  return Dir.empty() ? "." : Dir.str();
}

/// Read-only by its permissions, or to this user.  Permission bits count even
/// for root (who may write anything): a file nobody may write was made so on
/// purpose, and the tool should not be the one to overwrite it.
bool isReadOnly(llvm::StringRef Path, const struct stat &St) {
  if ((St.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return true;
  return ::access(Path.str().c_str(), W_OK) != 0;
}

bool writeAll(int FD, llvm::StringRef Data, std::string &Error) {
  const char *P = Data.data();
  size_t Left = Data.size();
  while (Left > 0) {
    ssize_t N = ::write(FD, P, Left);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      Error = errnoText(errno);
      return false;
    }
    if (N == 0) {
      Error = "the write made no progress";
      return false;
    }
    P += N;
    Left -= static_cast<size_t>(N);
  }
  return true;
}

/// Devices, pipes, /dev/stdout: written in place, every write checked.
bool writeInPlace(const std::string &Path, llvm::StringRef Contents, std::string &Error) {
  int FD = ::open(Path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (FD < 0) {
    Error = errnoText(errno);
    return false;
  }
  bool OK = writeAll(FD, Contents, Error);
  if (::close(FD) != 0 && OK) {
    Error = errnoText(errno);
    OK = false;
  }
  return OK;
}

} // namespace

bool checkWritable(llvm::StringRef Path, std::string &Error) {
  struct stat St;
  std::string P = Path.str();
  if (::stat(P.c_str(), &St) == 0) {
    if (S_ISDIR(St.st_mode)) {
      Error = "it is a folder";
      return false;
    }
    if (S_ISREG(St.st_mode)) {
      if (isReadOnly(P, St)) {
        Error = "it is read-only";
        return false;
      }
    } else if (::access(P.c_str(), W_OK) != 0) {
      Error = errnoText(errno);
      return false;
    }
    if (!S_ISREG(St.st_mode))
      return true;
  }
  // A new file, or a regular file replaced through a temporary one: its
  // folder must take new files.
  std::string Dir = folderOf(P);
  struct stat DirSt;
  if (::stat(Dir.c_str(), &DirSt) != 0) {
    Error = "the folder " + Dir + " does not exist";
    return false;
  }
  if (!S_ISDIR(DirSt.st_mode)) {
    Error = Dir + " is not a folder";
    return false;
  }
  if (::access(Dir.c_str(), W_OK | X_OK) != 0) {
    Error = "the folder " + Dir + " is not writable: " + errnoText(errno);
    return false;
  }
  return true;
}

bool writeFileSafely(llvm::StringRef PathIn, llvm::StringRef Contents, std::string &Error) {
  // Through a symbolic link, the file it points to is replaced (renaming
  // over the link would turn it into a copy).
  llvm::SmallString<256> Real;
  std::string Path = PathIn.str();
  if (!llvm::sys::fs::real_path(PathIn, Real))
    Path = std::string(Real);

  struct stat St;
  bool Exists = ::stat(Path.c_str(), &St) == 0;
  if (Exists && !S_ISREG(St.st_mode)) {
    if (S_ISDIR(St.st_mode)) {
      Error = "it is a folder";
      return false;
    }
    return writeInPlace(Path, Contents, Error);
  }
  if (Exists && isReadOnly(Path, St)) {
    Error = "it is read-only";
    return false;
  }

  llvm::SmallString<256> Model(folderOf(Path));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path).str() +
                                     ".torchshape-%%%%%%.tmp");
  int FD = -1;
  llvm::SmallString<256> Tmp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Tmp)) {
    Error = "cannot create a temporary file next to it: " + EC.message();
    return false;
  }
  // Ctrl-C or SIGTERM removes it; only SIGKILL can leave it behind (the
  // original is whole either way).
  llvm::sys::RemoveFileOnSignal(Tmp);
  auto Fail = [&](std::string Why) {
    if (FD >= 0)
      ::close(FD);
    ::unlink(Tmp.c_str());
    llvm::sys::DontRemoveFileOnSignal(Tmp);
    Error = std::move(Why);
    return false;
  };
  std::string WriteError;
  if (!writeAll(FD, Contents, WriteError))
    return Fail(WriteError);
  if (Exists && ::fchmod(FD, St.st_mode & 07777) != 0)
    return Fail("cannot give the new file the original's permissions: " + errnoText(errno));
  if (::fsync(FD) != 0)
    return Fail(errnoText(errno));
  int Closing = FD;
  FD = -1;
  if (::close(Closing) != 0)
    return Fail(errnoText(errno));
  testPause("before-rename");
  if (::rename(Tmp.c_str(), Path.c_str()) != 0)
    return Fail(errnoText(errno));
  llvm::sys::DontRemoveFileOnSignal(Tmp);
  // The rename itself survives a power cut once the folder is synced.
  int DirFD = ::open(folderOf(Path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (DirFD >= 0) {
    ::fsync(DirFD);
    ::close(DirFD);
  }
  return true;
}

std::string contentHash(llvm::StringRef Contents) {
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Contents)),
                     /*LowerCase=*/true);
}

void testPause(llvm::StringRef Stage) {
  const char *Env = std::getenv("TORCHSHAPE_TEST_PAUSE");
  if (!Env)
    return;
  auto [Want, Prefix] = llvm::StringRef(Env).split(':');
  if (Want != Stage || Prefix.empty())
    return;
  // <prefix>.paused says "paused here"; the test creates <prefix>.go when
  // it is done (changed a file, or decided to kill the process instead).
  std::string Paused = (Prefix + ".paused").str(), Go = (Prefix + ".go").str();
  int FD = ::open(Paused.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (FD >= 0)
    ::close(FD);
  for (int I = 0; I < 6000 && ::access(Go.c_str(), F_OK) != 0; ++I)
    ::usleep(10000);
}

} // namespace cli
} // namespace torchshape
