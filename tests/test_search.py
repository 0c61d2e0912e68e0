"""Site search: the tokeniser, the index the build writes (generator/plan/search.py), incremental builds
that keep it equal to a full build's, and the client (static/search/search.js) in a real browser.

The browser tests build the site with a base_url that has a path and serve it from that path with a
plain static server, as GitHub Pages would; every request that is not to that server is blocked and
recorded, so they also prove that search needs no CDN.
"""

from __future__ import annotations

from datetime import date, timedelta
import json
from pathlib import Path
import os
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, files_under, item, make_site, static_server
from generator.build.pipeline import BuildOptions, build
from generator.build.cache import BuildCache
from generator.build.search_index import make_index
from generator.config.load import load_config
from generator.cli import main as cli_main
from generator.serve.rebuild import Session, rebuild, update_search
from generator.languages import UNSPACED
from generator.plan.search_compounds import camel_parts, compounds, literals
from generator.plan.search_files import SEARCH_FOLDER, keys_file, listed_keys, shard_file, shard_key
from generator.plan.search_stems import terms
from generator.plan.search_tokens import IGNORABLE, MAX_TERM, tokens

CONFIG = """\
title: Search Test News
base_url: https://example.org/paper/
now: "2026-11-22T12:00:00Z"
"""

UNIQUE = "quillwort"  # appears in one item's body only
# (a whole tag would be removed from a title: text.plain_text; one without its end stays, as text)
ODD_TITLE = '<img src=x onerror="window.pwned=1" Zürich “quotes” & <b bold \u202e'
SHOWN_TITLE = ODD_TITLE + "\u202c"  # as written, with the override it leaves open closed (text.plain_text)
SHOWN_NAME = ODD_TITLE.replace(" \u202e", "")  # a provider's name loses direction marks (text.plain_name)
PICTURE = "https://pictures.example/cranes.jpg"  # a story's own picture: the only request to another host
ODD_TOPIC = '<svg onload="window.pwned=3" & zoology'  # (an unclosed tag stays, as text)
FILLERS = 23  # stories that all say "lighthouse": more than one page of results
SPLIT_BODY_WORD = "trans&shy;continental"  # one word to a reader: a soft hyphen (as an entity) inside it
AUTHOR = "Ingrid Solvang"  # the lab story's writer, in no other text


def site_files() -> dict[str, str]:
    files = {
        "content/harbour.md": item("Harbour cranes get a new paint job", date="2026-11-20T10:00:00Z",
                                   excerpt='"Port authority repaints its fleet."', topics="[Business]",
                                   provider="{name: Dockside Daily, domain: dockside.example}",
                                   images=f"[{{url: '{PICTURE}', width: 640, height: 360}}]",
                                   body=f"The paint is a marine blend. Workers also found {UNIQUE} growing by the quay."),
        "content/rail.md": item("Night trains return to the northern line", date="2026-11-21T10:00:00Z",
                                excerpt='"Sleeper cars are back."', topics="[Transport]",
                                provider="{name: Rail Ledger, domain: railledger.example}",
                                body="Sleeper cars leave at nine and arrive before breakfast. Crystals on the menu. "
                                     f"A {SPLIT_BODY_WORD} timetable. รถไฟกลางคืนกลับมาแล้ว"),
        "content/lab.md": item("Lab grows crystals in orbit", date="2026-11-19T10:00:00Z",
                               excerpt='"Microgravity helps."', topics="[Science]",
                               provider="{name: Orbit Notes, domain: orbitnotes.example}", author=f'"{AUTHOR}"',
                               body="Crystals formed more evenly than on the ground. 東京の研究所も参加した。 "
                                    "The spectro\u00admeter\u2060s were calibrated."),
        "content/odd.md": item("Odd title", date="2026-11-18T10:00:00Z", body="Marmoset &amp; <b>tamarin</b> notes.",
                               excerpt=json.dumps(ODD_TITLE + " marmoset"), topics=json.dumps([ODD_TOPIC]),
                               provider=json.dumps({"name": ODD_TITLE, "domain": "odd.example"}),
                               images="[{url: 'javascript:window.pwned=2'}]")
                          .replace("title: 'Odd title'", "title: " + json.dumps(ODD_TITLE)),
        "content/draft.md": item("An unpublished draft", date="2026-11-18T11:00:00Z", published="false",
                                 body="The word zeppelinfield is only in this draft."),
    }
    for n in range(FILLERS):  # four days apart: alike, but further apart than a story's window
        day = date(2026, 8, 1) + timedelta(days=4 * n)
        files[f"content/filler-{n:02d}.md"] = item(f"Coastal note {n}", date=f"{day}T08:00:00Z",
                                                    body=f"The lighthouse keeper wrote note {n}.")
    return files


def built(tmp_path, name="site", config=CONFIG, **options):
    root = make_site(tmp_path / name, site_files(), config)
    cfg = load_config(root / "config.yaml")
    build(cfg, BuildOptions(workers=1, **options))
    return cfg, cfg.output_path


def keys_of(out) -> tuple[set[str], set[str]]:
    """The keys that have a terms file and the split keys, as a built site's index lists them."""
    folder = out / SEARCH_FOLDER
    return listed_keys(json.loads((folder / "meta.json").read_bytes()), lambda name: (folder / name).read_bytes())


