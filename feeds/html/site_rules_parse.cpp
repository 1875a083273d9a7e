#include <algorithm>
#include <deque>
#include <optional>

#include "feeds/html/site_rules.hpp"
#include "feeds/ascii.hpp"
#include "feeds/html/site_rules_xpath.hpp"

namespace feeds {
namespace {

using namespace std::string_literals;
using MaybeError = std::optional<Error>;

/// One `name: value` or `name(argument): value` line.
struct Directive {
  std::string name;
  std::optional<std::string> argument;
  std::string value;
};

struct XPathListDirective {
  std::string_view name;
  std::vector<std::string> SiteRules::*field;
  XPathKind kind;
};

constexpr XPathListDirective kXPathLists[] = {
    {"title", &SiteRules::title, XPathKind::any},
    {"body", &SiteRules::body, XPathKind::nodes},
    {"author", &SiteRules::author, XPathKind::any},
    {"date", &SiteRules::date, XPathKind::any},
    {"strip", &SiteRules::strip, XPathKind::nodes},
    {"single_page_link", &SiteRules::single_page_link, XPathKind::any},
    {"next_page_link", &SiteRules::next_page_link, XPathKind::any},
    {"native_ad_clue", &SiteRules::native_ad_clues, XPathKind::nodes},
};

struct TextListDirective {
  std::string_view name;
  std::vector<std::string> SiteRules::*field;
};

constexpr TextListDirective kTextLists[] = {
    {"strip_id_or_class", &SiteRules::strip_id_or_class},
    {"strip_image_src", &SiteRules::strip_image_src},
};

/// Directives of ftr-site-config that we read past: logins, feed-side links and DOM surgery.
constexpr std::string_view kUnsupported[] = {
    "single_page_link_in_feed",
    "if_page_contains",
    "autodetect_next_page",
    "strip_comments",
    "strip_attr",
    "post_strip_attr",
    "insert_detected_image",
    "login_uri",
    "login_username_field",
    "login_password_field",
    "login_extra_fields",
    "not_logged_in_xpath",
    "requires_login",
    "skip_json_ld",
    "src_lazy_load_attr",
    "footnotes",
    "convert_double_br_tags",
    "dissolve",
    "move_into",
    "wrap_in",
    "skip_id_or_class",
    "test_urls",
};

std::string_view trim(std::string_view text) {
  constexpr std::string_view spaces = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

bool is_directive_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// RFC 9110 §5.6.2 token.
bool is_header_name(std::string_view name) {
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    return is_directive_char(c) || extra.find(c) != std::string_view::npos;
  });
}

bool has_control_character(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7F;
  });
}

class SiteRulesParser {
 public:
  explicit SiteRulesParser(std::string_view source) : source_(source) {}

