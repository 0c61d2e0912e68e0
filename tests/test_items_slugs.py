"""An item's slug (file name or `slug:` -> the page's path): what a hostile file name makes of it."""

from __future__ import annotations

from conftest import build_said, item, make_site


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


def test_a_hugo_section_s_index_md_is_left_out_with_one_line_saying_why(tmp_path, capsys):
    """Hugo's `_index.md` is a section's list page, not a post: it was read as a news item (a story called
    "Posts", and with two sections a clash of pages `index/`). Each is left out, said once at its name; the
    rest of the site builds."""
    site = make_site(tmp_path / "site", {
        "content/posts/_index.md": item("Posts"),
        "content/world/_index.md": "---\ntitle: World\n---\n",  # (no date, as Hugo's usually have)
        "content/posts/cranes.md": item("Cranes"),
    })
    status, said = build_said(site, capsys)
    assert status == 0 and "error:" not in said and "same page" not in said, said
    for name in ("posts", "world"):
        assert said.count(f"content/{name}/_index.md") == 1, said
        assert (f"content/{name}/_index.md: not read: a Hugo section's list page (`_index.md`), not a news item"
                in said), said
    day = site / "output" / "news" / "2026" / "11" / "20"
    assert sorted(path.name for path in day.iterdir()) == ["cranes"]