def index_of(out):
    """(meta, docs, term -> {doc id: weight}) read back from a built site's index files."""
    folder = out / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    docs = []
    for n in range(-(-meta["docs"] // meta["chunk"])):
        docs += json.loads((folder / f"docs/{n}.json").read_bytes())
    found = {}
    shards = sorted((folder / "terms").iterdir())
    assert shards
    # meta's "keys" and the keys files name exactly the terms files there are: the client asks for no other (no 404)
    keys, split = listed_keys(meta, lambda name: (folder / name).read_bytes())
    assert {f"terms/{path.name}" for path in shards} == {shard_file(key) for key in keys}
    for path in shards:
        for term, flat in json.loads(path.read_bytes())["terms"].items():
            assert shard_file(shard_key(term, split)) == f"terms/{path.name}"
            postings, doc = {}, 0
            for delta, weight in zip(flat[1::2], flat[2::2]):
                doc += delta
                postings[doc] = weight
            assert flat[0] >= len(postings)  # the document frequency
            found[term] = postings
    return meta, docs, found


def titles_for(out, word):
    """The titles of the stories the index lists for a word (stemmed as the site's language does)."""
    meta, docs, found = index_of(out)
    [term] = terms(word, meta["stemmer"])
    return sorted(docs[doc][1] for doc in found.get(term, {}))


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    return built(tmp_path_factory.mktemp("search"))


# --- the tokeniser ----------------------------------------------------------------------------------

TRICKY = [
    "Ship the code. Set it up; no code, pro tools (in app) on ASP.NET 9.3 at last… ok! go? 終わり。新しい app",
    "Café déjà-vu, naïve coöperation", "ＡＢＣ１２３ ﬁne ① x²", "東京タワーへ行く・カタカナ", "한국어 텍스트 검색",
    "İstanbul ΟΔΟΣ ὈΔΥΣΣΕΎΣ", "a b c 3.5 x1 1999-2026", "foo_bar baz—qux 'quoted' «guillemets»", "Ǆemal ß Straße",
    "e\u0301te\u0301 (combining)", "Ⅻ ⅷ ½ ¹²³", "emoji 🎉 party 👍🏽 ok", "Ølstykke Łódź Ærø", "ﷺ Ꭰ 𝐀𝐁𝐂 𝔣𝔯𝔞𝔨𝔱𝔲𝔯",
    "tab\tnew\nline\u00a0nbsp\u2028sep", "<script>alert(1)</script>", "x" * 60 + " end", "日本語とEnglishの混在2024年",
    "Ελληνικά ΣΊΣΥΦΟΣ", "Привет, МИР!", "עִבְרִית", "हिन्दी भाषा", "ภาษาไทย", "ﾊﾝｶｸ ｶﾀｶﾅ",
    # invisible characters inside words (kept whole) and Unicode spaces between them (split)
    "inter\u00adnational zero\u200bwidth join\u200derl non\u200cjoiner word\u2060joiner bom\ufeffin "
    "bidi\u200ele\u200ft\u202ain\u202cside\u2066x\u2069y tag\U000e0041s vs\ufe0fel fill\u3164er\uffa0s",
    "می\u200cخواهم کتاب\u200cها क्\u200dष न्\u200cह ශ්\u200dරී \u00ad\u200b lone",
    "ข่าว\u200bวันนี้\u200bกรุงเทพ ព័ត៌មាន\u200bថ្ងៃនេះ",
    # versions, languages' names and words with dots or hyphens, as readers type them; elisions, each apostrophe
    "portal 9.3.3.x v2.1 C# F# C++ .NET ASP.NET Wi-Fi COVID-19 iOS 17 iOS17 3.20092.32 ９．３ Ｃ＃ ⒈5 1.5m e.g.",
    "qu'il jusqu’à lorsqu‘on dell'anno all’interno l‘eau lʼeau d＇abord",
    "\u00a0".join(["nbsp", "narrow\u202fnbsp", "thin\u2009space", "ideo\u3000graphic", "ogham\u1680mark",
                    "em\u2003space", "line\u2028sep", "para\u2029sep", "math\u205fspace", "mongolian\u180evs"]),
]


def test_the_tokeniser_folds_accents_case_and_width():
    assert tokens("Café DÉJÀ-vu, naïve") == ["cafe", "deja", "vu", "naive"]
    assert tokens("ＡＢＣ１２３ ﬁne") == ["abc123", "fine"]
    assert tokens("İstanbul ΟΔΟΣ") == ["istanbul", "οδοσ"]  # (the final sigma lower() makes is a sigma, as typed)
    assert tokens("e\u0301te\u0301") == ["ete"]


def test_letters_with_a_stroke_fold_to_the_plain_letter_as_accents_do():
    # NFKD leaves ł ø đ ħ whole: a query typed without them (on another keyboard) must still find the word
    assert tokens("Łódź Ølstykke Đakovo Ħamrun żółw ØRESUND") == ["lodz", "olstykke", "dakovo", "hamrun", "zolw",
                                                                   "oresund"]


def test_the_ligatures_oe_and_ae_fold_to_their_two_letters():
    # NFKD leaves œ and æ whole; French and Danish readers type them as "oe" and "ae" on most keyboards
    assert tokens("Œuvre CŒUR sœurs Ærø æble") == ["oeuvre", "coeur", "soeurs", "aero", "aeble"]


def test_a_ligature_alone_is_a_one_letter_word_with_or_without_marks(tmp_path):
    # "Æ" folds to "ae" but is one letter as written, so no word (plain_tokens): a random text found that a mark
    # before it made it a term in the index, and the browser made one of it alone
    from test_search_languages import in_node

    texts = ["Æ", "\u0301Æ", "Æ\u0301", "x Œ y", "\u0301œ", "Ær", "\u0301Ær", "東"]
    expected = [[], [], [], [], [], ["aer"], ["aer"], ["東"]]
    assert [tokens(text) for text in texts] == [plain_tokens(text) for text in texts] == expected
    assert [found[0] for found in in_node(tmp_path, {"english": texts})["english"]] == expected


def plain_tokens(text):
    """The tokeniser's rule as docs/search.md states it, written the plain way: the whole text folded."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u200b", " "))
    kept = "".join(c for c in decomposed if unicodedata.category(c)[0] != "M" and not _PLAIN_IGNORABLE.match(c))
    text = unicodedata.normalize("NFC", kept).lower().translate(str.maketrans("ıłøđħς", "ilodhσ"))
    # (every script's digits are ASCII's)
    text = "".join(str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c for c in text)
    # (a ligature is one letter of the word as written: `Æ` alone is a one-letter word, skipped)
    return [token.replace("œ", "oe").replace("æ", "ae")[:MAX_TERM] for token in _PLAIN_TOKEN.findall(text)]


# plain_tokens' patterns, compiled once: it runs on each character of plane 0, where re.match's look-up of
# its pattern in re's cache cost more than the match
_PLAIN_IGNORABLE = re.compile(f"[{IGNORABLE}]")
_PLAIN_TOKEN = re.compile(rf"[^\W_{UNSPACED}]{{2,}}|(?=[^\W_])[{UNSPACED}]")


# Mostly ASCII words with accents, marks, punctuation, spaces and other scripts between: the mix of news text
_PIECES = ["news", "Café", "e", "\u0301", "’", "—", "“", " ", "…", "\u00a0", "ß", "ΟΔΟΣ", "東京", "İ", "ﬁ", "½", "K",
           "x²", "_", "-", "\u200d", "\u00ad", "\u200b", "\u200c", "\u2060", "\ufeff", "\u202f", "\u3000", "\u2009",
           "\u1680", "\u180e", "\u3164"]
_NEWS_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=30).map("".join)


@pytest.mark.slow  # random texts by nature; each character of plane 0 is compared in the quick tier, below
@settings(max_examples=400, deadline=None)
@given(_NEWS_TEXT)
def test_the_tokeniser_cuts_any_text_as_the_plain_rule_does(text):
    assert tokens(text) == plain_tokens(text)


@pytest.mark.slow
def test_every_character_of_plane_0_joins_or_cuts_a_word_as_the_plain_rule_does():
    # The tokeniser tests most texts' characters against a table of plane 0's letters, digits and marks: each
    # one between two letters, and before one (a mark there is on no letter)
    texts = [text for point in range(0x10000) if not 0xD800 <= point < 0xE000
             for text in (f"a{chr(point)}b", f"{chr(point)}b")]
    differ = [text for text in texts if tokens(text) != plain_tokens(text)]
    assert len(texts) > 120_000 and differ == []


def test_the_tokeniser_keeps_a_word_whole_around_a_lone_combining_mark():
    assert tokens("cafe\u0301s — “quoted”") == plain_tokens("cafe\u0301s — “quoted”") == ["cafes", "quoted"]


def test_words_written_with_hyphens_are_also_one_word_without_them():
    # "T-Mobile" is "mobile" to the tokeniser (one letter is no word): its compound keeps what a reader typed
    assert compounds("As low-code grows, T-Mobile uses GPT‑3 (model‐driven)") == ["lowcode", "tmobile", "gpt3",
                                                                                       "modeldriven"]
    assert compounds("Café DÉJÀ-vu, 1999-2026") == ["déjàvu", "19992026"]  # (as spelled() writes a word)
    assert compounds("a - b, x-, -y, 東京-タワー, plain words") == []  # no part on a side; CJK is letters apart
    assert compounds("-".join(["ab"] * 30)) == ["ab" * 20]  # cut as a word is



def test_words_written_in_camel_case_also_give_their_parts():
    # A reader types "venture beat" for VentureBeat (a held-out query found nothing): the parts, as spelled() writes
    # words, beside the word itself; a part of one letter is no word, as in any text
    assert camel_parts("Read VentureBeat on an iPhone, PowerApps (McDonald's) and JavaScript") == [
        "venture", "beat", "phone", "power", "apps", "mc", "donald", "java", "script"]
    assert camel_parts("USA, NASA, Power Apps, plain words, GPT3, x2Go, snake_Case") == []  # no small letter before a capital
    # a capital after an ASCII small letter only ("éP" is not), the word's other letters any
    assert camel_parts("ÉtéPlage ZürichBank") == ["zürich", "bank"]
    assert camel_parts("Ab" * 30) == ["ab"] * 30
    # beside other scripts' letters and punctuation, a lone surrogate from odd input, a mark between the two letters
    assert camel_parts("«VentureBeat»—naïveGuide, \ud800iPhone 東京MyCity e\u0301Bay") == [
        "venture", "beat", "naïve", "guide", "phone", "東", "京", "my", "city"]

HYPHENATED = ["T-Mobile X-ray e-mail", "GPT-3 Wi-Fi 4G-LTE", "Café DÉJÀ-vu naïve-coöperation", "x-" * 30 + "y",
              "model‐driven model‑driven", "İ-stanbul", "e-́mail inter­-national", "東京-タワー ภาษา-ไทย",
              "हिन्दी-भाषा", "a--b a-_b a_-b -lead trail-", "Ǆ-ß ﬁ-ne Ⅻ-x ½-a"]


def test_the_tokeniser_splits_on_punctuation_and_skips_single_characters():
    assert tokens("foo_bar baz—qux: 'quoted' a b 3.5 x1 1999-2026") == ["foo", "bar", "baz", "qux", "quoted", "x1",
                                                                       "1999", "2026"]
    assert tokens("<script>alert(1)</script>") == ["script", "alert", "script"]
    assert tokens("x" * 60) == ["x" * 40]  # long runs are cut, by the client too


def test_cjk_characters_are_one_term_each():
    assert tokens("東京タワーへ行く") == ["東", "京", "タ", "ワ", "ー", "へ", "行", "く"]
    assert tokens("한국어") == ["한", "국", "어"]  # Hangul syllables stay whole (NFKD splits them into jamo)
    assert tokens("日本語とEnglishの2024年") == ["日", "本", "語", "と", "english", "の", "2024", "年"]
    assert tokens("カタ・カナ") == ["カ", "タ", "カ", "ナ"]  # the middle dot is punctuation


def test_thai_khmer_lao_and_burmese_letters_are_one_term_each():
    # written without spaces: without a dictionary no word boundary can be found, so letters are terms, as
    # CJK's are, and a query's letters are found side by side; vowel and tone marks are dropped as all marks are
    assert tokens("ภาษาไทย") == ["ภ", "า", "ษ", "า", "ไ", "ท", "ย"]
    assert tokens("ព័ត៌មាន") == ["ព", "ត", "ម", "ន"]
    assert tokens("ພາສາລາວ") == ["ພ", "າ", "ສ", "າ", "ລ", "າ", "ວ"]
    assert tokens("မြန်မာ") == ["မ", "န", "မ"]
    assert tokens("ข่าวBangkok") == ["ข", "า", "ว", "bangkok"]


def test_invisible_characters_inside_a_word_keep_it_one_word():
    assert tokens("inter\u00adnational") == tokens("inter\u2060national") == ["international"]
    assert tokens("co\u200dop\u2060er\ufeffation\u200e") == ["cooperation"]
    assert tokens("\u00ad\u200b lone \u200b\u00ad") == ["lone"]  # and make no word alone
    # ZWNJ and ZWJ are dropped too: a Persian or Indic word is found typed with them or without
    assert tokens("می\u200cخواهم") == tokens("میخواهم") == ["میخواهم"]
    assert tokens("क्\u200dष") == tokens("क्ष")


# Real verbs: the present continuous (می), negated (نمی), typed with a ZWNJ or without, and the bare form
PERSIAN_VERBS = [["می\u200cکنند", "میکنند", "نمی\u200cکنند", "نمیکنند", "کنند"],
                 ["می\u200cخواهد", "میخواهد", "نمی\u200cخواهد", "نمیخواهد", "خواهد"],
                 ["می\u200cرفتند", "میرفتند", "نمی\u200cرفتند", "رفتند"],
                 ["می\u200cشود", "میشود", "نمیشود", "شود"],
                 ["می\u200cدانم", "میدانم", "نمیدانم", "دانم"]]
PERSIAN_NOUNS = ["میز", "میوه", "میلیون", "میدان", "میان", "میزان", "میراث"]  # می as their own letters


def test_persian_verbs_stem_alike_with_their_prefix_or_without():
    for forms in PERSIAN_VERBS:
        assert len({tuple(terms(form, "persian")) for form in forms}) == 1, forms
    assert terms(" ".join(PERSIAN_NOUNS), "persian") == ["میز", "میوه", "میلیون", "مید", "میان", "میزان", "میراث"]


def test_a_zero_width_space_breaks_words():
    # Thai, Khmer, Lao and Burmese are written without spaces and mark word breaks with it
    assert tokens("inter\u200bnational") == ["inter", "national"]
    thai = tokens("ข่าว\u200bวันนี้\u200bกรุงเทพ")  # their letters are terms anyway: the same with or without it
    assert thai == tokens("ข่าว วันนี้ กรุงเทพ") == tokens("ข่าววันนี้กรุงเทพ") and len(thai) == 12
    assert tokens("ព័ត៌មាន\u200bថ្ងៃនេះ") == tokens("ព័ត៌មាន ថ្ងៃនេះ")


def test_every_unicode_space_splits_words():
    spaces = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Zs", "Zl", "Zp")]
    assert "\u00a0" in spaces and "\u202f" in spaces and "\u3000" in spaces and len(spaces) >= 19
    for space in spaces:
        assert tokens(f"alpha{space}beta") == ["alpha", "beta"], hex(ord(space))


@pytest.mark.slow
def test_the_ignorable_characters_are_unicodes_default_ignorables():
    """IGNORABLE (written out in both tokenisers) is exactly Unicode's Default_Ignorable_Code_Point, as
    node's regular expressions know it."""
    ignorable = re.compile(f"[{IGNORABLE}]")
    ours = [c for c in range(0x110000) if ignorable.match(chr(c))]
    script = ("const r = /\\p{Default_Ignorable_Code_Point}/u, out = [];"
              "for (let c = 0; c < 0x110000; c++) if (r.test(String.fromCodePoint(c))) out.push(c);"
              "process.stdout.write(JSON.stringify(out));")
    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert ours == json.loads(run.stdout) and len(ours) > 4000



@pytest.mark.slow
def test_an_invisible_character_is_still_there_after_nfkc_and_lowercasing():
    """The tokeniser looks for IGNORABLE characters in the text after NFKC and lowercasing, and only then drops
    them from the text as written: so each must be there still (or have become an UNSPACED letter), and no
    canonical composition may take one into a letter. A text with one is tokenised as one without it."""
    from generator.languages import UNSPACED
    from generator.plan.search_tokens import IGNORABLE, spelled

    ignorable = re.compile(f"[{IGNORABLE}]")
    still = re.compile(f"[{IGNORABLE}{UNSPACED}]")
    found = [chr(c) for c in range(0x110000) if ignorable.match(chr(c))]
    assert len(found) > 4000
    for char in found:
        for text in (char, f"I{char}\u0301", f"e{char}\u0308x"):
            assert still.search(unicodedata.normalize("NFKC", text).lower()), hex(ord(char))
    composing = [chr(c) for c in range(0x110000) if unicodedata.decomposition(chr(c))[:1] not in ("", "<")]
    assert len(composing) > 2000
    for char in composing:
        parts = unicodedata.decomposition(char).split()
        assert not any(ignorable.match(chr(int(part, 16))) for part in parts), hex(ord(char))
    # (dropped before NFKC composes the e and its accent that the joiner stood between)
    assert spelled("Inter\u00adnational cafe\u200d\u0301s") == ["international", "cafés"]

def test_compatibility_characters_give_the_words_of_the_text_made_nfkc_as_a_whole():
    """The tokeniser makes the runs between ASCII punctuation and spaces NFKC one by one, as it lowercases them (a
    task meets each once), but a text with a capital sigma, or a run that starts with a mark, NFKC as a whole: the
    words must be the same either way. NFKC makes cut characters (U+00A0, "…", a full-width "！"), joins a mark to
    the ASCII character before it ("=" and U+0338 are "≠") and makes capital sigmas ("Ϲ", "𝚺")."""
    from generator.plan.search_tokens import spelled

    texts = ["ﬁne ﬂow", "½ price", "Ｈｅｌｌｏ！Ｗｏｒｌｄ", "non\u00a0breaking", "wait…what", "a=\u0338b x.\u0301e",
             "ΟΔΟϹ ΟΔΟ𝚺 x", "Ⅻ ㎏ ™ №5", "ǅemal ﬀ x²y", "\u0301lead e\u0301te\u0301", "İstanbul Iİ"]
    for casing in ("", "tr"):
        assert [spelled(text, casing) for text in texts] == [spelled(text + " \u03a3", casing) for text in texts]
    assert spelled("ﬁne ﬂow Ｈｅｌｌｏ！Ｗｏｒｌｄ wait…what non\u00a0breaking") == ["fine", "flow", "hello", "world",
                                                                                   "wait", "what", "non", "breaking"]


def test_phrase_ends_are_found_where_search_js_finds_them():
    """search_compounds.PHRASE_END is written so that `re` looks for its first character in C (one class, then which
    end it is), not tried at each character as search.js's two alternatives are: it must find the same ends, at every
    place a search may start, as search.js's pattern read by Python."""
    import random

    from generator.plan.search_compounds import PHRASE_END

    script = (ROOT / "themes/default/static/search/search.js").read_text(encoding="utf-8")
    written = re.search(r"var PHRASE_END = /(.+)/u;", script).group(1)
    plain = re.compile(re.sub(r"\\u([0-9a-fA-F]{4})", lambda code: chr(int(code.group(1), 16)), written))
    chars = ".,;:!?\u2026\u3001\u3002\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f()[]{} \t\n\u00a0\u2028ax1"
    pick = random.Random(46)
    texts = ["".join(pick.choice(chars) for _ in range(pick.randint(0, 10))) for _ in range(30_000)] + TRICKY
    spans = 0
    for text in texts:
        for start in range(len(text) + 1):
            found, wanted = PHRASE_END.search(text, start), plain.search(text, start)
            assert (found and found.span()) == (wanted and wanted.span()), (text, start)
            spans += found is not None
    assert spans > 50_000


@pytest.mark.slow  # over 10,000 texts, six ways
def test_a_text_spelled_phrase_by_phrase_has_the_words_it_has_spelled_whole():
    """The index spells a title, an excerpt and a text phrase by phrase for their joins (two words side by side,
    within a phrase) and takes the text's words from its phrases', each spelled once: they must be the words of the
    text spelled whole, and the joins those of each phrase spelled alone, whatever meets at a phrase's end (a sigma
    read across it, number groups, marks, NFKC's compatibility characters, Turkish casing); and whether NFKC may make
    a literal's mark in it is never missed."""
    from generator.plan.search_compounds import PHRASE_END, joins, phrases
    from generator.plan.search_optional import optional_words
    from generator.plan.search_tokens import spelled

    ends = [". ", ", ", "… ", "、", "。", "！", "（", "）", "，", "：", "；", "？", "(", ")", "[", "]", "{", "}", ": ",
            ".\u00a0", "!", "…"]
    sides = ["ΑΣ", "Σα", "ΟΔΟΣ", "1,999", "999", "e\u0301", "\u0301e", "İ", "I", "i", "\u0307x", "東京", "ﬁ", "x²",
             "no", "code", "ab\u200b", "\u00ad", "a=", "\u0338", "c#", "9.3", "v1", "．5", "Ｈｅｌｌｏ"]
    texts = [left + end + right for left in sides for end in ends for right in sides] + TRICKY
    texts += [" ".join(texts[n:n + 30]) for n in range(0, len(texts), 30)]  # (many phrases, past a limit)
    optional = frozenset(optional_words("en"))

    def phrase_joins(text, casing, limit):  # (each phrase spelled alone)
        found, left = [], limit
        for part in PHRASE_END.split(text):
            words = spelled(part, casing)[:left]
            found += joins(words, optional)
            if left is not None:
                left -= len(words)
                if left == 0:
                    break
        return found

    assert len(texts) > 10_000
    for casing in ("", "tr"):
        for limit in (None, 3, 50):
            for text in texts:
                words, marked, joined = phrases(text, casing, optional, limit)
                assert (words, joined) == (spelled(text, casing), phrase_joins(text, casing, limit)), text
                made = unicodedata.normalize("NFKC", text)
                assert marked or not any(made.count(mark) > text.count(mark) for mark in ".#+"), text


@pytest.mark.slow
def test_every_character_gives_the_words_it_gives_in_a_text_lowercased_as_a_whole():
    """The tokeniser lowercases and makes NFKC the runs between ASCII punctuation and spaces one by one (a task meets
    each once), but a text with a capital sigma as a whole (its small letter depends on the letters around it, across
    punctuation): a lone sigma, no word itself, makes a text take that way, and must change none of its words."""
    from generator.plan.search_tokens import spelled

    texts = [text for point in range(0x20000)
             for text in (f"Ab{chr(point)}Cd, AB{chr(point)}CD.{chr(point)}x", f"É{chr(point)} I{chr(point)}İ",
                          f"={chr(point)}b")]
    differ = [(casing, text) for casing in ("", "tr") for text in texts
              if spelled(text, casing) != spelled(text + " \u03a3", casing)]
    assert len(texts) > 390_000 and differ == []
    assert spelled("ΟΔΟΣ. ΟΔΟΣ'ΑΝ The THE İstanbul") == ["οδος", "οδοσ", "αν", "the", "the", "i\u0307stanbul"]
    assert spelled("The THE İstanbul ISTANBUL", "tr") == ["the", "the", "istanbul", "ıstanbul"]


# --- the index --------------------------------------------------------------------------------------

def test_a_word_from_one_body_finds_exactly_that_story(searchable):
    config, out = searchable
    assert titles_for(out, UNIQUE) == ["Harbour cranes get a new paint job"]
    assert titles_for(out, "dockside") == ["Harbour cranes get a new paint job"]  # provider names
    assert titles_for(out, "transport") == ["Night trains return to the northern line"]  # topic names
    assert titles_for(out, "京") == ["Lab grows crystals in orbit"]
    assert titles_for(out, "marmoset") == titles_for(out, "tamarin") == [SHOWN_TITLE]  # tags and entities in bodies
    assert len(titles_for(out, "lighthouse")) == FILLERS


def test_a_word_cut_by_invisible_characters_in_a_body_is_found_whole(searchable):
    config, out = searchable
    assert titles_for(out, "transcontinental") == ["Night trains return to the northern line"]
    assert titles_for(out, "spectrometers") == ["Lab grows crystals in orbit"]
    assert titles_for(out, "trans") == titles_for(out, "spectro") == []


def test_an_authors_name_finds_their_stories_as_a_providers_does(searchable):
    config, out = searchable
    assert titles_for(out, "Solvang") == titles_for(out, "Ingrid") == ["Lab grows crystals in orbit"]
    meta, docs, found = index_of(out)
    [lab] = [n for n, doc in enumerate(docs) if doc[1] == "Lab grows crystals in orbit"]
    [author] = terms("Solvang", meta["stemmer"])
    [provider] = terms("Notes", meta["stemmer"])  # (only in the lab story's provider name)
    assert found[author][lab] == found[provider][lab] > 0  # a name: the label's bonus, as the provider's


def test_a_title_word_outranks_the_same_word_in_a_body(searchable):
    config, out = searchable
    meta, docs, terms = index_of(out)
    weights = {docs[doc][1]: weight for doc, weight in terms["crystal"].items()}
    assert weights["Lab grows crystals in orbit"] > weights["Night trains return to the northern line"]


def test_records_hold_the_story_as_data_and_urls_relative_to_the_site(searchable):
    config, out = searchable
    meta, docs, terms = index_of(out)
    client = (out / "static/search/search.js").read_text(encoding="utf-8")
    assert f'var FORMAT = {meta["version"]};' in client  # the format the search page reads
    assert meta["docs"] == len(docs) == 4 + FILLERS
    assert meta["fields"] == ["url", "title", "excerpt", "provider", "provider_slug", "published", "date", "topics",
                              "image", "heat", "type", "type_word", "sources", "facts", "srcset"]
    harbour = dict(zip(meta["fields"], next(doc for doc in docs if doc[1].startswith("Harbour"))))
    assert harbour["url"] == "news/2026/11/20/harbour/" and harbour["title"] == "Harbour cranes get a new paint job"
    assert harbour["excerpt"] == "Port authority repaints its fleet." and harbour["provider"] == "Dockside Daily"
    assert harbour["published"].startswith("2026-11-20T10:00:00") and harbour["date"] == "20 Nov 2026"  # as cards
    assert harbour["topics"] == [["business", "Business"]] and isinstance(harbour["heat"], (int, float))
    page = (out / harbour["url"] / "index.html").read_text()
    assert "20 Nov 2026" in (out / "latest/index.html").read_text() and "Harbour cranes" in page
    assert [doc[1] for doc in docs].count(SHOWN_TITLE) == 1  # the title as written, markup-like text and all
    assert all((out / doc[0] / "index.html").is_file() for doc in docs)
    dates = [doc[5] for doc in docs]
    assert dates == sorted(dates)  # document ids go from the oldest story to the newest


def test_a_results_time_is_one_html_takes_whatever_the_dates_fractions(tmp_path):
    # The result's <time datetime> is the record's `published`: it had Python's six digits of a second
    files = {"content/a.md": item("Seven digits", "2026-11-20T08:00:00.1234567Z"),
             "content/b.md": item("No fractions", "2026-11-19T08:00:00Z")}
    root = make_site(tmp_path / "site", files)
    build(load_config(root / "config.yaml"), BuildOptions(workers=1))
    meta, docs, _ = index_of(root / "output")
    published = {doc[1]: doc[meta["fields"].index("published")] for doc in docs}
    assert published == {"Seven digits": "2026-11-20T08:00:00.123+00:00", "No fractions": "2026-11-19T08:00:00+00:00"}


def _facts_site(tmp_path):
    files = {"content/v.md": item("Harbour cranes at dusk", type="video", length='"PT2M4S"'),
             "content/d.md": item("Tide tables", "2026-11-19T10:00:00Z", type="download", size='"12 MB"', price='"Free"'),
             "content/a.md": item("Ferry timetables change", "2026-11-18T10:00:00Z")}
    root = make_site(tmp_path / "site", files)
    build(load_config(root / "config.yaml"), BuildOptions(workers=1))
    return root / "output"


def test_a_result_says_what_its_card_says_of_a_video_or_download(tmp_path):
    # Results are built like the cards, which show a video's length and a download's size and price: those were
    # not in the records, so a result lacked them
    meta, docs, _ = index_of(_facts_site(tmp_path))
    facts = {doc[1]: doc[meta["fields"].index("facts")] for doc in docs}
    # (a length with its units, what a screen reader says and its <time datetime>, as the card writes them)
    assert facts == {"Harbour cranes at dusk": [["2 min", "2 minutes", "PT2M4S"]], "Tide tables": ["12 MB", "Free"],
                     "Ferry timetables change": []}


@pytest.mark.slow
def test_a_result_in_the_browser_shows_those_facts_as_its_card_does(tmp_path, page):
    out = _facts_site(tmp_path)
    card = (out / "downloads/index.html").read_text(encoding="utf-8")
    assert '<span class="facts"><bdi>12 MB</bdi> · <bdi>Free</bdi></span>' in card
    with static_server(out, "/") as base:
        offline(page, base)
        page.goto(base + "search/?q=tide")
        page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
        assert page.locator(".search-result .facts").inner_html() == "<bdi>12 MB</bdi> · <bdi>Free</bdi>"
        # a length as its card writes it: its units, in full for a screen reader, its <time datetime>
        video = re.search(r'<span class="facts">(.*?)</span>\s', (out / "videos/index.html").read_text("utf-8"))[1]
        assert video == ('<bdi><time datetime="PT2M4S"><span aria-hidden="true">2 min</span>'
                         '<span class="visually-hidden">2 minutes</span></time></bdi>')
        page.goto(base + "search/?q=harbour")
        page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
        assert page.locator(".search-result .facts").inner_html() == video


def test_drafts_and_pages_that_are_not_stories_are_not_indexed(tmp_path):
    config, out = built(tmp_path, drafts=True)
    assert (out / "news/2026/11/18/draft/index.html").is_file()  # the draft's page is there (--drafts) ...
    meta, docs, found = index_of(out)
    assert titles_for(out, "zeppelinfield") == titles_for(out, "unpublished") == []  # ... but search leaves it out
    assert all(doc[0].startswith("news/") for doc in docs) and meta["docs"] == 4 + FILLERS
    assert titles_for(out, "topics") == titles_for(out, "providers") == []  # no list pages, no site chrome


def test_index_files_have_safe_names_whatever_the_terms(tmp_path):
    body = "Ünïcödé 中文 ½ ../../etc/passwd %2e%2e CON NUL aux.json ẞ ǅ ﬀ 🎉"
    root = make_site(tmp_path / "site", {"content/a.md": item("Weird ǅ ../ name", body=body)}, CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    names = sorted(files_under(config.output_path / SEARCH_FOLDER))
    safe = r"meta\.json|facets\.json|(docs|tails)/\d+\.json|terms/([a-z0-9]{1,2}|x([0-9a-f]{2})+)\.json"
    assert names and all(re.fullmatch(safe, n)
                         for n in names), names
    assert "terms/xe4b8ad.json" in names  # 中
    meta, docs, found = index_of(config.output_path)
    assert set(terms("unicode 中 文 etc passwd 2e con nul aux json", meta["stemmer"])) <= set(found)


DEVICE_WORDS = {"control": "con", "nullable": "nul", "auxiliary": "aux", "prnewswire": "prn", "com1x": "com1",
                "lpt9y": "lpt9", "xylophone": "xy"}  # a word -> the shard key it gets once its first letters' shard
# is split (and a key starting with "x", named in hex as these are: the browser must ask for that name too)


@pytest.fixture()
def split_site(tmp_path, monkeypatch):
    """A site whose "co", "nu", "au", "pr" and "lp" shards are split (small shards): keys such as "con"."""
    from generator.plan import search_files

    monkeypatch.setattr(search_files, "SHARD_BYTES", 300)
    fillers = " ".join(f"{start}{a}{b}" for start in ("co", "com", "nu", "au", "pr", "lp", "lpt") for a in "aeiou"
                       for b in "dgkmt")
    files = {f"content/{word}.md": item(f"Story of {word}", f"2026-11-{10 + n}T10:00:00Z", body=f"{word} {fillers}")
             for n, word in enumerate(DEVICE_WORDS)}
    # (stories off: alike bodies would make them one story, found by any of the words)
    root = make_site(tmp_path / "site", files, CONFIG + "stories:\n  enabled: false\n")
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    return config, config.output_path


def test_no_index_file_is_named_as_a_windows_device(split_site):
    """A split "co" shard made `terms/con.json` (and `nul.json`, `aux.json`, `com1.json` ...): names Windows
    reserves with any extension, so a checkout of the built site on Windows failed. They are hex now."""
    config, out = split_site
    meta, docs, found = index_of(out)
    names = sorted(files_under(out / SEARCH_FOLDER / "terms"))
    split = keys_of(out)[1]
    assert set(DEVICE_WORDS.values()) <= split | {shard_key(term, split) for term in found}
    assert all(re.fullmatch(r"([a-z0-9]{2,}|x([0-9a-f]{2})+)\.json", name) for name in names), names
    assert not [name for name in names if re.fullmatch(r"(con|prn|aux|nul|com\d|lpt\d)\.json", name)], names
    assert "x636f6e.json" in names  # con
    for word in DEVICE_WORDS:
        assert titles_for(out, word) == [f"Story of {word}"]


# Shard keys a crawler's words can make, and the file names they must not make: up the tree, another folder, a
# NUL, a Windows device (in any case), another key's file but for case (macOS and Windows keep one of two such).
HOSTILE_KEYS = ["..", ".", "./", "/", "a/", "\\", "a\\", "\x00", "a\x00", " ", "a ", "a.", "Ab", "ab", "AB", "aB",
                "CON", "con", "Nul", "coM1", "com1", "LPT9", "xa", "Xa", "x", "X", "x78", "é", "É", "e\u0301", "ß", "ss",
                "ẞ", "İ", "i\u0307", "\u212a", "k", "K", "Σσ", "σς", "ǅ", "ǆ", "t:", "\U00010330" * 12, "\ufeff", "\u202e"]


def test_a_terms_file_s_name_stays_in_its_folder_and_apart_from_every_other_key_s():
    """Every index file name comes from shard_file (docs/N.json, facets.json and meta.json are newsdesk's own): the
    one rule that keeps a crafted key inside search/index/terms/ and apart from every other key's file on any
    file system. A key in capitals was written as it is: `CON` made terms/CON.json (a Windows device), and `Ab`
    and `ab` two files that macOS and Windows take for one. Only [a-z0-9] names are written as they are."""
    from generator.plan.paths import folded

    for named, folder in ((shard_file, "terms"), (keys_file, "keys")):  # (a split key's keys file too)
        names = {key: named(key) for key in HOSTILE_KEYS}
        for key, name in names.items():
            assert re.fullmatch(rf"{folder}/([a-wyz0-9][a-z0-9]*|x([0-9a-f]{{2}})+)\.json", name), (key, name)
            assert not re.fullmatch(rf"{folder}/(con|prn|aux|nul|com[0-9]|lpt[0-9])\.json", name, re.I), (key, name)
        assert len({folded(name) for name in names.values()}) == len(set(HOSTILE_KEYS))


@given(st.lists(st.text(min_size=1, max_size=6), min_size=2, max_size=6, unique=True))
def test_no_two_keys_share_a_terms_file_on_a_case_insensitive_file_system(keys):
    from generator.plan.paths import folded

    assert len({folded(shard_file(key)) for key in keys}) == len(keys)


def test_search_js_names_each_key_s_terms_file_as_the_build_does(tmp_path):
    (tmp_path / "keys.json").write_text(json.dumps(HOSTILE_KEYS), encoding="utf-8")
    script = """
        const fs = require("fs"), vm = require("vm"), [file, keys] = process.argv.slice(1);
        globalThis.window = globalThis;
        globalThis.document = { getElementById: () => null };
        vm.runInThisContext(fs.readFileSync(file, "utf8"));
        const named = JSON.parse(fs.readFileSync(keys, "utf8")).map(key => [window.newsdeskSearch.shardFile(key),
                                                                             window.newsdeskSearch.keysFile(key)]);
        process.stdout.write(JSON.stringify(named));
    """
    run = subprocess.run(["node", "-e", script, str(ROOT / "themes/default/static/search/search.js"),
                          str(tmp_path / "keys.json")], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == [[shard_file(key), keys_file(key)] for key in HOSTILE_KEYS]


@pytest.mark.slow
def test_the_browser_finds_words_of_shards_named_in_hex(split_site, page):
    config, out = split_site
    with static_server(out, "/paper/") as base:
        offline(page, base)
        for word in DEVICE_WORDS:
            page.goto(base + f"search/?q={word}")
            status = page.locator("#search-status").filter(has_text="1 result for").filter(has_text=word)
            status.wait_for(timeout=10_000)
            assert result_links(page).all_inner_texts() == [f"Story of {word}"]


def test_words_sharing_a_long_prefix_keep_index_file_names_short(tmp_path, monkeypatch):
    """A shard is split by one more character while it is too big, and a key that is not plain ASCII is named
    in hex: crafted words sharing a prefix of 37 Gothic letters (4 bytes each in UTF-8) made a terms file
    name of 330 characters, past what a file system takes, and the whole build failed. A key whose name
    would grow past MAX_SHARD_NAME is not split (its file is bigger); every word is still found."""
    from generator.plan import search_files

    monkeypatch.setattr(search_files, "SHARD_BYTES", 300)
    prefix = "".join(chr(0x10330 + n % 20) for n in range(37))
    words = [prefix + chr(0x10330 + a) + chr(0x10330 + b) for a in range(6) for b in range(6)]
    files = {f"content/g{n}.md": item(f"Story {n}", f"2026-11-{n + 1:02d}T10:00:00Z", body=" ".join(words[n::4]))
             for n in range(4)}
    root = make_site(tmp_path / "site", files, CONFIG + "stories:\n  enabled: false\n")
    config = load_config(root / "config.yaml")
    result = build(config, BuildOptions(workers=1))
    assert result.items == 4
    names = files_under(config.output_path)
    assert max(len(name) for name in names) < 120, max(names, key=len)
    meta, docs, found = index_of(config.output_path)
    assert keys_of(config.output_path)[1] and len(set(found) & {terms(word, meta["stemmer"])[0] for word in words}) == len(words)
    assert titles_for(config.output_path, words[5]) == ["Story 1"]


def test_words_spelling_another_shard_s_hex_name_take_no_file_of_it(tmp_path, monkeypatch):
    """A key that is not plain ASCII is named "x" + its hex (`t:`, the topic filters' shard, is `x743a`), and
    a plain key was named as it is: crafted words starting `x743a`, enough of them to split their shard down to
    that key, wrote terms/x743a.json over the filters' file, and no topic filter found a story. Plain names
    never start with "x" now."""
    from generator.plan import search_files

    monkeypatch.setattr(search_files, "SHARD_BYTES", 300)
    crafted = "x743a " + " ".join(f"x743a{n:03d}" for n in range(120))
    files = {"content/science.md": item("A science story", "2026-11-20T10:00:00Z", topics="[Science]"),
             "content/crafted.md": item("Crafted", "2026-11-20T11:00:00Z", body=crafted)}
    root = make_site(tmp_path / "site", files, CONFIG + "stories:\n  enabled: false\n")
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    meta, docs, found = index_of(config.output_path)
    assert "x743a" in set.union(*keys_of(config.output_path))  # (the crafted words' shard was split so far)
    assert [docs[doc][1] for doc in found.get("t:science", {})] == ["A science story"]
    assert titles_for(config.output_path, "x743a") == ["Crafted"]


@pytest.mark.slow
def test_the_index_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        root = make_site(tmp_path / f"seed-{seed}", site_files(), CONFIG)
        subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml")],
                       check=True, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(files_under(root / "output" / SEARCH_FOLDER))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 20


def test_two_workers_write_the_same_index_as_one(tmp_path):
    one = built(tmp_path, "one")[1]
    root = make_site(tmp_path / "two", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    from generator.plan import search

    index = search.plan_index(search_site(config), config)
    assert make_index(index, workers=2, per_task=3) == {
        f"{SEARCH_FOLDER}/{name}": data for name, data in files_under(one / SEARCH_FOLDER).items()}


def test_an_index_made_again_after_an_edit_tokenises_only_the_changed_stories(tmp_path):
    from generator.plan import search

    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    kept = tmp_path / "kept"
    first = make_index(search.plan_index(search_site(config), config), per_task=5, kept=kept)
    before = {path.name: path.stat().st_ino for path in kept.iterdir()}
    assert len(before) == 6  # 27 stories (the draft stays out), 5 a task
    filler = root / "content/filler-03.md"
    filler.write_text(filler.read_text().replace("wrote note 3.", "wrote note 3 about a gannet."))
    index = search.plan_index(search_site(config), config)
    again = make_index(index, per_task=5, kept=kept)
    assert again == make_index(index, per_task=5) != first  # what a clean index holds
    after = {path.name: path.stat().st_ino for path in kept.iterdir()}
    assert len(after) == 6 and len(after.keys() & before.keys()) == 5  # the other tasks' results were read
    assert all(after[name] == before[name] for name in after.keys() & before.keys())
    # A damaged kept result is made again, not trusted
    (kept / sorted(after)[0]).write_bytes(b"not a pickle")
    assert make_index(index, per_task=5, kept=kept) == again


def test_a_clean_build_forgets_the_kept_search_results(tmp_path):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    assert cli_main(["build", "--config", str(root / "config.yaml")]) == 0
    kept = root / ".newsdesk-cache/search"
    assert len(list(kept.iterdir())) == 1
    (kept / "left-over").write_bytes(b"x")
    assert cli_main(["build", "--config", str(root / "config.yaml"), "--clean"]) == 0
    assert not (kept / "left-over").exists()  # (the live index was current: nothing tokenised, nothing kept)


def search_site(config):
    from generator.build.pipeline import plan_site

    return plan_site(config, BuildOptions()).model.site


def test_the_client_builds_its_nodes_from_text_only():
    script = (ROOT / "themes/default/static/search/search.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "importNode", "adoptNode", "createContextualFragment", "setHTMLUnsafe"):
        assert sink not in script, sink
    # (a body-only match reads its story page's text: a parsed, inert document whose text alone is taken)
    assert script.count("parseFromString") == 1 and ".textContent;" in script
    assert "textContent" in script
    assert not re.search(r"https?:|//[a-z]", script.replace("// ", ""))  # no CDN, no other host


# --- builds keep it right ---------------------------------------------------------------------------

def _same_as_a_full_build(tmp_path, root, label):
    config = load_config(root / "config.yaml")
    fresh = load_config(root / "config.yaml", {"output_dir": str(tmp_path / f"fresh-{label}")})
    build(fresh, BuildOptions(workers=1))
    expected, actual = files_under(fresh.output_path), files_under(config.output_path)
    assert sorted(actual) == sorted(expected), label
    different = [name for name in expected if actual[name] != expected[name]]
    assert different == [], label


@pytest.mark.slow
def test_incremental_builds_keep_the_index_equal_to_a_full_builds(tmp_path):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    cache = BuildCache()
    build(load_config(root / "config.yaml"), BuildOptions(workers=1), cache=cache)
    meta = root / "output" / SEARCH_FOLDER / "meta.json"

    def edit(name, change):
        (root / name).write_text(change((root / name).read_text()))

    steps = [
        ("edit", lambda: edit("content/rail.md", lambda t: t.replace("Sleeper cars leave", "Sleeper cars with showers leave"))),
        ("add", lambda: (root / "content/new.md").write_text(item("Ferry strike ends", body="Ferries sail again."))),
        ("delete", lambda: (root / "content/lab.md").unlink()),
        ("search off", lambda: edit("config.yaml", lambda t: t + "search: false\n")),
        ("search on", lambda: edit("config.yaml", lambda t: t.replace("search: false\n", ""))),
    ]
    for label, step in steps:
        step()
        result = build(load_config(root / "config.yaml"), BuildOptions(workers=1), cache=cache)
        assert result.mode == "update", label  # a small site: files replaced in place
        assert meta.is_file() == (label != "search off"), label
        assert (root / "output/search").exists() == (label != "search off"), label  # no empty folder left
        _same_as_a_full_build(tmp_path, root, label)
    assert titles_for(root / "output", "showers") == ["Night trains return to the northern line"]
    assert titles_for(root / "output", "ferries") == ["Ferry strike ends"]
    assert titles_for(root / "output", "microgravity") == []


def test_a_text_edit_on_the_fast_path_then_the_indexer_updates_the_index(tmp_path):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    session = Session()
    config = load_config(root / "config.yaml")
    rebuild(session, config, BuildOptions(workers=1), None)
    path = root / "content/harbour.md"
    path.write_text(path.read_text().replace(UNIQUE, "bladderwrack"))
    result = rebuild(session, config, BuildOptions(workers=1), [path])
    assert result.mode == "patch"
    assert titles_for(root / "output", "bladderwrack") == []  # the fast path leaves search to serve's indexer
    assert update_search(config, result.site)
    assert titles_for(root / "output", "bladderwrack") == ["Harbour cranes get a new paint job"]
    assert titles_for(root / "output", UNIQUE) == []
    _same_as_a_full_build(tmp_path, root, "patch")


def test_a_build_after_an_author_is_renamed_finds_the_new_name(tmp_path):
    config, out = built(tmp_path)
    path = config.root / "content/lab.md"
    path.write_text(path.read_text(encoding="utf-8").replace(AUTHOR, "Maren Holtedahl"), encoding="utf-8")
    build(load_config(tmp_path / "site/config.yaml"), BuildOptions(workers=1))  # its kept search results too
    assert titles_for(out, "Holtedahl") == ["Lab grows crystals in orbit"]
    assert titles_for(out, "Solvang") == []


def test_a_build_with_no_story_changed_keeps_the_index_files(tmp_path):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    before = {name: (config.output_path / SEARCH_FOLDER / name).stat().st_ino
              for name in files_under(config.output_path / SEARCH_FOLDER)}
    result = build(config, BuildOptions(workers=1))  # no cache: a full build
    assert result.mode == "full"
    after = {name: (config.output_path / SEARCH_FOLDER / name).stat().st_ino
             for name in files_under(config.output_path / SEARCH_FOLDER)}
    assert after == before
    rail = root / "content/rail.md"
    rail.write_text(rail.read_text().replace("Sleeper cars leave", "Sleeper cars with showers leave"))
    assert build(config, BuildOptions(workers=1)).mode == "full"  # made again: only changed files are new
    now = {name: (config.output_path / SEARCH_FOLDER / name).stat().st_ino
           for name in files_under(config.output_path / SEARCH_FOLDER)}
    renewed = {name for name in now if before.get(name) != now[name]}
    assert {"meta.json", "terms/sh.json"} <= renewed  # the digest changed; "showers" is new
    assert "terms/li.json" not in renewed and "docs/0.json" not in renewed and len(renewed) < len(now) / 2


def test_search_off_means_no_index_no_search_page_and_no_search_box(tmp_path):
    config, out = built(tmp_path, config=CONFIG + "search: false\n")
    assert not (out / "search").exists()
    assert 'role="search"' not in (out / "index.html").read_text()
    assert (out / "static/css").is_dir() and not (out / "static/search").exists()  # nor the search page's scripts


# --- in a real browser ------------------------------------------------------------------------------

def offline(page, server: str) -> list[str]:
    """Block every request that is not to `server`; return the list of blocked URLs."""
    blocked: list[str] = []
    origin = re.match(r"https?://[^/]+", server).group(0)

    def route(r):
        if r.request.url.startswith(origin + "/"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return blocked


def result_links(page):
    return page.locator("#search-results .card-title a")


@pytest.mark.slow
def test_a_word_from_one_body_finds_that_story_in_the_browser(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        blocked = offline(page, base)
        page.goto(base + "search/")
        page.fill("#search-q", UNIQUE)
        page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
        assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"]
        assert page.url == base + f"search/?q={UNIQUE}"  # the query is in the address, for links and reloads
        result_links(page).first.click()
        page.wait_for_url(base + "news/2026/11/20/harbour/")
        assert page.locator("h1").inner_text() == "Harbour cranes get a new paint job"
        assert set(blocked) <= {PICTURE}  # no CDN: only the story's picture is elsewhere


@pytest.mark.slow
def test_the_header_search_box_on_a_story_leads_to_its_results(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        blocked = offline(page, base)
        page.goto(base + "news/2026/11/19/lab/")
        page.fill("#site-search-q", "Rail Ledger")  # a provider's name
        page.press("#site-search-q", "Enter")
        page.wait_for_url(base + "search/?q=Rail+Ledger")
        page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
        assert result_links(page).all_inner_texts() == ["Night trains return to the northern line"]
        assert result_links(page).first.get_attribute("href") == "/paper/news/2026/11/21/rail/"
        assert page.locator("#search-q").input_value() == "Rail Ledger"
        assert set(blocked) <= {PICTURE}  # no CDN: only the story's picture is elsewhere


# Each change of the results' live region and where the keyboard's focus was then, from the page's start
HEARD = """document.addEventListener("DOMContentLoaded", () => {
  window.heard = [];
  const status = document.getElementById("search-status");
  if (status) new MutationObserver(() => window.heard.push([status.textContent, document.activeElement.id]))
    .observe(status, {childList: true, subtree: true, characterData: true});
});"""


@pytest.mark.slow
def test_a_reader_searching_from_the_header_with_the_keyboard_lands_in_the_box_and_hears_the_count(searchable, page):
    """Keyboard only: Tab to the header's box on a story, type, Enter. On the search page the focus is in its box,
    with the query and the caret after it (to refine it, or the down arrow to the results), and the live region,
    which is on the page from its start, says the count only after the focus is there: a screen reader says the box
    it lands in, then the count, not one over the other or the count before the page is read."""
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.add_init_script(HEARD)
        page.goto(base + "news/2026/11/19/lab/")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "site-search-q":
                break
        assert page.evaluate("document.activeElement.id") == "site-search-q"
        page.keyboard.type("crystal")
        page.keyboard.press("Enter")
        page.wait_for_url(base + "search/?q=crystal")
        status_says(page, "2 results for")
        assert page.evaluate("[document.activeElement.id, document.activeElement.value,"
                             " document.activeElement.selectionStart]") == ["search-q", "crystal", 7]
        heard = page.evaluate("window.heard")
        assert heard and heard[-1] == ["2 results for \u201ccrystal\u201d", "search-q"]
        assert all(focused == "search-q" for said, focused in heard if said)
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.textContent") == "Lab grows crystals in orbit"
        # back from a result the page is where it was, the focus too: not taken back to the box
        page.keyboard.press("Enter")
        page.wait_for_url(base + "news/2026/11/19/lab/")
        page.go_back()
        status_says(page, "2 results for")
        assert page.evaluate("document.activeElement.id") != "search-q"


@pytest.mark.slow
def test_the_browser_finds_words_cut_by_invisible_characters_and_authors(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/")
        # typed plainly, or pasted with a soft hyphen or word joiner of their own
        for query, title in (("transcontinental", "Night trains return to the northern line"),
                             ("trans\u00adcontinental", "Night trains return to the northern line"),
                             ("trans\u2060continental timetable", "Night trains return to the northern line"),
                             ("spectrometer", "Lab grows crystals in orbit"),
                             ("รถไฟ", "Night trains return to the northern line"),  # "train", inside a Thai run
                             (AUTHOR, "Lab grows crystals in orbit")):
            page.fill("#search-q", query)
            page.locator("#search-status").filter(has_text=f"1 result for \u201c{query}\u201d").wait_for(timeout=10_000)
            assert result_links(page).all_inner_texts() == [title], query


@pytest.mark.slow
def test_typing_a_prefix_finds_the_story_and_a_miss_says_so(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/")
        page.locator("#search-q").press_sequentially("quillw", delay=30)
        page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
        assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"]
        page.fill("#search-q", "quillwort zebra")  # no story has both: the one with the most words, said so
        page.locator("#search-status").filter(has_text="no story has every word").wait_for(timeout=10_000)
        assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"]
        page.fill("#search-q", "zebra okapi")
        page.locator("#search-status").filter(has_text="No results for").wait_for(timeout=10_000)
        assert page.locator("#search-status").inner_text() == "No results for \u201czebra okapi\u201d."
        assert result_links(page).count() == 0


@pytest.mark.slow
def test_a_word_with_no_terms_file_says_no_results_with_no_404_nor_console_error(searchable, page):
    config, out = searchable
    meta, _, _ = index_of(out)
    files, split = keys_of(out)
    # typed letter by letter (each prefix a query, as the last word is completed), long enough to be corrected
    queries = ("zqxjv", "qzxwv xqzvb", "xqzvb")
    for query in queries:
        assert all(shard_key(term, split) not in files for word in query.split() for term in terms(word, meta["stemmer"]))
    with static_server(out, "/paper/") as base:
        blocked = offline(page, base)
        errors, failed = [], []
        # (the story's picture, blocked here, fails to load: that error is the test's own)
        page.on("console", lambda message: errors.append((message.text, message.location.get("url")))
                if message.type == "error" and message.location.get("url") not in blocked else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(base + "search/")
        for query in queries:
            page.locator("#search-q").fill("")
            page.locator("#search-q").press_sequentially(query, delay=30)
            status_says(page, f"No results for \u201c{query}\u201d")
            assert result_links(page).count() == 0
        page.fill("#search-q", "harbour")  # a word with a file still finds its stories
        status_says(page, "for \u201charbour\u201d")
        assert result_links(page).count() >= 1 and "No results" not in page.locator("#search-status").inner_text()
        assert errors == [] and failed == []
        assert set(blocked) <= {PICTURE}


@pytest.mark.slow
def test_more_results_and_odd_titles_shown_as_text(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=lighthouse")
        page.locator("#search-status").filter(has_text=f"{FILLERS} results for").wait_for(timeout=10_000)
        assert result_links(page).count() == 20
        assert result_links(page).first.inner_text() == "Coastal note 22"  # equal scores: the newest first
        page.click("#search-more")
        page.wait_for_function(f"document.querySelectorAll('#search-results li').length === {FILLERS}")
        assert page.locator("#search-more").is_hidden()
        page.fill("#search-q", "marmoset")
        page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
        assert result_links(page).first.text_content() == SHOWN_TITLE
        assert page.locator("#search-results .card-title img, #search-results b, #search-results [onerror]").count() == 0
        assert page.evaluate("window.pwned") is None


@pytest.mark.slow
def test_back_from_a_result_past_the_first_page_shows_it_where_it_was(searchable, page):
    # Chromium under Playwright keeps no page in its back/forward cache, as a browser may not: the page is
    # loaded again from its address and must put back what the reader had shown and where they were.
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.set_viewport_size({"width": 390, "height": 700})
        page.goto(base + "search/?q=lighthouse")
        status_says(page, f"{FILLERS} results for")
        page.click("#search-more")
        page.wait_for_function(f"document.querySelectorAll('#search-results > li').length === {FILLERS}")
        opened = result_links(page).nth(FILLERS - 1)
        title = opened.inner_text()
        opened.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(base + "news/**")
        page.go_back(wait_until="commit")
        page.wait_for_function(f"document.querySelectorAll('#search-results > li').length === {FILLERS}")
        back = result_links(page).filter(has_text=title)
        page.wait_for_function("(title) => { const r = [...document.querySelectorAll('#search-results .card-title a')]"
                               ".find(a => a.textContent === title).getBoundingClientRect();"
                               " return r.top >= 0 && r.bottom <= innerHeight; }", arg=title, timeout=10_000)
        assert back.count() == 1 and page.locator("#search-more").is_hidden()
        page.fill("#search-q", "lighthouse keeper")  # a new query starts again from its first page
        status_says(page, f"{FILLERS} results for \u201clighthouse keeper\u201d")
        assert result_links(page).count() == 20
        page.reload()
        status_says(page, f"{FILLERS} results for \u201clighthouse keeper\u201d")
        assert result_links(page).count() == 20


@pytest.mark.slow
def test_the_browser_and_python_tokenise_alike(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearchTokens === 'function'")
        in_browser = page.evaluate("strings => strings.map(s => window.newsdeskSearchTokens(s))", TRICKY)
        joined = page.evaluate("strings => strings.map(s => window.newsdeskSearch.compounds(s))", TRICKY + HYPHENATED)
        punctuated = page.evaluate("strings => strings.map(s => window.newsdeskSearch.literals(s))", TRICKY + HYPHENATED)
    assert in_browser == [tokens(s) for s in TRICKY]
    assert joined == [compounds(s) for s in TRICKY + HYPHENATED]
    assert punctuated == [literals(s) for s in TRICKY + HYPHENATED]
    assert any(joined) and any(punctuated)


@pytest.mark.slow
def test_the_search_page_says_when_the_site_has_no_search_index(tmp_path, page):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    with static_server(config.output_path, "/paper/") as base:
        page.goto(base + "search/")  # open before the site is rebuilt without search
        page.wait_for_function("typeof window.newsdeskSearchTokens === 'function'")
        (root / "config.yaml").write_text(CONFIG + "search: false\n")
        build(load_config(root / "config.yaml"), BuildOptions(workers=1))
        assert not (config.output_path / SEARCH_FOLDER).exists()
        page.fill("#search-q", "paint")
        note = page.locator("#search-unavailable")
        note.wait_for(state="visible", timeout=10_000)
        assert "not available" in note.inner_text()
        assert page.locator("#search-status").inner_text() == "Search is not available."


@pytest.mark.slow
def test_a_query_while_the_network_is_down_is_answered_once_it_is_back(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearchTokens === 'function'")
        page.context.set_offline(True)  # a train's tunnel: no file of the index has been read yet
        page.fill("#search-q", UNIQUE)
        status_says(page, "Search is not available.")
        # the site has its index: the note that it was built without one is not shown
        assert page.locator("#search-unavailable").is_hidden()
        page.context.set_offline(False)
        page.fill("#search-q", "")
        page.fill("#search-q", UNIQUE)
        status_says(page, f"1 result for \u201c{UNIQUE}\u201d")
        assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"]
        assert page.locator("#search-unavailable").is_hidden()


# --- stemming: the indexer and the browser agree -----------------------------------------------------

STEMMERS = ROOT / "themes/default/static/search/stemmers"


def test_the_browser_stemmers_are_translated_from_the_installed_release():
    run = subprocess.run([sys.executable, "scripts/snowball_js.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert len(list(STEMMERS.glob("*.js"))) == len(snowball_languages()) + 1  # and base.js


def snowball_languages() -> list[str]:
    import snowballstemmer

    return sorted(p.name[:-len("_stemmer.py")] for p in Path(snowballstemmer.__file__).parent.glob("*_stemmer.py"))


def generated_words(language: str, count: int = 3000) -> list[str]:
    """Made-up words that run through a stemmer's rules: letters of its suffixes, and one to three of
    its suffixes (from its tables) after a short stem. The same list every run."""
    import importlib
    import random

    module = importlib.import_module(f"snowballstemmer.{language}_stemmer")
    cls = next(v for k, v in vars(module).items() if k.endswith("Stemmer") and k != "BaseStemmer")
    suffixes = sorted({among.s for name, table in vars(cls).items() if name.startswith("a_") for among in table})
    letters = sorted({c for suffix in suffixes for c in suffix} | set("aeiouy"))
    rng = random.Random(language)
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 7))) +
            "".join(rng.choice(suffixes) for _ in range(rng.randint(0, 3))) for _ in range(count)]


ENGLISH = ("portal portals explaining explained explains generously running runs ran easily fairly connection "
           "connections connective connected connecting relational conditional rational valenci hesitanci "
           "digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator "
           "feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative "
           "formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic "
           "adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate "
           "angulariti homologous effective bowdlerize probate rate cease controll roll skies sky dying lying tying "
           "news innings outings cannings howe proceed exceed succeed generate generation generic arsenic arsenal "
           "commune communal communism communication dataverse apps automate automation automated")


@pytest.mark.slow
def test_python_and_javascript_stemmers_agree_on_a_large_word_list(tmp_path):
    """Every Snowball algorithm, in node, on 3,000 made-up words each (and English on real ones too)."""
    from generator.plan.search_stems import snowball_stemmer, stemmer

    words = {language: generated_words(language) for language in snowball_languages()}
    words["english"] += ENGLISH.split()
    (tmp_path / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "stem.js").write_text("""
        const fs = require("fs"), vm = require("vm"), [dir, file] = process.argv.slice(2);
        vm.runInThisContext(fs.readFileSync(dir + "/base.js", "utf8"));
        const words = JSON.parse(fs.readFileSync(file, "utf8")), out = {};
        for (const language of Object.keys(words)) {
          vm.runInThisContext(fs.readFileSync(dir + "/" + language + ".js", "utf8"));
          const stemmer = new globalThis.newsdeskSnowball.stemmers[language]();
          out[language] = words[language].map(word => stemmer.stemWord(word));
        }
        process.stdout.write(JSON.stringify(out));
    """)
    run = subprocess.run(["node", str(tmp_path / "stem.js"), str(STEMMERS), str(tmp_path / "words.json")],
                         capture_output=True, text=True, check=True)
    in_node = json.loads(run.stdout)
    assert sorted(in_node) == snowball_languages() and len(in_node) >= 30
    for language, found in words.items():
        expected = list(map(snowball_stemmer(language), found))
        differ = [(w, js, py) for w, js, py in zip(found, in_node[language], expected) if js != py]
        assert differ == [], (language, differ[:5])
    assert in_node["english"][-16:] == [stemmer("english")(w) for w in ENGLISH.split()[-16:]]
    assert stemmer("english")("portals") == stemmer("english")("portal") == "portal"


def corpus_texts() -> list[str]:
    """The example site's stories, and the real corpus's if it is beside the checkout."""
    from conftest import CORPUS

    paths = sorted((ROOT / "content").rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted((CORPUS / "news").glob("*.md"))
    texts = [p.read_text(encoding="utf-8-sig") for p in paths]
    assert len(texts) > 10
    return texts + TRICKY


@pytest.mark.slow
def test_the_browser_tokenises_and_stems_every_corpus_word_as_python_does(searchable, page):
    from generator.plan.search_compounds import phrase_joins
    from generator.plan.search_stems import terms
    from generator.plan.search_tokens import fold
    from generator.plan.search_optional import optional_words

    texts = corpus_texts()
    config, out = searchable
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("window.newsdeskSearch !== undefined")
        page.evaluate("window.newsdeskSearch.useStemmer('english')")
        in_browser = page.evaluate("texts => texts.map(t => window.newsdeskSearch.terms(t))", texts)
        # (and the words side by side it joins as one, "no code" -> "nocode": search.py joins)
        optional = sorted({fold(word) for word in optional_words("en")})
        joined = page.evaluate("""([texts, optional]) => texts.map(t => window.newsdeskSearch.joins(t, optional))""", [texts, optional])
    expected = [terms(text, "english") for text in texts]
    assert sum(map(len, expected)) > 5000  # words compared
    differ = [(a, b) for a, b in zip(in_browser, expected) if a != b]
    assert differ == []
    expected_joins = [phrase_joins(text, "", set(optional)) for text in texts]
    assert sum(map(len, expected_joins)) > 500
    assert [(a, b) for a, b in zip(joined, expected_joins) if a != b] == []


@pytest.mark.slow
def test_the_browser_stems_persian_verbs_as_python_does(tmp_path, page):
    config, out = built(tmp_path, "fa", config=CONFIG + "language: fa\n")
    words = [form for forms in PERSIAN_VERBS for form in forms] + PERSIAN_NOUNS
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("window.newsdeskSearch !== undefined")
        page.evaluate("window.newsdeskSearch.useStemmer('persian')")
        in_browser = page.evaluate("words => words.map(w => window.newsdeskSearch.terms(w))", words)
    assert in_browser == [terms(word, "persian") for word in words]
    assert in_browser[0] == in_browser[4] == ["کنند"]


def test_the_stemmer_follows_the_sites_language(tmp_path):
    from generator.plan.search_stems import stemmer_name

    assert (stemmer_name("en"), stemmer_name("en-GB"), stemmer_name("de"), stemmer_name("pt-BR")) == \
        ("english", "english", "german", "portuguese")
    assert stemmer_name("ja") is None and stemmer_name("zh-Hant") is None  # no Snowball stemmer: words as they are
    config, out = built(tmp_path, "de", config=CONFIG + "language: de\n")
    meta, docs, found = index_of(out)
    assert meta["stemmer"] == "german"
    config, out = built(tmp_path, "ja", config=CONFIG + "language: ja\n")
    meta, docs, found = index_of(out)
    assert meta["stemmer"] is None and "crystals" in found and "京" in found  # unstemmed; CJK as before
    assert titles_for(out, "京") == ["Lab grows crystals in orbit"]


def test_words_with_one_stem_find_the_same_stories(searchable):
    config, out = searchable
    assert titles_for(out, "crystal") == titles_for(out, "crystals") == [
        "Lab grows crystals in orbit", "Night trains return to the northern line"]
    meta, docs, found = index_of(out)
    forms = {}
    for path in (out / SEARCH_FOLDER / "terms").iterdir():
        forms.update(json.loads(path.read_bytes())["forms"])
    assert forms["crystal"] == "crystals" and forms["lighthous"] == "lighthouse"  # for "did you mean"
    assert "note" not in forms  # a word of its own: nothing to say


# --- shards and long lists stay small ----------------------------------------------------------------

def test_big_shards_split_and_common_terms_keep_their_highest_impacts(tmp_path, monkeypatch):
    from generator.plan import search, search_files

    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    index = search.plan_index(search_site(config), config)
    monkeypatch.setattr(search_files, "SHARD_BYTES", 300)
    monkeypatch.setattr(search_files, "MAX_POSTINGS", 5)
    files = make_index(index)
    meta = json.loads(files[f"{SEARCH_FOLDER}/meta.json"])
    keys, split = listed_keys(meta, lambda name: files[f"{SEARCH_FOLDER}/{name}"])
    assert split and meta["files"] == len(files)
    shards = {name: json.loads(data) for name, data in files.items() if "/terms/" in name}
    for name, shard in shards.items():
        for term in shard["terms"]:
            assert name == f"{SEARCH_FOLDER}/{shard_file(shard_key(term, split))}"  # where the client looks
    assert set(shards) == {f"{SEARCH_FOLDER}/{shard_file(key)}" for key in keys}
    lighthouse = next(shard["terms"]["lighthous"] for shard in shards.values() if "lighthous" in shard["terms"])
    assert lighthouse[0] == FILLERS and len(lighthouse[1:]) == 2 * 5  # its true df, 5 postings
    assert max(len(data) for data in files.values() if b'"terms"' in data) < 2000


def test_meta_json_stays_the_same_size_as_the_site_grows(tmp_path, monkeypatch):
    """Every query fetches meta.json first: it must not grow with the site. It lists each beginning of two characters
    of the terms files' keys once, split or not; the keys under a split one are in its own keys file, which only a
    query of a word under it fetches."""
    from dataclasses import replace
    from generator.plan import search, search_files

    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    index = search.plan_index(search_site(config), config)
    monkeypatch.setattr(search_files, "SHARD_BYTES", 300)
    made = {times: make_index(replace(index, members=index.members * times, docs=index.docs * times))
            for times in (1, 10)}
    terms_files = {times: {name for name in files if "/terms/" in name} for times, files in made.items()}
    assert len(terms_files[10]) > len(terms_files[1]) + 30  # (ten times the postings: more, smaller splits)
    for times, files in made.items():
        meta = json.loads(files[f"{SEARCH_FOLDER}/meta.json"])
        keys, split = listed_keys(meta, lambda name: files[f"{SEARCH_FOLDER}/{name}"])
        assert {f"{SEARCH_FOLDER}/{shard_file(key)}" for key in keys} == terms_files[times]
        listed = [start + last for part in ("keys", "split") for start, lasts in meta[part].items() for last in lasts]
        assert sorted(listed) == sorted({key[:2] for key in keys})
        # (a keys file for each split key of two characters, and no other)
        assert {name for name in files if "/keys/" in name} == {
            f"{SEARCH_FOLDER}/{keys_file(key)}" for key in split if len(key) == 2}
    # (ten times the terms files, a few bytes more: "docs" and "files" a digit longer, a first letter's split keys)
    metas = [len(files[f"{SEARCH_FOLDER}/meta.json"]) for files in made.values()]
    assert metas[1] - metas[0] < 50


# --- ranking, typos, phrases, filters, sorting, cards, keys: in the browser --------------------------

def status_says(page, text):
    page.locator("#search-status").filter(has_text=text).wait_for(timeout=10_000)


@pytest.mark.slow
def test_plurals_and_stems_find_the_same_stories_and_titles_rank_first(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=crystal")
        status_says(page, "2 results for")
        assert result_links(page).all_inner_texts() == ["Lab grows crystals in orbit",  # in its title
                                                        "Night trains return to the northern line"]  # in its text
        page.fill("#search-q", "Crystals")
        page.wait_for_url("**q=Crystals")
        status_says(page, "2 results for \u201cCrystals\u201d")
        assert result_links(page).first.inner_text() == "Lab grows crystals in orbit"
        assert page.locator("#search-results .card-title mark").first.inner_text() == "crystals"


@pytest.mark.slow
def test_a_misspelt_word_finds_the_story_and_says_did_you_mean(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=quilwort")  # one letter missing
        status_says(page, "1 result for")
        assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"]
        assert page.locator("#search-suggestion").inner_text() == "Did you mean quillwort? Showing results for it."
        page.click("#search-suggestion a")
        page.wait_for_url("**q=quillwort")
        status_says(page, "1 result for \u201cquillwort\u201d")
        assert page.locator("#search-suggestion").is_hidden()
        page.fill("#search-q", "qillwrt")  # two edits: not guessed
        status_says(page, "No results for")


@pytest.mark.slow
def test_a_typo_in_the_first_two_letters_is_corrected_too(searchable, page):
    # The first two letters choose the terms file a word is looked up in: a correction there is looked up in the tails
    # files (tests/test_search_typos.py has each edit). The two swapped, or one letter too many in front, are found.
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        for typed in ("uqillwort", "xquillwort", "qxuillwort"):
            page.goto(base + f"search/?q={typed}")
            status_says(page, "1 result for")
            assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"], typed
            assert page.locator("#search-suggestion").inner_text() == "Did you mean quillwort? Showing results for it."


@pytest.mark.slow
def test_a_long_word_two_edits_off_is_corrected_a_shorter_one_is_not(searchable, page):
    # (a held-out query, "analitycs", found nothing: its stem "analityc" is three edits from "analyt", the word
    # "analytics" two)
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        for typed in ("quilwortt", "quilworth"):  # a letter missing and one too many; one missing, one changed
            page.goto(base + f"search/?q={typed}")
            status_says(page, "1 result for")
            assert result_links(page).all_inner_texts() == ["Harbour cranes get a new paint job"], typed
            assert page.locator("#search-suggestion").inner_text() == "Did you mean quillwort? Showing results for it."
        page.goto(base + "search/?q=lihgthuose")  # 10 letters: two swaps
        status_says(page, f"{FILLERS} results for")
        page.goto(base + "search/?q=crystls")  # 7 letters, one edit: corrected
        status_says(page, "2 results for")
        page.goto(base + "search/?q=crstls")  # 6 letters, two edits: not guessed
        status_says(page, "No results for")


@pytest.mark.slow
def test_a_word_typed_with_accents_its_story_lacks_finds_it(searchable, page):
    # English stems "cálibrated" as written to "calibrat" (á is no vowel to it), "calibrated" to "calibr": a query
    # word is looked up by both, as the index lists a story's words (a held-out query, "prédiction", found nothing)
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        for typed, title in (("cálibrated", "Lab grows crystals in orbit"),
                             ("authoríty", "Harbour cranes get a new paint job"),
                             ('"sléeper cárs"', "Night trains return to the northern line")):  # a phrase: its pairs
            page.goto(base + "search/?q=" + typed)
            status_says(page, "1 result for")
            assert result_links(page).all_inner_texts() == [title], typed
            assert page.locator("#search-suggestion").is_hidden(), typed


@pytest.mark.slow
def test_a_word_typed_with_a_hyphen_ranks_the_stories_that_write_it_so_first(tmp_path, page):
    # "x-ray" is "ray" to the tokeniser: without its compound "xray", the story about rays ranks first
    files = {"content/ray.md": item("A ray of hope for ray fishers", date="2026-11-21T10:00:00Z",
                                    excerpt='"The ray season opens."', body="Rays and more rays."),
             "content/xray.md": item("Clinic buys a new machine", date="2026-11-20T10:00:00Z",
                                     excerpt='"Its X-ray room reopens."', body="Patients wait less.")}
    root = make_site(tmp_path / "site", files, CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    with static_server(config.output_path, "/paper/") as base:
        offline(page, base)
        for typed in ("x-ray", "X‐Ray", "xray"):
            page.goto(base + "search/?q=" + typed)
            status_says(page, "result")
            assert result_links(page).first.inner_text() == "Clinic buys a new machine", typed
        page.goto(base + "search/?q=ray")
        status_says(page, "2 results for")
        assert result_links(page).first.inner_text() == "A ray of hope for ray fishers"



@pytest.mark.slow
def test_words_written_together_or_apart_find_the_stories_that_write_them_the_other_way(tmp_path, page):
    # Two held-out queries found nothing: "venture beat" (the provider is VentureBeat) and "timezone" (the story
    # says "time zone"). A camel-cased word is indexed with its parts; a query word that matches nothing is looked
    # for as two words side by side, and the page says so.
    files = {"content/beat.md": item("Chip makers report record sales", date="2026-11-21T10:00:00Z",
                                     provider="{name: VentureBeat, domain: venturebeat.example}"),
             "content/zone.md": item("Clocks move as the time zone changes", date="2026-11-20T10:00:00Z",
                                     excerpt='"The new time zone starts in spring."'),
             "content/time.md": item("Harbour vote is set", date="2026-09-01T10:00:00Z",  # (not one story with it)
                                     excerpt='"A quiet zone for boats, the first time in years."')}
    root = make_site(tmp_path / "site", files, CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    with static_server(config.output_path, "/paper/") as base:
        offline(page, base)
        for typed in ("venture beat", "VentureBeat", "beat"):
            page.goto(base + "search/?q=" + typed)
            status_says(page, "1 result for")
            assert result_links(page).all_inner_texts() == ["Chip makers report record sales"], typed
        page.goto(base + "search/?q=timezone")
        status_says(page, "1 result for")
        assert result_links(page).all_inner_texts() == ["Clocks move as the time zone changes"]
        assert page.locator("#search-suggestion").inner_text() == "Did you mean time zone? Showing results for it."
        page.goto(base + "search/?q=zonetime")  # (no story writes "zone time")
        status_says(page, "No results for")

@pytest.mark.slow
def test_quoted_phrases_match_words_side_by_side_only(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/")
        page.fill("#search-q", '"sleeper cars"')
        status_says(page, "1 result for")
        assert result_links(page).all_inner_texts() == ["Night trains return to the northern line"]
        page.fill("#search-q", '"cars sleeper"')
        status_says(page, "No results for")
        page.fill("#search-q", '"paint job" harbour')
        status_says(page, "1 result for")


@pytest.mark.slow
def test_filters_and_date_sort_are_in_the_shared_address(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=crystals&topic=transport")  # a shared link
        status_says(page, "1 result for")
        assert result_links(page).all_inner_texts() == ["Night trains return to the northern line"]
        assert page.locator("#search-topic").input_value() == "transport"
        page.select_option("#search-topic", "")
        status_says(page, "2 results for")
        page.select_option("#search-sort", "date")
        page.wait_for_url("**sort=date")
        page.wait_for_function("document.querySelector('#search-results .card-title a').textContent.startsWith('Night')")
        assert result_links(page).all_inner_texts() == ["Night trains return to the northern line",  # newer
                                                        "Lab grows crystals in orbit"]
        page.select_option("#search-provider", "orbitnotes-example")
        page.wait_for_url("**provider=orbitnotes-example**")
        status_says(page, "1 result for")
        assert result_links(page).all_inner_texts() == ["Lab grows crystals in orbit"]
        assert "Orbit Notes (1)" in page.locator("#search-provider").inner_text()


@pytest.mark.slow
def test_results_are_cards_like_the_lists_and_the_page_has_one_search_box(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=harbour+quillwort")
        status_says(page, "1 result for")
        assert page.locator("input[type=search]").count() == 1  # the header's box is not on this page
        card = page.locator("#search-results .card")
        assert card.locator(".card-media img").get_attribute("src") == PICTURE
        assert card.locator(".excerpt").inner_text() == "Port authority repaints its fleet."
        assert card.locator(".provider-chip").get_attribute("href") == "/paper/providers/dockside-example/"
        assert card.locator(".tags a").all_inner_texts() == ["Business"]
        assert card.locator(".tags a").get_attribute("href") == "/paper/topics/business/"
        assert card.locator(".signal.heat").count() == 1
        page.goto(base + "latest/")  # the date as the list's card writes it
        listed = page.locator(".card", has_text="Harbour cranes").locator("time").inner_text()
        page.goto(base + "search/?q=quillwort")
        status_says(page, "1 result for")
        assert card.locator("time").inner_text() == listed == "20 Nov 2026"


@pytest.mark.slow
def test_a_word_only_in_a_storys_text_shows_the_text_around_it_marked(searchable, page):
    """The index holds no story's text: a result whose title and summary hold none of the query's words shows, in
    place of its summary, the words around the first match in its story page's text, marked, as text (the page's
    markup is never put in); when that page cannot be had, its summary as before."""
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=quillwort")
        status_says(page, "1 result for")
        excerpt = page.locator("#search-results .excerpt")
        excerpt.locator("mark").wait_for(timeout=10_000)
        assert excerpt.inner_text() == f"The paint is a marine blend. Workers also found {UNIQUE} growing by the quay."
        assert excerpt.locator("mark").all_inner_texts() == [UNIQUE]
        page.goto(base + "search/?q=tamarin")  # the text's <b>tamarin</b>: its word, not its markup
        status_says(page, "1 result for")
        excerpt.locator("mark").wait_for(timeout=10_000)
        assert excerpt.inner_text() == "Marmoset & tamarin notes."
        assert page.locator("#search b, #search [onerror], #search svg").count() == 0
        assert page.evaluate("window.pwned") is None
        page.goto(base + "search/?q=harbour+cranes")  # in the title: the summary, as it is
        status_says(page, "1 result for")
        assert excerpt.inner_text() == "Port authority repaints its fleet."
        page.route("**/news/2026/11/20/harbour/", lambda route: route.abort())
        page.goto(base + "search/?q=quillwort")
        status_says(page, "1 result for")
        page.wait_for_timeout(500)
        assert excerpt.inner_text() == "Port authority repaints its fleet."


@pytest.mark.slow
def test_arrow_keys_move_between_the_box_and_the_results(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/?q=crystal")
        status_says(page, "2 results for")
        page.focus("#search-q")
        focused = "document.activeElement.textContent"
        page.keyboard.press("ArrowDown")
        assert page.evaluate(focused) == "Lab grows crystals in orbit"
        page.keyboard.press("ArrowDown")
        assert page.evaluate(focused) == "Night trains return to the northern line"
        page.keyboard.press("ArrowUp")
        assert page.evaluate(focused) == "Lab grows crystals in orbit"
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.id") == "search-q"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(base + "news/2026/11/19/lab/")


@pytest.mark.slow
def test_crafted_queries_and_content_never_become_markup(searchable, page):
    config, out = searchable
    crafted = '<img src=x onerror="window.pwned=1">"<b>marmoset</b> tamarin<svg onload=window.pwned=4>'
    with static_server(out, "/paper/") as base:
        offline(page, base)
        page.goto(base + "search/")
        page.fill("#search-q", crafted)
        page.press("#search-q", "Enter")
        page.wait_for_function("document.getElementById('search-status').textContent.length > 0", timeout=10_000)
        page.fill("#search-q", "marmosett")  # a correction, a suggestion link
        status_says(page, "1 result for \u201cmarmosett\u201d")
        assert page.locator("#search-suggestion a").text_content() == "marmoset"
        page.fill("#search-q", "marmoset")
        status_says(page, "1 result for \u201cmarmoset\u201d")
        result = page.locator("#search-results li")
        assert result.locator(".card-title a").text_content() == SHOWN_TITLE
        assert SHOWN_NAME in result.locator(".provider-chip").text_content()
        assert result.locator(".tags a").text_content() == ODD_TOPIC
        assert result.locator(".card-media").count() == 0  # a javascript: picture is not shown
        assert page.locator("#search img:not(.card-media img), #search svg, #search b, #search [onerror], "
                            "#search [onload]").count() == 0
        page.goto(base + "search/?q=" + crafted.replace("#", "%23"))
        page.wait_for_function("document.getElementById('search-status').textContent.length > 0", timeout=10_000)
        assert page.locator("#search img, #search svg, #search b").count() == 0
        # compounds and a correction of two edits, their words from the query and the index
        page.fill("#search-q", '<img-src=x-onerror="window.pwned=5">-marmozzet <b>-x')
        page.wait_for_function("document.getElementById('search-status').textContent.length > 0", timeout=10_000)
        page.fill("#search-q", "<b>marmozzet</b>")
        status_says(page, "1 result for")
        assert page.locator("#search-suggestion a").text_content() == "marmoset"
        # a phrase read as corrected, suggested in its quotes; a number marked whole; a word only in a story's text
        page.fill("#search-q", '"<b>marmozzet</b>" <svg onload=window.pwned=6>')
        page.locator("#search-suggestion a").filter(has_text='"marmoset"').wait_for(timeout=10_000)
        page.fill("#search-q", '1,999<img src=x onerror="window.pwned=7"> <b>tamarin</b>')
        page.wait_for_function("document.getElementById('search-status').textContent.indexOf('1,999') >= 0")
        page.fill("#search-q", "<b>tamarin</b>")
        status_says(page, "1 result for \u201c<b>tamarin</b>\u201d")
        page.locator("#search-results .excerpt mark", has_text="tamarin").wait_for(timeout=10_000)
        assert page.locator("#search img:not(.card-media img), #search svg, #search b").count() == 0
        assert page.evaluate("window.pwned") is None


def test_a_site_gets_only_its_languages_stemmer(searchable, tmp_path):
    config, out = searchable
    assert sorted(p.name for p in (out / "static/search/stemmers").iterdir()) == ["base.js", "english.js"]
    config, out = built(tmp_path, "ja", config=CONFIG + "language: ja\n")  # no stemmer for Japanese
    assert not (out / "static/search/stemmers").exists()
    config, out = built(tmp_path, "off", config=CONFIG + "search: false\n")
    assert not (out / "static/search/stemmers").exists()
