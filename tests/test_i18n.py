"""The theme speaks the site's language: its words, plurals and dates from themes/*/i18n/<language>.yaml."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, clean_build, files_under, serving
from generator.build.pipeline import BuildOptions, build
from generator.cli import main
from generator.config.load import load_config
from generator.i18n import load_words

BASIC = ROOT / "tests" / "sites" / "basic"  # a story of three sources, a video, topics, two pages of Latest
I18N = ROOT / "themes" / "default" / "i18n"
SHIPPED = ("ar", "de", "en", "es", "fa", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "ps", "pt", "ru", "sd",
           "tr", "uk", "ur", "yi")


def documented_languages() -> list[str]:
    """The codes of the languages docs/themes.md says newsdesk ships words in (its bold list, `(`xx`)` each)."""
    guide = (ROOT / "docs" / "themes.md").read_text("utf-8")
    listed = re.search(r"newsdesk ships \*\*(.*?)\*\*", guide, re.DOTALL)
    assert listed, "docs/themes.md no longer lists the shipped languages in bold after `newsdesk ships`"
    return sorted(re.findall(r"\(`([a-z]{2,3})`", listed.group(1)))


def site_in(tmp_path: Path, language: str, files: dict[str, str] | None = None) -> Path:
    root = tmp_path / f"site-{language or 'none'}"
    shutil.copytree(BASIC, root)
    config = root / "config.yaml"
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text("utf-8")), "utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def built(root: Path):
    result = build(load_config(root / "config.yaml"), BuildOptions(workers=1), environ={})
    assert result.site.problems == ()
    return result, root / "output"


def page(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def story_page(out: Path) -> str:
    return page(out, "news/2026/03/01/robot-learns-to-knit/index.html")


def visible(html: str) -> str:
    """The page's text as a reader sees it (no head, no scripts, no tags)."""
    html = re.sub(r"(?s)<head>.*?</head>|<script.*?</script>", " ", html)
    html = re.sub(r"</?bdi>", "", html)  # (an isolated name, in its sentence without a space)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_language_the_guide_lists_is_shipped_with_every_key_of_english():
    english = yaml.safe_load((I18N / "en.yaml").read_text("utf-8"))
    listed = documented_languages()
    assert listed == sorted(SHIPPED) == sorted(path.stem for path in I18N.glob("*.yaml"))
    for language in listed:
        words = yaml.safe_load((I18N / f"{language}.yaml").read_text("utf-8"))
        assert words.keys() == english.keys(), language
        assert all(value for value in words.values()), language
        for key, value in english.items():  # a count's forms, a list's length, as English's
            assert type(words[key]) is type(value), (language, key)
            if isinstance(value, list):
                assert len(words[key]) == len(value), (language, key)


def test_a_german_site_shows_the_theme_in_german(tmp_path):
    result, out = built(site_in(tmp_path, "de"))
    assert result.site.warnings == ()
    front = page(out, "index.html")
    assert '<html lang="de">' in front
    text = visible(front)
    for words in ("Zum Inhalt springen", "Neueste", "Angesagt", "Themen", "Quellen", "Aufmacher", "+2 Quellen",
                  "4. März 2026", "Alle Top-Meldungen"):
        assert words in text, words
    assert 'aria-label="Rubriken"' in front and 'title="Auch von anderen Quellen berichtet"' in front
    story = visible(story_page(out))
    assert "Ganzen Artikel bei Tinker Post lesen" in story and "1. März 2026, 10:30 Uhr" in story
    assert "Weitere Berichte" in story or "Mehr zum Thema" in story
    latest = page(out, "latest/index.html")
    assert "Seite 1 von 2" in visible(latest) and "<title>Neueste · Golden Test Gazette</title>" in latest
    assert "<title>Neueste (Seite 2 von 2) · " in page(out, "latest/page/2/index.html")
    assert "Seite nicht gefunden" in visible(page(out, "404.html"))
    assert "<title>Videos · Golden Test Gazette</title>" in page(out, "videos/index.html")
    search = page(out, "search/index.html")
    assert 'Setzen Sie Wörter in „Anführungszeichen“' in search
    said = json.loads(re.search(r'<script type="application/json" id="search-words">(.*?)</script>', search).group(1))
    assert said["search_found"] == {"one": "{n} Ergebnis für „{query}“",
                                    "other": "{n} Ergebnisse für „{query}“"}
    assert said["search_none"] == "Keine Ergebnisse für „{query}“."
    assert "<title>Golden Test Gazette: Neueste</title>" in page(out, "feeds/latest.xml")
    for html in (front, story_page(out), latest, search, page(out, "404.html")):  # no English left
        for english in ("Skip to content", "Read the full story", "More coverage", "Latest stories", "sources",
                        "March"):
            assert english not in visible(html), english


