#include "daemon/runtime/logging.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>

namespace feedd {
namespace {

/// Logs `message` at `level` through the formatter and returns the line.
std::string format_line(bool journal, spdlog::level::level_enum level, const std::string& text) {
  std::ostringstream stream;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(stream);
  spdlog::logger logger("test", sink);
  logger.set_formatter(make_log_formatter(journal));
  logger.set_level(spdlog::level::trace);
  logger.log(level, text);
  return stream.str();
}

TEST(Logging, ParsesTheSpdlogLevelNamesOnly) {
  EXPECT_EQ(parse_log_level("trace"), spdlog::level::trace);
  EXPECT_EQ(parse_log_level("debug"), spdlog::level::debug);
  EXPECT_EQ(parse_log_level("info"), spdlog::level::info);
  EXPECT_EQ(parse_log_level("warn"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("error"), spdlog::level::err);
  EXPECT_EQ(parse_log_level("critical"), spdlog::level::critical);
  EXPECT_EQ(parse_log_level("off"), spdlog::level::off);
  EXPECT_FALSE(parse_log_level("verbose"));
  EXPECT_FALSE(parse_log_level("INFO"));
  EXPECT_FALSE(parse_log_level(""));
}

TEST(Logging, FlagWinsOverConfigLevel) {
  EXPECT_EQ(choose_log_level(std::string_view("debug"), "warn"), "debug");
  EXPECT_EQ(choose_log_level(std::nullopt, "warn"), "warn");
}

TEST(Logging, JournalLinesCarrySyslogPriorityAndNoTimestamp) {
  EXPECT_EQ(format_line(true, spdlog::level::err, "disk full"), "<3>disk full\n");
  EXPECT_EQ(format_line(true, spdlog::level::critical, "x"), "<2>x\n");
  EXPECT_EQ(format_line(true, spdlog::level::warn, "slow feed"), "<4>slow feed\n");
  EXPECT_EQ(format_line(true, spdlog::level::info, "started"), "<6>started\n");
  EXPECT_EQ(format_line(true, spdlog::level::debug, "poll"), "<7>poll\n");
  EXPECT_EQ(format_line(true, spdlog::level::trace, "bytes"), "<7>bytes\n");
}

TEST(Logging, TerminalLinesStartWithATimestampAndLevel) {
  EXPECT_THAT(format_line(false, spdlog::level::warn, "slow feed"),
              ::testing::MatchesRegex(
                  "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3} warning "
                  "slow feed\n"));
}

TEST(Logging, JournalOnlyWhenJournalStreamNamesOurStderr) {
  unsetenv("JOURNAL_STREAM");
  EXPECT_FALSE(stderr_is_journal());
  setenv("JOURNAL_STREAM", "not-a-pair", 1);
  EXPECT_FALSE(stderr_is_journal());
  setenv("JOURNAL_STREAM", "1:1", 1);
  EXPECT_FALSE(stderr_is_journal());
  struct stat status {};
  ASSERT_EQ(fstat(STDERR_FILENO, &status), 0);
  const std::string ours = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
  setenv("JOURNAL_STREAM", ours.c_str(), 1);
  EXPECT_TRUE(stderr_is_journal());
  unsetenv("JOURNAL_STREAM");
}

}  // namespace
}  // namespace feedd
