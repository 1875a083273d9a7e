#include "daemon/storage/full_text_policy.hpp"

namespace feedd {
namespace {

bool carries_only_summary(const feeds::Item& item) {
  if (!item.content_text || item.content_text->empty()) return true;
  // The parser fills content from the description/summary when there is nothing richer, so
  // content equal to the summary means the publisher sent a summary (parse-output.md §3).
  return item.summary && *item.summary == *item.content_text &&
         item.content_text->size() < summary_only_max_bytes;
}

}  // namespace

bool needs_full_text(const feeds::Item& item, FullTextMode mode) {
  if (mode == FullTextMode::never || !item.url || item.url->empty()) return false;
  if (mode == FullTextMode::always) return true;
  return carries_only_summary(item);
}

}  // namespace feedd
