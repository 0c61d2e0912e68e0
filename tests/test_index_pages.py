"""The topics and providers indexes of a site with thousands of them (crawlers name topics freely): the most covered
first, then every one A to Z over numbered pages under their initials, with a bar of initials. Every page stays
small, every topic and provider is reached from the index by links, names in any script are listed (none
dropped), the sitemap names the pages, and serve's rebuild after an edit is the full build's output."""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from conftest import item, make_site, build_site, serving, static_server
from generator.alphabets import ALPHABETS
from generator.plan.directory import HAN, MAX_JUMPS, OTHER, PER_PAGE, WHOLE, Entry, directory, filed, initial
from generator.site.text import a_to_z

BOUND = 100_000  # bytes of HTML an index page stays under, whatever the number of entries

# A name in each of several scripts, {n} making it unique
NAMES = ["Alpha {n}", "Émile {n}", "Łódź {n}", "Тема {n}", "Θέμα {n}", "موضوع {n}", "נושא {n}", "话题{n}", "주제 {n}",
         "トピック{n}", "विषय {n}", "{n} numbers", "🚀 {n}"]


def test_initials_in_any_script():
    assert [initial(name) for name in ("alpha", "Émile", "Łódź", "Ødegaard", "ß", "Ａｌｐｈａ", "тема", "θέμα")] == \
        ["A", "E", "L", "O", "S", "A", "Т", "Θ"]
    assert [initial(name) for name in ("موضوع", "أخبار", "נושא", "विषय", "주제", "한국", "トピック", "とぴっく")] == \
        ["م", "ا", "נ", "व", "ㅈ", "ㅎ", "と", "と"]
    assert [initial(name) for name in ("话题", "話題", "2026 vote", "🚀 rockets", "…", "")] == [HAN, HAN, OTHER, "R", OTHER, OTHER]


# Arabic names with the article ال, and without: where a reader of Arabic looks for each on a site in Arabic
ARABIC = {"الاقتصاد": "ا", "السياسة": "س", "الرياضة": "ر", "الْكِتَاب": "ك", "«الأهرام»": "ا", "الجزائر": "ج",
          "سوريا": "س", "رمضان": "ر", "أخبار": "ا", "ألمانيا": "ا", "الم": "ا"}  # (أل is no article; nor ال + one letter)


def test_a_site_in_arabic_files_a_name_under_the_letter_after_its_article():
    assert {name: initial(name, "ar") for name in ARABIC} == ARABIC
    assert initial("السياسة", "ar-EG") == "س" and filed("السياسة", "ar") == "سياسة"
    # elsewhere as written: Persian writes ال in loans, Hebrew's ה begins many words, a Latin article stays
    assert {initial(name, language) for name in ("السياسة", "الکترونیک") for language in ("fa", "en", "")} == {"ا"}
    assert [initial(name, "he") for name in ("הארץ", "הודו")] + [initial("The Verge", "ar")] == ["ה", "ה", "T"]
    # sorted by the word after the article: الرياضة (رياضة) after رمضان, السياسة (سياسة) after سوريا
    names = list(ARABIC) + [f"موضوع {n}" for n in range(WHOLE)]
    found = directory([Entry(f"s{n}", name, 1, n) for n, name in enumerate(names)], "ar")
    listed = [names[int(slug[1:])] for slugs, _ in found.pages for slug in slugs]
    assert listed.index("رمضان") < listed.index("الرياضة") < listed.index("سوريا") < listed.index("السياسة")
    labels = [section.label for _, sections in found.pages for section in sections]
    assert labels[:6] == ["ا", "ج", "ر", "س", "ك", "م"]
    english = directory([Entry(f"s{n}", name, 1, n) for n, name in enumerate(names)], "en")
    assert [section.label for _, sections in english.pages for section in sections][:3] == ["ا", "ر", "س"]


