#include "feeds/parse/charset_convert.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <utility>

#include "feeds/parse/utf8_text.hpp"

namespace feeds::charset {
namespace {

struct Alias {
  std::string_view label;
  std::string_view reported;
  std::string_view decoder;
};

// Labels from the WHATWG encoding standard and feedparser's tests. Latin-1 and ASCII decode as
// windows-1252 (WHATWG; feedparser's demoronize tests); GB2312/GBK as their superset GB18030
// (feedparser reports gb18030); Shift_JIS, EUC-KR and Big5 as the Microsoft supersets real
// documents are written in.
constexpr std::array aliases = {
    Alias{"utf-8", "utf-8", "utf-8"},          Alias{"utf8", "utf-8", "utf-8"},
    Alias{"unicode-1-1-utf-8", "utf-8", "utf-8"},
    Alias{"utf-16", "utf-16be", "utf-16be"},   Alias{"utf-16be", "utf-16be", "utf-16be"},
    Alias{"utf-16le", "utf-16le", "utf-16le"}, Alias{"utf16", "utf-16be", "utf-16be"},
    Alias{"utf-32", "utf-32be", "utf-32be"},   Alias{"utf-32be", "utf-32be", "utf-32be"},
    Alias{"utf-32le", "utf-32le", "utf-32le"}, Alias{"utf32", "utf-32be", "utf-32be"},
    Alias{"ucs-2", "utf-16be", "utf-16be"},    Alias{"ucs-4", "utf-32be", "utf-32be"},
    Alias{"iso-8859-1", "iso-8859-1", "windows-1252"},
    Alias{"iso8859-1", "iso-8859-1", "windows-1252"},
    Alias{"iso_8859-1", "iso-8859-1", "windows-1252"},
    Alias{"latin1", "iso-8859-1", "windows-1252"},
    Alias{"latin-1", "iso-8859-1", "windows-1252"},
    Alias{"l1", "iso-8859-1", "windows-1252"},
    Alias{"cp819", "iso-8859-1", "windows-1252"},
    Alias{"us-ascii", "us-ascii", "windows-1252"},
    Alias{"ascii", "us-ascii", "windows-1252"},
    Alias{"ansi_x3.4-1968", "us-ascii", "windows-1252"},
    Alias{"windows-1252", "windows-1252", "windows-1252"},
    Alias{"cp1252", "windows-1252", "windows-1252"},
    Alias{"x-cp1252", "windows-1252", "windows-1252"},
    Alias{"gb2312", "gb18030", "GB18030"},     Alias{"gbk", "gb18030", "GB18030"},
    Alias{"x-gbk", "gb18030", "GB18030"},      Alias{"cp936", "gb18030", "GB18030"},
    Alias{"euc-cn", "gb18030", "GB18030"},     Alias{"gb18030", "gb18030", "GB18030"},
    Alias{"shift_jis", "shift_jis", "CP932"},  Alias{"shift-jis", "shift_jis", "CP932"},
    Alias{"sjis", "shift_jis", "CP932"},       Alias{"x-sjis", "shift_jis", "CP932"},
    Alias{"ms_kanji", "shift_jis", "CP932"},   Alias{"windows-31j", "shift_jis", "CP932"},
    Alias{"cp932", "shift_jis", "CP932"},
    Alias{"euc-kr", "euc-kr", "CP949"},        Alias{"ks_c_5601-1987", "euc-kr", "CP949"},
    Alias{"cp949", "euc-kr", "CP949"},         Alias{"big5", "big5", "BIG5-HKSCS"},
    Alias{"big5-hkscs", "big5", "BIG5-HKSCS"}, Alias{"cn-big5", "big5", "BIG5-HKSCS"},
    Alias{"x-x-big5", "big5", "BIG5-HKSCS"},   Alias{"euc-jp", "euc-jp", "EUC-JP"},
    Alias{"koi8-r", "koi8-r", "KOI8-R"},       Alias{"koi8-u", "koi8-u", "KOI8-U"},
};

std::string normalize_label(std::string_view label) {
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t' ||
                            label.front() == '"' || label.front() == '\''))
    label.remove_prefix(1);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t' ||
                            label.back() == '"' || label.back() == '\''))
    label.remove_suffix(1);
  std::string out(label);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Labels come from documents and headers: only plain names reach iconv_open (no "//" suffixes,
// no paths).
bool is_plausible_label(std::string_view label) {
  if (label.empty() || label.size() > 40) return false;
  for (char c : label) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

bool iconv_knows(const std::string& name) {
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

std::optional<std::string> decode_with_iconv(std::string_view bytes, const std::string& name) {
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size(), written = 0;
  bool ok = true;
  while (in_left > 0) {
    char* out_ptr = out.data() + written;
    std::size_t out_left = out.size() - written;
    std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    written = out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) {
      ok = false;  // EILSEQ or EINVAL (truncated sequence at the end)
      break;
    }
    out.resize(out.size() * 2);
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(written);
  return out;
}

std::string decode_windows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char byte : bytes) {
    auto b = static_cast<unsigned char>(byte);
    if (b < 0x80) {
      out.push_back(byte);
    } else {
      utf8::append(out, utf8::windows1252_c1(b));
    }
  }
  return out;
}

}  // namespace

std::optional<Charset> resolve(std::string_view label) {
  std::string name = normalize_label(label);
  for (const Alias& alias : aliases)
    if (alias.label == name) return Charset{std::string(alias.reported), std::string(alias.decoder)};
  if (!is_plausible_label(name)) return std::nullopt;
  if (name.starts_with("windows-125") && name.size() == 12) {
    std::string iconv_name = "CP" + name.substr(8);
    if (iconv_knows(iconv_name)) return Charset{name, iconv_name};
  }
  if (!iconv_knows(name)) return std::nullopt;
  return Charset{name, name};
}

bool is_wide(const Charset& charset) {
  return charset.decoder.starts_with("utf-16") || charset.decoder.starts_with("utf-32");
}

std::optional<std::string> decode(std::string_view bytes, const Charset& charset) {
  const std::string& decoder = charset.decoder;
  if (decoder == "utf-8") {
    if (!utf8::scan(bytes).valid) return std::nullopt;
    return std::string(bytes);
  }
  if (decoder == "windows-1252") return decode_windows1252(bytes);
  if (is_wide(charset)) return decode_wide(bytes, decoder);
  return decode_with_iconv(bytes, decoder);
}

}  // namespace feeds::charset
