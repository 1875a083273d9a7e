#include "daemon/runtime/sd_notify.hpp"

#include <systemd/sd-daemon.h>
#include <time.h>

#include <cstdint>
#include <string>

namespace feedd::service {
namespace {

void send(const std::string& message) {
  // 0 (no socket) and negative (socket gone) are both "nobody listens": nothing to do about it.
  sd_notify(0, message.c_str());
}

std::uint64_t monotonic_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000 + static_cast<std::uint64_t>(now.tv_nsec) / 1'000;
}

}  // namespace

void notify_ready() { send("READY=1"); }

void notify_reloading() { send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_microseconds())); }

void notify_stopping() { send("STOPPING=1"); }

void notify_status(std::string_view text) {
  std::string message = "STATUS=";
  message.append(text);
  send(message);
}

void notify_watchdog() { send("WATCHDOG=1"); }

std::optional<std::chrono::microseconds> watchdog_interval() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

}  // namespace feedd::service