def test_a_built_arabic_index_lists_each_name_under_its_words_letter(tmp_path):
    names = list(ARABIC) + [f"موضوع {n}" for n in range(WHOLE)]
    files = {f"content/s{n}.md": item(f"قصة {n}", topics="[" + ", ".join(f"'{name}'" for name in names[n:n + 20]) + "]")
             for n in range(0, len(names), 20)}  # (an item keeps 20 topics at most)
    root = make_site(tmp_path / "site", files, "title: Akhbar\nbase_url: https://example.org/\nlanguage: ar\n")
    config, _ = build_site(root)
    html = unescape((config.output_path / "topics" / "index.html").read_text(encoding="utf-8"))
    heading = re.compile(r'<h3 class="initial" id="([^"]+)"[^>]*>([^<]*)</h3>')
    places = {label: match.end() for match in heading.finditer(html) for label in [match.group(2)]}
    assert list(places)[:6] == ["ا", "ج", "ر", "س", "ك", "م"]
    for name, label in ARABIC.items():  # shown as written, in its letter's section
        at = html.index(">" + name + "<")
        assert max(place for place in places.values() if place < at) == places[label], name


# Where a reader of each language looks for a name: the alphabet's own letters are headings of their own
TURKISH = {"Cami": "C", "Çorum": "Ç", "çay": "Ç", "Irmak": "I", "ılık": "I", "İzmir": "İ", "istanbul": "İ",
           "Ordu": "O", "Ödemiş": "Ö", "Sivas": "S", "Şişli": "Ş", "Uşak": "U", "Üsküdar": "Ü", "Ğ": "Ğ", "Quebec": "Q"}
OWN_LETTERS = {"pl": {"Łódź": "Ł", "Żory": "Ż", "Źródło": "Ź", "Ćma": "Ć", "Lublin": "L", "Zabrze": "Z"},
               "sv": {"Åre": "Å", "Ängelholm": "Ä", "Örebro": "Ö", "Ostersund": "O", "Æble": "Ä"},
               "es": {"Ñandú": "Ñ", "Nación": "N", "Ávila": "A"}, "de": {"Österreich": "O", "Ärzte": "A"},
               "vi": {"Đà Nẵng": "Đ", "Ơn": "Ơ", "Ưu": "Ư", "Ăn": "Ă", "An": "A"}, "az": {"Əli": "Ə", "Elm": "E"},
               "lt": {"Yla": "I", "Šiauliai": "Š"}, "sr-Latn-RS": {"Čačak": "Č", "Đurđevac": "Đ"}, "en": {"Łódź": "L", "Çorum": "C", "istanbul": "I", "Åre": "A"}}


def test_a_site_files_names_under_its_own_alphabets_letters_in_its_order():
    assert {name: initial(name, "tr-TR") for name in TURKISH} == TURKISH
    for language, names in OWN_LETTERS.items():
        assert {name: initial(name, language) for name in names} == names, language
    names = list(TURKISH) + [f"Ankara {n}" for n in range(WHOLE)]
    found = directory([Entry(f"s{n}", name, 1, n) for n, name in enumerate(names)], "tr")
    labels = [section.label for _, sections in found.pages for section in sections]
    assert list(dict.fromkeys(labels)) == ["A", "C", "Ç", "Ğ", "I", "İ", "O", "Ö", "Q", "S", "Ş", "U", "Ü"]
    swedish = directory([Entry(f"s{n}", name, 1, n) for n, name in enumerate(["Zürich", *OWN_LETTERS["sv"],
                                                                                *(f"Ankara {n}" for n in range(WHOLE))])], "sv")
    assert [s.label for _, sections in swedish.pages for s in sections][-4:] == ["Z", "Å", "Ä", "Ö"]


