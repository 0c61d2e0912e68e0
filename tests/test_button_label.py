"""A story page's "Read the full story on <provider>" button on a phone, in a language whose label wraps."""

from __future__ import annotations

import pytest

from conftest import BASIC_CONFIG, build_site, item, make_site, static_server

# Where the provider's name starts, and where the label's last line before it starts: the name reads on from it
PLACES = """() => { const a = document.querySelector('a.button'), name = a.querySelector('bdi');
  const range = document.createRange(); range.setStart(a, 0); range.setEndBefore(name);
  const lines = [...range.getClientRects()], first = name.getClientRects()[0];
  return {lines: lines.map(r => Math.round(r.top)), name_top: Math.round(first.top), name_left: Math.round(first.left),
          label_left: Math.round(lines[0].left)}; }"""


@pytest.mark.slow
@pytest.mark.parametrize("language", ["es", "de", "fr"])
def test_the_providers_name_reads_on_from_the_words_before_it(browser, tmp_path, language):
    """The button was a flexbox: "Leer la noticia completa en" wrapped to two lines in one column and "El Cronista"
    stood in a column beside them, at the height of the first, on a 390 px phone. The label is one text that
    wraps as a sentence does: the name follows the last line of the words before it."""
    files = {"content/x.md": item("Camión eléctrico", provider="{name: El Cronista Independiente, domain: c.example}",
                                  webUrl="https://c.example/x")}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + f"language: {language}\n"))
    with static_server(config.output_path) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        tab = context.new_page()
        tab.goto(base + "news/2026/11/20/x/")
        places = tab.evaluate(PLACES)
        context.close()
    assert places["lines"], places
    last_line = max(places["lines"])
    # on the last line of the words (after them), or at the start of the next line (under the label's first word)
    assert places["name_top"] >= last_line - 2, places
    assert places["name_top"] > last_line + 2 or places["name_left"] > places["label_left"], places
    assert places["name_top"] <= last_line + 2 or abs(places["name_left"] - places["label_left"]) <= 2, places
