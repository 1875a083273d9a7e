#pragma once
/// file: URLs as fetches: a local feed (the offline demo, feeds written by other tools) read from
/// disk with the same size cap as a download, and no network.

#include <cstddef>
#include <string_view>

#include "daemon/http/fetch_types.hpp"

namespace feedd {

/// True when `url` has the file: scheme (case-insensitive).
bool is_file_url(std::string_view url);

/// Reads the regular file a file: URL names (relative forms against the working directory).
/// Success looks like an HTTP 200 whose final_url is `url`; an unreadable, missing or
/// non-regular file gives kind `file`, one over `max_bytes` kind `too_large`.
FetchOutcome read_file_url(std::string_view url, std::size_t max_bytes);

}  // namespace feedd
