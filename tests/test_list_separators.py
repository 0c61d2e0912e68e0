"""A list in the theme's words is written with the language's own separator: a provider's main topics are
`AI、半導体、スマートフォン` in Japanese and `اقتصاد، رياضة` in Arabic, not with English's `, ` (the words
files' `list_separator`)."""

from __future__ import annotations

import re

import pytest
from conftest import BASIC_CONFIG, build_said, item, make_site


@pytest.mark.parametrize("language, topics, separator", [
    ("ja", ["AI", "半導体", "スマートフォン"], "、"),
    ("ar", ["اقتصاد", "رياضة", "سياسة"], "، "),
    ("fa", ["اقتصاد", "ورزش", "سیاست"], "، "),
    ("en", ["Economy", "Sport", "Politics"], ", "),
    ("de", ["Wirtschaft", "Sport", "Politik"], ", "),
])
def test_a_providers_main_topics_are_listed_as_the_language_separates_them(tmp_path, capsys, language, topics,
                                                                           separator):
    files = {f"content/story-{n}.md": item(f"Story {n}", f"2026-11-{20 - n:02d}T08:00:00Z",
                                           provider="{name: Desk, domain: desk.example}", topics=f"[{topic}]")
             for n, topic in enumerate(topics)}
    site = make_site(tmp_path / language, files, BASIC_CONFIG + f"language: {language}\n")
    status, said = build_said(site, capsys)
    assert status == 0, said
    page = (site / "output" / "providers" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<p class="meta"[^>]*>(.*?)</p>', page.split("desk.example", 1)[1], re.DOTALL)
    assert found, page
    names = re.findall(r"<bdi>(.*?)</bdi>", found.group(1))
    assert sorted(names) == sorted(topics), found.group(1)
    assert separator.join(names) in re.sub(r"<[^>]+>", "", found.group(1)), found.group(1)
