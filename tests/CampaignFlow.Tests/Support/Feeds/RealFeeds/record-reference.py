#!/usr/bin/python3
"""Records the reference parser's reading of every feed in this corpus.

Reference parser: feedparser (Debian's python3-feedparser, run with /usr/bin/python3).
For each feed file it writes, per item, the title, the link and the dates (published,
updated) as feedparser reads them, into reference.json beside this script. The C# test
(RealFeedCorpusTests) compares the project's parser with this file; python is not needed
at test time. Rerun after adding feeds:

    /usr/bin/python3 tests/CampaignFlow.Tests/Support/Feeds/RealFeeds/record-reference.py

Normalisation (the same the project's parser applies to text, so that only real
disagreements remain): titles have markup stripped, entities decoded and ASCII white space
collapsed; dates are ISO 8601 in UTC to the second; a missing value is null.
"""
import calendar
import datetime
import html
import html.parser
import json
import os
import re
import sys

import feedparser

HERE = os.path.dirname(os.path.abspath(__file__))
FEED_EXTENSIONS = (".xml", ".rss", ".atom", ".rdf")


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def plain(value):
    if value is None:
        return None
    if "<" in value or "&" in value:
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    value = re.sub(r"[ \t\r\n\f]+", " ", value).strip()
    return value or None


def iso(parsed):
    if not parsed:
        return None
    seconds = calendar.timegm(parsed)
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record(path):
    with open(path, "rb") as handle:
        result = feedparser.parse(handle.read())
    items = []
    for entry in result.entries:
        # dict.get, not FeedParserDict.get: the latter falls back from 'updated' to 'published'.
        items.append({
            "title": plain(dict.get(entry, "title")),
            "link": dict.get(entry, "link") or None,
            "published": iso(dict.get(entry, "published_parsed")),
            "updated": iso(dict.get(entry, "updated_parsed")),
        })
    return {"version": result.get("version") or None, "bozo": bool(result.get("bozo")), "items": items}


def main():
    feeds = {}
    for folder in sorted(os.listdir(HERE)):
        full = os.path.join(HERE, folder)
        if not os.path.isdir(full):
            continue
        for name in sorted(os.listdir(full)):
            if name.endswith(FEED_EXTENSIONS):
                feeds[f"{folder}/{name}"] = record(os.path.join(full, name))
    out = {
        "reference": f"feedparser {feedparser.__version__}",
        "python": sys.version.split()[0],
        "feeds": feeds,
    }
    with open(os.path.join(HERE, "reference.json"), "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"{len(feeds)} feeds, {sum(len(f['items']) for f in feeds.values())} items")


if __name__ == "__main__":
    main()
