#include "feeds/html/html_serialize.hpp"

#include <algorithm>
#include <array>

#include "feeds/html/byte_runs.hpp"
#include "feeds/html/sanitize_policy.hpp"
#include "feeds/html/tree_walk.hpp"

namespace feeds {
namespace {

/// Length of a code point XML 1.0 forbids at the start of `text`, 0 when it is allowed.
std::size_t forbidden_length(std::string_view text) {
  const auto first = static_cast<unsigned char>(text[0]);
  if (first < 0x20) {
    return first == '\t' || first == '\n' || first == '\r' ? 0 : 1;
  }
  const bool noncharacter =
      first == 0xEF && text.size() >= 3 && static_cast<unsigned char>(text[1]) == 0xBF &&
      (static_cast<unsigned char>(text[2]) == 0xBE || static_cast<unsigned char>(text[2]) == 0xBF);
  return noncharacter ? 3 : 0;
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  // The bytes to look at; everything else is copied as it is. Tab, LF and CR are allowed as
  // they are, and '"' needs escaping only in attribute values.
  static constexpr detail::RunStops in_text{{'&', '<', '>', 0xC2, 0xEF, '&'}, {'\t', '\n', '\r'}};
  static constexpr detail::RunStops in_attribute{{'&', '<', '>', 0xC2, 0xEF, '"'},
                                                 {'\t', '\n', '\r'}};
  const auto run_length =
      attribute ? detail::run_length<in_attribute> : detail::run_length<in_text>;
  out.reserve(out.size() + text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t run = i + run_length(text.substr(i));
    out.append(text.substr(i, run - i));
    if (run == text.size()) {
      break;
    }
    i = run;
    const char c = text[i];
    if (const std::size_t skip = forbidden_length(text.substr(i))) {
      i += skip;
      continue;
    }
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      out += "&nbsp;";
      ++i;
    } else {
      out.push_back(c);
    }
    ++i;
  }
}

bool is_raw_text_element(std::string_view name) {
  static constexpr std::array<std::string_view, 8> names = {
      "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "xmp"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool eats_leading_newline(std::string_view name) {
  return name == "pre" || name == "textarea" || name == "listing";
}

void append_start_tag(std::string& out, pugi::xml_node element) {
  out.push_back('<');
  out += element.name();
  for (pugi::xml_attribute attribute : element.attributes()) {
    out.push_back(' ');
    out += attribute.name();
    out += "=\"";
    detail::append_escaped_attribute(out, attribute.value());
    out.push_back('"');
  }
  out.push_back('>');
  const pugi::xml_node first = element.first_child();
  if (eats_leading_newline(element.name()) && first.type() == pugi::node_pcdata &&
      first.value()[0] == '\n') {
    out.push_back('\n');
  }
}

}  // namespace

namespace detail {

void append_escaped_text(std::string& out, std::string_view text) {
  append_escaped(out, text, false);
}

void append_escaped_attribute(std::string& out, std::string_view value) {
  append_escaped(out, value, true);
}

}  // namespace detail

std::string serialize_html_children(pugi::xml_node node) {
  std::string out;
  const auto enter = [&](pugi::xml_node current) {
    if (current.type() == pugi::node_pcdata || current.type() == pugi::node_cdata) {
      if (is_raw_text_element(current.parent().name())) {
        out += current.value();
      } else {
        detail::append_escaped_text(out, current.value());
      }
      return false;
    }
    if (current.type() != pugi::node_element) {
      return false;
    }
    append_start_tag(out, current);
    return !detail::is_void_element(current.name());
  };
  const auto leave = [&](pugi::xml_node current) {
    out.append("</").append(current.name()).push_back('>');
  };
  detail::walk_tree(node, enter, leave);
  return out;
}

}  // namespace feeds
