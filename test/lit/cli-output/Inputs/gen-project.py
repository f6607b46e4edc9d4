"""Writes a CMake-like project of 40 translation units and its
compile_commands.json:

  src/model_NN.cpp  30 files that include <torch/torch.h>; those with
                    NN % 3 == 0 have a view bug (10), those with NN % 10 == 1
                    a layer bug (3)
  src/util_N.cpp    8 files without LibTorch (skipped without parsing)
  src/uses_net.cpp  includes "net.h" (found through -I include), which
                    includes LibTorch; one view bug
  src/broken.cpp    includes LibTorch and does not compile

usage: gen-project.py <dir> <compiler flags...>"""
import json
import os
import shlex
import sys

root = os.path.abspath(sys.argv[1])
flags = sys.argv[2:]
os.makedirs(os.path.join(root, "src"), exist_ok=True)
os.makedirs(os.path.join(root, "include"), exist_ok=True)
os.makedirs(os.path.join(root, "build"), exist_ok=True)


def write(rel, text):
    with open(os.path.join(root, rel), "w") as f:
        f.write(text)


files = []
for i in range(30):
    body = ["#include <torch/torch.h>", "torch::Tensor f%d() {" % i,
            "  auto x = torch::rand({2, 3});"]
    if i % 3 == 0:
        body.append("  auto y = x.view({7});")
    if i % 10 == 1:
        body += ["  torch::nn::Linear fc(10, 4);", "  auto z = fc->forward(x);"]
    body += ["  return x;", "}", ""]
    write("src/model_%02d.cpp" % i, "\n".join(body))
    files.append("src/model_%02d.cpp" % i)
for i in range(8):
    write("src/util_%d.cpp" % i,
          "#include <vector>\n#include \"util.h\"\nint util%d() { return %d; }\n" % (i, i))
    files.append("src/util_%d.cpp" % i)
write("include/util.h", "#pragma once\n#include <string>\n")
write("include/net.h", "#pragma once\n#include <torch/torch.h>\n")
write("src/uses_net.cpp",
      "#include \"net.h\"\nvoid g() {\n  auto x = torch::rand({4});\n  auto y = x.view({5});\n}\n")
files.append("src/uses_net.cpp")
write("src/broken.cpp", "#include <torch/torch.h>\nvoid h() {\n  int x = \n}\n")
files.append("src/broken.cpp")

db = []
for rel in files:
    path = os.path.join(root, rel)
    args = ["clang++"] + flags + ["-I" + os.path.join(root, "include"), "-c", path,
                                  "-o", rel.replace("/", "_") + ".o"]
    db.append({"directory": os.path.join(root, "build"), "file": path,
               "command": " ".join(shlex.quote(a) for a in args)})
with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=2)
print(len(files), "translation units")
