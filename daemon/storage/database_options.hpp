#pragma once
/// How Database opens and maintains its file.
#include <chrono>
#include <cstddef>

namespace feedd {

/// When opening runs `PRAGMA quick_check`, which reads every page of the file.
enum class StartupCheck {
  always,       ///< on every open: the daemon, which opens once and runs for weeks
  when_needed,  ///< after an unclean close (a WAL file was left behind), or when the last
                ///< check is older than DatabaseOptions::check_interval: one-shot commands
};

struct DatabaseOptions {
  int busy_timeout_ms = 5000;
  StartupCheck startup_check = StartupCheck::always;
  std::chrono::seconds check_interval = std::chrono::hours(24);
  /// Page size of a database this open creates (an existing file keeps its own). 8 KiB
  /// rather than SQLite's 4: an item row is ~2.9 KB, so a page holds two or three instead of
  /// one, and a first poll writes half as many WAL frames (two writes each) and copies half
  /// as many pages at checkpoints (docs/BENCHMARKS.md: -4% CPU and wall at 5000 feeds).
  int page_size = 8192;
  /// WAL frames (pages) after which the background thread checkpoints: SQLite's default.
  int checkpoint_pages = 1000;
  /// Story band rows the writer holds in memory before writing them to story_bands in key
  /// order (BandTail): 65536 rows are 32768 items, about 1.8 MB.
  std::size_t band_fold_rows = 65536;
  /// Story keys (canonical URLs, band values) the smallest StoredKeys filter holds: 384 KB.
  std::size_t stored_keys_min_capacity = 262144;
};

}  // namespace feedd
