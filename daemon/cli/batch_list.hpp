#pragma once
/// `--batch LIST` of `feedd parse` and `feedd extract`: one document per line,
/// ID<TAB>INPUT<TAB>URL<TAB>OUTPUT_PATH, each result written to OUTPUT_PATH, in one process.

#include <functional>
#include <optional>
#include <string>

namespace feedd {

/// Turns one input (path or URL, with its URL column) into the output text, or returns nullopt
/// and sets `error`.
using BatchConverter =
    std::function<std::optional<std::string>(const std::string& input, const std::string& url, std::string& error)>;

/// Runs `convert` on every line of the list. A document that fails gets no output file and one
/// line on stderr ("ID: message"); malformed lines and unwritable outputs make the exit code 1.
int run_batch_list(const std::string& list_path, const char* command, const BatchConverter& convert);

}  // namespace feedd
