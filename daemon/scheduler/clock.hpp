#pragma once
/// Wall-clock time behind an interface, so the scheduler can be driven by a clock tests control
/// (tests/support/fake_clock.hpp).

#include <chrono>

namespace feedd {

using sys_seconds = std::chrono::sys_seconds;

/// A source of "now" in UTC, at second resolution (what poll times are stored at).
class Clock {
 public:
  virtual ~Clock() = default;
  /// The current time.
  virtual sys_seconds now() const = 0;
};

/// std::chrono::system_clock, truncated to seconds.
class SystemClock final : public Clock {
 public:
  sys_seconds now() const override;
};

}  // namespace feedd
