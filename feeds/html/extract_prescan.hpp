#pragma once
/// A linear pass before the HTML parse (internal): the bodies of <script> and <style> are half
/// the bytes of a typical news page, never part of an article, and the slowest input for gumbo's
/// tokenizer; they are cut out first. JSON-LD scripts are kept (they carry metadata).

#include <string>
#include <string_view>

namespace feeds::detail {

/// The page with the contents of every <script> (but application/ld+json ones) and <style>
/// removed, tags kept. Comments are skipped over, so a "<script>" inside one is left alone.
std::string drop_script_bodies(std::string_view html);

}  // namespace feeds::detail
