#include "daemon/http/file_fetch.hpp"

#include <cctype>
#include <fstream>
#include <system_error>

#include "daemon/config/file_url.hpp"

namespace feedd {
namespace {

FetchError file_too_large(const std::filesystem::path& path, std::size_t max_bytes) {
  return {FetchErrorKind::too_large, path.string() + " is over " + std::to_string(max_bytes) + " bytes"};
}

}  // namespace

bool is_file_url(std::string_view url) {
  constexpr std::string_view scheme = "file:";
  if (url.size() < scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
  return true;
}

FetchOutcome read_file_url(std::string_view url, std::size_t max_bytes) {
  std::error_code ec;
  const auto path = file_url_to_path(url, std::filesystem::current_path(ec));
  if (!path) return FetchError{FetchErrorKind::file, "not a usable file URL: " + std::string(url)};
  // Regular files only: /dev/zero or a FIFO would never end.
  if (!std::filesystem::is_regular_file(*path, ec))
    return FetchError{FetchErrorKind::file, path->string() + ": not a readable regular file"};
  const auto size = std::filesystem::file_size(*path, ec);
  if (ec) return FetchError{FetchErrorKind::file, path->string() + ": " + ec.message()};
  if (size > max_bytes) return file_too_large(*path, max_bytes);
  std::ifstream in(*path, std::ios::binary);
  if (!in) return FetchError{FetchErrorKind::file, path->string() + ": cannot open"};
  // One byte more than the size we saw, to notice a file that grew past the cap meanwhile.
  std::string body(static_cast<std::size_t>(size) + 1, '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  if (in.bad()) return FetchError{FetchErrorKind::file, path->string() + ": read error"};
  body.resize(static_cast<std::size_t>(in.gcount()));
  if (body.size() > max_bytes) return file_too_large(*path, max_bytes);
  FetchResponse response;
  response.status = 200;
  response.final_url = std::string(url);
  response.body = std::move(body);
  return response;
}

}  // namespace feedd