# A site in each of these languages (search has function words for the first ones): the theme's words in it, no
# English left
IN_WORDS = {
    "it": ("Vai al contenuto", "Ultime", "Di tendenza", "Argomenti", "+2 fonti", "4 marzo 2026",
           "Leggi la notizia completa su Tinker Post", "1 marzo 2026, 10:30", "Pagina non trovata"),
    "pt": ("Pular para o conteúdo", "Últimas", "Em alta", "Temas", "+2 fontes", "4 de março de 2026",
           "Ler a notícia completa em Tinker Post", "1 de março de 2026, 10:30", "Página não encontrada"),
    "nl": ("Naar de inhoud", "Nieuwste", "Populair", "Onderwerpen", "+2 bronnen", "4 maart 2026",
           "Lees het volledige bericht op Tinker Post", "1 maart 2026 om 10:30", "Pagina niet gevonden"),
    # (Hindi: Devanagari, the nukta's letters as Hindi news writes them)
    "hi": ("सामग्री पर जाएँ", "ताज़ा", "चर्चित", "विषय", "+2 स्रोत", "4 मार्च 2026", "Tinker Post पर पूरी ख़बर पढ़ें",
           "1 मार्च 2026, 10:30", "पेज नहीं मिला"),
    # (and languages written right to left, whose pages say so)
    "he": ("דלגו לתוכן", "חדש", "חם", "נושאים", "+2 מקורות", "4 במרץ 2026", "לכתבה המלאה באתר Tinker Post",
           "1 במרץ 2026, 10:30", "הדף לא נמצא"),
    "fa": ("رفتن به محتوا", "تازه\u200cها", "داغ", "موضوع\u200cها", "+۲ منبع", "۱۳ اسفند ۱۴۰۴",  # (Solar Hijri, Persian digits)
           "خواندن متن کامل خبر در Tinker Post", "۱۰ اسفند ۱۴۰۴، ساعت ۱۰:۳۰", "صفحه پیدا نشد"),
    "ur": ("مواد پر جائیں", "تازہ ترین", "مقبول", "موضوعات", "+2 ذرائع", "4 مارچ، 2026",
           "Tinker Post پر پوری خبر پڑھیں", "1 مارچ، 2026، 10:30", "صفحہ نہیں ملا"),
    "ps": ("منځپانګې ته ورشئ", "وروستي", "تود", "موضوعات", "+۲ سرچینې", "۱۳ کب ۱۴۰۴",  # (Solar Hijri, as fa)
           "بشپړ خبر په Tinker Post کې ولولئ", "۱۰ کب ۱۴۰۴ په ۱۰:۳۰", "پاڼه ونه موندل شوه"),
    "sd": ("مواد ڏانهن وڃو", "تازيون", "مشهور", "موضوع", "+٢ ذريعا", "٤ مارچ ٢٠٢٦",  # (Arabic-Indic digits)
           "Tinker Post تي پوري خبر پڙهو", "١ مارچ ٢٠٢٦، ١٠:٣٠", "صفحو نه مليو"),
    "yi": ("שפּרינג צום אינהאַלט", "לעצטע", "הייס", "טעמעס", "+2 קוועלן", "4טן מערץ 2026",
           "לייענט דעם גאַנצן באַריכט אויף Tinker Post", "1טן מערץ 2026, 10:30", "בלאַט ניט געפֿונען"),
}


@pytest.mark.parametrize("language", list(IN_WORDS))
def test_a_site_in_each_shipped_language_shows_the_theme_in_it(tmp_path, language):
    result, out = built(site_in(tmp_path, language))
    assert result.site.warnings == ()  # (every key, and each plural form CLDR gives the language)
    pages = [page(out, "index.html"), story_page(out), page(out, "latest/index.html"),
             page(out, "search/index.html"), page(out, "404.html")]
    direction = ' dir="rtl"' if language in ("he", "fa", "ur", "ps", "sd", "yi") else ""
    assert f'<html lang="{language}"{direction}>' in pages[0]
    text = " ".join(visible(html) for html in pages)
    for words in IN_WORDS[language]:
        assert words in text, words
    for html in pages:  # no English left, and no word marked as English
        assert 'lang="en"' not in html
        for english in ("Skip to content", "Read the full story", "More coverage", "Latest stories", "sources",
                        "March"):
            assert english not in visible(html), english


