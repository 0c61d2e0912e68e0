"""A count's plural form (issue 18): the build's rule (generator/plurals.py, CLDR's cardinal rules) picks the form
the browser's Intl.PluralRules picks for the same count, so that a page written by both agrees with itself; a
site's own Russian words show "+2 источника", "+5 источников", "+21 источник", and a form a words file lacks
is warned of at its line."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import build_site, item, make_site
from generator.plurals import PLURAL, forms_of, plural_form

COUNTS = [*range(201), 1000, 1001, 10_000, 100_000, 1_000_000]
# Tags of a region or script, whose rule is their language's (or, pt-PT, its own)
REGIONAL = ["pt-PT", "pt-BR", "de-AT", "fr-CA", "es-419", "sr-Latn", "zh-Hant", "en-GB", "ar-EG", "ru-UA",
            "pt-PT-u-nu-latn", "pt-Latn-PT"]  # (by pt-PT's rule, and by pt's: as the browser reads them)
# Widely used languages the table leaves to English's rule (`one` for 1 alone), as CLDR has them
ENGLISH_LIKE = "af az bg da de el en et eu fi gl hu ka kk ky mn nb nl nn no ps sq sv sw ta te tr ug ur uz".split()

NODE_FORMS = """
const [tags, counts] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const tag of tags) { const rules = new Intl.PluralRules(tag); out[tag] = counts.map(n => rules.select(n)); }
process.stdout.write(JSON.stringify(out));
"""

NODE_KNOWS = """
const letters = "abcdefghijklmnopqrstuvwxyz", codes = [];
for (const a of letters) for (const b of letters) { codes.push(a + b); for (const c of letters) codes.push(a + b + c); }
process.stdout.write(JSON.stringify(Intl.PluralRules.supportedLocalesOf(codes)));
"""


def in_node(script: str, given=None):
    run = subprocess.run(["node", "-e", script], input=json.dumps(given), capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def disagreements(tags: list[str]) -> list[tuple]:
    """(tag, count, ours, the browser's) wherever the two differ."""
    browser = in_node(NODE_FORMS, [tags, COUNTS])
    assert sorted(browser) == sorted(tags)
    return [(tag, n, plural_form(tag, n), theirs) for tag in tags for n, theirs in zip(COUNTS, browser[tag])
            if plural_form(tag, n) != theirs]


def test_node_has_cldrs_plural_rules_for_the_languages_of_the_table():
    known = in_node("process.stdout.write(JSON.stringify(Intl.PluralRules.supportedLocalesOf("
                    f"{json.dumps(sorted(PLURAL))})))")
    # (legacy tags are read as their languages': iw as he, in as id ...)
    assert len(known) >= len(PLURAL) - 8 and {"ru", "pl", "ar", "cy", "ga", "he", "lt", "sl", "ro"} <= set(known)


def test_every_language_of_the_table_counts_as_the_browser_does():
    tags = sorted(PLURAL) + REGIONAL + ENGLISH_LIKE
    assert len(tags) > 150 and not set(ENGLISH_LIKE) & set(PLURAL) and disagreements(tags) == []


@pytest.mark.slow
def test_every_language_node_knows_counts_as_the_browser_does():
    """The languages the table leaves out take English's rule: so do they in CLDR (and a browser's default)."""
    known = in_node(NODE_KNOWS)
    assert len(known) > 200 and disagreements(known) == []


@pytest.mark.parametrize("language, forms", [
    ("en", ("one", "other")), ("ja", ("other",)), ("fr", ("one", "other")), ("ru", ("one", "few", "many")),
    ("pl", ("one", "few", "many")), ("lt", ("one", "few", "other")),
    ("ar", ("zero", "one", "two", "few", "many", "other")),
    ("cy", ("zero", "one", "two", "few", "many", "other")), ("pt-PT", ("one", "other")),
])
def test_the_forms_a_language_takes_below_a_thousand(language, forms):
    # French's and Spanish's `many` is for a whole number of millions: a file without it shows `other` there
    assert forms_of(language) == forms


RU_CONFIG = 'title: T\nbase_url: https://example.org/\nlanguage: ru\nnow: "2026-11-22T12:00:00Z"\n'


def covered_by(name: str, count: int, hour: int) -> dict[str, str]:
    """One article that `count` providers carry: one story, shown with "+{count - 1}" sources."""
    return {f"content/{name}-{n}.md": item(f"{name.title()} {n}", f"2026-11-21T{hour}:{n:02}:00Z",
                                           originalUrl=f"https://wire.example/{name}",
                                           webUrl=f"https://p{n}.example/{name}",
                                           provider=f"{{name: P{n}, domain: p{n}.example}}")
            for n in range(count)}


def russian_site(tmp_path: Path, forms: str, language: str = "ru") -> tuple[str, list[str]]:
    """The front page's source counts of stories of 3, 6 and 22 providers, and the build's warnings of `sources`,
    with a site's words file in `language` (one of Russian's plural rule)."""
    files = {**covered_by("three", 3, 10), **covered_by("six", 6, 11), **covered_by("many", 22, 12),
             f"themes/default/i18n/{language}.yaml": f"latest: Новое\nsources:\n{forms}"}
    site = make_site(tmp_path / "site", files, RU_CONFIG.replace("language: ru", f"language: {language}"))
    config, result = build_site(site)
    front = (config.output_path / "index.html").read_text(encoding="utf-8")
    return sorted(re.findall(r"\+\d+ \w+", front)), [str(w) for w in result.site.warnings if "`sources`" in str(w)]


def test_a_sites_russian_words_show_each_count_in_its_form(tmp_path):
    shown, warnings = russian_site(tmp_path, '  one: "+{n} источник"\n  few: "+{n} источника"\n'
                                             '  many: "+{n} источников"\n  other: "+{n} источника"\n')
    assert shown == ["+2 источника", "+21 источник", "+5 источников"] and warnings == []


def test_a_words_file_of_russians_plural_rule_without_many_shows_other_and_says_where(tmp_path):
    # Before, Russian counted as English: "+21 источника" (other), and a file without `many` was not warned of.
    # (Belarusian: Russian's rule, and no bundled words file whose `many` a site's file without one would keep)
    shown, warnings = russian_site(tmp_path, '  one: "+{n} крыніца"\n  few: "+{n} крыніцы"\n'
                                             '  other: "+{n} крыніцы"\n', language="be")
    assert shown == ["+2 крыніцы", "+21 крыніца", "+5 крыніцы"]
    assert len(warnings) == 1 and warnings[0].startswith(
        "themes/default/i18n/be.yaml:2: `sources` has no `many` form, which counts take in be (`many` for 0, 5, 6, "
        "7 ...): they show the `other` form"), warnings
    assert "add `many:` under `sources:`; counts in be take one, few, many" in warnings[0]


def test_a_russian_sites_words_file_without_many_keeps_the_shipped_one(tmp_path):
    shown, warnings = russian_site(tmp_path, '  one: "+{n} источник"\n  few: "+{n} источника"\n'
                                             '  other: "+{n} источника"\n')
    assert shown == ["+2 источника", "+21 источник", "+5 источников"] and warnings == []


@pytest.mark.parametrize("language, shown", [
    ("pl", ["+1 źródło", "+2 źródła", "+22 źródła", "+25 źródeł", "+5 źródeł"]),
    ("uk", ["+1 джерело", "+2 джерела", "+22 джерела", "+25 джерел", "+5 джерел"]),
    ("tr", ["+1 kaynak", "+2 kaynak", "+22 kaynak", "+25 kaynak", "+5 kaynak"]),
])
def test_the_shipped_polish_ukrainian_and_turkish_words_show_each_count_in_its_form(tmp_path, language, shown):
    """They had no words file: their sites showed "+5 sources", in English and its two forms."""
    files = {**covered_by("harbour", 2, 10), **covered_by("bridge", 3, 11), **covered_by("tunnel", 6, 12),
             **covered_by("airport", 23, 13), **covered_by("railway", 26, 14)}
    site = make_site(tmp_path / "site", files, RU_CONFIG.replace("language: ru", f"language: {language}"))
    config, result = build_site(site)
    front = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r"\+\d+ \w+", front)) == shown
    assert not [str(w) for w in result.site.warnings if "words" in str(w) or "form" in str(w)]
