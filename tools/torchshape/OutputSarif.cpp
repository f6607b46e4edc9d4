//===- OutputSarif.cpp - --format=sarif (SARIF 2.1.0) --------------------===//
//
// One run: tool.driver with the tool's version and a rule per check of
// Checks.def (id, name, descriptions, helpUri); one result per finding with
// its location, the notes as relatedLocations, and fixes (the certain ones
// and the notes' suggestions); files that do not compile as tool execution
// notifications.  Locations under RootDir are relative to %SRCROOT%, which
// is what code-scanning services expect.
//
//===----------------------------------------------------------------------===//
#include "Output.h"

#include "torchshape/Diagnostics/Finding.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <map>

namespace torchshape {
namespace cli {

namespace {

constexpr const char *RootId = "%SRCROOT%";

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsPath) { return "file://" + percentEncode(AbsPath); }

/// Sentences end with a period (SARIF's best practice for message text).
std::string sentence(llvm::StringRef S) {
  S = S.rtrim();
  if (S.empty() || S.ends_with(".") || S.ends_with("!") || S.ends_with("?"))
    return S.str();
  return S.str() + ".";
}

/// "torch-shape-view" -> "TorchShapeView" (a rule's friendly name).
std::string pascalCase(llvm::StringRef Id) {
  std::string Out;
  bool Up = true;
  for (char C : Id) {
    if (C == '-') {
      Up = true;
      continue;
    }
    Out += Up ? llvm::toUpper(C) : C;
    Up = false;
  }
  return Out;
}

class Writer {
public:
  Writer(llvm::raw_ostream &OS, const SarifRunInfo &Info) : J(OS, 2), Info(Info) {
    Root = Info.RootDir;
    if (!Root.empty() && !llvm::StringRef(Root).ends_with("/"))
      Root += "/";
  }

  void write(const std::vector<FileReport> &Reports) {
    std::vector<std::pair<std::string, std::string>> Rules; // id, description
    for (const CheckInfo &C : allChecks())
      Rules.push_back({C.Name.str(), C.Summary.str()});
    bool UsesNolint = false;
    for (const FileReport &R : Reports)
      for (const FindingRecord &F : R.Findings)
        UsesNolint |= F.Check == "clang-tidy-nolint";
    if (UsesNolint)
      Rules.push_back({"clang-tidy-nolint", "NOLINTBEGIN and NOLINTEND comments that do not pair up"});
    std::map<std::string, unsigned> RuleIndex;
    for (unsigned I = 0; I < Rules.size(); ++I)
      RuleIndex[Rules[I].first] = I;

    J.object([&] {
      J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      J.attribute("version", "2.1.0");
      J.attributeArray("runs", [&] {
        J.object([&] {
          J.attributeObject("tool", [&] {
            J.attributeObject("driver", [&] {
              J.attribute("name", "torchshape");
              J.attribute("fullName", "torchshape: tensor shape checks for LibTorch code");
              J.attribute("version", Info.Version);
              J.attribute("semanticVersion", Info.Version);
              J.attribute("informationUri", Info.DocsUri + "README.md");
              J.attributeArray("rules", [&] {
                for (const auto &[Id, Summary] : Rules)
                  rule(Id, Summary);
              });
            });
          });
          J.attributeArray("invocations", [&] { invocation(Reports); });
          if (!Root.empty())
            J.attributeObject("originalUriBaseIds", [&] {
              J.attributeObject(RootId, [&] { J.attribute("uri", fileUri(Root)); });
            });
          J.attributeArray("results", [&] {
            for (const FileReport &R : Reports)
              for (const FindingRecord &F : R.Findings)
                result(F, RuleIndex[F.Check]);
          });
          J.attribute("columnKind", "utf16CodeUnits");
        });
      });
    });
  }

private:
  llvm::json::OStream J;
  const SarifRunInfo &Info;
  std::string Root;

  void rule(const std::string &Id, const std::string &Summary) {
    J.object([&] {
      J.attribute("id", Id);
      J.attribute("name", pascalCase(Id));
      J.attributeObject("shortDescription", [&] { J.attribute("text", sentence(Summary)); });
      J.attributeObject("fullDescription", [&] {
        J.attribute("text", sentence("Reports " + Summary +
                                     ", when the mismatch is proven for every value of the "
                                     "sizes that are unknown"));
      });
      std::string Page = "docs/checks/" + Id + ".md";
      J.attribute("helpUri", Info.DocsUri + (pageExists(Page) ? Page : "README.md"));
      J.attributeObject("defaultConfiguration", [&] {
        J.attribute("level", Id == "clang-tidy-nolint" ? "error" : "warning");
      });
    });
  }

  bool pageExists(const std::string &Page) const {
    llvm::StringRef Docs(Info.DocsUri);
    if (!Docs.consume_front("file://"))
      return true; // a web address: the pages are published with the code
    return llvm::sys::fs::exists(Docs.str() + Page);
  }