def test_a_japanese_site_shows_the_theme_in_japanese(tmp_path):
    result, out = built(site_in(tmp_path, "ja"))
    assert result.site.warnings == ()
    front = visible(page(out, "index.html"))
    for words in ("本文へスキップ", "新着", "急上昇", "+2件の配信元", "2026年3月4日"):
        assert words in front, words
    story = visible(story_page(out))
    assert "Tinker Postで記事全文を読む" in story and "2026年3月1日 10:30" in story
    assert "ページが見つかりません" in visible(page(out, "404.html"))
    assert "「{query}」の検索結果：{n}件" in page(out, "search/index.html")


def test_plurals_follow_each_language(tmp_path):
    checked = ("de", "en", "es", "fa", "fr", "he", "hi", "it", "ja", "nl", "pt", "ru", "ur")  # (those asserted below)
    words = {language: load_words(load_config(site_in(tmp_path, language) / "config.yaml")) for language in checked}
    assert [words["en"].t("sources", n) for n in (1, 2)] == ["+1 source", "+2 sources"]
    assert [words["de"].t("sources", n) for n in (1, 2)] == ["+1 Quelle", "+2 Quellen"]
    assert [words["fr"].t("stories_count", n) for n in (0, 1, 2)] == ["0 article", "1 article", "2 articles"]
    assert [words["es"].t("stories_count", n) for n in (0, 1, 2)] == ["0 noticias", "1 noticia", "2 noticias"]
    assert [words["ja"].t("stories_count", n) for n in (1, 2)] == ["1件の記事", "2件の記事"]
    assert [words["it"].t("sources", n) for n in (0, 1, 2)] == ["+0 fonti", "+1 fonte", "+2 fonti"]
    assert [words["pt"].t("stories_count", n) for n in (0, 1, 2, 1_000_000)] == \
        ["0 notícia", "1 notícia", "2 notícias", "1.000.000 de notícias"]  # (CLDR's: 0 is `one` in Brazil's)
    assert [words["nl"].t("hours_ago", n) for n in (1, 2)] == ["1 uur geleden", "2 uur geleden"]
    assert [words["he"].t("sources", n) for n in (1, 2, 3)] == ["+1 מקור", "+2 מקורות", "+3 מקורות"]
    assert [words["he"].t("hours_ago", n) for n in (1, 2, 3)] == ["לפני שעה", "לפני שעתיים", "לפני 3 שעות"]
    assert [words["fa"].t("sources", n) for n in (0, 1, 2)] == ["+۰ منبع", "+۱ منبع", "+۲ منبع"]
    assert [words["ur"].t("stories_count", n) for n in (1, 2)] == ["1 خبر", "2 خبریں"]
    assert [words["hi"].t("stories_count", n) for n in (0, 1, 2)] == ["0 ख़बर", "1 ख़बर", "2 ख़बरें"]  # (0 is `one`)
    assert [words["ru"].t("sources", n) for n in (1, 2, 5, 11, 21, 22, 25, 111, 1_000_000)] == [
        "+1 источник", "+2 источника", "+5 источников", "+11 источников", "+21 источник", "+22 источника",
        "+25 источников", "+111 источников", "+1\u00a0000\u00a0000 источников"]


def test_every_count_of_a_language_whose_one_is_not_1_alone_shows_its_number():
    """Russian's, Ukrainian's ... `one` is 1, 21, 101 too: a form of it without `{n}` ("An item file you saved")
    would say "one" of 21."""
    from generator.plurals import plural_form

    for language in SHIPPED:
        if plural_form(language, 21) != "one":
            continue
        words = yaml.safe_load((I18N / f"{language}.yaml").read_text("utf-8"))
        counted = {key: forms for key, forms in words.items() if isinstance(forms, dict)}
        assert counted, language
        assert all("{n}" in form for forms in counted.values() for form in forms.values()), language


