#pragma once
/// XPath 1.0 for site rules and selectors: checking expressions when rules are read, and
/// evaluating them on a page so that a failing expression is a warning, never an exception.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "feeds/result.hpp"

namespace feeds {

/// What an XPath expression must evaluate to.
enum class XPathKind {
  nodes,  ///< a node set (content and remove selectors, body and strip rules)
  any     ///< a node set or a string, number or boolean (title, author and date rules)
};

/// Compiles an XPath 1.0 expression with pugixml and returns it trimmed; an error
/// (invalid_argument, "xpath: position N: ...", N counted in bytes from 1) when it does not
/// compile or, for XPathKind::nodes, does not select nodes. Never throws.
Result<std::string> validate_xpath(std::string_view xpath, XPathKind kind = XPathKind::nodes);

/// True when `xpath` compiles and evaluates to a node set.
bool xpath_selects_nodes(std::string_view xpath);

/// `text` as an XPath 1.0 string literal; XPath has no escapes, so a value holding both quote
/// kinds becomes a concat() of pieces.
std::string xpath_string_literal(std::string_view text);

/// An XPath predicate (without brackets) true when the whitespace-separated list in
/// `attribute` holds `token`; "false()" for an empty token or one with spaces, which no list holds.
std::string xpath_token_predicate(std::string_view attribute, std::string_view token);

/// The XPath predicate (without brackets) for the CSS attribute selector [attribute OP value],
/// OP one of = ~= |= ^= $= *= (Selectors Level 4 §6.2–6.3); XPath 1.0 has no ends-with(), so
/// $= compares a substring.
std::string xpath_attribute_predicate(std::string_view attribute, std::string_view op,
                                      std::string_view value);

/// The nodes `xpath` selects below `context`, in document order. An expression that fails to
/// compile or evaluate selects nothing and appends "xpath 'EXPR': REASON" to `warnings`.
std::vector<pugi::xpath_node> select_xpath_nodes(pugi::xml_node context, std::string_view xpath,
                                                 std::vector<std::string>* warnings = nullptr);

/// The text of a selected node: an attribute's value, a text node's value, or an element's
/// descendant text (script and style left out); whitespace collapsed and trimmed.
std::string xpath_node_text(const pugi::xpath_node& node);

/// `xpath` evaluated as text: for a node set the text of its first node with any, otherwise the
/// string value of the result, whitespace collapsed; nullopt when that is empty or the
/// expression fails (with a warning, as in select_xpath_nodes).
std::optional<std::string> select_xpath_text(pugi::xml_node context, std::string_view xpath,
                                             std::vector<std::string>* warnings = nullptr);

}  // namespace feeds
