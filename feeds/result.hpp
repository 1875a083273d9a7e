#pragma once
/// Results, not exceptions: every fallible function of the feeds library returns Result<T>.

#include <string>
#include <utility>
#include <variant>

namespace feeds {

/// The closed set of reasons a feeds operation fails.
enum class ErrorCode {
  not_a_feed,      ///< the document is not RSS, Atom, RDF or JSON Feed (HTML page, OPML, empty)
  malformed,       ///< could not be parsed, not even leniently
  too_large,       ///< input exceeds a size cap
  too_deep,        ///< nesting exceeds the depth cap
  encoding,        ///< bytes cannot be decoded in any supported encoding
  invalid_argument ///< a caller-supplied value is unusable (bad URL, bad selector)
};

/// Short lower-case name of a code, for messages and JSON.
const char* to_string(ErrorCode code) noexcept;

/// An error: a code plus a message naming the module and the place ("rss: line 12: ...").
struct Error {
  ErrorCode code = ErrorCode::malformed;
  std::string message;
};

/// Either a value or an Error.
template <class T>
class Result {
public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(state_); }

private:
  std::variant<T, Error> state_;
};

}  // namespace feeds
