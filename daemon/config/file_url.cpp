#include "daemon/config/file_url.hpp"

#include <cctype>

namespace feedd {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes %XX escapes; a malformed escape is kept as written.
std::string percent_decode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    decoded += text[i];
  }
  return decoded;
}

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

}  // namespace

std::optional<std::filesystem::path> file_url_to_path(std::string_view url,
                                                      const std::filesystem::path& base_folder) {
  if (!starts_with_ignoring_case(url, "file:")) return std::nullopt;
  std::string_view rest = url.substr(5);
  if (starts_with_ignoring_case(rest, "//localhost/")) {
    rest.remove_prefix(11);
  } else if (rest.starts_with("//")) {
    rest.remove_prefix(2);
  }
  // A query or fragment means nothing for a local file; refuse rather than guess.
  if (rest.empty() || rest.find_first_of("?#") != std::string_view::npos) return std::nullopt;
  const std::filesystem::path path(percent_decode(rest));
  return resolve_against(base_folder, path);
}

std::string path_to_file_url(const std::filesystem::path& absolute_path) {
  static constexpr char hex_digits[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const char c : absolute_path.generic_string()) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_unreserved(byte)) {
      url += c;
    } else {
      url += '%';
      url += hex_digits[byte >> 4];
      url += hex_digits[byte & 0x0F];
    }
  }
  return url;
}

std::filesystem::path resolve_against(const std::filesystem::path& base_folder,
                                      const std::filesystem::path& path) {
  if (path.is_absolute()) return path.lexically_normal();
  std::filesystem::path base = base_folder;
  // A config named without a folder ("feedd.toml") lives in the working directory.
  std::error_code error;  // on failure the path stays relative, which the caller still reports
  if (base.empty()) base = std::filesystem::current_path(error);
  if (base.is_relative()) base = std::filesystem::absolute(base, error);
  return (base / path).lexically_normal();
}

}  // namespace feedd
