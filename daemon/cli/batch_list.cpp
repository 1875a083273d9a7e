#include "daemon/cli/batch_list.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

namespace feedd {
namespace {

struct BatchLine {
  std::string id, input, url, output;
};

std::optional<BatchLine> split_batch_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  if (fields.size() != 4) return std::nullopt;
  return BatchLine{fields[0], fields[1], fields[2], fields[3]};
}

/// Converts one entry; returns false when the list itself has a problem (output unwritable).
bool run_entry(const BatchLine& entry, const BatchConverter& convert) {
  std::string error;
  auto output = convert(entry.input, entry.url, error);
  if (!output) {
    std::cerr << entry.id << ": " << error << "\n";
    return true;  // a document that is not a feed / has no article: no output file (interfaces.md)
  }
  std::ofstream out(entry.output, std::ios::binary | std::ios::trunc);
  out << *output << "\n";
  if (out) return true;
  std::cerr << entry.id << ": " << entry.output << ": cannot write output\n";
  return false;
}

}  // namespace

int run_batch_list(const std::string& list_path, const char* command, const BatchConverter& convert) {
  std::ifstream list(list_path);
  if (!list) {
    std::cerr << "feedd " << command << ": " << list_path << ": cannot open batch list\n";
    return 1;
  }
  int failures = 0;
  std::string line;
  for (int line_number = 1; std::getline(list, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto entry = split_batch_line(line);
    if (!entry) {
      std::cerr << list_path << ":" << line_number << ": expected ID<TAB>INPUT_PATH<TAB>URL<TAB>OUTPUT_PATH\n";
      ++failures;
      continue;
    }
    if (!run_entry(*entry, convert)) ++failures;
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace feedd
