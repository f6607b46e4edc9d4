# lit configuration of torchshape's suites.
#
# Substitutions:
#   %torchshape  the CLI                      (exit 1 on findings: use `not`)
#   %tidy        clang-tidy-19 with the torch-shape module loaded
#   %flags       compiler flags: C++17, LibTorch headers, the precompiled header
#   %test-flags  the same without the precompiled header
#   %oracle      runs the case file compiled against real LibTorch
#   %torch-tidy  the torch-tidy executable (clang-tidy 19 with the checks built in)
#   %srcroot     the source tree
#   %torchshape-lsp  the language server
import os
import lit.formats

config.name = "torchshape"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.torchshape_obj_root, "test", "lit")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Diagnostics without colours, whatever the terminal.
config.environment["TERM"] = "dumb"

# The CLI's precompiled-header cache lives in the build tree, never in the
# user's ~/.cache.  With `lit --param auto_pch=1` the CLI drops the suite's
# hand-built PCH (%flags) and uses its own cache instead: every case must
# pass the same way (the cache must not change a finding).
config.environment["TORCHSHAPE_CACHE_DIR"] = os.path.join(config.test_exec_root, "pch-cache")
torchshape = config.torchshape_cli
# `lit --param sanitized_cli=build-sanitized/tools/torchshape/torchshape`
# runs every case through the CLI built under ASan and UBSan
# (scripts/build-sanitized.sh); any sanitizer report fails the case.
# LibTorch's and LLVM's libraries are not instrumented: container-overflow
# checks across that boundary would be false alarms.  LLVM gives a thread
# that writes a file (the PCH) an alternate signal stack of its own, which
# ASan would then fail to unmap at the thread's exit: ASan keeps out of it.
sanitized_cli = lit_config.params.get("sanitized_cli", "")
if sanitized_cli:
    torchshape = os.path.abspath(sanitized_cli)
    config.available_features.add("sanitized")
    config.environment["ASAN_OPTIONS"] = "detect_container_overflow=0:use_sigaltstack=0:exitcode=99"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1:exitcode=99"
if lit_config.params.get("auto_pch", "0") not in ("0", ""):
    torchshape += " --cache-replaces-include-pch"
flags = config.test_flags + " -include-pch " + config.pch
config.substitutions.append(("%torchshape", torchshape))
config.substitutions.append(("%test-flags", config.test_flags))
config.substitutions.append(
    ("%tidy", "clang-tidy-19 --quiet --load=" + config.torchshape_plugin +
     " --checks=-*,torch-shape-*"))
config.substitutions.append(("%flags", flags))
config.substitutions.append(("%plugin", config.torchshape_plugin))
config.substitutions.append(
    ("%torch-tidy", os.path.join(config.torchshape_obj_root, "tools", "torch-tidy", "torch-tidy")))
config.substitutions.append(("%srcroot", config.torchshape_src_root))
# The language server (torchshape-lsp), and nvim for its end-to-end test;
# first, so that %torchshape does not take its prefix.
config.substitutions.insert(0,
    ("%torchshape-lsp", os.path.join(config.torchshape_obj_root, "tools", "torchshape-lsp",
                                     "torchshape-lsp")))
import shutil
if shutil.which("nvim"):
    config.available_features.add("nvim")

# OpenCV's headers, for the image-pipeline suites (REQUIRES: opencv).
if os.path.exists("/usr/include/opencv4/opencv2/imgproc.hpp"):
    config.available_features.add("opencv")
    config.substitutions.append(("%opencv", "-I/usr/include/opencv4"))

ns = {}
if os.path.exists(config.oracle_config):
    exec(open(config.oracle_config).read(), ns)
    config.substitutions.append(("%oracle", ns["oracle_substitution"]))
    config.available_features.add("libtorch-runtime")
