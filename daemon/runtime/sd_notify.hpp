#pragma once
/// Messages to the service manager (sd_notify(3), through libsystemd). Outside systemd
/// (NOTIFY_SOCKET unset) every call does nothing, so `feedd run` in a terminal is unaffected.

#include <chrono>
#include <optional>
#include <string_view>

namespace feedd::service {

/// READY=1: start-up (or a reload) is complete.
void notify_ready();

/// RELOADING=1 with MONOTONIC_USEC (systemd >= 253 wants the time; older versions ignore it).
void notify_reloading();

/// STOPPING=1: shutdown has begun.
void notify_stopping();

/// STATUS=text: the one-line summary `systemctl status` shows.
void notify_status(std::string_view text);

/// WATCHDOG=1: the event loop is alive.
void notify_watchdog();

/// The watchdog interval systemd expects pings within (WATCHDOG_USEC, for this process per
/// WATCHDOG_PID); nullopt when the watchdog is off.
std::optional<std::chrono::microseconds> watchdog_interval();

}  // namespace feedd::service
