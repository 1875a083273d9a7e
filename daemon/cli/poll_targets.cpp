#include "daemon/cli/poll_targets.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/url/parse.hpp>

#include "daemon/config/default_path.hpp"

namespace feedd {
namespace {

bool starts_with_scheme(const std::string& text, std::string_view scheme) {
  return text.size() > scheme.size() && text.compare(0, scheme.size(), scheme) == 0;
}

std::string file_url_of(const std::filesystem::path& path) {
  // Percent-encode what a path may hold but a URL may not.
  std::string url = "file://";
  for (char c : std::filesystem::absolute(path).lexically_normal().string()) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '%' || c == '#' || c == '?') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 15];
    } else {
      url += c;
    }
  }
  return url;
}

}  // namespace

CommandConfig load_command_config(const std::string& config_path, const char* command) {
  CommandConfig result;
  std::optional<std::filesystem::path> path;
  if (!config_path.empty()) path = config_path;
  if (!path) path = find_default_config();
  if (!path) {
    result.ok = true;
    return result;
  }
  auto loaded = load_config(*path);
  result.ok = loaded.ok();
  result.config = std::move(loaded.config);
  for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << "\n";
  if (!result.ok)
    std::cerr << "feedd " << command << ": " << path->string() << ": " << loaded.problems.size()
              << " problem(s); nothing done\n";
  return result;
}

std::optional<std::string> normalize_command_url(const std::string& text) {
  if (starts_with_scheme(text, "http://") || starts_with_scheme(text, "https://")) {
    if (!boost::urls::parse_uri(text)) return std::nullopt;
    return text;
  }
  if (starts_with_scheme(text, "file://")) return text;
  std::error_code error;
  if (!text.empty() && std::filesystem::is_regular_file(text, error)) return file_url_of(text);
  return std::nullopt;
}

std::optional<std::vector<std::string>> read_command_urls(const std::vector<std::string>& feeds,
                                                          const std::string& urls_file) {
  std::vector<std::string> urls;
  bool ok = true;
  auto add = [&](const std::string& text, const std::string& where) {
    if (auto url = normalize_command_url(text)) {
      urls.push_back(std::move(*url));
      return;
    }
    std::cerr << where << ": \"" << text << "\" is not an http(s) URL, a file:// URL or a readable file\n";
    ok = false;
  };
  for (const auto& feed : feeds) add(feed, "--feed");
  if (!urls_file.empty()) {
    std::ifstream in(urls_file);
    if (!in) {
      std::cerr << urls_file << ": cannot open the URL list\n";
      return std::nullopt;
    }
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
      auto start = line.find_first_not_of(" \t");
      if (start == std::string::npos || line[start] == '#') continue;
      add(line.substr(start), urls_file + ":" + std::to_string(number));
    }
  }
  if (!ok) return std::nullopt;
  return urls;
}

std::vector<boost::asio::ip::tcp::endpoint> endpoints_of_named_hosts(const std::vector<std::string>& urls) {
  std::set<std::pair<std::string, std::string>> hosts;
  for (const auto& url : urls) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https")) continue;
    std::string port = parsed->has_port() ? std::string(parsed->port()) : std::string(parsed->scheme());
    hosts.emplace(std::string(parsed->encoded_host_address()), port);
  }
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  std::vector<boost::asio::ip::tcp::endpoint> endpoints;
  for (const auto& [host, port] : hosts) {
    boost::system::error_code error;
    auto results = resolver.resolve(host, port, error);
    if (error) continue;  // the fetch will report the DNS failure for its feed
    for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  }
  return endpoints;
}

}  // namespace feedd
