// REQUIRES: opencv
// RUN: not %torchshape %s -- %flags %opencv 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags %opencv 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Images loaded and resized with OpenCV, then handed to LibTorch with
// from_blob(img.data, {img.rows, img.cols, img.channels()}): the sizes come
// from cv::imread's flags, cv::resize's cv::Size(w, h) and cv::cvtColor.
#include "oracle.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace nn = torch::nn;

// A 48x64 colour picture on disk, for the cases that read one.
std::string picture() {
  std::string path = "/tmp/torchshape-oracle-picture.png";
  cv::imwrite(path, cv::Mat(48, 64, CV_8UC3, cv::Scalar(10, 20, 30)));
  return path;
}

torch::Tensor to_tensor(const cv::Mat &img) {
  return torch::from_blob(img.data, {1, img.rows, img.cols, img.channels()}, torch::kByte)
      .permute({0, 3, 1, 2})
      .toType(torch::kFloat);
}

// Read as grayscale, fed to a network built for RGB.
void bug_grayscale_into_rgb() {
  cv::Mat img = cv::imread(picture(), cv::IMREAD_GRAYSCALE);
  cv::resize(img, img, cv::Size(32, 32));
  nn::Conv2d conv(nn::Conv2dOptions(3, 8, 3));
  auto y = conv(torch::from_blob(img.data, {1, img.rows, img.cols, img.channels()}, torch::kByte)
                    .permute({0, 3, 1, 2})
                    .toType(torch::kFloat));
  // CHECK: :[[@LINE-3]]:12: warning: `conv` expects 3 input channels (Conv2d(3, 8, kernel_size=3)) but its input [1, 1, 32, 32] has 1 channel{{.*}}[torch-shape-layer]
}
// RUNTIME: bug_grayscale_into_rgb: threw: Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 1, 32, 32] to have 3 channels, but got 1 channels instead

// Resized to 64x64 but the classifier was sized for 224x224.
void bug_resized_too_small() {
  cv::Mat img = cv::imread(picture());
  cv::Mat small;
  cv::resize(img, small, cv::Size(64, 64));
  cv::Mat rgb;
  cv::cvtColor(small, rgb, cv::COLOR_BGR2RGB);
  auto x = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, rgb.channels()}, torch::kByte)
               .toType(torch::kFloat)
               .view({1, -1});
  nn::Linear fc(3 * 224 * 224, 10);
  auto y = fc(x);
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 150528 input features (Linear(150528, 10)) but its input [1, 12288] has 12288 (64 × 64 × 3, from view at line [[@LINE-3]]) [torch-shape-layer]
}
// RUNTIME: bug_resized_too_small: threw: mat1 and mat2 shapes cannot be multiplied (1x12288 and 150528x10)

void ok_pipeline() {
  cv::Mat img = cv::imread(picture());
  cv::resize(img, img, cv::Size(32, 32));
  cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
  nn::Conv2d conv(nn::Conv2dOptions(3, 8, 3));
  // (conv keeps the permuted input's channels-last layout: reshape, not view)
  auto y = conv(to_tensor(img)).reshape({1, 8 * 30 * 30});
  cv::Mat gray;
  cv::cvtColor(img, gray, cv::COLOR_RGB2GRAY);
  nn::Conv2d mono(nn::Conv2dOptions(1, 4, 3));
  auto z = mono(to_tensor(gray));
  cv::Mat f;
  gray.convertTo(f, CV_32F, 1.0 / 255);
  auto w = torch::from_blob(f.data, {f.rows, f.cols}, torch::kFloat).view({32 * 32});
}
// RUNTIME: ok_pipeline: ok

// What OpenCV functions not modelled write is forgotten.
void ok_unmodelled_writer() {
  cv::Mat img(32, 32, CV_8UC3, cv::Scalar(0, 0, 0));
  cv::Mat out(32, 32, CV_8UC3);
  cv::extractChannel(img, out, 0);
  nn::Conv2d mono(nn::Conv2dOptions(1, 4, 3));
  auto y = mono(to_tensor(out));
}
// RUNTIME: ok_unmodelled_writer: ok

// A scale given as fx, fy (cv::Size()) is not tracked.
void ok_scaled() {
  cv::Mat img(20, 20, CV_8UC3, cv::Scalar(0, 0, 0));
  cv::Mat half;
  cv::resize(img, half, cv::Size(), 0.5, 0.5);
  auto x = torch::from_blob(half.data, {half.rows * half.cols * 3}, torch::kByte).view({10, 30});
}
// RUNTIME: ok_scaled: ok

TS_ORACLE_MAIN(bug_grayscale_into_rgb, bug_resized_too_small, ok_pipeline, ok_unmodelled_writer,
               ok_scaled)
