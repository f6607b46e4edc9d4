//===- IncludeScan.h - Does a file reach LibTorch? (textual, fast) -------===//
//
// Whole-project runs skip the translation units that cannot contain a shape
// bug because they never include LibTorch.  The test is textual and errs on
// the side of analysing: a file is skipped only when neither it, nor a file
// it includes that can be found in its own directory or the command's -I /
// -iquote directories, has an #include of torch/, ATen/ or c10/ (headers
// forced in with -include count too; a PCH given with -include-pch does not:
// it stands in for headers the file includes itself), or an #include of a
// macro.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_TOOLS_TORCHSHAPE_INCLUDESCAN_H
#define TORCHSHAPE_TOOLS_TORCHSHAPE_INCLUDESCAN_H

#include <string>
#include <vector>

namespace clang {
namespace tooling {
struct CompileCommand;
}
} // namespace clang

namespace torchshape {
namespace cli {

bool mayIncludeLibTorch(const std::vector<clang::tooling::CompileCommand> &Commands);

} // namespace cli
} // namespace torchshape

#endif
