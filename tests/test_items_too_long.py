"""An item file over the size limit (4 MiB: a crawler's runaway body): its front matter is read and its body
cut at a paragraph within the limit, with a warning at the file's line saying so; the item is not left out,
and its page marks the cut (an ellipsis, the words saying the story goes on, a link to the original).
(A front matter of megabytes stays refused: tests/test_items_front_matter.py; a file of gigabytes costs no
more memory than the limit: tests/test_content_hostile.py.)"""

from __future__ import annotations

import re

import pytest
from conftest import build_said, files_under, html_elements, item, make_site, serving

from generator.site.content import parse_source

HEAD = ("---\ntitle: Runaway crawl\npublishedDateTime: 2026-11-20T10:00:00Z\n"
        "originalUrl: https://port.example/runaway\n---\n")
PAGE = "news/2026/11/20/runaway/index.html"


def paragraphs(count: int) -> str:
    """Paragraphs of a link each, numbered, whose every sixth line break falls inside the tag."""
    return "".join(f'Paragraph {n} links\n<a\nhref="https://port.example/{n}">here</a>.\n\n' for n in range(count))


@pytest.mark.slow  # (a 50 MB file built)
def test_a_fifty_megabyte_item_is_shown_cut_at_a_paragraph_with_a_warning_saying_what_to_do(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/ok.md": item("Other story")})
    body = paragraphs(1_000_000)
    (site / "content" / "runaway.md").write_text(HEAD + body, encoding="utf-8")
    size = (site / "content" / "runaway.md").stat().st_size
    assert size > 50 * 1024 * 1024
    status, out = build_said(site, capsys)
    assert status == 0, out
    [warning] = [line for line in out.splitlines() if "runaway.md" in line]
    kept = re.search(r"runaway\.md:([0-9]+): file is ([0-9]+) KiB, more than the 4096 KiB allowed: its body is "
                     r"shown up to this line \(([0-9]+) KiB of it\), not the rest \(shorten the body, or have the "
                     r"crawler write only the article's text\)", warning)
    assert kept, warning
    line, kib, kept_kib = map(int, kept.groups())
    assert kib == size // 1024 and 4000 < kept_kib < 4096
    lines = (HEAD + body).split("\n")
    assert lines[line - 1].endswith("</a>.") and lines[line] == ""  # (the last line kept ends a paragraph)
    page = (site / "output" / PAGE).read_text(encoding="utf-8")
    assert "<h1" in page and "Runaway crawl" in page and "https://port.example/runaway" in page
    last = int(re.findall(r"Paragraph ([0-9]+) links", page)[-1])
    assert last > 30_000 and f"Paragraph {last + 1} " not in page
    # (every paragraph kept is whole, its link too: nothing after the cut is read as part of it)
    assert page.count('<a href="https://port.example/') - page.count('<a href="https://port.example/runaway') \
        == last + 1 == page.count(">here</a>.</p>")
    assert (site / "output/news/2026/11/20/ok/index.html").is_file()


@pytest.mark.slow
def test_the_warm_build_and_serve_show_the_cut_item_as_a_clean_build_does(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/ok.md": item("Other story"),
                                         "content/runaway.md": HEAD + "Short for now.\n"})
    from generator.config.load import load_config
    save = serving(site, load_config(site / "config.yaml"), tmp_path / "scratch")
    (site / "content" / "runaway.md").write_text(HEAD + paragraphs(100_000), encoding="utf-8")
    served = save(site / "content" / "runaway.md", "grown")  # (equal to a clean build, its warnings too)
    assert "Paragraph 0 links" in served[PAGE].decode() and "Paragraph 99999 " not in served[PAGE].decode()
    capsys.readouterr()
    status, cold = build_said(site, capsys, "--clean")
    built = files_under(site / "output")
    status_warm, warm = build_said(site, capsys)
    assert status == status_warm == 0
    assert files_under(site / "output") == built
    said = [line for line in cold.splitlines() if "runaway.md" in line]
    assert said and said == [line for line in warm.splitlines() if "runaway.md" in line]


