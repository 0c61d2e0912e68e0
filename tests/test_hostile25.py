"""Hostile and odd crawler content, sixth round: the surfaces this round added. TOML front matter (numbers
Python will not convert, dates and times where text is meant), an item's `author`, a provider's `account`,
scores written as counts, dates in words, names of invisible characters, and what `newsdesk fetch` makes of
feeds whose guids and authors are odd."""

from __future__ import annotations

import json
import time

import pytest

from conftest import build_site, make_site, item


def toml(*lines: str, body: str = "Body text.") -> str:
    """An item file of these TOML front matter lines, between `+++` lines as Hugo writes them."""
    return "+++\n" + "\n".join(lines) + "\n+++\n" + body + "\n"


def _api(config) -> dict[str, dict]:
    """The API's news entries by their item's file name."""
    news = json.loads((config.output_path / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert news, "no item was built"
    return {entry["path"].rstrip("/").rsplit("/", 1)[-1]: entry for entry in news}


# --- 1. TOML front matter ----------------------------------------------------------------------------

def test_a_toml_integer_of_thousands_of_digits_is_a_score_too_large_not_a_crash(tmp_path):
    """tomllib makes an int of any integer's digits, and Python refuses one of more than 4,300 (a ValueError that
    is no TOMLDecodeError): one such `heat` crashed the whole build. Its digits are kept as written now, as YAML
    front matter keeps them, and the score is the largest, with a warning."""
    big = "9" * 5000
    site = make_site(tmp_path / "site", {
        "content/big.md": toml('title = "Big"', "publishedDateTime = 2026-11-20T10:00:00Z", f"heat = {big}",
                               f"extra = [1, {big}]"),
        "content/fine.md": item("Fine"),
    })
    config, result = build_site(site)
    news = _api(config)
    assert news["big"]["heat"] == 1_000_000 and "fine" in news
    assert [str(w).split(":")[:2] for w in result.site.warnings if "heat" in str(w)] == [["content/big.md", "4"]]


def test_toml_dates_and_times_in_text_fields_are_shown_as_written(tmp_path):
    """TOML reads `1979-05-27T07:32:00Z` and `00:04:05` unquoted as a datetime and a time. A title so written was
    shown as Python prints it (`1979-05-27 07:32:00+00:00`), a `length` or `price` that is a time was refused as
    no text, and a warning quoted `datetime.time(7, 32)`. They are the text as written now, as YAML's are."""
    site = make_site(tmp_path / "site", {"content/t.md": toml(
        "title = 1979-05-27T07:32:00Z", "publishedDateTime = 2026-11-20T10:00:00Z", "length = 00:04:05",
        "heat = 07:32:00", "author = 08:15:00", "topics = [2026-01-01, 07:00:00]")})
    config, result = build_site(site)
    entry = _api(config)["t"]
    assert entry["title"] == "1979-05-27T07:32:00Z" and entry["length"] == "00:04:05"
    assert entry["author"] == "08:15:00" and entry["topics"] == ["2026-01-01", "07:00:00"]
    warned = [str(w) for w in result.site.warnings]
    assert any("`heat` must be a number, got '07:32:00'" in w for w in warned), warned
    assert not [w for w in warned if "datetime." in w]


@pytest.mark.parametrize("form", ["yaml", "toml"])
def test_a_hexadecimal_integer_of_thousands_of_digits_in_any_field_is_its_text(tmp_path, form):
    """YAML's and TOML's `0xfff...` make an int of any length, which Python will not write in decimal past 4,300
    digits: an `author`, a `price` amount or a provider's name so written crashed the build where it was
    shown. Such an integer is the text of its hexadecimal digits now, as written (cut to a text's length)."""
    big = "0x" + "f" * 5000
    if form == "yaml":
        files = {"content/a.md": item("A", author=big, price=f"{{amount: {big}, currency: EUR}}", heat=big,
                                      provider=f"{{name: {big}, domain: p.example}}", topics=f"[{big}]")}
    else:
        files = {"content/a.md": toml('title = "A"', "publishedDateTime = 2026-11-20T10:00:00Z", f"author = {big}",
                                      f"heat = {big}", f"topics = [{big}]",
                                      f'provider = {{name = {big}, domain = "p.example"}}')}
    files["content/b.md"] = item("B")
    config, result = build_site(make_site(tmp_path / "site", files))
    news = _api(config)
    assert news["a"]["author"].startswith("0xfff") and news["a"]["provider"]["name"].startswith("0xfff")
    assert news["a"]["topics"] and "b" in news
    assert any("`heat` must be a number" in str(w) for w in result.site.warnings)
