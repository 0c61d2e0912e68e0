"""A cut never splits what a reader sees as one character (a grapheme cluster, Unicode's UAX #29): a family
emoji's people joined by ZWJ, a skin tone, a flag's pair of regional indicators, a keycap, a variation selector,
a letter and its combining accent, a Hangul syllable's jamo. Every cut (capped fields, excerpts of cards and
link previews, the search index's excerpts and its snippets, fetch's ledes) is text.cut_clusters'."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import build_said, fetch_said, fetch_site, fetched, files_under, item, make_site
from generator.render.filters import whole_words
from generator.site.text import cluster_boundary, cut_at_word, cut_clusters

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
FLAGS = "\U0001F1EB\U0001F1F7"  # 🇫🇷

# As Unicode's GraphemeBreakTest.txt writes them: ÷ a boundary, × none, code points in hex
CASES = [
    "÷ 0061 ÷ 0062 ÷",
    "÷ 000D × 000A ÷ 0061 ÷",
    "÷ 0065 × 0301 ÷ 0065 × 0301 × 0302 ÷",  # combining marks
    "÷ 1F469 × 200D × 1F469 × 200D × 1F467 ÷ 0020 ÷",  # a ZWJ sequence
    "÷ 1F44D × 1F3FD ÷ 1F44D ÷",  # a skin tone
    "÷ 1F1EB × 1F1F7 ÷ 1F1E9 × 1F1EA ÷ 1F1EF ÷",  # flags pair from the start of their run
    "÷ 0061 ÷ 1F1EB × 1F1F7 ÷ 1F1E9 ÷",
    "÷ 0031 × FE0F × 20E3 ÷ 0032 × FE0F × 20E3 ÷",  # keycaps
    "÷ 2764 × FE0F ÷ 0021 ÷",  # a variation selector
    "÷ 1F3F4 × E0067 × E0062 × E0065 × E006E × E0067 × E007F ÷ 0061 ÷",  # a subdivision flag's tags
    "÷ 1100 × 1161 × 11A8 ÷ 1100 × 1161 ÷ AC00 × 11A8 ÷ AC01 × 11A8 ÷ AC01 ÷",  # Hangul L V T, LV T, LVT T
    "÷ 0915 × 094D × 200D × 0937 ÷",  # a conjunct: a virama and a joiner (Unicode 15.1's GB9c)
    # conjuncts without a joiner (GB9c): क्षे त्र, a nukta's ज़्य, three consonants स्त्री, Bengali's ক্ষ, Malayalam's
    # ന്ത; but a virama after no consonant joins nothing
    "÷ 0915 × 094D × 0937 × 0947 ÷ 0924 × 094D × 0930 ÷ 0020 ÷",
    "÷ 091C × 093C × 094D × 092F ÷ 0938 × 094D × 0924 × 094D × 0930 × 0940 ÷",
    "÷ 0995 × 09CD × 09B7 ÷ 0D28 × 0D4D × 0D24 ÷",
    "÷ 0020 × 094D ÷ 0915 ÷ 0905 × 094D ÷ 0915 ÷",
    "÷ 0915 × 093F ÷ 0020 ÷",  # a spacing mark (Mc)
    "÷ 0627 ÷ 200F ÷ 0628 ÷",  # a direction mark is a cluster of its own
    "÷ FF76 × FF9E ÷",  # half-width katakana's voiced mark
    # Thai's and Lao's AM, letters (Lo) that Unicode counts as spacing marks: กำ, ນ້ຳ
    "÷ 0E01 × 0E33 ÷ 0E44 ÷ 0E23 ÷ 0E19 × 0E49 × 0E33 ÷ 0020 ÷ 0E99 × 0EC9 × 0EB3 ÷",
    # a consonant written under another after Khmer's coeng, Myanmar's stacker, Tai Tham's sakot: ក្រ, ဂ္ဂ, ᩉ᩠ᨾ
    "÷ 1780 × 17D2 × 179A ÷ 1791 ÷ 1002 × 1039 × 1002 ÷ 1A49 × 1A60 × 1A3E ÷",
    "÷ 0600 × 0661 ÷ 0662 ÷ 0020 ÷ 06DD × 0663 ÷",  # Arabic's number signs go before the digits they mark
]


def _read(case: str) -> tuple[str, set[int]]:
    text, boundaries = "", {0}
    for token in case.split()[1:]:
        if token == "÷":
            boundaries.add(len(text))
        elif token != "×":
            text += chr(int(token, 16))
    return text, boundaries


@pytest.mark.parametrize("case", CASES)
def test_a_cut_falls_only_between_grapheme_clusters(case):
    text, boundaries = _read(case)
    assert [at for at in range(len(text) + 1) if cluster_boundary(text, at)] == sorted(boundaries), case
    for limit in range(len(text) + 1):  # the longest start that fits, and ends at a boundary
        assert cut_clusters(text, limit) == text[:max(b for b in boundaries if b <= limit)], (case, limit)


# Headlines in the six scripts whose conjuncts are one cluster (Unicode 15.1's InCB: Devanagari, Bengali, Gujarati,
# Oriya, Telugu, Malayalam), and Tamil's and Kannada's, whose are not
INDIC = ["प्रधानमंत्री ने राष्ट्रीय शिक्षा नीति के अंतर्गत ग्रामीण क्षेत्रों में स्वास्थ्य केंद्रों का विस्तार किया, ज़्यादा श्रद्धालु",
         "মুখ্যমন্ত্রী রাষ্ট্রীয় শিক্ষা", "મુખ્યમંત્રી રાષ્ટ્રીય શિક્ષણ", "ମୁଖ୍ୟମନ୍ତ୍ରୀ ରାଷ୍ଟ୍ରୀୟ ଶିକ୍ଷା",
         "ముఖ్యమంత్రి రాష్ట్రీయ విద్య", "മുഖ്യമന്ത്രി രാഷ്ട്രീയ വിദ്യാഭ്യാസം", "முதலமைச்சர் கல்வி", "ಮುಖ್ಯಮಂತ್ರಿ ರಾಷ್ಟ್ರೀಯ"]


def test_a_cut_never_splits_a_conjunct_as_browsers_join_them():
    # (a cut between a virama and the consonant it joins, `क्` + `षेत्र`, showed a half letter before the ellipsis)
    script = ("const texts = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify(texts.map(text => [...new Intl.Segmenter('und', {granularity: 'grapheme'})"
              ".segment(text)].map(part => part.index + part.segment.length))));")
    said = json.loads(subprocess.run(["node", "-e", script, json.dumps(INDIC)], capture_output=True, text=True,
                                     check=True).stdout)
    for text, ends in zip(INDIC, said):
        assert [at for at in range(1, len(text) + 1) if cluster_boundary(text, at)] == ends, text
    assert len(said) == len(INDIC) == 8


# Text in scripts whose letters are several characters: Thai, Lao, Khmer, Myanmar, Tai Tham, Sinhala, Tibetan, Arabic
# with a number sign, Hindi. Made of these words in turn, without spaces where the script has none.
WORDS_OF = {"th": ["การ", "ประชุม", "คณะ", "รัฐมนตรี", "วันนี้", "อนุมัติ", "งบประมาณ", "จำนวน", "สำหรับ", "โครงการ", "น้ำ", "เหนือ"],
            "lo": ["ກຳລັງ", "ສຳຫຼວດ", "ນ້ຳ", "ແມ່", "ເມືອງ"], "km": ["ព្រះរាជាណាចក្រ", "កម្ពុជា", "ស្ត្រី", "ខ្មែរ"],
            "my": ["မြန်မာ", "နိုင်ငံ", "သတင်း", "ဂ္ဂ"], "nod": ["ᩉ᩠ᨾᩣ", "ᨠᩤ᩠ᨿ"], "si": ["ශ්‍රී", "ලංකාව"],
            "bo": ["བོད་", "ཡིག"], "ar": ["\u0600\u0661\u0662", "\u06dd\u0663", "عربي"], "hi": INDIC[0].split()}


def test_a_cut_never_falls_inside_a_cluster_as_browsers_draw_it_in_any_script():
    # (a cut before Thai's ำ left กำไร's ก alone; after Khmer's coeng, a subscript consonant without its base)
    texts = ["".join(words[(n * 5) % len(words)] for n in range(40)) for words in WORDS_OF.values()]
    script = ("const texts = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify(texts.map(text => [...new Intl.Segmenter('und', {granularity: 'grapheme'})"
              ".segment(text)].map(part => part.index + part.segment.length))));")
    said = json.loads(subprocess.run(["node", "-e", script, json.dumps(texts)], capture_output=True, text=True,
                                     check=True).stdout)
    assert len(said) == len(texts) == len(WORDS_OF)
    for text, ends in zip(texts, said):
        inside = [at for at in range(1, len(text)) if cluster_boundary(text, at) and at not in ends]
        assert inside == [], (text, [(at, hex(ord(text[at]))) for at in inside])
        for limit in range(len(text)):
            cut = cut_clusters(text, limit)
            assert len(cut) in ends or not cut, (text, limit)


def test_a_clamped_headline_of_joined_letters_is_its_words_escaped():
    # (filters.whole_words: a clamp's ellipsis hides a word of joined letters whole, tests/test_devanagari.py)
    assert str(whole_words("राज्यों से <b>&amp; सहयोग")) == ('<span class="word">राज्यों</span> <span class="word">से</span> '
                                                      '<span class="word">&lt;b&gt;&amp;amp;</span> '
                                                      '<span class="word">सहयोग</span>')
    assert str(whole_words("Harbour <b> cranes")) == "Harbour &lt;b&gt; cranes"  # (letters that do not join)


def test_a_cut_at_a_word_keeps_the_word_and_a_pile_of_marks_is_still_cut():
    assert cut_at_word("one two " + FAMILY * 3, 12) == "one two"
    assert cut_at_word(FLAGS * 10, 7) == FLAGS * 3
    zalgo = "a" + "\u0301" * 500  # (no reader needs 500 marks on a letter: a cut inside them is bounded)
    assert len(cut_clusters(zalgo, 100)) == 100


def _no_split(text: str) -> None:
    """Each cut of `text` (the text before an ellipsis: the model's and the index's `…`, Jinja's `...`) ends where
    a cluster ends."""
    for part in text.replace("...", "…").split("…")[:-1]:
        if part:
            assert not part.endswith(("\u200D", "\U0001F469")), repr(part[-12:])
            run = len(part) - len(part.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
            assert run % 2 == 0, repr(part[-12:])
            assert part.rstrip("\u202c\u2069")[-1:] != "e", repr(part[-12:])  # (not without its accent)


def test_every_output_cuts_between_clusters(tmp_path, capsys):
    files = {"content/a.md": item("Family", excerpt=json.dumps(FAMILY * 700)),
             "content/b.md": item("Flags", date="2026-11-20T11:00:00Z", excerpt=json.dumps("x" + FLAGS * 700)),
             "content/c.md": item("Accents", date="2026-11-20T12:00:00Z", excerpt=json.dumps("e\u0301" * 1100),
                                  body="Body."),
             "content/d.md": item("Long title", date="2026-11-20T13:00:00Z").replace(
                 "'Long title'", json.dumps(FAMILY * 1000))}
    site = make_site(tmp_path / "site", files)
    status, said = build_said(site, capsys)
    assert status == 0 and "cut to" in said, said  # (the title and excerpts past MAX_TEXT are capped)
    outputs = files_under(site / "output")
    cut = 0
    for name, data in outputs.items():
        text = data.decode("utf-8", "replace")
        if name.startswith("static/"):
            continue
        if name.endswith(".json"):  # (the API and the search index write "\u2026" as the character)
            text = json.dumps(json.loads(text), ensure_ascii=False)
        cut += text.count("…")
        _no_split(text)
    assert cut > 20  # (cards, link previews, the API, feeds, the search index's excerpts)


def _unspaced(language: str, joiner: str = "", words: int = 600, phrases=(3, 14, 6, 18, 9)) -> tuple[str, set[int]]:
    """WORDS_OF[language] in turn, `words` of them, in phrases of `phrases` words in turn apart by a space (as Thai
    writes them), their words apart by `joiner`; the text and where each of its words ends."""
    text, ends, phrases, left = "", set(), list(phrases), phrases[0]
    for n in range(words):
        text += WORDS_OF[language][(n * 7) % len(WORDS_OF[language])]
        ends.add(len(text))
        left -= 1
        if not left:
            phrases = phrases[1:] + phrases[:1]
            left = phrases[0]
        text += joiner if left != phrases[0] else " "
    return text.rstrip(), ends


@pytest.mark.parametrize("language, joiner", [("th", ""), ("lo", ""), ("my", ""), ("km", "\u200b")])
def test_a_cut_at_a_word_ends_between_two_words_of_a_script_without_spaces(language, joiner):
    # (a Thai phrase longer than half the limit, no space in the cut's second half: cut between two letters of a
    # word, งบประ for งบประมาณ; Khmer writes a zero-width space between its words)
    text, ends = _unspaced(language, joiner)
    cuts = {limit: cut_at_word(text, limit) for limit in range(20, 800)}
    # (inside a word only where no space or zero-width space comes within half the limit after the cut)
    inside = [cut[-12:] for limit, cut in cuts.items() if len(cut.rstrip("\u200b")) not in ends
              and set(" \u200b") & set(text[len(cut):len(cut) + limit // 2 + 1])]
    assert inside == [] and len(set(cuts.values())) > 20, inside
    assert all(len(cut) <= limit * 3 // 2 for limit, cut in cuts.items())  # (half as many more at most)
    assert sum(len(cut) > limit for limit, cut in cuts.items()) > 20 or joiner  # (to a phrase's end after it)
    assert cut_at_word("Harbour" * 40, 100) == ("Harbour" * 40)[:100]  # (a script with spaces: as before)


def test_every_output_cuts_a_script_without_spaces_between_two_words(tmp_path, capsys):
    # (a first phrase of 45 words, 250 letters: no space before the cards' and the index's cut at 200)
    thai, ends = _unspaced("th", phrases=(45, 3, 14, 6, 18, 9))
    thai, ends = "ข่าว" + thai, {4} | {end + 4 for end in ends}  # (a first word found nowhere else in it)
    assert 200 < thai.index(" ") < 300
    files = {"content/a.md": item("Thai", excerpt=json.dumps(thai)),
             "content/b.md": item("ไทย " + thai[:max(end for end in ends if end < 2500)], date="2026-11-20T11:00:00Z")}
    status, said = build_said(make_site(tmp_path / "site", files), capsys)
    assert status == 0 and "cut to" in said, said  # (the title past MAX_TEXT is capped)
    cut = 0
    for name, data in files_under(tmp_path / "site" / "output").items():
        if name.startswith("static/"):
            continue
        text = data.decode("utf-8")
        if name.endswith(".json"):  # (the API and the search index write "\u2026" as the character)
            text = json.dumps(json.loads(text), ensure_ascii=False)
        for part in text.replace("...", "\u2026").split("\u2026")[:-1]:
            start = part.rfind("ข่าว")
            if start >= 0:
                cut += 1
                shown = part[start:]
                assert thai.startswith(shown) and len(shown) in ends, (name, shown[-20:])
    assert cut > 10  # (cards, link previews, the API, feeds, the search index's excerpts, the capped title)


def test_a_fetched_lede_is_cut_between_clusters(tmp_path, server, capsys):
    from feed_server import Route

    server.routes["/f.rss"] = Route(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>F</title><link>https://f.example/</link>
<item><title>Family</title><link>https://f.example/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>{FAMILY * 200}</description></item></channel></rss>""".encode())
    site = fetch_site(tmp_path / "site", server, ["/f.rss"])
    code, said = fetch_said(site, capsys)
    assert code == 0, said
    [entry] = fetched(site).values()
    assert entry["excerpt"].endswith(FAMILY + "…") and len(entry["excerpt"]) < 300


def test_a_thai_truncation_is_never_as_long_as_its_text(tmp_path):
    """The theme's truncate ends a cut inside a Thai word at the next space: where that space is the text's last
    but one character, "..." after it made the "cut" longer than the text. Such a text is shown whole."""
    import functools

    from conftest import build_site
    from generator.render.environment import make_env

    config, result = build_site(make_site(tmp_path / "site", {"content/a.md": item("ข่าว")},
                                          "title: ข่าว\nbase_url: https://example.org/\nlanguage: th\n"))
    env = make_env(config, result.site.model.site)
    truncate = functools.partial(env.filters["truncate"], env)
    whole = "ภาษา" * 60 + " x"
    assert str(truncate(whole, 200)) == whole
    cut = str(truncate("ภาษา" * 60 + " " + "ข่าว" * 30, 200))
    assert cut.endswith("...") and len(cut) < len("ภาษา" * 60 + " " + "ข่าว" * 30) and " " not in cut
