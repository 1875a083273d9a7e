#pragma once
/// Logging: spdlog to stderr. On a terminal or in a file, lines carry a timestamp; under systemd
/// (JOURNAL_STREAM names our stderr) they carry a "<N>" syslog priority instead, which journald
/// turns into the entry's priority (sd-daemon(3)), and the journal adds the time itself.

#include <spdlog/common.h>
#include <spdlog/formatter.h>

#include <memory>
#include <optional>
#include <string_view>

namespace feedd {

/// The level names accepted by --log-level and [daemon] log_level, for messages.
inline constexpr std::string_view log_level_names =
    "trace, debug, info, warn, error, critical or off";

/// The spdlog level for one of log_level_names; nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);

/// The sd-daemon priority prefix of a level: "<3>" error and critical... "<7>" debug and trace.
std::string_view syslog_prefix(spdlog::level::level_enum level) noexcept;

/// True when stderr is the stream journald handed us: JOURNAL_STREAM ("DEVICE:INODE") matches
/// stderr's device and inode. A shell started from a service inherits the variable but not the
/// stream, hence the comparison rather than mere presence.
bool stderr_is_journal();

/// The effective level: the --log-level flag when given, else the config's log_level.
std::string_view choose_log_level(std::optional<std::string_view> flag,
                                  std::string_view config_level) noexcept;

/// The line format: "<N>message" for the journal, "YYYY-MM-DD HH:MM:SS.mmm level message" else.
std::unique_ptr<spdlog::formatter> make_log_formatter(bool journal);

/// Installs the default logger: stderr, the given level, journal or timestamp pattern.
void setup_logging(spdlog::level::level_enum level, bool journal);

}  // namespace feedd
