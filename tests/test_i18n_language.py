"""The site's language: codes as locales write them (or as no language has), og:locale, the feeds'
declared language, a German site's header and dates, a lede in another language, and each feature that follows
the language reading every spelling of its tag alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BASIC_CONFIG, build_said, build_site, item, make_site
from generator.cli import main
from generator.isotime import ambiguous_month
from generator.languages import primary
from generator.plan.directory import filed
from generator.plan.search_stems import stemmer_name
from generator.plan.search_tokens import casing
from generator.plan.search_optional import optional_words
from generator.plurals import plural_form
from generator.site.opposites import has_sessions, pairs_of
from generator.typography import french, typeset
from generator.urls import plain_slug


def _language_site(tmp_path: Path, language: str) -> Path:
    return make_site(tmp_path / "site", {"content/a.md": item("A")},
                     f"title: Languages\nbase_url: https://example.org/\nlanguage: {language}\n")


def test_a_locale_style_language_is_written_as_a_language_tag(tmp_path, capsys):
    # `pt_BR` went as it was into <html lang>, xml:lang and the feeds, where no validator or reader takes it.
    site = _language_site(tmp_path, "pt_BR")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err
    assert '<html lang="pt-BR"' in (site / "output/index.html").read_text(encoding="utf-8")
    assert "<language>pt-BR</language>" in (site / "output/feeds/latest.rss").read_text(encoding="utf-8")
    assert 'xml:lang="pt-BR"' in (site / "output/feeds/latest.xml").read_text(encoding="utf-8")


def test_a_locale_with_its_charset_is_an_error_saying_which_code_to_write(tmp_path, capsys):
    site = _language_site(tmp_path, "en_US.UTF-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.startswith("config.yaml:3: `language` must be a language code such as en or "
                                              "pt-BR, got 'en_US.UTF-8' (write the language code: en-US)")


def test_an_empty_language_declares_none_in_the_feeds_as_the_pages_do(tmp_path, capsys):
    # `language: ''` made `<html lang="">` (no language declared) and no og:locale, but feeds in English.
    site = _language_site(tmp_path, "''")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err
    out = site / "output"
    assert '<html lang="">' in (out / "index.html").read_text(encoding="utf-8")
    assert "<language>" not in (out / "feeds/latest.rss").read_text(encoding="utf-8")
    assert "xml:lang" not in (out / "feeds/latest.xml").read_text(encoding="utf-8")
    assert "language" not in json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    article = next(out.glob("news/**/index.html")).read_text(encoding="utf-8")
    assert '"@type": "NewsArticle"' in article.replace('":"', '": "') and "inLanguage" not in article


@pytest.mark.parametrize("written, said, todo", [
    ("xx", "`language` 'xx': xx is not a language code (ISO 639-1)", "such as en, de or pt-BR"),
    ("en-ZZ", "`language` 'en-ZZ': ZZ is not a country or region code (ISO 3166-1)", "such as en-US"),
    ("en-UK", "UK is not a country or region code", "write en-GB"),
    ("jp", "jp is a country's code, not a language's", "write the language's code: ja"),
    ("iw", "iw is the old code of a language", "write he"),
])
def test_a_language_code_no_language_or_country_has_is_an_error_saying_what_to_write(tmp_path, capsys, written,
                                                                                     said, todo):
    site = make_site(tmp_path / "site", {"content/a.md": item()},
                     f"title: T\nbase_url: https://example.org/\nlanguage: {written}\n")
    code, err = build_said(site, capsys)
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("config.yaml:3: ") and said in first and todo in first, first
    assert not (site / "output").exists()


@pytest.mark.parametrize("written", ["en", "pt_BR", "zh-Hant-TW", "sr-Latn", "es-419", "fil", "de-CH-1996", "haw",
                                     "en-us", "''"])
def test_real_language_codes_are_accepted(tmp_path, capsys, written):
    from generator.config.load import load_config

    site = make_site(tmp_path / "site", {}, f"title: T\nbase_url: https://example.org/\nlanguage: {written}\n")
    assert load_config(site / "config.yaml").language == written.strip("'").replace("_", "-")


@pytest.mark.parametrize("language, locale", [
    ("en", "en_US"), ("en-GB", "en_GB"), ("pt-BR", "pt_BR"), ("pt_PT", "pt_PT"), ("fr", "fr_FR"), ("de", "de_DE"),
    ("ja", "ja_JP"), ("zh-Hant", "zh_TW"), ("en-us", "en_US"), ("es-419", None), ("haw", None), ("''", None),
])
def test_og_locale_is_language_underscore_territory(tmp_path, capsys, language, locale):
    site = make_site(tmp_path / "site", {"content/a.md": item(originalUrl="https://a.example/1")},
                     f"title: T\nbase_url: https://example.org/\nnow: '2026-11-22T12:00:00Z'\nlanguage: {language}\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    pages = list((site / "output").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        found = re.findall(r'<meta property="og:locale" content="([^"]*)">', page.read_text(encoding="utf-8"))
        assert found == ([locale] if locale else []), page


def test_language_no_which_yaml_reads_as_false_says_to_quote_it(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item()},
                     "title: T\nbase_url: https://example.org/\nlanguage: no\n")
    code, err = build_said(site, capsys)
    assert code == 2
    assert err.splitlines()[0] == ('config.yaml:3: `language` must be a string, got no, which YAML reads as false '
                                   '(quote it: `language: "no"`)')
    (site / "config.yaml").write_text('title: T\nbase_url: https://example.org/\nlanguage: "no"\n')
    assert build_said(site, capsys)[0] == 0
    assert '<html lang="no"' in (site / "output/index.html").read_text(encoding="utf-8")


def test_a_german_site_shows_the_header_and_dates_in_german_and_a_template_can_still_change_them(tmp_path, capsys):
    from conftest import ROOT

    site = make_site(tmp_path / "site", {
        "content/a.md": item("Zentralbank senkt die Zinsen", "2026-12-02T10:00:00Z", originalUrl="https://a.example/1"),
    }, "title: Meine Nachrichten\nlanguage: de\nbase_url: https://user.github.io/repo/\n"
       "now: '2026-12-04T12:00:00Z'\ntimezone: Europe/Berlin\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    front = (site / "output/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in front
    assert ">Neueste</a>" in front and ">Latest</a>" not in front  # the theme's own German words
    assert ">2. Dez. 2026</time>" in front and "Dec 2026" not in front
    # A site's own card (numbers only in its dates) still wins over the theme's.
    templates = site / "themes/default/templates"
    (templates / "partials").mkdir(parents=True)
    card = (ROOT / "themes/default/templates/partials/card.html").read_text(encoding="utf-8")
    assert 'date("short")' in card
    (templates / "partials/card.html").write_text(card.replace('date("short")', 'date("%-d.%-m.%Y")'),
                                                  encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    front = (site / "output/index.html").read_text(encoding="utf-8")
    assert ">2.12.2026</time>" in front and ">Neueste</a>" in front


@pytest.mark.parametrize("language, excerpt", [
    ("ja", "東京で新しいAIが発表された。"),
    ("ja", "本当に？"),
    ("de", "Er sagte: „Wir bleiben.“"),
    ("ar", "هل يبقى؟"),
])
def test_a_whole_lede_in_another_language_gets_no_ellipsis(tmp_path, language, excerpt):
    """A lede that ends mid-sentence gets an ellipsis; one ending with a sentence's end as Japanese, German
    (its closing quote is “) or Arabic write it got one too: "発表された。…"."""
    files = {"content/whole.md": item("Whole", excerpt=f'"{excerpt}"'),
             "content/cut.md": item("Cut", "2026-11-19T10:00:00Z", excerpt="'Der Rat stimmte am'")}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + f"language: {language}\n"))
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (config.output_path / "news").rglob("index.html")}
    # (a site in a language the theme has no words for marks its content's language: lang="ar")
    lede = r'<p class="lede"(?: lang="{}")?>{}</p>'
    assert re.search(lede.format(language, re.escape(excerpt)), pages["whole"])
    assert re.search(lede.format(language, "Der Rat stimmte am…"), pages["cut"])


# What each feature that follows a site's language makes of a tag, through its own function
FEATURES = {
    "opposites": lambda tag: (pairs_of(tag), has_sessions(tag)),
    "typography": lambda tag: (french(tag), typeset("Vraiment ? Oui !", tag)),
    "plurals": lambda tag: tuple(plural_form(tag, n) for n in (0, 1, 2, 3, 5, 11, 21, 100, 1_000_000)),
    "stemmer": stemmer_name,
    "casing": lambda tag: (casing(tag), ),
    "function words": optional_words,
    "Arabic index": lambda tag: filed("الأهرام", tag),
    "Croatian months": lambda tag: ambiguous_month("5 listopad 2026", tag),
    "slugs": lambda tag: plain_slug("Über & Öl", tag),
}
# (tag as written, the language it is) of each spelling: a region, a script, `_` as locales write it, capitals
SPELLINGS = [("de_AT", "de"), ("de-AT", "de"), ("DE", "de"), ("fr_CA", "fr"), ("fr-ca", "fr"), ("FR", "fr"),
             ("pt-BR", "pt"), ("pt_BR", "pt"), ("zh_Hant_TW", "zh"), ("zh-Hant-TW", "zh"), ("hr_HR", "hr"),
             ("tr_TR", "tr"), ("ar_EG", "ar"), ("ES", "es"), ("", ""), (None, "")]


@pytest.mark.parametrize("tag, language", SPELLINGS)
def test_every_feature_reads_a_language_tag_as_its_language_however_it_is_spelt(tag, language):
    assert primary(tag) == language
    for feature, of in FEATURES.items():
        assert of(tag or "") == of(language), f"{feature}: {tag!r} is not read as {language!r}"


def test_each_feature_tells_its_languages_apart_from_none():
    """(so that the test above compares what a language changes, not the same default everywhere)"""
    none = {feature: of("") for feature, of in FEATURES.items()}
    differs = {feature: sorted({language for _tag, language in SPELLINGS if language and of(language) != none[feature]})
               for feature, of in FEATURES.items()}
    assert differs["opposites"] == ["de", "es", "fr", "pt", "zh"]
    assert differs["typography"] == ["fr"]
    assert {"ar", "fr", "hr", "zh"} <= set(differs["plurals"])  # (fr: 0 is one; zh: 1 is other)
    assert {"ar", "de", "es", "fr", "pt", "tr"} <= set(differs["stemmer"])
    assert differs["casing"] == ["tr"]
    assert {"ar", "de", "es", "fr", "pt"} <= set(differs["function words"])
    assert differs["Arabic index"] == ["ar"]
    assert differs["Croatian months"] == ["hr"]
    assert {"de", "es", "fr", "hr", "pt", "tr"} <= set(differs["slugs"])
