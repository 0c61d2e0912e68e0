"""A line break, a tab or another control character in `base_url` (config.yaml's or --base-url's), which browsers
drop from an address: the site's path changed without a word (`/newsDisallow:%20/`); it is an error now."""

from __future__ import annotations

import pytest

from conftest import build_said, item, make_site

HINT = "(write the site's address alone, on one line, e.g. https://user.github.io/repo/; a space in its path is %20)"


@pytest.mark.parametrize("written, said", [
    ('"https://example.org/news\\nDisallow: /"', "a line break"),
    ('"https://example.org/news\\r/"', "a line break"),
    ('"https://example.org/ne\\tws/"', "a tab"),
    ("|\n  https://example.org/news/", "a line break"),  # (a block's line ends with its line break)
    ('" https://example.org/news/"', "a space at its start or end"),
])
def test_base_url_with_what_browsers_drop_is_an_error_at_its_line(tmp_path, capsys, written, said):
    site = make_site(tmp_path / "site", {"content/a.md": item("One")},
                     f"title: T\nnow: '2026-11-22T12:00:00Z'\nbase_url: {written}\n")
    status, out = build_said(site, capsys)
    assert status != 0
    assert f"config.yaml:3: `base_url` has {said} in it, which browsers drop from an address: " in out, out
    assert HINT in out
    assert not (site / "output").exists()


def test_base_url_option_with_a_line_break_is_the_options_error(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("One")})
    status, out = build_said(site, capsys, "--base-url", "https://example.org/a\nb/")
    assert status != 0
    assert "--base-url: `base_url` has a line break in it, which browsers drop from an address: " \
           "'https://example.org/a\\nb/' " + HINT in out, out
    # (config.yaml's other control characters are refused as any value's are; the option's here)
    status, out = build_said(site, capsys, "--base-url", "https://example.org/a\x01b/")
    assert status != 0 and "--base-url: `base_url` has the control character U+0001 in it" in out, out
    assert not (site / "output").exists()