def test_a_russian_site_shows_the_theme_in_russian(tmp_path):
    result, out = built(site_in(tmp_path, "ru"))
    front, story = visible(page(out, "index.html")), visible(story_page(out))
    assert "Главная новость" in front and "+2 источника" in front, front
    assert "Читать полностью" in story and "1 марта 2026, 10:30" in story, story
    for english in ("Latest", "Top stories", "Read the full story", "sources", "Search"):
        assert english not in front + story, english


def test_dates_name_months_and_weekdays_in_the_language(tmp_path):
    moment = datetime(2026, 3, 4, 9, 5, tzinfo=timezone.utc)  # a Wednesday
    shown = {language: load_words(load_config(site_in(tmp_path, language) / "config.yaml")).date(moment, fmt)
             for language, fmt in (("en", "%A %-d %B"), ("de", "%A, %-d. %B"), ("fr", "%a %-d %b"),
                                   ("es", None), ("ja", "time"))}
    assert shown == {"en": "Wednesday 4 March", "de": "Mittwoch, 4. März", "fr": "mer. 4 mars",
                     "es": "4 de marzo de 2026", "ja": "2026年3月4日 09:05"}


@pytest.mark.parametrize("language, word", [("de-AT", "Neueste"), ("de_CH", "Neueste"), ("en-GB", "Latest"),
                                            ("", "Latest")])
def test_a_regional_language_falls_back_to_its_language_then_english(tmp_path, language, word):
    result, out = built(site_in(tmp_path, language))
    assert result.site.warnings == ()
    assert f">{word}</a>" in page(out, "index.html")


@pytest.mark.parametrize("language, own", [("de-CH-1996", "de-ch"), ("de_CH", "de-ch"), ("sr-Latn-RS", "sr-latn"),
                                           ("pt-PT-u-nu-latn", "pt-pt"), ("zh-Hant-TW", "zh-hant-tw")])
def test_a_tag_reads_the_words_file_of_its_language_script_and_region(tmp_path, language, own):
    root = site_in(tmp_path, language, {f"themes/default/i18n/{own}.yaml": "latest: Own word\n"})
    assert load_words(load_config(root / "config.yaml")).t("latest") == "Own word"


def test_a_language_without_words_shows_english_and_says_so_once(tmp_path):
    result, out = built(site_in(tmp_path, "zh"))
    assert ">Latest</a>" in page(out, "index.html") and "4 Mar 2026" in page(out, "index.html")
    [warning] = [str(w) for w in result.site.warnings]
    assert re.match(r"config\.yaml:\d+: the theme has no words in zh", warning), warning
    assert "themes/default/i18n/zh.yaml" in warning and ", ".join(SHIPPED) in warning
    # (the site has no themes/default/i18n/en.yaml to copy: the bundled theme has, which --version finds)
    assert "a copy of the bundled theme's i18n/en.yaml (`newsdesk --version` says where it is)" in warning


@pytest.mark.parametrize("language", ["ug", "ckb", "dv"])
def test_a_right_to_left_language_without_words_shows_an_english_page_and_its_content_in_its_own(tmp_path, language):
    # Uyghur, Central Kurdish and Dhivehi are written right to left, but newsdesk ships no words in them: their English was
    # laid out right to left, where "4 Mar 2026" read "Mar 2026 4" and "1 story" "story 1"
    result, out = built(site_in(tmp_path, language))
    front = page(out, "index.html")
    assert f'<html lang="{language}">' in front and '<body class="drawn-whole" lang="en">' in front
    assert ">Latest</a>" in front
    assert f'<a href="/gazette/news/2026/03/01/robot-learns-to-knit/" lang="{language}">' in front  # (its content)
    [warning] = [str(w) for w in result.site.warnings]
    assert re.match(rf"config\.yaml:\d+: the theme has no words in {language}: its pages show them in English",
                    warning), warning
    # with words of its own (a words file of the site's: any text), the page is the language's, right to left
    root = site_in(tmp_path / "own", language, {f"themes/default/i18n/{language}.yaml": "latest: Latest\n"})
    front = page(built(root)[1], "index.html")
    assert f'<html lang="{language}" dir="rtl">' in front and '<body class="drawn-whole">' in front


