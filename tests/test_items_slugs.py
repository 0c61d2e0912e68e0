"""An item's slug (file name or `slug:` -> the page's path): what a hostile file name makes of it."""

from __future__ import annotations

import json

from conftest import build_said, item, make_site
from generator.cli import main


def test_tag_characters_in_a_file_name_are_not_letters_of_the_slug(tmp_path, capsys):
    """Unicode's tag characters show nothing, but were transliterated into the letters they tag: `x<TAG A>y.md`
    was the page `xay/`, a slug its writer never saw. They are dropped, as zero-width spaces are."""
    site = make_site(tmp_path / "site", {
        "content/x\U000e0041y.md": item("Tagged"),
        "content/a\u200bb.md": item("Zero width"),
        "content/\U000e0074\U000e0061\U000e0067.md": item("Only tags"),
    })
    status, _ = build_said(site, capsys)
    assert status == 0
    day = site / "output" / "news" / "2026" / "11" / "20"
    pages = sorted(path.name for path in day.iterdir())
    assert "xy" in pages and "ab" in pages and "xay" not in pages, pages
    assert "only-tags" in pages and "tag" not in pages, pages  # (a name of tags alone: its title's slug)
    assert len(pages) == 3, pages


def test_only_a_date_is_taken_off_the_front_of_a_file_name(tmp_path, capsys):
    """`2026-12-el-nuevo-puerto.md` (a year and month, then a Spanish article) was the page `nuevo-puerto/`: any
    ten characters with dashes at a date's places were taken for `YYYY-MM-DD-`. Only a date is left out."""
    site = make_site(tmp_path / "site", {
        "content/2026-12-el-nuevo-puerto.md": item("El nuevo puerto"),
        "content/2026-11-la-bolsa.md": item("La bolsa"),
        "content/2026-11-20-camion.md": item("Camión"),
    })
    status, _ = build_said(site, capsys)
    assert status == 0
    day = site / "output" / "news" / "2026" / "11" / "20"
    pages = sorted(path.name for path in day.iterdir())
    assert pages == ["2026-11-la-bolsa", "2026-12-el-nuevo-puerto", "camion"], pages


def test_a_hugo_page_bundle_s_index_md_is_named_after_its_folder(tmp_path, capsys):
    """Hugo keeps a post with its pictures as `posts/harbour-cranes/index.md` (a page bundle): every such post
    was the page `index/` (the second `index-<hash>/`, with a warning). Its folder names it, as in Hugo, dated
    too (Jekyll's way); a site's own top-level `index.md` keeps its name."""
    site = make_site(tmp_path / "site", {
        "content/posts/harbour-cranes/index.md": item("Cranes"),
        "content/posts/2026-11-20-tram-line/index.md": item("Trams"),
        "content/index.md": item("Top"),
    })
    status, said = build_said(site, capsys)
    assert status == 0 and "same page" not in said, said
    day = site / "output" / "news" / "2026" / "11" / "20"
    assert sorted(path.name for path in day.iterdir()) == ["harbour-cranes", "index", "tram-line"]


def test_a_hugo_section_s_index_md_is_left_out_with_one_note_saying_why(tmp_path, capsys):
    """Hugo's `_index.md` is a section's list page, not a post: it was read as a news item (a story called
    "Posts", and with two sections a clash of pages `index/`). Each is left out; nothing is wrong, so it is no
    warning (a migrated site's build looked broken) but one note for all of them, which `--strict` does not fail
    on and the summary does not count; the rest of the site builds."""
    site = make_site(tmp_path / "site", {
        "content/posts/_index.md": item("Posts"),
        "content/world/_index.md": "---\ntitle: World\n---\n",  # (no date, as Hugo's usually have)
        "content/posts/cranes.md": item("Cranes"),
    })
    for command in (["build", "--strict"], ["check", "--strict"]):
        status = main([*command, "--config", str(site / "config.yaml")])
        out, err = capsys.readouterr()
        assert status == 0 and "error" not in err and "warning" not in err, err
        assert err.splitlines() == [
            "note: content/posts/_index.md: not read: a Hugo section's list page (`_index.md`), not a news item, as is "
            "content/world/_index.md (nothing to do: newsdesk makes the list pages itself (a topic's, a type's); "
            "keep the file for Hugo, or remove it)"], err
        assert "0 errors, 0 warnings" in out, out
    day = site / "output" / "news" / "2026" / "11" / "20"
    assert sorted(path.name for path in day.iterdir()) == ["cranes"]


def test_many_sections_are_one_note_naming_a_few_and_counting_the_rest_and_in_the_report(tmp_path, capsys):
    sections = ("arts", "business", "politics", "science", "sport", "world")
    site = make_site(tmp_path / "site", {**{f"content/{name}/_index.md": f"---\ntitle: {name}\n---\n"
                                            for name in sections},
                                         "content/posts/cranes.md": item("Cranes")})
    report = tmp_path / "report.json"
    assert main(["build", "--config", str(site / "config.yaml"), "--report", str(report)]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "note: content/arts/_index.md: not read: a Hugo section's list page (`_index.md`), not a news item, as are "
        "content/business/_index.md, content/politics/_index.md, content/science/_index.md and 2 more (nothing to "
        "do: newsdesk makes the list pages itself (a topic's, a type's); keep the file for Hugo, or remove it)"], err
    said = json.loads(report.read_text(encoding="utf-8"))
    assert said["warnings"] == [] and [note["source"] for note in said["notes"]] == [
        f"content/{name}/_index.md" for name in sections]
