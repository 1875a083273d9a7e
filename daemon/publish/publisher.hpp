#pragma once
/// The daemon's published documents: every [[output]] in Atom, RSS and JSON Feed, and the
/// subscriptions as OPML (interfaces.md "HTTP"). Each document is rendered once, off the event
/// loop, and served from memory with its gzip form, ETag and Last-Modified until invalidate()
/// says stored items changed; the next request then renders it again.
///
/// Not thread-safe: call every method from the event loop thread (PollEvents::items_changed
/// runs there too).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "daemon/app/storage_owner.hpp"
#include "daemon/config/config.hpp"
#include "daemon/publish/output_format.hpp"
#include "daemon/publish/output_selector.hpp"
#include "daemon/publish/rendering.hpp"
#include "daemon/runtime/worker_pool.hpp"
#include "daemon/server/reply.hpp"

namespace feedd {

/// The Content-Type of /opml.
inline constexpr std::string_view opml_content_type = "text/x-opml; charset=utf-8";

class Publisher {
 public:
  /// Publishes `config`'s outputs and subscriptions, reading through `storage` and rendering
  /// on `cpu` (both must outlive the Publisher). `base_url` ("http://127.0.0.1:8080", no
  /// trailing slash) anchors the documents' self links. Throws std::invalid_argument when an
  /// output's regex does not compile (load_config refuses such a file first).
  Publisher(const Config& config, StorageOwner& storage, WorkerPool& cpu, std::string base_url);

  /// Stored items changed: every document is rendered again on its next request.
  void invalidate();

  /// A reloaded config: its outputs and subscriptions replace the old ones; cached documents
  /// are dropped. Throws like the constructor, leaving the old configuration in place.
  void reconfigure(const Config& config);

  /// The output `name` in `format`, from the cache or rendered now; nullopt when there is no
  /// such output (the router answers 404). StorageError from the database reaches the caller.
  boost::asio::awaitable<std::optional<Reply>> serve_output(std::string_view name,
                                                            OutputFormat format);

  /// The configured subscriptions as OPML 2.0, cached like the outputs.
  boost::asio::awaitable<Reply> serve_opml();

 private:
  struct Cached {
    Rendering rendering;
    std::uint64_t generation = 0;
  };
  using Selectors = std::vector<std::shared_ptr<const OutputSelector>>;

  std::shared_ptr<const OutputSelector> find_output(std::string_view name) const;
  const Rendering* cached(const std::string& key) const;
  void remember(const std::string& key, const Rendering& rendering, std::uint64_t generation);
  boost::asio::awaitable<Rendering> render_output(const OutputSelector& selector,
                                                  OutputFormat format);
  boost::asio::awaitable<Rendering> render_opml(
      const std::vector<FeedConfig>& subscriptions);

  StorageOwner& storage_;
  WorkerPool& cpu_;
  std::string base_url_;
  Selectors outputs_;
  std::shared_ptr<const std::vector<FeedConfig>> subscriptions_;
  std::map<std::string, Cached, std::less<>> cache_;  // "NAME.FORMAT", or "/opml"
  std::uint64_t generation_ = 0;
};

}  // namespace feedd
