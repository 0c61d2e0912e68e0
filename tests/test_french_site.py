"""A site in French as its readers expect it: `&` in its addresses is `et` (and the other languages written in
Latin letters write their own "and", as German's `und` and Swedish's `och`): `Recherche & Innovation` is
`recherche-et-innovation`, not `recherche-and-innovation`; and its topics are in A to Z order, `Économie` between `Culture` and `Politique`."""

from __future__ import annotations

import json

import pytest

from conftest import BASIC_CONFIG, build_said, item, make_site
from generator.urls import slugify


def test_a_french_sites_addresses_write_its_words_without_accents_and_ampersands_as_et(tmp_path, capsys):
    site = make_site(tmp_path / "fr", {
        "content/news/l'économie-française-à-l'épreuve.md": item(
            "L’économie française à l’épreuve", topics="[Recherche & Innovation, Œnologie]",
            provider="'Arts & Métiers'"),
    }, BASIC_CONFIG + "language: fr\n")
    status, said = build_said(site, capsys)
    assert status == 0, said
    out = site / "output"
    assert [path.name for path in (out / "news" / "2026" / "11" / "20").iterdir()] == ["l-economie-francaise-a-l-epreuve"]
    assert sorted(path.name for path in (out / "topics").iterdir() if path.is_dir()) == [
        "oenologie", "recherche-et-innovation"]
    assert (out / "providers" / "arts-et-metiers" / "index.html").is_file()


def test_a_swedish_sites_addresses_write_ampersands_as_och(tmp_path, capsys):
    site = make_site(tmp_path / "sv", {
        "content/news/forskning.md": item("Forskning & innovation", topics="[Forskning & Innovation]",
                                          provider="'Svensson & Söner'"),
    }, BASIC_CONFIG + "language: sv\n")
    status, said = build_said(site, capsys)
    assert status == 0, said
    out = site / "output"
    assert (out / "topics" / "forskning-och-innovation" / "index.html").is_file()
    assert (out / "providers" / "svensson-och-soner" / "index.html").is_file()


@pytest.mark.parametrize("language, slug", [
    ("fr-CA", "pierre-et-fils"), ("es", "pierre-y-fils"), ("it", "pierre-e-fils"), ("pt-BR", "pierre-e-fils"),
    ("nl", "pierre-en-fils"), ("de", "pierre-und-fils"), ("en", "pierre-and-fils"), ("sv", "pierre-och-fils"),
    ("da", "pierre-og-fils"), ("nb", "pierre-og-fils"), ("no", "pierre-og-fils"), ("pl", "pierre-i-fils"),
    ("fi", "pierre-ja-fils"), ("cs", "pierre-a-fils"), ("ro", "pierre-si-fils"), ("hu", "pierre-es-fils"),
    ("tr", "pierre-ve-fils"), ("ca", "pierre-i-fils"), ("vi-VN", "pierre-va-fils"),
    # languages in other scripts: `&` there is mostly a Latin brand's (H&M), said in English (Japanese: アンド)
    ("ja", "pierre-and-fils"), ("ar", "pierre-and-fils"), ("he", "pierre-and-fils"), ("fa", "pierre-and-fils"),
    ("ur", "pierre-and-fils"), ("ru", "pierre-and-fils"),
    ("", "pierre-and-fils"),
])
def test_an_ampersand_is_the_word_for_and_of_the_languages_the_theme_speaks(language, slug):
    assert slugify("Pierre & Fils", language=language) == slug


def test_topics_named_with_an_accented_capital_stand_in_a_to_z_order(tmp_path, capsys):
    site = make_site(tmp_path / "fr", {
        f"content/news/{n}.md": item(f"Article {n}", topics=f"[{topic}]")
        for n, topic in enumerate(["Société", "Économie", "Culture", "Élections", "Politique", "Europe"])
    }, BASIC_CONFIG + "language: fr\n")
    status, said = build_said(site, capsys)
    assert status == 0, said
    facets = json.loads((site / "output" / "search" / "index" / "facets.json").read_text(encoding="utf-8"))
    assert [name for _, name, _ in facets["topics"]] == ["Culture", "Économie", "Élections", "Europe", "Politique",
                                                          "Société"]
