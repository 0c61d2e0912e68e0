"""The theme's words files against CLDR (48, as Node.js's full ICU holds it): each shipped language's month and
weekday names (in the calendar its file names), its digits, decimal mark and digit group separator, and its
direction (`languages.direction`, which `<html dir>` follows) are CLDR's, and so are the words a video's or a
podcast's length is shown in ("1 hr 2 min": CLDR's narrow, short or long unit patterns, an hour's and a minute's joined as
CLDR's unit lists join them) and said to a screen reader ("1 hour 2 minutes": the long ones, or the short where they are
the same words), but for those docs/dev/translations.md marks for a native speaker's check. (Not Chromium's: Debian's leaves out
some languages' data, Pashto's and Yiddish's among them, whose dates and numbers it writes in English; the theme
writes them from the words files, which is why they must be right.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from generator.languages import RTL_LANGUAGES, direction
from generator.plurals import forms_of, plural_form

I18N = ROOT / "themes" / "default" / "i18n"

# What CLDR says of each language: its months in a calendar's order, as a date writes them (a day in each, Solar Hijri's from Farvardin,
# which begins on 21 March), weekdays from Monday, digits 0-9, the marks of 1,234,567.5, its direction
CLDR = """
const asked = JSON.parse(process.argv[1]), said = {};
const at = (year, month, day) => new Date(Date.UTC(year, month, day, 12));
for (const [language, calendar] of Object.entries(asked)) {
  const solar = calendar === "persian";
  const month = (i, asked) => new Intl.DateTimeFormat(`${language}-u-ca-${solar ? "persian" : "gregory"}`,
      {...asked, timeZone: "UTC"}).formatToParts(solar ? at(2026, (i + 2) % 12, 25) : at(2026, i, 10))
    .filter(part => part.type === "month" || !asked.day).map(part => part.value).join("");
  const months = Array.from({length: 12}, (_, i) => month(i, {month: "long"}));
  // (and as a date with its day writes it, as the theme's dates do: Russian's "10 января", not "январь")
  const inDates = Array.from({length: 12}, (_, i) => month(i, {day: "numeric", month: "long"}));
  const weekdays = Array.from({length: 7}, (_, i) => new Intl.DateTimeFormat(language,
      {weekday: "long", timeZone: "UTC"}).format(at(2026, 2, 2 + i)));
  const numbers = new Intl.NumberFormat(language);
  const parts = numbers.formatToParts(1234567.5);
  const mark = type => parts.find(part => part.type === type).value;
  const locale = new Intl.Locale(language);
  said[language] = {
    known: Intl.DateTimeFormat.supportedLocalesOf([language]).length === 1, months, inDates, weekdays,
    digits: Array.from({length: 10}, (_, d) => numbers.format(d)).join(""), decimal: mark("decimal"),
    group: mark("group"), direction: (locale.getTextInfo ? locale.getTextInfo() : locale.textInfo).direction};
}
console.log(JSON.stringify(said));
"""

# CLDR's unit patterns of each count asked for (`{n}` where its number is: Arabic's and Hebrew's one and two have
# none, "ساعة", "שעתיים"), in each width, and what its unit lists put between two
UNITS = """
const asked = JSON.parse(process.argv[1]), said = {};
for (const [language, counts] of Object.entries(asked)) {
  const number = new Intl.NumberFormat(language), units = said[language] = {};
  for (const unit of ["hour", "minute", "second"]) for (const width of ["narrow", "short", "long"]) {
    const format = new Intl.NumberFormat(language, {style: "unit", unit, unitDisplay: width});
    units[`${unit} ${width}`] = Object.fromEntries(Object.entries(counts).map(([form, n]) =>
      [form, format.format(n).replace(number.format(n), "{n}")]));
  }
  for (const width of ["narrow", "short", "long"]) units[`join ${width}`] = new Intl.ListFormat(language,
      {type: "unit", style: width}).format(["\u0001", "\u0002"]).split("\u0001")[1].split("\u0002")[0];
}
console.log(JSON.stringify(said));
"""

# The length words that are not CLDR's (CLDR 48 has Latin letters for them, its root's "h", "min", "s"), each
# named in docs/dev/translations.md's row of its file
NOT_CLDR = {"ps": ("length_hour", "length_hour_full"),
            "yi": ("length_hour", "length_minute", "length_second", "length_hour_full", "length_minute_full",
                   "length_second_full")}
TRANSLATIONS = ROOT / "docs" / "dev" / "translations.md"


def cldr(languages: dict, script: str = CLDR) -> dict[str, dict]:
    """What CLDR says of each language (to the calendar its words are in), from Node.js."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):  # (CI has Node.js, as for Playwright)
            pytest.fail("node is not installed")
        pytest.skip("node is not installed (apt-get install nodejs)")
    run = subprocess.run([node, "-e", script, json.dumps(languages)], capture_output=True, text=True, timeout=60,
                         check=True)
    return json.loads(run.stdout)


