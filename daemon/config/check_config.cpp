#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <map>

#include "daemon/config/sections.hpp"
#include "daemon/config/units.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

/// The key two feed URLs are compared by: RFC 3986 normalization (case of scheme and host,
/// percent-escapes, dot segments), so "HTTP://Example.org/a/../feed" repeats
/// "http://example.org/feed".
std::string duplicate_key(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return url;
  boost::urls::url normalized(*parsed);
  normalized.normalize();
  return std::string(normalized.buffer());
}

void check_intervals(const Config& config, const IntervalLocations& where,
                     ConfigProblems& problems) {
  const PollSettings& poll = config.poll;
  if (poll.min_interval > poll.max_interval) {
    add_problem(problems, where.bounds,
                "poll.min_interval ("s + format_duration(poll.min_interval) +
                    ") is greater than poll.max_interval ("s + format_duration(poll.max_interval) +
                    ")");
    return;
  }
  auto outside = [&](Seconds interval) {
    return interval < poll.min_interval || interval > poll.max_interval;
  };
  const std::string bounds =
      "["s + format_duration(poll.min_interval) + ", "s + format_duration(poll.max_interval) + "]";
  if (outside(poll.interval)) {
    add_problem(problems, where.interval,
                "poll.interval ("s + format_duration(poll.interval) +
                    ") is outside poll.min_interval..max_interval "s + bounds);
  }
  for (const FeedConfig& feed : config.feeds) {
    if (feed.interval && outside(*feed.interval)) {
      add_problem(problems, feed.origin,
                  "feed.interval ("s + format_duration(*feed.interval) +
                      ") is outside poll.min_interval..max_interval "s + bounds);
    }
  }
}

void check_duplicate_feeds(std::vector<FeedConfig>& feeds, ConfigProblems& problems) {
  std::map<std::string, SourceLocation> first_seen;
  std::vector<FeedConfig> unique;
  for (FeedConfig& feed : feeds) {
    auto [previous, inserted] = first_seen.emplace(duplicate_key(feed.url), feed.origin);
    if (!inserted) {
      add_problem(
          problems, feed.origin,
          "feed \""s + feed.url + "\" is already defined at "s + previous->second.to_string());
      continue;
    }
    unique.push_back(std::move(feed));
  }
  feeds = std::move(unique);
}

void check_duplicate_outputs(std::vector<OutputConfig>& outputs, ConfigProblems& problems) {
  std::map<std::string, SourceLocation> first_seen;
  std::vector<OutputConfig> unique;
  for (OutputConfig& output : outputs) {
    auto [previous, inserted] = first_seen.emplace(output.name, output.origin);
    if (!inserted) {
      add_problem(
          problems, output.origin,
          "output \""s + output.name + "\" is already defined at "s + previous->second.to_string());
      continue;
    }
    unique.push_back(std::move(output));
  }
  outputs = std::move(unique);
}

bool has_output(const std::vector<OutputConfig>& outputs, std::string_view name) {
  for (const OutputConfig& output : outputs) {
    if (output.name == name) return true;
  }
  return false;
}

}  // namespace

void check_whole_config(Config& config, const IntervalLocations& interval_locations,
                        ConfigProblems& problems) {
  check_intervals(config, interval_locations, problems);
  check_duplicate_feeds(config.feeds, problems);
  check_duplicate_outputs(config.outputs, problems);
  if (!has_output(config.outputs, default_output_name)) {
    OutputConfig all;
    all.name = default_output_name;
    all.title = "All feeds";
    config.outputs.push_back(std::move(all));
  }
}

}  // namespace feedd
