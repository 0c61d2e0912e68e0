"""Item files whose text a publisher's CMS encoded twice (it read its UTF-8 as Windows-1252, then wrote UTF-8:
"PerchÃ©", "lâ€™Aquila", "Â«", "â‚¬"), as a crawler writes them into content/: each plain-text field and the
body's words are read as meant (textfiles.unmangled, the one repair fetch makes of a feed), on pages, in feeds,
the API and search alike; code, addresses and text that only looks so ("SÃO PAULO", «CAFÉ») as written."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, ITEMS_CONFIG, api_news, built_page, front, make_site
from test_corpus import front_matter
from test_search import index_of, titles_for
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.textfiles import unmangled


def mangled(text: str) -> str:
    """`text` as a publisher's CMS writes it after reading its UTF-8 as Windows-1252: "PerchÃ©" (the five bytes
    Windows-1252 leaves unused as Latin-1 reads them, as C1 controls: the `”` of "â€\x9d")."""
    return "".join(bytes([byte]).decode("cp1252", "ignore") or chr(byte) for byte in text.encode("utf-8"))


TITLE = "Perché la città è più bella"
EXCERPT = "«Parla il sindaco» dell’Aquila: 10 € – “sì”"
PROVIDER = "Città Notizie"
TOPIC = "Sanità"
ALT = "Il caffè è già chiuso"
AUTHOR = "Álvaro Niccolò"
BODY = "La piazza è già piena: “più di mille” persone…"

ITALIAN = front(
    f'title: "{mangled(TITLE)}"', "publishedDateTime: 2026-11-20T10:00:00Z",
    f'excerpt: "{mangled(EXCERPT)}"', f'author: "{mangled(AUTHOR)}"',
    "provider:", f'  name: "{mangled(PROVIDER)}"', "  domain: citta.example",
    "topics:", f'  - name: "{mangled(TOPIC)}"',
    "images:", "  - url: https://citta.example/piazza.jpg", f'    alt: "{mangled(ALT)}"',
    "webUrl: https://citta.example/piazza",
    body=(f"{mangled(BODY)}\n\n![{mangled('La folla in città')}](https://citta.example/folla.jpg)\n\n"
          f"Il codice `{mangled('perché()')}` e il file https://citta.example/{mangled('città')}.pdf, "
          f"[{mangled('l’articolo')}](https://citta.example/{mangled('perché')})\n\n"
          f"```\n{mangled('città = più')}\n```\n"))

# Text that has the lead letters but is no such mojibake: Portuguese capitals, a French headline in guillemets
# (`É»` would be U+027B), an `Ã` whose no-break space became a plain one, `Â` before a bracket
AS_WRITTEN = ("SÃO PAULO: Ãgua e «CAFÉ» na cittÃ di Â (À)", "«CAFÉ» à São Paulo, pâte château")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(output folder, the API's news entries by file name) of a site of an Italian item written so and one of
    text that only looks so."""
    files = {"content/italian.md": ITALIAN,
             "content/kept.md": front(f'title: "{AS_WRITTEN[0]}"', "publishedDateTime: 2026-11-19T10:00:00Z",
                                      f'excerpt: "{AS_WRITTEN[1]}"', "provider:", f'  name: "{AS_WRITTEN[1]}"',
                                      "  domain: kept.example", body=f"{AS_WRITTEN[0]}\n\n`{mangled('perché')}`\n")}
    config = load_config(make_site(tmp_path_factory.mktemp("mojibake") / "site", files, ITEMS_CONFIG) / "config.yaml")
    result = build(config, BuildOptions(workers=1))
    assert not result.site.problems and not result.site.warnings, (result.site.problems, result.site.warnings)
    return config.output_path, api_news(config)


def test_each_plain_text_field_of_an_item_is_read_as_meant(built):
    out, news = built
    entry = news["italian"]
    assert (entry["title"], entry["excerpt"], entry["author"]) == (TITLE, EXCERPT, AUTHOR)
    assert entry["provider"]["name"] == PROVIDER and entry["topics"] == [TOPIC]
    assert [image["alt"] for image in entry["images"]] == [ALT]
    page = built_page(out, entry)
    for meant in (TITLE, "«Parla il sindaco» dell’Aquila: 10 €", PROVIDER, TOPIC, ALT):
        assert meant in page, meant
    for written in (TITLE, "«Parla il sindaco»", "dell’Aquila", "10 €", PROVIDER, TOPIC, ALT, AUTHOR):
        assert mangled(written) not in page, written
    # (its topic's and provider's pages are named by the meant names too)
    assert (out / "topics/sanita/index.html").is_file() and (out / "providers/citta-example/index.html").is_file()


def test_the_bodys_words_are_read_as_meant_but_its_code_and_addresses_as_written(built):
    out, news = built
    page = built_page(out, news["italian"])
    assert BODY in page
    assert 'alt="La folla in città"' in page and ">l’articolo</a>" in page
    # code is what it says, and an address is the one written (the server's may well be the mojibake's)
    written = page.replace("&nbsp;", "\xa0")
    assert f"<code>{mangled('perché()')}</code>" in page and f"<code>{mangled('città = più')}\n</code>" in written
    assert f"https://citta.example/{mangled('città')}.pdf</a>" in written
    assert 'href="https://citta.example/perch%C3%83%C2%A9"' in page


def test_feeds_and_search_show_the_meant_text(built):
    out, news = built
    for name in ("latest.xml", "latest.rss", "latest.json"):
        feed = (out / "feeds" / name).read_text(encoding="utf-8")
        if name.endswith(".json"):
            feed = json.dumps(json.loads(feed), ensure_ascii=False)
        for meant in (TITLE, EXCERPT, PROVIDER, ALT):
            assert meant in feed, (name, meant)
        assert mangled(TITLE) not in feed and mangled("già") not in feed, name
    _, docs, _ = index_of(out)
    italian = next(doc for doc in docs if doc[0] == news["italian"]["path"])
    assert italian[1:4] == [TITLE, EXCERPT, PROVIDER]
    # the body's words and the title's are found as a reader types them
    assert titles_for(out, "piena") == [TITLE] and titles_for(out, "più") == [TITLE]


def test_text_that_only_looks_so_stays_as_written(built):
    out, news = built
    entry = news["kept"]
    assert (entry["title"], entry["excerpt"], entry["provider"]["name"]) == (AS_WRITTEN[0], AS_WRITTEN[1],
                                                                           AS_WRITTEN[1])
    page = built_page(out, entry)
    assert page.count(AS_WRITTEN[0]) >= 2 and f"<code>{mangled('perché')}</code>" in page


def test_the_real_corpus_holds_no_such_text(corpus):
    """The real items are read as before (their build is byte for byte the same): no text of theirs is
    such mojibake."""
    texts = []

    def strings(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for each in value.values():
                strings(each)
        elif isinstance(value, list):
            for each in value:
                strings(each)

    for path in sorted((CORPUS / "news").rglob("*.md")):
        strings(front_matter(path))
    assert len(texts) > 1000
    assert [text for text in texts if unmangled(text) != text] == []