  void artifact(const std::string &Name) {
    llvm::SmallString<256> Abs(Name);
    llvm::sys::fs::make_absolute(Abs);
    std::string File(Abs);
    J.attributeObject("artifactLocation", [&] {
      llvm::StringRef F(File);
      if (!Root.empty() && F.starts_with(Root)) {
        J.attribute("uri", percentEncode(F.drop_front(Root.size())));
        J.attribute("uriBaseId", RootId);
      } else {
        J.attribute("uri", fileUri(File));
      }
    });
  }

  void physical(const Place &P) {
    J.attributeObject("physicalLocation", [&] {
      artifact(P.File);
      J.attributeObject("region", [&] {
        J.attribute("startLine", P.Line);
        J.attribute("startColumn", P.Utf16Column);
      });
    });
  }

  void fix(const std::string &Description, const std::vector<Edit> &Edits) {
    // Edits grouped by file, in order.
    std::map<std::string, std::vector<const Edit *>> PerFile;
    for (const Edit &E : Edits)
      PerFile[E.Begin.File].push_back(&E);
    J.object([&] {
      J.attributeObject("description", [&] { J.attribute("text", sentence(Description)); });
      J.attributeArray("artifactChanges", [&] {
        for (const auto &[File, Es] : PerFile)
          J.object([&] {
            artifact(File);
            J.attributeArray("replacements", [&] {
              for (const Edit *E : Es)
                J.object([&] {
                  J.attributeObject("deletedRegion", [&] {
                    J.attribute("startLine", E->Begin.Line);
                    J.attribute("startColumn", E->Begin.Utf16Column);
                    J.attribute("endLine", E->End.Line);
                    J.attribute("endColumn", E->End.Utf16Column);
                  });
                  J.attributeObject("insertedContent", [&] { J.attribute("text", E->Text); });
                });
            });
          });
      });
    });
  }

  void result(const FindingRecord &F, unsigned Index) {
    J.object([&] {
      J.attribute("ruleId", F.Check);
      J.attribute("ruleIndex", Index);
      J.attribute("level", F.IsError ? "error" : "warning");
      J.attributeObject("message", [&] { J.attribute("text", sentence(F.Message)); });
      J.attributeArray("locations", [&] { J.object([&] { physical(F.At); }); });
      if (!F.Notes.empty())
        J.attributeArray("relatedLocations", [&] {
          unsigned Id = 1;
          for (const NoteRecord &N : F.Notes) {
            if (!N.At.valid())
              continue;
            J.object([&] {
              J.attribute("id", Id++);
              physical(N.At);
              J.attributeObject("message", [&] { J.attribute("text", sentence(N.Message)); });
            });
          }
        });
      bool AnyFix = !F.Fixes.empty();
      for (const NoteRecord &N : F.Notes)
        AnyFix |= !N.Fixes.empty();
      if (AnyFix)
        J.attributeArray("fixes", [&] {
          if (!F.Fixes.empty())
            fix(F.Message, F.Fixes);
          for (const NoteRecord &N : F.Notes)
            if (!N.Fixes.empty())
              fix(N.Message, N.Fixes);
        });
    });
  }

  void invocation(const std::vector<FileReport> &Reports) {
    bool Success = true;
    for (const FileReport &R : Reports)
      Success &= R.State != FileReport::Status::Broken &&
                 R.State != FileReport::Status::CannotRun &&
                 R.State != FileReport::Status::Crashed;
    J.object([&] {
      J.attribute("executionSuccessful", Success);
      if (!Info.CommandLine.empty())
        J.attributeArray("arguments", [&] {
          for (const std::string &A : Info.CommandLine)
            J.value(A);
        });
      bool CutShort = false;
      for (const FileReport &R : Reports)
        CutShort |= !R.CutShort.empty();
      if (!Success || CutShort)
        J.attributeArray("toolExecutionNotifications", [&] {
          // Where an analysis stopped short: a bug past it may be missed.
          for (const FileReport &R : Reports)
            for (const CutShortRecord &C : R.CutShort)
              J.object([&] {
                J.attribute("level", "note");
                J.attributeObject("message", [&] {
                  J.attribute("text", sentence("Analysis incomplete: " + C.Reason + ": " +
                                               C.Detail));
                });
                if (C.At.valid())
                  J.attributeArray("locations", [&] { J.object([&] { physical(C.At); }); });
                J.attributeObject("descriptor", [&] { J.attribute("id", "analysis-incomplete"); });
              });
          for (const FileReport &R : Reports) {
            if (R.State != FileReport::Status::Broken && R.State != FileReport::Status::Crashed)
              continue;
            J.object([&] {
              J.attribute("level", "error");
              J.attributeObject("message", [&] {
                J.attribute("text",
                            sentence(R.File + (R.State == FileReport::Status::Crashed
                                                   ? " crashed the tool; no findings for it"
                                                   : " does not compile; no shape analysis "
                                                     "was done for it")));
              });
              J.attributeArray("locations", [&] {
                J.object([&] {
                  J.attributeObject("physicalLocation", [&] { artifact(R.File); });
                });
              });
            });
          }
        });
    });
  }
};

} // namespace

void writeSarif(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports,
                const SarifRunInfo &Info) {
  Writer(OS, Info).write(Reports);
  OS << "\n";
}

} // namespace cli
} // namespace torchshape