def test_a_to_z_follows_the_sites_alphabet_on_a_page_of_few_topics_too(tmp_path):
    swedish = ["Zürich", "Åre", "Ostersund", "Örebro", "Ängelholm", "Arvika", "Ärla 10", "Ärla 9"]
    assert sorted(swedish, key=lambda name: a_to_z(name, "sv")) == \
        ["Arvika", "Ostersund", "Zürich", "Åre", "Ängelholm", "Ärla 9", "Ärla 10", "Örebro"]
    assert sorted(swedish, key=a_to_z)[:4] == ["Ängelholm", "Åre", "Ärla 9", "Ärla 10"]  # (elsewhere without accents)
    turkish = ["çay", "Cumhuriyet", "ılık", "istanbul", "Irmak", "İzmir", "Işık", "Dünya"]
    assert sorted(turkish, key=lambda name: a_to_z(name, "tr")) == \
        ["Cumhuriyet", "çay", "Dünya", "ılık", "Irmak", "Işık", "istanbul", "İzmir"]
    files = {f"content/s{n}.md": item(f"Nyhet {n}", topics=f"['{name}']") for n, name in enumerate(swedish)}
    root = make_site(tmp_path / "site", files, "title: Nyheter\nbase_url: https://example.org/\nlanguage: sv\n")
    config, _ = build_site(root)
    html = unescape((config.output_path / "topics" / "index.html").read_text(encoding="utf-8"))
    places = [html.index(">" + name + "<") for name in ["Arvika", "Ostersund", "Zürich", "Åre", "Ängelholm", "Örebro"]]
    assert places == sorted(places)



def test_providers_as_many_times_listed_follow_the_sites_alphabet(tmp_path):
    """The providers page of a small site lists the most covered first and, of as many stories, in A to Z as the
    site's language orders it: Swedish Åbo after Zeta, Czech Chrudim after Hradec."""
    for language, names in {"sv": ["Aftonposten", "Zeta", "Åbo Tidning"],
                            "cs": ["Cesta", "Hradec Dnes", "Chrudim Dnes", "Iva"]}.items():
        files = {f"content/s{n}.md": item(f"Story {n}", provider=f"{{name: '{name}', domain: p{n}.example}}")
                 for n, name in enumerate(reversed(names))}
        config, _ = build_site(make_site(tmp_path / language, files,
                                         f"title: News\nbase_url: https://example.org/\nlanguage: {language}\n"))
        html = unescape((config.output_path / "providers" / "index.html").read_text(encoding="utf-8"))
        places = [html.index(">" + name + "<") for name in names]
        assert places == sorted(places), language

# The capital Latin letters the table covers: Latin-1, Latin Extended-A, Romanian's comma below, and the letters
# of Latin Extended-B that national alphabets use (Azerbaijani Ə, Vietnamese Ơ Ư, Ewe Ɛ Ɔ, Hausa Ɓ Ɗ Ƙ Ƴ ...); and the
# letters written with two or three (Czech CH, Hungarian CS and DZS, Welsh LL, Croatian DŽ, Maltese GĦ): those the
# collation does not read as their parts (a combining grapheme joiner between the parts, which parts them, changes
# the order), where neither part is one of them (Hungarian DZS is not DZ and S, nor D and ZS).
NODE_ALPHABETS = """
const letters = "abcdefghijklmnopqrstuvwxyz", codes = [];
for (const a of letters) for (const b of letters) { codes.push(a + b); for (const c of letters) codes.push(a + b + c); }
const capitals = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const points = [];
for (let i = 0xC0; i <= 0x17F; i++) points.push(i);
points.push(0x218, 0x21A, 0x18F, 0x190, 0x186, 0x1A0, 0x1AF, 0x1B7, 0x1E6, 0x1E8, 0x1EE, 0x21E, 0x1A9, 0x19D, 0x1B3,
            0x18A, 0x181, 0x198, 0x18E);
for (const i of points) { const s = String.fromCodePoint(i); if (s === s.toUpperCase() && s !== s.toLowerCase()) capitals.push(s); }
const A_TO_Z = capitals.slice(0, 26), JOIN = "\u034F";
const out = {};
for (const tag of ["und", ...Intl.Collator.supportedLocalesOf(codes)]) {
  const same = new Intl.Collator(tag, {sensitivity: "base"}), groups = [];
  const own = (parts) => parts.every((_, n) => n === 0 ||
    same.compare(parts.join(""), parts.slice(0, n).join("") + JOIN + parts.slice(n).join("")) !== 0);
  const units = [...capitals], pairs = [];
  for (const a of A_TO_Z) for (const b of A_TO_Z) if (own([a, b])) pairs.push(a + b);
  // (C and Ĥ read as one when CH is a letter: a pair with an accent is a letter only where its plain one is not)
  for (const a of A_TO_Z) for (const b of capitals.slice(26)) {
    if (own([a, b]) && !pairs.some(pair => same.compare(a + b, pair) === 0)) pairs.push(a + b);
  }
  units.push(...pairs);
  for (const a of A_TO_Z) for (const b of A_TO_Z) for (const c of A_TO_Z) {  // (Hungarian CCS is CS twice: no letter)
    const three = a + b + c;
    if (own([a, b, c]) && !pairs.some(p => pairs.some(q => same.compare(three, p + q) === 0))) units.push(three);
  }
  for (const c of units.sort(new Intl.Collator(tag).compare)) {
    if (groups.length && same.compare(groups[groups.length - 1][0], c) === 0) groups[groups.length - 1].push(c);
    else groups.push([c]);
  }
  // (a group with a letter of two or three is written with a "/" before each of its letters: /CH, /Å/AA)
  out[tag] = groups.map(group => group.some(c => c.length > 1) ? "/" + group.join("/") : group.join("")).join(" ");
}
process.stdout.write(JSON.stringify(out));
"""


