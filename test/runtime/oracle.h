// Runtime oracle harness for torchshape lit cases.
//
// A lit case file defines one `void name()` function per case and ends with
//
//   TS_ORACLE_MAIN(case1, case2, ...)
//
// which defines main().  The program runs every case in declaration order, or
// only the cases named on the command line (in command-line order), each in
// its own try/catch, and prints exactly one line per case:
//
//   <name>: ok
//   <name>: threw: <first line of e.what()>
//
// stdout is flushed after every line, so a crash in a later case keeps the
// earlier lines.  The exit status is 0 whatever the cases do (the FileCheck
// lines judge); only an unknown case name on the command line exits 2.
//
// Kept deliberately plain (one macro, no templates): the analyzer parses this
// header too.
#ifndef TORCHSHAPE_TEST_RUNTIME_ORACLE_H
#define TORCHSHAPE_TEST_RUNTIME_ORACLE_H

#include <torch/torch.h>

#include <cstddef>
#include <cstdio>
#include <iostream>
#include <string>

typedef void (*ts_oracle_case_fn)();

// The n-th (0-based) name in a stringified, comma-separated argument list,
// trimmed of blanks.
inline std::string ts_oracle_case_name(const char *list, std::size_t n) {
  std::string all(list);
  std::size_t begin = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t comma = all.find(',', begin);
    if (comma == std::string::npos)
      return std::string();
    begin = comma + 1;
  }
  std::size_t end = all.find(',', begin);
  if (end == std::string::npos)
    end = all.size();
  std::string name = all.substr(begin, end - begin);
  std::size_t first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    return std::string();
  std::size_t last = name.find_last_not_of(" \t\r\n");
  return name.substr(first, last - first + 1);
}

// Runs one case and prints its line.
inline void ts_oracle_run_case(const std::string &name, ts_oracle_case_fn fn) {
  std::string line;
  try {
    fn();
    line = name + ": ok";
  } catch (const std::exception &e) {
    std::string what(e.what());
    std::size_t nl = what.find('\n');
    if (nl != std::string::npos)
      what.erase(nl);
    line = name + ": threw: " + what;
  } catch (...) {
    line = name + ": threw: <non-std::exception>";
  }
  std::cout << line << std::endl; // std::endl flushes
  std::fflush(stdout);
}

// Runs the selected cases; returns main()'s exit status.
inline int ts_oracle_main(int argc, char **argv, const char *names,
                          const ts_oracle_case_fn *fns, std::size_t count) {
  if (argc <= 1) {
    for (std::size_t i = 0; i < count; ++i)
      ts_oracle_run_case(ts_oracle_case_name(names, i), fns[i]);
    return 0;
  }
  int status = 0;
  for (int a = 1; a < argc; ++a) {
    std::string wanted(argv[a]);
    bool found = false;
    for (std::size_t i = 0; i < count && !found; ++i) {
      if (ts_oracle_case_name(names, i) == wanted) {
        ts_oracle_run_case(wanted, fns[i]);
        found = true;
      }
    }
    if (!found) {
      std::cout << wanted << ": no such case" << std::endl;
      status = 2;
    }
  }
  return status;
}

// Prints "<label> parameters: N", N the number of elements of all of the
// module's parameters() (recursive), for model-summary tests: their CHECK
// lines state the count torchshape prints, the RUNTIME lines the same.
inline void ts_oracle_print_parameters(const char *label, const torch::nn::Module &m) {
  long long n = 0;
  for (const auto &p : m.parameters())
    n += p.numel();
  std::cout << label << " parameters: " << n << std::endl;
}

#define TS_ORACLE_MAIN(...)                                                    \
  int main(int argc, char **argv) {                                            \
    static const ts_oracle_case_fn ts_oracle_fns[] = {__VA_ARGS__};            \
    return ts_oracle_main(argc, argv, #__VA_ARGS__, ts_oracle_fns,             \
                          sizeof(ts_oracle_fns) / sizeof(ts_oracle_fns[0]));   \
  }

#endif // TORCHSHAPE_TEST_RUNTIME_ORACLE_H
