#include "feeds/html/page_charset.hpp"
#include "feeds/ascii.hpp"

#include <optional>

#include "feeds/parse/encoding.hpp"

namespace feeds {
namespace {

constexpr std::size_t kPrescanBytes = 4096;


/// The value after "charset=" in `text` (a meta content or charset attribute), unquoted.
std::string charset_value(std::string_view text, std::size_t from) {
  while (from < text.size() && (text[from] == ' ' || text[from] == '"' || text[from] == '\'')) {
    ++from;
  }
  std::size_t end = from;
  while (end < text.size() && text[end] != '"' && text[end] != '\'' && text[end] != ';' &&
         text[end] != ' ' && text[end] != '>' && text[end] != '/') {
    ++end;
  }
  return std::string(text.substr(from, end - from));
}

/// WHATWG: a page cannot declare itself UTF-16 in ASCII; such a declaration means UTF-8.
std::string browser_label(std::string label) {
  if (label.starts_with("utf-16") || label.starts_with("utf16")) return "utf-8";
  if (label == "x-user-defined") return "windows-1252";
  return label;
}

std::optional<std::string> decode_as(std::string_view bytes, const std::string& label) {
  if (label.empty()) return std::nullopt;
  if (label == "utf-8" || label == "utf8") {
    return repair_utf8(bytes);  // declared UTF-8 with a few bad bytes is still UTF-8
  }
  return convert_to_utf8(bytes, label);
}

bool is_valid_utf8(std::string_view bytes) {
  std::optional<std::string> converted = convert_to_utf8(bytes, "utf-8");
  return converted.has_value();
}

}  // namespace

std::string find_meta_charset(std::string_view head) {
  const std::string text = ascii_lower(head.substr(0, kPrescanBytes));
  for (std::size_t meta = text.find("<meta"); meta != std::string::npos;
       meta = text.find("<meta", meta + 5)) {
    const std::size_t close = text.find('>', meta);
    const std::string_view tag = std::string_view(text).substr(meta, close - meta);
    const std::size_t charset = tag.find("charset");
    if (charset == std::string_view::npos) continue;
    std::size_t equals = charset + 7;
    while (equals < tag.size() && tag[equals] == ' ') ++equals;
    if (equals >= tag.size() || tag[equals] != '=') continue;
    std::string value = charset_value(tag, equals + 1);
    if (!value.empty()) return value;
  }
  return {};
}

bool looks_like_binary(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return false;
  const std::string_view head = bytes.substr(0, 1024);
  std::size_t controls = 0;
  for (char c : head) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) return true;
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f') ++controls;
  }
  return controls * 10 > head.size();
}

DecodedPage decode_html_page(std::string_view bytes, std::string_view content_type) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return {repair_utf8(bytes.substr(3)), "utf-8"};
  if (bytes.starts_with("\xFF\xFE")) {
    if (auto text = convert_to_utf8(bytes.substr(2), "utf-16le")) return {*text, "utf-16le"};
  }
  if (bytes.starts_with("\xFE\xFF")) {
    if (auto text = convert_to_utf8(bytes.substr(2), "utf-16be")) return {*text, "utf-16be"};
  }
  for (std::string label : {charset_from_content_type(content_type), find_meta_charset(bytes)}) {
    label = browser_label(std::move(label));
    if (auto text = decode_as(bytes, label)) return {std::move(*text), label};
  }
  if (is_valid_utf8(bytes)) return {std::string(bytes), "utf-8"};
  if (auto text = convert_to_utf8(bytes, "windows-1252")) return {std::move(*text), "windows-1252"};
  return {repair_utf8(bytes), "utf-8"};
}

}  // namespace feeds
