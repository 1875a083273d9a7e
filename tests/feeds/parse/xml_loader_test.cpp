#include "feeds/parse/xml_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "feeds/parse/encoding.hpp"

namespace feeds {
namespace {

// Element names in document order, space-separated (iterative: deep trees are tested too).
std::string element_names(const pugi::xml_document& document) {
  std::string names;
  for (pugi::xml_node node = document.first_child(); node;) {
    if (node.type() == pugi::node_element) {
      if (!names.empty()) names += ' ';
      names += node.name();
    }
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling()) node = node.parent();
    if (node) node = node.next_sibling();
  }
  return names;
}

std::string text_at(const LoadedXml& loaded, const char* xpath) {
  return loaded.document.select_node(xpath).node().child_value();
}

LoadedXml load_ok(std::string_view xml, const XmlLimits& limits = {}) {
  auto loaded = load_xml(xml, limits);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  if (!loaded) return {};
  return std::move(loaded).value();
}

TEST(LoadXml, WellFormedDocumentParsesStrictly) {
  LoadedXml loaded = load_ok("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>");
  EXPECT_FALSE(loaded.recovered);
  EXPECT_EQ(loaded.reason, "");
  EXPECT_EQ(text_at(loaded, "/rss/channel/title"), "T");
}

struct EntityCase {
  const char* xml;
  const char* title;
};

TEST(LoadXml, DecodesEntitiesAndKeepsBareAmpersands) {
  const std::vector<EntityCase> cases = {
      {"<r><t>a&nbsp;b</t></r>", "a\xC2\xA0" "b"},
      {"<r><t>caf&eacute; &hellip;</t></r>", "café …"},
      {"<r><t>&amp;nbsp; &lt;b&gt;</t></r>", "&nbsp; <b>"},
      {"<r><t>don&#146;t &#x2019;</t></r>", "don’t ’"},
      {"<r><t>a&#0;b&#1;c&#xD800;d&#x110000;e</t></r>", "a\xEF\xBF\xBD" "bc\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e"},
      {"<r><t>AT&T & friends &unknown; &#;</t></r>", "AT&T & friends &unknown; &#;"},
      {"<r><t><![CDATA[&nbsp; &#146;]]></t></r>", "&nbsp; &#146;"},
      {"<r><!-- &eacute; --><t>x&eacute;</t></r>", "xé"},
  };
  for (const EntityCase& c : cases) {
    SCOPED_TRACE(c.xml);
    LoadedXml loaded = load_ok(c.xml);
    EXPECT_FALSE(loaded.recovered) << loaded.reason;
    EXPECT_EQ(text_at(loaded, "/r/t"), c.title);
  }
}

TEST(LoadXml, EntitiesInAttributesCannotEndTheValue) {
  LoadedXml loaded = load_ok("<r><a href=\"x?a=1&b=2\" title=\"say &QUOT;hi&QUOT; &eacute;\"/></r>");
  EXPECT_FALSE(loaded.recovered);
  pugi::xml_node a = loaded.document.child("r").child("a");
  EXPECT_STREQ(a.attribute("href").value(), "x?a=1&b=2");
  EXPECT_STREQ(a.attribute("title").value(), "say \"hi\" é");
}

struct RecoveryCase {
  const char* name;
  const char* xml;
  const char* xpath;
  const char* text;
  const char* reason;
};

TEST(LoadXml, RecoversMalformedDocuments) {
  const std::vector<RecoveryCase> cases = {
      {"mismatched end tag", "<rss><channel>\n<title>A</b></title>\n<item><title>B</title></item></channel></rss>",
       "/rss/channel/item/title", "B", "line 2: mismatched end tag </b>"},
      {"stray end tag ignored", "<rss><channel><title>A</x></title></channel></rss>", "/rss/channel/title", "A",
       "mismatched end tag </x>"},
      {"end tag closes inner elements", "<rss><channel><item><title>A<b>bold</item><item><title>C</title></item></channel></rss>",
       "/rss/channel/item[2]/title", "C", "mismatched end tag </item>"},
      {"truncated", "<rss><channel><item><title>One</title></item><item><title>Tw", "/rss/channel/item[1]/title",
       "One", "unclosed element at end of document"},
      {"less-than in text", "<rss><title>a < b &amp; c</title></rss>", "/rss/title", "a < b & c",
       "line 1: '<' that starts no tag"},
      {"unquoted attribute", "<rss><link href=http://x/a>L</link></rss>", "/rss/link", "L", "malformed attribute"},
      {"unterminated CDATA", "<rss><title><![CDATA[abc", "/rss/title", "abc", "line 1:"},
      {"named entity in lenient text", "<rss><t>caf&eacute; &#146;</x></t></rss>", "/rss/t", "café ’",
       "mismatched end tag"},
  };
  for (const RecoveryCase& c : cases) {
    SCOPED_TRACE(c.name);
    LoadedXml loaded = load_ok(c.xml);
    EXPECT_TRUE(loaded.recovered);
    EXPECT_NE(loaded.reason.find(c.reason), std::string::npos) << loaded.reason;
    EXPECT_EQ(text_at(loaded, c.xpath), c.text) << element_names(loaded.document);
  }
}

TEST(LoadXml, LenientParseKeepsUnquotedAttributeValues) {
  LoadedXml loaded = load_ok("<rss><link href=http://x/a rel='alternate' hidden>L</link></rss>");
  pugi::xml_node link = loaded.document.child("rss").child("link");
  EXPECT_STREQ(link.attribute("href").value(), "http://x/a");
  EXPECT_STREQ(link.attribute("rel").value(), "alternate");
  EXPECT_TRUE(link.attribute("hidden"));
}

TEST(LoadXml, PugixmlAcceptsJunkAroundTheRoot) {
  for (const char* xml : {"  \n<?xml version='1.0'?><rss><title>T</title></rss>",
                          "junk<rss><title>T</title></rss>", "<rss><title>T</title></rss> trailing text"}) {
    LoadedXml loaded = load_ok(xml);
    EXPECT_EQ(text_at(loaded, "/rss/title"), "T") << xml;
  }
}

TEST(LoadXml, DocumentWithoutRootIsMalformed) {
  for (const char* xml : {"", "hello world", "<!DOCTYPE html>", "<!-- only a comment -->"}) {
    auto loaded = load_xml(xml);
    ASSERT_FALSE(loaded.has_value()) << xml;
    EXPECT_EQ(loaded.error().code, ErrorCode::malformed);
    EXPECT_EQ(loaded.error().message.substr(0, 5), "xml: ");
  }
}

const char* const billion_laughs = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><title>&lol9;</title>)";

