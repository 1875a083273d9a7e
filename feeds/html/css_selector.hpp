#pragma once
/// Per-feed content selectors and site rules address HTML with XPath 1.0 (pugixml); this turns
/// the CSS that users write into XPath and checks XPath that is written by hand.

#include <string>
#include <string_view>

#include "feeds/result.hpp"

namespace feeds {

/// True when `selector` is meant as XPath rather than CSS: it starts with '/', "./" or '(' or
/// contains "[@" (leading whitespace ignored).
bool looks_like_xpath(std::string_view selector);

/// A CSS selector or an XPath expression as XPath 1.0. XPath (see looks_like_xpath) is
/// validated and returned as written. CSS supports type selectors, '*', #id, .class, [attr],
/// [attr=v], [attr~=v], [attr|=v], [attr^=v], [attr$=v], [attr*=v], compound selectors,
/// the descendant (space) and child ('>') combinators and groups (','). Names are matched
/// lower-case, as dom.hpp builds them. Anything else (pseudo-classes, '+', '~', namespaces)
/// is an invalid_argument error "css: position N: unsupported ...". Never throws.
Result<std::string> compile_selector(std::string_view css_or_xpath);

}  // namespace feeds
