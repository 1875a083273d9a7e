#pragma once
/// The one exception storage lets out. Every public Store operation catches SQLiteCpp's
/// exceptions at its boundary, rolls its transaction back, and rethrows them as a StorageError
/// whose message names the database file and the operation.

#include <stdexcept>
#include <string>

namespace feedd {

/// A storage operation failed; its transaction (if any) was rolled back completely.
class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace feedd
