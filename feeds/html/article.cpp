#include "feeds/html/article.hpp"

namespace feeds {

const char* to_string(ExtractMethod method) noexcept {
  switch (method) {
    case ExtractMethod::site_rule: return "site_rule";
    case ExtractMethod::selector: return "selector";
    case ExtractMethod::readability: return "readability";
    case ExtractMethod::item_prop: return "item_prop";
    case ExtractMethod::json_ld: return "json_ld";
  }
  return "unknown";
}

}  // namespace feeds
