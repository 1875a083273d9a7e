#include "feeds/html/sanitize_writer.hpp"

#include "feeds/html/html_serialize.hpp"

namespace feeds::detail {

void SanitizedWriter::text(std::string_view text) {
  // The tree builder eats a newline right after <pre>, and browsers no longer re-add one when
  // serializing, so a leading newline in <pre> can never round-trip: leave it out.
  if (after_pre_start_ && text.starts_with('\n')) {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return;
  }
  unstable_newline_ |= after_pre_start_ && text.starts_with('\n');
  after_pre_start_ = false;
  append_escaped_text(out_, text);
  if (plain_text_ != nullptr) {
    plain_text_->append(text);
  }
}

void SanitizedWriter::start_tag(std::string_view name, const SanitizedElement& element) {
  out_.append("<").append(name);
  for (const auto& [attribute, value] : element.attributes) {
    out_.append(" ").append(attribute).append("=\"");
    append_escaped_attribute(out_, value);
    out_.push_back('"');
  }
  out_.push_back('>');
  after_pre_start_ = name == "pre";
  note_text_break(name);
}

void SanitizedWriter::end_tag(std::string_view name) {
  out_.append("</").append(name).push_back('>');
  after_pre_start_ = false;
  note_text_break(name);
}

void SanitizedWriter::note_text_break(std::string_view name) {
  if (plain_text_ != nullptr && is_text_break(name)) {
    plain_text_->add_space();
  }
}

}  // namespace feeds::detail
