#include "feeds/html/extract_similarity.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace feeds::detail {
namespace {

std::vector<std::string> ascii_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if (letter) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::size_t joined_length(const std::vector<std::string>& words) {
  std::size_t length = words.empty() ? 0 : words.size() - 1;
  for (const std::string& word : words) length += word.size();
  return length;
}

}  // namespace

double text_similarity(std::string_view a, std::string_view b) {
  const std::vector<std::string> words_a = ascii_words(a);
  const std::vector<std::string> words_b = ascii_words(b);
  if (words_a.empty() || words_b.empty()) return 0;
  std::vector<std::string> unique_b;
  for (const std::string& word : words_b) {
    if (std::find(words_a.begin(), words_a.end(), word) == words_a.end()) unique_b.push_back(word);
  }
  const double distance =
      static_cast<double>(joined_length(unique_b)) / static_cast<double>(joined_length(words_b));
  return 1 - distance;
}

}  // namespace feeds::detail