TEST(LoadXml, BillionLaughsIsNotExpanded) {
  for (std::string tail : {"</rss>", "</x></rss>"}) {  // strict and lenient
    LoadedXml loaded = load_ok(billion_laughs + tail);
    EXPECT_EQ(text_at(loaded, "/rss/title"), "&lol9;");
  }
}

TEST(LoadXml, ExternalEntitiesAreNeverRead) {
  const std::string xxe = "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><title>&x;</title>";
  for (std::string tail : {"</rss>", "</x></rss>"}) {
    LoadedXml loaded = load_ok(xxe + tail);
    EXPECT_EQ(text_at(loaded, "/rss/title"), "&x;");
    EXPECT_EQ(element_names(loaded.document), "rss title");
  }
}

TEST(LoadXml, NulBytesAreRemovedByDecodingFirst) {
  DecodedText decoded = decode_xml_document(std::string("<rss><title>a\0b</title></rss>", 29), "");
  LoadedXml loaded = load_ok(decoded.utf8());
  EXPECT_FALSE(loaded.recovered);
  EXPECT_EQ(text_at(loaded, "/rss/title"), "ab");
}

std::string nested(std::size_t depth, std::string_view tail = "") {
  std::string xml;
  for (std::size_t i = 0; i < depth; ++i) xml += "<a>";
  xml += tail;
  for (std::size_t i = 0; i < depth; ++i) xml += "</a>";
  return xml;
}

