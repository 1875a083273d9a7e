#pragma once
/// file: URLs in the config: relative ones are anchored at the folder of the file naming them.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace feedd {

/// The local path a file: URL names. Accepted forms: `file:///abs/path`,
/// `file://localhost/abs/path`, and, relative to `base_folder`, `file:rel/path` and
/// `file://rel/path` (not RFC 8089, but what people write; a real remote host makes no sense
/// for a daemon reading local files). Percent-escapes are decoded. Returns nullopt when `url`
/// is not a file: URL or names no path.
std::optional<std::filesystem::path> file_url_to_path(std::string_view url,
                                                      const std::filesystem::path& base_folder);

/// `file:///abs/path` for an absolute, lexically normalized path, percent-encoding bytes outside
/// the unreserved set and "/".
std::string path_to_file_url(const std::filesystem::path& absolute_path);

/// `path` if absolute, else `base_folder / path`; lexically normalized in both cases.
std::filesystem::path resolve_against(const std::filesystem::path& base_folder,
                                      const std::filesystem::path& path);

}  // namespace feedd
