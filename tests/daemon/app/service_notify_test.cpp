// `feedd run` under a service manager: a NOTIFY_SOCKET the test binds receives READY, STATUS,
// WATCHDOG at half of WATCHDOG_USEC, RELOADING/READY around SIGHUP and STOPPING on SIGTERM.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstdlib>

#include "daemon/app/app_test_support.hpp"
#include "daemon/config/file_url.hpp"

namespace feedd::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Notification {
  std::string text;
  Clock::time_point at;
};

/// The service manager's end: a datagram socket bound to a path in `folder`.
class NotifySocket {
public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof(address.sun_path) - 1);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0)
      throw std::runtime_error("cannot bind " + path);
  }
  ~NotifySocket() { close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  /// Reads messages until one contains `needle`, for at most `limit`; all read are kept.
  bool wait_for(const std::string& needle, std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto deadline = Clock::now() + limit;
    for (auto now = Clock::now(); now < deadline; now = Clock::now()) {
      pollfd ready{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
      if (::poll(&ready, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
      char buffer[4096];
      auto size = recv(fd_, buffer, sizeof(buffer), 0);
      if (size <= 0) continue;
      received.push_back({std::string(buffer, static_cast<std::size_t>(size)), Clock::now()});
      if (received.back().text.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  /// The times of the messages received so far that contain `needle`.
  std::vector<Clock::time_point> times_of(const std::string& needle) const {
    std::vector<Clock::time_point> times;
    for (const auto& message : received)
      if (message.text.find(needle) != std::string::npos) times.push_back(message.at);
    return times;
  }

  std::vector<Notification> received;

private:
  std::string path_;
  int fd_ = -1;
};

/// Sets the variables systemd gives a Type=notify service for this scope.
class ServiceEnvironment {
public:
  ServiceEnvironment(const std::string& socket_path, const char* watchdog_usec) {
    setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
    setenv("WATCHDOG_USEC", watchdog_usec, 1);
    unsetenv("WATCHDOG_PID");  // unset: the watchdog is meant for whoever reads it
  }
  ~ServiceEnvironment() {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
  }
};

std::string all_received(const NotifySocket& socket) {
  std::string text;
  for (const auto& message : socket.received) text += "[" + message.text + "] ";
  return text;
}

TEST(ServiceNotify, TellsTheServiceManagerReadyStatusWatchdogReloadAndStop) {
  TempFolder folder;
  auto feed = folder.write("feed.xml", teaser_feed("http://example.org/story", 2));
  auto config = folder.write("feedd.toml", "[daemon]\ndatabase = \"" + folder.path() + "/feedd.db\"\nlisten = \"127.0.0.1:0\"\n"
                                           "[fulltext]\nenabled = false\n"
                                           "[[feed]]\nurl = \"" + path_to_file_url(feed) + "\"\n");
  NotifySocket notify(folder.path() + "/notify");
  std::optional<BackgroundFeedd> daemon;
  {
    ServiceEnvironment environment(folder.path() + "/notify", "1000000");
    daemon.emplace(std::vector<std::string>{"run", "-c", config}, folder.path() + "/log");
  }
  ASSERT_TRUE(notify.wait_for("READY=1")) << detail::read_whole_file(folder.path() + "/log");
  ASSERT_TRUE(notify.wait_for("STATUS=polling 1 feed")) << all_received(notify);

  // Four pings after READY: at half of the 1 s interval, never as late as the interval.
  ASSERT_TRUE(notify.wait_for("WATCHDOG=1"));
  for (int ping = 0; ping < 4; ++ping) ASSERT_TRUE(notify.wait_for("WATCHDOG=1", std::chrono::seconds(5)));
  auto pings = notify.times_of("WATCHDOG=1");
  for (std::size_t i = pings.size() - 4; i < pings.size(); ++i) {
    auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(pings[i] - pings[i - 1]);
    EXPECT_GE(gap.count(), 350) << "ping " << i;
    EXPECT_LT(gap.count(), 1000) << "ping " << i;
  }

  auto readies = notify.times_of("READY=1").size();
  daemon->signal(SIGHUP);
  ASSERT_TRUE(notify.wait_for("RELOADING=1")) << all_received(notify);
  EXPECT_NE(notify.received.back().text.find("MONOTONIC_USEC="), std::string::npos) << notify.received.back().text;
  ASSERT_TRUE(notify.wait_for("READY=1")) << all_received(notify);
  EXPECT_EQ(notify.times_of("READY=1").size(), readies + 1);

  daemon->signal(SIGTERM);
  ASSERT_TRUE(notify.wait_for("STOPPING=1")) << all_received(notify);
  EXPECT_EQ(daemon->wait(20), 0);
}

TEST(ServiceNotify, SendsNoWatchdogPingsWhenTheWatchdogIsOff) {
  TempFolder folder;
  auto config = folder.write("feedd.toml", "[daemon]\ndatabase = \"" + folder.path() + "/feedd.db\"\nlisten = \"127.0.0.1:0\"\n");
  NotifySocket notify(folder.path() + "/notify");
  std::optional<BackgroundFeedd> daemon;
  {
    ServiceEnvironment environment(folder.path() + "/notify", "0");
    daemon.emplace(std::vector<std::string>{"run", "-c", config}, folder.path() + "/log");
  }
  ASSERT_TRUE(notify.wait_for("READY=1")) << detail::read_whole_file(folder.path() + "/log");
  ASSERT_TRUE(notify.wait_for("STATUS=polling 0 feeds")) << all_received(notify);
  daemon->signal(SIGTERM);
  ASSERT_TRUE(notify.wait_for("STOPPING=1")) << all_received(notify);
  EXPECT_EQ(daemon->wait(20), 0);
  EXPECT_TRUE(notify.times_of("WATCHDOG=1").empty()) << all_received(notify);
}

}  // namespace
}  // namespace feedd::testing
