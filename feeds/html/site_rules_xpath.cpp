#include "feeds/html/site_rules_xpath.hpp"

#include <cstring>
#include <exception>

#include "feeds/html/text.hpp"
#include "feeds/html/tree_walk.hpp"

namespace feeds {
namespace {

using namespace std::string_literals;

std::string_view trim_spaces(std::string_view text) {
  constexpr std::string_view spaces = " \t\n\r\f\v";
  const std::size_t first = text.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

void warn(std::vector<std::string>* warnings, std::string_view xpath, std::string_view reason) {
  if (warnings != nullptr) {
    warnings->push_back("xpath '"s + std::string(xpath) + "': " + std::string(reason));
  }
}

bool is_unrendered_text_container(pugi::xml_node node) {
  return std::strcmp(node.name(), "script") == 0 || std::strcmp(node.name(), "style") == 0;
}

std::string element_text(pugi::xml_node element) {
  std::string text;
  detail::walk_tree(
      element,
      [&](pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
          text += node.value();
        }
        return node.type() == pugi::node_element && !is_unrendered_text_container(node);
      },
      [](pugi::xml_node) {});
  return text;
}

}  // namespace

Result<std::string> validate_xpath(std::string_view xpath, XPathKind kind) {
  std::string expression(trim_spaces(xpath));
  if (expression.empty()) return Error{ErrorCode::invalid_argument, "xpath: empty expression"};
  try {
    const pugi::xpath_query query(expression.c_str());
    if (kind == XPathKind::nodes && query.return_type() != pugi::xpath_type_node_set) {
      return Error{ErrorCode::invalid_argument, "xpath: expression does not select nodes"};
    }
    return expression;
  } catch (const pugi::xpath_exception& error) {
    return Error{ErrorCode::invalid_argument, "xpath: position "s +
                                                  std::to_string(error.result().offset + 1) + ": " +
                                                  error.result().description()};
  } catch (const std::exception& error) {
    return Error{ErrorCode::invalid_argument, "xpath: "s + error.what()};
  }
}

bool xpath_selects_nodes(std::string_view xpath) {
  return validate_xpath(xpath, XPathKind::nodes).has_value();
}

std::string xpath_string_literal(std::string_view text) {
  if (text.find('\'') == std::string_view::npos) return "'"s + std::string(text) + "'";
  if (text.find('"') == std::string_view::npos) return "\""s + std::string(text) + "\"";
  std::string out = "concat(";
  std::size_t start = 0;
  while (true) {
    const std::size_t quote = text.find('\'', start);
    const std::string_view piece = text.substr(start, quote - start);
    if (!piece.empty()) out += "'"s + std::string(piece) + "', ";
    if (quote == std::string_view::npos) break;
    out += "\"'\", ";
    start = quote + 1;
  }
  out.resize(out.size() - 2);
  return out + ")";
}

std::string xpath_token_predicate(std::string_view attribute, std::string_view token) {
  if (token.empty() || token.find_first_of(" \t\n\r\f") != std::string_view::npos) {
    return "false()";  // a whitespace-separated token can be neither empty nor hold spaces
  }
  return "contains(concat(' ', normalize-space(@"s + std::string(attribute) + "), ' '), " +
         xpath_string_literal(" "s + std::string(token) + " ") + ")";
}

std::string xpath_attribute_predicate(std::string_view attribute, std::string_view op,
                                      std::string_view value) {
  const std::string name = "@"s + std::string(attribute);
  const std::string literal = xpath_string_literal(value);
  if (op == "=") return name + " = " + literal;
  if (op == "~=") return xpath_token_predicate(attribute, value);
  if (op == "|=")
    return name + " = " + literal + " or starts-with(" + name + ", " +
           xpath_string_literal(std::string(value) + "-") + ")";
  if (value.empty()) return "false()";  // ^=, $=, *= with "" represent nothing
  if (op == "^=") return "starts-with("s + name + ", " + literal + ")";
  if (op == "*=") return "contains("s + name + ", " + literal + ")";
  // XPath 1.0 has no ends-with().
  return "substring("s + name + ", string-length(" + name + ") - string-length(" + literal +
         ") + 1) = " + literal;
}

std::vector<pugi::xpath_node> select_xpath_nodes(pugi::xml_node context, std::string_view xpath,
                                                 std::vector<std::string>* warnings) {
  const std::string expression(trim_spaces(xpath));
  try {
    const pugi::xpath_query query(expression.c_str());
    pugi::xpath_node_set selected = query.evaluate_node_set(context);
    selected.sort();
    return {selected.begin(), selected.end()};
  } catch (const std::exception& error) {
    warn(warnings, expression, error.what());
    return {};
  }
}

std::string xpath_node_text(const pugi::xpath_node& node) {
  if (node.attribute()) return collapse_whitespace(node.attribute().value());
  const pugi::xml_node selected = node.node();
  if (selected.type() == pugi::node_element || selected.type() == pugi::node_document) {
    return collapse_whitespace(element_text(selected));
  }
  return collapse_whitespace(selected.value());
}

std::optional<std::string> select_xpath_text(pugi::xml_node context, std::string_view xpath,
                                             std::vector<std::string>* warnings) {
  const std::string expression(trim_spaces(xpath));
  try {
    const pugi::xpath_query query(expression.c_str());
    std::string text;
    if (query.return_type() == pugi::xpath_type_node_set) {
      pugi::xpath_node_set selected = query.evaluate_node_set(context);
      selected.sort();
      for (const pugi::xpath_node& node : selected) {
        text = xpath_node_text(node);
        if (!text.empty()) break;
      }
    } else {
      text = collapse_whitespace(query.evaluate_string(context));
    }
    if (text.empty()) return std::nullopt;
    return text;
  } catch (const std::exception& error) {
    warn(warnings, expression, error.what());
    return std::nullopt;
  }
}

}  // namespace feeds