TEST(LoadXml, DeepNestingIsTooDeepWithoutOverflowingTheStack) {
  for (std::string xml : {nested(100000), nested(100000, "</b>"), nested(100000).substr(0, 300000)}) {
    auto loaded = load_xml(xml);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().code, ErrorCode::too_deep);
  }
  XmlLimits generous;
  generous.max_depth = 200000;
  EXPECT_TRUE(load_xml(nested(100000), generous).has_value());
  EXPECT_TRUE(load_xml(nested(100000, "</b>"), generous).has_value());
}

TEST(LoadXml, HugeTitleParses) {
  std::string title(1 << 20, 'x');
  LoadedXml loaded = load_ok("<rss><title>" + title + "</title></rss>");
  EXPECT_EQ(text_at(loaded, "/rss/title").size(), title.size());
}

TEST(LoadXml, InputOverTheCapIsTooLarge) {
  std::string big = "<rss>" + std::string(50u << 20, ' ') + "</rss>";
  XmlLimits limits;
  limits.max_bytes = 32u << 20;
  auto loaded = load_xml(big, limits);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::too_large);
  EXPECT_TRUE(load_xml(big).has_value());  // the default 64 MiB cap
}

TEST(LoadXml, ManyUnmatchedEndTagsStayLinear) {
  std::string xml = nested(900, "<x>");
  for (int i = 0; i < 200000; ++i) xml += "</b>";
  LoadedXml loaded = load_ok(xml);
  EXPECT_TRUE(loaded.recovered);
}

struct NamespaceCase {
  const char* name;
  const char* xml;
  const char* names;
};

TEST(LoadXml, CanonicalizesNamespacePrefixes) {
  const std::vector<NamespaceCase> cases = {
      {"atom default", "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title/></entry></feed>",
       "atom:feed atom:entry atom:title"},
      {"atom other prefix", "<a:feed xmlns:a='http://www.w3.org/2005/Atom'><a:title/></a:feed>",
       "atom:feed atom:title"},
      {"atom 0.3", "<feed version='0.3' xmlns='http://purl.org/atom/ns#'><title/></feed>", "atom03:feed atom03:title"},
      {"atom draft", "<feed xmlns='http://purl.org/atom/ns#draft-ietf-atompub-format-08'><id/></feed>",
       "atom:feed atom:id"},
      {"pre-0.3 atom", "<feed xmlns='http://purl.org/echo/'><title/></feed>", "atom03:feed atom03:title"},
      {"rss modules",
       "<rss xmlns:d='http://purl.org/dc/elements/1.1/' xmlns:c='http://purl.org/rss/1.0/modules/content/' "
       "xmlns:i='http://www.itunes.com/DTDs/Podcast-1.0.dtd' xmlns:m='http://search.yahoo.com/mrss' "
       "xmlns:terms='http://purl.org/dc/terms'><channel><d:creator/><c:encoded/><i:author/>"
       "<m:content/><terms:modified/></channel></rss>",
       "rss channel dc:creator content:encoded itunes:author media:content dcterms:modified"},
      {"itunes upper case", "<rss xmlns:itunes='HTTP://WWW.ITUNES.COM/DTDS/PODCAST-1.0.DTD'><itunes:image/></rss>",
       "rss itunes:image"},
      {"userland rss namespace", "<r:rss xmlns:r='http://backend.userland.com/rss2'><r:channel><r:title/></r:channel></r:rss>",
       "rss channel title"},
      {"harvard rss default", "<rss xmlns='http://blogs.law.harvard.edu/tech/rss'><channel/></rss>", "rss channel"},
      {"bogus rss default", "<rss xmlns='http://example.com/bogus'><channel><item/></channel></rss>", "rss channel item"},
      {"undeclared prefixes", "<rss><channel><itunes:author/><media:content/><atom:link/><foo:bar/></channel></rss>",
       "rss channel itunes:author media:content atom:link foo:bar"},
      {"unknown namespace keeps name",
       "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:MadeUp='http://madeup.test'><MadeUp:Element/></feed>",
       "atom:feed MadeUp:Element"},
      {"rdf", "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'>"
              "<channel/><item/></rdf:RDF>",
       "rdf:RDF rss1:channel rss1:item"},
      {"rss 0.90", "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
                   "xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel/></rdf:RDF>",
       "rdf:RDF rss090:channel"},
      {"shadowed prefix", "<x:a xmlns:x='http://purl.org/dc/elements/1.1/'><x:b xmlns:x='http://www.w3.org/2005/Atom'/>"
                          "<x:c/></x:a>",
       "dc:a atom:b dc:c"},
      {"default undeclared", "<feed xmlns='http://www.w3.org/2005/Atom'><x xmlns=''><y/></x><z/></feed>",
       "atom:feed x y atom:z"},
      {"xhtml content", "<feed xmlns='http://www.w3.org/2005/Atom'><content type='xhtml'>"
                        "<div xmlns='http://www.w3.org/1999/xhtml'><p/></div></content></feed>",
       "atom:feed atom:content xhtml:div xhtml:p"},
      {"recovered tree too", "<feed xmlns='http://www.w3.org/2005/Atom'><title>x</b></title></feed>",
       "atom:feed atom:title"},
  };
  for (const NamespaceCase& c : cases) {
    SCOPED_TRACE(c.name);
    LoadedXml loaded = load_ok(c.xml);
    EXPECT_EQ(element_names(loaded.document), c.names);
  }
}