# (slow: node compares every three-letter sequence in every locale its ICU has)
@pytest.mark.slow
def test_the_alphabets_are_the_browsers():
    """generator/alphabets.py is the browsers' collation (ICU's): every language node knows whose order of these letters
    differs from the root collation's, in its order and groups (Chinese left out: its Latin order is pinyin's)."""
    run = subprocess.run(["node", "-e", NODE_ALPHABETS], capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    root = found.pop("und")
    expected = {tag.lower(): groups for tag, groups in found.items() if groups != root and tag != "zh"}
    assert len(expected) > 30 and {"tr", "pl", "sv", "es", "vi", "az"} <= set(expected)
    written = "\n".join(f'    "{tag}": "{groups}",' for tag, groups in sorted(expected.items()))
    assert ALPHABETS == expected, "generator/alphabets.py's table, as node's ICU has it now:\n" + written


# Names that begin with, or hold, a letter written with two or three: each list as a reader of the language files it
LETTERS_OF_TWO = {
    "cs": {"Cukr": "C", "Čech": "Č", "Hrad": "H", "Chata": "Ch", "chleba": "Ch", "Iva": "I", "Echo": "E",
           "Ecuador": "E"},
    "hu": {"Cukor": "C", "Csaba": "Cs", "Dobos": "D", "Dzeta": "Dz", "Dzsungel": "Dzs", "Gazda": "G", "Gyula": "Gy",
           "Láng": "L", "Lyuk": "Ly", "Nagy": "N", "Nyár": "Ny", "Szeged": "Sz", "Sas": "S", "Zsolt": "Zs", "Zala": "Z",
           "Tisza": "T", "Tyúk": "Ty"},
    "cy": {"Ceg": "C", "Chwarel": "Ch", "Dafydd": "D", "Ddraig": "Dd", "Ffion": "Ff", "Fawr": "F", "Gwyn": "G",
           "Ngan": "Ng", "Llan": "Ll", "Lord": "L", "Rhos": "Rh", "Rws": "R", "Theatr": "Th", "Tal": "T"},
    "hr": {"Dom": "D", "Džep": "Dž", "Đak": "Đ", "Ljubav": "Lj", "Lako": "L", "Njemačka": "Nj", "Nos": "N"},
    "sq": {"Deti": "D", "Dhe": "Dh", "Gur": "G", "Gjak": "Gj", "Shqip": "Sh", "Xhami": "Xh", "Zog": "Z",
           "Zhurma": "Zh"},
    "da": {"Aalborg": "Å", "Aabenraa": "Å", "Anholt": "A", "Århus": "Å", "Ærø": "Æ", "Zealand": "Z"},
    "mt": {"Għawdex": "Għ", "Gozo": "G", "Ħamrun": "Ħ", "Hamburg": "H"},
}
NODE_SORT = "const [tag, words] = JSON.parse(process.argv[1]); " \
            "process.stdout.write(JSON.stringify(words.sort(new Intl.Collator(tag).compare)))"


@pytest.mark.parametrize("language", LETTERS_OF_TWO)
def test_a_letter_of_two_is_a_heading_of_its_own_in_the_browsers_order(language):
    """Czech files Chata under Ch, after H; Hungarian Dzsungel under Dzs; Danish Aalborg under Å: the heading a reader
    of the language looks under, and A to Z in the order the browsers' collation (node's ICU) gives."""
    names = LETTERS_OF_TWO[language]
    assert {name: initial(name, language) for name in names} == names
    run = subprocess.run(["node", "-e", NODE_SORT, json.dumps([language, list(names)])], capture_output=True,
                         text=True, check=True)
    assert sorted(names, key=lambda name: a_to_z(name, language)) == json.loads(run.stdout)
    found = directory([Entry(f"s{n}", name, 1, n) for n, name in enumerate(
        [*names, *(f"Zzz {n}" for n in range(WHOLE))])], language)
    labels = list(dict.fromkeys(section.label for _, sections in found.pages for section in sections))
    assert set(names.values()) <= set(labels)
    assert labels == sorted(labels, key=lambda label: a_to_z(label, language))


def test_few_entries_keep_the_index_of_one_page():
    entries = [Entry(f"t{n}", f"T{n}", 1, n) for n in range(WHOLE)]
    assert directory(entries) is None
    assert directory(entries + [Entry("one-more", "One more", 1, WHOLE)]) is not None


@pytest.mark.slow
def test_ten_thousand_entries_are_each_listed_once_in_order_on_bounded_pages():
    names = [NAMES[n % len(NAMES)].format(n=n) for n in range(8_000)]
    names += [chr(0x4E00 + n) + "字" for n in range(1_000)] + [chr(0xAC00 + 7 * n) + "다" for n in range(1_000)]
    entries = [Entry(f"s{n}", name, 1 + (n % 97 == 0) * n, n) for n, name in enumerate(names)]
    found = directory(entries)
    listed = [slug for slugs, _ in found.pages for slug in slugs]
    assert sorted(listed) == sorted(entry.slug for entry in entries)  # each once, none dropped
    assert all(len(slugs) <= PER_PAGE for slugs, _ in found.pages) and len(found.pages) == 100
    # each page's sections cover it in runs of one initial; an initial's names are together, in the site's order
    order = []
    for slugs, sections in found.pages:
        assert [(s.start, s.end) for s in sections] == list(zip([0] + [s.end for s in sections[:-1]],
                                                                [s.end for s in sections]))
        assert sections[-1].end == len(slugs)
        for section in sections:
            assert {initial(entries[int(slug[1:])].name) for slug in slugs[section.start:section.end]} == {section.label}
            if not order or order[-1] != section.label:
                order.append(section.label)
    assert len(order) == len(set(order)) and order[-1] == OTHER
    assert {"A", "E", "L", "Т", "Θ", "م", "נ", HAN, "ㅈ", "と", "व"} <= set(order)
    # the bar of initials: one for each page an initial begins on, past MAX_JUMPS initials (Hangul's are 19)
    assert len(found.jumps) <= max(MAX_JUMPS, len(found.pages))
    assert [jump.number for jump in found.jumps] == sorted(jump.number for jump in found.jumps)
    # the most covered: most stories first, never one of a single story
    stories = [entries[int(slug[1:])].stories for slug in found.leading]
    assert stories == sorted(stories, reverse=True) and min(stories) > 1 and len(found.leading) == 12
    within = ["Alpha 9", "Alpha 10", "Alpha 100"]  # numbers by value
    assert directory([Entry(name, name, 1, 0) for name in within + [f"Z{n}" for n in range(WHOLE)]]) \
        .pages[0][0][:3] == tuple(within)


def many_topics_site(root: Path, items: int) -> Path:
    """`items` stories, each of two topics of its own and one shared, and a provider of its own: thousands of
    each, named in several scripts."""
    files = {}
    for n in range(items):
        topics = ", ".join(repr(NAMES[(2 * n + k) % len(NAMES)].format(n=2 * n + k)) for k in range(2))
        provider = f"{{name: '{NAMES[n % len(NAMES)].format(n=n)} News', domain: 'p{n}.example'}}"
        files[f"content/s{n:05}.md"] = item(f"Story {n}", f"2026-11-{1 + n % 20:02d}T10:{n % 60:02d}:00Z",
                                            topics=f"[{topics}, 'Shared {n % 5}']", provider=provider,
                                            body=f"Body {n}.")
    return make_site(root, files)


def walk(out: Path, start: str) -> tuple[dict[str, int], set[str]]:
    """The index pages reached from `start` (its pagination and bar of initials), with their sizes, and every
    path they link to under `start`."""
    pages, todo, linked = {}, [start], set()
    while todo:
        path = todo.pop()
        if path in pages:
            continue
        html = (out / path / "index.html").read_text(encoding="utf-8")
        pages[path] = len(html.encode())
        for href in re.findall(r'href="/([^"#]*)', html):
            href = unescape(href)
            if re.fullmatch(re.escape(start) + r"page/\d+/", href):
                todo.append(href)
            elif href.startswith(start) and href != start:
                linked.add(href)
    return pages, linked


@pytest.mark.slow
def test_thousands_of_topics_and_providers_are_reached_from_small_index_pages(tmp_path):
    site = many_topics_site(tmp_path / "site", 1_100)
    config, result = build_site(site)
    model = result.site.model.site
    assert len(model.topics) == 2_205 and len(model.providers) == 1_100
    out = config.output_path
    for kind, heads, names in (("topics", model.topics, ("Тема", "موضوع", "话题", "주제", "トピック", "נושא")),
                               ("providers", model.providers, ("Тема", "موضوع", "话题", "주제"))):
        pages, linked = walk(out, f"{kind}/")
        assert len(pages) == -(-len(heads) // PER_PAGE)
        assert max(pages.values()) < BOUND, (kind, max(pages.values()))
        assert linked == {f"{kind}/{slug}/" for slug in heads}  # every one, by links from the index
        text = "".join((out / path / "index.html").read_text(encoding="utf-8") for path in pages)
        assert all(name in text for name in names)
        sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
        assert all(f"https://example.org/{path}</loc>" in sitemap for path in pages)
    first = (out / "topics/index.html").read_text(encoding="utf-8")
    # the most covered first: the shared topics, of 220 stories each
    assert first.index("Shared 0") < first.index('id="a-to-z"') and "220 stories" in first
    assert "<title>Topics (page 2 of 23)" in (out / "topics/page/2/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_serve_rebuilds_a_many_topic_index_as_a_build_does(tmp_path):
    site = many_topics_site(tmp_path / "site", 120)  # 245 topics: past one page
    config, _ = build_site(site)
    save = serving(site, config, tmp_path / "clean")
    story = site / "content/s00007.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Story 7", "Story seven"), encoding="utf-8")
    assert any(b"Story seven" in data for data in save(story, "title").values())
    story.write_text(story.read_text(encoding="utf-8").replace("'Shared 2'", "'Aardvark'"), encoding="utf-8")
    served = save(story, "new topic")  # a topic that comes: first on the A to Z list
    assert "Aardvark" in served["topics/index.html"].decode()
    story.unlink()
    served = save(story, "deleted")
    assert "Aardvark" not in served["topics/index.html"].decode()


@pytest.mark.slow
@pytest.mark.parametrize("device", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}],
                         ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_index_pages_of_many(tmp_path, browser, device):
    from test_theme import AXE_JS, _tool_missing, axe_violations

    if not AXE_JS.is_file():
        _tool_missing(f"{AXE_JS} is missing: run `npm ci`")
    config, _ = build_site(many_topics_site(tmp_path / "site", 210))  # 425 topics, 210 providers
    found = []
    with static_server(config.output_path, config.base_path) as url:
        for scheme in ("light", "dark"):
            phone = device["width"] < 600
            context = browser.new_context(viewport=device, color_scheme=scheme, is_mobile=phone, has_touch=phone)
            context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
            try:
                tab = context.new_page()
                for path in ("topics/", "topics/page/2/", "providers/", "providers/page/2/"):
                    tab.goto(url + path, wait_until="load")
                    found += axe_violations(tab, f"{path} {scheme}", path)
                    # the page fits the screen: nothing wider than it
                    assert tab.evaluate("() => document.documentElement.scrollWidth") <= device["width"], path
            finally:
                context.close()
    assert found == [], "\n".join(found)
