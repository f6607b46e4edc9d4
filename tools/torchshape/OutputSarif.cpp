//===- OutputSarif.cpp - --format=sarif (SARIF 2.1.0) --------------------===//
//
// One run: tool.driver with the tool's version and a rule per check of
// Checks.def (id, name, descriptions, help from the check's page, embedded
// at build time, and helpUri to its published copy); one result per finding
// with its location, the notes as relatedLocations, fixes (the certain ones
// and the notes' suggestions) and partialFingerprints that survive edits
// elsewhere in the file; files that do not compile as tool execution
// notifications.  Locations under RootDir are relative to %SRCROOT%, which
// is what code-scanning services expect; others are absolute file:// URIs.
//
//===----------------------------------------------------------------------===//
#include "Output.h"

#include "torchshape/Diagnostics/Finding.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <map>
#include <tuple>

namespace torchshape {
namespace cli {

namespace {

constexpr const char *RootId = "%SRCROOT%";

/// docs/checks/<check>.md, embedded by cmake/EmbedCheckDocs.cmake.
struct CheckDoc {
  const char *Check;
  const char *Markdown;
};
const CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
};

llvm::StringRef checkDoc(llvm::StringRef Check) {
  for (const CheckDoc &D : CheckDocs)
    if (Check == D.Check)
      return D.Markdown;
  return "";
}

/// A page's relative links point into the published tree, where the help
/// is read (GitHub shows it away from the docs folder).
std::string absoluteLinks(llvm::StringRef Markdown, llvm::StringRef DocsUri) {
  std::string Out;
  size_t I = 0;
  while (true) {
    size_t Link = Markdown.find("](", I);
    if (Link == llvm::StringRef::npos)
      break;
    Out += Markdown.slice(I, Link + 2);
    llvm::StringRef Target = Markdown.substr(Link + 2);
    if (!Target.starts_with("http") && !Target.starts_with("#") && !Target.starts_with("mailto:")) {
      if (Target.consume_front("../"))
        Out += DocsUri.str() + "docs/";
      else
        Out += DocsUri.str() + "docs/checks/";
    }
    I = Markdown.size() - Target.size();
  }
  Out += Markdown.substr(I);
  return Out;
}

/// The same page as plain text: no heading marks, emphasis, code ticks or
/// link addresses.
std::string plainText(llvm::StringRef Markdown) {
  std::string Out;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Markdown.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    if (L.starts_with("```"))
      continue;
    if (L.starts_with("#"))
      L = L.ltrim('#').ltrim(' ');
    std::string Line;
    for (size_t I = 0; I < L.size(); ++I) {
      char C = L[I];
      if (C == '`' || (C == '*' && I + 1 < L.size() && L[I + 1] == '*')) {
        if (C == '*')
          ++I;
        continue;
      }
      if (C == '[') {
        // [text](target) -> text
        size_t Mid = L.find("](", I);
        size_t Close = Mid == llvm::StringRef::npos ? Mid : L.find(')', Mid);
        if (Close != llvm::StringRef::npos && !L.slice(I + 1, Mid).contains(']')) {
          Line += L.slice(I + 1, Mid).str();
          I = Close;
          continue;
        }
      }
      Line += C;
    }
    Out += Line + "\n";
  }
  return llvm::StringRef(Out).trim().str() + "\n";
}

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
                result(F, RuleIndex[F.Check], R.BuildDir);
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
      llvm::StringRef Doc = checkDoc(Id);
      if (!Doc.empty()) {
        J.attribute("helpUri", Info.DocsUri + "docs/checks/" + Id + ".md");
        std::string Markdown = absoluteLinks(Doc, Info.DocsUri);
        J.attributeObject("help", [&] {
          J.attribute("text", plainText(Markdown));
          J.attribute("markdown", Markdown);
        });
      } else {
        // clang-tidy-nolint: clang-tidy's own page on NOLINT comments.
        const char *Nolint = "https://clang.llvm.org/extra/clang-tidy/#suppressing-undesired-diagnostics";
        J.attribute("helpUri", Nolint);
        J.attributeObject("help", [&] {
          J.attribute("text", "Each NOLINTBEGIN comment needs a NOLINTEND comment after it, "
                              "with the same checks, and each NOLINTEND a NOLINTBEGIN before it. "
                              "See " + std::string(Nolint) + ".");
          J.attribute("markdown", "Each `NOLINTBEGIN` comment needs a `NOLINTEND` comment after "
                                  "it, with the same checks, and each `NOLINTEND` a `NOLINTBEGIN` "
                                  "before it. See [Suppressing undesired diagnostics](" +
                                      std::string(Nolint) + ").");
        });
      }
      J.attributeObject("defaultConfiguration", [&] {
        J.attribute("level", Id == "clang-tidy-nolint" ? "error" : "warning");
      });
    });
  }

  /// Name is as Clang opened it: relative names are relative to the compile
  /// command's directory (BaseDir), and "../" is resolved before the name
  /// is compared with the root, so that a header reached as "../util.h" is
  /// inside %SRCROOT% when it is.
  std::string absoluteName(const std::string &Name, const std::string &BaseDir) const {
    llvm::SmallString<256> Abs(Name);
    if (!llvm::sys::path::is_absolute(Abs) && !BaseDir.empty())
      llvm::sys::fs::make_absolute(BaseDir, Abs);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  }

  void artifact(const std::string &Name, const std::string &BaseDir) {
    std::string File = absoluteName(Name, BaseDir);
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

  void physical(const Place &P, const std::string &BaseDir) {
    J.attributeObject("physicalLocation", [&] {
      artifact(P.File, BaseDir);
      J.attributeObject("region", [&] {
        J.attribute("startLine", P.Line);
        J.attribute("startColumn", P.Utf16Column);
      });
    });
  }

  void fix(const std::string &Description, const std::vector<Edit> &Edits,
           const std::string &BaseDir) {
    // Edits grouped by file, in order.
    std::map<std::string, std::vector<const Edit *>> PerFile;
    for (const Edit &E : Edits)
      PerFile[E.Begin.File].push_back(&E);
    J.object([&] {
      J.attributeObject("description", [&] { J.attribute("text", sentence(Description)); });
      J.attributeArray("artifactChanges", [&] {
        for (const auto &[File, Es] : PerFile)
          J.object([&] {
            artifact(File, BaseDir);
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

  /// The artifact's URI as results show it (relative to the root or not).
  std::string uriOf(const std::string &Name, const std::string &BaseDir) const {
    std::string Abs = absoluteName(Name, BaseDir);
    llvm::StringRef F(Abs);
    if (!Root.empty() && F.starts_with(Root))
      return percentEncode(F.drop_front(Root.size()));
    return fileUri(F);
  }

  /// What stays when lines are added or removed elsewhere: the rule, the
  /// file, the finding's line with its spacing squeezed out (not its number,
  /// nor the message, which may cite line numbers), and which occurrence of
  /// that line this is.
  std::string fingerprint(const FindingRecord &F, const std::string &BaseDir) {
    std::string Squeezed;
    for (char C : F.LineText)
      if (!llvm::isSpace(C))
        Squeezed += C;
    std::string Uri = uriOf(F.At.File, BaseDir);
    unsigned Occurrence = Occurrences[{F.Check, Uri, Squeezed}]++;
    llvm::SHA256 Hash;
    for (llvm::StringRef Part : {llvm::StringRef(F.Check), llvm::StringRef(Uri),
                                 llvm::StringRef(Squeezed)}) {
      Hash.update(Part);
      Hash.update(llvm::StringRef("\0", 1));
    }
    std::string Digest = llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
    return Digest + ":" + std::to_string(Occurrence + 1);
  }
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Occurrences;

  void result(const FindingRecord &F, unsigned Index, const std::string &BaseDir) {
    J.object([&] {
      J.attribute("ruleId", F.Check);
      J.attribute("ruleIndex", Index);
      J.attribute("level", F.IsError ? "error" : "warning");
      J.attributeObject("message", [&] { J.attribute("text", sentence(F.Message)); });
      J.attributeArray("locations", [&] { J.object([&] { physical(F.At, BaseDir); }); });
      J.attributeObject("partialFingerprints", [&] {
        J.attribute("torchshapeLineHash/v1", fingerprint(F, BaseDir));
      });
      if (!F.Notes.empty())
        J.attributeArray("relatedLocations", [&] {
          unsigned Id = 1;
          for (const NoteRecord &N : F.Notes) {
            if (!N.At.valid())
              continue;
            J.object([&] {
              J.attribute("id", Id++);
              physical(N.At, BaseDir);
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
            fix(F.Message, F.Fixes, BaseDir);
          for (const NoteRecord &N : F.Notes)
            if (!N.Fixes.empty())
              fix(N.Message, N.Fixes, BaseDir);
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
                  J.attributeArray("locations", [&] { J.object([&] { physical(C.At, R.BuildDir); }); });
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
                  J.attributeObject("physicalLocation", [&] { artifact(R.File, ""); });
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
