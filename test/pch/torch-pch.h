// Precompiled once by the build for the lit suites: parsing torch/torch.h
// costs about 10 s per file, the PCH brings a test near 1 s.
#include <torch/torch.h>
