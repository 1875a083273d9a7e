#include "feeds/parse/xml_loader.hpp"

#include <algorithm>

#include "feeds/parse/lenient_xml.hpp"
#include "feeds/parse/xml_namespaces.hpp"
#include "feeds/parse/xml_references.hpp"

namespace feeds {
namespace {

// parse_default without parse_doctype expansion concerns: pugixml never expands DTD entities
// (security.md row 27); unknown entities and bare '&' are kept literally by parse_escapes.
constexpr unsigned strict_options = pugi::parse_default;

std::size_t line_of(std::string_view text, std::ptrdiff_t offset) {
  auto end = text.begin() + std::clamp<std::ptrdiff_t>(offset, 0, static_cast<std::ptrdiff_t>(text.size()));
  return static_cast<std::size_t>(std::count(text.begin(), end, '\n')) + 1;
}

std::string end_tag_at(std::string_view text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && end - offset < 64 && text[end] != '>' && text[end] != ' ' &&
         text[end] != '\n' && text[end] != '<')
    ++end;
  // The 64-byte cut may fall inside a UTF-8 sequence; step back to a character boundary so the
  // message stays valid UTF-8 (found by fuzz_feed).
  while (end > offset && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return "</" + std::string(text.substr(offset, end - offset)) + ">";
}

std::string describe_status(const pugi::xml_parse_result& result, std::string_view text) {
  auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
  switch (result.status) {
    case pugi::status_end_element_mismatch:
      // pugixml reports an element left open at the end of input as a mismatch, too.
      if (offset < 2 || offset > text.size() || text.substr(offset - 2, 2) != "</")
        return "unclosed element at end of document";
      return "mismatched end tag " + end_tag_at(text, offset);
    case pugi::status_bad_start_element: return "malformed start tag";
    case pugi::status_bad_attribute: return "malformed attribute";
    case pugi::status_bad_end_element: return "malformed end tag";
    case pugi::status_unrecognized_tag: return "'<' that starts no tag";
    case pugi::status_bad_pcdata: return "malformed text";
    case pugi::status_bad_cdata: return "unterminated CDATA section";
    case pugi::status_bad_comment: return "malformed comment";
    case pugi::status_bad_pi: return "malformed processing instruction";
    case pugi::status_bad_doctype: return "malformed DOCTYPE";
    default: return result.description();
  }
}

Error error(ErrorCode code, std::string message) { return Error{code, "xml: " + std::move(message)}; }

// The strict parse failed: rebuild the tree with the lenient parser, keeping what it finds.
std::optional<Error> recover(std::string_view text, const pugi::xml_parse_result& strict,
                             const XmlLimits& limits, LoadedXml& loaded) {
  loaded.document.reset();
  loaded.recovered = true;
  loaded.reason = "line " + std::to_string(line_of(text, strict.offset)) + ": " +
                  describe_status(strict, text);
  if (lenient_xml::parse(text, loaded.document, limits.max_depth) == lenient_xml::Outcome::too_deep)
    return error(ErrorCode::too_deep, "nesting deeper than " + std::to_string(limits.max_depth));
  if (!loaded.document.document_element())
    return error(ErrorCode::malformed, "no root element (" + loaded.reason + ")");
  return std::nullopt;
}

}  // namespace

Result<LoadedXml> load_xml(std::string_view utf8, const XmlLimits& limits) {
  if (utf8.size() > limits.max_bytes)
    return error(ErrorCode::too_large, std::to_string(utf8.size()) + " bytes is over the " +
                                           std::to_string(limits.max_bytes) + "-byte limit");
  LoadedXml loaded;
  std::optional<std::string> rewritten = xml_references::rewrite_for_pugixml(utf8);
  std::string_view text = rewritten ? std::string_view(*rewritten) : utf8;
  pugi::xml_parse_result strict =
      loaded.document.load_buffer(text.data(), text.size(), strict_options, pugi::encoding_utf8);
  if (!strict) {
    if (auto failure = recover(text, strict, limits, loaded)) return *failure;
  }
  xml_namespaces::Outcome names = xml_namespaces::canonicalize(loaded.document, limits.max_depth);
  if (names.too_deep)
    return error(ErrorCode::too_deep, "nesting deeper than " + std::to_string(limits.max_depth));
  if (!names.undeclared_prefix.empty())
    loaded.warning = "undeclared namespace prefix " + names.undeclared_prefix + ":";
  return loaded;
}

}  // namespace feeds
