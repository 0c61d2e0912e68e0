"""Stories of Japanese (and Chinese, Korean) news: two providers' reports of one story are one story whichever
width their letters and digits are written in (`ＡＩ` and `AI`, `２０２６` and `2026`, `ｽﾏﾎ` and `スマホ`), as
Japanese sites write them both ways; two stories that only share a katakana word stay apart
(generator/site/stories.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from generator.site.stories import StoryInput, cluster

T0 = datetime(2026, 12, 7, 0, 30, tzinfo=timezone.utc)


def item(name: str, title: str, excerpt: str, minutes: int) -> StoryInput:
    provider = name.split("-")[0]
    return StoryInput(source=f"content/news/{name}.md", title=title, excerpt=excerpt, provider=provider,
                      published=T0 + timedelta(minutes=minutes), web_url=f"https://{provider}.example.jp/{name}.html")


ITEMS = [
    item("sokuho-chip", "【速報】ＡＩ半導体の新工場、熊本で２０２６年に稼働へ",
         "半導体大手は７日、熊本県に新工場を建設し、ＡＩ向けチップを量産すると発表した。", 0),
    item("mainichi-chip", "熊本のAI半導体新工場が2026年稼働へ　量産開始",
         "半導体大手が熊本県にAI向けチップの新工場を建設すると発表。2026年に量産を開始する。", 30),
    item("sokuho-phone", "「ｽﾏﾎ」新機種、月額１９８０円の格安ﾌﾟﾗﾝ",
         "携帯大手はｽﾏﾎの格安ﾌﾟﾗﾝを発表した。", 60),
    item("mainichi-phone", "スマホ新機種、月額1980円の格安プラン発表",
         "携帯大手がスマホの新しい格安プランを発表した。", 90),
    item("cloud-network", "コンピュータ・ネットワークの新サービス開始",
         "コンピュータ・ネットワーク各社が新サービスを開始した。", 40),
    item("game-shogi", "コンピューター将棋の新大会、プログラマーが集結",
         "コンピューター将棋の大会が開かれ、全国のプログラマーが参加した。", 50),
]


def stories() -> dict[str, set[str]]:
    found = {}
    for story in cluster(ITEMS):
        names = {member.rsplit("/", 1)[1][:-3] for member in story.members}
        for name in names:
            found[name] = names
    assert len(found) == len(ITEMS)
    return found


def test_one_story_written_in_full_width_and_in_half_width_letters_is_one_story():
    found = stories()
    assert found["sokuho-chip"] == {"sokuho-chip", "mainichi-chip"}
    assert found["sokuho-phone"] == {"sokuho-phone", "mainichi-phone"}


def test_two_stories_that_share_a_katakana_word_stay_apart():
    found = stories()
    assert found["cloud-network"] == {"cloud-network"}
    assert found["game-shogi"] == {"game-shogi"}