  Result<SiteRules> parse(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      const std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      ++line_;
      if (MaybeError error = parse_line(line)) return *error;
    }
    if (!pending_finds_.empty()) {
      return error_at(pending_finds_.front().second, "find_string without a replace_string");
    }
    return std::move(rules_);
  }

 private:
  MaybeError parse_line(std::string_view line) {
    line = trim(line);
    if (line.empty() || line.front() == '#') return std::nullopt;
    if (line.find('\0') != std::string_view::npos) return error_at(line_, "NUL byte in line");
    std::size_t name_end = 0;
    while (name_end < line.size() && is_directive_char(line[name_end])) ++name_end;
    Directive directive{ascii_lower(line.substr(0, name_end)), std::nullopt, {}};
    std::string_view rest = line.substr(name_end);
    if (!directive.name.empty() && rest.starts_with('(')) {
      const std::size_t close = rest.find("):");
      if (close == std::string_view::npos) {
        return error_at(line_, "expected '): ' after the argument of "s + directive.name);
      }
      directive.argument = std::string(rest.substr(1, close - 1));
      rest = rest.substr(close + 2);
    } else {
      rest = trim(rest);
      if (directive.name.empty() || !rest.starts_with(':')) {
        return error_at(line_, "expected 'directive: value'");
      }
      rest.remove_prefix(1);
    }
    directive.value = std::string(trim(rest));
    return apply(directive);
  }

  MaybeError apply(const Directive& directive) {
    const std::string& name = directive.name;
    if (name == "replace_string") return add_replacement(directive);
    if (name == "http_header") return add_header(directive);
    if (directive.argument && name != "move_into" && name != "wrap_in") {
      warn("directive '"s + name + "' takes no argument; line ignored");
      return std::nullopt;
    }
    for (const XPathListDirective& list : kXPathLists) {
      if (name == list.name) return add_xpath(list, directive.value);
    }
    for (const TextListDirective& list : kTextLists) {
      if (name == list.name) return add_text(rules_.*list.field, name, directive.value);
    }
    if (name == "prune") return read_switch(name, directive.value, rules_.prune);
    if (name == "autodetect_on_failure") {
      return read_switch(name, directive.value, rules_.autodetect_on_failure);
    }
    if (name == "tidy") {
      bool tidy = false;
      if (MaybeError error = read_switch(name, directive.value, tidy)) return error;
      rules_.tidy = tidy;
      return std::nullopt;
    }
    return apply_other(directive);
  }

  MaybeError apply_other(const Directive& directive) {
    const std::string& name = directive.name;
    if (name == "find_string") {
      if (directive.value.empty()) return error_at(line_, "empty find_string");
      pending_finds_.emplace_back(directive.value, line_);
    } else if (name == "test_url") {
      rules_.tests.push_back({directive.value, {}});
    } else if (name == "test_contains") {
      if (rules_.tests.empty()) {
        warn("test_contains before any test_url; ignored");
      } else {
        rules_.tests.back().contains.push_back(directive.value);
      }
    } else if (name == "parser") {
      rules_.parser = directive.value;
    } else if (std::find(std::begin(kUnsupported), std::end(kUnsupported), name) !=
               std::end(kUnsupported)) {
      warn("directive '"s + name + "' is not supported; ignored");
    } else {
      warn("unknown directive '"s + name + "'; ignored");
    }
    return std::nullopt;
  }

  MaybeError add_xpath(const XPathListDirective& list, const std::string& value) {
    Result<std::string> xpath = validate_xpath(value, list.kind);
    if (!xpath) {
      warn(std::string(list.name) + ": " + xpath.error().message + "; rule dropped");
    } else {
      (rules_.*list.field).push_back(std::move(*xpath));
    }
    return std::nullopt;
  }

  MaybeError add_text(std::vector<std::string>& list, const std::string& name,
                      const std::string& value) {
    if (value.empty()) {
      warn(name + " without a value; ignored");
    } else {
      list.push_back(value);
    }
    return std::nullopt;
  }

  MaybeError read_switch(const std::string& name, const std::string& value, bool& out) {
    const std::string answer = ascii_lower(value);
    if (answer != "yes" && answer != "no") {
      return error_at(line_, name + ": expected yes or no, got '" + value + "'");
    }
    out = answer == "yes";
    return std::nullopt;
  }

  /// ftr pairs find_string and replace_string lines in order; replace_string(FIND) is one line.
  MaybeError add_replacement(const Directive& directive) {
    if (directive.argument) {
      if (directive.argument->empty()) return error_at(line_, "empty replace_string() argument");
      rules_.replacements.push_back({*directive.argument, directive.value});
      return std::nullopt;
    }
    if (pending_finds_.empty()) {
      return error_at(line_, "replace_string without a preceding find_string");
    }
    rules_.replacements.push_back({std::move(pending_finds_.front().first), directive.value});
    pending_finds_.pop_front();
    return std::nullopt;
  }

  MaybeError add_header(const Directive& directive) {
    if (!directive.argument) return error_at(line_, "expected http_header(NAME): VALUE");
    const std::string header_name(trim(*directive.argument));
    if (!is_header_name(header_name) || has_control_character(directive.value)) {
      warn("http_header("s + header_name + "): invalid header name or value; ignored");
      return std::nullopt;
    }
    rules_.http_headers.emplace_back(header_name, directive.value);
    return std::nullopt;
  }

  Error error_at(std::size_t line, const std::string& message) const {
    return Error{ErrorCode::invalid_argument,
                 std::string(source_) + ":" + std::to_string(line) + ": " + message};
  }

  void warn(const std::string& message) {
    rules_.warnings.push_back(std::string(source_) + ":" + std::to_string(line_) + ": " + message);
  }

  std::string_view source_;
  std::size_t line_ = 0;
  SiteRules rules_;
  std::deque<std::pair<std::string, std::size_t>> pending_finds_;
};

}  // namespace

Result<SiteRules> parse_site_rules(std::string_view text, std::string_view source_name) {
  try {
    return SiteRulesParser(source_name).parse(text);
  } catch (const std::exception& error) {
    return Error{ErrorCode::invalid_argument, std::string(source_name) + ": " + error.what()};
  }
}

}  // namespace feeds
