#include "feeds/parse/encoding.hpp"

#include "feeds/parse/charset_convert.hpp"
#include "feeds/parse/utf8_text.hpp"
#include "feeds/parse/xml_declaration.hpp"

namespace feeds {
namespace {

using charset::Charset;

/// How RFC 3023 treats a Content-Type for charset purposes.
enum class MediaKind { none, xml, xml_text, text, other };

/// The charset decision before decoding, plus why the document is already bozo.
struct Decision {
  std::optional<Charset> charset;   ///< nullopt: UTF-8, else windows-1252
  std::string bozo_reason;
};

void add_reason(std::string& reasons, std::string_view reason) {
  if (!reasons.empty()) reasons += "; ";
  reasons += "encoding: ";
  reasons += reason;
}

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

MediaKind classify_media_type(std::string_view content_type) {
  std::string type = lower_trimmed(content_type.substr(0, content_type.find(';')));
  if (type.empty()) return MediaKind::none;
  bool plus_xml = type.ends_with("+xml");
  if (type == "application/xml" || type == "application/xml-dtd" ||
      type == "application/xml-external-parsed-entity" ||
      (type.starts_with("application/") && plus_xml))
    return MediaKind::xml;
  if (type == "text/xml" || type == "text/xml-external-parsed-entity" ||
      (type.starts_with("text/") && plus_xml))
    return MediaKind::xml_text;
  return type.starts_with("text/") ? MediaKind::text : MediaKind::other;
}

struct Bom {
  std::string_view decoder;
  std::size_t length;
};

std::optional<Bom> detect_bom(std::string_view b) {
  if (b.starts_with("\xEF\xBB\xBF")) return Bom{"utf-8", 3};
  if (b.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return Bom{"utf-32le", 4};
  if (b.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return Bom{"utf-32be", 4};
  if (b.starts_with("\xFE\xFF")) return Bom{"utf-16be", 2};
  if (b.starts_with("\xFF\xFE")) return Bom{"utf-16le", 2};
  return std::nullopt;
}

// XML 1.0 Appendix F: a document without BOM starts with '<', whose zero bytes give away the
// width and byte order.
std::optional<std::string_view> sniff_wide(std::string_view b) {
  if (b.size() < 4) return std::nullopt;
  if (b.starts_with(std::string_view("\0\0\0<", 4))) return "utf-32be";
  if (b.starts_with(std::string_view("<\0\0\0", 4))) return "utf-32le";
  if (b[0] == '\0' && b[1] == '<' && b[2] == '\0' && b[3] != '\0') return "utf-16be";
  if (b[0] == '<' && b[1] == '\0' && b[2] != '\0' && b[3] == '\0') return "utf-16le";
  return std::nullopt;
}

std::string declared_encoding(std::string_view body, std::optional<std::string_view> wide) {
  constexpr std::size_t window = 512;
  std::string head;
  if (wide) {
    std::size_t width = wide->starts_with("utf-32") ? 4 : 2;
    head = xml_declaration::ascii_prefix(body, width, wide->ends_with("be"), window);
  } else {
    head = std::string(body.substr(0, window));
  }
  auto value = xml_declaration::find_encoding(head);
  return value ? head.substr(value->offset, value->length) : std::string();
}

bool is_ascii(std::string_view bytes) {
  for (char c : bytes)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

Charset wide_charset(std::string_view decoder) {
  return Charset{std::string(decoder), std::string(decoder)};
}

// The byte pattern proves a UTF-16/32 layout; a one-byte declaration cannot be right.
Decision decide_wide(std::string_view body, std::string_view wide, std::string_view http_charset) {
  Decision decision{wide_charset(wide), {}};
  std::string declared = declared_encoding(body, wide);
  for (std::string_view label : {http_charset, std::string_view(declared)}) {
    auto named = charset::resolve(label);
    if (named && !charset::is_wide(*named))
      add_reason(decision.bozo_reason, "declared " + named->reported + " but the bytes are " +
                                           std::string(wide));
  }
  return decision;
}

std::optional<Charset> http_choice(MediaKind kind, std::string_view http_charset,
                                   std::string_view body, std::string& reasons) {
  if (kind == MediaKind::none || kind == MediaKind::other) return std::nullopt;
  if (!http_charset.empty()) {
    if (auto named = charset::resolve(http_charset); named && !charset::is_wide(*named))
      return named;
    add_reason(reasons, "unusable charset \"" + std::string(http_charset) + "\" in Content-Type");
  }
  if (kind == MediaKind::xml) return std::nullopt;
  // RFC 3023 §3.1: text/* without charset is us-ascii, whatever the declaration says. Servers
  // omit the charset all the time, so when the bytes are not ASCII the declaration decides.
  if (is_ascii(body)) return Charset{"us-ascii", "utf-8"};
  add_reason(reasons, "text/* without charset means us-ascii, but the document is not ASCII");
  return std::nullopt;
}

Decision decide(std::string_view body, std::string_view content_type) {
  std::string http_charset = charset_from_content_type(content_type);
  if (auto wide = sniff_wide(body)) return decide_wide(body, *wide, http_charset);
  Decision decision;
  MediaKind kind = classify_media_type(content_type);
  if (kind == MediaKind::text || kind == MediaKind::other)
    add_reason(decision.bozo_reason,
               lower_trimmed(content_type.substr(0, content_type.find(';'))) +
                   " is not an XML media type");
  decision.charset = http_choice(kind, http_charset, body, decision.bozo_reason);
  if (decision.charset) return decision;
  std::string declared = declared_encoding(body, std::nullopt);
  if (declared.empty()) return decision;
  auto named = charset::resolve(declared);
  if (named && !charset::is_wide(*named)) {
    decision.charset = std::move(named);
  } else {
    add_reason(decision.bozo_reason, "unusable encoding \"" + declared + "\" in XML declaration");
  }
  return decision;
}

void note_cleaning(const utf8::Cleaned& cleaned, DecodedText& out) {
  if (cleaned.removed == 0) return;
  out.bozo = true;
  add_reason(out.bozo_reason,
             "removed " + std::to_string(cleaned.removed) + " XML-illegal characters");
}

// Decodes and cleans in as few passes as possible: valid, clean UTF-8 is scanned once and used
// where it stands. False when `body` is not valid in `chosen`.
bool decode_clean(std::string_view body, const Charset& chosen, DecodedText& out) {
  if (chosen.decoder == "utf-8") {
    utf8::Scan scan = utf8::scan(body);
    if (!scan.valid) return false;
    if (scan.clean) {
      out.borrowed = body;
      return true;
    }
    utf8::Cleaned cleaned = utf8::clean_text(body);
    note_cleaning(cleaned, out);
    out.converted = std::move(cleaned.text);
    return true;
  }
  std::optional<std::string> text = charset::decode(body, chosen);
  if (!text) return false;
  if (utf8::scan(*text).clean) {
    out.converted = std::move(*text);
    return true;
  }
  utf8::Cleaned cleaned = utf8::clean_text(*text);
  note_cleaning(cleaned, out);
  out.converted = std::move(cleaned.text);
  return true;
}

/// Copies a borrowed text into `converted`, so the result no longer views the input.
void own_text(DecodedText& out) {
  if (!out.borrowed) return;
  out.converted = std::string(*out.borrowed);
  out.borrowed.reset();
}

DecodedText decode_with_fallbacks(std::string_view body, Decision decision) {
  DecodedText out;
  out.bozo = !decision.bozo_reason.empty();
  out.bozo_reason = std::move(decision.bozo_reason);
  const Charset utf8_charset{"utf-8", "utf-8"};
  Charset chosen = decision.charset.value_or(utf8_charset);
  if (!decode_clean(body, chosen, out)) {
    out.bozo = true;
    add_reason(out.bozo_reason, "the bytes are not valid " + chosen.reported);
    bool decoded = chosen.decoder != "utf-8" && decode_clean(body, chosen = utf8_charset, out);
    if (!decoded) decode_clean(body, chosen = Charset{"windows-1252", "windows-1252"}, out);
  }
  out.encoding = chosen.reported;
  return out;
}

}  // namespace

DecodedText decode_xml_view(std::string_view bytes, std::string_view content_type) {
  DecodedText out;
  if (auto bom = detect_bom(bytes)) {
    std::string_view body = bytes.substr(bom->length);
    Decision decision{Charset{std::string(bom->decoder), std::string(bom->decoder)}, {}};
    out = decode_with_fallbacks(body, std::move(decision));
  } else {
    out = decode_with_fallbacks(bytes, decide(bytes, content_type));
  }
  if (out.borrowed && xml_declaration::declares_other_than_utf8(*out.borrowed)) own_text(out);
  if (!out.borrowed) xml_declaration::rewrite_encoding_to_utf8(out.converted);
  return out;
}

DecodedText decode_xml_document(std::string_view bytes, std::string_view content_type) {
  DecodedText out = decode_xml_view(bytes, content_type);
  own_text(out);
  return out;
}

std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset_name) {
  auto named = charset::resolve(charset_name);
  if (!named) return std::nullopt;
  return charset::decode(bytes, *named);
}

std::string charset_from_content_type(std::string_view content_type) {
  std::size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    std::size_t next = content_type.find(';', pos + 1);
    std::string_view parameter = content_type.substr(pos + 1, next - pos - 1);
    std::size_t equals = parameter.find('=');
    if (equals != std::string_view::npos && lower_trimmed(parameter.substr(0, equals)) == "charset") {
      std::string value = lower_trimmed(parameter.substr(equals + 1));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front())
        value = value.substr(1, value.size() - 2);
      return value;
    }
    pos = next;
  }
  return {};
}

std::string repair_utf8(std::string_view text) {
  utf8::Scan scan = utf8::scan(text);
  if (scan.valid && scan.clean) return std::string(text);
  return utf8::clean_text(text).text;
}

}  // namespace feeds
