#!/usr/bin/env python3
"""gen-bad-db.py ROOT FLAGS...: a project whose compile_commands.json has
entries a run must not lose or double: a relative `directory` (relative to
the database's folder, as clang-tidy reads it), a file listed twice, a
directory that does not exist, and a file that does not exist."""
import json
import os
import sys

root = os.path.abspath(sys.argv[1])
flags = " ".join(sys.argv[2:])
os.makedirs(os.path.join(root, "src"), exist_ok=True)
os.makedirs(os.path.join(root, "build"), exist_ok=True)
for name, size in (("listed_twice", 5), ("relative_dir", 7)):
    with open(os.path.join(root, "src", name + ".cpp"), "w") as f:
        f.write("#include <torch/torch.h>\n"
                f"void f() {{ torch::zeros({{2, 3}}).view({{{size}, -1}}); }}\n")
src = os.path.join(root, "src")


def entry(directory, name):
    return {"directory": directory, "file": name + ".cpp",
            "command": f"clang++ {flags} -c {name}.cpp"}


db = [entry(src, "listed_twice"),
      entry("../src", "relative_dir"),
      entry(src, "listed_twice"),
      entry(os.path.join(root, "no_such_dir"), "in_missing_dir"),
      entry(src, "no_such_file")]
with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=1)
