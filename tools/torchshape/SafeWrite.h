//===- SafeWrite.h - Writing the user's files without losing them --------===//
//
// Every file torchshape writes (a fixed source, -o, --export-fixes) goes
// through here.  A regular file is replaced whole or not at all: the new
// contents go to a temporary file in the same directory, every write is
// checked, the file is fsync'ed, given the original's permissions and renamed
// over the original.  A full disk, a kill or a power cut at any moment leaves
// either the old file or the new one, never a truncated mix.  Destinations
// that are not regular files (/dev/stdout, a pipe, /dev/full) are written in
// place, with every write checked.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_SAFEWRITE_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_SAFEWRITE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace torchshape {
namespace cli {

/// Whether Path can be written later: its folder exists and is writable, and
/// it is not a folder or a read-only file.  For -o and --export-fixes,
/// checked before the analysis so that a typo does not cost a whole run.
bool checkWritable(llvm::StringRef Path, std::string &Error);

/// Replaces Path's contents by Contents as described above.  False with
/// Error (a sentence fragment: "No space left on device") when it could not;
/// Path is then untouched.
bool writeFileSafely(llvm::StringRef Path, llvm::StringRef Contents, std::string &Error);

/// A hash of file contents, to tell whether a file changed since it was read.
std::string contentHash(llvm::StringRef Contents);

/// Test-only: when TORCHSHAPE_TEST_PAUSE is "<Stage>:<prefix>", creates
/// <prefix>.paused and waits (at most a minute) for <prefix>.go.  Lets a
/// test change a file between the analysis and the fixes, or kill the tool
/// at the worst moment (test/lit/cli-output/Inputs/pause-at.sh).
void testPause(llvm::StringRef Stage);

} // namespace cli
} // namespace torchshape

#endif