def test_a_site_overrides_and_adds_words_and_is_told_of_missing_ones(tmp_path):
    root = site_in(tmp_path, "de", {
        "themes/default/i18n/de.yaml": "latest: Aktuell\n",
        "themes/default/i18n/en.yaml": "weather_note: Forecasts change.\n",
        "themes/default/templates/partials/header_tools.html":
            "<p class=\"note\">{{ t('weather_note') }}</p>\n<p>{{ t('no_such_word') }}</p>\n",
    })
    result, out = built(root)
    front = page(out, "index.html")
    assert ">Aktuell</a>" in front and ">Angesagt</a>" in front  # its own word, the theme's others
    assert '<p class="note">Forecasts change.</p>' in front  # missing in German: English, never empty
    assert "<p>no_such_word</p>" in front
    warnings = [str(w) for w in result.site.warnings]
    assert any(w.startswith("themes/default/i18n/de.yaml: no `weather_note`: the theme shows it in English")
               and "add `weather_note:`" in w for w in warnings), warnings
    assert any(w.startswith("themes/default/templates/partials/header_tools.html:2: no word `no_such_word`")
               for w in warnings), warnings
    assert len(warnings) == 2


def test_a_site_that_changes_one_form_of_a_count_keeps_the_themes_others(tmp_path):
    """A site's de.yaml writing only `sources: {one: ...}` replaced the theme's forms whole, so every count
    (+2, +1.234) showed the `one` form; now forms are taken one by one, and a language's files that give
    no `other` at all are told so."""
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": 'sources:\n  one: "+{n} Q"\n'})
    _, out = built(root)
    assert "+2 Quellen" in visible(page(out, "index.html"))
    root = site_in(tmp_path, "zh", {"themes/default/i18n/zh.yaml": 'latest: 最新\nsources:\n  one: "+{n} Q"\n'})
    result = build(load_config(root / "config.yaml"), BuildOptions(workers=1), environ={})
    warnings = [str(w) for w in result.site.warnings]
    assert any(w.startswith("themes/default/i18n/zh.yaml: `sources` has no `other` form") and "add `other:` under "
               "`sources:`" in w for w in warnings), warnings


def test_a_words_file_that_is_not_text_is_said_at_its_line(tmp_path):
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": "latest: Aktuell\nhot:\n  - a list\n"
                                                                      "months: [Jan]\n"})
    result, out = built(root)
    warnings = [str(w) for w in result.site.warnings]
    assert any(w.startswith("themes/default/i18n/de.yaml:2: `hot` is not text") for w in warnings), warnings
    assert any(w.startswith("themes/default/i18n/de.yaml:4: `months` must be a list of 12") for w in warnings)
    assert ">Angesagt</a>" in page(out, "index.html") and "4. März 2026" in page(out, "index.html")


def test_a_misspelt_key_of_a_sites_words_file_is_said_at_its_line(tmp_path, capsys):
    """`lastest:` for `latest:` was ignored without a word: the header kept the theme's Neueste, and nothing
    said why. Now the build names the file, the line and the key it meant."""
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": "top: Oben\nlastest: Aktuell\n"})
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    said = capsys.readouterr()
    [line] = [line for line in (said.out + said.err).splitlines() if "lastest" in line]
    assert "themes/default/i18n/de.yaml:2: `lastest` is not a word of the theme" in line, line
    assert "did you mean `latest`?" in line, line
    assert ">Oben</a>" in page(root / "output", "index.html")  # the rest of the file still counts


def test_a_misspelt_placeholder_of_a_sites_words_file_is_said_at_its_line(tmp_path, capsys):
    """`Bei {provdier} lesen` was shown as written on every story's page without a word."""
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": (
        "top: Oben\nread_full_story_on: \"Bei {provdier} lesen\"\nsources:\n  one: \"+{n} Quelle\"\n")})
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    said = capsys.readouterr()
    assert [line for line in (said.out + said.err).splitlines() if "i18n/de.yaml" in line] == [
        "warning: themes/default/i18n/de.yaml:2: `{provdier}` in `read_full_story_on` is no value the theme fills "
        "in: pages show it as written (did you mean `{provider}`? the theme's `read_full_story_on` fills in "
        "`{provider}`)"]


def test_a_correct_words_file_and_a_templates_own_word_are_not_warned_of(tmp_path):
    root = site_in(tmp_path, "de", {
        "themes/default/i18n/de.yaml": "latest: Aktuell\nsources:\n  one: \"+{n} Q\"\nweather_note: Wetter\n",
        "themes/default/i18n/en.yaml": "weather_note: Forecasts change.\n",  # a key of the site's own template
        "themes/default/templates/partials/header_tools.html": "<p>{{ t('weather_note') }}</p>\n",
    })
    result, out = built(root)
    assert result.site.warnings == ()
    assert ">Aktuell</a>" in page(out, "index.html") and "<p>Wetter</p>" in page(out, "index.html")


