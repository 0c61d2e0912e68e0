"""A reader's numbers and dates in the site's language: counts, heat, sizes and prices as the language writes
numbers, and recent dates as "3 hours ago", computed in the browser so that the pages stay the same bytes."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from datetime import datetime, timezone

import html5lib
import pytest

from conftest import build_site, item, make_site, static_server
from generator.config.load import load_config
from generator.i18n import load_words

NOW = "2026-11-20T13:00:00Z"  # the reader's clock in the browser tests


def site(tmp_path, language: str, **more: str):
    config = f"title: Numbers\nbase_url: https://example.org/news/\nlanguage: {language}\nnow: \"{NOW}\"\n"
    files = {**more,
        "content/fresh.md": item("Fresh story", "2026-11-20T10:00:00Z", heat=98.3, quality=87,
                                 provider="{name: Daily Circuit, domain: dailycircuit.example}", topics="[Robots]",
                                 related="[{title: 'Elsewhere', webUrl: 'https://other.example/a', "
                                         "publishedDateTime: 2026-11-20T12:20:00Z}]"),
        "content/download.md": item("A download", "2026-11-18T12:00:00Z", type="download", size=58123456,
                                    price="{amount: 1299.5, currency: EUR}", heat=12.5, topics="[Robots]"),
        "content/old.md": item("An old story", "2026-11-01T08:00:00Z", heat=40, topics="[Robots]"),
    }
    root = make_site(tmp_path / f"site-{language}-{len(more)}", files, config)
    config, result = build_site(root)
    assert not [p for p in result.site.problems if "i18n" in str(p.path)]
    return config


def text(config, path: str) -> str:
    return (config.output_path / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language, heat, size, price", [
    ("en", "98.3", "58.1 MB", "€1,299.50"),
    ("de", "98,3", "58,1 MB", "1.299,50\u00a0€"),
    ("fr", "98,3", "58,1\u00a0Mo", "1\u202f299,50\u00a0€"),
    ("es", "98,3", "58,1 MB", "1299,50\u00a0€"),
    ("ja", "98.3", "58.1 MB", "€1,299.50"),
    ("fa", "۹۸٫۳", "۵۸٫۱ MB", "\u200e€\u00a0۱٬۲۹۹٫۵۰"),  # (Persian digits and marks, CLDR's `fa`)
])
def test_heat_sizes_and_prices_are_written_as_the_language_writes_numbers(tmp_path, language, heat, size, price):
    config = site(tmp_path, language)
    story = text(config, "news/2026/11/20/fresh")
    assert re.search(r'class="signal heat"[^>]*title="[^"]*' + re.escape(heat) + '"', story)
    download = text(config, "news/2026/11/18/download")
    assert f"<bdi>{size}</bdi>" in download and f"<bdi>{price}</bdi>" in download
    # the same facts on the download's card in a list, and in the search index's record of it
    assert f"<bdi>{size}</bdi> · <bdi>{price}</bdi>" in text(config, "latest")
    index = "".join(path.read_text("utf-8") for path in (config.output_path / "search").rglob("*.json"))
    index = index.replace("\\u00a0", "\u00a0").replace("\\u202f", "\u202f")
    assert json.dumps([size, price], ensure_ascii=False, separators=(",", ":")) in index


@pytest.mark.parametrize("language, files, length, spoken, size", [
    ("en", {}, "1 hr 3 min", "1 hour 3 minutes", "45.7 MB"),
    ("fa", {}, "۱ ساعت ۳ دقیقه", "", "۴۵٫۷ MB"),  # (its short units are its long ones: said as shown)
    ("ar-EG", {"themes/default/i18n/ar-eg.yaml": 'number_digits: "٠١٢٣٤٥٦٧٨٩"\nnumber_decimal: "٫"\n'},
     "١ س و٣ د", "ساعة و٣ دقائق", "٤٥٫٧ MB"),
])
def test_a_length_is_written_in_the_digits_of_the_numbers_beside_it(tmp_path, language, files, length, spoken, size):
    # (a podcast's duration beside its file's size: "1:02:33 · ۴۵٫۷ MB" mixed two sets of digits on one line; it
    # is written with its units now, "1 hr 3 min", its <time datetime> to the second in Latin digits)
    episodes = {"content/episode.md": item("An episode", "2026-11-19T09:00:00Z", type="podcast", length=3753,
                                           size=45678901, topics="[Robots]"),
                "content/clip.md": item("A clip", "2026-11-19T08:00:00Z", type="video", length="'about 4 min'",
                                        topics="[Robots]")}
    config = site(tmp_path, language, **files, **episodes)
    said = (f'<span aria-hidden="true">{length}</span><span class="visually-hidden">{spoken}</span>' if spoken
            else length)
    facts = f'<bdi><time datetime="PT1H2M33S">{said}</time></bdi> · <bdi>{size}</bdi>'
    assert facts in text(config, "news/2026/11/19/episode") and facts in text(config, "latest")
    index = "".join(path.read_text("utf-8") for path in (config.output_path / "search").rglob("*.json"))
    assert json.dumps([[length, spoken, "PT1H2M33S"], size], ensure_ascii=False, separators=(",", ":")) in index
    assert "<bdi>about 4 min</bdi>" in text(config, "news/2026/11/19/clip")  # (a length written as text, as written)


def test_counts_are_grouped_as_each_shipped_language_groups_them(tmp_path):
    config = load_config(make_site(tmp_path / "s", {}, "title: T\nbase_url: https://example.org/\n") / "config.yaml")
    said = {}
    for language in ("en", "de", "fr", "es", "ja", "fa"):
        words = load_words(dataclasses.replace(config, language=language))
        said[language] = (words.number(1234), words.number(12345), words.t("sources", 2345), words.number(0.5))
    assert said["en"] == ("1,234", "12,345", "+2,345 sources", "0.5")
    assert said["de"] == ("1.234", "12.345", "+2.345 Quellen", "0,5")
    assert said["fr"][:2] == ("1\u202f234", "12\u202f345") and said["fr"][3] == "0,5"
    assert said["es"][:2] == ("1234", "12.345")  # (Spanish groups from five digits)
    assert said["ja"][:2] == ("1,234", "12,345")
    assert said["fa"] == ("۱٬۲۳۴", "۱۲٬۳۴۵", "+۲٬۳۴۵ منبع", "۰٫۵")  # (as Intl.NumberFormat("fa") writes them)


@pytest.mark.parametrize("language, heat, sources, price", [
    ("hi", "1,23,456.5", "+12,34,567 स्रोत", "₹12,34,567.50"),  # (Hindi's words)
    ("en-IN", "1,23,456.5", "+12,34,567 sources", "₹12,34,567.50"),  # (English's words, India's groups)
    ("ta", "1,23,456.5", "+12,34,567 sources", "₹12,34,567.50"),  # (no Tamil words: English's, in Tamil's groups)
    ("bn", "1,23,456.5", "+12,34,567 sources", "₹12,34,567.50"),
    ("en", "123,456.5", "+1,234,567 sources", "₹1,234,567.50"),
    ("ur", "123,456.5", "+1,234,567 ذرائع", "₹1,234,567.50"),  # (Pakistan's Urdu groups by thousands)
])
def test_numbers_are_grouped_in_lakhs_and_crores_where_the_sites_language_groups_them_so(tmp_path, language, heat,
                                                                                       sources, price):
    # CLDR's `#,##,##0.###` (Hindi, Bengali, Tamil, India's English ...): the first group of three digits, then of
    # two, in every number the pages write: a count, a heat, a price's amount
    config = load_config(make_site(tmp_path / "s", {}, "title: T\nbase_url: https://example.org/\n") / "config.yaml")
    words = load_words(dataclasses.replace(config, language=language))
    assert (words.number(123456.5), words.t("sources", 1234567)) == (heat, sources)
    assert words.price(1234567.5, "INR").replace("\u200e", "") == price
    assert (words.number(1234), words.number(99999)) == ("1,234", "99,999")  # (the same up to a lakh)


def test_a_number_shorter_than_its_first_group_is_written_once(tmp_path):
    # (no CLDR language has a first group of more than three digits today; search.js writes the whole number then)
    config = load_config(make_site(tmp_path / "s", {}, "title: T\nbase_url: https://example.org/\n") / "config.yaml")
    words = dataclasses.replace(load_words(config), groups=(6, 2))
    assert (words.number(12345), words.number(1234567)) == ("12345", "1,234567")


# CLDR 48's `ar` alone writes Latin digits, but Egypt's, Saudi Arabia's ... Arabic ones (٠-٩): a site's own
# words file for its region says so, by the same key as Persian's
AR_EG = 'number_digits: "٠١٢٣٤٥٦٧٨٩"\nnumber_decimal: "٫"\nnumber_group: "٬"\n'


@pytest.mark.parametrize("language, files, number, date", [
    ("fa", {}, "۱٬۲۳۴٬۵۶۷٫۵", "۱۳ اسفند ۱۴۰۴، ساعت ۰۸:۰۵"),
    ("ar", {}, "1,234,567.5", "4 مارس 2026، 08:05"),
    ("ar-EG", {"themes/default/i18n/ar-eg.yaml": AR_EG}, "١٬٢٣٤٬٥٦٧٫٥", "٤ مارس ٢٠٢٦، ٠٨:٠٥"),
])
def test_numbers_and_dates_are_written_in_the_languages_digits(tmp_path, language, files, number, date):
    root = make_site(tmp_path / "s", files, f"title: T\nbase_url: https://example.org/\nlanguage: {language}\n")
    words = load_words(load_config(root / "config.yaml"))
    assert words.problems == ()
    assert words.number(1234567.5) == number
    assert words.date(datetime(2026, 3, 4, 8, 5), "time") == date


def test_digits_that_are_not_ten_in_order_are_warned_of_and_numbers_stay_latin(tmp_path):
    root = make_site(tmp_path / "s", {"themes/default/i18n/fa.yaml": 'number_digits: "۱۲۳۴۵۶۷۸۹۰"\n'},
                     "title: T\nbase_url: https://example.org/\nlanguage: fa\n")
    words = load_words(load_config(root / "config.yaml"))
    said = [str(problem) for problem in words.problems]
    assert len(said) == 1 and said[0].startswith("themes/default/i18n/fa.yaml:1: `number_digits` must be"), said
    assert words.number(1234) == "۱٬۲۳۴"  # (the theme's own Persian digits: the site's are left out)


def test_a_million_sources_take_the_form_a_million_takes_in_each_shipped_language(tmp_path):
    # French and Spanish say "de" before the noun of a whole number of millions (CLDR's `many`): "1 000 000 de
    # sources", not "1 000 000 sources". Counts of sources, stories and results can be that large; minutes, hours
    # and days ago and a size in bytes (shown in kB from 1,000) stay under a thousand.
    config = load_config(make_site(tmp_path / "s", {}, "title: T\nbase_url: https://example.org/\n") / "config.yaml")
    said = {language: load_words(dataclasses.replace(config, language=language)).t("sources", 1_000_000)
            for language in ("en", "de", "fr", "es", "ja")}
    assert said["fr"] == "+1\u202f000\u202f000 de sources" and said["es"] == "+1.000.000 de fuentes"
    assert said["en"] == "+1,000,000 sources" and said["de"] == "+1.000.000 Quellen"
    fr = load_words(dataclasses.replace(config, language="fr"))
    assert fr.t("stories_count", 2_000_000) == "2\u202f000\u202f000 d\u2019articles"
    assert fr.t("stories_count", 2_000_001) == "2\u202f000\u202f001 articles"


def test_a_site_words_file_can_change_how_numbers_are_written(tmp_path):
    root = make_site(tmp_path / "s", {
        "content/a.md": item("A", heat=98.3),
        "themes/default/i18n/en.yaml": 'number_decimal: "·"\n',
    }, "title: T\nbase_url: https://example.org/\nlanguage: en\n")
    config, _ = build_site(root)
    assert 'title="Heat 98·3"' in (config.output_path / "news/2026/11/20/a/index.html").read_text("utf-8")


def test_without_javascript_the_dates_are_written_ones(tmp_path):
    config = site(tmp_path, "en")
    front = text(config, "")
    # the written date is the page's; the script only replaces it in a browser (below)
    assert re.search(r'<time class="ago" datetime="2026-11-20T10:00:00\+00:00">20 Nov 2026</time>', front)
    script = re.search(r'<script src="/news/static/js/relative-times.js" data-words-lang="en" '
                       r"data-ago='([^']*)'></script>", front)
    assert script, "no dates' script in the head"
    # the words it writes them in, a count's plural forms, not the words filled in
    ago = json.loads(html.unescape(script.group(1)))
    assert ago["hours_ago"] == {"one": "{n} hour ago", "other": "{n} hours ago"} and ago["english"] == []
    assert "3 hours ago" not in front


def test_the_dates_words_cannot_leave_their_attribute(tmp_path):
    # a site's words with quotes and markup: the attribute holds them as text, whatever they are
    odd = "minutes_ago: {one: \"{n}' min\", other: \"</script><b onclick=x>{n} \\\"min\\\" &amp;\"}\n"
    config = site(tmp_path, "en", **{"themes/default/i18n/en.yaml": odd})
    front = text(config, "")
    script = [element for element in html5lib.parse(front, namespaceHTMLElements=False).iter("script")
              if element.get("data-ago") is not None]
    assert len(script) == 1 and not script[0].text
    assert json.loads(script[0].get("data-ago"))["minutes_ago"] == {
        "one": "{n}' min", "other": '</script><b onclick=x>{n} "min" &amp;'}
    assert "<b onclick" not in front


def _open(browser, url: str, clock: str, javascript: bool = True, viewport=None):
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport or {"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    tab = context.new_page()
    # The reader's clock fixed: Date only. (Playwright's clock would replace requestAnimationFrame too, with a timer
    # of its own that the browser does not run before it draws a frame, which the script rewrites the dates in.)
    tab.add_init_script("(() => { const Real = Date, fixed = Real.parse(%s); function Fixed(...a) { "
                        "return new.target ? (a.length ? new Real(...a) : new Real(fixed)) : Real(); } "
                        "Fixed.prototype = Real.prototype; Fixed.parse = Real.parse; Fixed.UTC = Real.UTC; "
                        "Fixed.now = () => fixed; window.Date = Fixed; })();" % json.dumps(clock))
    # every layout shift from the start that moved a part of <main>, where the dates are (a slow browser's early
    # paints of the header and footer move them a little as their later parts arrive: a bound for the whole page
    # is test_theme_phone's)
    tab.add_init_script("window.__shifts = 0; new PerformanceObserver(function (list) { list.getEntries()"
                        ".forEach(function (e) { if (e.sources.some(function (s) { var at = s.node && (s.node.nodeType === 1 ?"
                        " s.node : s.node.parentElement); return at && at.closest('main'); }))"
                        " window.__shifts += e.value; }); })"
                        ".observe({type: 'layout-shift', buffered: true});")
    # each Intl.RelativeTimeFormat the page makes (the browser's first one is a long task on a slow phone)
    tab.add_init_script("window.__formatters = 0; (() => { const Real = Intl.RelativeTimeFormat; "
                        "Intl.RelativeTimeFormat = function (...a) { window.__formatters += 1; return new Real(...a); };"
                        " })();")
    tab.goto(url)
    return context, tab


def written(config, day: int, hour: int) -> str:
    """A card's written date of 2026-11-`day` at `hour` UTC, in the site's language and zone."""
    return load_words(config).date(datetime(2026, 11, day, hour, tzinfo=timezone.utc).astimezone(config.zone), "short")


def _times(tab) -> list[dict]:
    return tab.evaluate("() => Array.from(document.querySelectorAll('time')).map(t => "
                        "({text: t.textContent, title: t.title, datetime: t.getAttribute('datetime')}))")


@pytest.mark.slow
@pytest.mark.parametrize("language, fresh, download, coverage", [
    ("en", "3 hours ago", "2 days ago", "40 minutes ago"),
    ("de", "vor 3 Stunden", "vorgestern", "vor 40 Minuten"),
    ("fr", "il y a 3 heures", "avant-hier", "il y a 40 minutes"),
    ("es", "hace 3 horas", "anteayer", "hace 40 minutos"),
    ("ja", "3 時間前", "一昨日", "40 分前"),
    ("fa", "۳ ساعت پیش", "پریروز", "۴۰ دقیقه پیش"),
])
def test_recent_dates_read_as_time_ago_in_the_pages_language(browser, tmp_path, language, fresh, download, coverage):
    config = site(tmp_path, language)
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "latest/", NOW)
        try:
            shown = {t["datetime"][:16]: t for t in _times(tab)}
            assert shown, "no dates on Latest"
            assert shown["2026-11-20T10:00"]["text"] == fresh
            assert shown["2026-11-18T12:00"]["text"] == download
            # a week old or more: the written date stays
            assert shown["2026-11-01T08:00"]["text"] == written(config, 1, 8)
            assert shown["2026-11-01T08:00"]["title"] == ""
            # the written date is kept as the title
            assert shown["2026-11-20T10:00"]["title"] == written(config, 20, 10)
            assert tab.evaluate("window.__shifts") == 0
            assert tab.evaluate("window.__formatters") == 0  # (the theme's words, not the browser's)
            # the story page's own byline keeps its date and time; its coverage list reads "... ago"
            tab.goto(base + "news/2026/11/20/fresh/")
            byline = tab.locator(".story .byline time").first.text_content()
            assert byline == load_words(config).date(
                datetime(2026, 11, 20, 10, tzinfo=timezone.utc).astimezone(config.zone), "time")
            assert coverage in [t["text"] for t in _times(tab)]
        finally:
            context.close()


# A site's own words in Russian (a few of them: "... ago" with Russian's forms one, few and many)
RU_AGO = """minutes_ago: {one: "{n} минуту назад", few: "{n} минуты назад", many: "{n} минут назад", other: "{n} минуты назад"}
hours_ago: {one: "{n} час назад", few: "{n} часа назад", many: "{n} часов назад", other: "{n} часа назад"}
days_ago: {one: "{n} день назад", few: "{n} дня назад", many: "{n} дней назад", other: "{n} дня назад"}
"""
# (the reader's clock NOW, 13:00) -> the date each form is shown for
AGES = {"2026-11-20T12:59:00Z": ("1 minute ago", "1 минуту назад"), "2026-11-20T12:38:00Z": ("22 minutes ago", "22 минуты назад"),
        "2026-11-20T12:35:00Z": ("25 minutes ago", "25 минут назад"), "2026-11-20T12:39:00Z": ("21 minutes ago", "21 минуту назад"),
        "2026-11-20T12:00:00Z": ("1 hour ago", "1 час назад"), "2026-11-20T09:00:00Z": ("4 hours ago", "4 часа назад"),
        "2026-11-19T16:00:00Z": ("21 hours ago", "21 час назад"), "2026-11-20T02:00:00Z": ("11 hours ago", "11 часов назад"),
        "2026-11-19T12:00:00Z": ("yesterday", "вчера"), "2026-11-17T12:00:00Z": ("3 days ago", "3 дня назад"),
        "2026-11-15T12:00:00Z": ("5 days ago", "5 дней назад")}


@pytest.mark.slow
@pytest.mark.parametrize("language, files, shown", [("en", {}, 0), ("ru", {"themes/default/i18n/ru.yaml": RU_AGO}, 1),
                                                    ("ru", {}, 1)])  # (a site's own words, and the shipped ones)
def test_each_count_of_minutes_hours_and_days_takes_its_plural_form(browser, tmp_path, language, files, shown):
    config = f"title: Ages\nbase_url: https://example.org/news/\nlanguage: {language}\nnow: \"{NOW}\"\n"
    titles = ("Harbour cranes", "Violin makers", "Glacier survey", "Bakery opens", "Chess final", "Tram delays",
              "Orchard frost", "Comet sighted", "Library vote", "Marathon route", "Robot sculptor")  # (no two alike)
    stories = {f"content/s{i}.md": item(title, when) for i, (title, when) in enumerate(zip(titles, AGES))}
    config, _ = build_site(make_site(tmp_path / f"{language}{len(files)}", {**stories, **files}, config))
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "latest/", NOW)
        try:
            said = {t["datetime"][:16]: t["text"] for t in _times(tab)}
            assert said == {when[:16]: texts[shown] for when, texts in AGES.items()}
            assert tab.locator("time[lang]").count() == 0  # (the page's language: nothing to mark)
            assert tab.evaluate("window.__formatters") == 0
        finally:
            context.close()


OLD_PARTIAL = ("<script src=\"{{ 'static/js/relative-times.js'|url }}\" data-words-lang=\"{{ words_language }}\""
               "{% if page.kind == 'search' %} data-later defer{% endif %}></script>")


@pytest.mark.slow
def test_a_themes_own_script_element_without_the_words_gets_the_browsers(browser, tmp_path):
    # a theme's own copy of partials/relative_times.html of before the words: the browser's own words
    config = site(tmp_path, "de", **{"themes/default/templates/partials/relative_times.html": OLD_PARTIAL})
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "latest/", NOW)
        try:
            shown = {t["datetime"][:16]: t["text"] for t in _times(tab)}
            assert shown["2026-11-20T10:00"] == "vor 3 Stunden" and shown["2026-11-18T12:00"] == "vor 2 Tagen"
        finally:
            context.close()


ZH_WORDS = "latest: 最新\nsources: {other: \"+{n}个来源\"}\n"  # a site's own words in Chinese (a few of them)
ZH_AGO = "hours_ago: {other: \"{n}小时前\"}\n"


@pytest.mark.slow
@pytest.mark.parametrize("language, files, fresh, header, lang", [
    # no Chinese words: the page's words are English, and so are its "... ago", marked as English for screen readers
    ("zh", {}, "3 hours ago", "Latest", "en"),
    ("de", {}, "vor 3 Stunden", "Neueste", ""),
    # the site's own Chinese words (a theme override) without "... ago": those words in English, marked so
    ("zh", {"themes/default/i18n/zh.yaml": ZH_WORDS}, "3 hours ago", "最新", "en"),
    # and with them: Chinese
    ("zh", {"themes/default/i18n/zh.yaml": ZH_WORDS + ZH_AGO}, "3小时前", "最新", ""),
])
def test_recent_dates_are_in_the_language_of_the_pages_words(browser, tmp_path, language, files, fresh, header, lang):
    config = site(tmp_path, language, **files)
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "latest/", NOW)
        try:
            assert tab.evaluate("document.documentElement.lang") == language  # the content's language, as set
            assert header in tab.locator("header").first.text_content()
            fresh_time = tab.locator('time[datetime^="2026-11-20T10:00"]').first
            assert fresh_time.text_content() == fresh
            assert fresh_time.get_attribute("lang") == (lang or None)
            if language == "zh" and not files:  # the search's count in English's forms: "1 result", not "1 results"
                tab.goto(base + "search/?q=download")
                tab.locator("#search-results li").first.wait_for(timeout=10_000)
                assert tab.locator("#search-status").text_content().startswith("1 result for")
        finally:
            context.close()


@pytest.mark.slow
def test_ranks_are_shown_as_the_page_writes_numbers(browser, tmp_path):
    config = site(tmp_path, "de")
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "top/", NOW)
        try:
            ranks = tab.evaluate("() => Array.from(document.querySelectorAll('ol.ranked > li')).map(li => "
                                 "getComputedStyle(li, '::before').content)")
            assert ranks == ['"1"', '"2"', '"3"']
        finally:
            context.close()
    # (written by the `number` filter, as the page numbers are: a thousandth rank reads "1.000" in German)
    top = text(config, "top")
    assert re.findall(r'<li data-rank="([^"]+)">', top) == ["1", "2", "3"]


@pytest.mark.slow
@pytest.mark.parametrize("language, shown", [("hi", "1,23,456.5"), ("en-IN", "1,23,456.5"), ("en", "123,456.5")])
def test_a_search_result_groups_its_numbers_as_the_pages_do(browser, tmp_path, language, shown):
    # search.js writes a result's heat itself, from the search page's words block: in the groups the site's
    # language writes (India's lakhs: 1,23,456), as the story's own page writes it
    config = site(tmp_path, language, **{"content/monsoon.md": item(
        "Monsoon rainfall breaks a record", "2026-11-19T10:00:00Z", heat=123456.5, topics="[Robots]")})
    page = text(config, "news/2026/11/19/monsoon")
    assert re.search(r'class="signal heat"[^>]*title="[^"]* ' + re.escape(shown) + '"', page)
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "search/?q=monsoon", NOW)
        try:
            tab.locator("#search-results li .signal.heat").first.wait_for(timeout=10_000)
            titles = tab.evaluate("() => Array.from(document.querySelectorAll('#search-results .signal.heat'))"
                                  ".map(s => s.title)")
            assert len(titles) == 1 and titles[0].endswith(" " + shown), titles
        finally:
            context.close()


def test_a_count_takes_the_plural_form_of_the_words_language(tmp_path):
    # a Chinese site with the English words writes "+1 source" (English's forms), not "+1 sources" (Chinese's rule)
    config = site(tmp_path, "zh")
    words = load_words(config)
    assert (words.speaks, words.t("sources", 1), words.t("sources", 2)) == ("en", "+1 source", "+2 sources")
    search = (config.output_path / "search" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'id="search-words">(.*?)</script>', search).group(1)
    assert json.loads(block)["language"] == "en"  # (search.js's plural forms: English's too)
    assert load_words(dataclasses.replace(config, language="de-AT")).speaks == "de-AT"
    assert load_words(dataclasses.replace(config, language="")).speaks == "en"


@pytest.mark.slow
def test_dates_stay_written_in_the_future_without_javascript_and_without_a_language(browser, tmp_path):
    config = site(tmp_path, "en")
    with static_server(config.output_path, "/news/") as base:
        # a reader's clock behind the story (a wrong clock, or a story dated ahead): the written date
        context, tab = _open(browser, base + "latest/", "2026-11-19T10:00:00Z")
        try:
            assert "20 Nov 2026" in [t["text"] for t in _times(tab)]
        finally:
            context.close()
        context, tab = _open(browser, base + "latest/", NOW, javascript=False)
        try:
            texts = [t["text"] for t in _times(tab)]
            assert texts and not any("ago" in t for t in texts)
        finally:
            context.close()


def test_every_search_page_carries_the_words_its_script_shows(tmp_path):
    # a theme's own search.html of before the words block (it loads search.js, and has no words of its own)
    old = "{% extends \"base.html\" %}{% block main %}<div id=\"search\"></div>" \
          "<script src=\"{{ 'static/search/search.js'|url }}\" defer></script>{% endblock %}"
    # and one that writes the block itself, as the default theme's did: the build adds no second one
    own = old.replace("{% endblock %}", '<script type="application/json" id="search-words">'
                                        "{{ search_words()|json_script }}</script>{% endblock %}")
    for name, template in (("old", old), ("own", own)):
        root = make_site(tmp_path / name, {"content/a.md": item("A", heat=98.3),
                                           "themes/default/templates/search.html": template},
                         "title: T\nbase_url: https://example.org/\nlanguage: de\nsearch: true\n")
        config, _ = build_site(root)
        page = (config.output_path / "search" / "index.html").read_text("utf-8")
        blocks = re.findall(r'<script type="application/json" id="search-words">(.*?)</script>', page)
        assert len(blocks) == 1, name
        said = json.loads(blocks[0])
        assert said["search_none"] == "Keine Ergebnisse für „{query}“." and said["number_decimal"] == ","


@pytest.mark.slow
@pytest.mark.parametrize("language, facts, heat, found", [
    ("de", "58,1 MB · 1.299,50\u00a0€", "12,5", "1 Ergebnis"),
    ("fa", "۵۸٫۱ MB · \u200e€\u00a0۱٬۲۹۹٫۵۰", "۱۲٫۵", "۱ نتیجه"),
])
def test_search_results_write_numbers_as_the_pages_do(browser, tmp_path, language, facts, heat, found):
    config = site(tmp_path, language)
    with static_server(config.output_path, "/news/") as base:
        context = browser.new_context()
        tab = context.new_page()
        try:
            tab.goto(base + "search/?q=download")
            tab.locator("#search-results li").first.wait_for(timeout=10_000)
            assert tab.locator("#search-results .facts").first.text_content() == facts
            assert tab.locator("#search-results .signal.heat").first.get_attribute("title").endswith(" " + heat)
            assert heat in tab.locator("#search-results .signal.heat").first.get_attribute("aria-label")
            assert found in tab.locator("#search-status").text_content()
        finally:
            context.close()
