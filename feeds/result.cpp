#include "feeds/result.hpp"

namespace feeds {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::not_a_feed: return "not_a_feed";
    case ErrorCode::malformed: return "malformed";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::too_deep: return "too_deep";
    case ErrorCode::encoding: return "encoding";
    case ErrorCode::invalid_argument: return "invalid_argument";
  }
  return "unknown";
}

}  // namespace feeds
