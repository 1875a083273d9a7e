#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/fulltext/site_rules_loader.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

/// A fresh folder below the system temp dir, removed with everything in it.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "feedd-site-rules-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const fs::path& path() const { return path_; }

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  fs::path path_;
};

std::string first_title(const feedd::LoadedSiteRules& loaded, std::string_view host) {
  const feeds::SiteRules* rules = loaded.rules.find(host);
  if (rules == nullptr) return "none";
  return rules->title.empty() ? "" : rules->title.front();
}

TEST(LoadSiteRules, LoadsHostFilesAndGlobalAndLooksUpHostsTheFtrWay) {
  TempFolder folder;
  ASSERT_FALSE(folder.path().empty());
  folder.write("example.com.txt", "title: //h1[@class='bare']\n");
  folder.write(".example.com.txt", "title: //h1[@class='wildcard']\n");
  folder.write("news.example.com.txt", "title: //h1[@class='news']\n");
  folder.write("global.txt", "title: //meta[@property='og:title']/@content\n");
  folder.write("README.md", "not a rule file\n");
  folder.write("LICENSE.txt", "Public domain, no directives here\n");
  folder.write("notes.text", "title: //x\n");
  fs::create_directory(folder.path() / "sub.example.org.txt");

  const feedd::LoadedSiteRules loaded = feedd::load_site_rules(folder.path());
  EXPECT_THAT(loaded.errors, IsEmpty());
  EXPECT_THAT(loaded.warnings, IsEmpty());
  EXPECT_EQ(loaded.rules.size(), 3u);
  ASSERT_TRUE(loaded.rules.global().has_value());
  EXPECT_EQ(first_title(loaded, "example.com"), "//h1[@class='bare']");
  EXPECT_EQ(first_title(loaded, "www.example.com"), "//h1[@class='bare']");
  EXPECT_EQ(first_title(loaded, "news.example.com"), "//h1[@class='news']");
  EXPECT_EQ(first_title(loaded, "sport.example.com"), "//h1[@class='wildcard']");
  EXPECT_EQ(first_title(loaded, "elsewhere.org"), "//meta[@property='og:title']/@content");
  // Site expressions first, then the global ones.
  EXPECT_THAT(loaded.rules.find("news.example.com")->title,
              ElementsAre("//h1[@class='news']", "//meta[@property='og:title']/@content"));
}

TEST(LoadSiteRules, LeavesOutBadFilesWithFileAndLineAndKeepsTheRest) {
  TempFolder folder;
  ASSERT_FALSE(folder.path().empty());
  const fs::path bad =
      folder.write("bad.example.com.txt", "title: //h1\n# fine so far\nprune: maybe\n");
  const fs::path noisy = folder.write("noisy.example.com.txt", "body: //main\nfrobnicate: 1\n");
  const fs::path gone = folder.path() / "gone.example.com.txt";
  fs::create_symlink(folder.path() / "missing-target", gone);

  const feedd::LoadedSiteRules loaded = feedd::load_site_rules(folder.path());
  EXPECT_THAT(loaded.errors,
              ElementsAre(bad.string() + ":3: prune: expected yes or no, got 'maybe'",
                          gone.string() + ": cannot open: No such file or directory"));
  EXPECT_THAT(loaded.warnings,
              ElementsAre(noisy.string() + ":2: unknown directive 'frobnicate'; ignored"));
  EXPECT_EQ(loaded.rules.size(), 1u);
  EXPECT_EQ(loaded.rules.find("bad.example.com"), nullptr);
  ASSERT_NE(loaded.rules.find("noisy.example.com"), nullptr);
  EXPECT_THAT(loaded.rules.find("noisy.example.com")->body, ElementsAre("//main"));
}

TEST(LoadSiteRules, ReportsAFileItMayNotRead) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempFolder folder;
  ASSERT_FALSE(folder.path().empty());
  const fs::path locked = folder.write("locked.example.com.txt", "title: //h1\n");
  fs::permissions(locked, fs::perms::none);
  const feedd::LoadedSiteRules loaded = feedd::load_site_rules(folder.path());
  EXPECT_THAT(loaded.errors, ElementsAre(locked.string() + ": cannot open: Permission denied"));
  EXPECT_EQ(loaded.rules.size(), 0u);
}

TEST(LoadSiteRules, LeavesOutOversizedFiles) {
  TempFolder folder;
  ASSERT_FALSE(folder.path().empty());
  std::string huge;
  while (huge.size() <= feedd::kMaxSiteRulesFileSize) huge += "# padding padding padding\n";
  const fs::path big = folder.write("big.example.com.txt", huge);
  folder.write("small.example.com.txt", "title: //h1\n");
  const feedd::LoadedSiteRules loaded = feedd::load_site_rules(folder.path());
  EXPECT_THAT(loaded.errors, ElementsAre(big.string() + ": larger than " +
                                         std::to_string(feedd::kMaxSiteRulesFileSize) + " bytes"));
  EXPECT_EQ(loaded.rules.size(), 1u);
}

TEST(LoadSiteRules, AMissingFolderIsOneError) {
  TempFolder folder;
  ASSERT_FALSE(folder.path().empty());
  const fs::path missing = folder.path() / "no-such-folder";
  const feedd::LoadedSiteRules loaded = feedd::load_site_rules(missing);
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(loaded.errors[0].rfind(missing.string() + ": cannot list site rules: ", 0), 0u)
      << loaded.errors[0];
  EXPECT_EQ(loaded.rules.size(), 0u);
  EXPECT_FALSE(loaded.rules.global().has_value());
}

TEST(LoadSiteRules, ReadsTheBundledTestRulesCleanly) {
  const feedd::LoadedSiteRules loaded =
      feedd::load_site_rules(fs::path(FEEDD_TEST_DATA_DIR) / "site-rules");
  EXPECT_THAT(loaded.errors, IsEmpty());
  EXPECT_THAT(loaded.warnings, IsEmpty());
  EXPECT_EQ(loaded.rules.size(), 2u);
  EXPECT_TRUE(loaded.rules.global().has_value());
  EXPECT_EQ(first_title(loaded, "www.harbour-gazette.test"), "//h1[@class='headline']");
  EXPECT_EQ(first_title(loaded, "magazine.longreads.test"), "//article/header/h1");
  EXPECT_EQ(first_title(loaded, "longreads.test"), "//meta[@property=\"og:title\"]/@content");
}

}  // namespace
