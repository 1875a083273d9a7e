#pragma once
/// One merged feed rendered straight from a Store, on the calling thread: `feedd render`.
/// (The daemon renders through Publisher, off the event loop.)

#include <string>
#include <string_view>

#include "daemon/config/config.hpp"
#include "daemon/publish/output_format.hpp"
#include "daemon/publish/output_selector.hpp"
#include "daemon/storage/store.hpp"
#include "feeds/write/merged_feed.hpp"

namespace feedd {

/// The output's items, read a page at a time until the selector's limit is filled.
std::vector<ItemRecord> collect_output_items(Store& store, const OutputSelector& selector,
                                             const std::vector<FeedRecord>& feeds);

/// The output as a MergedFeed with self links under `base_url`.
feeds::MergedFeed load_merged_feed(Store& store, const OutputSelector& selector,
                                   OutputFormat format, std::string_view base_url);

/// The output's document in `format`.
std::string render_output(Store& store, const OutputConfig& output, OutputFormat format,
                          std::string_view base_url);

}  // namespace feedd
