"""`newsdesk fetch` giving entries topics by their keywords however their words are written, against a real HTTP
server on 127.0.0.1: with or without the vowel marks of Arabic, Hebrew and Syriac (harakat, niqqud), the hamza or
madda on an alef, the tatweel that stretches an Arabic word, or an invisible character inside a word (a direction
mark, a soft hyphen, a zero-width joiner), in the keyword or in the entry; and still as whole words, and with the
accents of Latin letters, which make other words (`résumé`, `resume`)."""

from __future__ import annotations

from conftest import fetch_site, fetched, run_fetch
from feed_server import FeedServer, Route

# (title, what its words are written with)
ENTRIES = [
    ("الاقتـــصاد المـصري ينمو في الربع الثالث", "tatweel in the keyword's word"),
    ("مُحَمَّد صَلَاح يقود ليفربول", "harakat in the entry, none in the keyword"),
    ("محمد صلاح يسجل هدفين", "none in the entry, harakat in the keyword"),
    ("اسعار الذهب ترتفع", "an alef without its hamza, the keyword's with one"),
    ("تقرير عن أسعار الوقود", "as the keyword writes it"),
    ("الاق\u200fتصاد والسياسة", "a right-to-left mark inside the word"),
    ("הַבְּחִירוֹת בְּיִשְׂרָאֵל", "Hebrew with niqqud, the keyword without"),
    ("صلاحية الدواء", "no whole word of the keyword's"),
    ("Her résumé, rewritten", "Latin accents: the keyword 'resume' is another word"),
    ("We resume talks", "the keyword 'resume' as written"),
]
FEED = ("""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<link>https://akhbar.example/</link>""" + "".join(
    f"<item><title>{title}</title><link>https://akhbar.example/{n}</link>"
    f"<pubDate>Mon, 16 Nov 2026 {10 + n}:00:00 GMT</pubDate></item>" for n, (title, _) in enumerate(ENTRIES))
    + "</channel></rss>").encode()

TOPICS = """topics:
  - name: اقتصاد
    keywords: [الاقتصاد, أسعار]
  - name: رياضة
    keywords: [مُحَمَّد صلاح]
  - name: בחירות
    keywords: [הבחירות]
  - name: Work
    keywords: [resume]
"""


def test_keywords_find_words_written_with_or_without_their_optional_marks(tmp_path, capsys):
    with FeedServer() as server:
        server.routes["/feed.xml"] = Route(FEED, content_type="application/rss+xml")
        site = fetch_site(tmp_path / "site", server, ["/feed.xml"])
        config = site / "config.yaml"
        config.write_text(TOPICS + config.read_text(encoding="utf-8"), encoding="utf-8")
        code, _, err = run_fetch(site, capsys)
    assert code == 0, err
    topics = {title: meta.get("topics", []) for title, meta in fetched(site).items()}
    assert len(topics) == len(ENTRIES)
    assert topics == {
        "الاقتـــصاد المـصري ينمو في الربع الثالث": ["اقتصاد"],
        "مُحَمَّد صَلَاح يقود ليفربول": ["رياضة"],
        "محمد صلاح يسجل هدفين": ["رياضة"],
        "اسعار الذهب ترتفع": ["اقتصاد"],
        "تقرير عن أسعار الوقود": ["اقتصاد"],
        "الاق\u200fتصاد والسياسة": ["اقتصاد"],
        "הַבְּחִירוֹת בְּיִשְׂרָאֵל": ["בחירות"],
        "صلاحية الدواء": [],
        "Her résumé, rewritten": [],
        "We resume talks": ["Work"],
    }
