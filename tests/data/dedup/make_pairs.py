#!/usr/bin/env python3
"""Builds tests/data/dedup/pairs.jsonl: labelled pairs of feed items (same story / different
story) for tests/feeds/dedup/pairs_test.cpp, from the dev corpora and variations seen in real
feeds. Deterministic: the same corpora give the same file.

    python3 tests/data/dedup/make_pairs.py /work/shared/corpora > tests/data/dedup/pairs.jsonl

Articles: every Readability test page with a title and 80+ words of text (expected-metadata.json
title, expected.html text) and the seed article. Each line: {"kind", "same", "a", "b"}, an item
being {"url", "orig_link", "title", "text", "html", "summary", "published"} (unix seconds, or null).
"""
import html.parser
import json
import os
import random
import re
import sys

SITES = ["dailyplanet.example", "wire.example.org", "news.example.net", "blog.example.com",
         "aggregator.example", "times.example.co.uk"]
BASE_TIME = 1700000000
HOUR = 3600
DAY = 24 * HOUR


class TextOf(html.parser.HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "pre", "tr"}

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")


def text_of(markup):
    parser = TextOf()
    parser.feed(markup)
    return " ".join("".join(parser.parts).split())


def load_articles(corpora):
    articles = []
    pages = os.path.join(corpora, "readability-test-pages")
    for name in sorted(os.listdir(pages)):
        folder = os.path.join(pages, name)
        if not os.path.isdir(folder):
            continue
        with open(os.path.join(folder, "expected-metadata.json"), encoding="utf-8") as f:
            title = (json.load(f).get("title") or "").strip()
        with open(os.path.join(folder, "expected.html"), encoding="utf-8") as f:
            text = text_of(f.read())
        if title and len(text.split()) >= 80:
            articles.append({"slug": name, "title": title, "text": text})
    with open(os.path.join(corpora, "seed", "expected-body.txt"), encoding="utf-8") as f:
        seed = " ".join(f.read().split())
    articles.append({"slug": "seed", "title": "Why Russia Just Quit The International Criminal Court",
                     "text": seed})
    return articles


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "post"


def page_url(site, article):
    return f"https://{site}/2023/11/{slugify(article['title'])}-{article['slug']}"


def lead(text, words):
    return " ".join(text.split()[:words])


def item(url, title, text=None, summary=None, published=None, orig_link=None, html=None):
    return {"url": url, "orig_link": orig_link, "title": title, "text": text, "html": html,
            "summary": summary, "published": published}


def body(article, limit=700):
    return article["text"][:limit]


# ---- same story ----------------------------------------------------------------------------

def tracking_copy(rng, article, t):
    url = page_url(SITES[0], article)
    tracked = url.replace("https://", "http://www.") + \
        rng.choice(["?utm_source=rss&utm_medium=feed", "?utm_campaign=x&fbclid=AbC123#comments",
                    "/?ref_src=twsrc%5Etfw&utm_content=1", "?mc_cid=9f&mc_eid=01"])
    return (item(url, article["title"], body(article), published=t),
            item(tracked, "Link: " + article["title"], None, published=t + 5 * HOUR))


def edited_title(rng, article, t):
    title = article["title"]
    edits = [title.upper(), title + " | " + "Wire Service", "UPDATED: " + title,
             re.sub(r"\b(\w+)$", "(video)", title), title.replace(" ", "  ") + "!"]
    return (item(page_url(SITES[1], article), title, body(article), published=t),
            item(page_url(SITES[2], article), rng.choice(edits), body(article),
                 published=t + rng.randint(0, 30) * HOUR))


def syndicated_footer(rng, article, t):
    footer = rng.choice([
        f" The post {article['title']} appeared first on Daily Planet.",
        " Share this: Twitter Facebook Reddit. Like this: Like Loading... Related",
        " Continue reading → Subscribe to our newsletter for more stories like this one.",
    ])
    return (item(page_url(SITES[1], article), article["title"], body(article, 600), published=t),
            item(page_url(SITES[3], article), article["title"] + " - Blog Example",
                 body(article, 600) + footer, published=t + 2 * HOUR))


def summary_and_full(rng, article, t):
    excerpt = lead(article["text"], rng.randint(45, 60)) + " [\u2026]"
    full = "<p>" + "</p><p>".join(re.split(r"(?<=[.!?]) ", body(article, 1000))) + "</p>"
    return (item(page_url(SITES[0], article), article["title"], None, summary=excerpt,
                 published=t),
            item(page_url(SITES[4], article), article["title"], html=full, published=t + 7 * HOUR))


def typography(rng, article, t):
    text = body(article)
    curly = text.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ")
    return (item(page_url(SITES[2], article), article["title"], text, published=t),
            item(page_url(SITES[5], article), article["title"].replace("'", "\u2019"),
                 curly.replace(" - ", " \u2014 "), published=t + HOUR))


