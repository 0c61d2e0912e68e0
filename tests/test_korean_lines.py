"""Korean text breaks between words, at its spaces, as Korean readers expect it set: a line never ends inside a word
(`반도체`, `스마트시티를`), in headlines on cards and on the story's page, in excerpts and in the text, on a phone and on a
desktop screen (themes/default/static/css/site.css: `word-break: keep-all` for Korean, whose words are written
with spaces; the browser's default breaks between any two syllables, as it does Chinese)."""

from __future__ import annotations

import re

import pytest
from conftest import BASIC_CONFIG, build_site, item, make_site
from test_japanese_headlines import words_broken

HEADLINES = [
    "삼성전자, 인공지능 반도체 생산라인 증설에 내년까지 대규모 투자 확대",
    "서울시는 자율주행 버스를 강남과 여의도에서 시범 운행한다고 밝혔다",
    "카카오, 새 인공지능 서비스 공개… 월 12,900원 요금제로 구독자 확보 나서",
    "정부「디지털플랫폼정부」실현 계획 발표（초안）, 공공데이터 개방 확대한다",
]
EXCERPTS = [
    "과학기술정보통신부는 차세대 네트워크 기술 개발을 위해 민간 기업들과 협력하겠다고 발표했다。 세부 계획은 다음 달 공개된다.",
    "반도체 업계는 인공지능 수요가 늘면서 고대역폭 메모리 생산을 확대하고 있으며, 관련 장비 투자도 크게 늘어날 전망이다.",
    "교통 당국은 자율주행 버스의 안전성을 점검한 뒤 운행 구간을 단계적으로 넓히겠다고 설명했다. 시민들의 반응은 엇갈렸다.",
    "업계 관계자들은 구독형 서비스의 가격 경쟁이 치열해지면서 소비자들의 선택지가 넓어질 것으로 내다봤다고 전했다.",
]

BODY = " ".join(EXCERPTS * 3)  # (a paragraph of many lines: on a phone and on a desktop screen)


@pytest.mark.slow
def test_korean_text_breaks_at_its_spaces_never_inside_a_word(browser, tmp_path):
    files = {f"content/story-{n}.md": item(title, f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n,
                                           excerpt=f"'{excerpt}'", provider="{name: 전자신문, domain: etnews.example}",
                                           body=BODY)
             for n, (title, excerpt) in enumerate(zip(HEADLINES, EXCERPTS))}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: ko\n"))
    assert len(result.site.model.site.items) == len(HEADLINES)
    texts = set(HEADLINES) | set(EXCERPTS) | {BODY}
    paths = ["", "latest/"] + [entry.path for entry in result.site.model.site.items]

    def spans(text: str) -> list[tuple[int, int]] | None:  # (a line may end before a bracket: a run of letters)
        return [word.span() for word in re.finditer(r"[^\W_]+", text)] if text in texts else None

    broken, lines_seen = words_broken(browser, config, paths, ".card-title a, main h1, .excerpt, main p", spans)
    assert lines_seen > 2 * len(HEADLINES) * 2, lines_seen  # (texts on two lines or more were looked at)
    assert not broken, "\n".join(map(str, broken))
