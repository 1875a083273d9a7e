#pragma once
/// A Clock that only moves when the test says so.

#include <chrono>

#include "daemon/scheduler/clock.hpp"

namespace feedd::testing {

/// Starts at a fixed time (default 2024-01-01 00:00:00 UTC, a Monday) and moves only through
/// set() and advance().
class FakeClock final : public feedd::Clock {
 public:
  explicit FakeClock(feedd::sys_seconds start = std::chrono::sys_days(std::chrono::year(2024) / 1 /
                                                                      1))
      : now_(start) {}

  feedd::sys_seconds now() const override { return now_; }
  void set(feedd::sys_seconds time) { now_ = time; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  feedd::sys_seconds now_;
};

}  // namespace feedd::testing