def feedburner(rng, article, t):
    url = page_url(SITES[1], article)
    proxy = f"http://feedproxy.google.com/~r/example/~3/{rng.randrange(16**8):08x}/"
    return (item(proxy, article["title"], None, summary=lead(article["text"], 30),
                 orig_link=url + "?utm_source=feedburner", published=t),
            item(url, article["title"], body(article), published=t + HOUR))


def dateline_prefix(rng, article, t):
    # Hard case: a wire dateline shifts the leading words.
    dateline = rng.choice(["WASHINGTON (AP) \u2014 ", "LONDON (Reuters) - "])
    return (item(page_url(SITES[1], article), article["title"], body(article), published=t),
            item(page_url(SITES[2], article), article["title"], dateline + body(article),
                 published=t + HOUR))


def copy_edit(rng, article, t):
    # Hard case: a copy desk changed one word in the first sentences.
    words = body(article).split(" ")
    at = rng.randint(3, 25)
    words[at] = "reportedly" if words[at] != "reportedly" else "allegedly"
    return (item(page_url(SITES[1], article), article["title"], body(article), published=t),
            item(page_url(SITES[3], article), article["title"], " ".join(words),
                 published=t + HOUR))


# ---- different stories ---------------------------------------------------------------------

def same_template(rng, article, other, t):
    site = SITES[0]
    suffix = " Read more at Daily Planet. Comments (0). Share on Twitter, Facebook."
    return (item(page_url(site, article), "Daily Planet | " + article["title"],
                 body(article, 600) + suffix, published=t),
            item(page_url(site, other), "Daily Planet | " + other["title"],
                 body(other, 600) + suffix, published=t + 3 * HOUR))


def same_title_other_text(rng, article, other, t):
    title = rng.choice([article["title"], "Weekly roundup", "Open thread", "Links for today"])
    return (item(page_url(SITES[1], article), title, body(article), published=t),
            item(page_url(SITES[2], other), title, body(other), published=t + 4 * HOUR))


def lookalike_title(rng, article, other, t):
    title = re.sub(r"^(\S+)", "Why", article["title"]) + " again"
    return (item(page_url(SITES[3], article), article["title"], body(article), published=t),
            item(page_url(SITES[4], other), title, body(other), published=t + HOUR))


def unrelated(rng, article, other, t):
    return (item(page_url(SITES[5], article), article["title"], body(article), published=t),
            item(page_url(SITES[2], other), other["title"], body(other), published=t))


def site_digest(rng, article, other, t):
    intro = ("Good morning and welcome to the Daily Planet briefing, the five stories you need "
             "to know about today, picked by our editors and delivered before breakfast. "
             "Here is what is happening: ")
    day = rng.randint(1, 28)
    return (item(f"https://{SITES[0]}/briefing/2023-11-{day:02d}", f"Briefing for November {day}",
                 intro + body(article, 600), published=t),
            item(f"https://{SITES[0]}/briefing/2023-11-{day + 1:02d}",
                 f"Briefing for November {day + 1}", intro + body(other, 600),
                 published=t + DAY))


def republished_later(rng, article, other, t):
    return (item(page_url(SITES[1], article), article["title"], body(article), published=t),
            item(page_url(SITES[2], article) + "-anniversary", article["title"], body(article),
                 published=t + 30 * DAY))


def short_boilerplate(rng, article, other, t):
    text = "Click to read the full story on our site."
    return (item(page_url(SITES[3], article), article["title"], text, published=t),
            item(page_url(SITES[4], other), other["title"], text, published=t))


SAME = [tracking_copy, edited_title, syndicated_footer, summary_and_full, typography, feedburner]
HARD_SAME = [dateline_prefix, copy_edit]
DIFFERENT = [same_template, same_title_other_text, lookalike_title, unrelated, site_digest,
             republished_later, short_boilerplate]


def pairs(articles):
    rng = random.Random(6)
    out = []
    for i, article in enumerate(articles):
        t = BASE_TIME + i * 6 * HOUR
        other = articles[(i * 7 + 3) % len(articles)]
        if other is article:
            other = articles[(i + 1) % len(articles)]
        for make in (SAME[i % len(SAME)], SAME[(i + 3) % len(SAME)]):
            out.append((make.__name__, True, make(rng, article, t)))
        if i % 12 == 0:
            make = HARD_SAME[(i // 12) % len(HARD_SAME)]
            out.append((make.__name__, True, make(rng, article, t)))
        for make in (DIFFERENT[i % len(DIFFERENT)], DIFFERENT[(i + 4) % len(DIFFERENT)]):
            out.append((make.__name__, False, make(rng, article, other, t)))
    return out


def main():
    corpora = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora"
    for kind, same, (a, b) in pairs(load_articles(corpora)):
        print(json.dumps({"kind": kind, "same": same, "a": a, "b": b}, ensure_ascii=False))


if __name__ == "__main__":
    main()