def test_every_shipped_languages_dates_digits_marks_and_direction_are_cldrs():
    files = {path.stem: yaml.safe_load(path.read_text("utf-8")) for path in sorted(I18N.glob("*.yaml"))}
    assert {"en", "fa", "ps", "sd", "yi"} <= files.keys()  # (what is looped over is there)
    said = cldr({language: words["calendar"] for language, words in files.items()})
    for language, words in files.items():
        assert said[language]["known"], f"this Node.js has no CLDR data of {language}"
        assert words["months"] in (said[language]["months"], said[language]["inDates"]), language
        assert words["weekdays"] == said[language]["weekdays"], language
        assert (words["number_digits"], words["number_decimal"], words["number_group"]) == (
            said[language]["digits"], said[language]["decimal"], said[language]["group"]), language
        assert direction(language) == said[language]["direction"], language


def test_every_language_the_code_writes_right_to_left_is_so_in_cldr():
    said = cldr({language: "gregorian" for language in RTL_LANGUAGES})
    known = [language for language in sorted(RTL_LANGUAGES) if said[language]["known"]]
    assert {"ar", "he", "fa", "ur", "ps", "sd", "yi", "ug", "ckb"} <= set(known)
    for language in known:
        assert direction(language) == said[language]["direction"] == "rtl", language


def test_every_shipped_languages_length_words_are_cldrs_or_marked_for_a_check():
    files = {path.stem: yaml.safe_load(path.read_text("utf-8")) for path in sorted(I18N.glob("*.yaml"))}
    # (a count of each form the language takes: ru's `many` 5, ar's `two` 2 ...)
    counts = {language: {form: next(n for n in range(200) if plural_form(language, n) == form)
                         for form in forms_of(language)} for language in files}
    said = cldr(counts, UNITS)
    rows = {line.split("`")[1]: line for line in TRANSLATIONS.read_text("utf-8").splitlines() if line.startswith("| `")}
    checked = 0
    for language, words in files.items():
        units = said[language]
        for key in NOT_CLDR.get(language, ()):
            assert f"`{key}`" in rows[f"{language}.yaml"], (language, key)
        assert words["length_hours_minutes"] in {"{hours}" + units[f"join {width}"] + "{minutes}"
                                                 for width in ("narrow", "short", "long")}, language
        for unit in ("hour", "minute", "second"):
            for key, widths in ((f"length_{unit}", ("narrow", "short", "long")), (f"length_{unit}_full", ("long", "short"))):
                forms = words[key]
                assert isinstance(forms, dict) and "other" in forms, (language, key)
                if key in NOT_CLDR.get(language, ()):
                    continue
                written = {form: forms.get(form, forms["other"]) for form in counts[language]}
                assert any(written == units[f"{unit} {width}"] for width in widths), (language, key, written, units)
                checked += 1
    assert checked >= 6 * len(files) - 8  # (every file's, but those marked)
