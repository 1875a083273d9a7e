#include "daemon/scheduler/clock.hpp"

namespace feedd {

sys_seconds SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace feedd
