// Candidate scoring, the choice of the top candidate and sibling joining of Readability's
// grabArticle, and the retry loop around them.
#include <algorithm>
#include <cmath>

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_patterns.hpp"
#include "feeds/html/extract_readability.hpp"

namespace feeds::detail {
namespace {

constexpr std::size_t kTopCandidates = 5;

/// 1 + the number of commas (Latin, Arabic, CJK and small forms), as split().length counts.
std::size_t comma_pieces(std::string_view text) {
  std::size_t pieces = 1;
  for (std::string_view comma : {",", "\xD8\x8C", "\xEF\xB9\x90", "\xEF\xB8\x90", "\xEF\xB8\x91",
                                 "\xE2\xB9\x81", "\xE2\xB8\xB4", "\xE2\xB8\xB2", "\xEF\xBC\x8C"}) {
    for (std::size_t at = text.find(comma); at != text.npos; at = text.find(comma, at + 1)) {
      ++pieces;
    }
  }
  return pieces;
}

std::vector<pugi::xml_node> ancestors_of(pugi::xml_node node, std::size_t max_depth) {
  std::vector<pugi::xml_node> ancestors;
  for (pugi::xml_node parent = node.parent(); parent && is_element(parent);
       parent = parent.parent()) {
    ancestors.push_back(parent);
    if (max_depth != 0 && ancestors.size() == max_depth) break;
  }
  return ancestors;
}

/// Gives each paragraph's score to its parent (full), grandparent (half) and further
/// ancestors (a third of the level); returns the scored ancestors in first-seen order.
std::vector<pugi::xml_node> score_paragraphs(const std::vector<pugi::xml_node>& paragraphs,
                                             ScoreTable& scores, const GrabFlags& flags) {
  std::vector<pugi::xml_node> candidates;
  for (pugi::xml_node paragraph : paragraphs) {
    if (!is_attached(paragraph)) continue;
    const std::string text = inner_text(paragraph);
    const std::size_t length = js_length(text);
    if (length < 25) continue;
    std::vector<pugi::xml_node> ancestors = ancestors_of(paragraph, 5);
    // The <html> element is never a candidate (its parent is the document).
    while (!ancestors.empty() && !is_element(ancestors.back().parent())) ancestors.pop_back();
    if (ancestors.empty()) continue;
    const double score = 1.0 + static_cast<double>(comma_pieces(text)) +
                         static_cast<double>(std::min<std::size_t>(length / 100, 3));
    for (std::size_t level = 0; level < ancestors.size(); ++level) {
      const pugi::xml_node ancestor = ancestors[level];
      if (!scores.contains(ancestor)) {
        scores.add(ancestor, flags.weight_classes);
        candidates.push_back(ancestor);
      }
      const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : static_cast<double>(level) * 3;
      scores.at(ancestor) += score / divider;
    }
  }
  return candidates;
}

std::vector<pugi::xml_node> best_candidates(const std::vector<pugi::xml_node>& candidates,
                                            ScoreTable& scores) {
  std::vector<pugi::xml_node> top;
  for (pugi::xml_node candidate : candidates) {
    double& score = scores.at(candidate);
    score *= 1 - link_density(candidate);
    auto position = std::find_if(top.begin(), top.end(),
                                 [&](pugi::xml_node other) { return score > scores.at(other); });
    if (position - top.begin() < static_cast<long>(kTopCandidates)) {
      top.insert(position, candidate);
      if (top.size() > kTopCandidates) top.pop_back();
    }
  }
  return top;
}

/// When three or more near-best candidates share an ancestor, that ancestor holds the article.
pugi::xml_node common_ancestor_of_alternatives(pugi::xml_node top,
                                               const std::vector<pugi::xml_node>& best,
                                               ScoreTable& scores) {
  constexpr std::size_t kMinimum = 3;
  std::vector<std::vector<pugi::xml_node>> alternatives;
  for (std::size_t i = 1; i < best.size(); ++i) {
    if (scores.at(best[i]) / scores.at(top) >= 0.75) alternatives.push_back(ancestors_of(best[i], 0));
  }
  if (alternatives.size() < kMinimum) return top;
  for (pugi::xml_node parent = top.parent(); is_element(parent) && !has_name(parent, "body");
       parent = parent.parent()) {
    std::size_t containing = 0;
    for (const auto& list : alternatives) {
      containing += std::find(list.begin(), list.end(), parent) != list.end() ? 1 : 0;
    }
    if (containing >= kMinimum) return parent;
  }
  return top;
}

/// Climbs while the parents' scores rise, and past parents that have this one child only.
pugi::xml_node climb_from_top(pugi::xml_node top, ScoreTable& scores, const GrabFlags& flags) {
  if (!scores.contains(top)) scores.add(top, flags.weight_classes);
  double last_score = scores.at(top);
  const double threshold = last_score / 3;
  for (pugi::xml_node parent = top.parent(); is_element(parent) && !has_name(parent, "body");
       parent = parent.parent()) {
    if (!scores.contains(parent)) continue;
    const double parent_score = scores.at(parent);
    if (parent_score < threshold) break;
    if (parent_score > last_score) {
      top = parent;
      break;
    }
    last_score = parent_score;
  }
  for (pugi::xml_node parent = top.parent();
       is_element(parent) && !has_name(parent, "body") && element_child_count(parent) == 1;
       parent = top.parent()) {
    top = parent;
  }
  if (!scores.contains(top)) scores.add(top, flags.weight_classes);
  return top;
}

pugi::xml_node choose_top_candidate(pugi::xml_node body, const std::vector<pugi::xml_node>& best,
                                    ScoreTable& scores, const GrabFlags& flags) {
  if (best.empty() || has_name(best.front(), "body")) {
    pugi::xml_node wrapper = body.append_child("div");
    while (body.first_child() != wrapper) wrapper.append_move(body.first_child());
    scores.add(wrapper, flags.weight_classes);
    return wrapper;
  }
  pugi::xml_node top = common_ancestor_of_alternatives(best.front(), best, scores);
  return climb_from_top(top, scores, flags);
}

bool should_join_sibling(pugi::xml_node sibling, pugi::xml_node top, ScoreTable& scores) {
  const double threshold = std::max(10.0, scores.at(top) * 0.2);
  double bonus = 0;
  const std::string_view top_class = attribute_of(top, "class");
  if (!top_class.empty() && attribute_of(sibling, "class") == top_class) {
    bonus += scores.at(top) * 0.2;
  }
  if (scores.contains(sibling) && scores.at(sibling) + bonus >= threshold) return true;
  if (!has_name(sibling, "p")) return false;
  const double density = link_density(sibling);
  const std::string text = inner_text(sibling);
  const std::size_t length = js_length(text);
  if (length > 80) return density < 0.25;
  // /\.( |$)/: a full stop followed by a space or at the end.
  const bool has_sentence_end = text.find(". ") != text.npos || (!text.empty() && text.back() == '.');
  return length > 0 && density == 0 && has_sentence_end;
}

/// The top candidate and its related siblings, moved into a new <div> outside <html>.
pugi::xml_node join_siblings(pugi::xml_document& document, pugi::xml_node top,
                             ScoreTable& scores) {
  pugi::xml_node article = document.append_child("div");
  for (pugi::xml_node sibling : element_children(top.parent())) {
    if (sibling != top && !should_join_sibling(sibling, top, scores)) continue;
    if (!name_in(sibling, {"div", "article", "section", "p", "ol", "ul"})) {
      sibling.set_name("div");  // a td or form would be dropped by the cleaning that follows
    }
    article.append_move(sibling);
  }
  return article;
}

struct Pass {
  std::unique_ptr<pugi::xml_document> document;
  pugi::xml_node content;
  std::size_t text_length = 0;
  double top_score = 0;
};

Pass run_pass(const pugi::xml_document& page, const GrabFlags& flags, GrabContext& context) {
  Pass pass;
  pass.document = std::make_unique<pugi::xml_document>();
  pass.document->reset(page);
  pugi::xml_node html = pass.document->child("html");
  pugi::xml_node body = html.child("body");
  if (!body) return pass;
  ScoreTable scores;
  const std::vector<pugi::xml_node> paragraphs = mark_page(html, flags, context);
  const std::vector<pugi::xml_node> candidates = score_paragraphs(paragraphs, scores, flags);
  const std::vector<pugi::xml_node> best = best_candidates(candidates, scores);
  const pugi::xml_node top = choose_top_candidate(body, best, scores, flags);
  pass.top_score = scores.at(top);
  pass.content = join_siblings(*pass.document, top, scores);
  clean_article(pass.content, flags);
  pass.text_length = inner_text_length(pass.content);
  return pass;
}

}  // namespace

bool ScoreTable::contains(pugi::xml_node node) const {
  return scores_.count(node.internal_object()) != 0;
}

double& ScoreTable::at(pugi::xml_node node) { return scores_[node.internal_object()]; }

void ScoreTable::add(pugi::xml_node node, bool weight_classes) {
  double score = 0;
  const std::string_view name = node.name();
  if (name == "div") {
    score = 5;
  } else if (name == "pre" || name == "td" || name == "blockquote") {
    score = 3;
  } else if (name_in(node, {"address", "ol", "ul", "dl", "dd", "dt", "li", "form"})) {
    score = -3;
  } else if (name_in(node, {"h1", "h2", "h3", "h4", "h5", "h6", "th"})) {
    score = -5;
  }
  scores_[node.internal_object()] = score + class_weight(node, weight_classes);
}

GrabbedArticle grab_article(const pugi::xml_document& page, GrabContext& context,
                            std::size_t char_threshold) {
  GrabFlags flags;
  std::vector<Pass> attempts;
  while (true) {
    Pass pass = run_pass(page, flags, context);
    if (pass.text_length >= char_threshold) {
      return {std::move(pass.document), pass.content, pass.text_length, pass.top_score};
    }
    attempts.push_back(std::move(pass));
    if (flags.strip_unlikely) {
      flags.strip_unlikely = false;
    } else if (flags.weight_classes) {
      flags.weight_classes = false;
    } else if (flags.clean_conditionally) {
      flags.clean_conditionally = false;
    } else {
      break;
    }
  }
  // No pass reached the threshold: the longest text wins (stable: earlier passes first).
  std::stable_sort(attempts.begin(), attempts.end(), [](const Pass& a, const Pass& b) {
    return a.text_length > b.text_length;
  });
  Pass& best = attempts.front();
  if (best.text_length == 0) return {};
  return {std::move(best.document), best.content, best.text_length, best.top_score};
}

}  // namespace feeds::detail
