"""A headline's width, as a reader sees it: a Chinese, Japanese or Korean letter (East Asian Wide or Fullwidth)
is drawn about twice as wide as a Latin one, so it counts 2 when a headline is measured for `long` (cut at four
lines on a phone). The template's `text_width` and search.js's textWidth are one rule: checked here on the same
strings, and the list of wide characters against Unicode's."""

from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest

from conftest import ROOT
from generator.site.text import WIDE, WIDE_UNICODE, text_width

MIXED = [
    "", "Harbour bridge reopens after repairs", "Ça coûte cher", "Cafe\u0301",  # (an accent as a mark: 2 characters)
    "東京都、来年度から新しい防災計画", "서울시 지하철 요금 인상", "北京发布新的空气质量标准", "ｱｲｳｴｵ",  # (halfwidth: 1)
    "ＡＢＣ１２３", "「速報」台風１０号が上陸", "Tokyo 東京 2026年", "𠀋𡈽 (plane 2)", "🗾😀🇯🇵", "👩\u200d👩\u200d👧",
    "مرحبا بالعالم", "שלום", "Привет, мир", "สวัสดีครับ", "हिन्दी समाचार", "\u3000全角スペース\u3000",
    "日" * 100, "日" * 101, "a" * 200, "a" * 201, "日本" * 50 + "a", "\u1100\u1161\u11a8",
]


def _every_character() -> str:
    """Every assigned character of planes 0 to 3 (where the wide ones are), but the surrogates."""
    return "".join(chr(c) for c in range(0x40000) if unicodedata.category(chr(c)) not in ("Cn", "Cs"))


def test_a_wide_letter_counts_two_and_every_other_character_one():
    assert text_width("Harbour bridge") == 14 and text_width("") == 0
    assert text_width("東京都") == 6 and text_width("서울") == 4 and text_width("ＡＢ") == 4
    assert text_width("ｱｲｳ") == 3  # halfwidth katakana is as wide as a Latin letter
    assert text_width("Tokyo 東京") == 10
    assert text_width("😀") == 2 and text_width("𠀋") == 2  # (beyond plane 0: one character each)
    assert text_width("a" * 200) == 200 and text_width("日" * 100) == 200 and text_width("日" * 101) == 202


def test_search_js_measures_a_headline_as_the_template_does(tmp_path):
    strings = [*MIXED, _every_character()]
    (tmp_path / "strings.json").write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    script = """
        const fs = require("fs"), vm = require("vm"), [dir, file] = process.argv.slice(1);  // (node -e: no script path)
        globalThis.window = globalThis;
        globalThis.document = { getElementById: () => null };
        vm.runInThisContext(fs.readFileSync(dir + "/search.js", "utf8"));
        const strings = JSON.parse(fs.readFileSync(file, "utf8"));
        process.stdout.write(JSON.stringify(strings.map(s => window.newsdeskSearch.textWidth(s))));
    """
    run = subprocess.run(["node", "-e", script, str(ROOT / "themes/default/static/search"),
                          str(tmp_path / "strings.json")], capture_output=True, text=True, check=True)
    in_node = json.loads(run.stdout)
    assert len(in_node) == len(strings) and in_node == [text_width(s) for s in strings]
    assert in_node[-1] > len(strings[-1]) + 100_000  # (the wide ones are most of all characters: CJK ideographs)


@pytest.mark.slow
def test_the_wide_characters_are_unicodes_east_asian_wide_and_fullwidth():
    assigned = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) != "Cn"]
    wide = [char for char in assigned if text_width(char) == 2]
    if unicodedata.unidata_version == WIDE_UNICODE:
        assert wide == [char for char in assigned if unicodedata.east_asian_width(char) in "WF"]
    else:  # (a Python of another Unicode assigns characters the list cannot know: those it names are still wide)
        assert [char for char in wide if unicodedata.east_asian_width(char) not in "WF"] == []
    assert len(wide) > 100_000 and WIDE.startswith("\u1100")
    assert sum(text_width(char) == 1 for char in assigned) == len(assigned) - len(wide)