TEST(LoadXml, CanonicalizesPrefixedAttributesAndKeepsXmlnsAttributes) {
  LoadedXml loaded = load_ok(
      "<R:RDF xmlns:R='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/' "
      "xmlns:e='http://purl.oclc.org/net/rss_2.0/enc#'><item R:about='u' xml:lang='en' href='h'>"
      "<e:enclosure R:resource='r' e:type='audio/mpeg'/></item></R:RDF>");
  pugi::xml_node root = loaded.document.document_element();
  EXPECT_STREQ(root.name(), "rdf:RDF");
  EXPECT_TRUE(root.attribute("xmlns:R"));
  EXPECT_TRUE(root.attribute("xmlns"));
  pugi::xml_node item = root.child("rss1:item");
  EXPECT_STREQ(item.attribute("rdf:about").value(), "u");
  EXPECT_STREQ(item.attribute("xml:lang").value(), "en");
  EXPECT_STREQ(item.attribute("href").value(), "h");
  pugi::xml_node enclosure = item.child("enc:enclosure");
  EXPECT_STREQ(enclosure.attribute("rdf:resource").value(), "r");
  EXPECT_STREQ(enclosure.attribute("enc:type").value(), "audio/mpeg");
}

TEST(LoadXml, UndeclaredWellKnownPrefixIsAWarning) {
  LoadedXml loaded = load_ok("<rss><channel><itunes:subtitle>Foo</itunes:subtitle></channel></rss>");
  EXPECT_FALSE(loaded.recovered);
  EXPECT_EQ(loaded.warning, "undeclared namespace prefix itunes:");
  EXPECT_EQ(text_at(loaded, "/rss/channel/itunes:subtitle"), "Foo");
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(LoadXml, LoadsTheFeedparserCorpus) {
  std::filesystem::path corpus = std::filesystem::path(FEEDD_SHARED_DIR) / "corpora/feedparser-tests";
  int loaded_count = 0, recovered = 0;
  for (const char* folder : {"wellformed", "illformed", "encoding"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus / folder)) {
      if (entry.path().extension() != ".xml") continue;
      SCOPED_TRACE(entry.path().string());
      DecodedText decoded = decode_xml_document(read_file(entry.path()), "");
      auto loaded = load_xml(decoded.utf8());
      bool well_formed = std::string_view(folder) == "wellformed";
      if (well_formed) {
        ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
        EXPECT_FALSE(loaded->recovered) << loaded->reason;
      }
      if (loaded) ++loaded_count;
      if (loaded && loaded->recovered) ++recovered;
    }
  }
  EXPECT_GT(loaded_count, 1800);
  EXPECT_LT(recovered, 100);
}

}  // namespace
}  // namespace feeds
