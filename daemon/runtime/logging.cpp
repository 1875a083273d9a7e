#include "daemon/runtime/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <utility>

namespace feedd {
namespace {

constexpr std::array<std::pair<std::string_view, spdlog::level::level_enum>, 7> level_table{{
    {"trace", spdlog::level::trace},
    {"debug", spdlog::level::debug},
    {"info", spdlog::level::info},
    {"warn", spdlog::level::warn},
    {"error", spdlog::level::err},
    {"critical", spdlog::level::critical},
    {"off", spdlog::level::off},
}};

/// The %* flag: "<N>" for the message's level.
class SyslogPriorityFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& destination) override {
    const std::string_view prefix = syslog_prefix(message.level);
    destination.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriorityFlag>();
  }
};

bool parse_number(std::string_view text, unsigned long long& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  for (const auto& [candidate, level] : level_table) {
    if (candidate == name) return level;
  }
  return std::nullopt;
}

std::string_view syslog_prefix(spdlog::level::level_enum level) noexcept {
  switch (level) {
    case spdlog::level::critical: return "<2>";
    case spdlog::level::err: return "<3>";
    case spdlog::level::warn: return "<4>";
    case spdlog::level::info: return "<6>";
    default: return "<7>";
  }
}

bool stderr_is_journal() {
  const char* value = std::getenv("JOURNAL_STREAM");
  if (value == nullptr) return false;
  const std::string_view text(value);
  const auto colon = text.find(':');
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (colon == std::string_view::npos || !parse_number(text.substr(0, colon), device) ||
      !parse_number(text.substr(colon + 1), inode)) {
    return false;
  }
  struct stat status {};
  if (fstat(STDERR_FILENO, &status) != 0) return false;
  return status.st_dev == device && status.st_ino == inode;
}

std::string_view choose_log_level(std::optional<std::string_view> flag,
                                  std::string_view config_level) noexcept {
  return flag ? *flag : config_level;
}

std::unique_ptr<spdlog::formatter> make_log_formatter(bool journal) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (journal) {
    formatter->add_flag<SyslogPriorityFlag>('*').set_pattern("%*%v");
  } else {
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  }
  return formatter;
}

void setup_logging(spdlog::level::level_enum level, bool journal) {
  spdlog::sink_ptr sink;
  if (journal) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  }
  auto logger = std::make_shared<spdlog::logger>("feedd", std::move(sink));
  logger->set_formatter(make_log_formatter(journal));
  logger->set_level(level);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace feedd
