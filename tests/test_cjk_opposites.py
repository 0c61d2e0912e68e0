"""Korean, Japanese and Chinese headlines of opposite news (`삼성전자 실적 상승`, `삼성전자 실적 하락`; `トヨタ株が上昇`,
`トヨタ株が下落`; `茅台股价上涨`, `茅台股价下跌`) are two stories, as English's "rises" and "falls" are
(generator/site/opposites.py), while two providers' reports of one story stay one. Their words are written without
spaces, or with particles and endings attached (`상승세`, `하락했다`): a word of a pair is found inside them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from generator.site.stories import StoryInput, StorySettings, cluster

T0 = datetime(2026, 12, 7, 0, 30, tzinfo=timezone.utc)


def item(name: str, title: str, excerpt: str, minutes: int) -> StoryInput:
    provider = name.split("-")[0]
    return StoryInput(source=f"content/news/{name}.md", title=title, excerpt=excerpt, provider=provider,
                      published=T0 + timedelta(minutes=minutes), web_url=f"https://{provider}.example/{name}.html")


# (the site's language, two providers' reports of one story, and a pair of opposite reports)
CASES = {
    "ko": ([item("etnews-chip", "삼성전자, AI 반도체 투자 확대", "삼성전자가 AI 반도체 투자를 늘린다고 밝혔다.", 0),
            item("zdnet-chip", "삼성전자 AI 반도체 투자 확대 발표", "삼성전자가 인공지능 반도체 투자를 늘린다고 발표했다.", 20)],
           [item("dt-up", "삼성전자 실적 상승", "삼성전자 실적이 상승했다.", 30),
            item("bloter-down", "삼성전자 실적 하락", "삼성전자 실적이 하락했다.", 40)]),
    "ja": ([item("sokuho-chip", "トヨタ、新工場を熊本に建設", "トヨタは熊本県に新工場を建設すると発表した。", 0),
            item("mainichi-chip", "トヨタが熊本に新工場建設へ", "トヨタが熊本県に新しい工場を建設する。", 20)],
           [item("sokuho-up", "トヨタ株が上昇", "トヨタ株が上昇した。", 30),
            item("mainichi-down", "トヨタ株が下落", "トヨタ株が下落した。", 40)]),
    "zh": ([item("xinhua-chip", "华为发布新款芯片", "华为今天发布了新款人工智能芯片。", 0),
            item("sina-chip", "华为新款芯片正式发布", "华为正式发布新款人工智能芯片。", 20)],
           [item("xinhua-up", "茅台股价上涨", "茅台股价今天上涨。", 30),
            item("sina-down", "茅台股价下跌", "茅台股价今天下跌。", 40)]),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_opposite_headlines_are_two_stories_and_one_story_stays_one(language):
    same, opposite = CASES[language]
    found = {}
    for story in cluster(same + opposite, StorySettings(language=language)):
        names = {member.rsplit("/", 1)[1][:-3] for member in story.members}
        found.update(dict.fromkeys(names, names))
    assert len(found) == 4
    one, other = (entry.source.rsplit("/", 1)[1][:-3] for entry in same)
    up, down = (entry.source.rsplit("/", 1)[1][:-3] for entry in opposite)
    assert found[one] == {one, other}, found
    assert found[up] == {up} and found[down] == {down}, found