def test_words_are_escaped_once(tmp_path):
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": (
        'latest: "<b>Neu</b> & \\"frisch\\""\n'
        'also_covered: "Auch \'dort\' <i>"\n'
        'story_of: {one: "<b>{n}</b> {link}", other: "<b>{n}</b> & {link}"}\n'
        'search_none: "</script><b>{query}"\n')})
    _, out = built(root)
    front = page(out, "index.html")
    assert ">&lt;b&gt;Neu&lt;/b&gt; &amp; &#34;frisch&#34;</a>" in front
    assert 'title="Auch &#39;dort&#39; &lt;i&gt;"' in front
    assert "&amp;lt;" not in front and "<b>Neu" not in front
    # a word around HTML the template gives (the story's lead as a link): the word escaped, the link kept
    other = page(out, "news/2026/03/04/scarf-video/index.html")
    assert re.search(r'<p class="story-of">&lt;b&gt;3&lt;/b&gt; &amp; <a href="[^"]+">Robot learns', other)
    search = page(out, "search/index.html")
    assert '"search_none":"\\u003c/script\\u003e\\u003cb\\u003e{query}"' in search


def test_editing_a_words_file_rebuilds_the_pages_that_show_it(tmp_path, capsys):
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": "latest: Aktuell\n"})
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    assert ">Aktuell</a>" in page(root / "output", "index.html")
    words = root / "themes" / "default" / "i18n" / "de.yaml"
    words.write_text("latest: Brandneu\nsources: {other: '+{n} weitere'}\n", encoding="utf-8")
    assert main(["build", "--config", str(root / "config.yaml")]) == 0  # with the cache of the first build
    out = root / "output"
    front = page(out, "index.html")
    assert ">Brandneu</a>" in front and "+2 weitere" in front and ">Aktuell</a>" not in front
    assert ">Brandneu</a>" in page(out, "404.html") and ">Brandneu</a>" in page(out, "topics/weather/index.html")
    assert files_under(out) == clean_build(root, tmp_path / "clean")


def test_serve_rebuilds_after_a_words_file_is_saved(tmp_path):
    root = site_in(tmp_path, "de", {"themes/default/i18n/de.yaml": "latest: Aktuell\n"})
    config = load_config(root / "config.yaml")
    save = serving(root, config, tmp_path / "scratch")
    words = root / "themes" / "default" / "i18n" / "de.yaml"
    words.write_text("latest: Brandneu\n", encoding="utf-8")
    served = save(words, "after")
    assert b">Brandneu</a>" in served["index.html"]


def test_a_new_language_of_the_site_falls_back_word_by_word(tmp_path):
    root = site_in(tmp_path, "zh", {"themes/default/i18n/zh.yaml": "latest: 最新\n"})
    result, out = built(root)
    front = page(out, "index.html")
    assert ">最新</a>" in front and ">Hot</a>" in front and "4 Mar 2026" in front
    warnings = [str(w) for w in result.site.warnings]
    assert any(w.startswith("themes/default/i18n/zh.yaml: no `months`: the theme shows it in English (January, ")
               for w in warnings), warnings
    assert not any("no `latest`" in w for w in warnings)


@pytest.mark.slow
def test_the_search_page_says_its_messages_in_the_language(tmp_path, page):
    from conftest import static_server

    _, out = built(site_in(tmp_path, "de"))
    with static_server(out, "/gazette/") as base:
        page.goto(base + "search/?q=scarf")
        status = page.locator("#search-status").filter(has_text="für „scarf“")
        status.wait_for(timeout=10_000)
        assert status.inner_text() == "1 Ergebnis für „scarf“"  # the singular, chosen by Intl.PluralRules("de")
        assert "+2 Quellen" in page.locator("#search-results").inner_text()
        assert page.locator("#search-results .signal.heat").first.get_attribute("aria-label").startswith("Resonanz ")
        page.goto(base + "search/?q=zzzzqqq")
        page.locator("#search-status").filter(has_text="Keine Ergebnisse für „zzzzqqq“.").wait_for(timeout=10_000)
