#pragma once
/// Table-driven helpers for the sanitizer rule tests.

#include <gtest/gtest.h>

#include <iterator>
#include <string_view>

#include "feeds/html/sanitize.hpp"

namespace feeds::testing {

constexpr std::string_view base = "https://example.org/blog/post.html";

struct SanitizeCase {
  const char* input;
  const char* expected;
};

inline void expect_sanitized(const SanitizeCase* begin, const SanitizeCase* end,
                             const feeds::SanitizeOptions& options = {}) {
  for (const SanitizeCase* c = begin; c != end; ++c) {
    EXPECT_EQ(feeds::sanitize_html(c->input, base, options), c->expected) << "input: " << c->input;
  }
}

}  // namespace feeds::testing

#define EXPECT_SANITIZED(cases, ...) \
  ::feeds::testing::expect_sanitized(std::begin(cases), std::end(cases) __VA_OPT__(, ) __VA_ARGS__)
#define A_ATTRS " rel=\"noopener noreferrer nofollow\" referrerpolicy=\"no-referrer\""
#define IMG_ATTRS " loading=\"lazy\" referrerpolicy=\"no-referrer\""
