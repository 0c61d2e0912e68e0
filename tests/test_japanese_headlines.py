"""Japanese headlines break between phrases, as Japanese readers expect a headline set: a line never ends inside
a word (`半導体`, `スマートフォン`), on cards, in the front page's lists and on the story's page, on a phone and
on a desktop screen (themes/default/static/css/site.css: `word-break: auto-phrase`, which the browser applies to
text in Japanese, the page's language)."""

from __future__ import annotations

import pytest
from conftest import BASIC_CONFIG, build_site, item, make_site, static_server

# Headlines of a Japanese tech-news site, each with the words no line may end inside.
HEADLINES = [
    ("【速報】ＡＩ半導体の新工場、熊本で２０２６年に稼働へ", ["半導体", "新工場", "熊本", "稼働"]),
    ("「スマートフォン」新機種、月額１９８０円の格安プランを発表", ["スマートフォン", "新機種", "格安", "発表"]),
    ("デジタル庁が令和８年度予算を要求、クラウド移行を加速", ["デジタル庁", "令和", "予算", "要求", "クラウド", "加速"]),
    ("コンピューター将棋の新大会、全国のプログラマーが集結", ["コンピューター", "将棋", "プログラマー", "集結"]),
    ("ゲーム機「プレイ５」値下げ、税込み３万９８００円に", ["ゲーム機", "値下げ", "税込み"]),
    ("東京都がデータセンター誘致へ、再生可能エネルギーを活用", ["東京都", "データセンター", "誘致", "エネルギー", "活用"]),
]

# Where each headline's lines end: the text of each line of each element showing a headline.
LINES = """(selector) => [...document.querySelectorAll(selector)].map(element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), lines = [];
  let top = null, line = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let at = 0; at < node.data.length; at++) {
      const range = document.createRange();
      range.setStart(node, at); range.setEnd(node, at + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top !== null && box.top > top + box.height / 2) { lines.push(line); line = ""; }
      top = box.top; line += node.data[at];
    }
  }
  lines.push(line);
  return lines;
})"""


@pytest.mark.slow
def test_japanese_headlines_break_between_phrases_never_inside_a_word(browser, tmp_path):
    files = {f"content/story-{n}.md": item(title, f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n,
                                           provider="{name: 東京テック, domain: tokyo.example}")
             for n, (title, _) in enumerate(HEADLINES)}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: ja\n"))
    assert len(result.site.model.site.items) == len(HEADLINES)
    words = {title: inside for title, inside in HEADLINES}
    paths = ["", "latest/"] + [entry.path for entry in result.site.model.site.items]

    def spans(title: str) -> list[tuple[int, int]] | None:
        return [(title.index(word), title.index(word) + len(word)) for word in words[title]] if title in words else None

    broken, lines_seen = words_broken(browser, config, paths, ".card-title a, main h1", spans)
    assert lines_seen > 2 * len(HEADLINES) * 2, lines_seen  # (headlines on two lines or more were looked at)
    assert not broken, "\n".join(map(str, broken))


def words_broken(browser, config, paths: list[str], selector: str, spans) -> tuple[list[tuple], int]:
    """(width, path, its lines, word) for each word a line ends inside, in the elements `selector` finds on each of
    the site's `paths` at a phone's and a desktop's width; and how many lines were looked at. `spans(text)`: where
    the words of an element's text are that no line may end inside ((start, end) each), None for a text not
    looked at."""
    broken, lines_seen = [], 0
    with static_server(config.output_path, config.base_path) as url:
        for width in (390, 1366):
            context = browser.new_context(viewport={"width": width, "height": 900})
            try:
                tab = context.new_page()
                for path in paths:
                    tab.goto(url + path.lstrip("/"), wait_until="load")
                    for lines in tab.evaluate(LINES, selector):
                        text = "".join(lines)
                        words = spans(text)
                        if words is None:
                            continue
                        lines_seen += len(lines)
                        ends = [sum(map(len, lines[:k])) for k in range(1, len(lines))]
                        broken += [(width, path, " / ".join(lines), text[start:stop]) for start, stop in words
                                   for end in ends if start < end < stop]
            finally:
                context.close()
    return broken, lines_seen
