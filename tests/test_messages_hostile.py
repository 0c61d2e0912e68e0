"""What the terminal (and an editor's error parser) is shown of hostile file names, keys and values: every
message names a file so that it can be found, and nothing in it acts on the terminal or hides."""

from __future__ import annotations

from conftest import build_said, item, make_site


def test_two_file_names_that_look_alike_read_apart_in_messages(tmp_path, capsys):
    """A crawler that names files after titles copies their zero-width spaces, word joiners, soft hyphens,
    byte order marks and left-to-right marks: `x<U+200B>y.md` and `xy.md` write the same page, and the warning
    named the two as `content/xy.md` twice. A line separator (U+2028) broke the message's line in editors."""
    hidden = ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u061c", "\u2028", "\U000e0041"]
    site = make_site(tmp_path / "site", {"content/xy.md": item("Plain")})
    for n, char in enumerate(hidden):  # (each with a field misspelt, for a message of its own)
        (site / "content" / f"x{char}y.md").write_text(item(f"Hidden {n}", exerpt="x"), encoding="utf-8")
    status, said = build_said(site, capsys)
    assert status == 0
    for char in hidden:
        assert char not in said, ascii(char)
        assert f"warning: content/x{ascii(char)[1:-1]}y.md:4: `exerpt` is not a known field" in said, said
    # (the line separator's slug is `x-y`, the tag letter's `xay`: the others' page is `xy/`, and clashes)
    for char in hidden[:7]:
        assert f"warning: content/x{ascii(char)[1:-1]}y.md:1: would write the same page as content/xy.md" in said
    assert len(list((site / "output" / "news" / "2026" / "11" / "20").iterdir())) == 1 + len(hidden)


def test_a_message_about_a_file_whose_name_is_not_utf8_names_the_key_s_line(tmp_path, capsys):
    """A file named in Latin-1 (`caf\\xe9.md`, as an old crawler saves it) is named with its byte escaped; the
    line of a key the message is about was then looked up in a file of that escaped name, which is none, and
    every such message said line 1."""
    site = make_site(tmp_path / "site", {})
    folder = bytes(site / "content" / "d") + b"\xff"
    (site / "content").joinpath(folder.decode("utf-8", "surrogateescape")).mkdir()
    with open(folder + b"/caf\xe9.md", "wb") as handle:
        handle.write(item("Cafe", exerpt="x", webUrl='"javascript:alert(1)"').encode("utf-8"))
    status, said = build_said(site, capsys)
    assert status == 0
    assert "warning: content/d\\xff/caf\\xe9.md:4: `exerpt` is not a known field" in said, said
    assert "warning: content/d\\xff/caf\\xe9.md:5: `webUrl`" in said, said


def test_a_name_that_mixes_look_alike_letters_is_told_from_the_one_it_imitates(tmp_path, capsys):
    """Topics or providers `Apple` and `Аpple` (a Cyrillic `А`) have two pages, and a warning named both: the
    same word twice in a terminal, which left nothing to act on. The letters of another script that read as
    ASCII ones are named now; a name in one script (`Москва`, `Moskva`) is itself."""
    provider = '{name: "%s"}'
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A", topics='["Apple", "Moskva"]', provider=provider % "Acme"),
        "content/b.md": item("B", topics='["\u0410pple", "\u041c\u043e\u0441\u043a\u0432\u0430"]',
                             provider=provider % "\u0410cm\u0435")})
    status, said = build_said(site, capsys)
    assert status == 0
    assert ("warning: content/a.md:4: topics `Apple` and `\u0410pple` (content/b.md:4; its `\u0410` is U+0410 "
            "CYRILLIC CAPITAL LETTER A) have slugs alike") in said, said
    assert ("warning: content/a.md:5: providers `Acme` and `\u0410cm\u0435` (content/b.md:5; its `\u0410` is U+0410 "
            "CYRILLIC CAPITAL LETTER A, its `\u0435` is U+0435 CYRILLIC SMALL LETTER IE) have slugs alike") in said
    assert ("topics `Moskva` and `\u041c\u043e\u0441\u043a\u0432\u0430` (content/b.md:4) have slugs alike") in said
