#include "daemon/publish/output_selector.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include <boost/regex.hpp>

#include "daemon/config/filter_regex.hpp"
#include "feeds/html/text.hpp"

namespace feedd {

// Matching runs on Boost.Regex, not the std::regex that validates the config: libstdc++ takes
// 30 s for ".*needle" over 16 KiB of text and recurses per character, while Boost.Regex is
// linear there and bounds backtracking with an exception. Its Perl syntax is ECMAScript's plus
// the inline "(?i)" that filter_regex.hpp emulates.
struct FilterPattern {
  boost::regex regex;
};

namespace {

using namespace std::string_literals;

[[noreturn]] void throw_invalid(const OutputConfig& output, std::string_view key,
                                std::string_view error) {
  throw std::invalid_argument("output \""s + output.name + "\": " + std::string(key) + ": " +
                              std::string(error));
}

std::shared_ptr<const FilterPattern> compile_or_throw(const OutputConfig& output,
                                                      const std::optional<std::string>& pattern,
                                                      std::string_view key) {
  if (!pattern) return nullptr;
  std::string error;
  if (!compile_filter_regex(*pattern, error)) throw_invalid(output, key, error);
  try {
    return std::make_shared<const FilterPattern>(FilterPattern{boost::regex(*pattern)});
  } catch (const boost::regex_error& failure) {
    throw_invalid(output, key, failure.what());
  }
}

/// Whether the pattern occurs in `text`; `undecided` when the engine gave up on it.
bool search(const FilterPattern& pattern, const std::string& text, bool undecided) {
  try {
    // As in ECMAScript, '.' stops at line ends, so ".*" spans a paragraph, not the story.
    return boost::regex_search(text, pattern.regex, boost::match_not_dot_newline);
  } catch (const std::runtime_error&) {
    return undecided;
  }
}

bool shares_a_tag(const std::vector<std::string>& wanted, const std::vector<std::string>& tags) {
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& tag) {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
  });
}

/// Cuts at most `max` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool non_empty(const std::optional<std::string>& text) { return text && !text->empty(); }

}  // namespace

OutputSelector::OutputSelector(OutputConfig output)
    : output_(std::move(output)),
      include_(compile_or_throw(output_, output_.include, "include")),
      exclude_(compile_or_throw(output_, output_.exclude, "exclude")) {}

std::vector<FeedId> OutputSelector::select_feeds(const std::vector<FeedRecord>& feeds) const {
  std::vector<FeedId> ids;
  for (const auto& feed : feeds) {
    if (!feed.configured) continue;
    if (output_.tags.empty() || shares_a_tag(output_.tags, feed.tags)) ids.push_back(feed.id);
  }
  return ids;
}

bool OutputSelector::matches(const ItemRecord& item) const {
  if (!filters()) return true;
  const std::string text = item_filter_text(item);
  if (include_ && !search(*include_, text, false)) return false;
  return !(exclude_ && search(*exclude_, text, true));
}

std::string item_plain_text(const ItemRecord& item) {
  if (item.full_text_status == FullTextStatus::done && non_empty(item.full_text_text)) {
    return *item.full_text_text;
  }
  if (non_empty(item.content_html)) return feeds::html_to_text(*item.content_html);
  if (non_empty(item.summary)) return *item.summary;
  return {};
}

std::string item_filter_text(const ItemRecord& item) {
  std::string text = item.title.value_or("");
  text += '\n';
  text += item_plain_text(item);
  return std::string(utf8_prefix(text, max_filter_text_bytes));
}

ItemCollector::ItemCollector(const OutputSelector& selector, std::vector<FeedId> feed_ids)
    : selector_(selector),
      feed_ids_(std::move(feed_ids)),
      limit_(static_cast<std::size_t>(std::max(selector.output().limit, 0))),
      // Filters drop items, so a filtered output reads larger pages; both stay bounded.
      page_size_(std::clamp<std::size_t>(selector.filters() ? 4 * limit_ : limit_, 50, 500)),
      done_(feed_ids_.empty() || limit_ == 0) {}

void ItemCollector::take_page(std::vector<ItemRecord> page, std::vector<StorySources> stories) {
  if (done_) return;
  if (page.size() < page_size_) done_ = true;
  if (!page.empty()) cursor_ = Store::ItemCursor{page.back().sort_date(), page.back().id};
  std::unordered_map<ItemId, StorySources*> story_of;
  for (auto& story : stories) story_of.emplace(story.item_id, &story);
  for (auto& item : page) {
    if (stories_.size() >= limit_) break;
    if (!selector_.matches(item)) continue;
    auto found = story_of.find(item.id);
    StorySources sources = found != story_of.end() ? std::move(*found->second) : StorySources{};
    if (sources.story_id != 0 && !story_ids_.insert(sources.story_id).second) continue;
    sources.item_id = item.id;
    stories_.push_back(SelectedStory{std::move(item), std::move(sources)});
  }
  if (stories_.size() >= limit_) done_ = true;
}

std::vector<ItemRecord> ItemCollector::take_items() {
  std::vector<ItemRecord> items;
  items.reserve(stories_.size());
  for (auto& story : stories_) items.push_back(std::move(story.item));
  stories_.clear();
  return items;
}

}  // namespace feedd
