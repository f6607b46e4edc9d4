//===- PchCache.h - Precompiled headers for the leading #includes, cached -===//
//
// Parsing <torch/torch.h> costs about 15 CPU-seconds; the analysis itself
// costs a fraction of one.  Before a file is analysed, its leading #include
// lines (inside the bounds Clang computes for a preamble, up to and
// including the first library or project header: <torch/torch.h>,
// "model.h") are precompiled once, with template instantiation, into a
// cache directory and handed to the file's parse as an implicit -include-pch.
// The file itself is parsed unchanged: its own #include lines then find
// their headers already included (include guards, #pragma once), exactly as
// with a hand-made PCH of the same headers, so lines, columns and messages
// do not change.  Files whose leading includes and compile flags are the
// same share one entry: the files of a project that start with
// #include <torch/torch.h> share one PCH.
//
// An entry is keyed on the generated header's text, the parse's -cc1 options
// (defines, include paths, language options, target, resource directory:
// everything except what names the main file, its output and how
// diagnostics are coloured), the working directory, and Clang's version.  It
// records the headers the PCH read and the PCH's size and hash (checked
// again only when the PCH's modification time has changed); any difference
// on use rebuilds it.  Headers found through user include paths (-I, "...")
// are recorded each with its size and modification time, as Clang validates
// a PCH's user inputs; those found through system paths (-isystem, the
// compiler's own, which Clang does not validate at all) are recorded by
// their directories' modification times, which change when a package
// manager installs, upgrades or removes a header (it writes a new file and
// renames it into place): a system header edited in place is not noticed,
// as by Clang (--no-cache, or clearing the cache, is then the remedy).
// The entry also lists which precompiled headers are user code.
// Stating the 4,400 system headers of <torch/torch.h> one by one cost a
// warm run a sixth of its time; their 60 directories cost nothing.  Writes go to a
// temporary name and are renamed into place; entries past the size limit
// are evicted least recently used first.  A cache directory that cannot be
// written is reported once and the run goes on without a cache.
//
// Not cached (the file is parsed whole, as without a cache): a compile
// command that already has -include-pch or -include; a header without an
// include guard among the precompiled includes (the file's own #include
// would read it a second time).  The latter is remembered in the cache too,
// so it is not tried again.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_PCHCACHE_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_PCHCACHE_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace clang {
class CompilerInstance;
class Decl;
class CompilerInvocation;
class FileManager;
class PCHContainerOperations;
} // namespace clang

namespace torchshape {
namespace cli {

/// Where the headers a file's PCH includes were included from in the file
/// itself: their file ID in the PCH, the offset of the #include's name.
struct PchLineMap {
  std::vector<std::pair<unsigned, unsigned>> Includes;
  /// The precompiled headers that are user code (a project header such as
  /// "model.h"), by their file ID in the PCH.
  std::vector<unsigned> UserFiles;
};

/// Once the PCH is loaded (BeginSourceFileAction): the headers the generated
/// header includes are presented as included by the file's own #include
/// lines, so that "In file included from a.cpp:3:" (and the order of
/// locations) reads as without the PCH.
void mapPchLines(clang::CompilerInstance &CI, const PchLineMap &Map);

/// The top-level declarations of the PCH's user headers (Map.UserFiles), in
/// the order a parse without the PCH would have handed them to the
/// consumer.  They are read from the PCH's per-file index of declarations:
/// walking the translation unit instead would read every declaration of
/// LibTorch, and every header's entry (a stat each), in every run.
std::vector<clang::Decl *> userDeclsInPch(clang::CompilerInstance &CI, const PchLineMap &Map);

struct PchCacheSettings {
  std::string Dir;                         // created when missing
  uint64_t LimitBytes = 2048ull << 20;     // evict LRU past this
  bool ReplaceCommandPch = false;          // tests: drop -include-pch, use the cache
  bool ParseLibraryBodies = false;         // false: the PCH has none (LibraryBodies.h)
};

class PchCache {
public:
  explicit PchCache(PchCacheSettings S) : S(std::move(S)) {}

  /// $TORCHSHAPE_CACHE_DIR, else $XDG_CACHE_HOME/torchshape, else
  /// ~/.cache/torchshape.
  static std::string defaultDir();

  /// Points Inv (a file's parse, about to run) at a cached PCH of its leading
  /// includes, building the entry when it is missing or stale.  Thread-safe;
  /// threads that need the same entry wait for the one building it.
  PchUse prepare(clang::CompilerInvocation &Inv, clang::FileManager &Files,
                 std::shared_ptr<clang::PCHContainerOperations> Ops, PchLineMap &Map);

  /// "precompiling <torch/torch.h> (for a.cpp)" while an entry is being
  /// built, else empty; OnActivity is called whenever it changes.
  std::string activity() const;
  void setActivityListener(std::function<void()> F) { OnActivity = std::move(F); }

  const std::string &dir() const { return S.Dir; }

private:
  PchCacheSettings S;
  mutable std::mutex M;
  std::map<std::string, std::shared_ptr<std::mutex>> KeyLocks;
  std::map<std::string, std::string> Building; // key -> activity text
  bool Disabled = false;                       // the directory cannot be written
  std::function<void()> OnActivity;

  std::shared_ptr<std::mutex> lockFor(const std::string &Key);
  void setBuilding(const std::string &Key, std::string Text);
  void disable(llvm::StringRef Why);
  bool disabled();
  void evict();
};

} // namespace cli
} // namespace torchshape

#endif