@pytest.mark.slow  # (four files of 4 MB and more read)
def test_the_cut_falls_on_a_whole_character_in_any_encoding_and_front_matter():
    """The limit falls inside a character (UTF-8's é, UTF-16's emoji): read as far as the last whole one, not as
    a file in another encoding; JSON's and TOML's front matter are read as YAML's are."""
    limit = 4 * 1024 * 1024
    forms = {
        "utf-8": lambda pad: ("---\ntitle: Été" + pad + "\n---\n" + "é\n" * limit).encode("utf-8"),
        "utf-16": lambda pad: ("---\ntitle: Été" + pad + "\n---\n" + "\U0001f600\n" * limit).encode("utf-16"),
        "json": lambda pad: ('{"title": "Été"' + pad + '}\n' + "é\n\n" * limit).encode("utf-8"),
        "toml": lambda pad: ('+++\ntitle = "Été"' + pad + '\n+++\n' + "é\n\n" * limit).encode("utf-8"),
    }
    for form, make in forms.items():
        raw = next(raw for raw in map(make, (" " * pad for pad in range(8)))
                   if not _decodes(raw[:limit], "utf-16" if form == "utf-16" else "utf-8"))
        source = parse_source("content/e.md", raw)
        assert source.meta == {"title": "Été"}, (form, source)
        assert set(source.body) <= {"é", "\U0001f600", "\n"} and len(source.body) > 1_000_000, form
        [(line, message, hint)] = source.notes
        assert message.startswith(f"file is {len(raw) // 1024} KiB, more than the 4096 KiB allowed: its body is "
                                  "shown up to this line") and hint.startswith("shorten the body"), form
        assert line == source.body_line + source.body.count("\n")


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def test_a_body_of_one_line_is_cut_outside_a_tag_or_left_out_with_the_title_shown():
    head = b"---\ntitle: One line\n---\n"
    minified = parse_source("content/m.md", head + b'<p class="x">word word</p>' * 300_000)
    assert minified.body.endswith("</p>") and minified.body.count("<p") == minified.body.count("</p>") > 100_000
    words = parse_source("content/w.md", head + b"word " * 1_000_000)
    assert words.body.endswith("word") and len(words.body) > 4_000_000
    nothing = parse_source("content/n.md", head + b"x" * 5_000_000)
    assert nothing.meta["title"] == "One line" and nothing.body == ""
    assert "its body is left out, as it has no line break or space" in nothing.notes[0][1]
    # (what the page's mark is shown by: test_a_cut_body_ends_with_a_visible_mark_and_a_link_to_the_original)
    assert minified.cut and words.cut and nothing.cut and not parse_source("content/s.md", head + b"word").cut


def cut_mark(page: bytes):
    """The paragraph of a story's page that says its text is cut, or None."""
    marks = [element for tag, element in html_elements("page", page) if element.get("class") == "body-cut"]
    assert len(marks) <= 1
    return marks[0] if marks else None


@pytest.mark.slow
def test_a_cut_body_ends_with_a_visible_mark_and_a_link_to_the_original(tmp_path, capsys):
    """A reader sees where a cut body stops (an ellipsis and the words saying the story goes on) and is led to
    the rest on the provider's site; a body left out whole says so too; a whole body shows no mark."""
    provider = "provider: {name: Port News, domain: port.example}\n"
    site = make_site(tmp_path / "site", {
        "content/ok.md": item("Other story"),
        "content/runaway.md": HEAD.replace("---\n", "---\n" + provider, 1) + "Paragraph of words.\n\n" * 250_000,
        "content/bare.md": HEAD.replace("runaway", "bare").replace("Runaway crawl", "Bare") + "x" * 5_000_000})
    status, out = build_said(site, capsys)
    assert status == 0, out
    page = (site / "output" / PAGE).read_bytes()
    mark = cut_mark(page)
    assert mark is not None and page.index(b'class="body-cut"') > page.rindex(b"Paragraph of words.")
    assert " ".join("".join(mark.itertext()).split()) == (
        "… The story goes on: its text is longer than this site shows. Read the full story on Port News ↗")
    assert [a.get("href") for a in mark.iter("a")] == ["https://port.example/runaway"]
    bare = cut_mark((site / "output/news/2026/11/20/bare/index.html").read_bytes())
    assert bare is not None
    assert " ".join("".join(bare.itertext()).split()).endswith("shows. Read the full story ↗")
    assert cut_mark((site / "output/news/2026/11/20/ok/index.html").read_bytes()) is None
